"""Emergency erase: make the vault unreadable at once, with or without the passphrase.

Every copy of the data (the database, its WAL, the copies in backups/, damaged/ and partial/) is
encrypted under one random data key, and that key exists only wrapped in the key slots of vault.json
(and, if the user turned it on, in the system keyring). So the slots go first: overwritten with random
bytes, flushed to the disk and deleted, and the keyring entry dropped; from that moment the vault is
closed for anyone without a copy of the key.

But a copy of the key can exist: recovery shares on paper, or a key taken from memory. SQLCipher's
raw-key pages decrypt with the key alone (the salt at the start of the file is not needed), so every
page of every copy is then overwritten in place, not only the first ones, and the files removed. That
is what takes time, and it is reported through `progress` (bytes done, bytes in all).

It needs no passphrase on purpose: whoever holds the laptop could delete the files anyway, and under
pressure the volunteer must be able to act in seconds. What it cannot reach (blocks a solid-state
disk keeps aside, copies made elsewhere) is said in SECURITY.md.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from kzdesk.core.atomic import fsync_dir, leftover_temps
from kzdesk.core.errors import VaultError
from kzdesk.core.vault import remember, scratch
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.layout import BACKUP_DIR, DAMAGED_DIR, DATABASE_FILE, HEADER_FILE, SCRATCH_DIR, SIDECARS

Progress = Callable[[int, int], None]  # bytes overwritten so far, bytes to overwrite in all

SUBFOLDERS = (BACKUP_DIR, DAMAGED_DIR, SCRATCH_DIR)


def copies(vault_path: Path) -> list[Path]:
    """Every file that holds (or may hold) pages of the database: the database and SQLite's files
    beside it, everything in backups/, damaged/ and partial/, and copies older versions left."""
    found = [vault_path / f"{DATABASE_FILE}{suffix}" for suffix in ("", *SIDECARS)]
    for sub in SUBFOLDERS:
        if (vault_path / sub).is_dir():
            found += sorted(p for p in (vault_path / sub).rglob("*") if p.is_file())
    found += scratch.leftovers(vault_path)
    return [p for p in dict.fromkeys(found) if p.is_file()]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def erase(vault_path: Path, progress: Progress | None = None) -> None:
    """Destroy the key slots (and the keyring entry) at once, then overwrite every page of every copy."""
    header_file = vault_path / HEADER_FILE
    if not header_file.exists():
        raise VaultError("There is no vault at {path}.", path=str(vault_path))
    # 1. The key: from here on, nothing in the folder opens with the passphrase or the keyring.
    with contextlib.suppress(Exception):  # a damaged header must not stop the erase
        remember.forget(VaultHeader.load(header_file))
    scratch.shred(header_file)
    for stale in leftover_temps(vault_path):  # copies of the slots left by header writes that were killed
        with contextlib.suppress(OSError):
            scratch.shred(stale)
    fsync_dir(vault_path)
    # 2. Every page of every copy, so that a key kept elsewhere (two recovery shares) opens nothing
    # either; then the folder is empty, and a backup file restores into it (from the wizard too).
    targets = copies(vault_path)
    total = sum(_size(p) for p in targets)
    done = 0

    def advance(step: int) -> None:
        nonlocal done
        done += step
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    for target in targets:
        with contextlib.suppress(FileNotFoundError):
            scratch.shred(target, advance)
    for sub in SUBFOLDERS:
        folder = vault_path / sub
        if folder.is_dir():
            for item in [p for p in folder.rglob("*") if p.is_file()]:  # anything that appeared meanwhile
                with contextlib.suppress(OSError):
                    scratch.shred(item)
            for inner in sorted((d for d in folder.rglob("*") if d.is_dir()), reverse=True):
                with contextlib.suppress(OSError):
                    inner.rmdir()
            with contextlib.suppress(OSError):
                folder.rmdir()
    fsync_dir(vault_path)
