"""Bundles in the window: export what is new for the coordinator, import files or a whole folder.

Both run the same core calls as `kzdesk export-bundle` and `kzdesk import-bundle` (the import in the
same grouped transactions), through Operation: progress, Cancel for an import, errors said plainly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.menu_actions import MenuActions, Notice
from kzdesk.ui.operation import Operation

if TYPE_CHECKING:  # the exchange code loads when a bundle is first written or read
    from kzdesk.core.exchange.exporting import ExportReport
    from kzdesk.core.exchange.importing import ImportOutcome


class BundleActions(MenuActions):
    """File → Export a bundle…, Import bundles…, Import a folder of bundles…"""

    imported = Signal()  # something may have changed: the views reload

    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice) -> None:
        super().__init__(window, context, notice)
        self.export_action = self.action("export_action", self._ask_export)
        self.import_action = self.action("import_bundles_action", self._ask_files)
        self.folder_action = self.action("import_folder_action", self._ask_folder)
        self.import_report: list[ImportOutcome] = []
        self.operation: Operation | None = None  # the latest one, for its progress figures
        self.role = "volunteer"
        self.retranslate()

    def set_role(self, role: str) -> None:
        """The vault's role names where its bundles go: a volunteer's to the coordinator, a coordinator's
        (resolutions, decisions) to the other coordinators."""
        self.role = role
        self.retranslate()

    def retranslate(self) -> None:
        if self.role == "coordinator":
            self.export_action.setText(self.tr("&Export a bundle for the other coordinators…"))
        else:
            self.export_action.setText(self.tr("&Export a bundle for the coordinator…"))
        self.import_action.setText(self.tr("Import &bundles…"))
        self.folder_action.setText(self.tr("Import a &folder of bundles…"))

    def _ask_export(self) -> None:
        path = file_dialogs.save_file(self.window, self.tr("Export a bundle"), "bundle.kzb",
                                      self.tr("Bundles (*.kzb)"))
        if path:
            self.export_to(path)

    def _ask_files(self) -> None:
        paths = file_dialogs.open_files(self.window, self.tr("Import bundles"), self.tr("Bundles (*.kzb)"))
        if paths:
            self.import_files(paths)

    def _ask_folder(self) -> None:
        folder = file_dialogs.existing_folder(self.window, self.tr("Import every bundle in a folder"))
        if folder:
            self.import_folder(folder)

    def export_to(self, path: str) -> None:
        vault = self.context.vault
        if vault is None:
            return

        def work(operation: Operation) -> ExportReport:
            from kzdesk.core.exchange.exporting import export_bundle

            return export_bundle(vault, Path(path), progress=operation.report)

        def done(report: ExportReport) -> None:
            text = self.tr("Bundle {seq} written: {n} records.").format(seq=report.seq, n=report.revisions)
            self.last_message = text
            self.window.statusBar().showMessage(text, 10_000)

        self.operation = Operation(self.window, self.context, self.tr("Writing the bundle…"), name="export_progress")
        self.operation.run(work, done, self.tr("The bundle was not written."), lambda text: self._say(text, True))

    def import_folder(self, folder: str) -> None:
        from kzdesk.core.exchange.importing import bundle_files

        found = bundle_files([Path(folder)])
        if not found:
            self._say(self.tr("There are no bundles (*.kzb) in this folder."), True)
            return
        self.import_files([str(p) for p in found])

    def import_files(self, paths: list[str]) -> None:
        """Verify and merge the bundles on the database thread, then say what became of each."""
        vault = self.context.vault
        if vault is None:
            return
        self.import_report = []

        def work(operation: Operation) -> list[ImportOutcome]:
            from kzdesk.core.exchange.importing import import_bundles

            return import_bundles(vault, [Path(p) for p in paths], operation.report, operation.cancelled)

        def done(outcomes: list[ImportOutcome]) -> None:
            self.import_report = outcomes
            lines = [o.describe() for o in outcomes]
            if len(outcomes) < len(paths):
                lines.append(self.tr("Stopped: %n bundle(s) not read.", "", len(paths) - len(outcomes)))
            self.imported.emit()
            self._say("\n".join(lines))

        def failed(text: str) -> None:
            self.imported.emit()  # the groups committed before the failure stay merged
            self._say(text, True)

        self.operation = Operation(self.window, self.context, self.tr("Importing bundles…"), cancellable=True,
                                   name="import_progress")
        self.operation.run(work, done, self.tr("The bundles could not be imported."), failed)
