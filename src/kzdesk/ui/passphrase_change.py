"""File → "Change passphrase…": a new passphrase, twice, under the first-run wizard's strength meter,
and the choice to change the data key as well.

A plain change re-wraps the data key (Vault.change_passphrase): quick, and old backup files and
recovery shares keep working. After someone made the user reveal the passphrase that is not enough,
because a copy of vault.json taken then still opens the database with the old passphrase; ticking
"Also change the data key" re-encrypts the vault under a new key (Vault.change_data_key), after
which such copies and old recovery shares open nothing, so new shares are offered at once.

The work runs on the database thread; meanwhile the dialog shows that it is busy and cannot be
closed, because a half-finished change is not something to walk away from. A failure is shown in
the user's language and changes nothing (the core guarantees it; the one exception, a key change
stopped after the new database was swapped in, closes the vault so that the new passphrase,
which finishes the change on opening, is asked for).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kzdesk.ui.context import AppContext
from kzdesk.ui.menu_actions import MenuActions, Notice
from kzdesk.ui.operation import error_text
from kzdesk.ui.widgets import named
from kzdesk.ui.wizard import PassphrasePage

if TYPE_CHECKING:
    from kzdesk.core.model.vault import Vault


def _still_opens(vault: Vault) -> bool:
    """Whether the open vault still reads its database (a key change stopped after the swap leaves
    the database under the new key while this object holds the old one)."""
    try:
        with vault.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").first()
    except Exception:
        return False
    return True


class PassphraseChangeDialog(QDialog):
    """The new passphrase twice, the data-key choice, and a busy state while the worker has it."""

    changed = Signal(bool)  # True when the data key was changed as well
    vault_lost = Signal(str)  # the key change stopped half-way: the vault must be opened again

    def __init__(self, parent: QWidget, context: AppContext) -> None:
        super().__init__(parent)
        self.setObjectName("passphrase_change_dialog")
        self.setWindowTitle("kzdesk")
        self.context = context
        self.working = False  # while the worker has the change, Cancel, Escape and closing wait
        self.intro = named(QLabel(), "change_intro", wordWrap=True)
        # The wizard's fields and strength meter, judging with this vault owner's name and city.
        self.passphrase_page = PassphrasePage(self._own_words)
        self.passphrase_page.completeChanged.connect(self._update_buttons)
        self.new_key = named(QCheckBox(), "new_key")
        self.new_key_note = named(QLabel(), "new_key_note", wordWrap=True)
        self.new_key_note.setContentsMargins(24, 0, 0, 0)  # under the box's text, not under the box
        self.busy = named(QProgressBar(), "busy", textVisible=False, visible=False)
        self.busy.setRange(0, 0)  # no steps to count: a moving bar says the work goes on
        self.message = named(QLabel(), "change_message", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save = named(self.buttons.button(QDialogButtonBox.StandardButton.Save), "change_save")
        self.cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.passphrase_page)
        layout.addWidget(self.new_key)
        layout.addWidget(self.new_key_note)
        layout.addStretch()
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self.resize(620, 400)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(self.tr("Type the new passphrase twice. From then on only the new passphrase opens "
                                   "this vault."))
        self.new_key.setText(self.tr("Also change the data key and re-encrypt the vault"))
        self.new_key_note.setText(self.tr(
            "Recommended if you were made to reveal the passphrase: old copies of vault.json and old recovery "
            "shares then open nothing, but backup files made before still open with the old passphrase."))
        self._update_buttons()

    def _own_words(self) -> tuple[str, ...]:
        vault = self.context.vault
        return () if vault is None else (vault.profile.display_name, vault.profile.city)

    def _update_buttons(self) -> None:
        self.save.setEnabled(not self.working and self.context.vault is not None
                             and self.passphrase_page.isComplete())
        self.cancel.setEnabled(not self.working)

    # --- the change ------------------------------------------------------------------------------
    def change(self) -> None:
        """Change the passphrase (and the data key when ticked) on the database thread."""
        vault = self.context.vault
        if vault is None or self.working or not self.passphrase_page.isComplete():
            return
        from kzdesk.core.vault.keyslots import check_passphrase

        secret = self.passphrase_page.first.text()
        new_key = self.new_key.isChecked()
        lost = [False]  # written on the worker before the error is delivered here

        def work() -> None:
            check_passphrase(secret)
            try:
                if new_key:
                    vault.change_data_key(secret)
                else:
                    vault.change_passphrase(secret)
            except Exception:
                lost[0] = new_key and not _still_opens(vault)
                raise

        self.working = True
        self.busy.show()
        self.message.setText(self.tr("Re-encrypting the vault under a new key…") if new_key else
                             self.tr("Setting the new passphrase…"))
        for widget in (self.passphrase_page, self.new_key):
            widget.setEnabled(False)
        self._update_buttons()
        self.context.tasks.run(work, lambda _: self._done(new_key), lambda e: self._failed(e, lost[0]),
                               owner=self)

    def _done(self, new_key: bool) -> None:
        self._idle()
        self._forget()
        self.changed.emit(new_key)
        self.accept()

    def _failed(self, error: BaseException, lost: bool) -> None:
        self._idle()
        text = error_text(error, self.tr("Nothing was changed ({kind}): the old passphrase still opens the "
                                         "vault.").format(kind=type(error).__name__))
        if lost:
            self.reject()  # first: the lock that follows closes what is still open
            self.vault_lost.emit(text)
            return
        self.message.setText(text)

    def _idle(self) -> None:
        self.working = False
        self.busy.hide()
        for widget in (self.passphrase_page, self.new_key):
            widget.setEnabled(True)
        self._update_buttons()

    def _forget(self) -> None:
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()

    # --- no way out while the worker has it ------------------------------------------------------
    def reject(self) -> None:
        if self.working:
            return
        self._forget()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.working:
            event.ignore()
            return
        self._forget()
        super().closeEvent(event)


class PassphraseChangeActions(MenuActions):
    """The File-menu entry, and what follows a change: a word, or the offer of new recovery shares."""

    shares_wanted = Signal()  # the main window opens File → Recovery shares…
    lock_wanted = Signal()

    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice) -> None:
        super().__init__(window, context, notice)
        self.change_action = self.action("change_passphrase_action", self.ask)
        self.dialog: PassphraseChangeDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.change_action.setText(self.tr("&Change passphrase…"))

    def ask(self) -> None:
        if self.context.vault is None:
            return
        dialog = self.dialog = PassphraseChangeDialog(self.window, self.context)
        dialog.changed.connect(self._changed)
        dialog.vault_lost.connect(self._lost)
        dialog.open()
        dialog.passphrase_page.first.setFocus()

    def close_dialog(self) -> None:
        """On lock: the dialog goes (unless the worker has its change, which then finishes)."""
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            self.dialog.close()

    def _changed(self, new_key: bool) -> None:
        if not new_key:
            self._say(self.tr("The passphrase was changed. Backup files and recovery shares made before "
                              "still work: backup files with the old passphrase."))
            return
        self.last_message = self.tr(
            "The passphrase and the data key were changed: the vault and its copies in the vault folder are "
            "now encrypted under a new key. Recovery shares made before no longer open this vault: make new "
            "ones now and destroy the old ones. Backup files made before still open with the old passphrase: "
            "delete them, or keep them as safe as that passphrase.")
        box = QMessageBox(QMessageBox.Icon.Information, "kzdesk", self.last_message,
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("new_shares_offer")
        make = box.addButton(self.tr("Make new recovery shares"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(make)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.shares_wanted.emit() if button is make else None)
        box.open()

    def _lost(self, text: str) -> None:
        self._say(text, True)
        self.lock_wanted.emit()
