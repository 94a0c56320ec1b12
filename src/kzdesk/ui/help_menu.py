"""Help → "User guide (PDF)": the guide that ships with the program, in the window's language.

The guide holds no case data, so it is fine to hand it to the system's PDF viewer (unlike a
report, which stays inside the window until the user decides where to save it).
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from kzdesk.ui.context import AppContext
from kzdesk.ui.menu_actions import MenuActions, Notice


class GuideActions(MenuActions):
    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice) -> None:
        super().__init__(window, context, notice)
        self.guide_action = self.action("guide_action", self.open_guide)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.retranslate()

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.guide_action)

    def retranslate(self) -> None:
        self.guide_action.setText(self.tr("&User guide (PDF)"))

    def open_guide(self) -> None:
        from kzdesk.core.reports.guide import shipped_guide  # reportlab comes with it: only when asked for

        path = shipped_guide(self.context.translations.language)
        if not path.is_file():
            self._say(self.tr("The user guide is missing from this installation."), True)
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._say(self.tr("No program to show PDF files was found. The guide is here: {path}")
                      .replace("{path}", str(path)), True)
