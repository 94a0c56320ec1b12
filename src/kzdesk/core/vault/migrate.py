"""Schema migrations (Alembic), run on open: encrypted backup first, a newer schema refused."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from kzdesk.core.atomic import fsync_dir
from kzdesk.core.errors import VaultError
from kzdesk.core.vault import scratch

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(location: Path = MIGRATIONS) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    return cfg


def head(location: Path = MIGRATIONS) -> str:
    """The newest schema revision this program knows."""
    heads = ScriptDirectory.from_config(_config(location)).get_heads()
    assert len(heads) == 1, heads
    return heads[0]


def current(engine: Engine) -> str | None:
    """The schema revision stored in the database (None for a database with no schema)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, backup_dir: Path | None, dek: bytes, location: Path = MIGRATIONS) -> Path | None:
    """Bring the schema to head; returns the backup file written first, if any.

    A revision we do not know means the database was written by a newer kzdesk: refuse, change nothing.
    """
    script = ScriptDirectory.from_config(_config(location))
    stored = current(engine)
    if stored == head(location):
        return None
    known = {rev.revision for rev in script.walk_revisions()}
    if stored is not None and stored not in known:
        raise VaultError("This vault was written by a newer version of kzdesk (schema {schema}); "
                         "update kzdesk to open it. Nothing was changed.", schema=stored)
    backup = None
    if stored is not None and backup_dir is not None:
        backup = backup_encrypted(engine, backup_dir, dek, f"before-{head(location)}")
    cfg = _config(location)
    with engine.begin() as conn:
        # The driver opens a transaction only before INSERT/UPDATE/DELETE, so without this BEGIN every
        # CREATE TABLE would commit on its own, and a crash mid-migration would leave half a schema
        # that the next open cannot migrate ("table already exists"). Now it is all or nothing.
        conn.exec_driver_sql("BEGIN")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup


def backup_encrypted(engine: Engine, backup_dir: Path, dek: bytes, label: str) -> Path:
    """Copy the whole database into a new file encrypted with the same key (sqlcipher_export).

    The copy is made in the vault's partial/ folder (mode 0600 from the start) and moved into
    backups/ when complete, so a crash or a full disk never leaves an empty or half copy that looks
    like a backup; what it leaves is overwritten and removed by the next open, backup or erase.
    """
    vault_path = backup_dir.parent
    backup_dir.mkdir(mode=0o700, exist_ok=True)
    scratch.sweep(vault_path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"kzdesk-{stamp}-{label}.db"
    with scratch.new_copy(vault_path, "backup") as partial:
        raw = engine.raw_connection()
        try:
            export_into(raw, partial, dek)
        finally:
            raw.close()
        os.replace(partial, target)
    fsync_dir(backup_dir)
    return target


def export_into(raw: Any, target: Path, dek: bytes) -> None:
    """sqlcipher_export of the database open on the DB-API connection `raw` into `target` (an empty
    file), encrypted with the raw key `dek`; flushed to the disk before returning."""
    from urllib.parse import quote

    cur = raw.cursor()
    # A URI, so that the copy opens read-write even when `raw` opened its own database read-only.
    uri = f"file:{quote(target.resolve().as_posix())}?mode=rw"
    cur.execute("ATTACH DATABASE ? AS backup KEY ?", (uri, f"x'{dek.hex()}'"))
    try:
        cur.execute("SELECT sqlcipher_export('backup')")
        raw.commit()
    finally:
        cur.execute("DETACH DATABASE backup")
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())
