"""Revisions: every change to a record is an immutable, hashed, clock-stamped version.

A Changeset collects creations, edits and deletions (tombstones) and writes them in bulk: the
revision rows and the current-state rows go in with executemany, which is what lets the CSV import
keep up with raw SQLCipher inserts. Who changed what and when is read back from the revisions.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.i18n import N_
from kzdesk.core.model.records import META_COLUMNS, RECORD_TABLES, RecordMeta, field_names
from kzdesk.core.vault.engine import raw, sql_slices

REVISION_DOMAIN = b"kzdesk/revision/v1\n"
# Parents are written before children so foreign keys hold inside one transaction.
WRITE_ORDER = ("person", "event", "source", "act", "participation", "citation", "attachment", "link", "status",
               "act_link")


def canonical_json(obj: Any) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8 text kept as is."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_uuid() -> str:
    """A global record id (random UUID version 4, as 32 hex digits), minted where the record is created."""
    return uuid.uuid4().hex


class Clock:
    """A hybrid logical clock: wall milliseconds, a counter for ties, and the device id.

    Stamps sort as text, and never go backwards on this device even if the wall clock does.
    """

    def __init__(self, device: str, last: str | None = None,
                 now_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000) -> None:
        self.device = device
        self._now_ms = now_ms
        self.wall, self.counter = 0, 0
        if last:
            wall, counter, _ = last.split("-", 2)
            self.wall, self.counter = int(wall), int(counter)

    def tick(self) -> str:
        wall = self._now_ms()
        if wall > self.wall:
            self.wall, self.counter = wall, 0
        else:
            self.counter += 1
        return self.stamp()

    def stamp(self) -> str:
        return f"{self.wall:013d}-{self.counter:08d}-{self.device}"


@dataclass(frozen=True)
class RevisionRow:
    id: str
    kind: str
    record: str
    parents: tuple[str, ...]
    hlc: str
    author: str
    content_hash: str
    deleted: bool
    body: str


def make_revision(kind: str, record: str, body: dict[str, Any], parents: Iterable[str], hlc: str,
                  author: str, deleted: bool = False) -> RevisionRow:
    """Hash a record's fields and header into an immutable revision."""
    return revision_of(kind, record, canonical_json(body), parents, hlc, author, deleted)


def revision_of(kind: str, record: str, body_json: str, parents: Iterable[str], hlc: str, author: str,
                deleted: bool = False) -> RevisionRow:
    """make_revision() for a body already in canonical JSON (a bundle's blob holds it as such)."""
    content_hash = sha256_hex(body_json.encode())
    parent_list = tuple(sorted(parents))
    # One field per line; none of them can contain a line break (ids, hex hashes, stamps).
    header = "\n".join((kind, record, ",".join(parent_list), hlc, author, content_hash, "1" if deleted else "0"))
    rev_id = sha256_hex(REVISION_DOMAIN + header.encode())
    return RevisionRow(rev_id, kind, record, parent_list, hlc, author, content_hash, deleted, body_json)


REVISION_COLUMNS = "id, kind, record, parents, hlc, author, content_hash, deleted, body"


def store_revisions(conn: Connection, revisions: Iterable[RevisionRow]) -> None:
    """The one writer of the revision table (local edits, bundles merged, merge revisions): a
    revision already there is left as it is (its id is the hash of everything in it). Through the
    DB-API connection under conn, in the caller's transaction: merging writes thousands."""
    raw(conn).executemany(
        f"INSERT INTO revision ({REVISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
        [(r.id, r.kind, r.record, json.dumps(list(r.parents)) if r.parents else "[]", r.hlc, r.author,
          r.content_hash, r.deleted, r.body) for r in revisions])


def unknown_revisions(conn: Connection, revisions: Iterable[RevisionRow]) -> list[RevisionRow]:
    """The revisions (each once) this vault does not have yet: a known one changes nothing."""
    revs = list({r.id: r for r in revisions}.values())
    known: set[str] = set()
    for marks, chunk in sql_slices([r.id for r in revs]):  # once per bundle merged: through raw()
        known.update(str(row[0]) for row in raw(conn).execute(
            f"SELECT id FROM revision WHERE id IN ({marks})", chunk))
    return [r for r in revs if r.id not in known]


