"""Fixtures of the security tests (found by pytest; helpers that are imported live in helper modules)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs of its own, or a skip saying why this machine cannot have one."""
    if not sys.platform.startswith("linux"):
        pytest.skip("a tmpfs can only be mounted on Linux")
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    if shutil.which("mount") is None or shutil.which("umount") is None:
        pytest.skip("no mount/umount command")
    disk = tmp_path / "small"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(disk)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {done.stderr.strip()}")
    try:
        stats = os.statvfs(disk)
        assert stats.f_blocks * stats.f_frsize <= 4 * 1024 * 1024, "not the small filesystem"
        yield disk
    finally:
        # A file a failed test left open keeps the mount busy: detach it lazily then.
        if subprocess.run(["umount", str(disk)], capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(disk)], check=True)
