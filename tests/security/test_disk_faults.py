"""Disk full and I/O errors at every write-side step of the three writers of user files: a bundle,
a PDF report and the key slots (vault.json). Each time: a clean, translated error; the earlier
file, the vault header, the database and the export marks exactly as before; no temp files left;
and the same action retried on a healthy disk succeeds.

Every writer ends in kzdesk.core.atomic.write_atomic, so the faults are injected there, at
the module level where it looks up `os` and `tempfile`: the n-th step (make the temp file, set its
mode, write, flush, fsync, close, rename, then open, fsync and close the folder) fails. A real
small full filesystem (tmpfs) checks the same with the kernel's own ENOSPC where mounting is allowed.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import keyring
import pytest
from pypdf import PdfReader

from kzdesk.cli_reports import write_report
from kzdesk.core import atomic
from kzdesk.core.errors import InputError, KzdeskError, PassphraseError, VaultError
from kzdesk.core.exchange import trust
from kzdesk.core.exchange.card import Card
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.exchange.own import own_card
from kzdesk.core.i18n import tr
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.reports.case import build_pdf, gather
from kzdesk.core.vault import remember
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.layout import HEADER_FILE

from ..vaults import DATA, PASSPHRASE, MemoryKeyring
from .disks import fill

ERRNOS = [pytest.param(errno.ENOSPC, id="ENOSPC"), pytest.param(errno.EIO, id="EIO")]
# What each error says in Russian (the CLI runs below use --lang ru): translated, not the C library's.
SAID = {errno.ENOSPC: "диск заполнен", errno.EIO: "ошибке ввода-вывода"}


# --- the injector --------------------------------------------------------------------------------
class Faults:
    """Counts the write-side steps of atomic.py and makes the one at index `fail_at` raise."""

    def __init__(self, fail_at: int | None = None, code: int = errno.ENOSPC) -> None:
        self.fail_at, self.code = fail_at, code
        self.steps: list[str] = []

    def step(self, name: str) -> None:
        index = len(self.steps)
        self.steps.append(name)
        if index == self.fail_at:
            raise OSError(self.code, os.strerror(self.code))

    @property
    def fired(self) -> bool:
        return self.fail_at is not None and len(self.steps) > self.fail_at


def _kind(fd: int) -> str:
    return "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"


class FaultyFile:
    """The temp file's object: a failing write leaves half the data behind, as a short write does."""

    def __init__(self, fh: Any, faults: Faults) -> None:
        self._fh, self._faults = fh, faults

    def write(self, data: bytes) -> int:
        try:
            self._faults.step("write")
        except OSError:
            self._fh.write(data[: len(data) // 2])
            raise
        return int(self._fh.write(data))

    def flush(self) -> None:
        self._faults.step("flush")
        self._fh.flush()

    def fileno(self) -> int:
        return int(self._fh.fileno())

    def close(self) -> None:
        try:
            self._faults.step("close(file)")
        finally:  # a failed close still releases the descriptor, as on Linux
            self._fh.close()

    def __enter__(self) -> FaultyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FaultyOs:
    """`os` as atomic.py sees it; what it does not override is the real thing (unlink included:
    the clean-up after a failure is not a step that may fail here)."""

    def __init__(self, faults: Faults) -> None:
        self._faults = faults

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fchmod(self, fd: int, mode: int) -> None:
        self._faults.step("fchmod")
        os.fchmod(fd, mode)

    def fdopen(self, fd: int, *args: Any, **kwargs: Any) -> FaultyFile:
        return FaultyFile(os.fdopen(fd, *args, **kwargs), self._faults)

    def fsync(self, fd: int) -> None:
        self._faults.step(f"fsync({_kind(fd)})")
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self._faults.step("replace")
        os.replace(src, dst)

    def open(self, path: Any, flags: int, *args: Any) -> int:
        self._faults.step("open(dir)")
        return os.open(path, flags, *args)

    def close(self, fd: int) -> None:
        try:
            self._faults.step(f"close({_kind(fd)})")
        finally:
            os.close(fd)


class FaultyTempfile:
    def __init__(self, faults: Faults) -> None:
        self._faults = faults

    def __getattr__(self, name: str) -> Any:
        return getattr(tempfile, name)

    def mkstemp(self, *args: Any, **kwargs: Any) -> tuple[int, str]:
        self._faults.step("mkstemp")
        return tempfile.mkstemp(*args, **kwargs)


@contextmanager
def injected(faults: Faults) -> Iterator[Faults]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(atomic, "os", FaultyOs(faults))
        mp.setattr(atomic, "tempfile", FaultyTempfile(faults))
        yield faults


def count_steps(action: Callable[[], object]) -> list[str]:
    """The steps a clean run of action takes (and the run itself, which must succeed)."""
    with injected(Faults()) as faults:
        action()
    return faults.steps


def after_rename(steps: list[str], index: int) -> bool:
    """Steps whose failure does not fail the write: after the rename the new file is already in
    place (the folder's fsync is best effort, and a failure there must not be reported as nothing
    written); and setting the mode is best effort too, because a FAT/exFAT stick (portable mode)
    has no Unix permissions and refuses chmod."""
    return index > steps.index("replace") or steps[index] == "fchmod"


EXPECTED_STEPS = ["mkstemp", "fchmod", "write", "flush", "fsync(file)", "close(file)", "replace",
                  "open(dir)", "fsync(dir)", "close(dir)"]


# --- what "nothing changed" means ----------------------------------------------------------------
def database(vault: Vault) -> dict[str, list[str]]:
    """Every row of every table (export marks, sequence numbers, settings included)."""
    with vault.engine.connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(repr(tuple(row)) for row in conn.exec_driver_sql(f'SELECT * FROM "{t}"'))
                for t in tables}


def leftovers(root: Path) -> list[Path]:
    return sorted(root.rglob(".tmp-*"))


def assert_clean_error(error: KzdeskError, code: int, kind: type[KzdeskError]) -> None:
    assert isinstance(error, kind), type(error)
    english = error.message("en")
    assert english.startswith("Cannot write ")
    assert (tr("the disk is full", "en") if code == errno.ENOSPC else "input/output error") in english
    # The reason is put in words when the error is raised (here in English); the CLI runs with
    # --lang ru below check a whole Russian message.
    assert error.message("ru").startswith("Не удаётся записать ")
    assert "жазылмады" in error.message("kk")


# --- fixtures ------------------------------------------------------------------------------------
def add_persons(vault: Vault, prefix: str, count: int) -> None:
    changes = vault.changeset()
    for i in range(count):
        name = f"{prefix} Тұлға {i} " + os.urandom(64).hex()  # incompressible: the bundle has some size
        changes.create("person", {"name": name, "name_key": name.lower()})
    vault.commit(changes)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Vault, Vault]]:
    """A volunteer and a coordinator who trust each other."""
    coordinator = Vault.create(tmp_path / "c", PASSPHRASE, Profile("coordinator", "C", ""), kdf=floor_params())
    volunteer = Vault.create(tmp_path / "v", PASSPHRASE, Profile("volunteer", "V", ""), kdf=floor_params())
    with volunteer.transaction() as conn:
        trust.add(conn, Card.parse(own_card(coordinator).export(coordinator.identity)), volunteer.identity.key_id)
    with coordinator.transaction() as conn:
        trust.add(conn, Card.parse(own_card(volunteer).export(volunteer.identity)), coordinator.identity.key_id)
    yield volunteer, coordinator
    volunteer.close()
    coordinator.close()


