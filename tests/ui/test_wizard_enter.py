"""Enter on the first-run wizard's fields moves on (Next, then Finish); it never opens the backup restore."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from kzdesk.ui.restore_dialog import RestoreDialog

from .helpers import focused, type_text, wizard_at_profile


def test_enter_on_the_last_fields_goes_on_and_finishes(qtbot, context, fast_kdf) -> None:
    wizard = wizard_at_profile(qtbot, context)
    restore = wizard.button(QWizard.WizardButton.CustomButton1)
    # Restore is never the button Enter falls back to, even after it had the focus once.
    assert not restore.autoDefault() and not restore.isDefault()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard, timeout=5_000)
    wizard.profile_page.name.setFocus()
    qtbot.waitUntil(lambda: focused() is wizard.profile_page.name, timeout=5_000)
    type_text(qtbot, "Айгүл")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, "Орал")
    while focused() is not restore:  # Tab on through the buttons to Restore, then back to the field
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    while focused() is not wizard.profile_page.city and not wizard.profile_page.city.isAncestorOf(focused()):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert not restore.isDefault()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.shares_page, timeout=5_000)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # the recovery shares offer: Finish
    qtbot.waitUntil(lambda: context.vault is not None, timeout=10_000)
    assert wizard.findChildren(RestoreDialog) == []
    assert context.vault.profile.display_name == "Айгүл" and context.vault.profile.city == "Орал"


def test_enter_on_the_passphrase_page_goes_next(qtbot, context) -> None:
    from kzdesk.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard, timeout=5_000)
    wizard.next()
    page = wizard.passphrase_page
    page.first.setText("Жаңа өмір басталды 2021")
    page.second.setFocus()
    qtbot.waitUntil(lambda: focused() is page.second, timeout=5_000)
    page.second.setText("Жаңа өмір басталды 2021")
    qtbot.keyClick(page.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.profile_page, timeout=5_000)
    assert wizard.findChildren(RestoreDialog) == []
