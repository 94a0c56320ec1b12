"""The Records tab: every event with its persons and acts, searched and filtered in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from kzdesk.core.i18n import tr
from kzdesk.core.model.fields import Problem, parse_bound
from kzdesk.core.model.listing import RecordFilter, article_query
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.vocab import label, vocabulary
from kzdesk.ui.context import AppContext
from kzdesk.ui.formatting import date_hint
from kzdesk.ui.records_model import RecordsModel
from kzdesk.ui.widgets import FILL, FIT, HintEdit, city_combo, lay_out_columns, named, table_view

MIN_SEARCH = 2
SEARCH_DELAY_MS = 120  # wait for a pause in typing, but stay well under the 100 ms per keystroke budget


class RecordsTab(QWidget):
    """Search box and filters over the records list; a double-click asks for that record's editor."""

    open_record = Signal(str)  # the event's uuid

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.model = RecordsModel(context)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.search = named(QLineEdit(), "search", clearButtonEnabled=True)
        self.date_from = named(HintEdit(), "date_from", maxLength=10)
        self.date_to = named(HintEdit(), "date_to", maxLength=10)
        self.city = city_combo(context.translations.language)
        self.city.setObjectName("city_filter")
        self.act_type = named(QComboBox(), "act_type_filter")
        self.article = named(HintEdit(), "article_filter", maxLength=24)  # "ст. 488 ч. 7" fits
        # The filters take the room their hints ask for (HintEdit, the combo boxes' "any …" word);
        # the search box takes the rest, and gives way first on a small screen.
        for widget, stretch in ((self.search, 1), (self.date_from, 0), (self.date_to, 0), (self.city, 0),
                                (self.act_type, 0), (self.article, 0)):
            filters.addWidget(widget, stretch)
        for edit in (self.date_from, self.date_to, self.article):
            edit.editingFinished.connect(self.apply_filter)
        self.city.currentIndexChanged.connect(self.apply_filter)
        city_edit = self.city.lineEdit()
        assert city_edit is not None  # the combo is editable
        city_edit.editingFinished.connect(self.apply_filter)
        self.act_type.currentIndexChanged.connect(self.apply_filter)
        self.view = table_view(self.model)
        self.view.setSortingEnabled(True)
        # Date, city, persons, acts, articles, sanction: the sanction reads longest and takes the rest.
        lay_out_columns(self.view, (FIT, 120, 240, 220, 110, FILL))
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        # Several events at once (Ctrl+click, Shift+click, Shift+arrows) for Set consent…; a
        # double-click or Enter still opens the one under the cursor.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.doubleClicked.connect(lambda index: self.open_record.emit(self.model.uuid_at(index.row())))
        self.view.activated.connect(lambda index: self.open_record.emit(self.model.uuid_at(index.row())))
        layout.addLayout(filters)
        layout.addWidget(self.view)
        self.search_timer = named(QTimer(self), "search_timer", singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self.search_timer.start())

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: name, place, article… (Ctrl+F)"))
        # The format the list shows the dates in (DD.MM.YYYY in ru/kk); ISO and MM.YYYY are read too.
        self.date_from.setPlaceholderText(self.tr("from {format}").format(format=date_hint()))
        self.date_to.setPlaceholderText(self.tr("to {format}").format(format=date_hint()))
        city_edit = self.city.lineEdit()
        if city_edit is not None:
            city_edit.setPlaceholderText(self.tr("any city"))
        self.article.setPlaceholderText(self.tr("article, e.g. 488.7"))
        for edit in (self.date_from, self.date_to, self.article):
            edit.updateGeometry()  # a new placeholder asks for its own room
        current = self.act_type.currentData()
        self.act_type.blockSignals(True)
        self.act_type.clear()
        self.act_type.addItem(self.tr("any act"), None)
        lang = self.context.translations.language
        types = vocabulary().act_types
        for code in sorted(types, key=lambda c: sort_key(label(types[c].labels, lang))):
            self.act_type.addItem(label(types[code].labels, lang), code)
        self.act_type.setCurrentIndex(max(0, self.act_type.findData(current)))
        # A combo box as wide as its "any …" word (not its longest act or city), its list as wide as those.
        for combo, hint in ((self.city, city_edit.placeholderText() if city_edit else ""),
                            (self.act_type, self.act_type.itemText(0))):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            metrics = combo.fontMetrics()  # counted in average characters, and Cyrillic ones are wider
            combo.setMinimumContentsLength(-(-metrics.horizontalAdvance(hint) // metrics.averageCharWidth()) + 1)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0))
        self.act_type.blockSignals(False)

    def current_filter(self) -> RecordFilter:
        """The filter as typed. A date or article that cannot be read is marked on its field with the
        reason (in the user's language) and does not narrow the list: the previous bound stays, so the
        list never silently shows rows for something the user did not mean."""
        city_text = self.city.currentText().strip()
        city = self.city.currentData() if city_text else None
        if city_text and city is None:
            city = vocabulary().city(city_text)
        old = self.model.filter
        text = self.search.text()
        if len(text.strip()) < MIN_SEARCH:
            text = ""  # one letter matches half the vault: wait for the second
        date_from = self._bound(self.date_from, old.date_from, last=False)
        date_to = self._bound(self.date_to, old.date_to, last=True)
        article = self.article.text().strip() or None
        if article is not None and article_query(article) is None:
            self._mark(self.article, self.tr("'{value}' is not an article (e.g. 488, 488.7 or 488 ч. 7)")
                       .format(value=article))
            article = old.article
        else:
            self._mark(self.article, None)
        return RecordFilter(text, date_from, date_to, city, self.act_type.currentData(), article,
                            old.sort, old.descending)

    def _bound(self, edit: QLineEdit, previous: str | None, last: bool) -> str | None:
        try:
            value = parse_bound(edit.text(), last=last)
        except Problem as problem:
            self._mark(edit, tr(problem.msgid, **problem.params))
            return previous
        self._mark(edit, None)
        return value

    def _mark(self, edit: QLineEdit, problem: str | None) -> None:
        """Say on the field itself why it is not used: a red frame, the reason as tooltip and at once."""
        edit.setProperty("problem", problem or "")
        edit.setToolTip(problem or "")
        # A style sheet replaces the style's own focus frame: focus is shown by a darker frame and a tint.
        edit.setStyleSheet("QLineEdit { border: 2px solid #c0392b; } "
                           "QLineEdit:focus { border-color: #7b241c; background: #fdecea; }" if problem else "")
        if problem and edit.isVisible():
            QToolTip.showText(edit.mapToGlobal(edit.rect().bottomLeft()), problem, edit)

    def hideEvent(self, event: QHideEvent) -> None:
        # The reason shown at once under a field must not outlive the field: a tooltip left up while
        # its widget is closed and deleted (locking, quitting) points at freed memory.
        QToolTip.hideText()
        super().hideEvent(event)

    def offer(self, action: QAction) -> None:
        """An action of the records list's context menu (the Menu key opens it too)."""
        self.view.addAction(action)

    def selected_events(self) -> list[str]:
        """The events of the selected rows, in list order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [self.model.uuid_at(row) for row in rows]

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear(self) -> None:
        """Locked: no row and no typed search text stays on screen."""
        self.model.clear()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
