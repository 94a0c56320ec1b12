"""Item models for the coordinator's review queues: open conflicts and probable duplicates."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kzdesk.core.exchange.conflicts import Candidate, Conflict
from kzdesk.ui.context import AppContext
from kzdesk.ui.table_model import DISPLAY, Index, TableModel


class _ListModel(TableModel):
    """Rows loaded on the database thread when the tab is opened; nothing kept while locked."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context

    def load(self) -> None:
        vault = self.context.vault
        if vault is None:
            return

        def work() -> list[Any]:
            with vault.engine.connect() as conn:
                return self.fetch(conn)

        self.context.tasks.run(work, self.replace)

    def fetch(self, conn: Any) -> list[Any]:
        raise RuntimeError("each model fetches its own rows")


class ConflictsModel(_ListModel):
    """One row per open conflict: whose record, which event, which field, and the values in dispute."""

    COLUMNS = (QT_TRANSLATE_NOOP("ConflictsModel", "Person"), QT_TRANSLATE_NOOP("ConflictsModel", "Event"),
               QT_TRANSLATE_NOOP("ConflictsModel", "Field"), QT_TRANSLATE_NOOP("ConflictsModel", "Values"))

    def fetch(self, conn: Any) -> list[Any]:
        from kzdesk.core.exchange.conflicts import open_conflicts

        return open_conflicts(conn)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY:
            return None
        row: Conflict = self.rows[index.row()]
        if index.column() == 0:
            return self.about(row)
        if index.column() == 1:
            return self.event_text(row, self.context.translations.language)
        if index.column() == 2:
            return row.field_label
        return "  |  ".join(self.value_text(row, c.value) for c in row.candidates)

    @staticmethod
    def about(row: Conflict) -> str:
        """The persons the record is about; a record about no one (a source) by its kind."""
        from kzdesk.core.i18n import tr
        from kzdesk.core.reports.wording import KIND

        if row.persons:
            return ", ".join(row.persons)
        kinds = {**KIND, "status": "status"}  # "status" is a catalogue msgid too
        return tr(kinds[row.kind]) if row.kind in kinds else row.kind

    @staticmethod
    def event_text(row: Conflict, language: str) -> str:
        """The event's date and city as the interface language writes them (empty: no event)."""
        from kzdesk.ui.formatting import act_type_label, date_text, place

        if row.kind == "status":  # a status belongs to no event: the day it began says which one it is
            return QCoreApplication.translate("ConflictsModel", "status from {date}").format(
                date=date_text(row.status_date)) if row.status_date else ""
        if row.event_date is None and row.city is None and row.city_text is None:
            return act_type_label(row.act_type, language) if row.act_type else ""
        parts = [date_text(row.event_date), place(row.city, row.city_text, language)]
        if row.act_type:
            parts.append(act_type_label(row.act_type, language))
        return ", ".join(p for p in parts if p)

    @staticmethod
    def value_text(row: Conflict, value: object) -> str:
        """A value as a person reads it: text as typed, a deletion as what it does, nothing as a dash."""
        from kzdesk.core.exchange.conflicts import value_words
        from kzdesk.core.exchange.merge import DELETED

        words = value_words(row.kind, row.field, value)  # a status code in words, never "pre_trial"
        if words is not None:
            return words
        if row.field == DELETED:
            return (QCoreApplication.translate("ConflictsModel", "delete the record") if value
                    else QCoreApplication.translate("ConflictsModel", "keep the record"))
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return (QCoreApplication.translate("ConflictsModel", "yes") if value
                    else QCoreApplication.translate("ConflictsModel", "no"))
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False)

    @staticmethod
    def author(candidate: Candidate) -> str:
        """Who wrote a value (only a proven author, with the start of their fingerprint) and when."""
        from kzdesk.core.exchange.authorship import FUTURE_MARK, MERGE_AUTHOR, UNPROVEN
        from kzdesk.core.i18n import tr
        from kzdesk.ui.formatting import date_text

        name = candidate.author_name
        if candidate.author is None:
            who = tr(UNPROVEN)
        elif name == MERGE_AUTHOR:
            who = ""
        elif candidate.author_fingerprint:
            who = f"{name} ({candidate.author_fingerprint})" if name else candidate.author_fingerprint
        else:
            who = name or ""
        notes = [who] if who else []
        written = candidate.written
        if written is not None:
            local = written.astimezone()  # the writer's clock, read in this computer's time zone
            notes.append(f"{date_text(local.date().isoformat())} {local:%H:%M}")
        if candidate.future:
            notes.append(tr(FUTURE_MARK))
        return ", ".join(notes)

    @staticmethod
    def candidate(candidate: Candidate) -> str:
        """A value with who proposed it (only a proven author) and a flag on a stamp from the future."""
        from kzdesk.core.exchange.authorship import FUTURE_MARK, MERGE_AUTHOR, UNPROVEN
        from kzdesk.core.i18n import tr

        author = candidate.author_name
        who = tr(UNPROVEN) if candidate.author is None else None if author == MERGE_AUTHOR else author
        notes = [n for n in (who, tr(FUTURE_MARK) if candidate.future else None) if n]
        value = json.dumps(candidate.value, ensure_ascii=False)
        return f"{value} ({', '.join(notes)})" if notes else value


class DuplicatesModel(_ListModel):
    COLUMNS = (QT_TRANSLATE_NOOP("DuplicatesModel", "Score"), QT_TRANSLATE_NOOP("DuplicatesModel", "Person"),
               QT_TRANSLATE_NOOP("DuplicatesModel", "Probably the same as"),
               QT_TRANSLATE_NOOP("DuplicatesModel", "Why"))

    def fetch(self, conn: Any) -> list[Any]:
        from kzdesk.core.exchange.duplicates import find_duplicates

        return find_duplicates(conn)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY:
            return None
        pair = self.rows[index.row()]
        from kzdesk.core.i18n import tr

        # Whatever was stored, a cell shows text and never raises: a repaint that raised would blank the pane.
        score = pair.score
        shown = f"{score:.0f}" if isinstance(score, int | float) else str(score)
        return (shown, str(pair.name_a or ""), str(pair.name_b or ""),
                "; ".join(tr(str(r)) for r in pair.reasons))[index.column()]
