"""The window says what a purge erases and what it keeps (and why), before asking and after, in the
user's language; the person a new act is about stays."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.exchange.receipts import write_receipt
from kzdesk.core.model.editing import ActDraft, EventDraft, PersonDraft, save_event
from kzdesk.ui.main_window import MainWindow

from ..vaults import introduce, make_vault


def test_the_purge_dialog_says_what_stays_and_why(qtbot, context, tmp_path: Path) -> None:
    coordinator = make_vault(tmp_path / "c", "coordinator", "Almaty")
    volunteer = make_vault(tmp_path / "v", "volunteer", "Oral")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    first = EventDraft(date="2021-12-05", city="Oral",
                       persons=[PersonDraft("Жақсылықов Ерлан", acts=[ActDraft("detention")])])
    save_event(volunteer, first)
    export_bundle(volunteer, tmp_path / "1.kzb")
    assert [o.status for o in import_bundles(coordinator, [tmp_path / "1.kzb"])] == ["merged"]
    # Recorded after the bundle: a new act for the same man.
    save_event(volunteer, EventDraft(date="2022-01-10", city="Oral", persons=[
        PersonDraft("Жақсылықов Ерлан", uuid=first.persons[0].uuid, acts=[ActDraft("warning")])]))
    with coordinator.engine.connect() as conn:
        (tmp_path / "r.kzr").write_bytes(write_receipt(conn, coordinator.identity, volunteer.identity.key_id))
    coordinator.close()
    context.translations.apply("ru")
    context.vault_path, context.vault = volunteer.path, volunteer
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    receipts = window.receipts
    receipts.check(tmp_path / "r.kzr")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "purge_confirmation") is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "purge_confirmation")
    assert "записей: 2." in box.text()  # the first event and its act
    details = box.informativeText()
    assert "Записей оставлено на этом компьютере: 3" in details
    assert "ещё не отправлено" in details and "ещё нужно записи, которая остаётся: лицо: 1" in details
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: context.tasks.pending == 0 and "Записей оставлено" in receipts.last_message,
                    timeout=10_000)
    with volunteer.engine.connect() as conn:
        assert [r[0] for r in conn.exec_driver_sql("SELECT uuid FROM person")] == [first.persons[0].uuid]
        assert conn.exec_driver_sql("SELECT count(*) FROM act").scalar() == 1
