"""Edit → Set consent…: one level for the persons selected in the Persons tab, or for the events
selected in the Records tab and their acts — the same core call as `kzdesk consent set`.

What each tab changes is fixed and said in the question: a person's level is what that person agreed
to, so choosing events never changes the persons in them (and choosing persons never their events);
an event's acts follow the event, since an event published without its acts says nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from kzdesk.ui.context import AppContext
from kzdesk.ui.menu_actions import MenuActions, Notice
from kzdesk.ui.operation import Operation
from kzdesk.ui.widgets import named

if TYPE_CHECKING:
    from kzdesk.core.model.consent import ConsentChange, Selection

# What the window has selected: "person" or "event" and their uuids ("" and nothing elsewhere).
Target = Callable[[], tuple[str, list[str]]]


LEVELS = ("confidential", "anonymised", "public")  # the editor's order: the strictest first


def level_label(code: str) -> str:
    """A level in the user's language, in the editor's words."""
    words = {"confidential": QCoreApplication.translate("ConsentDialog", "confidential"),
             "anonymised": QCoreApplication.translate("ConsentDialog", "anonymised"),
             "public": QCoreApplication.translate("ConsentDialog", "public")}
    return words[code]


class ConsentDialog(QDialog):
    """The level to set, and the question that says what it changes."""

    def __init__(self, parent: QWidget, kind: str, selection: Selection) -> None:
        super().__init__(parent)
        self.setObjectName("consent_dialog")
        self.setWindowTitle(self.tr("Set consent"))
        self.kind, self.selection = kind, selection
        layout = QVBoxLayout(self)
        self.level = named(QComboBox(), "consent_level")
        for code in LEVELS:
            self.level.addItem(level_label(code), code)
        form = QFormLayout()
        form.addRow(self.tr("Consent:"), self.level)
        self.question = named(QLabel(), "consent_question", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addLayout(form)
        layout.addWidget(self.question)
        layout.addWidget(self.buttons)
        self.level.currentIndexChanged.connect(self._ask)
        self._ask()
        self.level.setFocus()

    def chosen(self) -> str:
        return str(self.level.currentData())

    def _ask(self) -> None:
        level = self.level.currentText()
        if self.kind == "person":
            text = self.tr("Set the consent of the selected persons to {level}?\nSelected persons: {persons}.\n"
                           "Their events and acts keep their own levels (change those in the Records tab)."
                           ).format(level=level, persons=len(self.selection.person))
        else:
            text = self.tr("Set the consent of the selected events and of their acts to {level}?\n"
                           "Selected events: {events}. Their acts: {acts}.\n"
                           "The persons keep their own levels (change those in the Persons tab)."
                           ).format(level=level, events=len(self.selection.event), acts=len(self.selection.act))
        self.question.setText(text)


class ConsentActions(MenuActions):
    """The "Set consent…" action of the Edit menu and of the Persons and Records lists."""

    changed = Signal()

    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice, target: Target) -> None:
        super().__init__(window, context, notice)
        self.target = target
        self.set_action = self.action("consent_action", self.ask)
        self.dialog: ConsentDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.set_action.setText(self.tr("Set &consent…"))

    def ask(self) -> None:
        """Count what the selection covers on the database thread, then ask."""
        vault = self.context.vault
        if vault is None:
            return
        kind, uuids = self.target()
        if not uuids:
            self._say(self.tr("Select persons in the Persons tab, or events in the Records tab, then set their "
                              "consent. Ctrl+click and Shift+click select several."), True)
            return

        def work(_operation: Operation) -> Selection:
            from kzdesk.core.model.consent import Selection, choose

            if kind == "person":
                return Selection(person=set(uuids))
            with vault.engine.connect() as conn:
                acts = choose(conn, ids=uuids, what="acts").act
            return Selection(event=set(uuids), act=acts)

        Operation(self.window, self.context, self.tr("Reading the selection…"), name="consent_progress").run(
            work, lambda selection: self._show(kind, selection), self.tr("The consent was not changed."),
            lambda text: self._say(text, True))

    def _show(self, kind: str, selection: Selection) -> None:
        if self.context.vault is None:
            return  # locked meanwhile
        self.dialog = ConsentDialog(self.window, kind, selection)
        self.dialog.accepted.connect(lambda: self.apply(self.dialog.chosen() if self.dialog else "", selection))
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def apply(self, level: str, selection: Selection) -> None:
        """Set the level through the core (one changeset, audited, sent in the next bundle)."""
        vault = self.context.vault
        if vault is None or not level:
            return

        def work(_operation: Operation) -> ConsentChange:
            from kzdesk.core.model.consent import set_consent

            return set_consent(vault, level, selection)

        Operation(self.window, self.context, self.tr("Setting consent…"), name="consent_progress").run(
            work, self._done, self.tr("The consent was not changed."), lambda text: self._say(text, True))

    def _done(self, change: ConsentChange) -> None:
        self.changed.emit()
        level = level_label(change.level)
        if change.changed:
            text = self.tr("Consent set to {level}. Changed: persons {persons}, events {events}, acts {acts}.").format(
                level=level, persons=change.persons, events=change.events, acts=change.acts)
        elif change.not_yours:
            text = self.tr("Nothing was changed.")
        else:
            text = self.tr("Nothing to change: the selected records were already {level}.").format(level=level)
        if change.not_yours:
            text += "\n" + self.tr("Left as they are, because someone else created them: {count}. Only a coordinator "
                                   "decides about other people's records.").format(count=change.not_yours)
        self._say(text)
