"""`kzdesk passwd --new-key`: after coercion, a new data key, so that what the coercer kept opens nothing.

`passwd` re-wraps the data key and keeps it, and every backup file carries vault.json: an old copy of
the key slots plus the coerced old passphrase opened the current database, and so did old recovery
shares. A change of the data key re-encrypts the database and its copies in backups/ under a fresh
key, crash-safe: after a kill -9 at any step the old or the new passphrase opens the vault.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from kzdesk.core.errors import InputError, KzdeskError, PassphraseError
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault import remember, repair, scratch
from kzdesk.core.vault.backup_file import write_backup
from kzdesk.core.vault.kdf import KdfParams, floor_params
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.layout import DATABASE_FILE, HEADER_FILE
from kzdesk.core.vault.recovery import recover_dek

from ..vaults import DATA, PASSPHRASE, MemoryKeyring
from .pages import decrypted_pages

NEW = "a fresh passphrase after the search, әғқ"


def stats(kz, path: Path, passphrase: str) -> object:
    result = kz("stats", "--json", vault=path, passphrase=passphrase)
    return result.json() if result.code == 0 else result.code


@pytest.mark.slow
def test_a_new_key_leaves_the_old_header_passphrase_and_shares_opening_nothing(
        kz, vault_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_csv(vault, DATA / "monitoring_2021_12.csv")
        vault.remember_on_this_computer(True)
        old_shares = vault.recovery_shares()
        vault.backup()
        write_backup(vault, tmp_path / "stick.kzbackup")
        old_dek = vault._dek
    coerced_header = (vault_path / HEADER_FILE).read_bytes()  # what the coercer copied
    old_keyring_entry = dict(memory.items)
    before = stats(kz, vault_path, PASSPHRASE)
    os.link(vault_path / DATABASE_FILE, tmp_path / "old-inode.db")  # to look at the old file's blocks
    old_salt = (vault_path / DATABASE_FILE).read_bytes()[:16]
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", NEW)
    changed = kz("passwd", "--new-key", vault=vault_path, passphrase=PASSPHRASE)
    assert changed.code == 0, changed.err
    assert "recovery-shares" in changed.out  # old shares are useless: say so, and how to make new ones
    # The new passphrase opens, with every record; the old one does not.
    assert stats(kz, vault_path, NEW) == before
    assert kz("stats", vault=vault_path, passphrase=PASSPHRASE).code == 2
    # The coercer's copy of vault.json with the old passphrase gives the old key, which opens nothing.
    assert VaultHeader.load(_written(tmp_path / "coerced.json", coerced_header)).unlock(PASSPHRASE) == old_dek
    seized = tmp_path / "seized"
    seized.mkdir()
    shutil.copy(tmp_path / "coerced.json", seized / HEADER_FILE)
    shutil.copy(vault_path / DATABASE_FILE, seized / DATABASE_FILE)
    with pytest.raises(KzdeskError):
        Vault.open(seized, PASSPHRASE).close()
    copies = repair.copies(vault_path)
    assert copies and not any(repair.is_intact(c, old_dek) for c in copies)
    assert not repair.is_intact(vault_path / DATABASE_FILE, old_dek)
    # The old database file was overwritten in place: none of its pages decrypts under the old key.
    assert decrypted_pages(tmp_path / "old-inode.db", old_dek, old_salt) == 0
    # The old shares give the old key: they open nothing now.
    assert recover_dek(old_shares[:2]) == old_dek
    with pytest.raises(InputError):
        Vault.open_with_shares(vault_path, old_shares[:2])
    # New shares work; the keyring slot was kept on, with a new keyring key.
    with Vault.open(vault_path, NEW) as vault:
        new_dek = vault._dek
        assert recover_dek(vault.recovery_shares()[1:]) == new_dek
        assert remember.recall(vault.header) == new_dek
        assert all(repair.is_intact(c, new_dek) for c in repair.copies(vault_path))
    assert memory.items != old_keyring_entry
    assert scratch.leftovers(vault_path) == []
    # A backup file taken before still opens with the old passphrase, as SECURITY.md says.
    restored = kz("restore", str(tmp_path / "stick.kzbackup"), vault=tmp_path / "elsewhere", passphrase=PASSPHRASE)
    assert restored.code == 0, restored.err


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_new_key_is_refused_while_another_process_has_the_vault_open(vault_path: Path) -> None:
    other = Vault.open(vault_path, PASSPHRASE)
    with other.engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM person").fetchall()
        with Vault.open(vault_path, PASSPHRASE) as vault:
            header = (vault_path / HEADER_FILE).read_bytes()
            with pytest.raises(InputError):
                vault.change_data_key(NEW, kdf=_floor())
            assert (vault_path / HEADER_FILE).read_bytes() == header
            assert vault.engine.connect().close() is None  # still usable
    other.close()
    with Vault.open(vault_path, PASSPHRASE):
        pass


def _floor() -> KdfParams:
    return floor_params()


CHANGER = """
import os, signal, sys
from pathlib import Path
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.model.vault import Vault
path, old, new, at = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
vault = Vault.open(path, old)
count = [0]
def step(real):
    def wrapped(*args, **kwargs):
        if count[0] == at:
            os.kill(os.getpid(), signal.SIGKILL)
        count[0] += 1
        return real(*args, **kwargs)
    return wrapped
os.replace, os.fsync = step(os.replace), step(os.fsync)
vault.change_data_key(new, kdf=floor_params())
print("done", count[0], flush=True)
"""


def _opens(path: Path, passphrase: str) -> tuple[bytes, list[int]] | None:
    try:
        vault = Vault.open(path, passphrase)
    except PassphraseError:
        return None
    with vault, vault.engine.connect() as conn:
        counts = [conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in ("person", "act", "event")]
        return vault._dek, counts


@pytest.mark.slow
def test_a_key_change_killed_at_every_step_opens_with_the_old_or_the_new_passphrase(
        vault_path: Path, tmp_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_csv(vault, DATA / "monitoring_2021_12.csv")
        vault.backup()
        vault.backup("second")
        with vault.engine.connect() as conn:
            expected = [conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                        for t in ("person", "act", "event")]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    outcomes: list[str] = []
    for at in range(200):
        path = tmp_path / f"kill-{at}"
        shutil.copytree(vault_path, path)
        done = subprocess.run([sys.executable, "-c", CHANGER, str(path), PASSPHRASE, NEW, str(at)],
                              env=env, capture_output=True, text=True)
        finished = done.returncode == 0
        assert finished or done.returncode == -9, done.stderr
        opened = {p: _opens(path, p) for p in (NEW, PASSPHRASE)}
        working = [p for p, got in opened.items() if got is not None]
        assert len(working) == 1, (at, json.dumps({p: g is not None for p, g in opened.items()}))
        dek, counts = opened[working[0]]  # type: ignore[misc]
        assert counts == expected, at
        # Whatever it was cut short at: finished or undone, nothing half-made is left behind.
        header = VaultHeader.load(path / HEADER_FILE)
        assert not header.pending and header.unlock(working[0]) == dek
        assert scratch.leftovers(path) == []
        assert all(repair.is_intact(c, dek) for c in repair.copies(path))
        outcomes.append("new" if working[0] == NEW else "old")
        if finished:
            assert working == [NEW]
            break
    else:
        pytest.fail("the key change never finished")
    print("key change steps and outcomes:", outcomes)
    assert "old" in outcomes and "new" in outcomes and len(outcomes) > 5, outcomes
