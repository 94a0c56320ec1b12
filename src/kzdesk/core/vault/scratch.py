"""Copies of the database on their way somewhere: made in one folder of the vault, found after a crash.

A backup (a copy in backups/ or a one-file backup), a restore, a repair and a change of the data key
each write a whole encrypted copy of the database before it is complete. They are all made here, in
the vault's `partial/` folder (never in a shared temp folder), as files of mode 0600 created before
SQLCipher writes into them. What a kill -9 or a full disk leaves behind is therefore in one known
place: the next open or backup overwrites and removes it (`sweep`), and so does an emergency erase.

While a copy is being made, its maker holds a shared lock on `partial/lock`; a sweep takes the
exclusive lock without waiting, so it never removes a copy another kzdesk process is still writing.
Where there are no such locks (Windows), a file in use cannot be renamed, and the sweep claims each
file by renaming it first.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kzdesk.core.atomic import fsync_dir
from kzdesk.core.vault.layout import BACKUP_DIR, LOCK_FILE, SCRATCH_DIR, SIDECARS

CHUNK = 1024 * 1024
# SQLite's files beside a database it writes (an attached copy keeps a rollback journal).

Progress = Callable[[int], None]  # bytes overwritten since the last call


def folder(vault_path: Path) -> Path:
    return vault_path / SCRATCH_DIR


def shred(path: Path, progress: Progress | None = None) -> None:
    """Overwrite every byte of the file with random bytes, flush it to the disk, then remove it.

    In place (r+b), so the blocks that held the data are the ones overwritten, as far as the file
    system lets a program do that (see SECURITY.md: solid-state disks may keep old blocks)."""
    try:
        with path.open("r+b") as fh:
            overwrite(fh, progress)
    except FileNotFoundError:
        return
    path.unlink(missing_ok=True)


def overwrite(fh: BinaryIO, progress: Progress | None = None) -> None:
    """Random bytes over the whole open file `fh`, flushed to the disk."""
    size = os.fstat(fh.fileno()).st_size
    fh.seek(0)
    left = size
    while left > 0:
        step = min(CHUNK, left)
        fh.write(os.urandom(step))
        left -= step
        if progress is not None:
            progress(step)
    fh.flush()
    os.fsync(fh.fileno())


def _lock_fd(vault_path: Path) -> int:
    where = folder(vault_path)
    where.mkdir(mode=0o700, exist_ok=True)
    return os.open(where / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)


@contextmanager
def _locked(vault_path: Path, exclusive: bool) -> Iterator[bool]:
    """Hold partial/lock (shared: making a copy; exclusive, never waiting: sweeping). Yields whether
    the lock is held; without fcntl (Windows) always True."""
    fd = _lock_fd(vault_path)
    try:
        try:
            import fcntl
        except ImportError:
            yield True
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB if exclusive else fcntl.LOCK_SH)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _new_file(path: Path) -> None:
    """Create an empty file readable by its owner only, before anything is written into it: SQLite
    would create it with 0644 (less the umask), and a copy cut short would keep that mode."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        if hasattr(os, "fchmod"):
            with contextlib.suppress(OSError):  # FAT/exFAT sticks have no Unix permissions to set
                os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def remove(path: Path) -> None:
    """Shred a copy and whatever SQLite left beside it."""
    for item in (path, *(path.with_name(path.name + s) for s in SIDECARS)):
        with contextlib.suppress(OSError):  # a failing disk must not hide the error that brought us here
            shred(item)


@contextmanager
def new_copy(vault_path: Path, name: str) -> Iterator[Path]:
    """An empty file (mode 0600) in partial/ for a copy of the database. Whatever is still there on
    leaving (the caller did not move it into place: an error, a full disk) is overwritten and removed."""
    with _locked(vault_path, exclusive=False):
        path = folder(vault_path) / f"{name}-{os.urandom(6).hex()}.db"
        _new_file(path)
        try:
            yield path
        finally:
            remove(path)


@contextmanager
def new_copies(vault_path: Path, name: str, count: int) -> Iterator[list[Path]]:
    """Like new_copy, for several copies made under one lock."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(new_copy(vault_path, f"{name}{i}")) for i in range(count)]


def leftovers(vault_path: Path) -> list[Path]:
    """Copies a killed or failed run may have left: everything in partial/ but the lock, and what
    earlier versions of kzdesk made elsewhere (export copies in the vault folder, restore staging,
    unfinished copies in backups/)."""
    found: list[Path] = []
    where = folder(vault_path)
    if where.is_dir():
        found += [p for p in where.iterdir() if p.name != LOCK_FILE and p.is_file()]
    found += [p for p in vault_path.glob("kzdesk-*-export-*.db*") if p.is_file()]
    found += [p for p in vault_path.glob(".restore-*.db") if p.is_file()]
    found += [p for p in (vault_path / BACKUP_DIR).glob("kzdesk-*.db.partial*") if p.is_file()]
    return sorted(found)


def sweep(vault_path: Path) -> int:
    """Overwrite and remove what killed or failed runs left (see leftovers); returns how many.

    Skipped while another kzdesk process is making a copy: its copy is not a leftover."""
    if not vault_path.is_dir():
        return 0
    stale = leftovers(vault_path)
    if not stale:
        return 0
    removed = 0
    with _locked(vault_path, exclusive=True) as held:
        if not held:
            return 0
        for path in leftovers(vault_path):
            claimed = path.with_name(path.name + ".sweep") if not path.name.endswith(".sweep") else path
            try:
                os.replace(path, claimed)  # Windows refuses while the file is open elsewhere
                shred(claimed)
                removed += 1
            except OSError:
                continue
    fsync_dir(folder(vault_path))
    return removed
