"""A damaged database page: found by the page check begun on open, nothing written, a backup put back
on request. Reads go on while the check runs (SQLCipher checks the MAC of every page it reads); every
write waits for the check and is refused when a page failed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kzdesk.core.errors import VaultDamaged
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.layout import DATABASE_FILE

from ..vaults import DATA, PASSPHRASE, snapshot

MONTH = DATA / "monitoring_2021_12.csv"


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(bytes(data))


def persons(kz, vault_path: Path, passphrase: str = PASSPHRASE) -> int:
    result = kz("stats", "--json", passphrase=passphrase, vault=vault_path)
    assert result.code == 0, result.err
    return int(result.json()["persons"])  # type: ignore[index]


@pytest.mark.parametrize("page", [0, 3, -1])
def test_damaged_page_is_refused_then_the_newest_copy_put_back(kz, vault_path: Path, page: int) -> None:
    assert kz("import-csv", str(MONTH), vault=vault_path).code == 0
    before_backup = persons(kz, vault_path)
    assert kz("backup", vault=vault_path).code == 0  # a copy in backups/
    extra = vault_path.parent / "extra.csv"
    extra.write_text(MONTH.read_text(encoding="utf-8").replace("Айтбаев", "Кейінгі"), encoding="utf-8")
    assert kz("import-csv", str(extra), vault=vault_path).code == 0
    assert persons(kz, vault_path) > before_backup
    db = vault_path / DATABASE_FILE
    pages = db.stat().st_size // 4096
    flip(db, (page % pages) * 4096 + 1000)
    damaged = snapshot(vault_path)

    refused = kz("import-csv", str(MONTH), vault=vault_path)
    assert refused.code == 3
    assert "damaged" in refused.err and "kzdesk repair" in refused.err
    assert snapshot(vault_path) == damaged  # nothing written
    if page == 0:  # page 1 is read on open, with the schema: refused at once
        with pytest.raises(VaultDamaged):
            Vault.open(vault_path, PASSPHRASE)
    else:  # any other page: found by the check begun on open, and every write refused
        opened = Vault.open(vault_path, PASSPHRASE)
        try:
            assert opened.page_problems() == [f"HMAC verification failed for page {page % pages + 1}"]
            changes = opened.changeset()
            changes.create("person", {"name": "Кейінгі Ерлан", "name_key": "кейінгі ерлан"})
            with pytest.raises(VaultDamaged):
                opened.commit(changes)
        finally:
            opened.close()
    assert snapshot(vault_path) == damaged

    ru = kz("--lang", "ru", "check", vault=vault_path)
    assert ru.code == 3 and "повреждена" in ru.err and "kzdesk repair" in ru.err

    repaired = kz("repair", vault=vault_path)
    assert repaired.code == 0, repaired.err
    assert "kept in" in repaired.out
    kept = list((vault_path / "damaged").glob("kzdesk-*.db"))
    assert len(kept) == 1
    assert hashlib.sha256(kept[0].read_bytes()).hexdigest() == damaged[DATABASE_FILE]  # kept, not lost
    assert persons(kz, vault_path) == before_backup  # the copy's content, whole
    assert kz("check", vault=vault_path).code == 0

    settled = snapshot(vault_path)
    again = kz("repair", vault=vault_path)
    assert again.code == 1 and "intact" in again.err
    assert snapshot(vault_path) == settled  # a good database is never replaced


@pytest.mark.slow
def test_repair_from_a_backup_file_keeps_the_current_passphrase(kz, vault_path: Path, tmp_path: Path,
                                                                monkeypatch) -> None:
    assert kz("import-csv", str(MONTH), vault=vault_path).code == 0
    backup = tmp_path / "carried.kzbackup"
    assert kz("backup", "--out", str(backup), vault=vault_path).code == 0
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", "a newer passphrase after the backup")
    assert kz("passwd", vault=vault_path).code == 0
    new = "a newer passphrase after the backup"
    flip(vault_path / DATABASE_FILE, 5 * 4096 + 7)

    refused = kz("check", passphrase=new, vault=vault_path)
    assert refused.code == 3 and "repair --from FILE" in refused.err  # no copy in backups/

    no_copy = kz("repair", passphrase=new, vault=vault_path)
    assert no_copy.code == 1 and "--from" in no_copy.err

    other = tmp_path / "other"
    Vault.create(other, PASSPHRASE, Profile("volunteer", "", ""), kdf=floor_params()).close()
    foreign = tmp_path / "foreign.kzbackup"
    assert kz("backup", "--out", str(foreign), vault=other).code == 0
    damaged = snapshot(vault_path)
    wrong = kz("repair", "--from", str(foreign), passphrase=new, vault=vault_path)
    assert wrong.code == 1 and "another vault" in wrong.err
    assert snapshot(vault_path) == damaged

    fixed = kz("repair", "--from", str(backup), passphrase=new, vault=vault_path)
    assert fixed.code == 0, fixed.err
    assert persons(kz, vault_path, new) == 42  # the month as it was backed up
    assert kz("stats", passphrase=PASSPHRASE, vault=vault_path).code == 2  # the key slots stayed current
    assert not list(vault_path.glob(".restore-*"))


def test_daily_copy_once_a_day_three_kept(vault: Vault) -> None:
    from kzdesk.core.vault.repair import copies, is_intact, keep_daily_copy

    backups = vault.path / "backups"
    backups.mkdir(exist_ok=True)
    for day in ("20200101", "20200102", "20200103"):  # older dailies, by their stamps
        (backups / f"kzdesk-{day}T000000000000Z-daily.db").write_bytes(b"old")
    made = keep_daily_copy(vault.path, vault.backup)
    assert made is not None and is_intact(made, vault._dek)
    assert keep_daily_copy(vault.path, vault.backup) is None  # not twice a day
    names = [c.name for c in copies(vault.path)]
    assert names[0] == made.name and len(names) == 3 and "kzdesk-20200101T000000000000Z-daily.db" not in names


def test_no_bundle_leaves_a_vault_with_a_damaged_page(vault_path: Path, tmp_path: Path) -> None:
    from kzdesk.core.errors import VaultError
    from kzdesk.core.exchange.exporting import export_bundle
    from kzdesk.core.ingest.csv_import import import_csv

    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_csv(vault, MONTH)
    db = vault_path / DATABASE_FILE
    flip(db, (db.stat().st_size // 4096 - 2) * 4096 + 500)
    out = tmp_path / "month.kzb"
    with Vault.open(vault_path, PASSPHRASE) as vault, pytest.raises(VaultError, match="integrity check"):
        export_bundle(vault, out, everything=True)
    assert not out.exists()
