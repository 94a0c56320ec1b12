"""The Duplicates tab's second list: acts of one person probably reported twice.

A pair is shown with the two acts side by side (date, city, type, legal basis, sanction, who
recorded it), the one recorded first on the left: that is the one counted if the two are the same
act. "Same act" and "Different acts" are written as decision records by the core
(kzdesk.core.exchange.duplicate_acts) and travel on in bundles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QSplitter, QVBoxLayout, QWidget

from kzdesk.ui.context import AppContext
from kzdesk.ui.empty_state import EmptyNotice
from kzdesk.ui.exchange_models import _ListModel
from kzdesk.ui.table_model import DISPLAY, Index, TableModel
from kzdesk.ui.widgets import FILL, FIT, lay_out_columns, named, table_view

if TYPE_CHECKING:
    from kzdesk.core.exchange.duplicate_acts import ActPair


class DoubleActsModel(_ListModel):
    """One row per pair: the day, the person (both spellings when they differ), the act, its basis."""

    COLUMNS = (QT_TRANSLATE_NOOP("DoubleActsModel", "Date"), QT_TRANSLATE_NOOP("DoubleActsModel", "Person"),
               QT_TRANSLATE_NOOP("DoubleActsModel", "Act"), QT_TRANSLATE_NOOP("DoubleActsModel", "Legal basis"))

    def fetch(self, conn: Any) -> list[Any]:
        from kzdesk.core.exchange.duplicate_acts import find_double_acts

        return find_double_acts(conn)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # A cell cut with "…" shows whole in its tooltip (two spellings of a long name rarely fit).
        if not index.isValid() or role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        from kzdesk.core.reports.double_text import facts

        pair: ActPair = self.rows[index.row()]
        said = facts(pair.a, self.context.translations.language)
        if index.column() == 0:
            return said["date"]
        if index.column() == 1:
            return pair.a.name if pair.a.name == pair.b.name else f"{pair.a.name} ~ {pair.b.name}"
        return said["type"] if index.column() == 2 else said["basis"]


class ActsSideBySide(TableModel):
    """The selected pair's two acts, one fact a row: the left act was recorded first."""

    COLUMNS = (QT_TRANSLATE_NOOP("ActsSideBySide", "Recorded first"),
               QT_TRANSLATE_NOOP("ActsSideBySide", "Recorded later"))
    FACTS = (QT_TRANSLATE_NOOP("ActsSideBySide", "Date"), QT_TRANSLATE_NOOP("ActsSideBySide", "City"),
             QT_TRANSLATE_NOOP("ActsSideBySide", "Act"), QT_TRANSLATE_NOOP("ActsSideBySide", "Legal basis"),
             QT_TRANSLATE_NOOP("ActsSideBySide", "Sanction"), QT_TRANSLATE_NOOP("ActsSideBySide", "Recorded by"))

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.pair: ActPair | None = None

    def show_pair(self, pair: ActPair | None) -> None:
        from kzdesk.core.reports.double_text import FACTS, facts

        self.pair = pair
        lang = self.context.translations.language
        if pair is None:
            self.replace([])
            return
        left, right = facts(pair.a, lang), facts(pair.b, lang)
        self.replace([(left[f], right[f]) for f in FACTS])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Vertical and role == DISPLAY and 0 <= section < len(self.FACTS):
            from PySide6.QtCore import QCoreApplication

            return QCoreApplication.translate("ActsSideBySide", str(self.FACTS[section]))
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None


class DuplicateActsView(QWidget):
    """Pairs of acts, the selected pair side by side, and the two decisions."""

    decided = Signal(str)  # the action taken, after it is stored
    failed = Signal(object)  # the error, when the decision could not be stored

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.model = DoubleActsModel(context)
        self.sides = ActsSideBySide(context)
        self.view = named(table_view(self.model), "double_acts_view")
        lay_out_columns(self.view, (FIT, FILL, 210, 170))  # the date, the names, the act, its basis
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.model.modelReset.connect(self._select_first)
        self.empty = EmptyNotice(self.view, "double_acts_empty")
        self.loaded = False
        self.compare = named(table_view(self.sides), "double_acts_sides")
        self.compare.verticalHeader().show()
        self.compare.setSelectionMode(self.compare.SelectionMode.NoSelection)
        self.compare.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do there: Tab goes to the buttons
        self.compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.compare.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.same_button = named(QPushButton(), "same_act_button")
        self.different_button = named(QPushButton(), "different_acts_button")
        self.same_button.clicked.connect(lambda: self.apply("same"))
        self.different_button.clicked.connect(lambda: self.apply("different"))
        buttons = QHBoxLayout()
        for button in (self.same_button, self.different_button):
            buttons.addWidget(button)
        buttons.addStretch()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        layout.addLayout(buttons)
        self._enable(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.same_button.setText(self.tr("Same &act: count it once"))
        self.same_button.setToolTip(self.tr("One act reported twice: the one recorded first is counted and listed"))
        self.different_button.setText(self.tr("Different a&cts"))
        self.different_button.setToolTip(self.tr("Two acts: both are counted"))
        self.empty.say(self.tr("No acts reported twice. When one person's act seems recorded twice (the same "
                               "date, type and article), the two wait here for you to decide.")
                       if self.loaded else "")
        for model in (self.model, self.sides):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(model.COLUMNS) - 1)
        self.sides.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.sides.FACTS) - 1)
        self._selected()

    def show_pairs(self, pairs: list[ActPair]) -> None:
        """The pairs the Duplicates tab found (it looks for both queues under one progress dialog)."""
        self.loaded = True
        self.model.replace(pairs)

    def clear(self) -> None:
        """Forget everything shown (on lock)."""
        self.loaded = False
        self.model.clear()
        self.sides.show_pair(None)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for button in (self.same_button, self.different_button):
            button.setEnabled(on)

    def _select_first(self) -> None:
        self.retranslate()  # the empty-list sentence, once the list was looked at
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self.sides.show_pair(None)
            self._enable(False)

    def current(self) -> ActPair | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selected(self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None) -> None:
        pair = self.current()
        self._enable(pair is not None)
        self.sides.show_pair(pair)
        if pair is not None:
            self.view.scrollTo(self.model.index(self.view.selectionModel().selectedRows()[0].row(), 0, QModelIndex()))

    def apply(self, action: str) -> None:
        """Store the decision about the selected pair on the database thread, then reload the list."""
        pair, vault = self.current(), self.context.vault
        if pair is None or vault is None:
            return
        from kzdesk.core.exchange.duplicate_acts import decide_acts

        a, b = pair.a.uuid, pair.b.uuid
        self._enable(False)
        self.context.tasks.run(lambda: decide_acts(vault, a, b, action), lambda _link: self._done(action),
                               self._failed, owner=self)

    def _done(self, action: str) -> None:
        self.decided.emit(action)  # the Duplicates tab looks for the pairs again

    def _failed(self, error: BaseException) -> None:
        self._selected()
        self.failed.emit(error)
