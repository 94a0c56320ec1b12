"""Backups and the emergency erase from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kzdesk.core.errors import VaultError
from kzdesk.core.model.vault import Vault
from kzdesk.ui.main_window import MainWindow

from ..vaults import PASSPHRASE
from .helpers import context_idle


def test_backup_reminder_then_backup(qtbot, month_context, tmp_path: Path) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    safety = window.safety
    qtbot.waitUntil(lambda: "No backup" in safety.last_message and context_idle(window), timeout=10_000)
    assert "No backup" in window.statusBar().currentMessage()
    out = tmp_path / "stick" / "vault.kzbackup"
    out.parent.mkdir()
    safety.backup_to(out)
    qtbot.waitUntil(lambda: out.exists() and context_idle(window), timeout=10_000)
    safety.last_message = ""
    safety.remind()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert safety.last_message == ""  # a fresh backup: no reminder


def test_emergency_erase_asks_then_destroys_the_key(qtbot, month_context) -> None:
    path = month_context.vault_path
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.safety.erase_action.trigger()
    box = window.findChild(QMessageBox, "erase_confirmation")
    assert box is not None and box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert (path / "vault.json").exists() and month_context.vault is not None
    window.safety.erase_action.trigger()
    box = window.findChild(QMessageBox, "erase_confirmation")
    destroy = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    destroy.click()
    qtbot.waitUntil(lambda: getattr(window, "erased", False) and context_idle(window), timeout=10_000)
    assert not (path / "vault.json").exists() and month_context.vault is None and not window.isVisible()
    with pytest.raises(VaultError):  # gone for good, even with the right passphrase
        Vault.open(path, PASSPHRASE)


def test_copied_text_is_marked_secret_and_taken_back(qtbot, qapp, month_context) -> None:
    from kzdesk.ui.clipboard import ClipboardGuard

    month_context.clipboard = guard = ClipboardGuard(qapp, seconds=1)
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: qapp.applicationState() == Qt.ApplicationState.ApplicationActive, timeout=5_000)
    clipboard = qapp.clipboard()

    def copy(text: str) -> None:
        window.records_tab.search.setText(text)
        window.records_tab.search.selectAll()
        window.records_tab.search.copy()

    copy("Жақсылықов Ерлан")
    qtbot.waitUntil(lambda: clipboard.mimeData().hasFormat("x-kde-passwordManagerHint"), timeout=5_000)
    assert clipboard.text() == "Жақсылықов Ерлан"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)  # gone after the delay
    copy("Серікбаева Айгүл")
    qtbot.waitUntil(lambda: clipboard.text() == "Серікбаева Айгүл", timeout=5_000)
    window.lock()
    assert clipboard.text() == ""  # and at once on lock
    guard.deleteLater()
