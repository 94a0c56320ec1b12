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
    COLUMNS = (QT_TRANSLATE_NOOP("ConflictsModel", "Record"), QT_TRANSLATE_NOOP("ConflictsModel", "Field"),
               QT_TRANSLATE_NOOP("ConflictsModel", "Values"))

    def fetch(self, conn: Any) -> list[Any]:
        from kzdesk.core.exchange.conflicts import open_conflicts

        return open_conflicts(conn)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY:
            return None
        row: Conflict = self.rows[index.row()]
        if index.column() == 0:
            return f"{QCoreApplication.translate('Kinds', row.kind)} {row.record[:8]}"
        if index.column() == 1:
            return row.field
        return "  |  ".join(self.candidate(c) for c in row.candidates)

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
