"""Conflicts a merge left open: listed with each value's proven author, settled by a resolution
revision."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import authorship
from kzdesk.core.exchange.merge import DELETED
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault import settings
from kzdesk.core.vault.identity import key_id


@dataclass(frozen=True)
class Candidate:
    """One side of a conflict: its value, the revision that carries it, and who proved to write it."""

    revision: str
    value: object
    hlc: str
    future: bool  # stamped beyond the receiving clock: it never supplied the value shown meanwhile
    author: str | None  # the proven author's key id; None when a bundle merely claimed one
    author_name: str | None  # the name this vault trusts that key under

    def to_json(self) -> dict[str, object]:
        return {"revision": self.revision, "value": self.value, "hlc": self.hlc, "future": self.future,
                "author": self.author, "author_name": self.author_name}


@dataclass(frozen=True)
class Conflict:
    """A field (or deletion) two revisions set differently, waiting for the coordinator."""

    id: str
    kind: str
    record: str
    field: str
    candidates: list[Candidate]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "record": self.record, "field": self.field,
                "candidates": [c.to_json() for c in self.candidates]}


def open_conflicts(conn: Connection) -> list[Conflict]:
    rows = [(str(i), str(k), str(r), str(f), json.loads(c)) for i, k, r, f, c in conn.exec_driver_sql(
        "SELECT id, kind, record, field, candidates FROM conflict WHERE status = 'open' "
        "ORDER BY kind, record, field").fetchall()]
    # Only proven authors are shown (None: a bundle merely claimed one), by the name this vault
    # trusts them under, so the coordinator knows whose value is whose.
    proven = authorship.proven_authors(conn, [c["revision"] for *_, sides in rows for c in sides])
    names = dict(conn.exec_driver_sql("SELECT key_id, display_name FROM trusted_key").fetchall())
    own = settings.get(conn, "display_name")
    for key, in conn.exec_driver_sql("SELECT public_key FROM identity"):
        names[key_id(bytes(key))] = own or ""

    def candidate(side: dict[str, object]) -> Candidate:
        revision = str(side["revision"])
        author = proven.get(revision)
        return Candidate(revision, side["value"], str(side.get("hlc", "")), bool(side.get("future")), author,
                         None if author is None else names.get(author) or author[:12])

    return [Conflict(i, k, r, f, [candidate(side) for side in sides]) for i, k, r, f, sides in rows]


def resolve_conflict(vault: Vault, conflict: str, value: object) -> str:
    """Settle a conflict with the chosen (or combined) value; returns the resolution revision.

    Typed text is parsed as the editor parses that field ("12" days of arrest is 12), and the
    record must stay in the form the program writes (model/values.py): a bad value ("12 суток") is
    refused with the reason in the user's language, and nothing is stored."""
    from kzdesk.core.i18n import tr
    from kzdesk.core.model.fields import Problem
    from kzdesk.core.model.records import RECORD_TABLES, field_names
    from kzdesk.core.model.values import parse_yes_no, stored_problems, typed_changes

    with vault.transaction() as conn:
        row = conn.exec_driver_sql("SELECT kind, record, field, revisions FROM conflict WHERE id = ? AND "
                                   "status = 'open'", (conflict,)).first()
        if row is None:
            raise InputError("No open conflict {conflict}.", conflict=conflict)
        kind, record, name, revisions = row
        changes = vault.changeset()
        try:
            if name == DELETED:
                deleted = value if isinstance(value, bool) else parse_yes_no(str(value))
                if deleted is None:
                    raise InputError("Not resolved: {reason}", reason=tr("a value is required"))
                rev = changes.resolve(conn, kind, record, {}, json.loads(revisions), deleted=deleted)
            else:
                fields = typed_changes(kind, name, value)
                columns = field_names(RECORD_TABLES[kind])
                current = conn.exec_driver_sql(f"SELECT {', '.join(columns)} FROM {kind} WHERE uuid = ?",
                                               (record,)).one()
                problems = stored_problems(kind, {**dict(zip(columns, current, strict=True)), **fields})
                if problems:
                    raise InputError("Not resolved: {reason}", reason=f"{problems[0].field} — "
                                                                      f"{tr(problems[0].msgid)}")
                rev = changes.resolve(conn, kind, record, fields, json.loads(revisions))
        except Problem as problem:
            raise InputError("Not resolved: {reason}", reason=tr(problem.msgid, **problem.params)) from None
        vault.commit(changes, conn)
        conn.exec_driver_sql("UPDATE conflict SET status = 'resolved', resolution = ? WHERE id = ?", (rev, conflict))
    return rev
