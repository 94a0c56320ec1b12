"""Emergency erase: afterwards nothing in the vault opens, not even with the right passphrase."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from kzdesk.core.errors import VaultError
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.vault.backup_file import restore, write_backup
from kzdesk.core.vault.vault import Vault

from ..conftest import DATA, PASSPHRASE, MemoryKeyring


def test_erase_makes_vault_and_backups_unreadable(kz, vault_path: Path, tmp_path: Path) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_csv(vault, DATA / "monitoring_2021_12.csv")
        vault.remember_on_this_computer(True)
        inside = vault.backup()  # an encrypted copy in backups/
        write_backup(vault, tmp_path / "stick.kzbackup")
    assert memory.items
    head = (vault_path / "kzdesk.db").read_bytes()[:4096]
    refused = kz("erase", vault=vault_path)  # no terminal: it never erases without --yes
    assert refused.code == 1 and (vault_path / "vault.json").exists()
    result = kz("erase", "--yes", vault=vault_path, passphrase=None)  # no passphrase needed
    assert result.code == 0
    assert not (vault_path / "vault.json").exists() and not memory.items
    assert (vault_path / "kzdesk.db").read_bytes()[:4096] != head
    assert kz("stats", vault=vault_path).code == 3
    # A copy of the old key slots (say, restored from the stick) cannot open the erased database.
    stick = tmp_path / "from-stick"
    restore((tmp_path / "stick.kzbackup").read_bytes(), stick)
    (vault_path / "vault.json").write_bytes((stick / "vault.json").read_bytes())
    with pytest.raises(VaultError):
        Vault.open(vault_path, PASSPHRASE)
    assert inside.exists()  # still there, but its key is gone with the slots
    assert kz("erase", "--yes", vault=tmp_path / "nothing-here").code == 3
