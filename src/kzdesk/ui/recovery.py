"""Recovery shares and restoring in the window: for the day the passphrase is forgotten or the
laptop is gone.

- SharesDialog (File → Recovery shares…, or at the end of the first run): says plainly what the
  shares are, then shows the three one at a time, words in a numbered grid and the same words as
  a QR code painted from core's module matrix. "Save as PDF to print…" writes one share to one
  file the user names, under a warning that the file is not encrypted; nothing else is written.
  The shares live only in this dialog: closing (or locking, which closes it) forgets them.
- RecoverDialog ("Forgot the passphrase?" on the unlock dialog): two shares typed or loaded from
  .txt files open the vault with the key they give, then a new passphrase is set twice, with the
  wizard's strength meter; nothing is written until the new passphrase is.
- RestoreDialog (first run, "Restore from a backup file…"): a backup file and its passphrase
  become the vault in the empty vault folder, opened and checked before the window shows it.
- RecoveryOfferPage: the optional last page of the first-run wizard.

All vault work runs on the database thread (context.tasks); the modules that pull in reportlab or
the vault are imported when first needed, so the unlock dialog still opens fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QCloseEvent, QColor, QFont, QFontDatabase, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from kzdesk.core.errors import KzdeskError, PassphraseError
from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext
from kzdesk.ui.widgets import named
from kzdesk.ui.wizard import PassphrasePage

if TYPE_CHECKING:
    from kzdesk.core.model.vault import Vault

WORDS = 33
ROWS = 11
MAX_SHARE_FILE = 64 * 1024  # a share file holds some 250 bytes; anything far larger is the wrong file
WARNING_STYLE = "color: #a00000; font-weight: bold"


def _message(error: BaseException, fallback: str) -> str:
    return error.message() if isinstance(error, KzdeskError) else fallback


def _mono(points: int) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(points)
    return font


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
            word = named(QLabel(), f"word_{n + 1}", font=_mono(15))
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
        self._tell(_message(error, self.tr("The share was not saved.")))

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


class RecoverDialog(QDialog):
    """Two shares → the vault opens with their key → a new passphrase, twice → unlocked."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recover_dialog")
        self.setWindowTitle("kzdesk")
        self.context = context
        self.vault: Vault | None = None  # open with the recovered key, until the new passphrase is set
        self.working = False  # while the worker has our request, Cancel and Escape wait
        self.intro = named(QLabel(), "recover_intro", wordWrap=True)
        self.share_labels: list[QLabel] = []
        self.share_edits: list[QPlainTextEdit] = []
        self.load_buttons: list[QPushButton] = []
        shares_page = QWidget()
        shares_layout = QVBoxLayout(shares_page)
        shares_layout.addWidget(self.intro)
        for n in (1, 2):
            label = QLabel()
            edit = named(QPlainTextEdit(), f"share_{n}", tabChangesFocus=True, font=_mono(11))
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            load = named(QPushButton(), f"load_share_{n}")
            load.clicked.connect(lambda _=False, e=edit: self._ask_file(e))
            row = QHBoxLayout()
            row.addWidget(label)
            row.addStretch()
            row.addWidget(load)
            shares_layout.addLayout(row)
            shares_layout.addWidget(edit)
            self.share_labels.append(label)
            self.share_edits.append(edit)
            self.load_buttons.append(load)
        self.passphrase_intro = named(QLabel(), "new_passphrase_intro", wordWrap=True)
        self.passphrase_page = PassphrasePage()
        self.passphrase_page.warning.hide()  # the wizard's "nobody can recover it" is not the point here
        self.passphrase_page.completeChanged.connect(self._update_buttons)
        new_page = QWidget()
        new_layout = QVBoxLayout(new_page)
        new_layout.addWidget(self.passphrase_intro)
        new_layout.addWidget(self.passphrase_page)
        new_layout.addStretch()
        self.stack = QStackedWidget()
        self.stack.addWidget(shares_page)
        self.stack.addWidget(new_page)
        self.message = named(QLabel(), "recover_message", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("recover_ok")
        self.buttons.accepted.connect(self._next)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(620, 420)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Forgot the passphrase? Two of the three recovery shares open the vault again. Type the words "
            "of two different shares (in order, separated by spaces), or load the text files kzdesk wrote."))
        for n, (label, load) in enumerate(zip(self.share_labels, self.load_buttons, strict=True), 1):
            label.setText(self.tr("Share {n}:").format(n=n))
            load.setText(self.tr("Load from a file…"))
        self.passphrase_intro.setText(self.tr(
            "The shares fit: the vault is open. Choose a new passphrase and type it twice. The recovery "
            "shares stay valid."))
        self._update_buttons()

    # --- the shares ------------------------------------------------------------------------------
    def _ask_file(self, edit: QPlainTextEdit) -> None:
        path = file_dialogs.open_file(self, self.tr("Load a recovery share"),
                                      self.tr("Text files (*.txt);;All files (*)"))
        if path:
            self.load_file(edit, Path(path))

    def load_file(self, edit: QPlainTextEdit, path: Path) -> None:
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_SHARE_FILE + 1)
            if len(data) > MAX_SHARE_FILE:
                raise ValueError
            edit.setPlainText(" ".join(data.decode("utf-8").split()))
            self.message.clear()
        except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
            self.message.setText(self.tr("{path} does not hold a recovery share.").format(path=path.name))

    def _next(self) -> None:
        if self.vault is None:
            self._check()
        else:
            self._set_passphrase()

    def _check(self) -> None:
        from kzdesk.core.model.vault import Vault

        shares = [edit.toPlainText() for edit in self.share_edits]
        path, tasks = self.context.vault_path, self.context.tasks
        self._busy(self.tr("Checking the shares…"))

        def opened(vault: Vault) -> None:
            if not shiboken6.isValid(self):  # the dialog went away meanwhile: so does the vault
                tasks.run(vault.close)
                return
            self._opened(vault)

        tasks.run(lambda: Vault.open_with_shares(path, shares), opened, self._failed, owner=self)

    def _opened(self, vault: Vault) -> None:
        self.working = False
        self.vault = vault
        for edit in self.share_edits:
            edit.clear()
        self.stack.setCurrentIndex(1)
        self.message.clear()
        self.buttons.setEnabled(True)
        self._update_buttons()
        self.passphrase_page.first.setFocus()

    # --- the new passphrase ----------------------------------------------------------------------
    def _set_passphrase(self) -> None:
        vault = self.vault
        if vault is None or not self.passphrase_page.isComplete():
            return
        from kzdesk.core.model.textindex import prepare
        from kzdesk.core.vault.keyslots import check_passphrase

        secret = self.passphrase_page.first.text()

        def work() -> None:
            check_passphrase(secret)
            vault.change_passphrase(secret)
            prepare()  # as an ordinary unlock does, so the first search is quick

        tasks = self.context.tasks

        def done(_: None) -> None:
            if not shiboken6.isValid(self):
                tasks.run(vault.close)
                return
            self._done(vault)

        self._busy(self.tr("Setting the new passphrase…"))
        tasks.run(work, done, self._failed, owner=self)

    def _done(self, vault: Vault) -> None:
        self.working = False
        self.context.vault, self.vault = vault, None
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()
        self.accept()

    # --- either step -----------------------------------------------------------------------------
    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.buttons.setEnabled(True)
        self._update_buttons()
        self.message.setText(_message(error, self.tr("That did not work ({kind}). Nothing was changed.")
                                      .format(kind=type(error).__name__)))

    def _busy(self, text: str) -> None:
        self.working = True
        self.message.setText(text)
        self.buttons.setEnabled(False)

    def _update_buttons(self) -> None:
        if self.vault is None:
            self.ok.setText(self.tr("&Check the shares"))
            self.ok.setEnabled(True)
        else:
            self.ok.setText(self.tr("&Set the new passphrase"))
            self.ok.setEnabled(self.passphrase_page.isComplete())

    def reject(self) -> None:
        """Cancel: the vault opened with the shares is closed again, its passphrase unchanged."""
        if self.working:
            return
        vault, self.vault = self.vault, None
        if vault is not None:
            self.context.tasks.run(vault.close)
        for edit in self.share_edits:
            edit.clear()
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()
        super().reject()


