"""Backups and the emergency erase in the window.

- "Back up to a file…" writes the whole vault to one file (integrity-checked first) and notes the
  date in the vault itself (encrypted), not in the settings file.
- After unlocking, a reminder appears when the last backup is older than REMIND_DAYS.
- "Recovery shares…" shows the three shares of the data key (ui/shares_dialog.py), made on the worker.
- "Emergency erase…" asks once, with Cancel as the default, then closes the vault and destroys
  its key; overwriting every page of every copy follows under a progress bar without Cancel (the
  key is gone by then: stopping would only leave pages unoverwritten); the window closes because
  there is nothing left to show.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog

from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.menu_actions import MenuActions, Notice
from kzdesk.ui.operation import Operation
from kzdesk.ui.tasks import Progress

if TYPE_CHECKING:
    pass

REMIND_DAYS = 14
ERASE_STEPS = 1000  # the bar counts thousandths: bytes would not fit Qt's int on a vault over 2 GiB


class SafetyActions(MenuActions):
    erased = Signal()

    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice) -> None:
        super().__init__(window, context, notice)
        self.backup_action = self.action("backup_action", self._ask_backup)
        self.erase_action = self.action("erase_action", self._confirm_erase)
        self.shares_action = self.action("shares_action", self.show_shares)
        self.retranslate()

    def retranslate(self) -> None:
        self.backup_action.setText(self.tr("Bac&k up to a file…"))
        self.erase_action.setText(self.tr("Emer&gency erase…"))
        self.shares_action.setText(self.tr("Recovery &shares…"))

    # --- backups -------------------------------------------------------------------------------
    def _ask_backup(self) -> None:
        path = file_dialogs.save_file(self.window, self.tr("Back up the vault"), "vault.kzbackup",
                                      self.tr("kzdesk backups (*.kzbackup)"))
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> None:
        vault = self.context.vault
        if vault is None:
            return
        from kzdesk.core.vault.backup_file import write_backup

        def work(operation: Operation) -> None:
            # The check begun on open must pass first: its progress is shown, and Cancel stops the wait.
            vault.pages.wait_reporting(operation.report, operation.stop_if_cancelled)
            operation.report(0, 0)
            # Cancel interrupts the check's and the copy's SQL; the half-made copy in partial/ is
            # removed, and the file itself is written at once at the end (atomically) or not at all.
            with operation.interruptible(vault.engine):
                write_backup(vault, path, operation.stop_if_cancelled)  # notes the day, for the reminder

        self.operation = Operation(self.window, self.context, self.tr("Writing the backup…"), cancellable=True,
                                   name="backup_progress")
        self.operation.run(work, lambda _: self._say(self.tr("The backup was written. Keep it away from this "
                                                             "computer.")),
                           self.tr("The backup was not written."), lambda text: self._say(text, True),
                           lambda: self._say(self.tr("The backup was cancelled; no file was written.")))

    def remind(self) -> None:
        """After unlocking: say so when the last backup is old (or there never was one)."""
        vault = self.context.vault
        if vault is None:
            return

        # The daily copy a damaged database can later be put back from: made once every page has
        # passed the check begun on open, on that check's own thread and connection, never on the
        # database thread the window's queries wait for.
        vault.keep_daily_copy_when_checked()
        self.context.tasks.run(vault.last_backup, self._remind, owner=self)

    def _remind(self, last: str | None) -> None:
        today = datetime.now(UTC).date()
        if last is not None and (today - date.fromisoformat(last)).days <= REMIND_DAYS:
            return
        self.last_message = (self.tr("No backup of this vault has been made yet: File → Back up to a file.")
                             if last is None else
                             self.tr("The last backup is from {date}: make a new one (File → Back up to a file).")
                             .replace("{date}", last))
        self.window.statusBar().showMessage(self.last_message, 30_000)

    # --- recovery shares -----------------------------------------------------------------------
    def show_shares(self) -> None:
        """Split the key on the worker, then show the shares (a new set each time)."""
        vault = self.context.vault
        if vault is None:
            return
        from kzdesk.ui.shares_dialog import SharesDialog

        def show(shares: list[str]) -> None:
            if self.context.vault is None:
                return  # locked meanwhile: the shares are dropped unseen
            self.shares_dialog = SharesDialog(self.window, self.context, shares)
            self.shares_dialog.open()

        self.context.tasks.run(vault.recovery_shares, show, self._failed, owner=self)

    # --- erase ---------------------------------------------------------------------------------
    def _confirm_erase(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "kzdesk",
                          self.tr("Erase this vault for good? Everything in it becomes unreadable at once, for "
                                  "you too. Only a backup file kept elsewhere can bring it back."),
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("erase_confirmation")
        erase = box.addButton(self.tr("Erase for good"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.erase_now() if button is erase else None)
        box.open()

    def erase_now(self) -> None:
        from kzdesk.core.vault.erase import erase

        vault, path = self.context.vault, self.context.vault_path
        self.context.vault = None
        bar = self.erase_progress = QProgressDialog(self.tr("Erasing the vault: overwriting every copy…"), "", 0,
                                                    ERASE_STEPS, self.window)
        bar.setObjectName("erase_progress")
        bar.setCancelButton(None)  # the key is destroyed first: there is nothing left to cancel
        bar.setWindowModality(Qt.WindowModality.WindowModal)
        bar.setAutoClose(False)
        bar.setAutoReset(False)
        bar.setValue(0)
        bar.show()  # at once, not after QProgressDialog's delay: the user must see that it is under way
        progress = Progress(bar)  # a child of the dialog: gone with it
        progress.changed.connect(lambda done, _total: bar.setValue(done))
        shown = [-1]

        def advance(done: int, total: int) -> None:
            step = ERASE_STEPS if total <= 0 else done * ERASE_STEPS // total
            if step != shown[0]:  # one signal per thousandth, not one per MiB written
                shown[0] = step
                progress.report(step, ERASE_STEPS)

        def work() -> None:
            if vault is not None:
                vault.close()
            erase(path, advance)

        def done(_: object) -> None:
            bar.close()
            self.erased.emit()

        def failed(error: BaseException) -> None:
            bar.close()
            self._failed(error)

        self.context.tasks.run(work, done, failed, owner=self)
