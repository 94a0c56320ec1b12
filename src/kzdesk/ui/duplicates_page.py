"""The coordinator's review queue of probable duplicate persons, and of acts reported twice.

A pair of persons is shown with both persons' chronologies side by side, so the decision rests on
what was recorded (dates, cities, courts), not on the names alone. Link, merge and "different
people" are written as decision records by the core (kzdesk.core.exchange.links) and travel on in
bundles. A switch above the list shows the other queue: acts of one person that are probably one
act reported twice (duplicate_acts_view), decided "same act" or "different acts" the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kzdesk.ui.context import AppContext
from kzdesk.ui.duplicate_acts_view import DuplicateActsView
from kzdesk.ui.empty_state import EmptyNotice
from kzdesk.ui.exchange_models import DuplicatesModel
from kzdesk.ui.operation import Operation
from kzdesk.ui.records_model import ChronologyModel
from kzdesk.ui.widgets import CHRONOLOGY_COLUMNS, FILL, FIT, lay_out_columns, named, table_view

if TYPE_CHECKING:
    from kzdesk.core.exchange.duplicates import Candidate


class DuplicatesPage(QWidget):
    """Pairs, best first; the selected pair's two chronologies; the three decisions."""

    decided = Signal(str)  # the action taken, after it is stored
    failed = Signal(object)  # the error, when the decision could not be stored

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.model = DuplicatesModel(context)
        self.left, self.right = ChronologyModel(context), ChronologyModel(context)
        self.view = named(table_view(self.model), "duplicates_view")
        lay_out_columns(self.view, (FIT, 220, 220, FILL))  # score, the two names, why they seem one
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.model.modelReset.connect(self._select_first)
        self.empty = EmptyNotice(self.view, "duplicates_empty")
        self.loaded = False  # the sentence for an empty queue is said only once the queue was looked at
        self.left_name, self.right_name = named(QLabel(), "left_name"), named(QLabel(), "right_name")
        sides = QSplitter()
        for label, model in ((self.left_name, self.left), (self.right_name, self.right)):
            side = QWidget()
            column = QVBoxLayout(side)
            column.setContentsMargins(0, 0, 0, 0)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(label)
            chronology = table_view(model)
            lay_out_columns(chronology, CHRONOLOGY_COLUMNS)
            column.addWidget(chronology)
            sides.addWidget(side)
        self.link_button = named(QPushButton(), "link_button")
        self.merge_button = named(QPushButton(), "merge_button")
        self.different_button = named(QPushButton(), "different_button")
        self.link_button.clicked.connect(lambda: self.apply("link"))
        self.merge_button.clicked.connect(self._confirm_merge)
        self.different_button.clicked.connect(lambda: self.apply("different"))
        buttons = QHBoxLayout()
        for button in (self.link_button, self.merge_button, self.different_button):
            buttons.addWidget(button)
        buttons.addStretch()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(sides)
        persons = QWidget()
        column = QVBoxLayout(persons)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(split)
        column.addLayout(buttons)
        # The second queue: acts of one person probably reported twice.
        self.acts = DuplicateActsView(context)
        self.acts.decided.connect(self.decided)
        self.acts.decided.connect(lambda _action: self.look(persons=False, acts=True))
        self.acts.failed.connect(self.failed)
        self.stack = QStackedWidget()
        self.stack.addWidget(persons)
        self.stack.addWidget(self.acts)
        self.persons_switch = named(QPushButton(), "persons_switch", checkable=True, checked=True)
        self.acts_switch = named(QPushButton(), "acts_switch", checkable=True)
        self.switch = QButtonGroup(self)
        for i, button in enumerate((self.persons_switch, self.acts_switch)):
            self.switch.addButton(button, i)
        self.switch.idClicked.connect(self.show_queue)
        switches = QHBoxLayout()
        switches.addWidget(self.persons_switch)
        switches.addWidget(self.acts_switch)
        switches.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(switches)
        layout.addWidget(self.stack)
        self._enable(False)
        self.operation: Operation | None = None  # the last search (tests cancel it)
        self.retranslate()

    def show_queue(self, index: int) -> None:
        """0: probable duplicate persons; 1: acts probably reported twice."""
        self.stack.setCurrentIndex(index)
        self.switch.button(index).setChecked(True)
        (self.view if index == 0 else self.acts.view).setFocus()

    def retranslate(self) -> None:
        self.link_button.setText(self.tr("Same person: &link"))
        self.link_button.setToolTip(self.tr("Keep both records and read them as one human"))
        self.merge_button.setText(self.tr("Same person: &merge into the left one"))
        self.merge_button.setToolTip(self.tr("Move everything recorded about the right one to the left one"))
        self.different_button.setText(self.tr("&Different people"))
        self.persons_switch.setText(self.tr("&Persons"))
        self.acts_switch.setText(self.tr("Acts &reported twice"))
        self.acts.retranslate()
        self._say_empty()
        self._selected()

    def _say_empty(self) -> None:
        self.empty.say(self.tr("No probable duplicates. When the same person seems to be recorded twice under "
                               "different spellings, the two records wait here for you to link, merge or mark "
                               "as different people.") if self.loaded else "")

    def load(self) -> None:
        self.look(persons=True, acts=True)

    def look(self, persons: bool, acts: bool) -> None:
        """Find the candidates of either queue on the database thread, under a progress dialog with
        Cancel: on a million acts the comparison takes seconds, and Cancel interrupts its SQL."""
        vault = self.context.vault
        if vault is None:
            return
        person_model, acts_model = self.model, self.acts.model

        def work(operation: Operation) -> tuple[list[Any] | None, list[Any] | None]:
            with operation.interruptible(vault.engine), vault.engine.connect() as conn:
                pairs = person_model.fetch(conn) if persons else None
                operation.stop_if_cancelled()
                doubles = acts_model.fetch(conn) if acts else None
            return pairs, doubles

        self.operation = Operation(self.window(), self.context, self.tr("Looking for probable duplicates…"),
                                   cancellable=True, name="duplicates_progress")
        self.operation.run(work, self._found, self.tr("The duplicates could not be looked for."),
                           self._not_found, self._cancelled)

    def _found(self, found: tuple[list[Any] | None, list[Any] | None]) -> None:
        pairs, doubles = found
        if pairs is not None:
            self.loaded = True
            self.model.replace(pairs)
        if doubles is not None:
            self.acts.show_pairs(doubles)

    def _not_found(self, text: str) -> None:
        self.clear()
        for empty in (self.empty, self.acts.empty):
            empty.say(text)

    def _cancelled(self) -> None:
        # An empty queue would read as "no duplicates": say instead that nobody looked.
        self._not_found(self.tr("The search for duplicates was cancelled. Open this tab again to look."))

    def clear(self) -> None:
        """Forget everything shown (on lock)."""
        self.loaded = False
        self.model.clear()
        self._clear_sides()
        self.acts.clear()

    def _clear_sides(self) -> None:
        for model in (self.left, self.right):
            model.clear()
        self.left_name.clear()
        self.right_name.clear()
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for button in (self.link_button, self.merge_button, self.different_button):
            button.setEnabled(on)

    def _select_first(self) -> None:
        self._say_empty()
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self._clear_sides()

    def current(self) -> Candidate | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selected(self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None) -> None:
        pair = self.current()
        self._enable(pair is not None)
        if pair is None:
            return
        self.left_name.setText(pair.name_a)
        self.right_name.setText(pair.name_b)
        self.left.show_person(pair.a)
        self.right.show_person(pair.b)

    def _confirm_merge(self) -> None:
        pair = self.current()
        if pair is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "kzdesk",
                          self.tr("Merge “{right}” into “{left}”? Every act, source and attachment of the right "
                                  "one moves to the left one; the right record is closed but keeps its history.")
                          .replace("{right}", pair.name_b).replace("{left}", pair.name_a),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("merge_confirmation")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.apply("merge") if box.standardButton(button) == QMessageBox.StandardButton.Yes
            else None)
        box.open()  # not exec(): the database thread keeps delivering while the question is open

    def apply(self, action: str) -> None:
        """Store the decision about the selected pair on the database thread, then reload the queue."""
        pair, vault = self.current(), self.context.vault
        if pair is None or vault is None:
            return
        from kzdesk.core.exchange.links import decide

        a, b = pair.a, pair.b
        self._enable(False)
        self.context.tasks.run(lambda: decide(vault, a, b, action), lambda _link: self._done(action),
                               self._failed, owner=self)

    def _done(self, action: str) -> None:
        self.look(persons=True, acts=False)
        self.decided.emit(action)

    def _failed(self, error: BaseException) -> None:
        self._selected()
        self.failed.emit(error)
