"""Long work on a big vault shows a progress dialog with Cancel, and Cancel stops the SQL it is in.

The work is made slow deterministically: the core call is replaced by a statement that never ends by
itself (a recursive count without a limit), so only SQLite's interrupt can stop it.
"""

from __future__ import annotations

import threading
from pathlib import Path
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


def backup_window(qtbot, context, tmp_path: Path) -> tuple[MainWindow, Path]:
    window = open_window(qtbot, context)
    out = tmp_path / "stick" / "vault.kzbackup"
    out.parent.mkdir()
    return window, out


def nothing_left(context, out: Path) -> None:
    """No backup file, no half-written one beside it, no copy in the vault's partial/ folder, no date noted."""
    from kzdesk.core.vault import scratch

    assert list(out.parent.iterdir()) == []
    assert scratch.leftovers(context.vault.path) == []
    assert context.vault.last_backup() is None


def test_cancel_interrupts_the_backup_copy_and_leaves_no_file(qtbot, month_context, monkeypatch,
                                                              tmp_path: Path) -> None:
    window, out = backup_window(qtbot, month_context, tmp_path)
    entered = threading.Event()

    def endless_export(raw: Any, target: Path, _dek: bytes) -> None:
        assert target.exists()  # the copy's file in partial/, which the cancel must take away
        entered.set()
        raw.cursor().execute(ENDLESS).fetchone()  # sqlcipher_export of a 3 GB vault, as far as Cancel knows
        raise AssertionError("the endless statement ended by itself")

    monkeypatch.setattr("kzdesk.core.vault.migrate.export_into", endless_export)
    window.safety.backup_to(out)
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    button = cancel_button(window, "backup_progress")
    assert button.text() == "Cancel"
    button.click()
    qtbot.waitUntil(lambda: context_idle(window), timeout=20_000)
    assert boxes(window) == ["The backup was cancelled; no file was written."]
    nothing_left(month_context, out)
    # The window goes on: the same backup, not cancelled, is written.
    monkeypatch.undo()
    window.safety.backup_to(out)
    qtbot.waitUntil(lambda: out.exists() and context_idle(window), timeout=20_000)
    assert window.safety.last_message == "The backup was written. Keep it away from this computer."
    assert month_context.vault.last_backup() is not None


def test_cancel_pressed_between_two_statements_still_stops_the_backup(qtbot, month_context, monkeypatch,
                                                                      tmp_path: Path) -> None:
    """interrupt() stops only a running statement: a Cancel that lands between two still stops the work."""
    from kzdesk.core.vault import migrate

    window, out = backup_window(qtbot, month_context, tmp_path)
    entered, release = threading.Event(), threading.Event()
    real = migrate.export_into

    def export_after_cancel(raw: Any, target: Path, dek: bytes) -> None:
        entered.set()
        release.wait()  # Cancel is pressed here, while no statement runs
        real(raw, target, dek)

    monkeypatch.setattr("kzdesk.core.vault.migrate.export_into", export_after_cancel)
    month_context.translations.apply("ru")
    try:
        window.safety.backup_to(out)
        qtbot.waitUntil(entered.is_set, timeout=10_000)
        dialog = window.findChild(QProgressDialog, "backup_progress")
        assert dialog.labelText() == "Создаётся резервная копия…"
        button = cancel_button(window, "backup_progress")
        assert button.text() == "Отмена"
        button.click()
        release.set()
        qtbot.waitUntil(lambda: context_idle(window), timeout=20_000)
        assert boxes(window) == ["Резервное копирование отменено, файл не записан."]
    finally:
        month_context.translations.apply("en")
    nothing_left(month_context, out)


def test_cancel_stops_the_search_for_duplicates_and_says_nobody_looked(qtbot, month_context, monkeypatch) -> None:
    window = open_window(qtbot, month_context)
    page = window.duplicates_page
    entered = threading.Event()
    monkeypatch.setattr("kzdesk.core.exchange.duplicates.find_duplicates", endless(entered))
    page.load()
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    dialog = window.findChild(QProgressDialog, "duplicates_progress")
    assert dialog.labelText() == "Looking for probable duplicates…"
    cancel_button(window, "duplicates_progress").click()
    qtbot.waitUntil(lambda: context_idle(window), timeout=20_000)
    cancelled = "The search for duplicates was cancelled. Open this tab again to look."
    assert page.empty.text() == cancelled and page.acts.empty.text() == cancelled
    assert boxes(window) == [] and not page.loaded
    monkeypatch.undo()
    page.load()
    qtbot.waitUntil(lambda: context_idle(window) and page.loaded, timeout=20_000)
    assert page.empty.text().startswith("No probable duplicates") or page.model.rowCount() > 0
