"""The selected person's status over time in the Persons tab: the one in force today, the history,
Set status… (the same core call as `kzdesk status set`) and the statuses their acts propose
(`kzdesk status propose`), chosen one by one before anything is written.

Status words come from the core (model/status.py STATUS_LABELS, REASON_LABELS), so the window, the
CLI and the reports name a status alike in ru/kk/en; dates are typed as the window shows them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzdesk.core.errors import KzdeskError
from kzdesk.core.i18n import language, tr
from kzdesk.core.model.records import STATUS_CODES, STATUS_REASONS
from kzdesk.core.model.status import REASON_LABELS, StatusEntry, check_status, status_label
from kzdesk.ui.context import AppContext
from kzdesk.ui.formatting import act_type_label, date_hint, date_text
from kzdesk.ui.operation import Operation, notice
from kzdesk.ui.widgets import FILL, FIT, lay_out_columns, named

if TYPE_CHECKING:
    from kzdesk.core.model.status import Proposal


class StatusDialog(QDialog):
    """The status, the day it began (as the window writes dates), the reason where the status takes
    one, and a note. A value the core refuses is said here, and the dialog stays open."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName("status_dialog")
        self.setWindowTitle(self.tr("Set status"))
        self.code = named(QComboBox(), "status_code")
        for code in STATUS_CODES:
            self.code.addItem(status_label(code), code)
        self.day = named(QLineEdit(), "status_date", maxLength=10)
        self.day.setPlaceholderText(date_hint())
        self.reason = named(QComboBox(), "status_reason")
        self.note = named(QLineEdit(), "status_note")
        self.problem = named(QLabel(), "status_problem", wordWrap=True)
        self.problem.setStyleSheet("color: #c0392b")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Person:"), named(QLabel(name), "status_person"))
        form.addRow(self.tr("&Status:"), self.code)
        form.addRow(self.tr("&From (date):"), self.day)
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("&Note:"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.code.currentIndexChanged.connect(self._reasons)
        self._reasons()
        self.code.setFocus()
        self.checked: tuple[str, str, str | None, str | None] | None = None

    def _reasons(self) -> None:
        """Only a release or a death takes a reason; the others show an empty, disabled choice."""
        self.reason.clear()
        reasons = STATUS_REASONS.get(str(self.code.currentData()), ())
        self.reason.addItem(self.tr("(not given)") if reasons else "", None)
        for reason in reasons:
            self.reason.addItem(tr(REASON_LABELS[reason]), reason)
        self.reason.setEnabled(bool(reasons))

    def _check(self) -> None:
        """The core's own check (model/status.check_status) before anything is asked of the vault."""
        try:
            code, day, reason = check_status(str(self.code.currentData()), self.day.text().strip(),
                                             self.reason.currentData())
        except KzdeskError as error:
            self.problem.setText(error.message())
            self.day.setFocus()
            return
        self.checked = (code, day, reason, self.note.text().strip() or None)
        self.accept()


class ProposalsDialog(QDialog):
    """The statuses the acts imply, each with a check box (all checked); OK records the checked ones."""

    def __init__(self, parent: QWidget, proposals: list[Proposal]) -> None:
        super().__init__(parent)
        self.setObjectName("proposals_dialog")
        self.setWindowTitle(self.tr("Statuses proposed from acts"))
        self.proposals = sorted(proposals, key=lambda p: (p.date, p.name))  # the core orders them by person id
        self.list = named(QListWidget(), "proposals_list")
        for p in self.proposals:
            text = f"{date_text(p.date)} — {p.name} — {status_label(p.code)} ({act_type_label(p.act_type, language())})"
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Check the statuses to record (Space checks or unchecks one):")))
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.list.setCurrentRow(0)
        self.list.setFocus()

    def chosen(self) -> list[Proposal]:
        return [p for row, p in enumerate(self.proposals)
                if (item := self.list.item(row)) is not None and item.checkState() == Qt.CheckState.Checked]


class StatusPanel(QWidget):
    """Under the chronology: the selected person's status today and their status history."""

    changed = Signal()  # a status was written

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.person: str | None = None
        self.name = ""
        self.entries: list[StatusEntry] = []
        self.dialog: QDialog | None = None
        self.today = named(QLabel(), "status_today", wordWrap=True)
        self.history = named(QTableWidget(0, 4), "status_history")
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        # As every list in the window: one line per row, a long note cut with "…", titles never cut.
        self.history.setWordWrap(False)
        self.history.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.history.setAlternatingRowColors(True)
        lay_out_columns(self.history, (FIT, FIT, FIT, FILL))  # from, status, reason, note
        self.set_action = named(QAction(self), "status_action", enabled=False)
        self.set_action.triggered.connect(self.ask)
        # Proposals are the whole vault's, not the selected person's (the menu bar is off while locked).
        self.propose_action = named(QAction(self), "propose_action")
        self.propose_action.triggered.connect(self.propose)
        self.set_button = named(QPushButton(), "status_button", enabled=False)
        self.set_button.clicked.connect(self.ask)
        self.propose_button = named(QPushButton(), "propose_button")
        self.propose_button.clicked.connect(self.propose)
        buttons = QHBoxLayout()
        buttons.addWidget(self.today, 1)
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.propose_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.history)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_action.setText(self.tr("Set s&tatus…"))
        self.propose_action.setText(self.tr("Statuses p&roposed from acts…"))
        self.set_button.setText(self.tr("Set status…"))
        self.propose_button.setText(self.tr("Proposed from acts…"))
        self.history.setHorizontalHeaderLabels([self.tr("From"), self.tr("Status"), self.tr("Reason"),
                                                self.tr("Note")])
        self._fill()

    # --- showing ---------------------------------------------------------------------------
    def show_person(self, person: str | None, name: str = "") -> None:
        """Load the person's history on the database thread (none: the panel is emptied)."""
        self.person, self.name = person, name
        for widget in (self.set_action, self.set_button):
            widget.setEnabled(person is not None)
        vault = self.context.vault
        if person is None or vault is None:
            self.entries = []
            self._fill()
            return

        def work() -> list[StatusEntry]:
            from kzdesk.core.model.status import history

            with vault.engine.connect() as conn:
                return history(conn, person)

        def done(entries: list[StatusEntry]) -> None:
            if self.person == person and self.context.vault is not None:  # still the one selected
                self.entries = entries
                self._fill()

        self.context.tasks.run(work, done)

    def _fill(self) -> None:
        self.history.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            reason = tr(REASON_LABELS[e.reason]) if e.reason in REASON_LABELS else ""
            for column, text in enumerate((date_text(e.date), status_label(e.code), reason, e.note or "")):
                self.history.setItem(row, column, QTableWidgetItem(text))
        if self.person is None:
            self.today.setText("")
            return
        today = date.today().isoformat()
        current = [e for e in self.entries if e.date <= today]
        if current:
            e = current[-1]
            self.today.setText(self.tr("Status today: {status} (since {date})").format(
                status=status_label(e.code, None, e.reason), date=date_text(e.date)))
        else:
            self.today.setText(self.tr("No status in force today."))

    def clear(self) -> None:
        """Locked: no status, name or typed note stays on screen."""
        if self.dialog is not None:
            self.dialog.reject()
        self.person, self.name, self.entries = None, "", []
        self.set_action.setEnabled(False)
        self.set_button.setEnabled(False)
        self._fill()

    # --- setting ---------------------------------------------------------------------------
    def ask(self) -> None:
        if self.person is None or self.context.vault is None or self.dialog is not None:
            return
        dialog = StatusDialog(self.window(), self.name)
        self.dialog = dialog
        person = self.person
        dialog.accepted.connect(lambda: self.apply(person, *dialog.checked) if dialog.checked else None)
        dialog.finished.connect(self._closed)
        dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def apply(self, person: str, code: str, day: str, reason: str | None, note: str | None) -> None:
        """Write the status through the core (one changeset, audited, sent in the next bundle)."""
        vault = self.context.vault
        if vault is None:
            return

        def work(_operation: Operation) -> str:
            from kzdesk.core.model.status import set_status

            return set_status(vault, person, code, day, reason, note)

        Operation(self.window(), self.context, self.tr("Setting the status…"), name="status_progress").run(
            work, lambda _uuid: self._written(), self.tr("The status was not set."))

    def _written(self) -> None:
        self.show_person(self.person, self.name)
        self.changed.emit()

    # --- proposals -------------------------------------------------------------------------
    def propose(self) -> None:
        """Find what the acts imply on the database thread, then let the coordinator choose."""
        vault = self.context.vault
        if vault is None or self.dialog is not None:
            return

        def work(_operation: Operation) -> list[Proposal]:
            from kzdesk.core.model.status import propose

            with vault.engine.connect() as conn:
                return propose(conn)

        Operation(self.window(), self.context, self.tr("Reading the acts…"), name="status_progress").run(
            work, self._choose, self.tr("The proposals could not be read."))

    def _choose(self, proposals: list[Proposal]) -> None:
        if self.context.vault is None:
            return
        if not proposals:
            notice(self.window(), self.tr("Nothing to propose: every status the acts imply is recorded."))
            return
        dialog = ProposalsDialog(self.window(), proposals)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._apply_proposals(dialog.chosen()))
        dialog.finished.connect(self._closed)
        dialog.open()

    def _apply_proposals(self, chosen: list[Proposal]) -> None:
        vault = self.context.vault
        if vault is None or not chosen:
            return

        def work(_operation: Operation) -> int:
            from kzdesk.core.model.status import apply

            return apply(vault, chosen)

        def done(written: int) -> None:
            self._written()
            notice(self.window(), self.tr("%n status(es) recorded.", "", written))

        Operation(self.window(), self.context, self.tr("Setting the status…"), name="status_progress").run(
            work, done, self.tr("The status was not set."))
