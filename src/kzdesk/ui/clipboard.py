"""Whatever kzdesk puts on the clipboard is marked as secret and taken back after 30 seconds.

A name copied from a record would otherwise sit in clipboard-manager histories (KDE Klipper, the
Windows clipboard history and cloud sync, macOS managers) long after kzdesk is locked. Every copy
the application makes is re-published with the hints those managers honour, and cleared after
SECONDS if it is still ours and unchanged; locking and quitting clear it at once.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

SECONDS = 30
HINTS = {
    "x-kde-passwordManagerHint": b"secret",  # KDE Klipper and others following it
    "ExcludeClipboardContentFromMonitorProcessing": b"\x01\x00\x00\x00",  # Windows clipboard history, sync
    "CanIncludeInClipboardHistory": b"\x00\x00\x00\x00",
    "org.nspasteboard.ConcealedType": b"",  # macOS clipboard managers
}


class ClipboardGuard(QObject):
    def __init__(self, app: QGuiApplication, seconds: int = SECONDS) -> None:
        super().__init__(app)
        self.app = app
        self.clipboard: QClipboard = app.clipboard()
        self.timer = QTimer(self, singleShot=True, interval=seconds * 1000)
        self.timer.timeout.connect(self.clear)
        self._text: str | None = None
        self._marking = False
        self.clipboard.dataChanged.connect(self._changed)

    def _changed(self) -> None:
        if self._marking:
            return
        data = self.clipboard.mimeData()
        # Ours when Qt says so (X11, Windows) or when the copy happened while kzdesk had the focus
        # (where the platform cannot tell owners apart, e.g. macOS): nobody copies into another app.
        from PySide6.QtCore import Qt  # here, not at import: Qt's enum namespace costs ~25 ms to start

        ours = self.clipboard.ownsClipboard() or self.app.applicationState() == Qt.ApplicationState.ApplicationActive
        if not ours or data is None or not data.hasText():
            self.timer.stop()  # someone else's copy: not ours to touch
            self._text = None
            return
        if data.hasFormat("x-kde-passwordManagerHint"):
            return
        marked = QMimeData()
        marked.setText(data.text())
        for name, value in HINTS.items():
            marked.setData(name, value)
        self._marking = True
        try:
            self.clipboard.setMimeData(marked)
        finally:
            self._marking = False
        self._text = marked.text()
        self.timer.start()

    def clear(self) -> None:
        """Take back our copy (if it is still ours and unchanged)."""
        self.timer.stop()
        if self._text is not None and self.clipboard.text() == self._text:  # unchanged since: still ours
            self.clipboard.clear()
        self._text = None
