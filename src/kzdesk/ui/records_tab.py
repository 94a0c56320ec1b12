"""The Records tab: every event with its persons and acts, searched and filtered in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kzdesk.core.model.listing import RecordFilter
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.vocab import label, vocabulary
from kzdesk.ui.context import AppContext
from kzdesk.ui.records_model import RecordsModel
from kzdesk.ui.widgets import city_combo, named, table_view

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
        self.date_from = named(QLineEdit(), "date_from", maxLength=10)
        self.date_to = named(QLineEdit(), "date_to", maxLength=10)
        self.city = city_combo(context.translations.language)
        self.city.setObjectName("city_filter")
        self.act_type = named(QComboBox(), "act_type_filter")
        self.article = named(QLineEdit(), "article_filter", maxLength=8)
        for widget, stretch in ((self.search, 3), (self.date_from, 1), (self.date_to, 1), (self.city, 1),
                                (self.act_type, 1), (self.article, 1)):
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
        for column, width in enumerate((100, 130, 260, 230, 120)):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.view.doubleClicked.connect(lambda index: self.open_record.emit(self.model.uuid_at(index.row())))
        self.view.activated.connect(lambda index: self.open_record.emit(self.model.uuid_at(index.row())))
        layout.addLayout(filters)
        layout.addWidget(self.view)
        self.search_timer = named(QTimer(self), "search_timer", singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self.search_timer.start())

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: name, place, article… (Ctrl+F)"))
        self.date_from.setPlaceholderText(self.tr("from YYYY-MM-DD"))
        self.date_to.setPlaceholderText(self.tr("to YYYY-MM-DD"))
        city_edit = self.city.lineEdit()
        if city_edit is not None:
            city_edit.setPlaceholderText(self.tr("any city"))
        self.article.setPlaceholderText(self.tr("article"))
        current = self.act_type.currentData()
        self.act_type.blockSignals(True)
        self.act_type.clear()
        self.act_type.addItem(self.tr("any act"), None)
        lang = self.context.translations.language
        types = vocabulary().act_types
        for code in sorted(types, key=lambda c: sort_key(label(types[c].labels, lang))):
            self.act_type.addItem(label(types[code].labels, lang), code)
        self.act_type.setCurrentIndex(max(0, self.act_type.findData(current)))
        self.act_type.blockSignals(False)

    def current_filter(self) -> RecordFilter:
        city_text = self.city.currentText().strip()
        city = self.city.currentData() if city_text else None
        if city_text and city is None:
            city = vocabulary().city(city_text)
        old = self.model.filter
        text = self.search.text()
        if len(text.strip()) < MIN_SEARCH:
            text = ""  # one letter matches half the vault: wait for the second
        return RecordFilter(text, self.date_from.text().strip() or None,
                            self.date_to.text().strip() or None, city, self.act_type.currentData(),
                            self.article.text().strip() or None, old.sort, old.descending)

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
