"""Revocation judged by the chain, gaps checked against both neighbours, and what a stranger's bundle
may cost (issue 12, points 3 and 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import authorship, trust
from kzdesk.core.exchange.bundle import build
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.merge import merge_revisions
from kzdesk.core.exchange.quarantine import QUARANTINE_INLINE, accept_quarantined, quarantined
from kzdesk.core.model.attachments import attach
from kzdesk.core.model.revisions import make_revision
from kzdesk.core.model.vault import Vault

from ..vaults import head, import_bundle, introduce, make_vault, record


@pytest.fixture
def pair(tmp_path: Path):
    c = make_vault(tmp_path / "c", "coordinator", "Coordinator")
    v = make_vault(tmp_path / "v", "volunteer", "Volunteer")
    introduce(v, c)
    introduce(c, v)
    yield c, v
    c.close()
    v.close()


def bundles(v: Vault, tmp_path: Path, count: int) -> list[tuple[Path, str]]:
    """count genuine bundles, one case each, with each manifest's hash (what the next one chains to)."""
    out = []
    for i in range(count):
        record(v, f"Person {i}")
        path = tmp_path / f"v{i + 1}.kzb"
        export_bundle(v, path)
        with v.engine.connect() as conn:
            out.append((path, str(conn.exec_driver_sql("SELECT value FROM setting WHERE key = 'export_prev'")
                                  .scalar())))
    return out


def forge(v: Vault, seq: int, prev: str | None, path: Path) -> Path:
    """What anyone holding the volunteer's key can make: any number, any previous hash."""
    record(v, "Made after the key was taken")
    with v.engine.connect() as conn:
        recipients = trust.coordinator_recipients(conn)
        rows = conn.exec_driver_sql("SELECT id FROM revision WHERE id NOT IN (SELECT revision FROM export_mark)")
        fresh = [head_of(v, r[0]) for r in rows]
    data, _ = build(v.identity, seq, prev, recipients, fresh, {})
    path.write_bytes(data)
    return path


def head_of(v: Vault, rev_id: str):
    import json

    from kzdesk.core.model.revisions import RevisionRow

    with v.engine.connect() as conn:
        r = conn.exec_driver_sql("SELECT id, kind, record, parents, hlc, author, content_hash, deleted, body "
                                 "FROM revision WHERE id = ?", (rev_id,)).one()
    return RevisionRow(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6], bool(r[7]), r[8])


def test_a_revoked_key_cannot_fill_a_gap_with_a_new_bundle(pair, tmp_path: Path) -> None:
    c, v = pair
    made = bundles(v, tmp_path, 5)
    for path, _ in (made[0], made[1], made[2], made[4]):  # number 4 is still on its way
        assert import_bundle(c, path).status == "merged"
    with c.transaction() as conn:
        trust.revoke(conn, v.identity.key_id, 5)
    # Whoever took the key makes a new "number 4" after the revocation, chained after number 3.
    outcome = import_bundle(c, forge(v, 4, made[2][1], tmp_path / "forged4.kzb"))
    assert (outcome.status, outcome.reason) == ("quarantined", "fork")
    # The real number 4, made before the revocation, is the one number 5 names: it merges.
    assert import_bundle(c, made[3][0]).status == "merged"


def test_a_revoked_keys_last_allowed_number_needs_a_later_bundle_to_vouch(pair, tmp_path: Path) -> None:
    c, v = pair
    made = bundles(v, tmp_path, 2)
    assert import_bundle(c, made[0][0]).status == "merged"
    with c.transaction() as conn:
        trust.revoke(conn, v.identity.key_id, 2)
    outcome = import_bundle(c, forge(v, 2, made[0][1], tmp_path / "forged2.kzb"))
    assert outcome.status == "quarantined" and outcome.reason is not None and "revoked" in outcome.reason
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 1


def test_a_gap_filled_late_must_fit_the_bundle_after_it(pair, tmp_path: Path) -> None:
    c, v = pair
    made = bundles(v, tmp_path, 3)
    for path, _ in (made[0], made[2]):
        assert import_bundle(c, path).status == "merged"
    outcome = import_bundle(c, forge(v, 2, made[0][1], tmp_path / "other2.kzb"))
    assert (outcome.status, outcome.reason) == ("quarantined", "fork")
    assert import_bundle(c, made[1][0]).status == "merged"


