"""The record editor: one event, several persons, several acts per person, sources, evidence files.

Works on an EventDraft; nothing is written until Save, and then all of it in one transaction on
the database thread. Closing with unsaved changes asks; "keep as draft" parks the draft inside the
encrypted vault, never in a file.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from kzdesk.core.errors import KzdeskError
from kzdesk.core.i18n import tr as core_tr
from kzdesk.core.model.editing import (
    ActDraft,
    AttachmentDraft,
    EventDraft,
    PersonDraft,
    Saved,
    SourceDraft,
    load_event,
    park_draft,
    save_draft,
    validate,
)
from kzdesk.core.model.fields import Problem, parse_date
from kzdesk.core.model.persons import PersonMatch, suggest_persons
from kzdesk.ui import file_dialogs
from kzdesk.ui.act_form import ActForm, _select, shown_date
from kzdesk.ui.context import AppContext
from kzdesk.ui.formatting import act_type_label
from kzdesk.ui.forms.ui_event_editor import Ui_EventEditor
from kzdesk.ui.screen import compact_combos, fit_to_screen, minimum_width
from kzdesk.ui.widgets import fill_cities

MAX_ATTACHMENT = 200 * 1024 * 1024


class _ReturnAdds(QObject):
    """Enter in the name field adds the person instead of pressing the dialog's default button."""

    def __init__(self, action: object) -> None:
        super().__init__()
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.action()  # type: ignore[operator]
            return True
        return False


