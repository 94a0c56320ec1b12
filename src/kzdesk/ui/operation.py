"""One way for a window to run a long core call: the delayed progress dialog, cancel, the error said.

Every flow the window starts on the database thread that may take more than a moment (a CSV or
bundle import, a bundle export, a case summary) goes through Operation, so each one shows progress
the same way, can be cancelled where the core call allows it, and turns a failure into a message in
the user's language — never the exception's text, which may carry case data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from kzdesk.core.errors import KzdeskError
from kzdesk.ui.context import AppContext
from kzdesk.ui.tasks import Progress

T = TypeVar("T")

SHOW_AFTER_MS = 600  # a quick operation never flashes a dialog


def error_text(error: BaseException, fallback: str) -> str:
    """What the user reads about a failure: kzdesk's own message in their language, else the fallback."""
    return error.message() if isinstance(error, KzdeskError) else fallback


def notice(parent: QWidget, text: str, warning: bool = False) -> QMessageBox:
    """A message that does not block the event loop (the database thread keeps reporting)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, "kzdesk", text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class Operation(QObject):
    """A core call on the database thread with a window-modal progress dialog shown after a delay.

    work(operation) runs on the database thread; it may pass operation.report as the core call's
    progress callback and operation.cancelled as its cancel check. on_done gets the typed result on
    the GUI thread; a failure calls on_failed with the text to show (by default a warning box).
    """

    def __init__(self, window: QWidget, context: AppContext, label: str, *, cancellable: bool = False,
                 name: str = "operation_progress") -> None:
        super().__init__(window)
        self.window, self.context = window, context
        self.dialog = QProgressDialog(label, "", 0, 0, window)
        self.dialog.setObjectName(name)
        if cancellable:
            self.dialog.setCancelButtonText(QCoreApplication.translate("Operation", "Cancel"))
        else:
            self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoReset(False)  # the dialog is closed by the result, not by reaching 100 %
        self.dialog.setAutoClose(False)
        self.dialog.setValue(0)
        self.done = self.total = 0  # the last progress reported
        self._cancel = threading.Event()
        self.dialog.canceled.connect(self._cancel.set)
        self.progress = Progress(self.dialog)  # a child of the dialog: gone with it
        self.progress.changed.connect(self._advance)

    # --- called from the database thread -------------------------------------------------
    def report(self, done: int, total: int) -> None:
        self.progress.report(done, total)  # queued to the GUI thread

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # --- GUI thread -------------------------------------------------------------------------
    def _advance(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def cancel(self) -> None:
        """What the dialog's Cancel button does (also for tests and for locking)."""
        self._cancel.set()

    def run(self, work: Callable[[Operation], T], on_done: Callable[[T], None], fallback: str,
            on_failed: Callable[[str], None] | None = None) -> None:
        def done(value: T) -> None:
            self._finish()
            on_done(value)

        def failed(error: BaseException) -> None:
            self._finish()
            text = error_text(error, fallback)
            if on_failed is not None:
                on_failed(text)
            else:
                notice(self.window, text, warning=True)

        self.context.tasks.run(lambda: work(self), done, failed, owner=self.window)

    def _finish(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()
        self.deleteLater()
