"""Long operations in the window: one progress dialog, Cancel that stops before the next bundle, and
failures said in the user's words, never with an exception's text."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import BundleStatus, import_bundles
from kzdesk.core.model.vault import Vault
from kzdesk.ui.main_window import MainWindow

from ..vaults import introduce, make_vault, record_case
from .helpers import context_idle


def bundles_for(coordinator_path: Path, tmp_path: Path, count: int) -> tuple[Vault, list[Path]]:
    """A coordinator's vault, and a bundle from each of COUNT volunteers made for it."""
    coordinator = make_vault(coordinator_path, "coordinator", "C")
    made = []
    for i in range(count):
        volunteer = make_vault(tmp_path / f"v{i}", "volunteer", f"V{i}")
        introduce(volunteer, coordinator)
        introduce(coordinator, volunteer)
        record_case(volunteer, f"Ерлан Тест{i}", "almaty", f"2022-01-0{i + 1}", "public")
        export_bundle(volunteer, tmp_path / f"{i}.kzb")
        made.append(tmp_path / f"{i}.kzb")
        volunteer.close()
    return coordinator, made


def boxes(window: MainWindow) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_cancel_stops_a_bundle_import_before_the_next_bundle(qtbot, context, tmp_path: Path) -> None:
    context.vault_path = tmp_path / "coordinator"
    context.vault, paths = bundles_for(context.vault_path, tmp_path, 3)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    gate = threading.Event()
    context.tasks.run(gate.wait)  # the database thread is busy: the import waits behind this
    window.bundles.import_files([str(p) for p in paths])
    dialog = window.findChild(QProgressDialog, "import_progress")
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()  # pressed before the first bundle was read
    gate.set()
    qtbot.waitUntil(lambda: context_idle(window), timeout=20_000)
    assert window.bundles.import_report == []
    assert any("3 bundles not read" in text for text in boxes(window)), boxes(window)
    with context.vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM bundle_log").scalar() == 0
    # Not cancelled, the same files all merge, in the CLI's grouped transactions.
    window.bundles.import_files([str(p) for p in paths])
    qtbot.waitUntil(lambda: len(window.bundles.import_report) == 3 and context_idle(window), timeout=20_000)
    assert [o.status for o in window.bundles.import_report] == [BundleStatus.MERGED] * 3
    assert window.bundles.operation is not None and window.bundles.operation.total == 3


def test_core_import_stops_where_cancelled_and_keeps_what_merged(tmp_path: Path) -> None:
    coordinator, paths = bundles_for(tmp_path / "coordinator", tmp_path, 3)
    seen: list[tuple[int, int]] = []
    outcomes = import_bundles(coordinator, paths, lambda done, total: seen.append((done, total)),
                              lambda: len(seen) >= 2)
    assert [o.status for o in outcomes] == [BundleStatus.MERGED] * 2 and seen == [(1, 3), (2, 3)]
    with coordinator.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM bundle_log WHERE status = 'merged'").scalar() == 2
    coordinator.close()


def test_a_failure_is_said_in_the_users_words_without_the_exception_text(qtbot, month_context, monkeypatch,
                                                                          tmp_path: Path) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("Ерлан Тестов, ул. Абая 12")  # an unexpected error that carries case data

    monkeypatch.setattr("kzdesk.core.exchange.importing.import_bundles", broken)
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    (tmp_path / "a.kzb").write_bytes(b"not a bundle")
    window.bundles.import_files([str(tmp_path / "a.kzb")])
    qtbot.waitUntil(lambda: context_idle(window) and bool(boxes(window)), timeout=10_000)
    assert boxes(window) == ["The bundles could not be imported."]
    assert window.findChild(QProgressDialog, "import_progress") is None or \
        not window.findChild(QProgressDialog, "import_progress").isVisible()
    # A kzdesk error keeps its own message, in the user's language.
    monkeypatch.undo()
    month_context.translations.apply("ru")
    try:
        window.bundles.import_files([str(tmp_path / "a.kzb")])
        qtbot.waitUntil(lambda: context_idle(window) and len(window.bundles.import_report) == 1, timeout=10_000)
        report = window.bundles.import_report[0]
        assert report.status == BundleStatus.REJECTED
        assert any("отклонён" in text for text in boxes(window)), boxes(window)
    finally:
        month_context.translations.apply("en")
