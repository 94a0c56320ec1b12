"""Forgot the passphrase ("Forgot the passphrase?" on the unlock dialog): two recovery shares,
typed or loaded from .txt files, open the vault with the key they give; then a new passphrase is
set twice, with the wizard's strength meter. Nothing is written until the new passphrase is.
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
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.operation import error_text
from kzdesk.ui.widgets import mono_font, named
from kzdesk.ui.wizard import PassphrasePage

if TYPE_CHECKING:
    from kzdesk.core.model.vault import Vault

MAX_SHARE_FILE = 64 * 1024  # a share file holds some 250 bytes; anything far larger is the wrong file


class RecoverDialog(QDialog):
    """Two shares → the vault opens with their key → a new passphrase, twice → unlocked."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recover_dialog")
        self.setWindowTitle("kzdesk")
        self.context = context
        self.vault: Vault | None = None  # open with the recovered key, until the new passphrase is set
        self.working = False  # while the worker has our request, Cancel and Escape wait
        self.intro = named(QLabel(), "recover_intro", wordWrap=True)
        self.share_labels: list[QLabel] = []
        self.share_edits: list[QPlainTextEdit] = []
        self.load_buttons: list[QPushButton] = []
        shares_page = QWidget()
        shares_layout = QVBoxLayout(shares_page)
        shares_layout.addWidget(self.intro)
        for n in (1, 2):
            label = QLabel()
            edit = named(QPlainTextEdit(), f"share_{n}", tabChangesFocus=True, font=mono_font(11))
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            load = named(QPushButton(), f"load_share_{n}")
            load.clicked.connect(lambda _=False, e=edit: self._ask_file(e))
            row = QHBoxLayout()
            row.addWidget(label)
            row.addStretch()
            row.addWidget(load)
            shares_layout.addLayout(row)
            shares_layout.addWidget(edit)
            self.share_labels.append(label)
            self.share_edits.append(edit)
            self.load_buttons.append(load)
        self.passphrase_intro = named(QLabel(), "new_passphrase_intro", wordWrap=True)
        # The one passphrase rule, with the name and city of the vault the shares open.
        self.passphrase_page = PassphrasePage(
            lambda: () if self.vault is None else (self.vault.profile.display_name, self.vault.profile.city))
        self.passphrase_page.warning.hide()  # the wizard's "nobody can recover it" is not the point here
        self.passphrase_page.completeChanged.connect(self._update_buttons)
        new_page = QWidget()
        new_layout = QVBoxLayout(new_page)
        new_layout.addWidget(self.passphrase_intro)
        new_layout.addWidget(self.passphrase_page)
        new_layout.addStretch()
        self.stack = QStackedWidget()
        self.stack.addWidget(shares_page)
        self.stack.addWidget(new_page)
        self.message = named(QLabel(), "recover_message", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("recover_ok")
        self.buttons.accepted.connect(self._next)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(620, 420)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Forgot the passphrase? Two of the three recovery shares open the vault again. Type the words "
            "of two different shares (in order, separated by spaces), or load the text files kzdesk wrote."))
        for n, (label, load) in enumerate(zip(self.share_labels, self.load_buttons, strict=True), 1):
            label.setText(self.tr("Share {n}:").format(n=n))
            load.setText(self.tr("Load from a file…"))
        self.passphrase_intro.setText(self.tr(
            "The shares fit: the vault is open. Choose a new passphrase and type it twice. The recovery "
            "shares stay valid."))
        self._update_buttons()

    # --- the shares ------------------------------------------------------------------------------
    def _ask_file(self, edit: QPlainTextEdit) -> None:
        path = file_dialogs.open_file(self, self.tr("Load a recovery share"),
                                      self.tr("Text files (*.txt);;All files (*)"))
        if path:
            self.load_file(edit, Path(path))

    def load_file(self, edit: QPlainTextEdit, path: Path) -> None:
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_SHARE_FILE + 1)
            if len(data) > MAX_SHARE_FILE:
                raise ValueError
            edit.setPlainText(" ".join(data.decode("utf-8").split()))
            self.message.clear()
        except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
            self.message.setText(self.tr("{path} does not hold a recovery share.").format(path=path.name))

    def _next(self) -> None:
        if self.vault is None:
            self._check()
        else:
            self._set_passphrase()

    def _check(self) -> None:
        from kzdesk.core.model.vault import Vault

        shares = [edit.toPlainText() for edit in self.share_edits]
        path, tasks = self.context.vault_path, self.context.tasks
        self._busy(self.tr("Checking the shares…"))

        def opened(vault: Vault) -> None:
            if not shiboken6.isValid(self):  # the dialog went away meanwhile: so does the vault
                tasks.run(vault.close)
                return
            self._opened(vault)

        tasks.run(lambda: Vault.open_with_shares(path, shares), opened, self._failed, owner=self)

    def _opened(self, vault: Vault) -> None:
        self.working = False
        self.vault = vault
        for edit in self.share_edits:
            edit.clear()
        self.stack.setCurrentIndex(1)
        self.passphrase_page.refresh()  # now the owner's name and city are known
        self.message.clear()
        self.buttons.setEnabled(True)
        self._update_buttons()
        self.passphrase_page.first.setFocus()

    # --- the new passphrase ----------------------------------------------------------------------
    def _set_passphrase(self) -> None:
        vault = self.vault
        if vault is None or not self.passphrase_page.isComplete():
            return
        from kzdesk.core.model.textindex import prepare
        from kzdesk.core.vault.keyslots import check_passphrase

        secret = self.passphrase_page.first.text()

        def work() -> None:
            check_passphrase(secret)
            vault.change_passphrase(secret)
            prepare()  # as an ordinary unlock does, so the first search is quick

        tasks = self.context.tasks

        def done(_: None) -> None:
            if not shiboken6.isValid(self):
                tasks.run(vault.close)
                return
            self._done(vault)

        self._busy(self.tr("Setting the new passphrase…"))
        tasks.run(work, done, self._failed, owner=self)

    def _done(self, vault: Vault) -> None:
        self.working = False
        self.context.vault, self.vault = vault, None
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()
        self.accept()

    # --- either step -----------------------------------------------------------------------------
    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.buttons.setEnabled(True)
        self._update_buttons()
        self.message.setText(error_text(error, self.tr("That did not work ({kind}). Nothing was changed.")
                                      .format(kind=type(error).__name__)))

    def _busy(self, text: str) -> None:
        self.working = True
        self.message.setText(text)
        self.buttons.setEnabled(False)

    def _update_buttons(self) -> None:
        if self.vault is None:
            self.ok.setText(self.tr("&Check the shares"))
            self.ok.setEnabled(True)
        else:
            self.ok.setText(self.tr("&Set the new passphrase"))
            self.ok.setEnabled(self.passphrase_page.isComplete())

    def reject(self) -> None:
        """Cancel: the vault opened with the shares is closed again, its passphrase unchanged."""
        if self.working:
            return
        vault, self.vault = self.vault, None
        if vault is not None:
            self.context.tasks.run(vault.close)
        for edit in self.share_edits:
            edit.clear()
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()
        super().reject()
