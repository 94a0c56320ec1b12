"""Lists for the command line and the windows: persons with their number of acts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from kzdesk.core.model.names import sort_key


@dataclass(frozen=True)
class PersonRow:
    uuid: str
    name: str
    acts: int
    consent: str


def persons(conn: Connection) -> list[PersonRow]:
    """Every current person with the number of current acts against them, by name."""
    rows = conn.exec_driver_sql(
        "SELECT p.uuid, p.name, p.consent, count(a.uuid) FROM person p "
        "LEFT JOIN act a ON a.person = p.uuid AND a.deleted = 0 WHERE p.deleted = 0 GROUP BY p.uuid"
    ).fetchall()
    # Sorted in Python: SQLite's ORDER BY knows neither Cyrillic case nor the Kazakh alphabet.
    return sorted((PersonRow(u, n, a, c) for u, n, c, a in rows), key=lambda r: (sort_key(r.name), r.uuid))