class RestoreDialog(QDialog):
    """A backup file and the passphrase it was made under → the vault, opened and checked."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle("kzdesk")
        self.context = context
        self.working = False
        self.intro = named(QLabel(), "restore_intro", wordWrap=True)
        self.file_label, self.passphrase_label = QLabel(), QLabel()
        self.file = named(QLineEdit(), "backup_file")
        self.choose = named(QPushButton(), "choose_backup")
        self.choose.clicked.connect(self._ask_file)
        self.passphrase = named(QLineEdit(), "backup_passphrase", echoMode=QLineEdit.EchoMode.Password)
        self.message = named(QLabel(), "restore_message", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("restore_ok")
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.file_label)
        layout.addLayout(file_row)
        layout.addWidget(self.passphrase_label)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.message)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(560, 300)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Bring back a vault from a backup file (made with File → Back up to a file). It opens with the "
            "passphrase that was in use when the backup was taken."))
        self.file_label.setText(self.tr("Backup file:"))
        self.choose.setText(self.tr("C&hoose…"))
        self.passphrase_label.setText(self.tr("Its passphrase:"))
        self.ok.setText(self.tr("&Restore"))

    def _ask_file(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Restore from a backup file"),
                                      self.tr("kzdesk backups (*.kzbackup *.zip);;All files (*)"))
        if path:
            self.file.setText(path)

    def restore(self) -> None:
        source, secret = self.file.text().strip(), self.passphrase.text()
        if not source:
            self.message.setText(self.tr("Choose the backup file first."))
            return
        if not secret:
            self.message.setText(self.tr("Type the backup's passphrase first."))
            return
        from kzdesk.core.files import read_input
        from kzdesk.core.model.textindex import prepare
        from kzdesk.core.model.vault import Vault
        from kzdesk.core.vault.backup_file import restore_vault

        target = self.context.vault_path

        def work() -> Vault:
            vault = restore_vault(read_input(Path(source)), target, lambda: secret, Vault)
            prepare()
            return vault

        tasks = self.context.tasks

        def restored(vault: Vault) -> None:
            if not shiboken6.isValid(self):  # the wizard went away meanwhile: the folder keeps the vault
                tasks.run(vault.close)
                return
            self._restored(vault)

        self.message.setText(self.tr("Restoring and checking the vault…"))
        self._busy(True)
        tasks.run(work, restored, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        self.working = busy
        for widget in (self.buttons, self.choose, self.file, self.passphrase):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if not self.working:
            super().reject()

    def _restored(self, vault: Vault) -> None:
        self._busy(False)
        self.passphrase.clear()
        self.context.vault = vault
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.passphrase.clear()
        if isinstance(error, PassphraseError):
            text = self.tr("That passphrase did not open the backup. It needs the passphrase that was in use "
                           "when the backup was taken. Nothing was restored.")
        else:
            text = _message(error, self.tr("The backup could not be restored ({kind}). Nothing was restored.")
                            .format(kind=type(error).__name__))
        self.message.setText(text)


class RecoveryOfferPage(QWizardPage):
    """The first run's optional last page: recovery shares now, or later from the File menu."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.text = named(QLabel(), "shares_offer", wordWrap=True)
        self.wanted = named(QCheckBox(), "make_shares", checked=True)
        layout.addWidget(self.text)
        layout.addWidget(self.wanted)
        layout.addStretch()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Recovery shares (optional)"))
        self.setSubTitle(self.tr("A way back in if the passphrase is ever forgotten."))
        self.text.setText(self.tr(
            "kzdesk can split the vault's key into three recovery shares to write down or print. Any two "
            "of them open the vault without the passphrase; one alone reveals nothing. Give them to "
            "different people you trust.\n\nYou can also make them later: File → Recovery shares…"))
        self.wanted.setText(self.tr("Show my recovery shares as soon as the vault is ready"))
