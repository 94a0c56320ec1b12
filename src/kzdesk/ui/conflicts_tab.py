"""The Conflicts tab: fields two vaults changed differently, each value with its proven author.

A row per conflict names the person, the event (date and city) and the field in the user's
language; below it the values in dispute, each with who wrote it (the name on their trusted card
and the start of their fingerprint) and when. The coordinator keeps one of them or types another
one, which the core checks by the field's rules before anything is stored. All of it by keyboard:
arrows in the list, Tab to the values, arrows between them, Enter to resolve.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kzdesk.core.exchange.conflicts import Conflict
from kzdesk.ui.context import AppContext
from kzdesk.ui.exchange_models import ConflictsModel
from kzdesk.ui.operation import Operation, notice
from kzdesk.ui.widgets import FILL, lay_out_columns, named, table_view

TYPED = 1_000  # the button id of "Another value:" (-1 would ask Qt to pick one)


class ConflictsTab(QWidget):
    """The open conflicts; the selected one's values to choose from, or a value to type."""

    resolved = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.model = ConflictsModel(context)
        self.view = named(table_view(self.model), "conflicts_view")
        lay_out_columns(self.view, (200, 240, 170, FILL))  # person, event, field, the values in dispute
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.doubleClicked.connect(lambda index: self.resolve_row(index.row()))
        self.model.modelReset.connect(self._reloaded)
        self.empty = named(QLabel(), "conflicts_empty", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.choice = named(QGroupBox(), "conflict_choice")
        self.heading = named(QLabel(), "conflict_heading", wordWrap=True,
                             textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.values = QVBoxLayout()
        self.group = QButtonGroup(self)
        self.typed_choice = named(QRadioButton(), "conflict_typed_choice")
        self.typed = named(QLineEdit(), "conflict_typed_value", clearButtonEnabled=True)
        self.typed.textEdited.connect(lambda _text: self.typed_choice.setChecked(True))
        self.typed.returnPressed.connect(self.resolve_chosen)
        self.resolve_button = named(QPushButton(), "conflict_resolve")
        self.resolve_button.clicked.connect(self.resolve_chosen)
        typed_row = QHBoxLayout()
        typed_row.addWidget(self.typed_choice)
        typed_row.addWidget(self.typed, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resolve_button)
        buttons.addStretch()
        box = QVBoxLayout(self.choice)
        box.addWidget(self.heading)
        box.addLayout(self.values)
        box.addLayout(typed_row)
        box.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.choice)
        split.setStretchFactor(0, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(split)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setTabOrder(self.view, self.typed_choice)
        self.shown: Conflict | None = None  # the conflict whose values are on screen
        self._show(None)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.empty.setText(self.tr("No conflicts. When two vaults change the same field differently, the values "
                                   "wait here for you to choose."))
        self.choice.setTitle(self.tr("Keep which value?"))
        self.typed_choice.setText(self.tr("&Another value:"))
        self.typed.setPlaceholderText(self.tr("Type the value to keep"))
        self.resolve_button.setText(self.tr("&Resolve with this value"))
        self._show(self.current(), again=True)

    # --- showing ---------------------------------------------------------------------------
    def _reloaded(self) -> None:
        """The list was loaded (or cleared on lock): the empty text, or a conflict selected — the one on
        screen if it is still open, so a reload behind the coordinator's back keeps their place and choice."""
        self.pages.setCurrentIndex(1 if self.model.rowCount() else 0)
        if self.model.rowCount():
            ids = [conflict.id for conflict in self.model.rows]
            self.view.selectRow(ids.index(self.shown.id) if self.shown is not None and self.shown.id in ids else 0)
        else:
            self._show(None)

    def current(self) -> Conflict | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    def _selected(self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None) -> None:
        self._show(self.current())

    def _show(self, conflict: Conflict | None, again: bool = False) -> None:
        """The selected conflict's values as choices, each with its author and time; none: nothing shown.
        The same conflict shown again keeps its buttons, the value chosen and the focus, unless `again`
        (a new language) asks for the texts anew."""
        same = conflict is not None and conflict == self.shown
        if same and not again:
            return
        chosen, typed = (self.group.checkedId(), self.typed.text()) if same else (0, "")
        self.shown = conflict
        for button in self.group.buttons():
            self.group.removeButton(button)
            if button is not self.typed_choice:
                self.values.removeWidget(button)
                button.hide()  # out of the focus chain at once, not when the deletion is delivered
                button.setParent(None)
                button.deleteLater()
        self.typed.clear()
        self.choice.setEnabled(conflict is not None)
        if conflict is None:
            self.heading.clear()
            return
        language = self.context.translations.language
        event = ConflictsModel.event_text(conflict, language)
        about = ConflictsModel.about(conflict) + (f" · {event}" if event else "")
        self.heading.setText(self.tr("{field} — {about}").replace("{field}", conflict.field_label)
                             .replace("{about}", about))
        for number, candidate in enumerate(conflict.candidates):
            text = ConflictsModel.value_text(conflict, candidate.value)
            author = ConflictsModel.author(candidate)
            button = named(QRadioButton(f"{text}  —  {author}" if author else text), f"conflict_value_{number}")
            self.group.addButton(button, number)
            self.values.addWidget(button)
        self.group.addButton(self.typed_choice, TYPED)
        self.typed.setText(typed)
        (self.group.button(chosen) or self.group.button(0)).setChecked(True)
        # Tab from the list reaches the first value; arrows move between the values.
        self.setTabOrder(self.view, self.group.button(0))
        self.setTabOrder(self.group.button(0), self.typed_choice)
        self.setTabOrder(self.typed_choice, self.typed)
        self.setTabOrder(self.typed, self.resolve_button)

    # --- resolving -------------------------------------------------------------------------
    def resolve_row(self, row: int) -> None:
        """Double-click or Enter on a conflict: its values, the first one focused."""
        self.view.selectRow(row)
        first = self.group.button(0)
        if first is not None:
            first.setFocus()

    def resolve_chosen(self) -> None:
        """Resolve the selected conflict with the chosen value, or the typed one (checked by the core)."""
        conflict = self.current()
        if conflict is None:
            return
        chosen = self.group.checkedId()
        if chosen == TYPED:
            text = self.typed.text().strip()
            if not text:
                notice(self, self.tr("Type the value to keep, or choose one of the values."), warning=True)
                self.typed.setFocus()
                return
            self.resolve(conflict.id, text)
        elif 0 <= chosen < len(conflict.candidates):
            self.resolve(conflict.id, conflict.candidates[chosen].value)

    def resolve(self, conflict: str, value: object) -> None:
        vault = self.context.vault
        if vault is None:
            return

        def work(_operation: Operation) -> str:
            from kzdesk.core.exchange.conflicts import resolve_conflict

            return resolve_conflict(vault, conflict, value)

        def done(_revision: str) -> None:
            self.model.load()
            self.resolved.emit()

        def failed(text: str) -> None:
            # What was typed stays, so it can be corrected; nothing was stored.
            notice(self, text, warning=True)

        Operation(self.window(), self.context, self.tr("Resolving the conflict…")).run(
            work, done, self.tr("The conflict was not resolved."), failed)
