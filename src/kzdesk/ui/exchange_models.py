"""Item models for the coordinator's review queues: open conflicts and probable duplicates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

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

    # The words are the core's (reports/conflict_text.py): the window and `kzdesk conflicts` say the same.
    @staticmethod
    def about(row: Conflict) -> str:
        from kzdesk.core.i18n import language
        from kzdesk.core.reports import conflict_text

        return conflict_text.about(row, language())

    @staticmethod
    def event_text(row: Conflict, language: str) -> str:
        from kzdesk.core.reports import conflict_text

        return conflict_text.event(row, language)

    @staticmethod
    def value_text(row: Conflict, value: object) -> str:
        from kzdesk.core.i18n import language
        from kzdesk.core.reports import conflict_text

        return conflict_text.value(row, value, language())

    @staticmethod
    def author(candidate: Candidate) -> str:
        from kzdesk.core.i18n import language
        from kzdesk.core.reports import conflict_text

        return conflict_text.author(candidate, language())


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
