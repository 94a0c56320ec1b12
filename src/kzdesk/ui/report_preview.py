"""A report shown page by page before it is saved, with a plain warning that the saved PDF is not
encrypted. The PDF lives only in this dialog's memory; locking the window closes the dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.operation import error_text
from kzdesk.ui.screen import fit_to_screen
from kzdesk.ui.widgets import named

if TYPE_CHECKING:
    from kzdesk.core.reports.preview import PageImage


def pages_view(pages: list[PageImage]) -> tuple[QScrollArea, list[QLabel]]:
    """Rendered pages one under the other in a scroll area."""
    column = QWidget()
    layout = QVBoxLayout(column)
    labels = []
    for page in pages:
        image = QImage(page.rgb, page.width, page.height, page.width * 3, QImage.Format.Format_RGB888).copy()
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(image))
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(label)
        labels.append(label)
    scroll = QScrollArea()
    scroll.setWidget(column)
    scroll.setWidgetResizable(True)
    return scroll, labels


class ReportPreview(QDialog):
    """Pages as images, "Save as PDF…" and "Close"; for a case summary, a choice to save it as an
    archival PDF/A-2b file (archival: makes those bytes, on the worker thread, when saving)."""

    def __init__(self, parent: QWidget, context: AppContext, pdf: bytes, pages: list[PageImage],
                 file_name: str, archival: Callable[[], bytes] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_preview")
        self.setWindowTitle("kzdesk")  # never case data in a title: titles end up in task switchers
        self.context, self.pdf, self.file_name, self.archival = context, pdf, file_name, archival
        self.saved_to: str | None = None
        self.message = ""
        self.warning = named(QLabel(), "preview_warning", wordWrap=True)
        self.warning.setText(self.tr("Preview. The saved PDF will not be encrypted: anyone who gets the file can "
                                     "read it. Save it only where the case files are kept safe."))
        self.warning.setStyleSheet("color: #a00000; font-weight: bold")
        scroll, self.page_labels = pages_view(pages)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = named(QPushButton(self.tr("&Save as PDF…")), "save_pdf")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self._ask_path)
        buttons.rejected.connect(self.close)
        self.archival_box = named(QCheckBox(self.tr("&Archival PDF (PDF/A-2b), for a court's records")),
                                  "archival_pdf")
        self.archival_box.setHidden(archival is None)  # in a layout below, before the dialog is shown
        self.archival_box.setToolTip(self.tr("The same pages, in the form courts and archives keep for decades: "
                                             "it describes itself and looks the same in any reader."))
        row = QHBoxLayout()
        row.addWidget(self.archival_box)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(scroll)
        layout.addLayout(row)
        # Tab goes as the row reads: the pages, the box, Save, Close (the box added Close first).
        QWidget.setTabOrder(scroll, self.archival_box)
        QWidget.setTabOrder(self.archival_box, self.save_button)
        QWidget.setTabOrder(self.save_button, buttons.button(QDialogButtonBox.StandardButton.Close))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, QSize(760, 900))  # the pages scroll; the warning and the buttons stay on screen

    def _ask_path(self) -> None:
        path = file_dialogs.save_file(self, self.tr("Save the report"), self.file_name, self.tr("PDF files (*.pdf)"))
        if path:
            self.save(path)

    def save(self, path: str) -> None:
        from pathlib import Path

        from kzdesk.core.files import write_output

        data, archival = self.pdf, self.archival if self.archival_box.isChecked() else None
        self.context.tasks.run(lambda: write_output(Path(path), archival() if archival else data),
                               lambda _: self._saved(path), self._failed, owner=self)

    def _saved(self, path: str) -> None:
        self.saved_to = path
        self.message = self.tr("Saved. The file is not encrypted.")
        self.warning.setText(self.message)

    def _failed(self, error: BaseException) -> None:
        self.message = error_text(error, self.tr("The report was not saved."))
        self.warning.setText(self.message)

    def closeEvent(self, event: object) -> None:
        self.pdf, self.archival = b"", None  # drop the report's bytes (and what made them) as soon as the window goes
        super().closeEvent(event)  # type: ignore[arg-type]
