"""Receipts in the window: the coordinator writes one for a volunteer, the volunteer erases what
the coordinator confirmed receiving (after a plain question: erasing is final)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMessageBox

from kzdesk.core.files import read_input
from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.menu_actions import MenuActions, Notice

if TYPE_CHECKING:  # the core's exchange modules load only when a receipt is opened
    from kzdesk.core.exchange.receipts import PurgeResult


class ReceiptActions(MenuActions):
    """The two menu actions and the work behind them (all vault access on the database thread)."""

    erased = Signal(int)  # how many records were erased

    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice) -> None:
        super().__init__(window, context, notice)
        self.write_action = self.action("receipt_action", self._ask_volunteer)
        self.purge_action = self.action("purge_action", self._ask_receipt)
        self.retranslate()

    def retranslate(self) -> None:
        self.write_action.setText(self.tr("Write a recei&pt for a volunteer…"))
        self.purge_action.setText(self.tr("Erase what the coordinator confirmed &receiving…"))

    # --- coordinator -------------------------------------------------------------------------
    def _ask_volunteer(self) -> None:
        vault = self.context.vault
        if vault is None:
            return
        from kzdesk.core.exchange.trust import all_trusted

        def load() -> list[Any]:
            with vault.engine.connect() as conn:
                return [t for t in all_trusted(conn) if t.role == "volunteer"]

        self.context.tasks.run(load, self._choose_volunteer, self._failed, owner=self)

    def _choose_volunteer(self, volunteers: list[Any]) -> None:
        if not volunteers:
            self._say(self.tr("No volunteer is trusted in this vault yet."), True)
            return
        labels = [f"{v.display_name} — {v.fingerprint}" for v in volunteers]
        choice, ok = QInputDialog.getItem(self.window, "kzdesk", self.tr("Receipt for which volunteer?"), labels,
                                          0, False)
        if not ok:
            return
        path = file_dialogs.save_file(self.window, self.tr("Save the receipt"), "receipt.kzr",
                                      self.tr("Receipts (*.kzr)"))
        if path:
            self.write_for(volunteers[labels.index(choice)].key_id, Path(path))

    def write_for(self, volunteer: str, path: Path) -> None:
        vault = self.context.vault
        if vault is None:
            return
        from kzdesk.core.exchange.receipts import write_receipt
        from kzdesk.core.files import write_output

        def work() -> None:
            with vault.engine.connect() as conn:
                data = write_receipt(conn, vault.identity, volunteer)
            write_output(path, data, mode=0o644)

        self.context.tasks.run(work, lambda _: self._say(self.tr("The receipt was written.")), self._failed,
                               owner=self)

    # --- volunteer ---------------------------------------------------------------------------
    def _ask_receipt(self) -> None:
        path = file_dialogs.open_file(self.window, self.tr("Open the coordinator's receipt"),
                                      self.tr("Receipts (*.kzr);;All files (*)"))
        if path:
            self.check(Path(path))

    def check(self, path: Path) -> None:
        """Verify the receipt and count what it allows to erase, then ask."""
        vault = self.context.vault
        if vault is None:
            return
        from kzdesk.core.exchange.receipts import preview, read_receipt

        def work() -> tuple[Any, PurgeResult]:
            data = read_input(path)
            with vault.engine.connect() as conn:
                receipt = read_receipt(conn, data, vault.identity.key_id)
                return receipt, preview(conn, receipt)

        self.context.tasks.run(work, self._confirm, self._failed, owner=self)

    def _confirm(self, found: tuple[Any, PurgeResult]) -> None:
        receipt, planned = found
        if not planned.erased_total:
            self._say("\n".join([self.tr("The receipt is genuine, but nothing on this computer is covered by it."),
                                 *planned.details()]))
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "kzdesk",
                          self.tr("The coordinator confirmed receiving {count} records. Erase them from this "
                                  "computer for good? This cannot be undone.")
                          .replace("{count}", str(planned.erased_total)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.window)
        # What goes and what stays (and why), in the words the command line uses too.
        box.setInformativeText("\n".join(planned.details()))
        box.setObjectName("purge_confirmation")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.purge(receipt) if box.standardButton(button) == QMessageBox.StandardButton.Yes
            else None)
        box.open()

    def purge(self, receipt: Any) -> None:
        vault = self.context.vault
        if vault is None:
            return
        from kzdesk.core.exchange.receipts import purge

        def done(result: PurgeResult) -> None:
            self._say("\n".join([self.tr("{count} records were erased from this computer.")
                                 .replace("{count}", str(result.erased_total)), *result.details()]))
            self.erased.emit(result.erased_total)

        self.context.tasks.run(lambda: purge(vault, receipt), done, self._failed, owner=self)
