"""The import report names each bundle's volunteer by their card and counts records, not revisions."""

from __future__ import annotations

from pathlib import Path

from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.i18n import set_language
from kzdesk.core.vault.identity import fingerprint
from kzdesk.ui.main_window import MainWindow

from ..vaults import import_bundle, introduce, make_vault, record
from .helpers import context_idle


def test_the_window_reports_who_sent_what_in_records(qtbot, context, tmp_path: Path) -> None:
    volunteer = make_vault(tmp_path / "volunteer", "volunteer", "Айгүл")
    coordinator = make_vault(tmp_path / "coordinator", "coordinator", "Бақыт")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    case = record(volunteer, "Ким Виктор")  # a person, an event, an act: three records
    for days in (11, 12, 13):  # three more revisions of the same act: still three records
        with volunteer.transaction() as conn:
            edit = volunteer.changeset()
            edit.update(conn, "act", case["act"], {"arrest_days": days})
            volunteer.commit(edit, conn)
    export_bundle(volunteer, tmp_path / "1.kzb")
    context.vault_path, context.vault = tmp_path / "coordinator", coordinator
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.bundles.import_files([str(tmp_path / "1.kzb")])
    qtbot.waitUntil(lambda: len(window.bundles.import_report) == 1 and context_idle(window), timeout=10_000)
    short = " ".join(fingerprint(volunteer.identity.public_key).split()[:2])
    message = window.bundles.last_message
    assert f"Айгүл ({short})" in message and "3 new records" in message and "6 new" not in message
    outcome = window.bundles.import_report[0]
    assert outcome.to_json()["records"] == 3 and outcome.to_json()["signer_name"] == "Айгүл"
    set_language("ru")
    try:
        assert "3 новые записи" in outcome.describe()
        again = import_bundle(coordinator, tmp_path / "1.kzb")
        assert "3 записи уже есть" in again.describe() and f"Айгүл ({short})" in again.describe()
    finally:
        set_language("en")
    volunteer.close()
