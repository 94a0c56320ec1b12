"""Bundles imported together: the new records of a group are written at its end, and that changes
nothing of what each bundle alone would do.

A bundle refused after some of its new records were held back leaves none of them behind; a
later bundle of the same group that changes, points at or waits for a held record sees it as
written; and a folder imported in one go gives the very rows it gives one bundle at a time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzdesk.core.exchange import authorship, trust
from kzdesk.core.exchange.bundle import build
from kzdesk.core.exchange.chain import GAP
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.model.revisions import REVISION_COLUMNS, RevisionRow, make_revision, revision_from_row
from kzdesk.core.model.vault import Vault

from ..vaults import MERGED_TABLES, import_bundle, introduce, make_vault, record, rows

TABLES = MERGED_TABLES


@pytest.fixture
def pair(tmp_path: Path):
    """A coordinator and a volunteer who trust each other, and a second coordinator (the volunteer's
    bundles are made for both) that takes the same bundles one at a time, to compare."""
    c = make_vault(tmp_path / "c", "coordinator", "Coordinator")
    single = make_vault(tmp_path / "single", "coordinator", "Coordinator")
    a = make_vault(tmp_path / "a", "volunteer", "Volunteer")
    for coordinator in (c, single):
        introduce(a, coordinator)
        introduce(coordinator, a)
    yield c, a, single
    for v in (a, c, single):
        v.close()


def send(volunteer: Vault, revisions: list[RevisionRow], path: Path) -> Path:
    """A bundle built as the volunteer's kzdesk builds one: their key, their next number, their chain."""
    with volunteer.transaction() as conn:
        settings = dict(conn.exec_driver_sql("SELECT key, value FROM setting").fetchall())
        seq = int(settings.get("export_seq", 0)) + 1
        data, manifest = build(volunteer.identity, seq, settings.get("export_prev"),
                               trust.coordinator_recipients(conn), revisions, {})
        conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = 'export_seq'", (str(seq),))
        conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = 'export_prev'", (manifest.hash,))
    path.write_bytes(data)
    return path


def forged_merge(volunteer: Vault) -> list[RevisionRow]:
    """An event, two honest edits of it, and a merge of the two that claims the merge author but does
    not follow from its parents (its title is new): what recomputing the merge refuses."""
    author, hlc = volunteer.identity.key_id, volunteer.clock.tick
    event = make_revision("event", "2" * 32, _body(volunteer, "event"), (), hlc(), author)
    honest = make_revision("event", event.record, {**json.loads(event.body), "place": "акимат"}, (event.id,),
                           hlc(), author)
    other = make_revision("event", event.record, {**json.loads(event.body), "place": "суд"}, (event.id,),
                          hlc(), author)
    fake = make_revision("event", event.record, {**json.loads(event.body), "title": "FORGED"},
                         (honest.id, other.id), max(honest.hlc, other.hlc), authorship.MERGE_AUTHOR)
    return [event, honest, other, fake]


def edit(vault: Vault, kind: str, uuid: str, **fields: object) -> None:
    with vault.transaction() as conn:
        changes = vault.changeset()
        changes.update(conn, kind, uuid, fields)
        vault.commit(changes, conn)


def test_a_bundle_refused_midway_leaves_none_of_its_new_records(pair, tmp_path: Path) -> None:
    c, a, _single = pair
    record(a, "Әлиев Нұрлан")
    first = tmp_path / "1.kzb"
    export_bundle(a, first)
    # The second bundle brings a new person (held back as soon as persons are merged) and then an
    # event whose merge revision does not follow from its parents: the bundle is refused there.
    person = make_revision("person", "1" * 32, {**_body(a, "person"), "name": "Ким Виктор",
                                                "name_key": "ким виктор"}, (), a.clock.tick(), a.identity.key_id)
    event, *_, fake = forged = forged_merge(a)
    second = send(a, [person, *forged], tmp_path / "2.kzb")
    record(a, "Серікбаева Айгүл")
    third = tmp_path / "3.kzb"
    export_bundle(a, third)

    outcomes = import_bundles(c, [first, second, third])  # one group: one transaction

    assert [(o.status, o.reason) for o in outcomes] == [("merged", None), ("quarantined", authorship.BAD_MERGE),
                                                        ("merged", GAP)]
    assert {r[0] for r in _query(c, "SELECT name FROM person")} == {"Әлиев Нұрлан", "Серікбаева Айгүл"}
    assert _query(c, "SELECT uuid FROM event WHERE uuid = ?", (event.record,)) == []
    assert _query(c, "SELECT id FROM revision WHERE id IN (?, ?)", (person.id, fake.id)) == []


