"""First run, "Restore from a backup file…": a backup file and its passphrase become the vault in
the empty vault folder, opened and checked before the window shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kzdesk.core.errors import PassphraseError
from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.operation import error_text
from kzdesk.ui.widgets import named

if TYPE_CHECKING:
    from kzdesk.core.model.vault import Vault


class RestoreDialog(QDialog):
    """A backup file and the passphrase it was made under → the vault, opened and checked."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle("kzdesk")
        self.context = context
        self.working = False
        self.intro = named(QLabel(), "restore_intro", wordWrap=True)
        self.file_label, self.passphrase_label = QLabel(), QLabel()
        self.file = named(QLineEdit(), "backup_file")
        self.choose = named(QPushButton(), "choose_backup")
        self.choose.clicked.connect(self._ask_file)
        self.passphrase = named(QLineEdit(), "backup_passphrase", echoMode=QLineEdit.EchoMode.Password)
        self.message = named(QLabel(), "restore_message", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("restore_ok")
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.file_label)
        layout.addLayout(file_row)
        layout.addWidget(self.passphrase_label)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.message)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(560, 300)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Bring back a vault from a backup file (made with File → Back up to a file). It opens with the "
            "passphrase that was in use when the backup was taken."))
        self.file_label.setText(self.tr("Backup file:"))
        self.choose.setText(self.tr("C&hoose…"))
        self.passphrase_label.setText(self.tr("Its passphrase:"))
        self.ok.setText(self.tr("&Restore"))

    def _ask_file(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Restore from a backup file"),
                                      self.tr("kzdesk backups (*.kzbackup *.zip);;All files (*)"))
        if path:
            self.file.setText(path)

    def restore(self) -> None:
        source, secret = self.file.text().strip(), self.passphrase.text()
        if not source:
            self.message.setText(self.tr("Choose the backup file first."))
            return
        if not secret:
            self.message.setText(self.tr("Type the backup's passphrase first."))
            return
        from kzdesk.core.files import read_input
        from kzdesk.core.model.textindex import prepare
        from kzdesk.core.model.vault import Vault
        from kzdesk.core.vault.backup_file import restore_vault

        target = self.context.vault_path

        def work() -> Vault:
            vault = restore_vault(read_input(Path(source)), target, lambda: secret, Vault)
            prepare()
            return vault

        tasks = self.context.tasks

        def restored(vault: Vault) -> None:
            if not shiboken6.isValid(self):  # the wizard went away meanwhile: the folder keeps the vault
                tasks.run(vault.close)
                return
            self._restored(vault)

        self.message.setText(self.tr("Restoring and checking the vault…"))
        self._busy(True)
        tasks.run(work, restored, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        self.working = busy
        for widget in (self.buttons, self.choose, self.file, self.passphrase):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if not self.working:
            super().reject()

    def _restored(self, vault: Vault) -> None:
        self._busy(False)
        self.passphrase.clear()
        self.context.vault = vault
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.passphrase.clear()
        if isinstance(error, PassphraseError):
            text = self.tr("That passphrase did not open the backup. It needs the passphrase that was in use "
                           "when the backup was taken. Nothing was restored.")
        else:
            text = error_text(error, self.tr("The backup could not be restored ({kind}). Nothing was restored.")
                            .format(kind=type(error).__name__))
        self.message.setText(text)
