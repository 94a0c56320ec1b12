"""File → "Erase after wrong passphrases…": the optional self-erase, with its warning in plain words.

Off by default. When on, the count of wrong passphrases in a row is kept in vault.json (it has to
be readable before unlocking) and the Nth erases the vault exactly like the emergency erase.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QSpinBox,
    QVBoxLayout,
)

from kzdesk.ui.context import AppContext
from kzdesk.ui.menu_actions import MenuActions, Notice
from kzdesk.ui.widgets import named

DEFAULT_ATTEMPTS = 10


class EraseAfterDialog(QDialog):
    def __init__(self, window: QMainWindow, current: int | None) -> None:
        super().__init__(window)
        self.setObjectName("erase_after_dialog")
        self.setWindowTitle("kzdesk")
        layout = QVBoxLayout(self)
        warning = QLabel(self.tr(
            "When this is on, the vault erases itself for good after the chosen number of wrong passphrases "
            "in a row, exactly like the emergency erase. A forgotten passphrase, a child at the keyboard or "
            "anyone guessing can set it off, and anyone who copies the files first is not stopped by it. "
            "Turn it on only with a backup file and recovery shares kept elsewhere."))
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.enabled = named(QCheckBox(self.tr("Erase after this many wrong passphrases in a row:")), "enabled")
        self.attempts = named(QSpinBox(), "attempts")
        self.attempts.setRange(3, 99)
        self.attempts.setValue(current or DEFAULT_ATTEMPTS)
        self.enabled.setChecked(current is not None)
        self.attempts.setEnabled(current is not None)
        self.enabled.toggled.connect(self.attempts.setEnabled)
        layout.addWidget(self.enabled)
        layout.addWidget(self.attempts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout.addWidget(buttons)

    def choice(self) -> int | None:
        return self.attempts.value() if self.enabled.isChecked() else None


class EraseAfterActions(MenuActions):
    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice) -> None:
        super().__init__(window, context, notice)
        self.erase_after_action = self.action("erase_after_action", self.ask)
        self.dialog: EraseAfterDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.erase_after_action.setText(self.tr("Erase after &wrong passphrases…"))

    def ask(self) -> None:
        vault = self.context.vault
        if vault is None:
            return
        dialog = self.dialog = EraseAfterDialog(self.window, vault.header.erase_after)
        dialog.accepted.connect(lambda: self.apply(dialog.choice()))
        dialog.open()

    def apply(self, attempts: int | None) -> None:
        vault = self.context.vault
        if vault is None:
            return

        def said(_: object) -> None:
            self._say(self.tr("Wrong passphrases no longer erase this vault.") if attempts is None else
                      self.tr("After {n} wrong passphrases in a row this vault erases itself.")
                      .replace("{n}", str(attempts)))

        self.context.tasks.run(lambda: vault.set_erase_after(attempts), said, self._failed, owner=self)
