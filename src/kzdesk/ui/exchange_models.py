"""Item models for the coordinator's review queues: open conflicts and probable duplicates."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from kzdesk.ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


class _ListModel(QAbstractTableModel):
    """Rows loaded on the database thread; nothing kept while locked."""

    COLUMNS: tuple[Any, ...] = ()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.rows: list[Any] = []

    def load(self) -> None:
        vault = self.context.vault
        if vault is None:
            return

        def work() -> list[Any]:
            with vault.engine.connect() as conn:
                return self.fetch(conn)

        self.context.tasks.run(work, self._loaded)

    def fetch(self, conn: Any) -> list[Any]:
        raise RuntimeError("each model fetches its own rows")

    def _loaded(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def clear(self) -> None:
        self._loaded([])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(type(self).__name__, str(self.COLUMNS[section]))
        return None


class ConflictsModel(_ListModel):
    COLUMNS = (QT_TRANSLATE_NOOP("ConflictsModel", "Record"), QT_TRANSLATE_NOOP("ConflictsModel", "Field"),
               QT_TRANSLATE_NOOP("ConflictsModel", "Values"))

    def fetch(self, conn: Any) -> list[Any]:
        from kzdesk.core.exchange.service import open_conflicts

        return open_conflicts(conn)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY:
            return None
        row = self.rows[index.row()]
        if index.column() == 0:
            return f"{QCoreApplication.translate('Kinds', row['kind'])} {row['record'][:8]}"
        if index.column() == 1:
            return row["field"]
        return "  |  ".join(json.dumps(c["value"], ensure_ascii=False) for c in row["candidates"])


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

        return (f"{pair.score:.0f}", pair.name_a, pair.name_b,
                "; ".join(tr(r) for r in pair.reasons))[index.column()]
