"""Helpers for the window tests (a helper module, not a test module: test modules import from here)."""

from __future__ import annotations

from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.wizard import FirstRunWizard


def context_idle(window: MainWindow) -> bool:
    """No background task of the window's context is still running (its results have been shown)."""
    return window.context.tasks.pending == 0


def wizard_at_profile(qtbot, context):
    """The first-run wizard shown, past its language and passphrase pages."""
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.passphrase_page.first.setText("Жаңа өмір басталды 2021")
    wizard.passphrase_page.second.setText("Жаңа өмір басталды 2021")
    wizard.next()
    return wizard
