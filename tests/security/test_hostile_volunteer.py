"""A trusted volunteer turned hostile, with only their own key and the project's own build().

Each attack below was merged by kzdesk before authors were proven (issue 12, point 1): now every
one is quarantined with its reason and changes nothing a report, `history` or a case summary shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzdesk.core.exchange import authorship, trust
from kzdesk.core.exchange.bundle import build
from kzdesk.core.exchange.conflicts import open_conflicts
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.links import decide
from kzdesk.core.exchange.merge import merge_revisions
from kzdesk.core.exchange.quarantine import Quarantined, quarantined
from kzdesk.core.model.revisions import Clock, RevisionRow, make_revision
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.case import gather

from ..vaults import head, import_bundle, introduce, make_vault, record

FUTURE = "9999999999999-00000000-evil"


@pytest.fixture
def field(tmp_path: Path):
    """Volunteers A and B and their coordinator C; each volunteer's first bundle is merged."""
    c = make_vault(tmp_path / "c", "coordinator", "Coordinator")
    a = make_vault(tmp_path / "a", "volunteer", "VolunteerA")
    b = make_vault(tmp_path / "b", "volunteer", "VolunteerB")
    for v in (a, b):
        introduce(v, c)
        introduce(c, v)
    cases = {v.identity.key_id: record(v, name) for v, name in ((a, "Әлиев Нұрлан"), (b, "Ким Виктор"))}
    for v in (a, b):
        export_bundle(v, tmp_path / f"{v.profile.display_name}.kzb")
        assert import_bundle(c, tmp_path / f"{v.profile.display_name}.kzb").status == "merged"
    yield c, a, b, cases
    for v in (a, b, c):
        v.close()


def edited(rev: RevisionRow, author: str, hlc: str, deleted: bool = False, parents: tuple[str, ...] | None = None,
           **changes: object) -> RevisionRow:
    body = {**json.loads(rev.body), **changes}
    return make_revision(rev.kind, rev.record, body, (rev.id,) if parents is None else parents, hlc, author, deleted)


def send(attacker: Vault, revisions: list[RevisionRow], path: Path) -> Path:
    """A bundle as the attacker's own kzdesk would build it: their key, their next number, their chain."""
    with attacker.transaction() as conn:
        settings = dict(conn.exec_driver_sql("SELECT key, value FROM setting").fetchall())
        recipients = trust.coordinator_recipients(conn)
        seq = int(settings.get("export_seq", 0)) + 1
        data, manifest = build(attacker.identity, seq, settings.get("export_prev"), recipients, revisions, {})
        conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = 'export_seq'", (str(seq),))
        conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = 'export_prev'", (manifest.hash,))
    path.write_bytes(data)
    return path


def stamp(vault: Vault) -> str:
    return vault.clock.tick()


def imported(c: Vault, bundle: Path) -> tuple[str, str | None, bool]:
    """The bundle's outcome and reason, and whether the coordinator's records, history and conflicts
    are as they were (True: nothing of it merged)."""
    before = snapshot_rows(c)
    outcome = import_bundle(c, bundle)
    return outcome.status, outcome.reason, snapshot_rows(c) == before


def refused(reason: str) -> tuple[str, str, bool]:
    """What imported() gives for a bundle quarantined for reason with nothing of it merged."""
    return "quarantined", reason, True


