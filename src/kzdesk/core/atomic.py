"""Crash-safe file replacement: readers see the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".tmp-"


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write data to path via a private temp file in the same directory, fsync, rename, fsync dir."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # not on Windows, where the user profile's ACLs protect the file
            with contextlib.suppress(OSError):  # nor on a FAT/exFAT stick, which has no such bits
                os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        # A failing disk may refuse the unlink too: the first error is the one to report.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename durable (no-op where directories cannot be opened, e.g. Windows).

    Never raises: it runs after the rename, when the new file is already in place, and an error
    then would tell the caller that nothing was written (a bundle would not be marked as sent).
    """
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.close(dfd)


def leftover_temps(directory: Path) -> list[Path]:
    """Temp files of writes killed before their rename (on any error it sees, write_atomic removes its
    own). Next to vault.json, each is a copy of the key slots as they were then."""
    return sorted(p for p in directory.glob(TEMP_PREFIX + "*") if p.is_file())
