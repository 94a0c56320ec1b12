"""The Conflicts tab: fields two vaults changed differently, each value with its proven author."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QVBoxLayout, QWidget

from kzdesk.ui.context import AppContext
from kzdesk.ui.exchange_models import ConflictsModel
from kzdesk.ui.operation import Operation, notice
from kzdesk.ui.widgets import table_view


class ConflictsTab(QWidget):
    """Double-click a conflict to keep one of its values, or to type a combined one."""

    resolved = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.model = ConflictsModel(context)
        self.view = table_view(self.model)
        self.view.setObjectName("conflicts_view")
        self.view.doubleClicked.connect(lambda index: self.resolve_row(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def resolve_row(self, row: int) -> None:
        conflict = self.model.rows[row]
        values = [str(c.value) for c in conflict.candidates]
        value, ok = QInputDialog.getItem(self, "kzdesk", self.tr("Keep which value? (You may edit it.)"),
                                         values, 0, True)
        if ok:
            self.resolve(conflict.id, value)

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
            notice(self, text, warning=True)
            self.model.load()

        Operation(self.window(), self.context, self.tr("Resolving the conflict…")).run(
            work, done, self.tr("The conflict was not resolved."), failed)
