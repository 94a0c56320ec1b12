"""Portable mode leaves the user profile untouched; the fingerprint names this copy's files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kzdesk.core import install

from ..vaults import DATA


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def run(args: list[str], env: dict[str, str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kzdesk", *args], env=env, capture_output=True, text=True,
                          timeout=120, **kw)  # type: ignore[call-overload]


@pytest.mark.slow
def test_portable_session_writes_only_to_the_stick(tmp_path: Path) -> None:
    home, stick = tmp_path / "home", tmp_path / "stick"
    home.mkdir()
    stick.mkdir()
    (home / ".profile").write_text("# the volunteer's own\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KZDESK_", "TMP", "TEMP"))}
    env.update(HOME=str(home), KZDESK_PORTABLE=str(stick), KZDESK_PASSPHRASE="stick passphrase әғқ 2021",
               QT_QPA_PLATFORM="offscreen", KZDESK_LANG="ru")
    before = listing(home)
    assert run(["init", "--name", "Айгүл", "--city", "Орал"], env).returncode == 0
    imported = run(["import-csv", str(DATA / "monitoring_2021_12.csv")], env)
    assert imported.returncode == 0, imported.stderr
    report = run(["report", "stats", "--from", "2021-12", "--to", "2021-12", "--out",
                  str(stick / "stats.pdf")], env)
    assert report.returncode == 0, report.stderr
    assert run(["remember", "on"], env).returncode != 0  # the system keyring is part of the profile
    gui = run(["gui"], {**env, "KZDESK_STARTUP_PROBE": "1"})
    assert gui.returncode == 0 and "ready" in gui.stdout, gui.stderr
    about = run(["about"], env)
    assert str(stick / install.PORTABLE_DATA) in about.stdout
    assert listing(home) == before  # nothing new in the profile
    data = stick / install.PORTABLE_DATA
    assert (data / "vault" / "vault.json").exists() and (data / "vault" / "kzdesk.db").exists()
    assert (data / "settings").is_dir() and (data / "tmp").is_dir()


def test_fingerprint_follows_every_byte(tmp_path: Path, monkeypatch) -> None:
    program = tmp_path / "program"
    (program / "lib").mkdir(parents=True)
    (program / "kzdesk").write_bytes(b"\x7fELF binary")
    (program / "lib" / "module.py").write_text("x = 1\n")
    (program / "lib" / "__pycache__").mkdir()
    (program / "lib" / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"cache")
    monkeypatch.setattr(install, "program_dir", lambda: program)
    first = install.fingerprint()
    assert len(first.split()) == 16 and first == install.fingerprint()
    (program / "lib" / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"other cache")
    (program / install.PORTABLE_MARKER).write_text("")
    assert install.fingerprint() == first  # caches and the portable marker are not the program
    (program / "lib" / "module.py").write_text("x = 2\n")
    assert install.fingerprint() != first
