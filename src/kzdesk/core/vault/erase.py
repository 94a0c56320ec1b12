"""Emergency erase: make the vault unreadable at once, with or without the passphrase.

Every copy of the data (the database, its WAL, the backups in backups/) is encrypted under one
random data key, and that key exists only wrapped in the key slots of vault.json (and, if the user
turned it on, in the system keyring). Overwriting the slots with random bytes, flushing them to
disk, deleting them and the keyring entry destroys the key; overwriting the database's first
pages (its salt and schema) as well means a key recovered later from memory opens nothing either.
It needs no passphrase on purpose: whoever holds the laptop could delete the files anyway, and
under pressure the volunteer must be able to act in seconds.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kzdesk.core.errors import VaultError
from kzdesk.core.vault.atomic import fsync_dir, leftover_temps
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.repair import DAMAGED_DIR
from kzdesk.core.vault.vault import BACKUP_DIR, DATABASE_FILE, HEADER_FILE

HEAD_BYTES = 1024 * 1024  # the database's first pages: salt, schema, the start of the tables


def _overwrite(path: Path, length: int | None = None) -> None:
    """Random bytes over the file (or its first `length` bytes), flushed to the disk."""
    size = path.stat().st_size if length is None else min(length, path.stat().st_size)
    with path.open("r+b") as fh:
        fh.write(os.urandom(size))
        fh.flush()
        os.fsync(fh.fileno())


def erase(vault_path: Path) -> None:
    """Destroy the key slots (and the keyring entry) so that nothing in the vault can be opened."""
    header_file = vault_path / HEADER_FILE
    if not header_file.exists():
        raise VaultError("There is no vault at {path}.", path=str(vault_path))
    with contextlib.suppress(Exception):  # a damaged header must not stop the erase
        from kzdesk.core.vault import remember

        remember.forget(VaultHeader.load(header_file))
    _overwrite(header_file)
    header_file.unlink()
    for stale in leftover_temps(vault_path):  # copies of the slots left by header writes that were killed
        with contextlib.suppress(OSError):
            _overwrite(stale)
            stale.unlink()
    for name in (DATABASE_FILE, f"{DATABASE_FILE}-wal"):
        target = vault_path / name
        if target.exists():
            _overwrite(target, HEAD_BYTES)
    fsync_dir(vault_path)
    # The key is gone, so what is left is noise; it goes too, so that the folder is empty again and
    # a backup can be restored into it (from the window's first-run wizard as well). The copies in
    # backups/ and damaged/ are overwritten first like the database: two recovery shares would
    # otherwise still open them.
    remains = [vault_path / name for name in (DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm")]
    for sub in (BACKUP_DIR, DAMAGED_DIR):
        if (vault_path / sub).is_dir():
            remains += sorted(p for p in (vault_path / sub).iterdir() if p.is_file())
    for target in remains:
        with contextlib.suppress(FileNotFoundError):
            if target.parent != vault_path:
                _overwrite(target, HEAD_BYTES)
            target.unlink()
    for sub in (BACKUP_DIR, DAMAGED_DIR):
        with contextlib.suppress(OSError):
            (vault_path / sub).rmdir()
    fsync_dir(vault_path)
