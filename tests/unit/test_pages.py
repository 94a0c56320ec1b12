"""The page check read from the file (core/vault/pages.py) against SQLCipher's own, and the write gate."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kzdesk.core.errors import VaultDamaged, VaultError
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.engine import load_driver
from kzdesk.core.vault.layout import DATABASE_FILE
from kzdesk.core.vault.pages import PAGE_SIZE, Cancelled, PageWatch, check_pages

from ..vaults import DATA, PASSPHRASE


def sqlcipher_says(database: Path, dek: bytes) -> list[str]:
    """SQLCipher's `PRAGMA cipher_integrity_check` over a read-only connection: the reference."""
    conn = load_driver().connect(f"file:{database}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        return [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    finally:
        conn.close()


@pytest.fixture
def filled(vault: Vault) -> tuple[Path, bytes]:
    from kzdesk.core.ingest.csv_import import import_csv

    import_csv(vault, DATA / "monitoring_2021_12.csv")
    path, dek = vault.path / DATABASE_FILE, vault._dek
    vault.close()
    return path, dek


def flip(path: Path, offset: int) -> None:
    with path.open("r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)
        fh.seek(offset)
        fh.write(bytes([byte[0] ^ 0x20]))


def test_an_intact_file_passes_both_checks(filled: tuple[Path, bytes]) -> None:
    path, dek = filled
    seen: list[tuple[int, int]] = []
    report = check_pages(path, dek, lambda done, total: seen.append((done, total)))
    assert report.intact and report.pages == path.stat().st_size // PAGE_SIZE > 10
    assert sqlcipher_says(path, dek) == []
    assert seen[-1] == (report.pages, report.pages)  # progress reaches the end


@pytest.mark.parametrize("where", ["first page, after the salt", "a middle page", "the last page's MAC",
                                   "an IV"])
def test_the_same_damaged_pages_as_sqlcipher(filled: tuple[Path, bytes], where: str) -> None:
    path, dek = filled
    pages = path.stat().st_size // PAGE_SIZE
    offset = {"first page, after the salt": 100, "a middle page": (pages // 2) * PAGE_SIZE + 2000,
              "the last page's MAC": pages * PAGE_SIZE - 3, "an IV": 5 * PAGE_SIZE + 4020}[where]
    flip(path, offset)
    damaged = offset // PAGE_SIZE + 1
    report = check_pages(path, dek)
    assert report.damaged == (damaged,)
    reference = sqlcipher_says(path, dek)
    assert len(reference) == 1 and str(damaged) in reference[0]


def test_a_wrong_key_fails_every_page(filled: tuple[Path, bytes]) -> None:
    path, _dek = filled
    report = check_pages(path, bytes(32))
    assert len(report.damaged) == report.pages


def test_a_truncated_file_is_damaged(filled: tuple[Path, bytes]) -> None:
    path, dek = filled
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size - 100)
    assert check_pages(path, dek).truncated


def test_cancelled_between_chunks(filled: tuple[Path, bytes]) -> None:
    path, dek = filled
    with pytest.raises(Cancelled):
        check_pages(path, dek, cancelled=lambda: True)


def test_writes_wait_for_the_check_and_reads_do_not(vault: Vault, monkeypatch) -> None:
    """The gate: while the check runs, a read goes through and a write waits; the write goes on once
    every page has passed. A write before the check has begun is refused."""
    from kzdesk.core.vault import pages

    path = vault.path
    vault.close()
    release = threading.Event()
    real_check = pages.check_pages

    def slow_check(*args, **kwargs):
        release.wait(30)
        return real_check(*args, **kwargs)

    opened = Vault.open(path, PASSPHRASE)
    try:
        opened.pages.wait()  # the watch of this opening; replace it by one still checking
        held = PageWatch(path / DATABASE_FILE, opened._dek, lambda: VaultError("damaged"))
        opened.pages = held
        with opened.engine.begin() as conn:
            held.gate(conn.connection.dbapi_connection)
            with pytest.raises(Exception, match="not authorized"):
                conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('too-early', '1')")
        monkeypatch.setattr(pages, "check_pages", slow_check)
        held.start()
        with opened.engine.connect() as conn:
            held.gate(conn.connection.dbapi_connection)  # as open() installs it on every connection
            assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one() == 0  # no wait
        written = threading.Event()

        def write() -> None:
            with opened.engine.begin() as conn:
                held.gate(conn.connection.dbapi_connection)
                conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('gate-test', '1')")
            written.set()

        writer = threading.Thread(target=write)
        writer.start()
        assert not written.wait(0.5)  # held while the check runs
        release.set()
        writer.join(30)
        assert written.is_set()
    finally:
        opened.close()


def test_a_write_after_damage_is_found_is_refused_as_damage(filled: tuple[Path, bytes]) -> None:
    path, _dek = filled
    pages = path.stat().st_size // PAGE_SIZE
    flip(path, (pages - 2) * PAGE_SIZE + 50)
    before = path.read_bytes()
    opened = Vault.open(path.parent, PASSPHRASE)
    try:
        assert opened.pages.wait() is not None and opened.pages.damaged
        with pytest.raises(VaultDamaged), opened.transaction() as conn:
            conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('after-damage', '1')")
    finally:
        opened.close()
    assert path.read_bytes() == before


def test_the_daily_copy_is_made_after_the_check_off_the_database_thread(vault: Vault) -> None:
    from kzdesk.core.vault.repair import copies, is_intact

    path = vault.path
    vault.close()
    opened = Vault.open(path, PASSPHRASE)
    try:
        opened.keep_daily_copy_when_checked()
        for _ in range(300):
            if not opened.pages.busy:
                break
            threading.Event().wait(0.1)
        made = [c for c in copies(path) if c.name.endswith("-daily.db")]
        assert len(made) == 1 and is_intact(made[0], opened._dek)
    finally:
        opened.close()


def test_closing_interrupts_upkeep_under_way(vault: Vault) -> None:
    """Locking the window stops a daily copy at once: the job's interrupt is called and waited for."""
    started, interrupted = threading.Event(), threading.Event()

    def slow_copy(cancelled, on_cancel) -> None:
        on_cancel(interrupted.set)
        started.set()
        interrupted.wait(30)  # what sqlcipher_export does until its connection is interrupted

    vault.pages.after_check(slow_copy)
    assert started.wait(10)
    vault.close()
    assert interrupted.is_set() and not vault.pages.busy
