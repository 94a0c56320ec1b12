"""Emergency erase overwrites every page of every copy, not only the first MiB.

SQLCipher pages keyed with a raw key decrypt with the key alone: the salt at the start of the file
is only needed to check a page's MAC. Erase used to overwrite the first MiB of each database, so a
key recovered later (two recovery shares) still read every page beyond it, canary included.

Files are looked at through hard links made before the erase: a link keeps the very blocks the erase
overwrote in place, after the vault's own names are gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.erase import erase
from kzdesk.core.vault.layout import DATABASE_FILE
from kzdesk.core.vault.recovery import recover_dek

from ..vaults import PASSPHRASE
from .pages import PAGE, decrypted_pages


def test_erase_overwrites_every_page_of_every_copy(vault_path: Path, tmp_path: Path) -> None:
    canary = f"KZCANARY-{uuid.uuid4()}"
    vault = Vault.open(vault_path, PASSPHRASE)

    def pad(first: int, count: int) -> None:  # a few MiB of records, the canary in every one
        with vault.transaction() as conn:
            rows = [(f"pad-{i}", f"{canary} {os.urandom(1500).hex()}") for i in range(first, first + count)]
            conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES (?, ?)", rows)

    pad(0, 800)
    shares = vault.recovery_shares()  # on paper, with two trusted people
    vault.backup()
    # A copy set aside by a repair, and one a killed backup left in partial/.
    (vault_path / "damaged").mkdir()
    shutil.move(vault.backup("aside"), vault_path / "damaged" / "kzdesk-20250101T000000Z.db")
    shutil.move(vault.backup("killed"), vault_path / "partial" / "backup-0123456789ab.db")
    pad(800, 100)  # kept in the WAL: the vault is still open (the window had it open, say)
    files = sorted(p for p in vault_path.rglob("*") if p.is_file() and p.stat().st_size >= PAGE)
    assert {p.name for p in files} >= {DATABASE_FILE, f"{DATABASE_FILE}-wal"}
    links, salts = tmp_path / "links", {}
    links.mkdir()
    for number, path in enumerate(files):
        os.link(path, links / f"{number}-{path.name}")
        source = vault_path / DATABASE_FILE if path.name.endswith("-wal") else path
        salts[f"{number}-{path.name}"] = source.read_bytes()[:16]
    dek = recover_dek(shares[:2])
    # The method sees the data before the erase (so it can see it after).
    for link in links.iterdir():
        if not link.name.endswith("-shm"):
            assert decrypted_pages(link, dek, salts[link.name], canary.encode()) > 0, link.name
    sizes = sum(p.stat().st_size for p in files)
    reports: list[tuple[int, int]] = []
    erase(vault_path, lambda done, total: reports.append((done, total)))
    try:
        assert not any(p.is_file() for p in vault_path.rglob("*"))
        for link in links.iterdir():
            data = link.read_bytes()
            assert data and canary.encode() not in data
            # Not one page decrypts under the key from the shares, even with the salt kept from before.
            assert decrypted_pages(link, dek, salts[link.name], canary.encode()) == 0, link.name
    finally:
        with contextlib.suppress(Exception):  # its files are gone: nothing to close cleanly
            vault.close()
    # Progress went from nothing to everything, never backwards.
    total = reports[0][1]
    assert reports[0] == (0, total) and reports[-1] == (total, total) and total >= sizes
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)


def test_erase_from_the_command_line_shows_its_progress(kz, vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.backup()
    result = kz("erase", "--yes", vault=vault_path, passphrase=None)
    assert result.code == 0
    assert "0%" in result.err and "100%" in result.err
    assert not any(p.is_file() for p in vault_path.rglob("*"))
