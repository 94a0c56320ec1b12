"""A full disk is told from a damaged vault: the commands that open, read or write the vault say
that the disk is full and that nothing was changed, never "damaged … kzdesk repair" (the wrong
remedy, which would also need space) nor "Unexpected error".

The vault lives on a real 4 MiB tmpfs (see test_disk_faults.small_disk), filled to the last byte
(the vault cannot even make its WAL index) or to a few hundred KiB (it opens, but the write fails
with SQLITE_FULL). Each time: the full-disk message in Russian, a non-zero exit status, the
database and header byte for byte as before, and once space is freed the vault opens and works.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzdesk.core.errors import DiskFull, full_disk
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.layout import DATABASE_FILE, HEADER_FILE

from ..vaults import DATA, introduce, make_vault
from .disks import fill

FULL = "На диске не осталось свободного места"
DAMAGED = ("поврежд", "repair", "Unexpected", "Непредвиденная")


@pytest.fixture
def vaults(small_disk: Path, tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """A coordinator's vault on the small disk with a month of records, a volunteer's bundle for it
    (on the big disk), and a CSV file to import."""
    coordinator = make_vault(small_disk / "vault", "coordinator", "Almaty")
    volunteer = make_vault(tmp_path / "volunteer", "volunteer", "Oral")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    import_csv(coordinator, DATA / "monitoring_2021_12.csv")
    import_csv(volunteer, csv_file(tmp_path, "volunteer", 200))
    bundle = tmp_path / "1.kzb"
    export_bundle(volunteer, bundle)
    coordinator.close()
    volunteer.close()
    yield small_disk / "vault", bundle, csv_file(tmp_path, "more", 3000)


def csv_file(folder: Path, name: str, rows: int) -> Path:
    path = folder / f"{name}.csv"
    lines = [f"Тұлға {name} {i},detention,{os.urandom(100).hex()}\n" for i in range(rows)]  # incompressible
    path.write_text("person,event_type,description\n" + "".join(lines), encoding="utf-8")
    return path


def leave(disk: Path, free: int) -> Path:
    """Fill the disk but for about `free` bytes; the file returned gives the rest back when deleted."""
    filler = disk / "filler"
    if free == 0:
        return fill(disk)
    stats = os.statvfs(disk)
    with filler.open("wb", buffering=0) as fh:
        fh.write(bytes(max(stats.f_bavail * stats.f_frsize - free, 0)))
    return filler


def state(vault: Path) -> tuple[bytes, bytes]:
    return (vault / DATABASE_FILE).read_bytes(), (vault / HEADER_FILE).read_bytes()


COMMANDS = {
    "stats": lambda bundle, csv, out: ["stats"],
    "import-csv": lambda bundle, csv, out: ["import-csv", str(csv)],
    "import-bundle": lambda bundle, csv, out: ["import-bundle", str(bundle)],
    "passwd": lambda bundle, csv, out: ["passwd"],
    "backup": lambda bundle, csv, out: ["backup"],
    "backup --out": lambda bundle, csv, out: ["backup", "--out", str(out)],
}


@pytest.mark.parametrize("free", [pytest.param(0, id="no byte free"), pytest.param(256 * 1024, id="256 KiB free")])
def test_a_full_disk_is_not_a_damaged_vault(vaults: tuple[Path, Path, Path], kz, monkeypatch: pytest.MonkeyPatch,
                                            free: int) -> None:
    vault, bundle, csv = vaults
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", "a new passphrase for the vault")
    before = state(vault)
    filler = leave(vault.parent, free)
    try:
        said = {}
        for name, args in COMMANDS.items():
            if free and name in ("stats", "passwd"):
                continue  # with room to open, these need (almost) none: they are checked on the full disk
            result = kz("--lang", "ru", *args(bundle, csv, vault.parent / "copy.kzbak"), vault=vault,
                        passphrase="pass phrase")
            said[name] = (result.code, result.err)
            assert result.code == DiskFull.exit_code != 0, (name, result.err)
            assert FULL in result.err and "ничего не изменено" in result.err.lower(), (name, result.err)
            assert not any(word in result.err for word in DAMAGED), (name, result.err)
            assert state(vault) == before, name
    finally:
        filler.unlink()
    # Space freed: the same vault opens, with everything it had, and the import goes through.
    with Vault.open(vault, "pass phrase") as reopened, reopened.engine.connect() as conn:
        assert [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")] == ["ok"]
    retried = kz("import-bundle", str(bundle), vault=vault, passphrase="pass phrase")
    assert retried.code == 0, retried.err


def test_a_damaged_vault_on_a_disk_with_room_is_still_called_damaged(vault_path: Path, kz) -> None:
    # The other side of the line: a page overwritten on a healthy disk is damage, not a full disk.
    database = vault_path / DATABASE_FILE
    data = bytearray(database.read_bytes())
    data[4096 * 2 + 100:4096 * 2 + 200] = bytes(100)
    database.write_bytes(bytes(data))
    # (A read that never reaches the page goes on; the check begun on open finds it, as `check` shows.)
    result = kz("check", vault=vault_path)
    assert result.code != 0 and "damaged" in result.err and "free space" not in result.err


def test_the_classifier(tmp_path: Path) -> None:
    import errno

    import sqlcipher3.dbapi2 as driver

    assert full_disk(OSError(errno.ENOSPC, "No space left on device")) is not None
    assert full_disk(OSError(errno.EDQUOT, "Disk quota exceeded")) is not None
    assert full_disk(OSError(errno.EIO, "Input/output error")) is None
    assert full_disk(driver.OperationalError("database or disk is full")) is not None
    # An I/O error is a full disk only where there is no room: here there is.
    assert full_disk(driver.OperationalError("disk I/O error"), tmp_path) is None
    assert full_disk(driver.DatabaseError("file is not a database"), tmp_path) is None
