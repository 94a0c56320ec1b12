"""The self-erase setting in the window: off by default, a plain warning, and the count shown on unlock."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from kzdesk.ui.erase_after import EraseAfterDialog
from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.unlock import UnlockDialog

from ..vaults import PASSPHRASE


def test_turn_on_then_unlock_shows_attempts_left(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    assert month_context.vault.header.erase_after is None
    window.erase_after.erase_after_action.trigger()
    dialog = window.findChild(EraseAfterDialog, "erase_after_dialog")
    assert dialog is not None and not dialog.enabled.isChecked() and not dialog.attempts.isEnabled()
    dialog.enabled.setChecked(True)
    dialog.attempts.setValue(4)
    dialog.accept()
    qtbot.waitUntil(lambda: "4 wrong passphrases" in window.erase_after.last_message, timeout=10_000)
    assert month_context.vault.header.erase_after == 4
    path = month_context.vault_path
    month_context.vault.close()
    month_context.vault = None
    unlock = UnlockDialog(month_context)
    qtbot.addWidget(unlock)
    unlock.show()
    unlock.ui.passphrase.setText("a wrong guess")
    unlock.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "3 more wrong attempts" in unlock.ui.message.text(), timeout=10_000)
    unlock.ui.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(unlock.accepted, timeout=10_000):
        unlock.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert month_context.vault is not None and month_context.vault.header.failures == 0
    assert (path / "vault.json").read_text().count('"failures": 0') == 1
