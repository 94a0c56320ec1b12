"""Schema migrations (Alembic), run on open: encrypted backup first, a newer schema refused."""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from kzdesk.core.errors import VaultError
from kzdesk.core.vault.atomic import fsync_dir

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

    The copy is made under a `.partial` name and renamed when complete, so a crash while copying never
    leaves an empty or half copy that looks like a backup; such leftovers are removed the next time.
    """
    backup_dir.mkdir(mode=0o700, exist_ok=True)
    for stale in backup_dir.glob("kzdesk-*.db.partial*"):
        stale.unlink(missing_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"kzdesk-{stamp}-{label}.db"
    partial = target.with_name(target.name + ".partial")
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("ATTACH DATABASE ? AS backup KEY ?", (str(partial), f"x'{dek.hex()}'"))
        try:
            cur.execute("SELECT sqlcipher_export('backup')")
        finally:
            cur.execute("DETACH DATABASE backup")
        raw.commit()
    finally:
        raw.close()
    with contextlib.suppress(OSError):  # FAT/exFAT sticks have no Unix permissions to set
        partial.chmod(0o600)
    os.replace(partial, target)
    fsync_dir(backup_dir)
    return target
