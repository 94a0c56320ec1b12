"""Errors the user sees: each carries a translatable message and the exit status of the CLI."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from kzdesk.core.i18n import tr

# Exit statuses of the command line, one per kind of failure a script may want to tell apart.
EXIT_INPUT = 1
EXIT_PASSPHRASE = 2
EXIT_VAULT = 3


class KzdeskError(Exception):
    """A failure with a message for the user; rendered in the language current when printed."""

    exit_code = EXIT_INPUT

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    def message(self, lang: str | None = None) -> str:
        """The message in the user's language."""
        return tr(self.msgid, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class PassphraseError(KzdeskError):
    """Wrong, empty or unavailable passphrase."""

    exit_code = EXIT_PASSPHRASE


class VaultError(KzdeskError):
    """The vault is missing, damaged, foreign, too new, or the encryption driver is absent."""

    exit_code = EXIT_VAULT


class VaultDamaged(VaultError):
    """The database is missing, truncated or fails its page check: nothing was opened, and the
    program offers to put back a backup copy instead (see vault/repair.py)."""


class InputError(KzdeskError):
    """Bad input from the user (a file, a value); nothing was stored."""

    exit_code = EXIT_INPUT


class DiskFull(VaultError):
    """No space left where the vault (or a copy of it) is written: SQLite rolled the change back, so
    nothing was changed, and the remedy is free space, not a repair (see full_disk below)."""

    def __init__(self) -> None:
        super().__init__("There is no free space left on the disk. Nothing was changed: free some space "
                         "on the disk (empty the trash, move large files away), then try again.")


# What SQLite and the OS call a full disk. EDQUOT (a user's quota spent) is the same to the user.
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
# SQLite errors a full disk can also cause: creating the WAL index (-shm) or growing a file on a
# full disk fails as an I/O error or "unable to open", not as SQLITE_FULL. Only with a look at the
# disk itself do these say "full"; otherwise they remain what they say.
_AMBIGUOUS_NAMES = ("SQLITE_IOERR", "SQLITE_CANTOPEN")
_AMBIGUOUS_TEXTS = ("disk I/O error", "unable to open database file")
# Below this the disk counts as full: SQLite needs room for the WAL index (32 KiB) and a few pages.
MIN_FREE_BYTES = 1024 * 1024


def _causes(exc: BaseException) -> list[BaseException]:
    """exc, the driver error a SQLAlchemy error wraps, and what it was raised from."""
    found: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop()
        if item is None or any(item is seen for seen in found) or len(found) > 16:
            continue
        found.append(item)
        todo += [getattr(item, "orig", None), item.__cause__, item.__context__]
    return found


def _no_room(folder: Path) -> bool:
    """Whether this user can still write in folder: free space by statvfs, then a 4 KiB probe
    (which also meets a spent quota). The probe holds zeros only and is removed at once."""
    folder = folder if folder.is_dir() else folder.parent
    try:
        if shutil.disk_usage(folder).free < MIN_FREE_BYTES:
            return True
        handle, name = tempfile.mkstemp(prefix=".tmp-space-", dir=folder)
    except OSError as exc:
        return exc.errno in _FULL_ERRNOS
    try:
        os.write(handle, bytes(4096))
        os.fsync(handle)
    except OSError as exc:
        return exc.errno in _FULL_ERRNOS
    finally:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(name)
    return False


def full_disk(exc: BaseException, folder: Path | None = None) -> DiskFull | None:
    """A DiskFull when exc (or what it wraps) comes from a full disk, else None.

    The one place that tells a full disk from damage: SQLITE_FULL and ENOSPC/EDQUOT say so
    themselves; an I/O or open error from SQLite does when the disk holding folder has no room.
    """
    ambiguous = False
    for item in _causes(exc):
        if isinstance(item, DiskFull):
            return item
        if isinstance(item, OSError) and item.errno in _FULL_ERRNOS:
            return DiskFull()
        name = str(getattr(item, "sqlite_errorname", ""))
        text = str(item) if type(item).__module__.startswith(("sqlcipher3", "sqlite3")) else ""
        if name == "SQLITE_FULL" or "database or disk is full" in text:
            return DiskFull()
        if name.startswith(_AMBIGUOUS_NAMES) or any(words in text for words in _AMBIGUOUS_TEXTS):
            ambiguous = True
    if ambiguous and folder is not None and _no_room(folder):
        return DiskFull()
    return None
