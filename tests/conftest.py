"""Shared fixtures: real SQLCipher vaults in temp directories, the CLI run in-process.

Fixtures only: what test modules import (PASSPHRASE, DATA, snapshot, MemoryKeyring, ...) lives in
tests/vaults.py, so no test module imports a conftest."""

from __future__ import annotations

import json
import os
import re
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


# --- The core catalogue's net -----------------------------------------------------------------------------
# Every message asked of the core's tr()/ntr() in Russian or Kazakh that has no translation there is
# recorded for the whole session, and the session fails naming it: an English text would have reached a
# Russian or Kazakh user. A test that means to ask such a message takes it back with the
# `untranslated_messages` fixture (tests/unit/test_i18n.py checks the net catches one).


class UntranslatedNet:
    """(lang, msgid) -> the test that first asked it, for every message asked without a translation."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], str] = {}
        self.test = "(collection)"
        self.stop: object = None

    def __call__(self, msgid: str, lang: str) -> None:
        # A text already in Cyrillic (a message rendered before, a name) is no English leak.
        if not re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", msgid):
            self.found.setdefault((lang, msgid), self.test)

    def take(self, msgid: str) -> list[str]:
        """Take a message back (a test that asks it on purpose): the languages it was asked in."""
        langs = sorted(lang for lang, m in self.found if m == msgid)
        for lang in langs:
            del self.found[(lang, msgid)]
        return langs


_NET = UntranslatedNet()


def pytest_configure(config: pytest.Config) -> None:
    from kzdesk.core.i18n import on_untranslated

    if _NET.stop is None:
        _NET.stop = on_untranslated(_NET)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item):
    _NET.test = item.nodeid
    yield


@pytest.fixture
def untranslated_messages() -> UntranslatedNet:
    """The session's record of messages asked in ru/kk without a translation."""
    return _NET


def pytest_sessionfinish(session: pytest.Session) -> None:
    from kzdesk.core import i18n

    # The net must still be in place: a listener removed (or an i18n that no longer calls them) is a failure.
    if _NET not in i18n._untranslated_listeners:
        _NET.found[("-", "the untranslated-message net was removed from kzdesk.core.i18n")] = "(session)"
    if _NET.found:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if _NET.found:
        terminalreporter.write_sep("=", "core messages asked in ru/kk without a translation", red=True)
        for (lang, msgid), test in sorted(_NET.found.items()):
            terminalreporter.write_line(f"{lang}: {msgid!r}  (first in {test})")
        terminalreporter.write_line("Mark the msgid (N_/Nn_) where it is defined, then run "
                                    "`python packaging/core_catalogue.py extract`, `update`, translate, `compile`.")
