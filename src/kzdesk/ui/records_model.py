"""Item models over the vault. Rows come from SQL a page at a time on the database thread; the
models hold only what is on screen, so 100,000 acts cost no more than 200."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)

from kzdesk.core.model.listing import (
    COUNT_UP_TO,
    PAGE,
    RecordFilter,
    RecordPage,
    RecordRow,
    count_records,
    fetch_records,
    page_of,
)
from kzdesk.core.model.persons import ChronologyEntry, PersonMatch, chronology, suggest_persons
from kzdesk.ui.context import AppContext
from kzdesk.ui.formatting import act_type_label, date_text, number, place, sanction
from kzdesk.ui.table_model import DISPLAY, Index, TableModel


class RecordsModel(TableModel):
    """Events with persons, act types, articles and sanctions; filter and sort run in SQL."""

    loaded = Signal(int)  # number of matching records (at least that many while `more`)
    COUNT_WHEN_IDLE_MS = 700  # a keystroke within this is not kept waiting by an exact count
    COUNT_UP_TO = COUNT_UP_TO  # while typing, the first page says "more than" past this many
    PAGE = PAGE  # rows asked for at a time as the list is scrolled
    # rows asked for first: more than a tall window shows (the view asks for more when it is not
    # full). A common text's page is found by walking the events until it is full, and the first
    # page is asked for on every keystroke.
    FIRST_PAGE = 60
    COLUMNS = (QT_TRANSLATE_NOOP("RecordsModel", "Date"), QT_TRANSLATE_NOOP("RecordsModel", "City"),
               QT_TRANSLATE_NOOP("RecordsModel", "Persons"), QT_TRANSLATE_NOOP("RecordsModel", "Acts"),
               QT_TRANSLATE_NOOP("RecordsModel", "Articles"), QT_TRANSLATE_NOOP("RecordsModel", "Sanction"))
    SORT_KEYS: ClassVar[dict[int, str]] = {0: "date", 1: "city"}

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.filter = RecordFilter()
        self.total = 0
        self.more = False  # past the count's limit: `total` is a floor until the exact count comes
        self._exhausted = False
        self._generation = 0
        self._loading = False
        self._counting: Any = None  # the connection of an exact count under way (interrupted by a new filter)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._count_exactly)

    # --- loading ---------------------------------------------------------------------------
    def set_filter(self, flt: RecordFilter) -> None:
        """Ask for the first page under a new filter; stale answers are dropped."""
        vault = self.context.vault
        if vault is None:
            return
        self.filter = flt
        self._generation += 1
        generation = self._generation
        self._stop_counting()
        up_to, size = self.COUNT_UP_TO, self.FIRST_PAGE

        def load() -> RecordPage:
            with vault.engine.connect() as conn:
                return page_of(conn, flt, 0, size, up_to)

        self._loading = True
        self.context.tasks.run(load, lambda result: self._first_page(generation, result))

    def reload(self) -> None:
        self.set_filter(self.filter)

    def _first_page(self, generation: int, result: RecordPage) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.rows, self.total, self.more = result.rows, result.total, result.more
        self._exhausted = len(result.rows) < self.FIRST_PAGE
        self._loading = False
        self.endResetModel()
        self.loaded.emit(self.total)
        if self.more:
            self._count_timer.start(self.COUNT_WHEN_IDLE_MS)

    # --- the exact number, once typing has paused ----------------------------------------------
    def _count_exactly(self) -> None:
        vault = self.context.vault
        if vault is None or not self.more:
            return
        flt, generation = self.filter, self._generation

        def count() -> int:
            with vault.engine.connect() as conn:
                self._counting = conn.connection.dbapi_connection
                try:
                    return count_records(conn, flt)
                finally:
                    self._counting = None

        # An interrupted count (a new filter came) fails quietly: its answer is no longer wanted.
        self.context.tasks.run(count, lambda total: self._counted(generation, total), lambda _error: None)

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self.total, self.more = total, False
        self.loaded.emit(total)

    def _stop_counting(self) -> None:
        self._count_timer.stop()
        counting = self._counting
        if counting is not None:
            counting.interrupt()  # thread-safe in SQLite: the count stops at its next step

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._loading:
            return False
        return len(self.rows) < self.total or (self.more and not self._exhausted)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        vault = self.context.vault
        if vault is None or not self.canFetchMore(parent):
            return
        flt, offset, generation, size = self.filter, len(self.rows), self._generation, self.PAGE

        def load() -> list[RecordRow]:
            with vault.engine.connect() as conn:
                return fetch_records(conn, flt, offset, size)

        self._loading = True
        self.context.tasks.run(load, lambda rows: self._more(generation, rows))

    def _more(self, generation: int, rows: list[RecordRow]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = len(rows) < self.PAGE
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def clear(self) -> None:
        """Forget every row (locking): nothing of the case data stays in the view."""
        self._generation += 1
        self._stop_counting()
        self.beginResetModel()
        self.rows, self.total, self._loading, self.more = [], 0, False, False
        self.endResetModel()

    # --- Qt model --------------------------------------------------------------------------
    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        lang = self.context.translations.language
        column = index.column()
        if column == 0:
            return date_text(row.date)
        if column == 1:
            return place(row.city, row.city_text, lang)
        if column == 2:
            return ", ".join(row.persons)
        if column == 3:
            return ", ".join(act_type_label(t, lang) for t in row.act_types)
        if column == 4:
            return ", ".join(row.articles)
        if column == 5:
            return "; ".join(text for text in (sanction(act) for act in row.sanctions) if text)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(column)
        if key is None:
            return
        flt = self.filter
        self.set_filter(RecordFilter(flt.text, flt.date_from, flt.date_to, flt.city, flt.act_type, flt.article,
                                     key, order == Qt.SortOrder.DescendingOrder))

    def uuid_at(self, row: int) -> str:
        record: RecordRow = self.rows[row]
        return record.uuid


class PersonsModel(TableModel):
    """Persons matching the typed text (any spelling), with their number of acts."""

    COLUMNS = (QT_TRANSLATE_NOOP("PersonsModel", "Name"), QT_TRANSLATE_NOOP("PersonsModel", "Acts"))

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._generation = 0

    def search(self, text: str) -> None:
        vault = self.context.vault
        if vault is None:
            return
        self._generation += 1
        generation = self._generation

        def load() -> list[PersonMatch]:
            from kzdesk.core.reports.lists import persons

            with vault.engine.connect() as conn:
                if text.strip():
                    return suggest_persons(conn, text, limit=500)
                return [PersonMatch(p.uuid, p.name, p.acts) for p in persons(conn)[:2000]]

        self.context.tasks.run(load, lambda rows: self._loaded(generation, rows))

    def _loaded(self, generation: int, rows: list[PersonMatch]) -> None:
        if generation == self._generation:
            self.replace(rows)

    def clear(self) -> None:
        self._generation += 1
        self.replace([])

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY:
            return None
        person = self.rows[index.row()]
        return person.name if index.column() == 0 else number(person.acts)


class ChronologyModel(TableModel):
    """One person's acts across events, oldest first."""

    COLUMNS = (QT_TRANSLATE_NOOP("ChronologyModel", "Date"), QT_TRANSLATE_NOOP("ChronologyModel", "City"),
               QT_TRANSLATE_NOOP("ChronologyModel", "Act"), QT_TRANSLATE_NOOP("ChronologyModel", "Article"),
               QT_TRANSLATE_NOOP("ChronologyModel", "Sanction"),
               QT_TRANSLATE_NOOP("ChronologyModel", "Court / case"))

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context

    def show_person(self, person: str | None) -> None:
        vault = self.context.vault
        if vault is None or person is None:
            self.clear()
            return

        def load() -> list[ChronologyEntry]:
            from kzdesk.core.exchange.duplicate_acts import uncounted

            with vault.engine.connect() as conn:
                # An act the coordinator decided was reported twice is told once, as in every report.
                return chronology(conn, person, uncounted(conn))

        self.context.tasks.run(load, self.replace)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY:
            return None
        e = self.rows[index.row()]
        lang = self.context.translations.language
        values = [
            date_text(e.date),
            place(e.city, e.city_text, lang),
            act_type_label(e.act_type, lang),
            (f"{e.article}.{e.part}" if e.part else e.article) or "",
            sanction({"act_type": e.act_type, "arrest_days": e.arrest_days, "fine_kzt": e.fine_kzt,
                      "fine_amount": e.fine_amount, "fine_unit": e.fine_unit}),
            " · ".join(x for x in (e.court, e.case_number) if x),
        ]
        return values[index.column()]
