"""Windows that fit the screen they open on: a 1024×600 netbook as well as a large monitor."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QWidget

# The smallest screen kzdesk is made for (a netbook at 100 % scaling); tests/ui/test_fit.py holds
# every window to it.
SMALLEST = QSize(1024, 600)
# What a window manager takes around a window (title bar, borders) and a panel takes from the screen.
FRAME = QSize(16, 64)


def available(widget: QWidget | None = None) -> QSize:
    """The room a window has on the screen it opens on, less its frame."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else SMALLEST
    return QSize(max(room.width() - FRAME.width(), 320), max(room.height() - FRAME.height(), 240))


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Open at the wanted size, or as large as the screen allows, never larger."""
    window.resize(wanted.boundedTo(available(window)).expandedTo(window.minimumSizeHint()))


def compact_combos(parent: QWidget, characters: int = 12) -> None:
    """Combo boxes ask for the width of a dozen characters, not of their longest Russian label,
    so a row of them fits a small screen; the open list still shows the whole label."""
    for combo in parent.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(characters)


def minimum_width(widget: QWidget) -> int:
    """The width a widget's fields need, measured before it is first shown (the layouts inside an
    unshown window report too little until each is activated, innermost first)."""
    for child in reversed([widget, *widget.findChildren(QWidget)]):
        layout = child.layout()
        if layout is not None:
            layout.activate()
    return widget.minimumSizeHint().width()