def check_imports(volunteer: Vault, coordinator: Vault, bundles: list[Path]) -> None:
    """Every bundle written merges on the coordinator in order, with no gap in the sequence."""
    outcomes = import_bundles(coordinator, bundles)
    assert [(o.status, o.seq, o.missing) for o in outcomes] == [("merged", n, []) for n in range(1, len(bundles) + 1)]
    persons = "SELECT uuid, name FROM person ORDER BY uuid"
    with volunteer.engine.connect() as v, coordinator.engine.connect() as c:
        assert v.exec_driver_sql(persons).fetchall() == c.exec_driver_sql(persons).fetchall()


# --- bundles -------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", ERRNOS)
def test_bundle_export_at_every_step(pair: tuple[Vault, Vault], tmp_path: Path, code: int) -> None:
    volunteer, coordinator = pair
    written: list[Path] = []

    def export_new(out: Path) -> None:
        seq_before = len(written)
        report = export_bundle(volunteer, out)
        assert (report.seq, report.revisions) == (seq_before + 1, 3)
        written.append(out)

    add_persons(volunteer, "clean", 3)
    assert count_steps(lambda: export_new(tmp_path / "0.kzb")) == EXPECTED_STEPS
    for index in range(len(EXPECTED_STEPS)):
        add_persons(volunteer, f"r{index}", 3)
        out = tmp_path / f"{index + 1}.kzb"
        header, rows = (volunteer.path / HEADER_FILE).read_bytes(), database(volunteer)
        with injected(Faults(index, code)) as faults:
            if after_rename(EXPECTED_STEPS, index):
                export_new(out)
                assert faults.fired
                continue
            with pytest.raises(InputError) as caught:
                export_bundle(volunteer, out)
        assert faults.fired
        assert_clean_error(caught.value, code, InputError)
        assert not out.exists()
        assert database(volunteer) == rows  # no export mark, no sequence number used up
        assert (volunteer.path / HEADER_FILE).read_bytes() == header
        assert leftovers(tmp_path) == []
        export_new(out)  # the same three records, under the next number
    check_imports(volunteer, coordinator, written)


