"""The unlock dialog: passphrase in, vault opened on the database thread, calm message on failure.

The first window of every start: what it needs only once a passphrase is typed is imported there
(tests/unit/test_startup_imports.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from kzdesk.core.errors import PassphraseError, VaultDamaged
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
        # Shown only when the database fails its page check: the way back to a backup.
        self.repair_button = QPushButton(self)
        self.repair_button.setObjectName("repairButton")
        self.repair_button.hide()
        self.repair_button.clicked.connect(self._repair)
        self.ui.layout.addWidget(self.repair_button)
        self._damaged: VaultDamaged | None = None

    def _forgot(self) -> None:
        """Two recovery shares instead (ui/recover_dialog.py); it unlocks with a new passphrase set."""
        from kzdesk.ui.recover_dialog import RecoverDialog

        self.recover = RecoverDialog(self.context, self)
        self.recover.accepted.connect(self.accept)  # context.vault is open by then
        self.recover.open()

    def _unlock(self) -> None:
        secret = self.ui.passphrase.text()
        if not secret:
            self.ui.message.setText(self.tr("Type your passphrase first."))
            return
        self.repair_button.hide()
        self._busy(True)
        path = self.context.vault_path
        self.context.tasks.run(lambda: open_for_search(path, secret), self._opened, self._failed)

    def _opened(self, vault: object) -> None:
        from kzdesk.core.model.vault import Vault

        assert isinstance(vault, Vault)
        self.context.vault = vault
        self.ui.passphrase.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        from kzdesk.ui.operation import error_text

        self._busy(False)
        if isinstance(error, VaultDamaged):
            self.offer_repair(error)  # the passphrase stays typed: the repair needs it once more
            return
        self.ui.passphrase.clear()
        self.ui.passphrase.setFocus()
        if isinstance(error, PassphraseError) and "left" in error.params:
            self.ui.message.setText(error.message())  # erase-after-N is on: say how many tries remain
        elif isinstance(error, PassphraseError):
            self.ui.message.setText(self.tr("That passphrase did not open the vault. Check the keyboard "
                                            "language and Caps Lock, and try again."))
        else:
            self.ui.message.setText(error_text(error, self.tr("The vault could not be opened ({kind}).").format(
                kind=type(error).__name__)))

    def _busy(self, busy: bool) -> None:
        self.ui.passphrase.setEnabled(not busy)
        self.ui.buttons.setEnabled(not busy)
        if busy:
            self.ui.message.setText(self.tr("Opening the vault…"))

    # --- a damaged database ----------------------------------------------------------------
    def offer_repair(self, error: VaultDamaged) -> None:
        self._damaged = error
        if error.params.get("copies"):
            self.ui.message.setText(self.tr(
                "The vault database is damaged. Nothing was opened or written. The backup copy from {date} "
                "can be put back: changes made after it will be missing, and the damaged file is kept "
                "aside.").replace("{date}", str(error.params.get("date", ""))))
            self.repair_button.setText(self.tr("Put back the backup copy"))
        else:
            self.ui.message.setText(self.tr(
                "The vault database is damaged. Nothing was opened or written. Choose a backup file of "
                "this vault to put back; the damaged file is kept aside."))
            self.repair_button.setText(self.tr("Choose a backup file…"))
        self.repair_button.show()

    def _repair(self) -> None:
        from kzdesk.ui import file_dialogs

        assert self._damaged is not None
        source: Path | None = None
        if not self._damaged.params.get("copies"):
            name = file_dialogs.open_file(self, self.tr("Backup file of this vault"))
            if not name:
                return
            source = Path(name)
        self.repair_with(source)

    def repair_with(self, source: Path | None) -> None:
        """Put back the newest intact copy (or the backup file's database), then unlock as usual."""
        secret = self.ui.passphrase.text()
        if not secret:
            self.ui.message.setText(self.tr("Type your passphrase first."))
            return
        path = self.context.vault_path

        def work() -> object:
            from kzdesk.core.files import read_input
            from kzdesk.core.model.vault import Vault
            from kzdesk.core.vault.repair import repair

            data = read_input(source) if source is not None else None
            repair(path, Vault.unwrap(path, secret), data)
            return open_for_search(path, secret)

        self.repair_button.hide()
        self._busy(True)
        self.ui.message.setText(self.tr("Putting back the backup…"))
        self.context.tasks.run(work, self._opened, self._failed)
