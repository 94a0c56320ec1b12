"""The coordinator's decisions on probable duplicates are records: they merge onward, keep their
audit trail, never lose a value, and two coordinators who disagree see a conflict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzdesk.core.errors import InputError
from kzdesk.core.exchange.conflicts import open_conflicts
from kzdesk.core.exchange.duplicates import find_duplicates
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.links import decide, decisions
from kzdesk.core.model.derived_ids import link_id
from kzdesk.core.model.persons import chronology, same_person
from kzdesk.core.model.revisions import audit_trail
from kzdesk.core.model.vault import Vault

from ..vaults import import_bundle, introduce, make_vault, record_case, snapshot

VOLUNTEERS: dict[Path, tuple[Vault, ...]] = {}  # the volunteers behind a `field` coordinator


@pytest.fixture
def field(tmp_path: Path):
    """Two volunteers who recorded one activist under two spellings, and a coordinator who has both."""
    coordinator = make_vault(tmp_path / "c", "coordinator", "Almaty")
    oral = make_vault(tmp_path / "oral", "volunteer", "Oral")
    shymkent = make_vault(tmp_path / "shym", "volunteer", "Shymkent")
    for volunteer in (oral, shymkent):
        introduce(volunteer, coordinator)
        introduce(coordinator, volunteer)
    a = record_case(oral, "Жақсылықов Ерлан Серікұлы", "Oral", "2021-12-05", "public", birth_year=1987)
    b = record_case(shymkent, "Zhaksylykov Erlan", "Oral", "2021-12-16", "confidential", occupation="activist")
    for i, volunteer in enumerate((oral, shymkent)):
        export_bundle(volunteer, tmp_path / f"{i}.kzb")
        assert import_bundle(coordinator, tmp_path / f"{i}.kzb").status == "merged"
    VOLUNTEERS[coordinator.path] = (oral, shymkent)
    yield coordinator, a, b
    VOLUNTEERS.pop(coordinator.path)
    for vault in (coordinator, oral, shymkent):
        vault.close()


def pairs(vault: Vault) -> set[frozenset[str]]:
    with vault.engine.connect() as conn:
        return {frozenset((c.a, c.b)) for c in find_duplicates(conn)}


def test_merge_moves_everything_to_the_kept_person_and_loses_nothing(field) -> None:
    coordinator, a, b = field
    assert frozenset((a, b)) in pairs(coordinator)
    decide(coordinator, a, b, "merge", note="same IIN in both court rulings")
    with coordinator.engine.connect() as conn:
        kept = conn.exec_driver_sql("SELECT names, consent, birth_year, occupation FROM person WHERE uuid = ?",
                                    (a,)).one()
        gone = conn.exec_driver_sql("SELECT deleted FROM person WHERE uuid = ?", (b,)).scalar()
        acts = conn.exec_driver_sql("SELECT DISTINCT person FROM act WHERE deleted = 0").fetchall()
        cited = conn.exec_driver_sql("SELECT DISTINCT target FROM citation WHERE deleted = 0").fetchall()
        dates = [entry.date for entry in chronology(conn, a)]
        trail = audit_trail(conn, b)
        made = decisions(conn)
    assert [n["text"] for n in json.loads(kept[0])] == ["Zhaksylykov Erlan"]
    assert kept[1] == "confidential"  # the stricter consent of the two wins
    assert (kept[2], kept[3]) == (1987, "activist")  # details the kept record lacked are filled in
    assert gone == 1 and acts == [(a,)] and cited == [(a,)]
    assert dates == ["2021-12-05", "2021-12-16"]
    # The merged person's values stay in its history; the decision itself is an audited record.
    assert trail[0].changed["name"] == (None, "Zhaksylykov Erlan") and trail[-1].action == "deleted"
    assert [(d.decision, d.kept, d.note) for d in made] == [("same", a, "same IIN in both court rulings")]
    assert frozenset((a, b)) not in pairs(coordinator)


def test_link_keeps_both_records_and_reads_them_as_one_human(field) -> None:
    coordinator, a, b = field
    decide(coordinator, b, a, "link")
    with coordinator.engine.connect() as conn:
        assert same_person(conn, a) == {a, b} == same_person(conn, b)
        assert len(chronology(conn, b)) == 2
        assert conn.exec_driver_sql("SELECT count(*) FROM person WHERE deleted = 0").scalar() == 2
    assert frozenset((a, b)) not in pairs(coordinator)


def test_different_people_leave_the_queue_and_change_nothing_else(field) -> None:
    coordinator, a, b = field
    decide(coordinator, a, b, "different")
    with coordinator.engine.connect() as conn:
        assert same_person(conn, a) == {a}
        assert conn.exec_driver_sql("SELECT decision FROM link WHERE uuid = ?", (link_id(b, a),)).scalar() \
            == "different"
    assert frozenset((a, b)) not in pairs(coordinator)


def test_changing_ones_mind_edits_the_same_decision(field) -> None:
    coordinator, a, b = field
    first = decide(coordinator, a, b, "different")
    second = decide(coordinator, b, a, "link")
    assert first == second
    with coordinator.engine.connect() as conn:
        trail = audit_trail(conn, first)
    assert [entry.action for entry in trail] == ["created", "edited"]
    assert trail[1].changed["decision"] == ("different", "same")


def test_bad_ids_change_nothing(field) -> None:
    coordinator, a, _b = field
    coordinator.close()
    before = snapshot(coordinator.path)
    reopened = Vault.open(coordinator.path, "pass phrase")
    with pytest.raises(InputError):
        decide(reopened, a, "0" * 32, "merge")
    with pytest.raises(InputError):
        decide(reopened, a, a, "link")
    with pytest.raises(InputError):
        decide(reopened, a, _b, "unite")
    reopened.close()
    assert snapshot(coordinator.path) == before


def test_decisions_merge_onward_and_disagreement_is_a_conflict(field, tmp_path: Path) -> None:
    coordinator, a, b = field
    # A second coordinator holds the same data (a bundle with everything from the first) ...
    other = make_vault(tmp_path / "c2", "coordinator", "Shymkent coordinator")
    introduce(coordinator, other)
    introduce(other, coordinator)
    for volunteer in VOLUNTEERS[coordinator.path]:
        introduce(other, volunteer)  # relayed revisions are believed from their authors' keys
    export_bundle(coordinator, tmp_path / "all.kzb", everything=True)
    assert import_bundle(other, tmp_path / "all.kzb").status == "merged"
    # ... then both decide about the pair, differently, without knowing of each other.
    decide(coordinator, a, b, "merge")
    decide(other, a, b, "different")
    export_bundle(coordinator, tmp_path / "c1.kzb")
    export_bundle(other, tmp_path / "c2.kzb")
    assert import_bundle(other, tmp_path / "c1.kzb").counts["conflicts"] >= 1
    assert import_bundle(coordinator, tmp_path / "c2.kzb").counts["conflicts"] >= 1
    for vault in (coordinator, other):
        with vault.engine.connect() as conn:
            conflicts = [c for c in open_conflicts(conn) if c.kind == "link"]
        assert [c.field for c in conflicts] == ["decision"]
        assert sorted(v.value for v in conflicts[0].candidates) == ["different", "same"]
    # Agreeing decisions from both would have merged silently; this disagreement stays visible.
    with coordinator.engine.connect() as c1, other.engine.connect() as c2:
        assert c1.exec_driver_sql("SELECT * FROM link").fetchall() == c2.exec_driver_sql(
            "SELECT * FROM link").fetchall()
    other.close()


def test_command_line_review(field, kz) -> None:
    coordinator, a, b = field
    run = {"vault": coordinator.path, "passphrase": "pass phrase"}
    listed = kz("duplicates", "--json", **run).json()
    assert {frozenset((p["a"], p["b"])) for p in listed} == {frozenset((a, b))}
    text = kz("duplicates", **run).out
    assert a[:8] in text and b[:8] in text
    wrong = kz("duplicates", "merge", a[:8], "ffffffff", **run)
    assert wrong.code == 1 and "ffffffff" in wrong.err
    assert kz("duplicates", "merge", a[:8], **run).code == 1
    done = kz("duplicates", "merge", b[:10], a[:10], "--note", "одна и та же", **run)
    assert done.code == 0 and "Merged" in done.out
    made = kz("duplicates", "decisions", "--json", **run).json()
    assert [(d["decision"], d["kept"], d["note"]) for d in made] == [("same", b, "одна и та же")]
    assert kz("duplicates", "--json", **run).json() == []


def test_a_person_named_on_the_command_line_is_one_or_the_message_lists_them(field, kz) -> None:
    """Both faces' commands find a person the same way (model.persons.one_person)."""
    coordinator, a, b = field
    coordinator.close()
    several = kz("duplicates", "link", "Erlan", b, vault=coordinator.path, passphrase="pass phrase")
    assert several.code == 1 and a[:12] in several.err and b[:12] in several.err
    none = kz("duplicates", "link", "Nobody Atall", b, vault=coordinator.path, passphrase="pass phrase")
    assert none.code == 1 and "Nobody Atall" in none.err
    one = kz("duplicates", "link", a[:10], b[:10], vault=coordinator.path, passphrase="pass phrase")
    assert one.code == 0, one.err