def test_a_large_bundle_from_a_stranger_stays_in_its_file(pair, tmp_path: Path) -> None:
    c, _v = pair
    stranger = make_vault(tmp_path / "s", "volunteer", "Stranger")
    introduce(stranger, c)  # the coordinator's public card is all it takes
    case = record(stranger, "Someone")
    with stranger.transaction() as conn:
        changes = stranger.changeset()
        attach(changes, conn, os.urandom(QUARANTINE_INLINE + 4096), "big.bin", "person", case["person"])
        stranger.commit(changes, conn)
    path = tmp_path / "stranger.kzb"
    export_bundle(stranger, path)
    size_before = (c.path / "kzdesk.db").stat().st_size + (c.path / "kzdesk.db-wal").stat().st_size
    outcome = import_bundle(c, path)
    assert (outcome.status, outcome.reason) == ("quarantined", "unknown signer")
    with c.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT payload, source_path FROM quarantine").one()
        assert quarantined(conn)[0].reason == "unknown signer"
    assert row[0] is None and row[1] == str(path.absolute())
    size_after = (c.path / "kzdesk.db").stat().st_size + (c.path / "kzdesk.db-wal").stat().st_size
    assert size_after - size_before < QUARANTINE_INLINE  # the bytes were not copied in
    # Accepting reads the very same file again; a changed or missing file is refused, nothing merged.
    original = path.read_bytes()
    path.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    with pytest.raises(InputError):
        accept_quarantined(c, outcome.bundle or "")
    path.unlink()
    with pytest.raises(InputError):
        accept_quarantined(c, outcome.bundle or "")
    path.write_bytes(original)
    report = accept_quarantined(c, outcome.bundle or "")
    assert report.new >= 3
    stranger.close()


def test_thousands_of_concurrent_versions_merge_in_one_pass(pair, monkeypatch: pytest.MonkeyPatch) -> None:
    """n concurrent versions of one record: each revision's history is walked a bounded number of
    times (the old merge walked the whole growing history once per version: quadratic)."""
    import json

    from kzdesk.core.model import threeway

    c, _v = pair
    case = record(c, "Ким Виктор")
    base = head(c, "person", case["person"])
    visits = [0]
    real_walk = threeway.walk

    def counting(conn, start, stop, parents=None):  # type: ignore[no-untyped-def]
        new, met = real_walk(conn, start, stop, parents)
        visits[0] += len(new) + len(met)
        return new, met

    monkeypatch.setattr(threeway, "walk", counting)
    n = 1600
    versions = [make_revision("person", base.record, {**json.loads(base.body), "occupation": f"v{i}"},
                              (base.id,), f"{1_700_000_000_000 + i:013d}-00000000-x", c.identity.key_id)
                for i in range(n)]
    with c.transaction() as conn:
        report = merge_revisions(conn, versions)
    assert report.conflicts == n - 1  # each version joins the merged rest with one conflict
    assert 0 < visits[0] < 6 * n  # walked (through the patched function), and near-linearly
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT occupation FROM person WHERE uuid = ?", (base.record,)).scalar() == \
            f"v{n - 1}"  # the latest stamp is shown while the conflicts wait


def test_an_edit_arriving_before_its_record_waits_and_merges_when_the_record_comes(pair, tmp_path: Path) -> None:
    c, v = pair
    case = record(v, "Ким Виктор")
    export_bundle(v, tmp_path / "1.kzb")
    with v.transaction() as conn:
        changes = v.changeset()
        changes.update(conn, "person", case["person"], {"occupation": "журналист"})
        v.commit(changes, conn)
    export_bundle(v, tmp_path / "2.kzb")
    early = import_bundle(c, tmp_path / "2.kzb")  # the edit, before the record it edits
    assert (early.status, early.reason) == ("quarantined", authorship.WAITING)
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0
    assert import_bundle(c, tmp_path / "1.kzb").status == "merged"
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT occupation FROM person").scalar() == "журналист"
        assert quarantined(conn) == []
        statuses = dict(conn.exec_driver_sql("SELECT seq, status FROM bundle_log").fetchall())
    assert statuses == {1: "merged", 2: "merged"}
    assert missing_bundles_of(c) == {}


def missing_bundles_of(c: Vault) -> dict[str, list[int]]:
    from kzdesk.core.exchange.chain import missing_bundles

    with c.engine.connect() as conn:
        return missing_bundles(conn)
