"""Back up, lose the laptop, restore: the vault comes back whole, with the old passphrase."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.stats import vault_stats

from ..vaults import DATA, PASSPHRASE, snapshot


def test_backup_then_restore_with_the_old_passphrase(kz, vault: Vault, vault_path: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    import_csv(vault, DATA / "monitoring_2021_12.csv")
    with vault.engine.connect() as conn:
        before = vault_stats(conn).to_json()
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "резерв_әғқ.kzbackup"
    # Taken while the vault is open and in use (the fixture holds it open).
    assert kz("backup", "--out", str(out), vault=vault_path).code == 0
    data = out.read_bytes()
    assert "Жақсылықов".encode() not in data and b"SQLite format 3" not in data
    assert sorted(zipfile.ZipFile(io.BytesIO(data)).namelist()) == ["kzdesk.db", "vault.json"]
    # The passphrase changes after the backup; the backup still opens with the old one.
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", "a new passphrase after the backup")
    assert kz("passwd", vault=vault_path).code == 0
    fresh = tmp_path / "new-laptop" / "vault"
    wrong = kz("restore", str(out), vault=fresh, passphrase="not the passphrase")
    assert wrong.code == 2 and not any(fresh.iterdir())  # left as empty as it was
    restored = kz("restore", str(out), vault=fresh)
    assert restored.code == 0, restored.err
    with Vault.open(fresh, PASSPHRASE) as back, back.engine.connect() as conn:
        assert vault_stats(conn).to_json() == before
    # Never over anything: a folder with files in it is refused and left untouched.
    occupied = snapshot(fresh)
    again = kz("restore", str(out), vault=fresh)
    assert again.code == 1 and "empty" in again.err and snapshot(fresh) == occupied


def test_bad_backup_files_are_refused(kz, tmp_path: Path) -> None:
    target = tmp_path / "target"
    for name, data in (("random.bin", b"\x00" * 100), ("plain.zip", _zip({"vault.json": b"{}",
                                                                           "kzdesk.db": b"SQLite format 3\x00"})),
                       ("extra.zip", _zip({"vault.json": b"{}", "kzdesk.db": b"x", "../evil": b"x"}))):
        path = tmp_path / name
        path.write_bytes(data)
        result = kz("restore", str(path), vault=target)
        assert result.code == 1 and "not a kzdesk backup" in result.err
        assert not target.exists() or not any(target.iterdir())


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_no_backup_or_bundle_from_a_vault_that_fails_its_integrity_check(vault: Vault, tmp_path: Path,
                                                                         monkeypatch) -> None:
    import pytest

    from kzdesk.core.errors import VaultError
    from kzdesk.core.exchange.exporting import export_bundle
    from kzdesk.core.vault import backup_file

    import_csv(vault, DATA / "monitoring_2021_12.csv")
    assert vault.integrity_problems() == []
    monkeypatch.setattr(vault, "integrity_problems", lambda: ["page 7: hmac check failed"])
    monkeypatch.setattr(vault, "page_problems", lambda: ["HMAC verification failed for page 7"])
    with pytest.raises(VaultError):
        backup_file.write_backup(vault, tmp_path / "b.kzbackup")
    with pytest.raises(VaultError, match="integrity check"):
        export_bundle(vault, tmp_path / "x.kzb")
    assert not (tmp_path / "b.kzbackup").exists() and not (tmp_path / "x.kzb").exists()


def test_a_backup_file_from_the_command_line_silences_the_windows_reminder(vault: Vault, tmp_path: Path,
                                                                           kz) -> None:
    """The date of the last backup file is kept by the core that writes it, whichever face asked."""
    assert vault.last_backup() is None
    path = vault.path
    vault.close()
    assert kz("backup", "--out", str(tmp_path / "v.kzbackup"), vault=path).code == 0
    from datetime import date

    reopened = Vault.open(path, PASSPHRASE)
    assert reopened.last_backup() == date.today().isoformat()
    reopened.close()
