"""Files the user names: read one in, or write one out whole (reports, exports, backups, shares).

One place for the checks and the messages, so every command says the same plain thing about a
missing folder, a folder given as a file, or a file that cannot be read or written.
"""

from __future__ import annotations

import errno
from pathlib import Path

from kzdesk.core.atomic import write_atomic
from kzdesk.core.errors import InputError
from kzdesk.core.i18n import tr

# Failures the user can act on (free space, change the disk) are said in their language; for the
# rest the system's own words are the most precise there are.
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, for a message."""
    if exc.errno in _FULL:
        return tr("the disk is full")
    if exc.errno == errno.EIO:
        return tr("the disk reported an input/output error (it may be failing or was removed)")
    return exc.strerror or type(exc).__name__


def read_input(path: Path) -> bytes:
    """The bytes of a file the user named, or a clear InputError."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError("Cannot read {path}: {reason}", path=str(path),
                         reason=exc.strerror or type(exc).__name__) from None


def check_destination(path: Path) -> None:
    """Refuse a destination that cannot be a new file (asked before the passphrase is)."""
    if not path.parent.is_dir():
        raise InputError("The folder {folder} does not exist; nothing was written.", folder=str(path.parent))
    if path.is_dir():
        raise InputError("{path} is a folder: name the file to write; nothing was written.", path=str(path))


def write_output(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write the whole file or nothing (atomically), readable by its owner only by default."""
    check_destination(path)
    try:
        write_atomic(path, data, mode=mode)
    except OSError as exc:
        raise InputError("Cannot write {path}: {reason}", path=str(path), reason=os_reason(exc)) from None
