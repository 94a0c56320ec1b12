"""Bundles checked ahead in a second process (core/exchange/checking.py) give what checking them here
gives, whatever they hold, and an import falls back to checking here when the child fails.

The bundles are a coordinator's real mail: a trusted volunteer's bundles, one from a stranger, one
with a byte changed after signing, bytes that are no bundle at all, and one taken twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kzdesk.core.exchange import checking, importing, trust
from kzdesk.core.exchange.bundle import build
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import child_ready, import_bundles, verify, verify_in_child
from kzdesk.core.exchange.own import age_identity
from kzdesk.core.model.revisions import make_revision
from kzdesk.core.model.vault import Vault

from ..vaults import MERGED_TABLES, import_bundle, introduce, make_vault, record, rows

TABLES = MERGED_TABLES


@pytest.fixture
def mail(tmp_path: Path) -> tuple[Vault, Vault, list[Path]]:
    """A coordinator, a second one taking the same files one import at a time, and the files."""
    c = make_vault(tmp_path / "c", "coordinator", "Coordinator")
    single = make_vault(tmp_path / "single", "coordinator", "Coordinator")
    a = make_vault(tmp_path / "a", "volunteer", "Volunteer")
    stranger = make_vault(tmp_path / "s", "volunteer", "Stranger")
    for coordinator in (c, single):
        introduce(a, coordinator)
        introduce(coordinator, a)
        introduce(stranger, coordinator)  # they know the coordinators; no coordinator trusts them
    files = []
    for n in range(6):
        record(a, f"Әлиев Нұрлан {n}")
        export_bundle(a, tmp_path / f"a{n}.kzb")
        files.append(tmp_path / f"a{n}.kzb")
    record(stranger, "Ким Виктор")
    export_bundle(stranger, tmp_path / "s.kzb")
    files.append(tmp_path / "s.kzb")
    # The volunteer's key turned hostile: a bundle built and signed with the project's own build(),
    # whose act names a type no editor writes. The checks refuse it, in the child as here.
    with a.transaction() as conn:
        settings = dict(conn.exec_driver_sql("SELECT key, value FROM setting").fetchall())
        act = conn.exec_driver_sql("SELECT r.body FROM act t JOIN revision r ON r.id = t.rev LIMIT 1").scalar()
        forged = make_revision("act", "c" * 32, {**json.loads(str(act)), "act_type": "execution"}, (),
                               a.clock.tick(), a.identity.key_id)
        data, _manifest = build(a.identity, int(settings["export_seq"]) + 1, settings.get("export_prev"),
                                trust.coordinator_recipients(conn), [forged], {})
    (tmp_path / "hostile.kzb").write_bytes(data)
    files.append(tmp_path / "hostile.kzb")
    changed = bytearray(files[2].read_bytes())
    changed[len(changed) // 2] ^= 1
    (tmp_path / "changed.kzb").write_bytes(bytes(changed))
    (tmp_path / "noise.kzb").write_bytes(b"age-encryption.org/v1\n" + bytes(range(256)) * 8)
    files[3:3] = [tmp_path / "changed.kzb", tmp_path / "noise.kzb"]
    files.append(files[0])  # the same file again
    yield c, single, files
    for v in (c, single, a, stranger):
        v.close()


def _same(found: Any, here: Any) -> None:
    (outcome, opened, received), (outcome2, opened2, received2) = found, here
    assert outcome.to_json() == outcome2.to_json() and received == received2
    assert (opened is None) == (opened2 is None)
    if opened is not None:
        assert (opened.manifest, opened.signature, opened.revisions, opened.proofs) == \
            (opened2.manifest, opened2.signature, opened2.revisions, opened2.proofs)
        assert bytes(opened.payload) == bytes(opened2.payload)
        assert {k: bytes(v) for k, v in opened.blobs.items()} == {k: bytes(v) for k, v in opened2.blobs.items()}


def _check_all(c: Vault, files: list[Path], monkeypatch: Any,
               after: Callable[[checking.Checks], None] | None = None) -> list[Any]:
    """Every file checked through a ready child, a pause for each merge; each finding is the same
    as checking here. after(checks) looks at the checks after each one."""
    monkeypatch.setattr(checking, "AT_LEAST", 1)
    with c.engine.connect() as conn:
        secret = age_identity(conn, create=False)
    with checking.Checks(files, secret, verify, verify_in_child, child_ready) as checks:
        assert checks.warm is not None and checks.warm.result(timeout=60)
        results = []
        for i in range(len(files)):
            results.append(checks.check(i))
            if after is not None:
                after(checks)
            time.sleep(0.2)  # the merge of this one, while the child checks the next ones
        assert checks.from_child == len(files) - 1  # all but the first, asked before any was ahead
    for path, found in zip(files, results, strict=True):
        _same(found, verify(path, secret))
    return results


def test_the_child_finds_what_checking_here_finds(mail, monkeypatch) -> None:
    c, _single, files = mail
    results = _check_all(c, files, monkeypatch)
    refused = [path.name for path, found in zip(files, results, strict=True) if found[1] is None]
    assert refused == ["changed.kzb", "noise.kzb", "hostile.kzb"]
    assert all(found[0].reason for found in results if found[1] is None)


def test_an_import_with_the_child_gives_the_rows_of_one_at_a_time(mail, monkeypatch) -> None:
    c, single, files = mail
    one_at_a_time = [import_bundle(single, f).status for f in files]
    monkeypatch.setattr(checking, "AT_LEAST", 2)
    made: list[checking.Checks] = []

    class Watched(checking.Checks):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            assert self.warm is not None and self.warm.result(timeout=60)  # the child is ready first
            made.append(self)

    monkeypatch.setattr(importing, "Checks", Watched)
    outcomes = import_bundles(c, files)
    assert made and made[0].from_child > 0 and made[0].pool is None  # used, then closed
    assert [o.status for o in outcomes] == one_at_a_time
    assert [o.status for o in outcomes].count("merged") == 6
    assert outcomes[-2].status == "rejected"  # the hostile key's bundle (the last file is a repeat)
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM act WHERE uuid = ?", ("c" * 32,)).scalar() == 0
    assert rows(c, *TABLES) == rows(single, *TABLES)


def test_a_child_that_dies_leaves_the_checks_to_this_process(mail, monkeypatch) -> None:
    c, single, files = mail
    one_at_a_time = [import_bundle(single, f).status for f in files]
    monkeypatch.setattr(checking, "AT_LEAST", 2)

    class Killed(checking.Checks):
        def check(self, index: int) -> Any:
            if index == 2:
                assert self.pool is not None
                assert self.futures  # bundles were sent ahead
                for process in list(self.pool._processes.values()):  # type: ignore[attr-defined]
                    process.kill()
                time.sleep(0.2)
            return super().check(index)

        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            assert self.warm is not None and self.warm.result(timeout=60)

    monkeypatch.setattr(importing, "Checks", Killed)
    outcomes = import_bundles(c, files)
    assert [o.status for o in outcomes] == one_at_a_time
    assert rows(c, *TABLES) == rows(single, *TABLES)


def test_the_child_holds_no_more_than_its_byte_budget_ahead(mail, monkeypatch) -> None:
    """Bundles wait in memory once checked: the child is given no more file bytes ahead than
    AHEAD_BYTES, and whatever it was not given is checked here, with the same findings."""
    c, _single, files = mail
    budget = max(f.stat().st_size for f in files) + 1  # room for one bundle ahead, never two
    monkeypatch.setattr(checking, "AHEAD_BYTES", budget)

    def within(checks: checking.Checks) -> None:
        assert len(checks.futures) <= 1 and sum(checks.sizes.values()) <= budget

    _check_all(c, files, monkeypatch, within)