def test_bundle_export_over_an_earlier_file_and_via_the_cli(pair: tuple[Vault, Vault], kz, tmp_path: Path) -> None:
    volunteer, coordinator = pair
    add_persons(volunteer, "a", 3)
    out = tmp_path / "bundle.kzb"
    out.write_bytes(b"an earlier file the user chose to overwrite")
    rows = database(volunteer)
    volunteer.close()
    for index, code in ((2, errno.ENOSPC), (4, errno.EIO), (6, errno.ENOSPC)):  # write, fsync, rename
        with injected(Faults(index, code)) as faults:
            result = kz("--lang", "ru", "export-bundle", "--out", str(out), vault=volunteer.path)
        assert faults.fired
        assert result.code == InputError.exit_code, result.err
        assert "Не удаётся записать" in result.err and SAID[code] in result.err, result.err
        assert out.read_bytes() == b"an earlier file the user chose to overwrite"
        assert leftovers(tmp_path) == []
    with Vault.open(volunteer.path, PASSPHRASE) as reopened:
        assert database(reopened) == rows
    assert kz("export-bundle", "--out", str(out), vault=volunteer.path).code == 0
    with Vault.open(volunteer.path, PASSPHRASE) as reopened:
        check_imports(reopened, coordinator, [out])


# --- PDF reports ---------------------------------------------------------------------------------
@pytest.fixture
def report(vault: Vault) -> tuple[str, bytes]:
    """The busiest person of a real month and their case summary as PDF bytes."""
    import_csv(vault, DATA / "monitoring_2021_12.csv")
    with vault.engine.connect() as conn:
        person = conn.exec_driver_sql(
            "SELECT p.uuid FROM person p JOIN act a ON a.person = p.uuid GROUP BY p.uuid "
            "ORDER BY count(*) DESC, p.name LIMIT 1").scalar_one()
        return person, build_pdf(gather(conn, person), "ru")


def assert_pdf(path: Path, data: bytes) -> None:
    assert path.read_bytes() == data
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) >= 1 and "Сводка по делу" in reader.pages[0].extract_text()


@pytest.mark.parametrize("code", ERRNOS)
def test_pdf_report_at_every_step(report: tuple[str, bytes], vault: Vault, tmp_path: Path, code: int) -> None:
    _, data = report
    out = tmp_path / "reports"
    out.mkdir()
    steps = count_steps(lambda: write_report(out / "clean.pdf", data))
    assert steps == EXPECTED_STEPS
    rows = database(vault)
    for index in range(len(steps)):
        earlier, fresh = out / f"earlier-{index}.pdf", out / f"fresh-{index}.pdf"
        earlier.write_bytes(b"%PDF-1.4 the report written last week")
        for target in (earlier, fresh):
            before = target.read_bytes() if target.exists() else None
            with injected(Faults(index, code)) as faults:
                if after_rename(steps, index):
                    write_report(target, data)
                    assert faults.fired
                    assert_pdf(target, data)
                    continue
                with pytest.raises(InputError) as caught:
                    write_report(target, data)
            assert faults.fired
            assert_clean_error(caught.value, code, InputError)
            assert (target.read_bytes() if target.exists() else None) == before
            assert leftovers(tmp_path) == []
            write_report(target, data)
            assert_pdf(target, data)
    assert database(vault) == rows


