"""Helpers for the window tests (a helper module, not a test module: test modules import from here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.unlock import UnlockDialog
from kzdesk.ui.wizard import FirstRunWizard

from ..vaults import PASSPHRASE


def context_idle(window: MainWindow) -> bool:
    """No background task of the window's context is still running (its results have been shown),
    and the open vault's page check and the daily copy after it are over."""
    vault = window.context.vault
    return window.context.tasks.pending == 0 and (vault is None or not vault.pages.busy)


def wizard_at_profile(qtbot, context):
    """The first-run wizard shown, past its language and passphrase pages."""
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.passphrase_page.first.setText("Жаңа өмір басталды 2021")
    wizard.passphrase_page.second.setText("Жаңа өмір басталды 2021")
    wizard.next()
    return wizard


def type_text(qtbot, text: str) -> None:
    """Type into the focused widget. QTest.keyClicks aborts on non-ASCII, so send key events carrying text."""
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    qtbot.wait(1)


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, k, modifier)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def open_editor(qtbot, window: MainWindow):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.isVisible(), timeout=10_000)
    editor = window.editor
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor, timeout=5_000)
    editor.ui.date.setFocus()
    qtbot.waitUntil(lambda: focused() is editor.ui.date, timeout=5_000)
    return editor


def unlock_damaged(qtbot, context, vault_path: Path):
    """The unlock window, the right passphrase typed, until it offers the way back: at once when
    the damage is on a page read while opening, else from the window, once the page check begun on
    open has found it (the window locks and shows the unlock window with the way back)."""
    context.vault_path = vault_path
    dialog = UnlockDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.passphrase.setText(PASSPHRASE)
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.repair_button.isVisible() or context.vault is not None, timeout=10_000)
    if dialog.repair_button.isVisible():
        return dialog
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(UnlockDialog, "repair_dialog") is not None, timeout=20_000)
    repair = window.findChild(UnlockDialog, "repair_dialog")
    assert context.vault is None  # locked: nothing more is read or written
    qtbot.waitUntil(lambda: context.tasks.pending == 0, timeout=10_000)  # the vault closed on the worker
    repair.ui.passphrase.setText(PASSPHRASE)
    return repair
