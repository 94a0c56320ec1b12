"""The unlock window finds a damaged database, opens nothing, and puts back the backup copy."""

from __future__ import annotations

from pathlib import Path

from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.layout import DATABASE_FILE

from ..vaults import DATA, PASSPHRASE, snapshot
from .helpers import unlock_damaged


def test_damaged_database_offers_the_backup_copy(qtbot, context, vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_csv(vault, DATA / "monitoring_2021_12.csv")
        vault.backup()
    db = vault_path / DATABASE_FILE
    data = bytearray(db.read_bytes())
    data[4 * 4096 + 33] ^= 1
    db.write_bytes(bytes(data))
    damaged = snapshot(vault_path)
    dialog = unlock_damaged(qtbot, context, vault_path)
    assert "damaged" in dialog.ui.message.text() and context.vault is None
    assert dialog.repair_button.text() == "Put back the backup copy"
    assert snapshot(vault_path) == damaged  # nothing written before the user chose
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.repair_button.click()
    assert context.vault is not None
    with context.vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 42
    assert len(list((vault_path / "damaged").glob("kzdesk-*.db"))) == 1


def test_damaged_database_without_copies_asks_for_a_file(qtbot, context, vault_path: Path, monkeypatch) -> None:
    db = vault_path / DATABASE_FILE
    db.write_bytes(db.read_bytes()[:4096] + bytes(4096) + db.read_bytes()[8192:])
    dialog = unlock_damaged(qtbot, context, vault_path)
    assert dialog.repair_button.text() == "Choose a backup file…"
    assert "backup file" in dialog.ui.message.text()
    junk = vault_path.parent / "not-a-backup.zip"
    junk.write_bytes(b"PK\x03\x04 nothing")
    before = snapshot(vault_path)
    dialog.repair_with(junk)
    qtbot.waitUntil(lambda: "not a kzdesk backup" in dialog.ui.message.text(), timeout=10_000)
    assert snapshot(vault_path) == before and context.vault is None
