"""Small widgets shared by several windows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLineEdit, QStyle, QTableView

from kzdesk.core.model.names import sort_key
from kzdesk.core.model.vocab import label, vocabulary

W = TypeVar("W", bound=QObject)

# How a column of a list takes its width (see lay_out_columns); a number is a start width in pixels.
FIT = QHeaderView.ResizeMode.ResizeToContents  # short values: dates, numbers, article numbers
FILL = QHeaderView.ResizeMode.Stretch  # the longest text: takes what the others leave
# A person's chronology (Persons tab, both sides of a probable duplicate): date, city, act, article,
# sanction, court and case; the court and case read longest.
CHRONOLOGY_COLUMNS = (FIT, 110, 190, FIT, 150, FILL)


def city_combo(language: str) -> QComboBox:
    """An editable city box: gazetteer cities in the interface language, free text allowed."""
    combo = QComboBox()
    fill_cities(combo, language)
    return combo


def fill_cities(combo: QComboBox, language: str) -> None:
    combo.setEditable(True)
    cities = vocabulary().cities
    for city_id in sorted(cities, key=lambda c: sort_key(label(cities[c].labels, language))):
        combo.addItem(label(cities[city_id].labels, language), city_id)
    combo.setCurrentIndex(-1)
    combo.setEditText("")


def named(obj: W, name: str, **properties: Any) -> W:
    """Give a widget its object name (tests and style sheets find it by that) and set properties
    through their setters: named(QLineEdit(), "search", clearButtonEnabled=True)."""
    obj.setObjectName(name)
    for key, value in properties.items():
        getattr(obj, f"set{key[0].upper()}{key[1:]}")(value)
    return obj


def table_view(model: object) -> QTableView:
    """A read-only, row-selecting table as every list in the program shows it."""
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab leaves the list for what acts on its row (the arrow keys move within it): moving from cell
    # to cell of a read-only list would trap a keyboard user in it.
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setAlternatingRowColors(True)
    # A long name is cut with "…" on one line (the tooltip or a wider column shows it whole): a wrapped
    # name's second line would be cut off by the fixed row height, and rows that grow break the list.
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def title_width(header: QHeaderView, logical: int) -> int:
    """The width a column's title needs to be read whole: drawn bold (a list that selects whole rows
    shows every title bold), between the style's margins, with room for the sort arrow."""
    text = str(header.model().headerData(logical, header.orientation()) or "") if header.model() else ""
    bold = QFont(header.font())
    bold.setBold(True)
    advance = max(QFontMetrics(header.font()).horizontalAdvance(text), QFontMetrics(bold).horizontalAdvance(text))
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin \
        if header.isSortIndicatorShown() else 0
    return max(advance + 4 * margin + arrow, header.sectionSizeHint(logical))


class TitleFloor(QObject):
    """Keeps every column of a header at least as wide as its title, in every language: after a
    language switch, a font change and a drag that would cut the title."""

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self.header = header
        self.busy = False
        header.installEventFilter(self)
        header.sectionResized.connect(lambda logical, _old, new: self._floor(logical, new))
        model = header.model()
        if model is not None:
            model.headerDataChanged.connect(lambda *_: self.apply())
            model.modelReset.connect(self.apply)
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Show):
            self.apply()
        return False

    def apply(self) -> None:
        header = self.header
        # Stretched columns take what is left, but never less than the header's one minimum: the widest
        # of their titles (Qt has no minimum per column, so the others are held up one by one below).
        stretched = [title_width(header, i) for i in range(header.count())
                     if header.sectionResizeMode(i) == FILL]
        header.setMinimumSectionSize(max([header.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderDefaultSectionSizeHorizontal, None, header) // 2, *stretched]))
        for logical in range(header.count()):
            self._floor(logical, header.sectionSize(logical))

    def _floor(self, logical: int, size: int) -> None:
        header = self.header
        if self.busy or header.isSectionHidden(logical) or header.sectionResizeMode(logical) != \
                QHeaderView.ResizeMode.Interactive:
            return  # fitted and stretched columns are sized by Qt from their titles and contents
        need = title_width(header, logical)
        if size < need:
            self.busy = True
            try:
                header.resizeSection(logical, need)
            finally:
                self.busy = False


def lay_out_columns(view: QTableView, columns: Sequence[int | QHeaderView.ResizeMode]) -> None:
    """Each column of a list as FIT (as wide as its values), FILL (what the others leave) or a start
    width the user may drag; none of them ever narrower than its title (see TitleFloor)."""
    header = view.horizontalHeader()
    header.setStretchLastSection(FILL not in columns)
    for logical, how in enumerate(columns):
        if isinstance(how, QHeaderView.ResizeMode):
            header.setSectionResizeMode(logical, how)
        else:
            header.setSectionResizeMode(logical, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(logical, how)
    TitleFloor(header)


class HintEdit(QLineEdit):
    """A filter field that asks its row for room to show its whole placeholder ("с ДД.ММ.ГГГГ"): a cut
    hint misleads. Only asks: a window made narrower than that still squeezes it, the minimum stays."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        room = QFontMetrics(self.font()).horizontalAdvance(self.placeholderText()) + 24  # frame and margins
        return QSize(max(hint.width(), room), hint.height())


def mono_font(points: int) -> QFont:
    """The system's fixed-width font: recovery words line up and read without ambiguity."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(points)
    return font
