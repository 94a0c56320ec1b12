"""The shape shared by the window's groups of menu actions (receipts, backups and erase)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from kzdesk.ui.context import AppContext
from kzdesk.ui.operation import error_text
from kzdesk.ui.widgets import named

Notice = Callable[[str, bool], None]


class MenuActions(QObject):
    """Actions that run their work on the database thread and tell the user how it went."""

    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice) -> None:
        super().__init__(window)
        self.window, self.context, self.notice = window, context, notice
        self.last_message = ""

    def action(self, name: str, slot: Callable[[], None]) -> QAction:
        made = named(QAction(self.window), name)
        made.triggered.connect(slot)
        return made

    def _say(self, text: str, warning: bool = False) -> None:
        self.last_message = text
        self.notice(text, warning)

    def _failed(self, error: BaseException) -> None:
        # translate() with the context spelled out: self.tr() in a base class would look the text up
        # under the subclass's name at run time, where lupdate never put it.
        text = QCoreApplication.translate("MenuActions", "The operation failed.")
        self._say(error_text(error, text), True)
