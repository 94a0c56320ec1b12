"""GUI fixtures: a real AppContext over a real vault, settings in a temp INI file, offscreen Qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QScreen

from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.kdf import floor_params
from kzdesk.ui.context import AppContext
from kzdesk.ui.screen import SMALLEST
from kzdesk.ui.settings import Settings
from kzdesk.ui.tasks import Tasks
from kzdesk.ui.translations import Translations

from ..vaults import DATA, PASSPHRASE


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "kzdesk.ini"


@pytest.fixture
def context(qapp, tmp_path: Path, settings_file: Path):
    store = QSettings(str(settings_file), QSettings.Format.IniFormat)
    translations = Translations(qapp)
    translations.apply("en")
    ctx = AppContext(tmp_path / "vault", Settings(store), Tasks(), translations)
    yield ctx
    if ctx.vault is not None:
        ctx.vault.close()
    ctx.tasks.shutdown()
    translations.apply("en")


@pytest.fixture
def month_context(context, vault_path: Path):
    """A context unlocked on a vault holding the December 2021 fixture."""
    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)
    import_csv(context.vault, DATA / "monitoring_2021_12.csv")
    return context



@pytest.fixture
def fast_kdf(monkeypatch):
    """New passphrases wrapped with the floor KDF parameters instead of a calibrated second."""
    import kzdesk.core.vault.vault as vault_module

    monkeypatch.setattr(vault_module, "calibrate", floor_params)


@pytest.fixture
def small_screen(monkeypatch):
    """The screen the windows open on is a 1024×600 netbook's (offscreen Qt has one of 800×800):
    every size the program asks of the screen, it asks through QScreen.availableGeometry."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(QPoint(0, 0), SMALLEST))
