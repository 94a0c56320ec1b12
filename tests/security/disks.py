"""A small real filesystem filled to the last byte, for the full-disk tests (a helper module; the
`small_disk` fixture that mounts it is in tests/security/conftest.py)."""

from __future__ import annotations

import errno
from pathlib import Path


def fill(disk: Path) -> Path:
    """Take every free byte of the disk; the file returned gives them back when deleted."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    with filler.open("wb", buffering=0) as fh:  # unbuffered: nothing is left to flush on close
        while True:
            try:
                fh.write(chunk)  # takes what still fits; raises once nothing does
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                break
    return filler