def test_a_bundle_refused_after_writing_held_records_out_gives_them_back(pair, tmp_path: Path) -> None:
    """The second bundle edits the first one's person (so the held rows are written out inside its
    savepoint) and is then refused: the rollback takes those rows from the tables, and they must
    be held again, or the first bundle, merged and logged, would have lost its records."""
    c, a, _single = pair
    ids = record(a, "Әлиев Нұрлан")
    first = tmp_path / "1.kzb"
    export_bundle(a, first)
    author, hlc = a.identity.key_id, a.clock.tick
    own = _head(a, "person", ids["person"])
    renamed = make_revision("person", own.record, {**json.loads(own.body), "occupation": "журналист"}, (own.id,),
                            hlc(), author)
    second = send(a, [renamed, *forged_merge(a)], tmp_path / "2.kzb")

    outcomes = import_bundles(c, [first, second])

    assert [(o.status, o.reason) for o in outcomes] == [("merged", None), ("quarantined", authorship.BAD_MERGE)]
    assert _query(c, "SELECT uuid, occupation FROM person") == [(ids["person"], None)]
    assert sorted(r[0] for r in _query(c, "SELECT uuid FROM event")) == [ids["event"]]
    assert _query(c, "SELECT uuid FROM act") == [(ids["act"],)]


def test_a_bundle_refused_before_writing_leaves_nothing_in_its_group(pair, tmp_path: Path) -> None:
    """The volunteer's key turned hostile: between two honest bundles of one group, a bundle built
    with the program's own build() brings a new person of its own and one it claims the coordinator
    wrote. Authorship refuses it before anything is written (no savepoint: none is needed), and
    nothing of it stays, no record and no provenance; the group gives the rows of one at a time."""
    c, a, single = pair
    record(a, "Әлиев Нұрлан")
    first = tmp_path / "1.kzb"
    export_bundle(a, first)
    body, hlc = _body(a, "person"), a.clock.tick
    own = make_revision("person", "1" * 32, {**body, "name": "Ким Виктор", "name_key": "ким виктор"}, (), hlc(),
                        a.identity.key_id)
    claimed = make_revision("person", "3" * 32, {**body, "name": "Оспанова Динара", "name_key": "оспанова динара"},
                            (), hlc(), c.identity.key_id)
    second = send(a, [own, claimed], tmp_path / "2.kzb")
    record(a, "Серікбаева Айгүл")
    third = tmp_path / "3.kzb"
    export_bundle(a, third)
    files = [first, second, third]

    outcomes = import_bundles(c, files)

    assert [(o.status, o.reason) for o in outcomes] == [("merged", None), ("quarantined", authorship.UNSIGNED_AUTHOR),
                                                        ("merged", GAP)]
    assert [import_bundle(single, f).status for f in files] == [o.status for o in outcomes]
    assert rows(c, *TABLES) == rows(single, *TABLES)
    assert _query(c, "SELECT uuid FROM person WHERE uuid IN (?, ?)", (own.record, claimed.record)) == []
    assert _query(c, "SELECT revision FROM revision_origin WHERE bundle_id = ?", (outcomes[1].bundle,)) == []


def test_a_bundle_refused_midway_leaves_no_provenance(pair, tmp_path: Path) -> None:
    """A bundle refused after its revisions' provenance was held (a forged merge, recomputed while
    merging) takes that provenance back with its savepoint."""
    c, a, _single = pair
    record(a, "Әлиев Нұрлан")
    first = tmp_path / "1.kzb"
    export_bundle(a, first)
    second = send(a, forged_merge(a), tmp_path / "2.kzb")

    outcomes = import_bundles(c, [first, second])

    assert [o.status for o in outcomes] == ["merged", "quarantined"]
    assert _query(c, "SELECT revision FROM revision_origin WHERE bundle_id = ?", (outcomes[1].bundle,)) == []
    assert len(_query(c, "SELECT revision FROM revision_origin WHERE bundle_id = ?", (outcomes[0].bundle,))) == 3


