"""The coordinator's duplicates queue: both chronologies side by side, and decisions that stick."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from kzdesk.core.model.vault import Vault
from kzdesk.ui.main_window import MainWindow

from ..vaults import PASSPHRASE, record_case
from .helpers import context_idle


def test_review_queue_merges_links_and_separates(qtbot, context, vault_path) -> None:
    context.vault_path = vault_path
    context.vault = vault = Vault.open(vault_path, PASSPHRASE)
    kept = record_case(vault, "Жақсылықов Ерлан", "Oral", "2021-12-05", "public")
    merged = record_case(vault, "Zhaksylykov Erlan", "Oral", "2021-12-16", "public")
    record_case(vault, "Серікбаева Айгүл", "Almaty", "2021-12-06", "public")
    record_case(vault, "Serikbayeva Aigul", "Almaty", "2021-12-07", "public")
    record_case(vault, "Ли Анна", "Almaty", "2021-12-08", "public")
    record_case(vault, "Li Anna", "Aktobe", "2021-12-09", "public")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    page = window.duplicates_page
    window.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: window.duplicates_page.model.rowCount() == 3 and context_idle(window), timeout=10_000)
    assert page.merge_button.isEnabled()
    row = next(i for i, p in enumerate(window.duplicates_page.model.rows) if {p.a, p.b} == {kept, merged})
    page.view.selectRow(row)
    qtbot.waitUntil(lambda: page.left.rowCount() == 1 and page.right.rowCount() == 1 and context_idle(window),
                    timeout=10_000)
    pair = page.current()
    assert pair is not None and {pair.name_a, pair.name_b} == {"Жақсылықов Ерлан", "Zhaksylykov Erlan"}
    assert page.left_name.text() == pair.name_a
    # Merging asks first; Cancel stores nothing.
    page.merge_button.click()
    box = page.findChild(QMessageBox, "merge_confirmation")
    assert box is not None and pair.name_b in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert window.duplicates_page.model.rowCount() == 3
    page.merge_button.click()
    box = page.findChild(QMessageBox, "merge_confirmation")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.duplicates_page.model.rowCount() == 2 and context_idle(window), timeout=10_000)
    with vault.engine.connect() as conn:
        gone = conn.exec_driver_sql("SELECT deleted FROM person WHERE uuid = ?", (pair.b,)).scalar()
        acts = conn.exec_driver_sql("SELECT count(*) FROM act WHERE person = ? AND deleted = 0", (pair.a,)).scalar()
    assert gone == 1 and acts == 2
    # The next pair is selected by itself; link it, then mark the last one as different people.
    qtbot.waitUntil(lambda: page.current() is not None, timeout=10_000)
    page.link_button.click()
    qtbot.waitUntil(lambda: window.duplicates_page.model.rowCount() == 1 and context_idle(window), timeout=10_000)
    page.different_button.click()
    qtbot.waitUntil(lambda: window.duplicates_page.model.rowCount() == 0 and context_idle(window), timeout=10_000)
    assert not page.merge_button.isEnabled() and page.left.rowCount() == 0
    with vault.engine.connect() as conn:
        made = sorted(r[0] for r in conn.exec_driver_sql("SELECT decision FROM link"))
    assert made == ["different", "same", "same"]
    window.lock()
    assert page.left_name.text() == "" and window.duplicates_page.model.rowCount() == 0


def test_receipt_written_by_the_coordinator_lets_the_volunteer_erase(qtbot, context, tmp_path) -> None:
    from kzdesk.core.exchange.exporting import export_bundle

    from ..vaults import import_bundle, introduce, make_vault

    coordinator = make_vault(tmp_path / "c", "coordinator", "Almaty")
    volunteer = make_vault(tmp_path / "v", "volunteer", "Oral")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    record_case(volunteer, "Жақсылықов Ерлан", "Oral", "2021-12-05", "public")
    export_bundle(volunteer, tmp_path / "b.kzb")
    assert import_bundle(coordinator, tmp_path / "b.kzb").status == "merged"
    context.vault_path, context.vault = coordinator.path, coordinator
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    receipts = window.receipts
    receipts.write_for("f" * 32, tmp_path / "none.kzr")  # a key that sent nothing: a clear refusal
    qtbot.waitUntil(lambda: context_idle(window) and receipts.last_message != "", timeout=10_000)
    assert "No bundles" in receipts.last_message and not (tmp_path / "none.kzr").exists()
    receipts.write_for(volunteer.identity.key_id, tmp_path / "r.kzr")
    qtbot.waitUntil(lambda: context_idle(window) and (tmp_path / "r.kzr").exists(), timeout=10_000)
    # The same window, now on the volunteer's laptop.
    context.vault_path, context.vault = volunteer.path, volunteer
    receipts.check(tmp_path / "b.kzb")  # not a receipt
    qtbot.waitUntil(lambda: context_idle(window) and "not a receipt" in receipts.last_message, timeout=10_000)
    receipts.check(tmp_path / "r.kzr")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "purge_confirmation") is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "purge_confirmation")
    assert "5 records" in box.text()  # person, event, act, source, citation
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: context_idle(window) and "erased" in receipts.last_message, timeout=10_000)
    with volunteer.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0
    coordinator.close()
