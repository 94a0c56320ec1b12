"""File → Change passphrase… and the emergency erase's progress, as a user meets them in the window.

After being made to reveal the passphrase, a new passphrase alone is not enough: a copy of vault.json
taken then still opens the database with the old one. The dialog offers the change of the data key
(re-encrypting the vault) and then new recovery shares; the erase shows how far it has got.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QPushButton

from kzdesk.core.errors import KzdeskError, PassphraseError
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.layout import DATABASE_FILE, HEADER_FILE
from kzdesk.core.vault.recovery import recover_dek
from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.passphrase_change import PassphraseChangeDialog
from kzdesk.ui.shares_dialog import SharesDialog

from ..vaults import PASSPHRASE, snapshot
from .helpers import context_idle

NEW = "жаңа құпия сөз, тінту болғаннан кейін 12"
SCREEN = QSize(1024, 600)


def _open_dialog(qtbot, context) -> tuple[MainWindow, PassphraseChangeDialog]:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    window.passphrase_change.change_action.trigger()
    dialog = window.findChild(PassphraseChangeDialog, "passphrase_change_dialog")
    assert dialog is not None and dialog.isVisible()
    return window, dialog


def _type(dialog: PassphraseChangeDialog, first: str, second: str) -> None:
    dialog.passphrase_page.first.setText(first)
    dialog.passphrase_page.second.setText(second)


def _opens(path: Path, passphrase: str) -> bool:
    try:
        Vault.open(path, passphrase).close()
    except PassphraseError:
        return False
    return True


def test_the_dialog_changes_the_passphrase(qtbot, month_context, fast_kdf) -> None:
    path = month_context.vault_path
    window, dialog = _open_dialog(qtbot, month_context)
    assert not dialog.new_key.isChecked()  # the quick change is the default; the key change is a choice
    _type(dialog, NEW, NEW)
    assert dialog.save.isEnabled()
    dialog.save.click()
    assert dialog.working and dialog.busy.isVisible() and not dialog.cancel.isEnabled()
    dialog.reject()  # Escape while the worker has it: the dialog stays
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: "passphrase was changed" in window.passphrase_change.last_message, timeout=20_000)
    qtbot.waitUntil(lambda: window.findChild(PassphraseChangeDialog) is None, timeout=5_000)  # closed, forgotten
    assert _opens(path, NEW) and not _opens(path, PASSPHRASE)
    window.refresh()  # the window's open vault goes on working
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert window.records_tab.model.rowCount() > 0


def test_a_new_data_key_leaves_the_coerced_header_and_old_shares_opening_nothing(
        qtbot, month_context, tmp_path: Path, fast_kdf) -> None:
    path = month_context.vault_path
    month_context.vault.backup()  # a copy in backups/ that must move to the new key as well
    old_shares = month_context.vault.recovery_shares()
    coerced = tmp_path / "coerced.json"
    shutil.copy(path / HEADER_FILE, coerced)  # what the coercer copied with the revealed passphrase
    old_dek = VaultHeader.load(coerced).unlock(PASSPHRASE)
    window, dialog = _open_dialog(qtbot, month_context)
    _type(dialog, NEW, NEW)
    dialog.new_key.setChecked(True)
    dialog.save.click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "new_shares_offer") is not None, timeout=30_000)
    offer = window.findChild(QMessageBox, "new_shares_offer")
    assert "Recovery shares made before no longer open this vault" in offer.text()
    assert offer.defaultButton().text() == "Make new recovery shares"
    offer.defaultButton().click()
    qtbot.waitUntil(lambda: window.findChild(SharesDialog, "recovery_shares") is not None, timeout=10_000)
    shares = window.findChild(SharesDialog, "recovery_shares").shares
    assert recover_dek(shares[:2]) != old_dek
    # The new passphrase opens; the old one, with the header as it is now, does not.
    assert _opens(path, NEW) and not _opens(path, PASSPHRASE)
    # The coercer's copy of vault.json with the old passphrase: the old key, which opens nothing here.
    seized = tmp_path / "seized"
    seized.mkdir()
    shutil.copy(coerced, seized / HEADER_FILE)
    shutil.copy(path / DATABASE_FILE, seized / DATABASE_FILE)
    with pytest.raises(KzdeskError):
        Vault.open(seized, PASSPHRASE).close()
    assert recover_dek(old_shares[:2]) == old_dek  # old shares give the old key, which opens nothing
    with pytest.raises(KzdeskError):
        Vault.open(path, dek=old_dek).close()
    # And the window goes on with the new key.
    window.refresh()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert window.records_tab.model.rowCount() > 0


@pytest.mark.parametrize(("first", "second"), [(NEW, NEW + "x"), ("қысқа7", "қысқа7"), ("", "")],
                         ids=["mismatch", "too-short", "empty"])
def test_a_mismatch_or_a_short_passphrase_keeps_save_disabled(qtbot, month_context, first: str,
                                                               second: str) -> None:
    path = month_context.vault_path
    window, dialog = _open_dialog(qtbot, month_context)
    before = snapshot(path)
    _type(dialog, first, second)
    dialog.new_key.setChecked(True)
    assert not dialog.save.isEnabled()
    if first:  # the problem is said, not only implied by a grey button
        problem = "differ" if first != second else "Too short"
        assert problem in dialog.passphrase_page.strength.text()
    dialog.change()  # even called directly (Enter on a disabled button cannot), nothing happens
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert not dialog.working and dialog.isVisible()
    dialog.reject()
    assert snapshot(path) == before and _opens(path, PASSPHRASE)


def test_the_vault_open_elsewhere_is_said_in_russian_and_nothing_changes(qtbot, month_context,
                                                                         fast_kdf) -> None:
    path = month_context.vault_path
    month_context.translations.apply("ru")
    other = Vault.open(path, PASSPHRASE)  # another kzdesk window or command holds the vault
    try:
        with other.engine.connect() as conn:  # a connection kept open, as a running program keeps it
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").first()
            _window, dialog = _open_dialog(qtbot, month_context)
            before = snapshot(path)
            _type(dialog, NEW, NEW)
            dialog.new_key.setChecked(True)
            dialog.save.click()
            qtbot.waitUntil(lambda: not dialog.working, timeout=30_000)
            assert "Хранилище открыто в другом окне" in dialog.message.text()
            assert dialog.isVisible() and dialog.save.isEnabled() and not dialog.busy.isVisible()
            assert snapshot(path) == before
    finally:
        other.close()
    assert _opens(path, PASSPHRASE) and not _opens(path, NEW)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_the_dialog_fits_a_small_screen(qtbot, month_context, lang: str) -> None:
    month_context.translations.apply(lang)
    _window, dialog = _open_dialog(qtbot, month_context)
    dialog.new_key.setChecked(True)
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert needed.width() <= SCREEN.width() and needed.height() <= SCREEN.height() - 60  # a task bar
    if lang != "en":  # really translated, not the English left in place
        assert dialog.new_key.text() != "Also change the data key and re-encrypt the vault"
    dialog.reject()


def test_emergency_erase_shows_progress_to_the_end_and_empties_the_folder(qtbot, month_context) -> None:
    path = month_context.vault_path
    month_context.vault.backup()  # more than one copy to overwrite
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    window.safety.erase_now()
    bar = window.findChild(QProgressDialog, "erase_progress")
    assert bar is not None and bar.isVisible()
    assert not any(button.isVisible() for button in bar.findChildren(QPushButton))  # no Cancel
    shown: list[int] = []
    bar.findChild(QProgressBar).valueChanged.connect(shown.append)
    qtbot.waitUntil(lambda: getattr(window, "erased", False), timeout=30_000)
    assert shown and shown[-1] == bar.maximum() and shown == sorted(shown)
    assert any(0 < value < bar.maximum() for value in shown)  # fed as it went, not set at the end
    assert not bar.isVisible() and not window.isVisible()
    assert not any(path.iterdir()), sorted(p.name for p in path.iterdir())


def test_a_key_change_stopped_after_the_swap_locks_the_window_and_the_new_passphrase_finishes_it(
        qtbot, month_context, monkeypatch: pytest.MonkeyPatch, fast_kdf) -> None:
    from kzdesk.core.vault import scratch

    path = month_context.vault_path
    window, dialog = _open_dialog(qtbot, month_context)
    _type(dialog, NEW, NEW)
    dialog.new_key.setChecked(True)

    def failing(_fh: object, _progress: object = None) -> None:
        raise OSError(5, "Input/output error")  # the disk fails while the old file is overwritten

    monkeypatch.setattr(scratch, "overwrite", failing)
    dialog.save.click()
    qtbot.waitUntil(lambda: month_context.vault is None and context_idle(window), timeout=30_000)
    assert "open it with the new passphrase" in window.passphrase_change.last_message
    assert window.stack.currentWidget() is window.locked  # nothing left open with a key that is gone
    assert window.findChild(PassphraseChangeDialog) is None or not dialog.isVisible()
    monkeypatch.undo()
    assert _opens(path, NEW)  # opening finishes the change
    assert not _opens(path, PASSPHRASE)
