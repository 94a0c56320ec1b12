"""Long work on a big vault shows a progress dialog with Cancel, and Cancel stops the SQL it is in.

The work is made slow deterministically: the core call is replaced by a statement that never ends by
itself (a recursive count without a limit), so only SQLite's interrupt can stop it.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from kzdesk.ui.main_window import MainWindow

from .helpers import context_idle

ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"


def endless(entered: threading.Event) -> Any:
    """A stand-in for a core call on a SQLAlchemy connection that runs until it is interrupted."""

    def call(conn: Any, *_args: Any, **_kwargs: Any) -> Any:
        entered.set()
        conn.exec_driver_sql(ENDLESS).scalar()
        raise AssertionError("the endless statement ended by itself")

    return call


def boxes(window: MainWindow) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox) if box.isVisible()]


def cancel_button(window: MainWindow, name: str) -> QPushButton:
    dialog = window.findChild(QProgressDialog, name)
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None
    return button


def open_window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    return window


def test_cancel_stops_the_statistics_report_and_the_window_goes_on(qtbot, month_context, monkeypatch) -> None:
    window = open_window(qtbot, month_context)
    dashboard = window.dashboard
    dashboard.start.setText("01.12.2021")
    dashboard.end.setText("31.12.2021")
    entered = threading.Event()
    monkeypatch.setattr("kzdesk.core.reports.period_stats.compute", endless(entered))
    dashboard.load()
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    button = cancel_button(window, "statistics_progress")
    assert button.text() == "Cancel"
    assert window.findChild(QProgressDialog, "statistics_progress").labelText() == "Making the statistics report…"
    button.click()
    qtbot.waitUntil(lambda: context_idle(window), timeout=20_000)
    assert dashboard.summary.text() == "The report was cancelled. Press Show to make it again."
    assert boxes(window) == []  # cancelled is not a failure
    assert not dashboard.pdf and not dashboard.save_button.isEnabled()
    # The connection was interrupted, not broken: the same report, not cancelled, is made.
    monkeypatch.undo()
    dashboard.load()
    qtbot.waitUntil(lambda: context_idle(window) and bool(dashboard.pdf), timeout=30_000)
    assert dashboard.summary.text().startswith("Acts: ")
    assert dashboard.save_button.isEnabled()


def test_the_statistics_dialog_speaks_the_users_language(qtbot, month_context, monkeypatch) -> None:
    window = open_window(qtbot, month_context)
    entered = threading.Event()
    monkeypatch.setattr("kzdesk.core.reports.period_stats.compute", endless(entered))
    month_context.translations.apply("kk")
    try:
        window.dashboard.load()
        qtbot.waitUntil(entered.is_set, timeout=10_000)
        dialog = window.findChild(QProgressDialog, "statistics_progress")
        button = cancel_button(window, "statistics_progress")
        assert button.text() == "Бас тарту"
        assert dialog.labelText() != "Making the statistics report…" and dialog.labelText().endswith("…")
        button.click()
        qtbot.waitUntil(lambda: context_idle(window), timeout=20_000)
        said = window.dashboard.summary.text()
        assert said and said != "The report was cancelled. Press Show to make it again."
    finally:
        month_context.translations.apply("en")
