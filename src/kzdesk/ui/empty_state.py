"""A sentence over an empty list saying what the list is for, so an empty tab is never a blank grid."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyNotice(QLabel):
    """Lies over a view's viewport while its model has no rows and a text is set; the owner sets the
    text once the list has loaded (so it never flashes before the first rows arrive)."""

    def __init__(self, view: QAbstractItemView, name: str) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the view
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._update)
        self.hide()

    def say(self, text: str) -> None:
        """The sentence to show while the list is empty ("" : nothing)."""
        self.setText(text)
        self._update()

    def _update(self, *_args: object) -> None:
        self.setGeometry(self.view.viewport().rect().adjusted(24, 24, -24, -24))
        self.setVisible(bool(self.text()) and self.view.model().rowCount() == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect().adjusted(24, 24, -24, -24))
        return False
