"""First run: language, passphrase (twice, with a strength estimate and a plain warning), role, name, city,
and, optionally, recovery shares once the vault exists. Or instead: restore a vault from a backup file."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kzdesk.core.vault.strength import Verdict, judge
from kzdesk.ui.context import AppContext
from kzdesk.ui.operation import error_text
from kzdesk.ui.restore_dialog import RestoreDialog
from kzdesk.ui.settings import LANGUAGE
from kzdesk.ui.translations import NAMES
from kzdesk.ui.widgets import city_combo, named


class _Page(QWizardPage):
    """A page whose texts are set in retranslate(), so switching language relabels it at once."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise RuntimeError("each page sets its own texts")


class LanguagePage(_Page):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        for code in ("ru", "kk", "en"):
            button = QRadioButton(NAMES[code])
            button.setObjectName(f"language_{code}")
            button.setChecked(code == context.translations.language)
            button.toggled.connect(lambda on, c=code: self._switch(c) if on else None)
            self.group.addButton(button)
            layout.addWidget(button)
        self.retranslate()

    def _switch(self, code: str) -> None:
        self.context.translations.apply(code)
        self.context.settings.set(LANGUAGE, code)

    def validatePage(self) -> bool:
        # The language already ticked when the wizard opened (the system's, or --lang) is a choice too:
        # saved on Next, so the next start opens in it rather than in whatever the system says then.
        checked = self.group.checkedButton()
        if checked is not None:
            self.context.settings.set(LANGUAGE, checked.objectName().removeprefix("language_"))
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("Language"))
        self.setSubTitle(self.tr("The language of the program. It can be changed later."))


class PassphrasePage(_Page):
    """A new passphrase, twice, under the one passphrase rule of the core (core/vault/strength.py):
    the meter shows the verdict `kzdesk init`, `passwd` and `recover` give for the same words.

    `personal` gives the owner's display name and city, which the rule counts as guessed first."""

    def __init__(self, personal: Callable[[], Iterable[str]] | None = None) -> None:
        super().__init__()
        self._personal = personal or (lambda: ())
        self._judged: tuple[str, tuple[str, ...], Verdict] | None = None
        form = QFormLayout(self)
        self.first = named(QLineEdit(), "passphrase", echoMode=QLineEdit.EchoMode.Password)
        self.second = named(QLineEdit(), "passphrase_again", echoMode=QLineEdit.EchoMode.Password)
        # zxcvbn's score, 0-4; the text under it says the verdict and what would make it stronger.
        self.meter = named(QProgressBar(), "strength_meter", minimum=0, maximum=4, textVisible=False)
        self.strength = named(QLabel(), "strength", wordWrap=True)
        self.warning = named(QLabel(), "warning", wordWrap=True)
        self.first_label, self.second_label = QLabel(), QLabel()
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        form.addRow("", self.meter)
        form.addRow("", self.strength)
        form.addRow(self.warning)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Passphrase"))
        self.setSubTitle(self.tr("A passphrase of several words is easier to remember and harder to guess."))
        self.first_label.setText(self.tr("Passphrase:"))
        self.second_label.setText(self.tr("Again:"))
        self.warning.setText(self.tr("Nobody can recover a lost passphrase — not the coordinator, not the "
                                     "developers. If it is lost and there are no recovery shares, the data "
                                     "in this vault is lost."))
        self._changed()

    def verdict(self) -> Verdict:
        """The core's verdict on the first field, with the owner's words as they are now."""
        text, personal = self.first.text(), tuple(self._personal())
        if self._judged is None or self._judged[:2] != (text, personal):
            self._judged = (text, personal, judge(text, personal))
        return self._judged[2]

    def refresh(self) -> None:
        """Judge again: the owner's name or city changed."""
        self._changed()

    def _changed(self) -> None:
        verdict = self.verdict()
        # The core's text, in the language the core was switched to with the window's (Translations.apply).
        text = verdict.text() if self.first.text() else ""
        self.meter.setValue(verdict.score if self.first.text() else 0)
        if self.second.text() and self.second.text() != self.first.text():
            text += "  " + self.tr("The two passphrases differ.")
        self.strength.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.verdict().accepted and self.first.text() == self.second.text()


