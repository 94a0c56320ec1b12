"""Temporary copies of the database: a kill -9 or a full disk leaves them only where the next run and
an emergency erase find them, and never readable by others (mode 0600).

A backup used to export the whole database into the vault folder (`kzdesk-…-export-….db`); killed
while it read the copy, the backup left it there for good: later backups did not clean it, erase left
it, and two recovery shares opened it. A full disk left an unfinished `.partial` copy of mode 0644.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kzdesk.core.errors import KzdeskError
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault import repair
from kzdesk.core.vault.backup_file import write_backup
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.recovery import recover_dek

from ..vaults import DATA, PASSPHRASE
from .disks import fill

# Killed while the copy of the database is complete and being read into the backup file.
KILL_WHILE_READING = """
import os, signal, sys
from pathlib import Path
real = Path.read_bytes
def read_bytes(self):
    if "export" in self.name:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self)
Path.read_bytes = read_bytes
from kzdesk.cli import main
main(["--vault", sys.argv[1], "backup", "--out", sys.argv[2]])
"""

# Killed inside sqlcipher_export, as soon as the file it copies into exists (SQLite's progress
# handler runs between steps of the copy).
KILL_WHILE_COPYING = """
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from kzdesk.core.model.vault import Vault
path = Path(sys.argv[1])
before = set(path.rglob("*"))
def copying():
    if any(p.is_file() and p.name != "lock" for p in set(path.rglob("*")) - before):
        os.kill(os.getpid(), signal.SIGKILL)
    return 0
vault = Vault.open(path, os.environ["KZDESK_PASSPHRASE"])
before = set(path.rglob("*"))
vault.engine.dispose()
event.listen(vault.engine, "connect", lambda conn, _: conn.set_progress_handler(copying, 200))
vault.backup()
"""


def files(folder: Path) -> set[Path]:
    """The files in the folder, but the WAL and its index that a killed process leaves open."""
    return {p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


def killed(script: str, *args: str) -> None:
    env = {**os.environ, "KZDESK_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True)
    assert done.returncode == -9, done.stderr


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
def test_a_backup_killed_while_reading_its_copy_leaves_it_for_the_next_backup_and_erase(
        kz, vault_path: Path, tmp_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_csv(vault, DATA / "monitoring_2021_12.csv")
        dek = recover_dek(vault.recovery_shares()[:2])  # what a seizer with two shares holds
    assert kz("backup", "--out", str(tmp_path / "first.kzbackup"), vault=vault_path).code == 0
    usual = files(vault_path)
    killed(KILL_WHILE_READING, str(vault_path), str(tmp_path / "killed.kzbackup"))
    [left] = files(vault_path) - usual
    # It is a whole copy of the vault, which two recovery shares open: it must not stay.
    assert repair.is_intact(left, dek)
    assert mode(left) == 0o600
    assert left.parent.name == "partial"
    again = kz("backup", "--out", str(tmp_path / "again.kzbackup"), vault=vault_path)
    assert again.code == 0, again.err
    assert files(vault_path) == usual  # the next backup removed it
    killed(KILL_WHILE_READING, str(vault_path), str(tmp_path / "killed.kzbackup"))
    assert files(vault_path) - usual
    with Vault.open(vault_path, PASSPHRASE):  # … and so does the next open
        assert files(vault_path) == usual
    killed(KILL_WHILE_READING, str(vault_path), str(tmp_path / "killed.kzbackup"))
    assert kz("erase", "--yes", vault=vault_path).code == 0
    assert files(vault_path) == set()  # … and an erase


def test_a_copy_is_private_from_its_first_byte_and_a_killed_one_goes_with_the_next_open(
        kz, vault_path: Path) -> None:
    killed(KILL_WHILE_COPYING, str(vault_path))
    usual = {vault_path / "vault.json", vault_path / "kzdesk.db"}
    left = [p for p in files(vault_path) - usual if p.name != "lock"]
    assert left and all(mode(p) == 0o600 for p in left), {p.name: oct(mode(p)) for p in left}
    assert all(p.parent.name == "partial" for p in left)
    assert kz("stats", vault=vault_path).code == 0
    assert not any(p.exists() for p in left)


def test_a_full_disk_leaves_no_copy_and_a_retry_with_room_succeeds(small_disk: Path, tmp_path: Path) -> None:
    path = small_disk / "vault"
    Vault.create(path, PASSPHRASE, Profile("volunteer", "Айгүл", "Oral"), kdf=floor_params()).close()
    with Vault.open(path, PASSPHRASE) as vault:
        import_csv(vault, DATA / "monitoring_2021_12.csv")
        vault.engine.dispose()  # the WAL checkpointed into the database: what is on disk is all of it
        usual = files(path)
        filler = fill(small_disk)
        # Room for the WAL index and a third of the copy: the disk fills up in the middle of it.
        os.truncate(filler, filler.stat().st_size - 256 * 1024)
        for attempt in (vault.backup, lambda: write_backup(vault, tmp_path / "out.kzbackup")):
            with pytest.raises(Exception) as failed:  # SQLite's, the OS's or kzdesk's words
                attempt()
            assert (getattr(failed.value, "errno", None) == errno.ENOSPC or isinstance(failed.value, KzdeskError)
                    or "full" in str(failed.value)), failed.value
            # Nothing of the copy is left, under any name, and nothing readable by others.
            assert {p for p in files(path) if p.name != "lock"} == usual
            assert all(mode(p) == 0o600 for p in files(path))
        filler.unlink()
        made = vault.backup()
        assert repair.is_intact(made, vault._dek) and mode(made) == 0o600
        assert write_backup(vault, tmp_path / "out.kzbackup") > 0
