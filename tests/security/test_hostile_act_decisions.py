"""A "same act" / "different acts" decision from a hostile peer is checked like every record.

Bundles are built with the project's own build() and a trusted key: a coordinator's key that signs a
malformed decision (a made-up verdict, ids out of order or not ids, a field too many or too few), or a
volunteer's key that signs a well-formed one. Each bundle is refused whole and nothing of it is stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzdesk.core.exchange import authorship, trust
from kzdesk.core.exchange.bundle import build
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.model.derived_ids import act_link_id, derived_id
from kzdesk.core.model.revisions import RevisionRow, make_revision
from kzdesk.core.model.vault import Vault

from ..vaults import import_bundle, introduce, make_vault, record


@pytest.fixture
def field(tmp_path: Path):
    """Coordinator C, a second coordinator P (a peer C trusts) and volunteer V; both hold V's two acts."""
    c = make_vault(tmp_path / "c", "coordinator", "Coordinator")
    p = make_vault(tmp_path / "p", "coordinator", "Peer")
    v = make_vault(tmp_path / "v", "volunteer", "Volunteer")
    for x, y in ((c, p), (p, c), (c, v), (v, c), (p, v), (v, p)):
        introduce(x, y)
    acts = sorted(record(v, name)["act"] for name in ("Әлиев Нұрлан", "Aliev Nurlan"))
    export_bundle(v, tmp_path / "v.kzb")
    for coordinator in (c, p):
        assert import_bundle(coordinator, tmp_path / "v.kzb").status == "merged"
    yield c, p, v, acts
    for vault in (c, p, v):
        vault.close()


def send(sender: Vault, revisions: list[RevisionRow], path: Path) -> Path:
    """A bundle as the sender's own kzdesk would build it: their key, their next number, their chain."""
    with sender.transaction() as conn:
        settings = dict(conn.exec_driver_sql("SELECT key, value FROM setting").fetchall())
        recipients = trust.coordinator_recipients(conn)
        seq = int(settings.get("export_seq", 0)) + 1
        data, manifest = build(sender.identity, seq, settings.get("export_prev"), recipients, revisions, {})
        conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = 'export_seq'", (str(seq),))
        conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = 'export_prev'", (manifest.hash,))
    path.write_bytes(data)
    return path


def decision(sender: Vault, acts: list[str], **body: object) -> RevisionRow:
    fields = {"act_a": acts[0], "act_b": acts[1], "decision": "same", "note": None, **body}
    return make_revision("act_link", act_link_id(*acts), fields, (), sender.clock.tick(), sender.identity.key_id)


def stored(c: Vault) -> tuple[object, ...]:
    with c.engine.connect() as conn:
        return (conn.exec_driver_sql("SELECT count(*) FROM act_link").scalar(),
                conn.exec_driver_sql("SELECT count(*) FROM revision WHERE kind = 'act_link'").scalar(),
                conn.exec_driver_sql("SELECT count(*) FROM revision").scalar(),
                conn.exec_driver_sql("SELECT count(*) FROM bundle_log").scalar())


MALFORMED = {
    "a made-up verdict": {"decision": "maybe"},
    "ids out of order": "swap",
    "the same act twice": "twice",
    "not an id": {"act_a": "../../etc/passwd"},
    "an empty verdict": {"decision": None},
    "a number for a note": {"note": 12},
    "a field too many": {"kept": None},
    "a field too few": "drop",
    "an id not derived from the pair": "own id",
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_act_decision_from_a_trusted_coordinator_is_refused(field, tmp_path: Path, case: str) -> None:
    c, p, _v, acts = field
    change = MALFORMED[case]
    if change == "swap":
        bad = decision(p, acts[::-1])
    elif change == "twice":
        bad = decision(p, [acts[0], acts[0]])
    elif change == "own id":
        # A second record for the same pair beside the first: "different" here, "same" there would both stand.
        good = decision(p, acts)
        bad = make_revision("act_link", "0" * 32, json.loads(good.body), (), good.hlc, good.author)
    elif change == "drop":
        good = decision(p, acts)
        body = json.loads(good.body)
        del body["note"]
        bad = make_revision("act_link", good.record, body, (), good.hlc, good.author)
    else:
        assert isinstance(change, dict)
        bad = decision(p, acts, **change)
    before = stored(c)
    outcome = import_bundle(c, send(p, [bad], tmp_path / "bad.kzb"))
    assert outcome.status == "rejected", (outcome.status, outcome.reason)
    assert stored(c) == before


def test_a_volunteer_cannot_decide_about_acts(field, tmp_path: Path) -> None:
    c, _p, v, acts = field
    before = stored(c)
    outcome = import_bundle(c, send(v, [decision(v, acts)], tmp_path / "v2.kzb"))
    assert (outcome.status, outcome.reason) == ("quarantined", authorship.NOT_A_VOLUNTEERS)
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM act_link").scalar() == 0
    assert stored(c)[:3] == before[:3]


def test_a_well_formed_act_decision_from_a_trusted_coordinator_merges(field, tmp_path: Path) -> None:
    """The refusals above are about the values, not about act decisions travelling at all."""
    c, p, _v, acts = field
    outcome = import_bundle(c, send(p, [decision(p, acts, note="одна и та же мера")], tmp_path / "good.kzb"))
    assert outcome.status == "merged"
    with c.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT act_a, act_b, decision, note FROM act_link").one() == (
            acts[0], acts[1], "same", "одна и та же мера")


@pytest.mark.parametrize("kind", ["link", "status"])
def test_a_person_decision_or_status_under_an_id_not_its_own_is_refused(field, tmp_path: Path, kind: str) -> None:
    """The same rule for every record whose id is derived from what it is about (model/derived_ids.py)."""
    c, p, _v, _acts = field
    with c.engine.connect() as conn:
        persons = sorted(r[0] for r in conn.exec_driver_sql("SELECT uuid FROM person"))
    if kind == "link":
        body: dict[str, object] = {"person_a": persons[0], "person_b": persons[1], "decision": "different",
                                   "kept": None, "note": None}
    else:
        body = {"person": persons[0], "date": "2022-01-10", "code": "prison", "reason": None, "note": None}
    made_up = make_revision(kind, "1" * 32, body, (), p.clock.tick(), p.identity.key_id)
    before = stored(c)
    outcome = import_bundle(c, send(p, [made_up], tmp_path / "bad.kzb"))
    assert outcome.status == "rejected", (outcome.status, outcome.reason)
    assert stored(c) == before
    right = make_revision(kind, derived_id(kind, body) or "", body, (), p.clock.tick(), p.identity.key_id)
    assert import_bundle(c, send(p, [right], tmp_path / "good.kzb")).status == "merged"
