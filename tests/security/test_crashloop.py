"""kill -9 at random moments during writes, passphrase changes, export, import and migration (the
crash loop of bench/crashloop.py, a few iterations of each), and the crashes it found, replayed at
the exact moment that broke them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kzdesk.core.atomic import leftover_temps
from kzdesk.core.errors import InputError
from kzdesk.core.exchange.chain import missing_bundles
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault import migrate
from kzdesk.core.vault.erase import erase
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.keyslots import VaultHeader

from ..bench import load_bench
from ..vaults import PASSPHRASE

crashloop = load_bench("crashloop")
QUICK = crashloop.Settings(max_delay=0.4, bundles=6, timing_runs=1)
ITERATIONS = 4  # per phase: 20 kills in all


@pytest.mark.slow
def test_crash_loop_loses_nothing() -> None:
    tallies = [crashloop.run_phase(phase, ITERATIONS, seed=16122011, settings=QUICK) for phase in crashloop.PHASES]
    report = "\n".join(t.line() + "".join(f"\n    {m}" for m in t.messages) for t in tallies)
    assert all(t.iterations == ITERATIONS for t in tallies), report
    assert [(t.integrity, t.lost, t.other) for t in tallies] == [(0, 0, 0)] * len(tallies), report
    # Most kills must land while an operation is under way, or the loop proves nothing.
    assert sum(t.mid_op for t in tallies) * 2 > sum(t.iterations for t in tallies), report
    assert all(t.mid_op for t in tallies), report


def test_the_write_checks_can_fail(vault: Vault) -> None:
    """The loop's checks catch an acknowledged record that is not there, and a torn changeset."""
    changes = vault.changeset()
    kept = changes.create("person", {"name": "Бар", "name_key": "бар"})
    vault.commit(changes)
    missing = "0" * 32
    outcome = crashloop.Outcome([
        crashloop.Op("0", {"records": {kept: ["person", {"name": "Бар"}, False],
                                       missing: ["person", {"name": "Жоқ"}, False]}}, {}),
        crashloop.Op("1", {"records": {kept: ["person", {"notes": "жаңа"}, False],
                                       "1" * 32: ["person", {"name": "Жаңа"}, False]}}),
    ], finished=False, stderr="")
    tally = crashloop.Tally("writes")
    crashloop.verify_writes(vault, {}, {}, outcome, tally)
    assert tally.lost == 1 and "Жоқ" in tally.messages[0]
    # The operation in flight: its two records are not both before nor both after.
    changes = vault.changeset()
    changes.create("person", {"name": "Жаңа", "name_key": "жаңа"}, record="1" * 32)
    vault.commit(changes)
    tally = crashloop.Tally("writes")
    crashloop.verify_writes(vault, {}, {}, outcome, tally)
    assert tally.integrity == 1 and "torn" in tally.messages[-1]


# --- the crashes the loop found, each replayed at its exact moment ------------------------------
KILL_AFTER_WRITE = """
import os, signal, sys
from pathlib import Path
import kzdesk.core.exchange.exporting as service
real = service.write_output
def write_output(*args, **kwargs):
    if sys.argv[4] == "after":
        real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
service.write_output = write_output
from kzdesk.core.model.vault import Vault
service.export_bundle(Vault.open(Path(sys.argv[1]), sys.argv[2]), Path(sys.argv[3]))
"""


def _person(vault: Vault, name: str) -> None:
    changes = vault.changeset()
    changes.create("person", {"name": name, "name_key": name.casefold()})
    vault.commit(changes)


def _killed_export(path: Path, out: Path, moment: str) -> None:
    done = subprocess.run([sys.executable, "-c", KILL_AFTER_WRITE, str(path), crashloop.PASSPHRASE, str(out), moment],
                          env=crashloop.child_env(), capture_output=True, text=True)
    assert done.returncode == -9, done.stderr


def test_an_export_killed_around_its_file_never_forks_the_chain(tmp_path: Path) -> None:
    """Killed after the bundle file was written but before its revisions were marked, the next export
    reused the sequence number: a coordinator that had taken the file saw a fork and quarantined
    every later bundle of that volunteer. Now the number stays used once the file may have left,
    and is given back when the file never came to be (or is about to be replaced)."""
    volunteer = crashloop.new_vault(tmp_path / "v", "volunteer", "V")
    coordinator = crashloop.new_vault(tmp_path / "c", "coordinator", "C")
    crashloop.introduce(volunteer, coordinator)
    crashloop.introduce(coordinator, volunteer)
    _person(volunteer, "Бірінші")
    export_bundle(volunteer, tmp_path / "1.kzb")
    _person(volunteer, "Екінші")
    volunteer.close()
    _killed_export(tmp_path / "v", tmp_path / "2.kzb", "after")  # the file is there: it may travel
    assert [o.status for o in import_bundles(coordinator, [tmp_path / "1.kzb", tmp_path / "2.kzb"])] == ["merged"] * 2
    with Vault.open(tmp_path / "v", crashloop.PASSPHRASE) as volunteer:
        _person(volunteer, "Үшінші")
    _killed_export(tmp_path / "v", tmp_path / "3.kzb", "before")  # no file: its number is free again
    assert not (tmp_path / "3.kzb").exists()
    with Vault.open(tmp_path / "v", crashloop.PASSPHRASE) as volunteer:
        assert export_bundle(volunteer, tmp_path / "3.kzb").seq == 3
        _person(volunteer, "Төртінші")
    _killed_export(tmp_path / "v", tmp_path / "4.kzb", "after")
    with Vault.open(tmp_path / "v", crashloop.PASSPHRASE) as volunteer:
        assert export_bundle(volunteer, tmp_path / "4.kzb").seq == 4  # replaced in place: same number
        _person(volunteer, "Бесінші")
        assert export_bundle(volunteer, tmp_path / "5.kzb").seq == 5
    outcomes = import_bundles(coordinator, [tmp_path / f"{n}.kzb" for n in (3, 4, 5)])
    assert [(o.status, o.missing) for o in outcomes] == [("merged", [])] * 3
    with coordinator.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM person")}
        assert conn.exec_driver_sql("SELECT count(*) FROM quarantine").scalar() == 0
        assert missing_bundles(conn) == {}
    assert names == {"Бірінші", "Екінші", "Үшінші", "Төртінші", "Бесінші"}
    coordinator.close()


