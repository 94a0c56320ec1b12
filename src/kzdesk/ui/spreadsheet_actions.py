"""File → Import spreadsheet: the same all-or-nothing import as `kzdesk import`, run through Operation; and
File → Save a spreadsheet template: the same file as `kzdesk template`, in the window's language."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.menu_actions import MenuActions, Notice
from kzdesk.ui.operation import Operation

KEPT_SHOWN = 10  # persons whose stricter consent was kept, named in the message (then "… and N more")

if TYPE_CHECKING:
    from kzdesk.core.ingest.csv_import import ImportReport


class SpreadsheetActions(MenuActions):
    imported = Signal()

    def __init__(self, window: QMainWindow, context: AppContext, notice: Notice) -> None:
        super().__init__(window, context, notice)
        self.import_action = self.action("import_action", self._ask_file)
        self.template_action = self.action("template_action", self._ask_template)
        self.retranslate()

    def retranslate(self) -> None:
        self.import_action.setText(self.tr("&Import spreadsheet (Excel, CSV)…"))
        self.template_action.setText(self.tr("Save a spreadsheet &template…"))

    def _ask_file(self) -> None:
        path = file_dialogs.open_file(self.window, self.tr("Import spreadsheet"),
                                      self.tr("Spreadsheets (*.xlsx *.csv *.txt)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        vault = self.context.vault
        if vault is None:
            return

        def work(_operation: Operation) -> ImportReport:
            from kzdesk.core.ingest.csv_import import import_csv

            return import_csv(vault, Path(path))

        def done(report: ImportReport) -> None:
            self.imported.emit()
            text = self.tr("Imported {rows} rows: {events} events, {acts} acts.").format(
                rows=report.rows, events=report.events, acts=report.acts)
            # Persons whose stricter level the import kept: the coordinator must know why they stay unpublished.
            shown = dataclasses.replace(report, consent_kept=report.consent_kept[:KEPT_SHOWN])
            lines = shown.consent_lines(self.context.translations.language)
            if lines:
                lines.append(self.tr("In the window: select them in the Persons tab, then Edit → Set consent…"))
            statuses = report.statuses_line(self.context.translations.language)  # "" when the file set none
            facts = dataclasses.replace(report, facts_kept=report.facts_kept[:KEPT_SHOWN])
            self._say("\n".join([*report.notes_lines(self.context.translations.language), text,
                                 *([statuses] if statuses else []), *lines,
                                 *facts.facts_lines(self.context.translations.language)]))

        Operation(self.window, self.context, self.tr("Importing…"), name="csv_progress").run(
            work, done, self.tr("The spreadsheet was not imported."), lambda text: self._say(text, True))

    def _ask_template(self) -> None:
        lang = self.context.translations.language
        path = file_dialogs.save_file(self.window, self.tr("Save a spreadsheet template"),
                                      f"kzdesk-template-{lang}.xlsx",
                                      self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if path:
            self.save_template(path)

    def save_template(self, path: str) -> None:
        """Write the template (XLSX, or CSV for a .csv name) in the window's language; no vault needed."""
        lang = self.context.translations.language
        target = Path(path)
        if target.suffix.casefold() not in (".xlsx", ".csv"):
            target = target.with_name(target.name + ".xlsx")

        def work(_operation: Operation) -> Path:
            from kzdesk.core.files import write_output
            from kzdesk.core.ingest.template import template
            from kzdesk.core.reports.export import format_for

            write_output(target, template(format_for(target), lang), mode=0o644)  # it holds no case data
            return target

        def done(written: Path) -> None:
            self._say(self.tr("The template was saved to {path}. Fill in one row per act, then import it "
                              "with File → Import spreadsheet.").format(path=written))

        Operation(self.window, self.context, self.tr("Saving…"), name="template_progress").run(
            work, done, self.tr("The template was not saved."), lambda text: self._say(text, True))
