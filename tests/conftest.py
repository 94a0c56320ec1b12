"""Shared fixtures: real SQLCipher vaults in temp directories, the CLI run in-process.

Fixtures only: what test modules import (PASSPHRASE, DATA, snapshot, MemoryKeyring, ...) lives in
tests/vaults.py, so no test module imports a conftest."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from kzdesk.cli import main
from kzdesk.core.i18n import set_language
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params

from .vaults import PASSPHRASE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No test may reach a real keyring or the user's real vault.
    keyring.set_keyring(fail.Keyring())
    for var in ("KZDESK_PASSPHRASE", "KZDESK_NEW_PASSPHRASE", "KZDESK_VAULT", "KZDESK_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("KZDESK_LANG", "en")
    # Everything a run might write (data, config, cache, temp files) lands inside tmp_path,
    # where the leak tests can sweep it.
    for var, sub in (("XDG_DATA_HOME", "xdg-data"), ("XDG_CONFIG_HOME", "xdg-config"),
                     ("XDG_CACHE_HOME", "xdg-cache"), ("TMPDIR", "tmp")):
        (tmp_path / sub).mkdir(exist_ok=True)
        monkeypatch.setenv(var, str(tmp_path / sub))
    monkeypatch.setattr("tempfile.tempdir", None)
    set_language("en")


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    """A fresh vault made with the floor KDF parameters (calibration is tested separately)."""
    path = tmp_path / "vault"
    Vault.create(path, PASSPHRASE, Profile("volunteer", "Айгүл", "Oral"), kdf=floor_params()).close()
    return path


@pytest.fixture
def vault(vault_path: Path) -> Vault:
    v = Vault.open(vault_path, PASSPHRASE)
    yield v
    v.close()


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def kz(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `kzdesk ARGS…` in-process with the test passphrase in the environment."""

    # Lowering the core limit in this process would be inherited (for good) by every child the
    # suite starts; test_process.py checks the real start-up in child processes instead.
    monkeypatch.setattr("kzdesk.cli.disable_crash_dumps", lambda: None)

    def run(*args: str, passphrase: str | None = PASSPHRASE, vault: Path | None = None) -> Result:
        if passphrase is None:
            monkeypatch.delenv("KZDESK_PASSPHRASE", raising=False)
        else:
            monkeypatch.setenv("KZDESK_PASSPHRASE", passphrase)
        argv = [*(["--vault", str(vault)] if vault else []), *args]
        capsys.readouterr()
        code = main(argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