def snapshot_rows(c: Vault) -> dict[str, list[tuple[object, ...]]]:
    with c.engine.connect() as conn:
        return {t: sorted(tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {t}"))
                for t in ("person", "event", "act", "link", "revision", "conflict")}


def test_renaming_someone_elses_person_under_their_name_is_quarantined(field, tmp_path: Path) -> None:
    c, a, b, cases = field
    victim = head(c, "person", cases[b.identity.key_id]["person"])
    forged = edited(victim, b.identity.key_id, stamp(a), name="FORGED BY A", notes="fabricated")
    assert imported(c, send(a, [forged], tmp_path / "f.kzb")) == refused(authorship.UNSIGNED_AUTHOR)
    with c.engine.connect() as conn:
        summary = gather(conn, victim.record)
    assert summary["person"]["name"] == "Ким Виктор"
    assert [q.reason for q in quarantined_list(c)] == [authorship.UNSIGNED_AUTHOR]


def quarantined_list(c: Vault) -> list[Quarantined]:
    with c.engine.connect() as conn:
        return quarantined(conn)


def test_renaming_someone_elses_person_as_oneself_is_quarantined(field, tmp_path: Path) -> None:
    c, a, b, cases = field
    victim = head(c, "person", cases[b.identity.key_id]["person"])
    forged = edited(victim, a.identity.key_id, stamp(a), name="FORGED BY A")
    assert imported(c, send(a, [forged], tmp_path / "f.kzb")) == refused(authorship.NOT_THEIRS)


def test_deleting_someone_elses_act_is_quarantined(field, tmp_path: Path) -> None:
    c, a, b, cases = field
    act = head(c, "act", cases[b.identity.key_id]["act"])
    tombstone = edited(act, a.identity.key_id, stamp(a), deleted=True)
    assert imported(c, send(a, [tombstone], tmp_path / "d.kzb")) == refused(authorship.NOT_THEIRS)


def test_a_parentless_revision_from_the_future_cannot_take_over_a_record(field, tmp_path: Path) -> None:
    c, a, b, cases = field
    victim = head(c, "person", cases[b.identity.key_id]["person"])
    for hlc in (FUTURE, "0000000000001-00000000-evil"):  # later to win the value, earlier to be the creator
        root = edited(victim, a.identity.key_id, hlc, parents=(), name="FORGED BY A")
        assert imported(c, send(a, [root], tmp_path / f"r{hlc[:2]}.kzb")) == refused(authorship.NOT_THEIRS)


def test_a_volunteer_cannot_change_the_coordinators_duplicate_decision(field, tmp_path: Path) -> None:
    c, a, b, cases = field
    pa, pb = cases[a.identity.key_id]["person"], cases[b.identity.key_id]["person"]
    decide(c, pa, pb, "different")
    with c.engine.connect() as conn:
        link = conn.exec_driver_sql("SELECT uuid FROM link").scalar()
    decision = head(c, "link", link)
    for author in (c.identity.key_id, a.identity.key_id):
        same = edited(decision, author, stamp(a), decision="same")
        reason = authorship.UNSIGNED_AUTHOR if author == c.identity.key_id else authorship.NOT_A_VOLUNTEERS
        assert imported(c, send(a, [same], tmp_path / f"l{author[:4]}.kzb")) == refused(reason)
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT decision, author FROM link").one() == ("different", c.identity.key_id)


def test_a_volunteer_cannot_settle_a_conflict(field, tmp_path: Path) -> None:
    c, a, _b, cases = field
    own = head(c, "person", cases[a.identity.key_id]["person"])
    two_parents = edited(own, a.identity.key_id, stamp(a), parents=(own.id, "ab" * 32), occupation="x")
    assert imported(c, send(a, [two_parents], tmp_path / "m.kzb")) == refused(authorship.NOT_A_VOLUNTEERS)


def test_a_forged_merge_revision_is_recomputed_and_refused(field, tmp_path: Path) -> None:
    c, a, _b, cases = field
    own = head(c, "person", cases[a.identity.key_id]["person"])
    honest = edited(own, a.identity.key_id, stamp(a), occupation="журналист")
    other = edited(own, a.identity.key_id, stamp(a), occupation="активист")
    fake = make_revision("person", own.record, {**json.loads(own.body), "name": "FORGED BY A"},
                         (honest.id, other.id), max(honest.hlc, other.hlc), authorship.MERGE_AUTHOR)
    assert imported(c, send(a, [honest, other, fake], tmp_path / "m.kzb")) == refused(authorship.BAD_MERGE)


def test_a_volunteers_own_edit_still_merges(field, tmp_path: Path) -> None:
    c, a, _b, cases = field
    with a.transaction() as conn:
        changes = a.changeset()
        changes.update(conn, "person", cases[a.identity.key_id]["person"], {"occupation": "журналист"})
        a.commit(changes, conn)
    export_bundle(a, tmp_path / "own.kzb")
    assert import_bundle(c, tmp_path / "own.kzb").status == "merged"


def test_history_and_case_summary_name_only_proven_authors(field, tmp_path: Path, kz) -> None:
    """A vault merged by an older kzdesk may hold a revision that only claims its author: it is shown
    as not proven, never under the claimed name."""
    c, a, b, cases = field
    victim = head(c, "person", cases[b.identity.key_id]["person"])
    forged = edited(victim, b.identity.key_id, stamp(a), notes="fabricated")
    with c.transaction() as conn:  # as the old merge wrote it: A's bundle brought a revision "by" B
        bundle = conn.exec_driver_sql("SELECT bundle_id FROM bundle_log WHERE signer = ?",
                                      (a.identity.key_id,)).scalar()
        merge_revisions(conn, [forged])
        conn.exec_driver_sql("INSERT INTO revision_origin (revision, bundle_id) VALUES (?, ?)", (forged.id, bundle))
    c.close()
    history = kz("history", victim.record, "--json", vault=c.path, passphrase="pass phrase").json()
    authors = {entry["revision"]: entry["author"] for entry in history}
    assert authors[forged.id] is None and authors[victim.id] == b.identity.key_id
    text = kz("history", victim.record, vault=c.path, passphrase="pass phrase").out
    assert b.identity.key_id[:12] in text and "author not proven" in text
    reopened = Vault.open(c.path, "pass phrase")
    with reopened.engine.connect() as conn:
        provenance = {p["record"]: p for p in gather(reopened.engine.connect(), victim.record)["provenance"]}
        proven = authorship.proven_authors(conn, [victim.id, forged.id])
    assert proven == {victim.id: b.identity.key_id, forged.id: None}
    assert provenance[victim.record]["author"] == b.identity.key_id  # the creator, proven by B's own bundle
    reopened.close()


def test_relayed_revisions_keep_their_proven_author(tmp_path: Path) -> None:
    """A coordinator passes a volunteer's records on; the next coordinator believes the volunteer's
    own signature, and nothing the relaying coordinator merely claims."""
    c1 = make_vault(tmp_path / "c1", "coordinator", "C1")
    c2 = make_vault(tmp_path / "c2", "coordinator", "C2")
    v = make_vault(tmp_path / "v", "volunteer", "V")
    for x, y in ((v, c1), (c1, v), (c1, c2), (c2, c1)):
        introduce(x, y)
    case = record(v, "Ким Виктор")
    export_bundle(v, tmp_path / "v.kzb")
    assert import_bundle(c1, tmp_path / "v.kzb").status == "merged"
    export_bundle(c1, tmp_path / "relay.kzb", everything=True)
    # C2 does not know V's key yet: the relayed revisions are not believed, nothing merged.
    outcome = import_bundle(c2, tmp_path / "relay.kzb")
    assert (outcome.status, outcome.reason) == ("quarantined", authorship.UNKNOWN_AUTHOR)
    introduce(c2, v)
    # Without V's signed manifest, C1's word alone is not enough either.
    victim = head(c1, "person", case["person"])
    forged = edited(victim, v.identity.key_id, stamp(c1), name="FORGED BY C1")
    assert imported(c2, send(c1, [forged], tmp_path / "forged.kzb")) == refused(authorship.UNSIGNED_AUTHOR)
    with c2.transaction() as conn:
        conn.exec_driver_sql("DELETE FROM quarantine")
        conn.exec_driver_sql("DELETE FROM bundle_log")
    outcome = import_bundle(c2, tmp_path / "relay.kzb")
    assert outcome.status == "merged", outcome.reason
    with c2.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, author FROM revision WHERE record = ?", (case["person"],)).fetchall()
        assert authorship.proven_authors(conn, [r[0] for r in rows]) == {r[0]: v.identity.key_id for r in rows}
    # And one hop further: C2 passes on the proof it was given.
    c3 = make_vault(tmp_path / "c3", "coordinator", "C3")
    for x, y in ((c2, c3), (c3, c2), (c3, v)):
        introduce(x, y)
    export_bundle(c2, tmp_path / "relay2.kzb", everything=True)
    outcome = import_bundle(c3, tmp_path / "relay2.kzb")
    assert outcome.status == "merged", outcome.reason
    with c3.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM person WHERE uuid = ?", (case["person"],)).scalar() == \
            "Ким Виктор"
    for vault in (c1, c2, c3, v):
        vault.close()


def test_a_stamp_from_the_future_does_not_win_while_the_conflict_waits(tmp_path: Path) -> None:
    c1 = make_vault(tmp_path / "c1", "coordinator", "C1")
    c2 = make_vault(tmp_path / "c2", "coordinator", "C2")
    v = make_vault(tmp_path / "v", "volunteer", "V")
    for x, y in ((v, c1), (c1, v), (v, c2), (c2, v), (c1, c2), (c2, c1)):
        introduce(x, y)
    case = record(v, "Ким Виктор")
    export_bundle(v, tmp_path / "v.kzb")
    for c in (c1, c2):
        assert import_bundle(c, tmp_path / "v.kzb").status == "merged"
    with c1.transaction() as conn:
        changes = c1.changeset()
        changes.update(conn, "person", case["person"], {"occupation": "журналист"})
        c1.commit(changes, conn)
    with c2.transaction() as conn:  # C2's clock is years ahead (or C2's key is in hostile hands)
        changes = c2.changeset()
        changes.clock = Clock(c2.clock.device, now_ms=lambda: 9_999_999_999_999)
        changes.update(conn, "person", case["person"], {"occupation": "FROM THE FUTURE"})
        c2.commit(changes, conn)
    export_bundle(c2, tmp_path / "c2.kzb")
    outcome = import_bundle(c1, tmp_path / "c2.kzb")
    assert outcome.status == "merged" and outcome.counts["conflicts"] == 1 and outcome.counts["future"] == 1
    with c1.engine.connect() as conn:
        shown = conn.exec_driver_sql("SELECT occupation FROM person WHERE uuid = ?", (case["person"],)).scalar()
        [conflict] = open_conflicts(conn)
    assert shown == "журналист"
    flagged = {c.value: c.future for c in conflict.candidates}
    assert flagged == {"журналист": False, "FROM THE FUTURE": True}
    # The Conflicts tab and `kzdesk conflicts` name each value's proven author and flag the stamp from the
    # future.
    from kzdesk.core.i18n import tr
    from kzdesk.core.reports import conflict_text

    authors = {conflict_text.value(conflict, c.value, "en"): conflict_text.author(c, "en")
               for c in conflict.candidates}
    assert authors["журналист"].startswith("C1 (") and tr(authorship.FUTURE_MARK) not in authors["журналист"]
    assert authors["FROM THE FUTURE"].startswith("C2 (")
    assert authors["FROM THE FUTURE"].endswith(tr(authorship.FUTURE_MARK, "en"))
    for vault in (c1, c2, v):
        vault.close()


def test_a_bad_value_from_a_trusted_volunteer_is_refused_and_exports_keep_working(field, tmp_path: Path,
                                                                                kz) -> None:
    c, a, _b, cases = field
    own = head(c, "act", cases[a.identity.key_id]["act"])
    bad = edited(own, a.identity.key_id, stamp(a), fine_amount="12abc", fine_unit="KZT")
    before = snapshot_rows(c)
    outcome = import_bundle(c, send(a, [bad], tmp_path / "bad.kzb"))
    assert outcome.status == "rejected" and "fine_amount" in (outcome.reason or "")
    assert snapshot_rows(c) == before
    c.close()
    for profile in ("full", "lawyer", "public"):
        result = kz("export-csv", "--profile", profile, "--out", str(tmp_path / f"{profile}.csv"), vault=c.path,
                    passphrase="pass phrase")
        assert result.code == 0, result.err


def test_a_key_id_shared_by_another_key_is_not_trusted(tmp_path: Path) -> None:
    """The trust store names a key by its id, 128 bits of its hash; a bundle whose signing key has
    that id but is not the key that was trusted (as if the id collided) is from an unknown signer."""
    c = make_vault(tmp_path / "c", "coordinator", "C")
    v = make_vault(tmp_path / "v", "volunteer", "V")
    other = make_vault(tmp_path / "o", "volunteer", "O")
    introduce(v, c)
    introduce(c, v)
    record(v, "Ким Виктор")
    export_bundle(v, tmp_path / "v.kzb")
    with c.transaction() as conn:  # the trusted row keeps V's id but holds another key
        conn.exec_driver_sql("UPDATE trusted_key SET public_key = ? WHERE key_id = ?",
                             (other.identity.public_key, v.identity.key_id))
    outcome = import_bundle(c, tmp_path / "v.kzb")
    assert (outcome.status, outcome.reason, outcome.signer_name) == ("quarantined", "unknown signer", None)
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0
    for vault in (c, v, other):
        vault.close()
