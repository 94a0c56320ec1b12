"""A damaged database: found on open, never written to, and replaced by the newest intact copy.

Every page of a SQLCipher database carries a MAC, so `PRAGMA cipher_integrity_check` finds any
changed, torn or zeroed page; it is run on every open, before the schema is touched. When it fails
(or the file is missing or truncated) the vault is not opened at all, and the user is offered to
put back a backup: the newest copy in the vault's `backups/` folder (written before migrations,
by `kzdesk backup`, and daily by the window) or a one-file backup. The data key never changes,
so a copy of this vault opens with the current key slots, and the current passphrase keeps
working. The damaged file is not deleted but moved into `damaged/`: whatever is still readable in
it is kept for an expert, and "lose nothing" still holds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Engine

from kzdesk.core.atomic import fsync_dir
from kzdesk.core.errors import InputError, VaultDamaged
from kzdesk.core.files import os_reason
from kzdesk.core.vault import scratch
from kzdesk.core.vault.engine import PAGE_SIZE, PLAINTEXT_HEADER, integrity_problems, load_driver, open_engine
from kzdesk.core.vault.layout import BACKUP_DIR, BACKUP_MEMBERS, DAMAGED_DIR, DATABASE_FILE

log = logging.getLogger(__name__)

DAILY_LABEL = "daily"
DAILY_KEEP = 3
_STAMP = re.compile(r"^kzdesk-(\d{8}T\d{6})\d*Z-.*\.db$")


@dataclass(frozen=True)
class Repaired:
    taken: str  # when the copy that was put back had been made (YYYY-MM-DD HH:MM, UTC)
    kept: Path  # where the damaged database now lies


def page_problems(engine: Engine) -> list[str]:
    """Pages whose MAC does not match (empty when every page is as SQLCipher wrote it)."""
    with engine.connect() as conn:
        return integrity_problems(conn.connection.dbapi_connection, pages_only=True)


def copies(vault_path: Path) -> list[Path]:
    """The database copies in backups/, newest first (their names start with a UTC stamp)."""

    found = [p for p in (vault_path / BACKUP_DIR).glob("kzdesk-*.db") if _STAMP.match(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _stamp(copy: Path) -> datetime | None:
    """When a copy was made, from the UTC stamp in its name."""
    match = _STAMP.match(copy.name)
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC) if match else None


def taken(copy: Path) -> str:
    made = _stamp(copy)
    return made.strftime("%Y-%m-%d %H:%M") if made else ""


def damaged_error(vault_path: Path) -> VaultDamaged:
    """The message for a database that failed on open, naming the way back."""
    newest = copies(vault_path)
    if newest:
        error = VaultDamaged("The vault database is damaged; nothing was opened or written. A backup copy "
                             "from {date} is in the vault folder: 'kzdesk repair' puts it back and keeps "
                             "the damaged file aside.", date=taken(newest[0]))
    else:
        error = VaultDamaged("The vault database is damaged; nothing was opened or written. Put back a "
                             "backup file with 'kzdesk repair --from FILE'.")
    error.params["copies"] = len(newest)
    return error


def is_intact(database: Path, dek: bytes) -> bool:
    """Whether a database file opens under this key and passes both checks; read only, so a
    backup copy is never changed by looking at it."""
    try:
        size = database.stat().st_size
        with database.open("rb") as fh:
            if fh.read(16) == PLAINTEXT_HEADER:
                return False
    except OSError:
        return False
    if size == 0 or size % PAGE_SIZE:
        return False
    driver = load_driver()
    try:
        conn = driver.connect(f"file:{database.resolve().as_posix()}?mode=ro", uri=True)
    except driver.Error:
        return False
    try:
        cur = conn.cursor()
        cur.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        cur.execute("PRAGMA cipher_compatibility = 4")
        if integrity_problems(cur):
            return False
        return cur.execute("SELECT version_num FROM alembic_version").fetchone() is not None
    except driver.Error:
        return False
    finally:
        conn.close()


def is_damaged(vault_path: Path, dek: bytes) -> bool:
    """Whether the vault's own database fails to open or to pass both checks. Opened the normal way
    (read-write, as WAL needs), but nothing is written: only the checks run."""
    from sqlalchemy.exc import DBAPIError


    try:
        engine = open_engine(vault_path / DATABASE_FILE, dek)
    except VaultDamaged:
        return True
    try:
        with engine.connect() as conn:
            return bool(integrity_problems(conn.connection.dbapi_connection))
    except (DBAPIError, VaultDamaged):  # the first connection keys and reads page 1
        return True
    finally:
        engine.dispose()


def repair(vault_path: Path, dek: bytes, backup_file: bytes | None = None) -> Repaired:
    """Put back the newest intact copy (or the database of a one-file backup of this vault).

    Refuses when the database is intact: a good database is never replaced by an older one.
    """

    if not is_damaged(vault_path, dek):
        raise InputError("The vault database is intact; nothing was replaced.")
    try:
        return _put_back(vault_path, dek, backup_file)
    except OSError as exc:
        raise InputError("Cannot write {path}: {reason}", path=str(vault_path), reason=os_reason(exc)) from None


def _put_back(vault_path: Path, dek: bytes, backup_file: bytes | None) -> Repaired:

    if backup_file is not None:
        staged = _stage(vault_path, backup_file)
        when = ""
    else:
        good = next((c for c in copies(vault_path) if is_intact(c, dek)), None)
        if good is None:
            raise InputError("No intact backup copy is in the vault folder. Put back a backup file with "
                             "'kzdesk repair --from FILE'.")
        staged, when = _stage_copy(vault_path, good), taken(good)
    try:
        if backup_file is not None and not is_intact(staged, dek):
            raise InputError("This backup is damaged or belongs to another vault; nothing was replaced.")
        # Only now, with the replacement whole on disk, is the damaged file moved.
        kept = _set_aside(vault_path)
        os.replace(staged, vault_path / DATABASE_FILE)
        fsync_dir(vault_path)
    finally:

        scratch.remove(staged)  # a copy that did not go into place (e.g. a damaged backup)
    log.debug("damaged database replaced by a backup copy")
    return Repaired(when, kept)


def keep_daily_copy(vault_path: Path, make_copy: Callable[[str], Path]) -> Path | None:
    """A fresh copy in backups/ when the newest daily one is over a day old; the oldest dailies go.

    `make_copy` is the vault's own backup method (called with the label), so the copy is made from
    a database that has just passed its page check on open.
    """
    dailies = [c for c in copies(vault_path) if c.name.endswith(f"-{DAILY_LABEL}.db")]
    last = _stamp(dailies[0]) if dailies else None
    if last is not None and datetime.now(UTC) - last < timedelta(days=1):
        return None
    made = make_copy(DAILY_LABEL)
    for old in dailies[DAILY_KEEP - 1:]:
        old.unlink(missing_ok=True)
    return made


def _stage(vault_path: Path, data: bytes) -> Path:
    """The database member of a one-file backup, written into the vault folder (it is encrypted;
    a shared temp folder is never used)."""
    import io


    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sorted(i.filename for i in archive.infolist()) != sorted(BACKUP_MEMBERS):
                raise ValueError("unexpected members")
            database = archive.read(DATABASE_FILE)
    except (zipfile.BadZipFile, ValueError, KeyError, OSError, EOFError):
        raise InputError("This is not a kzdesk backup, or it is damaged.") from None
    return _staged(vault_path, lambda fh: fh.write(database))


def _set_aside(vault_path: Path) -> Path:
    """Move the damaged database and its WAL into damaged/ (the shared-memory index is dropped)."""

    folder = vault_path / DAMAGED_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = folder / f"kzdesk-{stamp}.db"
    database = vault_path / DATABASE_FILE
    if database.exists():
        os.replace(database, kept)
    wal = vault_path / f"{DATABASE_FILE}-wal"
    if wal.exists():
        os.replace(wal, folder / f"{kept.name}-wal")
    with contextlib.suppress(FileNotFoundError):
        (vault_path / f"{DATABASE_FILE}-shm").unlink()
    fsync_dir(folder)
    return kept


def _stage_copy(vault_path: Path, source: Path) -> Path:
    with source.open("rb") as src:
        return _staged(vault_path, lambda dst: shutil.copyfileobj(src, dst, 1 << 20))


def _staged(vault_path: Path, fill: Callable[[BinaryIO], object]) -> Path:
    """A new private file (mode 0600) in the vault's partial/ folder, filled and flushed to the disk;
    on failure overwritten and removed, and one a kill leaves is removed by the next open or erase."""

    staged = scratch.folder(vault_path) / f"restore-{os.urandom(6).hex()}.db"
    staged.parent.mkdir(mode=0o700, exist_ok=True)
    try:
        with open(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        scratch.remove(staged)
        raise
    return staged