def test_a_later_bundle_of_the_group_changes_and_points_at_held_records(pair, tmp_path: Path) -> None:
    c, a, single = pair
    ids = record(a, "Әлиев Нұрлан")
    export_bundle(a, tmp_path / "1.kzb")
    edit(a, "person", ids["person"], occupation="журналист")
    with a.transaction() as conn:  # a second act against the person of the first bundle
        changes = a.changeset()
        changes.create("act", {"event": ids["event"], "person": ids["person"], "act_type": "fine",
                               "legal_code": "administrative_offences_code", "article": "488", "part": "11",
                               "fine_amount": "50", "fine_unit": "MCI"})
        a.commit(changes, conn)
    export_bundle(a, tmp_path / "2.kzb")

    bundles = [tmp_path / "1.kzb", tmp_path / "2.kzb"]
    outcomes = import_bundles(c, bundles)

    assert [o.status for o in outcomes] == ["merged", "merged"]
    assert (outcomes[1].counts["new"], outcomes[1].counts["updated"]) == (1, 1)
    assert _query(c, "SELECT occupation FROM person") == [("журналист",)]
    assert _query(c, "SELECT count(*) FROM act WHERE person = ?", (ids["person"],)) == [(2,)]
    assert _query(c, "SELECT count(*) FROM pending_record") == [(0,)]
    assert rows(c, *TABLES) == _one_at_a_time(single, bundles)


def test_a_record_waiting_for_a_held_one_takes_its_place(pair, tmp_path: Path) -> None:
    """The act arrives first (its person's bundle is still missing) and waits; the person's bundle,
    later in the same group, is held back, and the act follows it into the lists."""
    c, a, single = pair
    with a.transaction() as conn:
        changes = a.changeset()
        person = changes.create("person", {"name": "Ким Виктор", "name_key": "ким виктор"})
        a.commit(changes, conn)
    export_bundle(a, tmp_path / "1.kzb")
    with a.transaction() as conn:
        changes = a.changeset()
        event = changes.create("event", {"date": "2021-12-05", "date_precision": "day", "date_start": "2021-12-05",
                                         "date_end": "2021-12-05", "city": "oral"})
        act = changes.create("act", {"event": event, "person": person, "act_type": "warning"})
        a.commit(changes, conn)
    export_bundle(a, tmp_path / "2.kzb")

    bundles = [tmp_path / "2.kzb", tmp_path / "1.kzb"]
    outcomes = import_bundles(c, bundles)

    assert [o.status for o in outcomes] == ["merged", "merged"]
    assert _query(c, "SELECT uuid FROM act") == [(act,)]
    assert _query(c, "SELECT count(*) FROM pending_record") == [(0,)]
    assert rows(c, *TABLES) == _one_at_a_time(single, bundles)


def _one_at_a_time(single: Vault, bundles: list[Path]) -> dict[str, list[tuple[object, ...]]]:
    """The rows the second coordinator has after taking the same bundles one import at a time."""
    for bundle in bundles:
        assert import_bundle(single, bundle).status == "merged"
    return rows(single, *TABLES)


def _head(vault: Vault, kind: str, uuid: str) -> RevisionRow:
    with vault.engine.connect() as conn:
        row = conn.exec_driver_sql(f"SELECT {REVISION_COLUMNS} FROM revision WHERE id = "
                                   f"(SELECT rev FROM {kind} WHERE uuid = ?)", (uuid,)).one()
    return revision_from_row(row)


def _body(vault: Vault, kind: str) -> dict[str, object]:
    """A valid body of a kind, as this vault's editor fills one in."""
    with vault.engine.connect() as conn:
        body = conn.exec_driver_sql(f"SELECT r.body FROM {kind} t JOIN revision r ON r.id = t.rev LIMIT 1").scalar()
    return dict(json.loads(str(body)))


def _query(vault: Vault, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with vault.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql, params)]
