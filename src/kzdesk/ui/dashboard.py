"""The dashboard: a period's figures and the same charts as the statistics report.

The charts are the report's own pages (reportlab drawings rendered by pypdfium2), so what the
coordinator sees here is exactly what the PDF will say. Aggregates only: no person is named.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kzdesk.ui.context import AppContext
from kzdesk.ui.formatting import date_hint, date_text
from kzdesk.ui.operation import Operation
from kzdesk.ui.report_preview import ReportPreview, pages_view
from kzdesk.ui.widgets import named

if TYPE_CHECKING:
    from kzdesk.core.reports.preview import PageImage


class Dashboard(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        year = date.today().year
        # This year, written as the window writes dates (the core reads DD.MM.YYYY, MM.YYYY, YYYY and ISO).
        self.start = named(QLineEdit(date_text(f"{year}-01-01")), "dashboard_from", maxLength=11)
        self.end = named(QLineEdit(date_text(f"{year}-12-31")), "dashboard_to", maxLength=11)
        self._language = context.translations.language
        self.show_button = named(QPushButton(), "dashboard_show")
        self.save_button = named(QPushButton(), "dashboard_save", enabled=False)
        self.summary = named(QLabel(), "dashboard_summary", wordWrap=True)
        self.show_button.clicked.connect(self.load)
        self.save_button.clicked.connect(self._save)
        for edit in (self.start, self.end):
            edit.returnPressed.connect(self.load)
        bar = QHBoxLayout()
        for widget in (self.start, self.end, self.show_button, self.save_button):
            bar.addWidget(widget)
        bar.addStretch()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(bar)
        self.layout_.addWidget(self.summary)
        self.pages: QWidget | None = None
        self.page_labels: list[QLabel] = []
        self.pdf = b""
        self.images: list[PageImage] = []
        self.operation: Operation | None = None  # the last report asked for (tests cancel it)
        self.retranslate()

    def retranslate(self) -> None:
        self.start.setPlaceholderText(self.tr("from {format}").format(format=date_hint()))
        self.end.setPlaceholderText(self.tr("to {format}").format(format=date_hint()))
        self.show_button.setText(self.tr("&Show"))
        self.save_button.setText(self.tr("Statistics as &PDF…"))
        language = self.context.translations.language
        if language != self._language:
            self._language = language
            self._rewrite_dates()
            if self.pdf:
                self.load()  # the figures, charts and preview in the new language, not the old one

    def _rewrite_dates(self) -> None:
        """Dates the user left readable are rewritten as the new language writes them."""
        from kzdesk.core.model.fields import Problem, parse_date

        for edit in (self.start, self.end):
            try:
                parsed = parse_date(edit.text())
            except Problem:
                continue  # what the user typed stays, to be explained on Show
            if parsed.value:
                edit.setText(date_text(parsed.value))

    def load(self) -> None:
        vault, lang = self.context.vault, self.context.translations.language
        if vault is None:
            return
        start, end = self.start.text().strip(), self.end.text().strip()

        def work(operation: Operation) -> tuple[Any, bytes, list[PageImage]]:
            from kzdesk.core.errors import InputError
            from kzdesk.core.model.fields import Problem, parse_period
            from kzdesk.core.reports.period_stats import as_pdf, compute
            from kzdesk.core.reports.preview import page_images

            try:
                first, last = parse_period(start, end)
            except Problem as problem:
                raise InputError(problem.msgid, **problem.params) from None
            with operation.interruptible(vault.engine), vault.engine.connect() as conn:
                stats = compute(conn, first, last)  # the long part: a million acts take seconds
            operation.stop_if_cancelled()
            pdf = as_pdf(stats, lang)
            operation.stop_if_cancelled()
            return stats, pdf, page_images(pdf, scale=1.2)

        self.operation = Operation(self.window(), self.context, self.tr("Making the statistics report…"),
                                   cancellable=True, name="statistics_progress")
        self.operation.run(work, self._show, self.tr("The report could not be made."), self.summary.setText,
                           self._cancelled)

    def _cancelled(self) -> None:
        # The figures shown before were of another period than the one asked for: not kept beside it.
        self.clear()
        self.summary.setText(self.tr("The report was cancelled. Press Show to make it again."))

    def _show(self, result: tuple[Any, bytes, list[PageImage]]) -> None:
        stats, self.pdf, pages = result
        self.images = pages
        from kzdesk.core.reports.wording import number

        lang = self.context.translations.language
        self.summary.setText(self.tr("Acts: {acts} · persons affected: {persons} · days of arrest: {days} · "
                                     "fines: {fines} ₸").format(acts=number(stats.acts, lang),
                                                               persons=number(stats.persons, lang),
                                                               days=number(stats.arrest_days, lang),
                                                               fines=number(stats.fines_kzt, lang)))
        if stats.possible_doubles:  # the core's sentence, as the PDF below says it
            from kzdesk.core.exchange.duplicate_acts import doubles_note

            self.summary.setText(self.summary.text() + "\n" + doubles_note(stats.possible_doubles, lang))
        if self.pages is not None:
            self.pages.deleteLater()
        self.pages, self.page_labels = pages_view(pages)
        self.layout_.addWidget(self.pages)
        self.save_button.setEnabled(True)

    def _save(self) -> None:
        """The same pages in the preview dialog, with its warning, where the user saves them."""
        if self.pdf:
            ReportPreview(self, self.context, self.pdf, self.images, "statistics.pdf").open()

    def clear(self) -> None:
        """Forget the figures (on lock)."""
        self.summary.clear()
        self.pdf, self.images = b"", []
        self.save_button.setEnabled(False)
        if self.pages is not None:
            self.pages.deleteLater()
            self.pages, self.page_labels = None, []
