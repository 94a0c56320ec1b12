"""Recovery shares on screen (File → Recovery shares…, or at the end of the first run).

It says plainly what the shares are, then shows the three one at a time, words in a numbered grid
and the same words as a QR code painted from core's module matrix. "Save as PDF to print…" writes
one share to one file the user names, under a warning that the file is not encrypted; nothing else
is written. The shares live only in this dialog: closing (or locking, which closes it) forgets them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QCloseEvent, QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.operation import error_text
from kzdesk.ui.widgets import mono_font, named

if TYPE_CHECKING:
    pass

WORDS = 33
ROWS = 11
WARNING_STYLE = "color: #a00000; font-weight: bold"


class QrView(QWidget):
    """A QR code painted with QPainter from the same matrix the PDF draws: one pixel per module in
    an image made once, scaled up by whole pixels without smoothing so the edges stay sharp. (One
    drawImage per paint rather than a fillRect per module: fewer calls, and PySide6 6.12 on
    Python 3.11 drops a reference to None on every call of a method returning nothing.)"""

    BORDER = 4  # the quiet zone scanners need, in modules

    def __init__(self) -> None:
        super().__init__()
        self.modules: list[list[bool]] = []
        self.image = QImage()
        self.setMinimumSize(240, 240)

    def set_text(self, text: str) -> None:
        from kzdesk.core.reports.qr import qr_modules

        self.modules = qr_modules(text) if text else []
        size = len(self.modules)
        pixels = bytes(0 if dark else 255 for row in self.modules for dark in row)
        self.image = (QImage(pixels, size, size, size, QImage.Format.Format_Grayscale8).copy() if size
                      else QImage())
        self.update()

    def module_box(self) -> tuple[int, int, int]:
        """(left, top, module size) in pixels of the first module."""
        count = len(self.modules) + 2 * self.BORDER
        box = max(1, min(self.width(), self.height()) // count)
        left = (self.width() - box * count) // 2 + self.BORDER * box
        top = (self.height() - box * count) // 2 + self.BORDER * box
        return left, top, box

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.modules:
            left, top, box = self.module_box()
            size = len(self.modules) * box
            painter.drawImage(QRect(left, top, size, size), self.image)
        painter.end()


class SharesDialog(QDialog):
    """First what shares are, then share 1, 2 and 3 of 3, each with "Save as PDF to print…"."""

    def __init__(self, parent: QWidget, context: AppContext, shares: list[str]) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_shares")
        self.setWindowTitle("kzdesk")  # never a secret in a title: titles end up in task switchers
        self.context, self.shares = context, list(shares)
        self.index = 0  # 0: the explanation; 1…3: a share
        self.saved: list[str] = []
        self.message = ""
        self.heading = named(QLabel(), "shares_heading", wordWrap=True)
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = named(QLabel(), "shares_intro", wordWrap=True,
                           alignment=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint = named(QLabel(), "share_hint", wordWrap=True)
        self.words: list[QLabel] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        for n in range(WORDS):
            word = named(QLabel(), f"word_{n + 1}", font=mono_font(15))
            grid.addWidget(word, n % ROWS, n // ROWS)
            self.words.append(word)
        self.qr = named(QrView(), "share_qr")
        self.qr_caption = named(QLabel(), "share_qr_caption", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        qr_column = QVBoxLayout()
        qr_column.addWidget(self.qr)
        qr_column.addWidget(self.qr_caption)
        qr_column.addStretch()
        share_row = QHBoxLayout()
        share_row.addLayout(grid)
        share_row.addSpacing(24)
        share_row.addLayout(qr_column)
        share_page = QWidget()
        share_layout = QVBoxLayout(share_page)
        share_layout.addWidget(self.hint)
        share_layout.addLayout(share_row)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.intro)
        self.stack.addWidget(share_page)
        self.warning = named(QLabel(), "shares_warning", wordWrap=True, styleSheet=WARNING_STYLE)
        self.back_button = named(QPushButton(), "shares_back")
        self.next_button = named(QPushButton(), "shares_next")
        self.save_button = named(QPushButton(), "shares_save_pdf")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.save_button, self.back_button, self.next_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(lambda: self.show_page(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.index + 1))
        self.save_button.clicked.connect(self._ask_pdf)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.show_page(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_page(self.index)
        super().changeEvent(event)

    def show_page(self, index: int) -> None:
        if not self.shares:
            return  # closed: nothing left to show
        self.index = max(0, min(index, len(self.shares)))
        self.back_button.setText(self.tr("&Back"))
        self.next_button.setText(self.tr("&Next share") if self.index else self.tr("&Show the shares"))
        self.save_button.setText(self.tr("&Save as PDF to print…"))
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.shares))
        self.save_button.setVisible(self.index > 0)
        self.warning.setText(self.message or self.tr(
            "A saved PDF is not encrypted: send it straight to a printer, or to a USB stick kept apart from "
            "this computer and from the other shares, then delete it here."))
        if self.index == 0:
            self.heading.setText(self.tr("Recovery shares"))
            self.intro.setText(self.tr(
                "Recovery shares open this vault if the passphrase is ever forgotten. kzdesk splits the "
                "vault's key into three shares of 33 words: any two of them open the vault, one alone "
                "reveals nothing.\n\nWrite each share on paper, or save it as a PDF to print, and give "
                "the three to different people you trust, or keep them in different places — never with "
                "this computer. Anyone who has two shares and a copy of the vault can read it.\n\n"
                "These three belong together. Shares made at another time are a different set: they do "
                "not combine with these, though each set keeps working on its own."))
            self.stack.setCurrentIndex(0)
            return
        share = self.shares[self.index - 1]
        self.heading.setText(self.tr("Share {n} of {count}").format(n=self.index, count=len(self.shares)))
        self.hint.setText(self.tr("Copy the words in order, numbers included, or save this share as a PDF. "
                                  "Then give it to one person, or keep it in one place."))
        for number, (label, word) in enumerate(zip(self.words, share.split(), strict=False), 1):
            label.setText(f"{number:>2}. {word}")
        from kzdesk.core.reports.shares import qr_text

        self.qr.set_text(qr_text(share))
        self.qr_caption.setText(self.tr("The same words as a QR code"))
        self.stack.setCurrentIndex(1)

    # --- saving ----------------------------------------------------------------------------------
    def _ask_pdf(self) -> None:
        number = self.index
        path = file_dialogs.save_file(self, self.tr("Save share {n} as PDF").format(n=number),
                                      f"share-{number}.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.save_pdf(number, path)

    def save_pdf(self, number: int, path: str) -> None:
        """Write share `number` (1…3) alone to one PDF, on the database thread."""
        if not 1 <= number <= len(self.shares):
            return
        from kzdesk.core.files import write_output
        from kzdesk.core.reports.shares import share_pdf

        share, lang = self.shares[number - 1], self.context.translations.language
        self.context.tasks.run(lambda: write_output(Path(path), share_pdf(share, number, lang)),
                               lambda _: self._saved(number, path), self._failed, owner=self)

    def _saved(self, number: int, path: str) -> None:
        self.saved.append(path)
        self._tell(self.tr("Share {n} was saved. The file is not encrypted: print it or move it to its own "
                           "USB stick now, then delete it from this computer.").format(n=number))

    def _failed(self, error: BaseException) -> None:
        self._tell(error_text(error, self.tr("The share was not saved.")))

    def _tell(self, text: str) -> None:
        self.message = text
        self.warning.setText(text)

    # --- forgetting ------------------------------------------------------------------------------
    def _forget(self) -> None:
        self.shares = []
        for label in self.words:
            label.clear()
        self.qr.set_text("")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._forget()
        super().closeEvent(event)

    def done(self, result: int) -> None:  # Escape: gone as surely as by Close
        self._forget()
        super().done(result)
