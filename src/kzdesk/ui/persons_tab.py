"""The Persons tab: find a person under any spelling, see their chronology, print their case summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QSplitter, QVBoxLayout, QWidget

from kzdesk.ui.context import AppContext
from kzdesk.ui.operation import Operation
from kzdesk.ui.records_model import ChronologyModel, PersonsModel
from kzdesk.ui.report_preview import ReportPreview
from kzdesk.ui.status_panel import StatusPanel
from kzdesk.ui.widgets import CHRONOLOGY_COLUMNS, FILL, FIT, lay_out_columns, named, table_view

if TYPE_CHECKING:  # the report code (reportlab) is loaded when a report is made, not at start
    from kzdesk.core.reports.case import CaseSummary
    from kzdesk.core.reports.preview import PageImage


class PersonsTab(QSplitter):
    """Persons on the left, the selected one's acts in time order on the right."""

    person_selected = Signal(object)  # the person's uuid, or None

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.persons = PersonsModel(context)
        self.chronology = ChronologyModel(context)
        self.selected_person: str | None = None  # the one whose chronology is shown
        self.selected: list[str] = []  # every person selected (Set consent… applies to them all)
        self.stale = True  # loaded only when the tab is looked at
        self.preview: ReportPreview | None = None
        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.person_search = named(QLineEdit(), "person_search", clearButtonEnabled=True)
        self.persons_view = table_view(self.persons)
        lay_out_columns(self.persons_view, (FILL, FIT))  # the name, and the number of acts
        # Several persons at once (Ctrl+click, Shift+click, Shift+arrows) for Set consent…
        self.persons_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.persons_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        left_layout.addWidget(self.person_search)
        left_layout.addWidget(self.persons_view)
        self.chronology_view = table_view(self.chronology)
        lay_out_columns(self.chronology_view, CHRONOLOGY_COLUMNS)
        self.status = StatusPanel(context)  # the selected person's status history, and Set status…
        self.persons_view.addAction(self.status.set_action)
        self.person_selected.connect(lambda uuid: self.status.show_person(uuid, next(
            (p.name for p in self.persons.rows if p.uuid == uuid), "")))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chronology_view)
        right.addWidget(self.status)
        self.addWidget(left)
        self.addWidget(right)
        self.setStretchFactor(1, 2)
        self.persons_view.selectionModel().selectionChanged.connect(self._selected)
        self.persons.modelReset.connect(self._persons_reloaded)
        self.person_search.textChanged.connect(self.persons.search)

    def retranslate(self) -> None:
        self.person_search.setPlaceholderText(self.tr("Find a person, any spelling"))
        self.status.retranslate()

    def shown(self) -> None:
        """The tab came into view: load the list if something changed since."""
        if self.stale:
            self.stale = False
            self.persons.search(self.person_search.text())

    def offer(self, action: QAction) -> None:
        """An action of the persons list's context menu (the Menu key opens it too)."""
        self.persons_view.addAction(action)

    def selected_persons(self) -> list[str]:
        return list(self.selected)

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = sorted(index.row() for index in self.persons_view.selectionModel().selectedRows())
        self.selected = [self.persons.rows[row].uuid for row in rows]
        # The chronology and the case summary are one person's: the row last clicked if it is selected.
        current = self.persons_view.currentIndex()
        row = current.row() if current.isValid() and current.row() in rows else (rows[0] if rows else None)
        person = self.persons.rows[row].uuid if row is not None else None
        if person != self.selected_person or not rows:
            self.selected_person = person
            self.chronology.show_person(person)
            self.person_selected.emit(person)

    def _persons_reloaded(self) -> None:
        """A new list (a search, a change in the vault): the chronology follows the selection, so it
        never keeps showing someone no longer selected. A reset selects nothing, and says nothing of it."""
        where = {p.uuid: row for row, p in enumerate(self.persons.rows)}
        kept = [where[uuid] for uuid in self.selected if uuid in where]  # still listed: still selected
        if self.selected_person is not None and self.selected_person in where:
            self.persons_view.selectRow(where[self.selected_person])  # the one shown stays the current one
            add = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            for row in kept:
                self.persons_view.selectionModel().select(self.persons.index(row, 0), add)
            # The list was loaded again because something changed: so may the person's acts have.
            self.chronology.show_person(self.selected_person)
            return
        self.selected = []
        if self.selected_person is None and not self.chronology.rowCount():
            return
        self.selected_person = None
        self.chronology.show_person(None)
        self.person_selected.emit(None)

    def print_case_summary(self) -> None:
        """Build the selected person's case summary on the database thread and show it before saving."""
        vault, person = self.context.vault, self.selected_person
        if vault is None or person is None:
            return
        lang = self.context.translations.language
        window = self.window()

        def work(_operation: Operation) -> tuple[CaseSummary, list[PageImage]]:
            from kzdesk.core.reports.case import case_summary
            from kzdesk.core.reports.preview import page_images

            with vault.engine.connect() as conn:
                summary = case_summary(conn, person, lang)
            return summary, page_images(summary.pdf)

        def show(result: tuple[CaseSummary, list[PageImage]]) -> None:
            if self.context.vault is None:
                return  # locked meanwhile: the report is dropped unseen
            self.preview = ReportPreview(window, self.context, result[0].pdf, result[1], "case-summary.pdf",
                                         archival=result[0].archival_pdf)
            self.preview.destroyed.connect(lambda: setattr(self, "preview", None))
            self.preview.open()

        Operation(window, self.context, self.tr("Making the case summary…")).run(
            work, show, self.tr("The report could not be made."))

    def clear(self) -> None:
        """Locked: no name, no chronology and no typed search text stays on screen."""
        self.selected_person = None
        self.selected = []
        self.status.clear()
        for model in (self.persons, self.chronology):
            model.clear()
        self.person_search.blockSignals(True)
        self.person_search.clear()
        self.person_search.blockSignals(False)
        self.stale = True
