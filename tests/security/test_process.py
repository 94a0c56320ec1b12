"""The kzdesk process leaves no memory dump behind when it crashes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CRASH = """
import os, resource, signal, sys
# As permissive as the system allows (an earlier in-process kzdesk run may have lowered the
# inherited hard limit, which only a privileged process can raise again).
try:
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
except (ValueError, OSError):
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
if sys.argv[1] == "kzdesk":
    from kzdesk.cli import main
    try:
        main(["--version"])  # what every kzdesk start goes through
    except SystemExit:
        pass
secret = "KZCANARY-in-memory " * 1000
os.kill(os.getpid(), signal.SIGSEGV)
"""


def crash(tmp_path: Path, how: str) -> list[Path]:
    folder = tmp_path / how
    folder.mkdir()
    proc = subprocess.run([sys.executable, "-c", CRASH, how], cwd=folder, capture_output=True)
    assert proc.returncode < 0  # it did crash
    return [p for p in folder.iterdir() if p.name.startswith("core")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="core files as Linux writes them")
def test_a_crash_writes_no_core_file(tmp_path: Path) -> None:
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    if pattern.startswith("|") or "/" in pattern:
        pytest.skip(f"core files go elsewhere on this machine ({pattern}); the limits are checked below")
    control = crash(tmp_path, "plain")
    if not control:
        pytest.skip("this machine writes no core files even for a plain Python crash")
    assert crash(tmp_path, "kzdesk") == []


def test_limits_are_set_before_anything_else() -> None:
    probe = ("import ctypes, resource\nfrom kzdesk.cli import main\ntry:\n    main(['--version'])\n"
             "except SystemExit:\n    pass\nprint(resource.getrlimit(resource.RLIMIT_CORE)[0], "
             "ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()[-2:]
    assert out == ["0", "0"]  # no core size, not dumpable
