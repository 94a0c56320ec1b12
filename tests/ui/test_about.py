"""Help → About shows the version and this copy's fingerprint."""

from __future__ import annotations

from kzdesk import __version__
from kzdesk.core import install
from kzdesk.ui.about import AboutDialog
from kzdesk.ui.main_window import MainWindow


def test_about_shows_version_and_fingerprint(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog, "about_dialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.fingerprint.text().split()) == 16, timeout=20_000)
    assert dialog.fingerprint.text() == install.fingerprint()
    assert any(__version__ in label.text() for label in dialog.findChildren(type(dialog.fingerprint)))
