"""Help → User guide (PDF): the shipped guide in the window's language, handed to the PDF viewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from kzdesk.core.reports.guide import shipped_guide
from kzdesk.ui.main_window import MainWindow

from .helpers import context_idle


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    urls: list[Path] = []

    def open_url(url: QUrl) -> bool:
        urls.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr("kzdesk.ui.help_menu.QDesktopServices.openUrl", open_url)
    return urls


def test_the_guide_opens_in_the_language_of_the_window(qtbot, month_context, opened: list[Path]) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    assert window.help_menu.title() == "&Help" and window.guide.guide_action.text() == "&User guide (PDF)"
    window.guide.guide_action.trigger()
    window.set_language("kk")
    assert window.help_menu.title() == "&Анықтама"
    assert window.guide.guide_action.text() == "&Пайдаланушы нұсқаулығы (PDF)"
    window.guide.guide_action.trigger()
    assert opened == [shipped_guide("en"), shipped_guide("kk")] and all(p.is_file() for p in opened)
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)  # the backup reminder's work


def test_no_pdf_viewer_says_where_the_guide_is(qtbot, month_context, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kzdesk.ui.help_menu.QDesktopServices.openUrl", lambda url: False)
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.guide.open_guide()
    assert str(shipped_guide("en")) in window.guide.last_message
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
