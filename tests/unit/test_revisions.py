"""Revisions: content-addressed, clock-stamped, with parents; the audit trail is derived from them."""

from __future__ import annotations

import json

from kzdesk.core.model.revisions import Clock, audit_trail, make_revision


def test_revision_id_depends_on_everything_it_names() -> None:
    base = make_revision("person", "u1", {"name": "Ким"}, [], "0000000000001-00000000-dev", "author")
    assert base.id == make_revision("person", "u1", {"name": "Ким"}, [], base.hlc, "author").id
    variants = [
        make_revision("person", "u1", {"name": "Ли"}, [], base.hlc, "author"),
        make_revision("person", "u2", {"name": "Ким"}, [], base.hlc, "author"),
        make_revision("person", "u1", {"name": "Ким"}, ["p"], base.hlc, "author"),
        make_revision("person", "u1", {"name": "Ким"}, [], base.hlc, "other"),
        make_revision("person", "u1", {"name": "Ким"}, [], base.hlc, "author", deleted=True),
    ]
    assert len({v.id for v in variants} | {base.id}) == 6
    assert json.loads(base.body) == {"name": "Ким"}


def test_clock_never_goes_backwards() -> None:
    times = iter([1000, 1000, 999, 5, 2000])
    clock = Clock("dev", now_ms=lambda: next(times))
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5
    resumed = Clock("dev", stamps[-1], now_ms=lambda: 10)
    assert resumed.tick() > stamps[-1]


def test_edit_and_delete_leave_a_full_audit_trail(vault) -> None:
    changes = vault.changeset()
    person = changes.create("person", {"name": "Ким Виктор", "name_key": "ким виктор"})
    vault.commit(changes)
    with vault.engine.begin() as conn:
        changes = vault.changeset()
        assert changes.update(conn, "person", person, {"name": "Ким Виктор"}) is None  # no change, no revision
        changes.update(conn, "person", person, {"occupation": "журналист", "consent": "public"})
        vault.commit(changes, conn)
    with vault.engine.begin() as conn:
        changes = vault.changeset()
        changes.delete(conn, "person", person)
        vault.commit(changes, conn)
    with vault.engine.connect() as conn:
        trail = audit_trail(conn, person)
        row = conn.exec_driver_sql("SELECT deleted, occupation, rev FROM person WHERE uuid = ?", (person,)).one()
        parents = [json.loads(p) for (p,) in conn.exec_driver_sql(
            "SELECT parents FROM revision WHERE record = ? ORDER BY hlc", (person,))]
    assert [e.action for e in trail] == ["created", "edited", "deleted"]
    assert trail[1].changed == {"occupation": (None, "журналист"), "consent": ("confidential", "public")}
    assert {e.author for e in trail} == {vault.identity.key_id}
    assert [e.hlc for e in trail] == sorted(e.hlc for e in trail)
    assert row[0] == 1 and row[1] == "журналист" and row[2] == trail[-1].revision
    assert parents == [[], [trail[0].revision], [trail[1].revision]]