class ProfilePage(_Page):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        form = QFormLayout(self)
        self.role = named(QComboBox(), "role")
        self.name = named(QLineEdit(), "display_name")
        self.city = city_combo(context.translations.language)
        self.city.setObjectName("city")
        self.role_label, self.name_label, self.city_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.role_label, self.role)
        form.addRow(self.name_label, self.name)
        form.addRow(self.city_label, self.city)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("About you"))
        self.setSubTitle(self.tr("Shown to the coordinator with what you send. You may use a pseudonym."))
        current = self.role.currentIndex()
        self.role.clear()
        self.role.addItem(self.tr("Volunteer (field monitor)"), "volunteer")
        self.role.addItem(self.tr("Coordinator"), "coordinator")
        self.role.setCurrentIndex(max(current, 0))
        self.role_label.setText(self.tr("Role:"))
        self.name_label.setText(self.tr("Display name:"))
        self.city_label.setText(self.tr("City:"))


class FirstRunWizard(QWizard):
    """Creates the vault on the database thread when the user presses Finish."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("kzdesk")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.language_page = LanguagePage(context)
        self.profile_page = ProfilePage(context)  # made first: the passphrase is judged with its name and city
        self.passphrase_page = PassphrasePage(self._own_words)
        self.profile_page.name.textChanged.connect(self.passphrase_page.refresh)
        self.profile_page.city.editTextChanged.connect(self.passphrase_page.refresh)
        self.passphrase_page.completeChanged.connect(self._forget_refusal)
        self.shares_page = RecoveryOfferPage()
        self.profile_page.setFinalPage(True)  # the recovery shares page after it may be skipped
        for page in (self.language_page, self.passphrase_page, self.profile_page, self.shares_page):
            self.addPage(page)
        self.status = named(QLabel(), "status", wordWrap=True)
        self.setSideWidget(self.status)
        self._creating = False
        self.shares_wanted = False  # app.main shows the shares over the main window when this is set
        self.setOption(QWizard.WizardOption.HaveCustomButton1)  # "Restore from a backup file…"
        # Never the default button: Enter in a field goes on (Next or Finish), it does not restore.
        restore = self.button(QWizard.WizardButton.CustomButton1)
        if isinstance(restore, QPushButton):
            restore.setAutoDefault(False)
        self.customButtonClicked.connect(self._restore)
        self._retranslate_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_buttons()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter that no field took moves on: Next, or Finish on the last page; never Restore, whatever
        Qt's default-button bookkeeping last chose (a button that had the focus can keep that role)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
                button = self.button(which)
                if button.isVisible():
                    if button.isEnabled():
                        button.click()
                    event.accept()
                    return
        super().keyPressEvent(event)

    def _retranslate_buttons(self) -> None:
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Restore from a backup file…"))

    def _restore(self, _which: int) -> None:
        self.restore_dialog = RestoreDialog(self.context, self)
        self.restore_dialog.accepted.connect(self._restored)
        self.restore_dialog.open()

    def _restored(self) -> None:
        QDialog.accept(self)  # the vault came from the backup (context.vault): nothing to create

    def _own_words(self) -> tuple[str, str]:
        return self.profile_page.name.text(), self.profile_page.city.currentText()

    def _passphrase_still_fits(self) -> bool:
        """The name and city come after the passphrase and may make it guessable: then back to it,
        where the meter says why."""
        self.passphrase_page.refresh()
        if self.passphrase_page.isComplete():
            return True
        while self.currentPage() is not self.passphrase_page and self.currentId() > 0:
            self.back()
        self.status.setText(self._refusal())
        return False

    def _refusal(self) -> str:
        return self.tr("Choose another passphrase: with your name and city it is too easy to guess.")

    def _forget_refusal(self) -> None:
        if self.passphrase_page.isComplete() and self.status.text() == self._refusal():
            self.status.clear()

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is self.profile_page and not self._passphrase_still_fits():
            return False
        return super().validateCurrentPage()

    def accept(self) -> None:
        if self._creating or not self._passphrase_still_fits():
            return
        from kzdesk.core.model.vault import Profile, Vault

        profile = Profile(self.profile_page.role.currentData(), self.profile_page.name.text().strip(),
                          self.profile_page.city.currentText().strip())
        secret = self.passphrase_page.first.text()
        path = self.context.vault_path
        self._creating = True
        self.status.setText(self.tr("Creating the vault…"))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.context.tasks.run(lambda: Vault.create(path, secret, profile), self._created, self._failed)

    def _created(self, vault: object) -> None:
        from kzdesk.core.model.vault import Vault

        assert isinstance(vault, Vault)
        self.context.vault = vault
        self.shares_wanted = self.shares_page.wanted.isChecked()
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self._creating = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        message = error_text(error, type(error).__name__)
        self.status.setText(self.tr("The vault was not created: {reason}").format(reason=message))


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