class EventEditor(QDialog):
    saved = Signal(str)  # uuid of the event
    lock_requested = Signal()  # Ctrl+L inside the editor: the main window (blocked by this dialog) locks

    def __init__(self, context: AppContext, draft: EventDraft | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.draft = draft or EventDraft()
        self.dirty = False
        self.ui = Ui_EventEditor()
        self.ui.setupUi(self)
        self.language = context.translations.language
        self.act_form = ActForm(self.language, self._event_day)
        self.ui.actFormLayout.addWidget(self.act_form)
        self._suggestions: dict[str, PersonMatch] = {}
        self._build()
        self._show_draft()
        # The fields scroll, Save and Cancel stay below them: the editor fits a 1024×600 screen.
        compact_combos(self)
        scroll = self.ui.scroll
        scroll.setMinimumSize(minimum_width(self.ui.body) + scroll.verticalScrollBar().sizeHint().width(),
                              200)  # as wide as the fields need (no sideways scrolling), height scrolls
        fit_to_screen(self, self.size())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.ui.date.setFocus()

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        ui = self.ui
        for button in ui.buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        ui.buttons.rejected.connect(self.close)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock_requested.emit)
        for code, text in (("day", self.tr("exact day")), ("month", self.tr("month")), ("year", self.tr("year")),
                           ("unknown", self.tr("unknown"))):
            ui.precision.addItem(text, code)
        ui.precision.setEnabled(False)  # follows what is typed in the date field
        fill_cities(ui.city, self.language)
        for combo in (ui.consent, ui.personConsent):
            for code, text in (("confidential", self.tr("confidential")), ("anonymised", self.tr("anonymised")),
                               ("public", self.tr("public"))):
                combo.addItem(text, code)
        for code, text in (("news", self.tr("news")), ("post", self.tr("post")),
                           ("court_record", self.tr("court record")), ("testimony", self.tr("victim testimony")),
                           ("witness", self.tr("witness")), ("official_document", self.tr("official document")),
                           ("photo", self.tr("photo")), ("video", self.tr("video")), ("other", self.tr("other"))):
            ui.sourceType.addItem(text, code)
        for code, text in (("unknown", self.tr("reliability unknown")), ("high", self.tr("high")),
                           ("medium", self.tr("medium")), ("low", self.tr("low"))):
            ui.reliability.addItem(text, code)
        # Keyboard order: the act fields come right after "Add act", before the sources.
        chain = [ui.removeAct, self.act_form.ui.actType, self.act_form.ui.legalCode, self.act_form.ui.article,
                 self.act_form.ui.part, self.act_form.ui.arrestDays, self.act_form.ui.fineAmount,
                 self.act_form.ui.fineUnit, self.act_form.ui.years, self.act_form.ui.months, self.act_form.ui.hours,
                 self.act_form.ui.authority, self.act_form.ui.court, self.act_form.ui.judge,
                 self.act_form.ui.caseNumber, self.act_form.ui.decisionDate, self.act_form.ui.appeal,
                 self.act_form.ui.appealOutcome, self.act_form.ui.finePaid, self.act_form.ui.finePaidBy,
                 self.act_form.ui.actDescription, ui.sourceUrl]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        # Event fields write through to the draft.
        ui.date.textEdited.connect(self._date_edited)
        ui.city.editTextChanged.connect(lambda text: self._set_event("city", text))
        ui.place.textEdited.connect(lambda text: self._set_event("place", text))
        ui.occasion.textEdited.connect(lambda text: self._set_event("occasion", text))
        ui.description.textChanged.connect(lambda: self._set_event("description", ui.description.toPlainText()))
        ui.consent.currentIndexChanged.connect(lambda _: self._set_event("consent", ui.consent.currentData()))
        # Persons.
        self.completer_model = QStringListModel(self)
        completer = QCompleter(self.completer_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # the matching itself is done by the FTS query
        ui.personName.setCompleter(completer)
        self._return_filter = _ReturnAdds(self.add_person)
        ui.personName.installEventFilter(self._return_filter)
        ui.personName.textEdited.connect(self._suggest)
        ui.addPerson.clicked.connect(self.add_person)
        ui.removePerson.clicked.connect(self.remove_person)
        ui.persons.currentRowChanged.connect(self._person_selected)
        ui.personConsent.currentIndexChanged.connect(self._person_consent)
        # Acts.
        ui.addAct.clicked.connect(self.add_act)
        ui.removeAct.clicked.connect(self.remove_act)
        ui.acts.currentRowChanged.connect(self._act_selected)
        self.act_form.changed.connect(self._act_changed)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.add_act)
        # Sources and evidence.
        ui.addSource.clicked.connect(self.add_source)
        ui.sourceUrl.returnPressed.connect(self.add_source)
        ui.addAttachment.clicked.connect(self.add_attachment)

    def _show_draft(self) -> None:
        d, ui = self.draft, self.ui
        ui.date.setText(shown_date(d.date))  # the draft keeps the stored form until the field is edited
        ui.city.setEditText(d.city)
        ui.place.setText(d.place)
        ui.occasion.setText(d.occasion)
        ui.description.setPlainText(d.description)
        _select(ui.consent, d.consent)
        self._update_precision()
        ui.persons.clear()
        for person in d.persons:
            ui.persons.addItem(self._person_text(person))
        ui.sources.clear()
        for source in d.sources:
            ui.sources.addItem(source.url or source.title)
        ui.attachments.clear()
        for item in d.attachments:
            ui.attachments.addItem(self._attachment_text(item))
        if d.persons:
            ui.persons.setCurrentRow(0)
        else:
            self._person_selected(-1)
        self.dirty = False

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Whatever gets the focus (Tab, a shortcut, "Add act") is scrolled into view.
        if new is not None and self.ui.body.isAncestorOf(new):
            self.ui.scroll.ensureWidgetVisible(new, 0, 24)

    # --- event -----------------------------------------------------------------------------
    def _set_event(self, attr: str, value: object) -> None:
        setattr(self.draft, attr, value)
        self.dirty = True

    def _date_edited(self, text: str) -> None:
        self._set_event("date", text)
        self._update_precision()
        self.act_form._refresh_hints()

    def _update_precision(self) -> None:
        try:
            precision = parse_date(self.draft.date).precision
        except Problem:
            precision = "unknown"
        _select(self.ui.precision, precision)

    def _event_day(self) -> str | None:
        try:
            return parse_date(self.draft.date).start
        except Problem:
            return None

    # --- persons ---------------------------------------------------------------------------
    def _suggest(self, text: str) -> None:
        vault = self.context.vault
        if vault is None or len(text.strip()) < 2:
            return

        def find() -> list[PersonMatch]:
            with vault.engine.connect() as conn:
                return suggest_persons(conn, text, limit=10)

        self.context.tasks.run(find, self._suggested, owner=self)

    def _suggested(self, matches: list[PersonMatch]) -> None:
        self._suggestions = {self._match_text(m): m for m in matches}
        self.completer_model.setStringList(list(self._suggestions))
        completer = self.ui.personName.completer()
        if completer is not None and matches and self.ui.personName.hasFocus():
            completer.complete()

    def _match_text(self, match: PersonMatch) -> str:
        return self.tr("{name} ({acts} acts recorded)").format(name=match.name, acts=match.acts)

    def add_person(self) -> None:
        text = self.ui.personName.text().strip()
        if not text:
            return
        match = self._suggestions.get(text)
        person = PersonDraft(match.name, uuid=match.uuid) if match else PersonDraft(text)
        if match is None or all(p.uuid != match.uuid for p in self.draft.persons):
            self.draft.persons.append(person)
            self.ui.persons.addItem(self._person_text(person))
        self.ui.personName.clear()
        self.ui.persons.setCurrentRow(self.ui.persons.count() - 1)
        self.dirty = True
        if not self.current_person().acts:  # a typical entry goes on with the first act
            self.add_act()

    def remove_person(self) -> None:
        row = self.ui.persons.currentRow()
        if row >= 0:
            del self.draft.persons[row]
            self.ui.persons.takeItem(row)
            self.dirty = True

    def current_person(self) -> PersonDraft:
        person: PersonDraft = self.draft.persons[self.ui.persons.currentRow()]
        return person

    def _person_text(self, person: PersonDraft) -> str:
        return person.name + ("" if person.uuid is None else "  ✓")

    def _person_selected(self, row: int) -> None:
        has = 0 <= row < len(self.draft.persons)
        for widget in (self.ui.personConsent, self.ui.removePerson, self.ui.addAct, self.ui.acts):
            widget.setEnabled(has)
        self.ui.acts.clear()
        if has:
            person = self.draft.persons[row]
            self.ui.personConsent.blockSignals(True)
            _select(self.ui.personConsent, person.consent)
            self.ui.personConsent.blockSignals(False)
            for act in person.acts:
                self.ui.acts.addItem(self._act_text(act))
            self.ui.acts.setCurrentRow(len(person.acts) - 1)
        if not has or not self.draft.persons[row].acts:
            self.act_form.show_act(None)

    def _person_consent(self) -> None:
        if self.ui.persons.currentRow() >= 0:
            self.current_person().consent = self.ui.personConsent.currentData()
            self.dirty = True

    # --- acts ------------------------------------------------------------------------------
    def add_act(self) -> None:
        if self.ui.persons.currentRow() < 0:
            return
        act = ActDraft()
        self.current_person().acts.append(act)
        self.ui.acts.addItem(self._act_text(act))
        self.ui.acts.setCurrentRow(self.ui.acts.count() - 1)
        self.act_form.ui.actType.setFocus()
        self.dirty = True

    def remove_act(self) -> None:
        row = self.ui.acts.currentRow()
        if row >= 0 and self.ui.persons.currentRow() >= 0:
            del self.current_person().acts[row]
            self.ui.acts.takeItem(row)
            self.dirty = True

    def _act_selected(self, row: int) -> None:
        acts = self.current_person().acts if self.ui.persons.currentRow() >= 0 else []
        self.act_form.show_act(acts[row] if 0 <= row < len(acts) else None)

    def _act_changed(self) -> None:
        self.dirty = True
        item = self.ui.acts.currentItem()
        if item is not None and self.act_form.act is not None:
            item.setText(self._act_text(self.act_form.act))

    def _act_text(self, act: ActDraft) -> str:
        parts = [act_type_label(act.act_type, self.language)]
        if act.article:
            parts.append(f"{act.article}.{act.part}" if act.part else act.article)
        if act.arrest_days:
            parts.append(self.tr("{n} days").format(n=act.arrest_days))
        if act.fine_amount:
            parts.append(f"{act.fine_amount} {'₸' if act.fine_unit == 'KZT' else self.tr('MCI')}")
        return " · ".join(parts)

    # --- sources and evidence --------------------------------------------------------------
    def add_source(self) -> None:
        url = self.ui.sourceUrl.text().strip()
        if not url:
            return
        source = SourceDraft(url, source_type=self.ui.sourceType.currentData(),
                             reliability=self.ui.reliability.currentData())
        self.draft.sources.append(source)
        self.ui.sources.addItem(url)
        self.ui.sourceUrl.clear()
        self.dirty = True

    def add_attachment(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Attach a file"))
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        """Read and hash the file on the database thread (it may be large), then list it."""
        if path.stat().st_size > MAX_ATTACHMENT:
            self.ui.problems.setText(self.tr("The file is larger than 200 MB."))
            return

        def read() -> AttachmentDraft:
            data = path.read_bytes()
            return AttachmentDraft(path.name, hashlib.sha256(data).hexdigest(), len(data), data)

        self.context.tasks.run(read, self._attached, owner=self)

    def _attached(self, item: AttachmentDraft) -> None:
        self.draft.attachments.append(item)
        self.ui.attachments.addItem(QListWidgetItem(self._attachment_text(item)))
        self.dirty = True

    def _attachment_text(self, item: AttachmentDraft) -> str:
        return f"{item.name} — SHA-256 {item.sha256}"

    # --- saving and closing ----------------------------------------------------------------
    def save(self) -> None:
        problems = validate(self.draft)
        if problems:
            lines = [f"{self._where(p.where)}: {core_tr(p.msgid, self.language, **p.params)}" for p in problems]
            self.ui.problems.setText(self.tr("Not saved yet — please correct:") + "\n" + "\n".join(lines))
            return
        vault = self.context.vault
        if vault is None:
            return
        self.ui.problems.setText(self.tr("Saving…"))
        self.setEnabled(False)
        draft = self.draft

        def work() -> tuple[Saved, EventDraft | None]:
            saved = save_draft(vault, draft)
            if not saved.merged:
                return saved, None
            with vault.engine.connect() as conn:  # the record as it now stands, both sides' changes in it
                return saved, load_event(conn, saved.event)

        self.context.tasks.run(work, self._saved, self._save_failed, owner=self)

    def _where(self, where: str) -> str:
        parts = where.split(".")
        names = {"date": self.tr("Date"), "persons": self.tr("Persons"), "sources": self.tr("Source"),
                 "name": self.tr("Name"), "acts": self.tr("Act"), "arrest_days": self.tr("Arrest, days"),
                 "fine_amount": self.tr("Fine"), "article": self.tr("Article"), "part": self.tr("Part"),
                 "url": self.tr("Address"), "decision_date": self.tr("Decision date"), "years": self.tr("Years"),
                 "months": self.tr("Months"), "hours": self.tr("Hours"), "retrieved": self.tr("Retrieved")}
        out: list[str] = []
        for i, part in enumerate(parts):
            if part.isdigit():
                if parts[i - 1] == "persons" and int(part) < len(self.draft.persons):
                    out[-1] = self.draft.persons[int(part)].name or out[-1]
                else:
                    out[-1] = f"{out[-1]} {int(part) + 1}"
            else:
                out.append(names.get(part, part))
        return " › ".join(out)

    def _saved(self, result: tuple[Saved, EventDraft | None]) -> None:
        saved, merged = result
        self.dirty = False
        self.setEnabled(True)
        self.saved.emit(saved.event)
        if merged is None:
            self.accept()
            return
        # The record changed while it was open here: the editor stays, showing the joined record,
        # so the user sees what the save became before closing.
        self.draft = merged
        self._show_draft()
        text = self.tr("Saved. This record was changed elsewhere while you edited it (a bundle, another window "
                       "or the command line); your changes were combined with those changes.")
        if saved.conflicts:
            text += "\n" + self.tr("%n field(s) were changed differently on both sides: both values are kept "
                                   "in the Conflicts tab until someone chooses one.", "", saved.conflicts)
        self.ui.problems.setText(text)

    def _save_failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.ui.problems.setText(self.tr("Not saved: {reason}").format(
            reason=error.message() if isinstance(error, KzdeskError) else type(error).__name__))

    def park(self) -> None:
        """Lock or quit with unsaved changes: keep them encrypted in the vault, then close."""
        vault = self.context.vault
        if self.dirty and vault is not None:
            draft = self.draft
            self.context.tasks.run(lambda: park_draft(vault, draft))
        self.dirty = False
        self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.dirty:
            self.reject()  # finished is emitted: the window knows no editor is open any more
            event.accept()
            return
        box = QMessageBox(QMessageBox.Icon.Question, "kzdesk", self.tr("This record has unsaved changes."),
                          parent=self)
        save = box.addButton(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep as draft"), QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        event.ignore()
        if clicked is save:
            self.save()
        elif clicked is keep:
            self.park()
        elif clicked is discard:
            self.dirty = False
            self.reject()

    def reject(self) -> None:
        if self.dirty:
            self.close()  # asks first
        else:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


