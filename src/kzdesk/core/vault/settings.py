"""The vault's own settings: small values kept in the encrypted `setting` table (never in a file).

The one place the table is read and written: the profile, the device's clock, the export sequence,
a parked draft, the coordinator's age key, the date of the last backup file.
"""

from __future__ import annotations

from sqlalchemy import Connection

LAST_BACKUP = "last_backup"  # the day (YYYY-MM-DD) the last backup file was written


def get(conn: Connection, key: str) -> str | None:
    row = conn.exec_driver_sql("SELECT value FROM setting WHERE key = ?", (key,)).first()
    return None if row is None else str(row[0])


def all_of(conn: Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.exec_driver_sql("SELECT key, value FROM setting")}


def put(conn: Connection, key: str, value: str) -> None:
    conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                         "value = excluded.value", (key, value))


def drop(conn: Connection, key: str) -> None:
    conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (key,))
