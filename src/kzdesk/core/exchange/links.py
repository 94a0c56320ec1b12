"""A coordinator's decisions on probable duplicates: link, merge, or "different people".

Each decision is a `link` record (see records.Link) written through a Changeset, so it is signed
into bundles, merges onward and keeps its audit trail like any other record. Its uuid is derived
from the pair: two coordinators deciding about the same two persons edit one record, and
disagreeing decisions meet as a conflict instead of both standing.

- link: the two records stay, and are read as one human (chronology, counts of persons).
- merge: the acts, participations, citations and attachments of the second person are moved to
  the first, its spellings and the details the first lacks are copied over, the stricter consent
  is kept, and the second is tombstoned. All of it is ordinary revisions, so it merges onward;
  the tombstoned record's history keeps every value it ever had.
- different: the pair never comes back in the duplicates queue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.model.derived_ids import link_id, status_id
from kzdesk.core.model.records import Person, field_names, stricter
from kzdesk.core.model.revisions import Changeset
from kzdesk.core.model.status import write_status
from kzdesk.core.model.vault import Vault

ACTIONS = ("link", "merge", "different")
# Records that point at a person and follow it when two persons are merged: (kind, column, filter).
_POINTERS = (("act", "person", ""), ("participation", "person", ""),
             ("citation", "target", " AND target_kind = 'person'"),
             ("attachment", "target", " AND target_kind = 'person'"))
# Identifying details copied from the merged person when the kept one has none.
_FILL = ("gender", "birth_year", "occupation", "affiliation", "contacts", "national_id", "address", "notes")


@dataclass(frozen=True)
class Decision:
    """One current decision about a pair of persons."""

    uuid: str
    person_a: str
    person_b: str
    name_a: str | None
    name_b: str | None
    decision: str
    kept: str | None
    note: str | None
    author: str

    def to_json(self) -> dict[str, object]:
        return {"link": self.uuid, "a": self.person_a, "b": self.person_b, "name_a": self.name_a,
                "name_b": self.name_b, "decision": self.decision, "kept": self.kept, "note": self.note,
                "author": self.author}


def _person(conn: Connection, uuid: str) -> dict[str, Any]:
    names = field_names(Person)
    row = conn.exec_driver_sql(f"SELECT deleted, {', '.join(names)} FROM person WHERE uuid = ?", (uuid,)).first()
    if row is None or row[0]:
        raise InputError("No person {person}.", person=uuid)
    return dict(zip(names, row[1:], strict=True))


def _absorb(conn: Connection, changes: Changeset, kept: str, merged: str) -> None:
    """Fold the merged person's record into the kept one (caller holds the transaction)."""
    keep, gone = _person(conn, kept), _person(conn, merged)
    spellings: list[dict[str, str]] = json.loads(keep["names"] or "[]")
    seen = {keep["name"], *(s.get("text") for s in spellings)}
    for extra in [{"text": gone["name"], "script": ""}, *json.loads(gone["names"] or "[]")]:
        if extra.get("text") and extra["text"] not in seen:
            spellings.append(extra)
            seen.add(extra["text"])
    update: dict[str, Any] = {"names": json.dumps(spellings, ensure_ascii=False),
                              "consent": stricter(keep["consent"], gone["consent"])}
    update.update({name: gone[name] for name in _FILL if keep[name] in (None, "") and gone[name] not in (None, "")})
    changes.update(conn, "person", kept, update)
    for kind, column, extra_filter in _POINTERS:
        rows = conn.exec_driver_sql(
            f"SELECT uuid FROM {kind} WHERE {column} = ? AND deleted = 0{extra_filter} ORDER BY uuid",
            (merged,)).fetchall()
        for (uuid,) in rows:
            changes.update(conn, kind, uuid, {column: kept})
    # A status is its person's by its very id (derived from the person and the day): it moves by being
    # written for the kept person (unless they have their own for that day) and deleted here.
    for uuid, day, code, reason, note in conn.exec_driver_sql(
            "SELECT uuid, date, code, reason, note FROM status WHERE person = ? AND deleted = 0 ORDER BY date",
            (merged,)).fetchall():
        if conn.exec_driver_sql("SELECT 1 FROM status WHERE uuid = ? AND deleted = 0",
                                (status_id(kept, day),)).first() is None:
            write_status(conn, changes, kept, code, day, reason, note)
        changes.delete(conn, "status", uuid)
    changes.delete(conn, "person", merged)


def decide(vault: Vault, a: str, b: str, action: str, note: str | None = None) -> str:
    """Record the coordinator's decision about persons a and b; returns the link record id.

    For "merge", a is the record that stays. Deciding again about the same pair edits the same
    decision record, so the audit trail shows every change of mind.
    """
    if action not in ACTIONS:
        raise InputError("Choose link, merge or different.")
    if a == b:
        raise InputError("A person cannot be a duplicate of themselves.")
    uuid = link_id(a, b)
    first, second = sorted((a, b))
    fields: dict[str, Any] = {"person_a": first, "person_b": second,
                              "decision": "different" if action == "different" else "same",
                              "kept": a if action == "merge" else None, "note": note}
    with vault.transaction() as conn:
        _person(conn, a)
        _person(conn, b)
        changes = vault.changeset()
        exists = conn.exec_driver_sql("SELECT 1 FROM link WHERE uuid = ?", (uuid,)).first()
        if exists:
            changes.update(conn, "link", uuid, fields)
        else:
            changes.create("link", fields, record=uuid)
        if action == "merge":
            _absorb(conn, changes, a, b)
        vault.commit(changes, conn)
    return uuid


def decisions(conn: Connection) -> list[Decision]:
    """Every current decision, newest first, with the names of the two persons as they are now."""
    rows = conn.exec_driver_sql(
        "SELECT l.uuid, l.person_a, l.person_b, pa.name, pb.name, l.decision, l.kept, l.note, l.author "
        "FROM link l LEFT JOIN person pa ON pa.uuid = l.person_a LEFT JOIN person pb ON pb.uuid = l.person_b "
        "WHERE l.deleted = 0 ORDER BY l.hlc DESC").fetchall()
    return [Decision(*row) for row in rows]


def decided_pairs(conn: Connection) -> set[tuple[str, str]]:
    """Pairs (smaller uuid first) a coordinator has already decided about, either way."""
    return {(a, b) for a, b in conn.exec_driver_sql("SELECT person_a, person_b FROM link WHERE deleted = 0")}
