"""Emergency erase: afterwards nothing in the vault opens, not even with the right passphrase."""

from __future__ import annotations

from pathlib import Path

import keyring

import kzdesk.core.vault.erase as erase_module
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.backup_file import write_backup

from ..vaults import DATA, PASSPHRASE, MemoryKeyring


def test_erase_makes_vault_and_backups_unreadable(kz, vault_path: Path, tmp_path: Path, monkeypatch) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_csv(vault, DATA / "monitoring_2021_12.csv")
        vault.remember_on_this_computer(True)
        inside = vault.backup()  # an encrypted copy in backups/
        write_backup(vault, tmp_path / "stick.kzbackup")
    assert memory.items
    overwritten: list[str] = []
    real = erase_module.scratch.shred
    monkeypatch.setattr(erase_module.scratch, "shred", lambda path, progress=None: (
        overwritten.append(path.name), real(path, progress)))
    refused = kz("erase", vault=vault_path)  # no terminal: it never erases without --yes
    assert refused.code == 1 and (vault_path / "vault.json").exists()
    result = kz("erase", "--yes", vault=vault_path, passphrase=None)  # no passphrase needed
    assert result.code == 0
    assert not memory.items
    # Every file was overwritten whole before it went (the key slots, every page of the databases),
    # and the folder is empty: nothing there can be opened, even with recovery shares.
    assert {"vault.json", "kzdesk.db", inside.name} <= set(overwritten)
    assert not any(p.is_file() for p in vault_path.rglob("*"))
    assert kz("stats", vault=vault_path).code == 3
    # The backup carried away restores into the same folder, with the passphrase of its day.
    restored = kz("restore", str(tmp_path / "stick.kzbackup"), vault=vault_path)
    assert restored.code == 0, restored.err
    stats = kz("stats", "--json", vault=vault_path)
    assert stats.code == 0 and stats.json()["persons"] == 42  # type: ignore[index]
    assert kz("erase", "--yes", vault=tmp_path / "nothing-here").code == 3