def test_an_export_that_fails_to_write_gives_its_number_back(tmp_path: Path, monkeypatch) -> None:
    import kzdesk.core.exchange.exporting as service

    volunteer = crashloop.new_vault(tmp_path / "v", "volunteer", "V")
    coordinator = crashloop.new_vault(tmp_path / "c", "coordinator", "C")
    crashloop.introduce(volunteer, coordinator)
    _person(volunteer, "Бірінші")

    def full_disk(path: Path, data: bytes, mode: int = 0o600) -> None:
        raise InputError("Cannot write {path}: {reason}", path=str(path), reason="the disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(service, "write_output", full_disk)
        with pytest.raises(InputError):
            export_bundle(volunteer, tmp_path / "1.kzb")
    with volunteer.engine.connect() as conn:
        left = dict(conn.exec_driver_sql("SELECT key, value FROM setting WHERE key LIKE 'export%'").fetchall())
    assert left == {}  # as if it had never been tried
    assert export_bundle(volunteer, tmp_path / "1.kzb").seq == 1
    volunteer.close()
    coordinator.close()


KILL_IN_MIGRATION = """
import os, signal, sys
from pathlib import Path
from alembic.ddl.impl import DefaultImpl
real = DefaultImpl._exec
def _exec(self, construct, *args, **kwargs):
    result = real(self, construct, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)  # right after the migration's first statement (a table, an index)
    return result
DefaultImpl._exec = _exec
from kzdesk.core.model.vault import Vault
Vault.open(Path(sys.argv[1]), sys.argv[2])
"""

KILL_IN_BACKUP = """
import os, signal, sys
from pathlib import Path
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # the copy is made, not yet named
from kzdesk.core.model.vault import Vault
Vault.open(Path(sys.argv[1]), sys.argv[2])
"""


OLDEST, NEWER = crashloop.old_fixtures()[0], crashloop.old_fixtures()[-1]


@pytest.mark.parametrize(("fixture", "script"), [
    pytest.param(OLDEST, KILL_IN_MIGRATION, id=f"{OLDEST.name}-between-tables"),
    pytest.param(NEWER, KILL_IN_MIGRATION, id=f"{NEWER.name}-between-tables"),
    pytest.param(NEWER, KILL_IN_BACKUP, id=f"{NEWER.name}-in-backup"),
])
def test_a_migration_killed_midway_opens_later_with_the_same_rows(fixture: Path, script: str, tmp_path: Path) -> None:
    """Each CREATE TABLE of a migration used to commit on its own: killed between two, the vault never
    opened again ("table ... already exists"). And a backup killed midway was left under a backup's
    name, empty. Now the migration is one transaction and the copy is named only when complete."""
    reference = crashloop.migrated_reference(fixture, tmp_path)
    path = tmp_path / "killed"
    shutil.copytree(fixture, path)
    done = subprocess.run([sys.executable, "-c", script, str(path), crashloop.FIXTURE_PASSPHRASE],
                          env=crashloop.child_env(), capture_output=True, text=True)
    assert done.returncode == -9, done.stderr
    if script is KILL_IN_BACKUP:  # nothing named like a backup yet: the unfinished copy is in partial/
        assert list((path / "backups").iterdir()) == [] and list((path / "partial").glob("backup-*.db"))
    with Vault.open(path, crashloop.FIXTURE_PASSPHRASE) as vault:
        assert migrate.current(vault.engine) == migrate.head()
        assert crashloop.structure_problems(vault) == []
        assert crashloop.table_dump(vault) == reference
        backups = sorted((path / "backups").iterdir())
        assert backups and all(p.name.endswith(".db") for p in backups)  # no unfinished copy left behind
        assert all(crashloop.backup_opens(p, vault) for p in backups)


KILL_BEFORE_RENAME = """
import os, signal, sys
from pathlib import Path
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.model.vault import Vault
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # the new slots written, not yet renamed
vault.change_passphrase(sys.argv[3], kdf=floor_params())
"""


def _killed_change(path: Path, new: str) -> Path:
    done = subprocess.run([sys.executable, "-c", KILL_BEFORE_RENAME, str(path), PASSPHRASE, new],
                          env=crashloop.child_env(), capture_output=True, text=True)
    assert done.returncode == -9, done.stderr
    [leftover] = leftover_temps(path)
    return leftover


def test_key_slots_left_by_a_kill_do_not_outlive_a_change_or_an_erase(vault_path: Path) -> None:
    """A passphrase change killed before its rename leaves a whole copy of the key slots next to
    vault.json. It used to stay for good, opening with its passphrase after the passphrase had been
    changed again, and after an emergency erase."""
    leftover = _killed_change(vault_path, "abandoned passphrase")
    assert VaultHeader.load(leftover).unlock("abandoned passphrase")  # a working copy of the key
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.change_passphrase("next passphrase", kdf=floor_params())
        vault.change_passphrase(PASSPHRASE, kdf=floor_params())
    assert leftover_temps(vault_path) == []
    _killed_change(vault_path, "abandoned passphrase")
    erase(vault_path)
    assert leftover_temps(vault_path) == []