def revision_from_row(row: Sequence[Any]) -> RevisionRow:
    """A row selected as REVISION_COLUMNS, as the immutable revision it stores."""
    return RevisionRow(str(row[0]), str(row[1]), str(row[2]), tuple(json.loads(row[3])), str(row[4]), str(row[5]),
                       str(row[6]), bool(row[7]), str(row[8]))


def _defaults(table: type[RecordMeta]) -> list[tuple[str, Any]]:
    out = []
    for name in field_names(table):
        default = table.model_fields[name].default
        out.append((name, None if repr(default) == "PydanticUndefined" else default))
    return out


_DEFAULTS = {kind: _defaults(table) for kind, table in RECORD_TABLES.items()}


@dataclass
class Changeset:
    """Changes made together by one author, written in one transaction by Vault.commit()."""

    author: str
    clock: Clock
    revisions: list[RevisionRow] = field(default_factory=list)
    # Current rows to write, per kind: new records (plain INSERT) and edited ones (upsert).
    created: dict[str, dict[str, tuple[Any, ...]]] = field(default_factory=dict)
    edited: dict[str, dict[str, tuple[Any, ...]]] = field(default_factory=dict)

    def _put(self, kind: str, record: str, body: dict[str, Any], parents: Iterable[str],
             deleted: bool, author: str) -> RevisionRow:
        rev = make_revision(kind, record, body, parents, self.clock.tick(), self.author, deleted)
        self.revisions.append(rev)
        row = (record, author, rev.id, rev.hlc, deleted, *(body[name] for name, _ in _DEFAULTS[kind]))
        new = self.created.setdefault(kind, {})
        if not parents or record in new:
            new[record] = row
        else:
            self.edited.setdefault(kind, {})[record] = row
        return rev

    def create(self, kind: str, fields: dict[str, Any], record: str | None = None) -> str:
        """Add a new record; fields not given take their defaults. Returns its uuid."""
        defaults = _DEFAULTS[kind]
        unknown = set(fields) - {name for name, _ in defaults}
        if unknown:
            raise ValueError(f"unknown {kind} fields: {sorted(unknown)}")
        body = {name: fields.get(name, default) for name, default in defaults}
        record = record or new_uuid()
        self._put(kind, record, body, (), False, self.author)
        return record

    def _current(self, conn: Connection, kind: str, record: str) -> tuple[str, str, dict[str, Any]]:
        names = [name for name, _ in _DEFAULTS[kind]]
        row = conn.exec_driver_sql(
            f"SELECT author, rev, {', '.join(names)} FROM {kind} WHERE uuid = ?", (record,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no {kind} {record}")
        return row[0], row[1], dict(zip(names, row[2:], strict=True))

    def update(self, conn: Connection, kind: str, record: str, changes: dict[str, Any]) -> str | None:
        """Record an edit as a child of the current revision; returns the new revision id.

        An edit that changes nothing writes nothing (returns None).
        """
        author, head, body = self._current(conn, kind, record)
        unknown = set(changes) - set(body)
        if unknown:
            raise ValueError(f"unknown {kind} fields: {sorted(unknown)}")
        new_body = {**body, **changes}
        if new_body == body:
            return None
        return self._put(kind, record, new_body, (head,), False, author).id

    def resolve(self, conn: Connection, kind: str, record: str, changes: dict[str, Any], settled: Iterable[str],
                deleted: bool | None = None) -> str:
        """A person's decision on a conflict: a child of the current head that also names the
        conflicting revisions as parents, so every vault that receives it knows what it settles."""
        author, head, body = self._current(conn, kind, record)
        row = conn.exec_driver_sql(f"SELECT deleted FROM {kind} WHERE uuid = ?", (record,)).one()
        parents = tuple(dict.fromkeys((head, *settled)))
        keep_deleted = bool(row[0]) if deleted is None else deleted
        return self._put(kind, record, {**body, **changes}, parents, keep_deleted, author).id

    def branch(self, conn: Connection, kind: str, record: str, base: str, changes: dict[str, Any],
               deleted: bool = False) -> RevisionRow | None:
        """An edit made on `base` (the revision an editor started from) rather than on the current
        head: its own revision, joined with the head by model/threeway.py. None when it changes
        nothing of base."""
        row = conn.exec_driver_sql("SELECT body, deleted FROM revision WHERE id = ? AND kind = ? AND record = ?",
                                   (base, kind, record)).fetchone()
        if row is None:
            raise KeyError(f"no revision {base} of {kind} {record}")
        body = json.loads(row[0])
        unknown = set(changes) - set(body)
        if unknown:
            raise ValueError(f"unknown {kind} fields: {sorted(unknown)}")
        new_body = {**body, **changes}
        if new_body == body and deleted == bool(row[1]):
            return None
        rev = make_revision(kind, record, new_body, (base,), self.clock.tick(), self.author, deleted)
        self.revisions.append(rev)
        return rev

    def adopt(self, conn: Connection, rev: RevisionRow) -> None:
        """Make a revision joined elsewhere (a merge of the editor's branch and the head) the
        record's current state, written with this changeset."""
        creator = conn.exec_driver_sql(f"SELECT author FROM {rev.kind} WHERE uuid = ?", (rev.record,)).one()[0]
        body = json.loads(rev.body)
        if rev not in self.revisions:
            self.revisions.append(rev)
        self.edited.setdefault(rev.kind, {})[rev.record] = (
            rev.record, creator, rev.id, rev.hlc, rev.deleted, *(body[name] for name, _ in _DEFAULTS[rev.kind]))

    def delete(self, conn: Connection, kind: str, record: str) -> str:
        """Write a tombstone: the record disappears from lists but its history stays."""
        author, head, body = self._current(conn, kind, record)
        return self._put(kind, record, body, (head,), True, author).id

    def write(self, conn: Connection) -> None:
        """Insert the revisions and upsert the current rows (caller holds the transaction)."""
        for kind in WRITE_ORDER:
            cols = [*META_COLUMNS, *(name for name, _ in _DEFAULTS[kind])]
            insert = f"INSERT INTO {kind} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            if self.created.get(kind):
                conn.exec_driver_sql(insert, list(self.created[kind].values()))
            if self.edited.get(kind):
                updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in ("uuid", "author"))
                conn.exec_driver_sql(f"{insert} ON CONFLICT(uuid) DO UPDATE SET {updates}",
                                     list(self.edited[kind].values()))
        store_revisions(conn, self.revisions)
        self.revisions, self.created, self.edited = [], {}, {}


@dataclass(frozen=True)
class AuditEntry:
    """One line of a record's audit trail: who changed which fields, when."""

    revision: str
    hlc: str
    wall_ms: int
    author: str
    action: str  # "created", "edited", "deleted"
    changed: dict[str, tuple[Any, Any]]


def audit_trail(conn: Connection, record: str) -> list[AuditEntry]:
    """Derive who changed what and when from a record's revision history, oldest first."""
    rows = conn.exec_driver_sql(
        "SELECT id, hlc, author, parents, deleted, body FROM revision WHERE record = ? ORDER BY hlc",
        (record,),
    ).fetchall()
    bodies = {row[0]: json.loads(row[5]) for row in rows}
    entries = []
    for rev_id, hlc, author, parents_json, deleted, body_json in rows:
        parents = json.loads(parents_json)
        body = json.loads(body_json)
        before = bodies.get(parents[0], {}) if parents else {}
        changed = {k: (before.get(k), v) for k, v in body.items() if before.get(k) != v}
        action = N_("deleted") if deleted else (N_("edited") if parents else N_("created"))
        entries.append(AuditEntry(rev_id, hlc, int(hlc.split("-")[0]), author, action, changed))
    return entries