def test_pdf_report_via_the_cli(report: tuple[str, bytes], vault: Vault, kz, tmp_path: Path) -> None:
    person, _ = report
    vault.close()
    out = tmp_path / "summary.pdf"
    for index, code in ((0, errno.EIO), (2, errno.ENOSPC), (5, errno.EIO)):  # mkstemp, write, close
        with injected(Faults(index, code)) as faults:
            result = kz("--lang", "ru", "report", "person", person, "--out", str(out), vault=vault.path)
        assert faults.fired
        assert result.code == InputError.exit_code, result.err
        assert "Не удаётся записать" in result.err and SAID[code] in result.err, result.err
        assert not out.exists() and leftovers(tmp_path) == []
    assert kz("--lang", "ru", "report", "person", person, "--out", str(out), vault=vault.path).code == 0
    assert "Сводка по делу" in PdfReader(out).pages[0].extract_text()


# --- key slots -----------------------------------------------------------------------------------
def opens_with(path: Path, passphrase: str) -> bool:
    try:
        VaultHeader.load(path / HEADER_FILE).unlock(passphrase)
    except PassphraseError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("code", ERRNOS)
def test_passphrase_change_at_every_step(vault: Vault, tmp_path: Path, code: int) -> None:
    header_file = vault.path / HEADER_FILE
    steps = count_steps(lambda: vault.change_passphrase("first new passphrase", kdf=floor_params()))
    assert steps == EXPECTED_STEPS
    current = "first new passphrase"
    rows = database(vault)
    for index in range(len(steps)):
        wanted = f"passphrase number {index}"
        on_disk, in_memory = header_file.read_bytes(), vault.header
        assert in_memory.to_bytes() == on_disk
        with injected(Faults(index, code)) as faults:
            if after_rename(steps, index):
                vault.change_passphrase(wanted, kdf=floor_params())
            else:
                with pytest.raises(VaultError) as caught:
                    vault.change_passphrase(wanted, kdf=floor_params())
        assert faults.fired
        if not after_rename(steps, index):
            assert_clean_error(caught.value, code, VaultError)
            assert "The passphrase was not changed" in caught.value.message("en")
            assert header_file.read_bytes() == on_disk
            # The open vault kept its header: a later save (remember on/off) cannot write the half-made change.
            assert vault.header is in_memory and vault.header.to_bytes() == on_disk
            assert leftovers(tmp_path) == []
            assert opens_with(vault.path, current)  # the old passphrase still opens
            vault.change_passphrase(wanted, kdf=floor_params())  # the retry
        assert header_file.read_bytes() == vault.header.to_bytes() != on_disk
        current = wanted  # checked at the start of the next round (a derivation saved per round)
    assert opens_with(vault.path, current) and not opens_with(vault.path, PASSPHRASE)
    assert database(vault) == rows
    vault.close()
    Vault.open(vault.path, current).close()


@pytest.mark.parametrize("code", ERRNOS)
def test_remember_on_and_off_at_every_step(vault: Vault, tmp_path: Path, code: int) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    header_file = vault.path / HEADER_FILE

    def remembered() -> bool:
        return remember.recall(VaultHeader.load(header_file)) is not None

    steps = count_steps(lambda: vault.remember_on_this_computer(True))
    assert steps == EXPECTED_STEPS and remembered()
    vault.remember_on_this_computer(False)
    assert not remembered() and memory.items == {}
    for index in range(len(steps)):
        for enable in (True, False):
            on_disk, in_memory, entries = header_file.read_bytes(), vault.header, dict(memory.items)
            with injected(Faults(index, code)) as faults:
                if after_rename(steps, index):
                    vault.remember_on_this_computer(enable)
                else:
                    with pytest.raises(VaultError) as caught:
                        vault.remember_on_this_computer(enable)
            assert faults.fired
            if not after_rename(steps, index):
                assert_clean_error(caught.value, code, VaultError)
                assert header_file.read_bytes() == on_disk
                assert vault.header is in_memory
                # The keyring holds the key the header on disk uses: remembered exactly as before.
                assert memory.items == entries
                assert remembered() is not enable
                assert leftovers(tmp_path) == []
                vault.remember_on_this_computer(enable)
            assert header_file.read_bytes() == vault.header.to_bytes() != on_disk
            assert remembered() is enable
            assert bool(memory.items) is enable
    assert opens_with(vault.path, PASSPHRASE)  # the passphrase slot never moved


