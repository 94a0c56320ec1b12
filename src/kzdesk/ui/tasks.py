"""One background thread for all database work; results are delivered on the GUI thread.

The GUI never touches the vault directly: every query, write, unlock and import goes through
Tasks.run(), in order, on a single worker (one writer, no races), so the window keeps painting.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from kzdesk.core.errors import full_disk

T = TypeVar("T")


class Tasks(QObject):
    """run(work, on_done, on_error): work runs on the database thread, callbacks on the GUI thread."""

    _finished = Signal(object, object, object)  # callback, value, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kzdesk-db")
        self._finished.connect(self._deliver)
        self.pending = 0

    def run(self, work: Callable[[], T], on_done: Callable[[T], object] | None = None,
            on_error: Callable[[BaseException], object] | None = None, owner: QObject | None = None) -> Future[T]:
        """Queue work; on_done gets its typed result. Callbacks are dropped if owner (a window) has
        been destroyed meanwhile."""
        self.pending += 1

        def finished(future: Future[T]) -> None:
            error = future.exception()
            # Emitted from the worker thread: Qt queues it to the GUI thread where self lives.
            self._finished.emit((on_done, on_error, owner), None if error else future.result(), error)

        future = self._pool.submit(work)
        future.add_done_callback(finished)
        return future

    def _deliver(self, callbacks: tuple[Any, Any, Any], value: Any, error: BaseException | None) -> None:
        self.pending -= 1
        on_done, on_error, owner = callbacks
        if owner is not None and not shiboken6.isValid(owner):
            return
        if error is not None:
            # A full disk met outside the engine (a raw copy, VACUUM) is said as such, not as a failure.
            error = full_disk(error) or error
            if on_error is not None:
                on_error(error)
            else:
                raise error
        elif on_done is not None:
            on_done(value)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


class Progress(QObject):
    """Carries (done, total) from work on the database thread to a progress bar on the GUI thread."""

    changed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.changed.emit(done, total)  # queued: the receiver lives on the GUI thread
