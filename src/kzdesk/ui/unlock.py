"""The unlock dialog: passphrase in, vault opened on the database thread, calm message on failure."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from kzdesk.core.errors import KzdeskError, PassphraseError
from kzdesk.ui.context import AppContext, open_for_search
from kzdesk.ui.forms.ui_unlock import Ui_UnlockDialog


class UnlockDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        self.ui.buttons.accepted.connect(self._unlock)
        self.ui.buttons.rejected.connect(self.reject)
        self.forgot = self.ui.buttons.addButton(self.tr("Forgot the passphrase?"),
                                                QDialogButtonBox.ButtonRole.ResetRole)  # on the left, apart
        self.forgot.setObjectName("forgot_passphrase")
        self.forgot.clicked.connect(self._forgot)
        self.ui.passphrase.setFocus()

    def _forgot(self) -> None:
        """Two recovery shares instead (ui/recovery.py); it unlocks with a new passphrase set."""
        from kzdesk.ui.recovery import RecoverDialog

        self.recover = RecoverDialog(self.context, self)
        self.recover.accepted.connect(self.accept)  # context.vault is open by then
        self.recover.open()

    def _unlock(self) -> None:
        secret = self.ui.passphrase.text()
        if not secret:
            self.ui.message.setText(self.tr("Type your passphrase first."))
            return
        self._busy(True)
        path = self.context.vault_path
        self.context.tasks.run(lambda: open_for_search(path, secret), self._opened, self._failed)

    def _opened(self, vault: object) -> None:
        from kzdesk.core.vault.vault import Vault

        assert isinstance(vault, Vault)
        self.context.vault = vault
        self.ui.passphrase.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.ui.passphrase.clear()
        self.ui.passphrase.setFocus()
        if isinstance(error, PassphraseError):
            self.ui.message.setText(self.tr("That passphrase did not open the vault. Check the keyboard "
                                            "language and Caps Lock, and try again."))
        elif isinstance(error, KzdeskError):
            self.ui.message.setText(error.message())
        else:
            self.ui.message.setText(self.tr("The vault could not be opened ({kind}).").format(
                kind=type(error).__name__))

    def _busy(self, busy: bool) -> None:
        self.ui.passphrase.setEnabled(not busy)
        self.ui.buttons.setEnabled(not busy)
        if busy:
            self.ui.message.setText(self.tr("Opening the vault…"))