def test_key_slots_via_the_cli(vault: Vault, kz, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kzdesk.core.vault.vault.calibrate", floor_params)  # calibration is tested elsewhere
    keyring.set_keyring(MemoryKeyring())
    vault.close()
    header = (vault.path / HEADER_FILE).read_bytes()
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", "a new passphrase")
    for args, index, code in ((("passwd",), 4, errno.EIO), (("passwd",), 2, errno.ENOSPC),
                              (("remember", "on"), 6, errno.EIO)):
        with injected(Faults(index, code)) as faults:
            result = kz("--lang", "ru", *args, vault=vault.path)
        assert faults.fired
        assert result.code == VaultError.exit_code, result.err
        assert "Не удаётся записать" in result.err and SAID[code] in result.err, result.err
        if args == ("passwd",):
            assert "Парольная фраза не изменена" in result.err
        assert (vault.path / HEADER_FILE).read_bytes() == header and leftovers(tmp_path) == []
    assert kz("passwd", vault=vault.path).code == 0
    assert opens_with(vault.path, "a new passphrase") and not opens_with(vault.path, PASSPHRASE)


# --- a real small full filesystem ----------------------------------------------------------------
def test_a_really_full_disk(small_disk: Path, pair: tuple[Vault, Vault], report: tuple[str, bytes],
                            vault: Vault, tmp_path: Path) -> None:
    volunteer, coordinator = pair
    _, data = report
    add_persons(volunteer, "full", 20)
    # The key slots of a vault that lives on the small disk.
    keys = Vault.create(small_disk / "vault", PASSPHRASE, Profile("volunteer", "K", ""), kdf=floor_params())
    try:
        check_full_disk(small_disk, keys, volunteer, coordinator, data, tmp_path)
    finally:
        keys.close()
    assert opens_with(small_disk / "vault", "a new passphrase")
    assert leftovers(tmp_path) == []


def check_full_disk(small_disk: Path, keys: Vault, volunteer: Vault, coordinator: Vault, data: bytes,
                    tmp_path: Path) -> None:
    (small_disk / "earlier.pdf").write_bytes(b"%PDF-1.4 last week's report")
    bundle, pdf = small_disk / "b.kzb", small_disk / "earlier.pdf"
    rows, header = database(volunteer), (keys.path / HEADER_FILE).read_bytes()
    filler = fill(small_disk)
    try:
        with pytest.raises(InputError) as caught:
            export_bundle(volunteer, bundle)
        assert_clean_error(caught.value, errno.ENOSPC, InputError)
        assert not bundle.exists() and database(volunteer) == rows
        with pytest.raises(InputError) as caught:
            write_report(pdf, data)
        assert_clean_error(caught.value, errno.ENOSPC, InputError)
        assert pdf.read_bytes() == b"%PDF-1.4 last week's report"
        with pytest.raises(VaultError) as caught:
            keys.change_passphrase("a new passphrase", kdf=floor_params())
        assert_clean_error(caught.value, errno.ENOSPC, VaultError)
        assert (keys.path / HEADER_FILE).read_bytes() == header == keys.header.to_bytes()
        assert opens_with(keys.path, PASSPHRASE)
        assert leftovers(tmp_path) == []
    finally:
        filler.unlink()
    export_bundle(volunteer, bundle)
    check_imports(volunteer, coordinator, [bundle])
    write_report(pdf, data)
    assert_pdf(pdf, data)
    keys.change_passphrase("a new passphrase", kdf=floor_params())
