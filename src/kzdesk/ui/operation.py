"""One way for a window to run a long core call: the delayed progress dialog, cancel, the error said.

Every flow the window starts on the database thread that may take more than a moment (a CSV or
bundle import, a bundle export, a case summary, the statistics report, a backup, the duplicate
queues) goes through Operation, so each one shows progress the same way, can be cancelled where the
core call allows it, and turns a failure into a message in the user's language — never the
exception's text, which may carry case data.

A step bound to SQL is cancelled one way: the work runs it inside `operation.interruptible(engine)`,
and Cancel interrupts (SQLite's thread-safe interrupt()) every connection the engine lent the work;
the statement fails as "interrupted", which the operation reports as cancelled, not as a failure.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from kzdesk.core.errors import KzdeskError
from kzdesk.ui.context import AppContext
from kzdesk.ui.tasks import Progress

if TYPE_CHECKING:
    from sqlalchemy import Engine

T = TypeVar("T")

SHOW_AFTER_MS = 600  # a quick operation never flashes a dialog
# SQLite asks whether to stop every this many VM steps (about a millisecond): a Cancel pressed between
# two statements, when interrupt() has nothing to stop, still stops the next one.
CHECK_EVERY_STEPS = 100_000


class Cancelled(Exception):
    """The user pressed Cancel and the work stopped; what it was making was not kept."""


def interrupted(error: BaseException) -> bool:
    """Whether SQLite stopped a statement on request (a DB-API error, or SQLAlchemy's wrapping one)."""
    original = getattr(error, "orig", None) or error
    return type(original).__name__ == "OperationalError" and "interrupted" in str(original)


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
    progress callback and operation.cancelled as its cancel check, and wrap SQL-bound steps in
    operation.interruptible(engine). on_done gets the typed result on the GUI thread; a failure calls
    on_failed with the text to show (by default a warning box); a cancelled work calls on_cancelled.
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
        self._lock = threading.Lock()
        self._connections: list[Any] = []  # DB-API connections the work holds now (see interruptible)
        self.dialog.canceled.connect(self.cancel)
        self.progress = Progress(self.dialog)  # a child of the dialog: gone with it
        self.progress.changed.connect(self._advance)

    # --- called from the database thread -------------------------------------------------
    def report(self, done: int, total: int) -> None:
        self.progress.report(done, total)  # queued to the GUI thread

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def stop_if_cancelled(self) -> None:
        """Between two steps: stop here (raising Cancelled) when Cancel was pressed."""
        if self._cancel.is_set():
            raise Cancelled

    @contextlib.contextmanager
    def interruptible(self, engine: Engine) -> Iterator[None]:
        """Within this block, every connection `engine` lends this thread is interrupted by Cancel, and
        the statement it stops (raising OperationalError "interrupted") ends the work as Cancelled."""
        from sqlalchemy import event

        thread = threading.get_ident()

        def lent(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
            if threading.get_ident() == thread:
                dbapi_conn.set_progress_handler(self._cancel.is_set, CHECK_EVERY_STEPS)
                with self._lock:
                    self._connections.append(dbapi_conn)

        def returned(dbapi_conn: Any, _record: Any) -> None:
            if threading.get_ident() == thread and dbapi_conn is not None:
                self._let_go(dbapi_conn)

        event.listen(engine, "checkout", lent)
        event.listen(engine, "checkin", returned)
        try:
            self.stop_if_cancelled()
            yield
        except Exception as error:
            if self._cancel.is_set() and interrupted(error):
                raise Cancelled from None
            raise
        finally:
            event.remove(engine, "checkout", lent)
            event.remove(engine, "checkin", returned)
            for dbapi_conn in list(self._connections):
                self._let_go(dbapi_conn)

    def _let_go(self, dbapi_conn: Any) -> None:
        with self._lock:  # not while cancel() interrupts it: the next user of it must not be stopped
            if dbapi_conn in self._connections:
                self._connections.remove(dbapi_conn)
                with contextlib.suppress(Exception):  # closed meanwhile (the vault was locked)
                    dbapi_conn.set_progress_handler(None, 0)

    # --- GUI thread -------------------------------------------------------------------------
    def _advance(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def cancel(self) -> None:
        """What the dialog's Cancel button does (also for tests and for locking)."""
        self._cancel.set()
        with self._lock:
            for dbapi_conn in self._connections:
                with contextlib.suppress(Exception):  # closed meanwhile (the vault was locked)
                    dbapi_conn.interrupt()  # thread-safe in SQLite: the statement stops at its next step

    def run(self, work: Callable[[Operation], T], on_done: Callable[[T], None], fallback: str,
            on_failed: Callable[[str], None] | None = None,
            on_cancelled: Callable[[], None] | None = None) -> None:
        def done(value: T) -> None:
            self._finish()
            on_done(value)

        def failed(error: BaseException) -> None:
            self._finish()
            if isinstance(error, Cancelled):
                if on_cancelled is not None:
                    on_cancelled()
                else:
                    notice(self.window, QCoreApplication.translate("Operation", "Cancelled."))
                return
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
