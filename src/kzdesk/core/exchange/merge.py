"""Merging revisions from other vaults: a join that is commutative, associative and idempotent.

For each incoming revision of a record:
- already known → unchanged;
- the record is new here → it appears;
- it descends from the local head → fast-forward;
- it is an ancestor of the local head → kept in history only;
- otherwise the two heads are concurrent → a three-way merge field by field against their latest
  common ancestor (model/threeway.py: the rule the editor's save joins by too). A field changed
  differently on both sides becomes a Conflict that keeps every value; an edit against a deletion
  is a conflict too. The merge itself is a revision with both heads as parents whose id, stamp and
  body depend only on those heads, so every vault that merges the same two heads, in any order,
  gets the very same revision — and the same current content.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.exchange.authorship import BAD_MERGE, WAITING, Refused
from kzdesk.core.model.records import META_COLUMNS, RECORD_TABLES, field_names
from kzdesk.core.model.revisions import (
    WRITE_ORDER,
    RevisionRow,
    store_revisions,
    unknown_revisions,
)
from kzdesk.core.model.threeway import DELETED as DELETED  # re-exported: conflicts name it
from kzdesk.core.model.threeway import FUTURE_TOLERANCE_MS as FUTURE_TOLERANCE_MS
from kzdesk.core.model.threeway import MERGE_AUTHOR, Lineage, is_future
from kzdesk.core.model.threeway import load_revision as _load
from kzdesk.core.vault.engine import raw as _raw
from kzdesk.core.vault.engine import sql_slices


@dataclass
class MergeReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    future: int = 0  # revisions stamped beyond this clock and its tolerance: flagged, never winning

    def to_json(self) -> dict[str, int]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged, "conflicts": self.conflicts,
                "future": self.future}


def _insert(conn: Connection, kind: str, rows: list[tuple[Any, ...]]) -> None:
    cols = [*META_COLUMNS, *field_names(RECORD_TABLES[kind])]
    _raw(conn).executemany(f"INSERT INTO {kind} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)


Rows = dict[str, dict[str, tuple[Any, ...]]]  # per kind, each record's row by its uuid
ORIGINS = "revision_origin"  # held like a kind: (revision, bundle) by revision


def write_origins(conn: Connection, rows: list[tuple[str, str]]) -> None:
    """The one writer of provenance, (revision, bundle that first brought it): a revision that has
    one keeps it."""
    _raw(conn).executemany("INSERT INTO revision_origin (revision, bundle_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           rows)


@dataclass
class NewRecords:
    """Rows of records new to this vault, held back while a group of bundles is merged and written
    together at its end: one INSERT per kind for the group, not one per bundle, so the full-text
    index grows in a few large steps instead of hundreds of small ones. The provenance of the
    group's revisions is held the same way (nothing reads it while merging).

    Only this module reads record rows while merging, and it treats held rows as written: a bundle
    that changes a held record, or points at one from a row it must write now, writes what is held
    first. A savepoint rolled back must restore() the mark() taken when it began: rows added since
    go, rows written out since (the rollback took them from the tables) are held again."""

    rows: Rows = field(default_factory=dict)
    added: list[tuple[str, str]] = field(default_factory=list)  # (kind, uuid) in the order added
    writes: list[Rows] = field(default_factory=list)  # what each write() wrote, in order

    def mark(self) -> tuple[int, int]:
        return len(self.writes), len(self.added)

    def restore(self, mark: tuple[int, int]) -> None:
        writes, added = mark
        if len(self.writes) > writes:
            self.rows = self.writes[writes]  # as held when the first write after the mark began
            del self.writes[writes:]
        for kind, uuid in self.added[added:]:
            self.rows.get(kind, {}).pop(uuid, None)
        del self.added[added:]

    def holds(self, kind: str, records: Iterable[str]) -> bool:
        held = self.rows.get(kind)
        return held is not None and any(r in held for r in records)

    def add(self, kind: str, rows: list[tuple[Any, ...]]) -> None:
        """Hold rows of records that are neither written nor held (merge_revisions writes what is
        held before it merges a held record again)."""
        self.rows.setdefault(kind, {}).update((row[0], row) for row in rows)
        self.added.extend((kind, row[0]) for row in rows)

    def add_origins(self, bundle: str, revisions: Iterable[str]) -> None:
        """Hold the provenance of a bundle's revisions: the first bundle that brought one keeps it
        (held, or already written)."""
        held = self.rows.setdefault(ORIGINS, {})
        for rev in revisions:
            if rev not in held:
                held[rev] = (rev, bundle)
                self.added.append((ORIGINS, rev))

    def write(self, conn: Connection) -> None:
        """Write every held row (kinds in foreign-key order) in the caller's transaction."""
        for kind in WRITE_ORDER:
            rows = self.rows.get(kind)
            if rows:
                _insert(conn, kind, list(rows.values()))
        if origins := self.rows.get(ORIGINS):
            write_origins(conn, [origins[rev] for rev in sorted(origins)])  # in key order: fewer pages
        self.writes.append(self.rows)
        self.rows = {}


def _upsert(conn: Connection, kind: str, rows: list[tuple[Any, ...]]) -> None:
    """Write current rows (new or changed) of one kind; the creator column too, see _creator()."""
    cols = [*META_COLUMNS, *field_names(RECORD_TABLES[kind])]
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "uuid")
    _raw(conn).executemany(
        f"INSERT INTO {kind} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
        f"ON CONFLICT(uuid) DO UPDATE SET {updates}", rows)


# What a record points at, per kind: (field, table, column). A record arriving before what it points
# at (a bundle of the sequence is still missing) waits in pending_record instead of breaking the
# foreign key, and appears as soon as that arrives.
REFERENCES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "act": (("event", "event", "uuid"), ("person", "person", "uuid")),
    "participation": (("event", "event", "uuid"), ("person", "person", "uuid")),
    "citation": (("source", "source", "uuid"),),
    "attachment": (("sha256", "blob", "sha256"),),
    "status": (("person", "person", "uuid"),),
}


def _dangling(conn: Connection, kind: str, rows: list[tuple[Any, ...]], held: NewRecords | None) -> set[str]:
    """The records among rows (as _row_values gives them) that point at something not here (held
    rows count as here)."""
    out: set[str] = set()
    names = field_names(RECORD_TABLES[kind])
    for name, table, column in REFERENCES.get(kind, ()):
        at = len(META_COLUMNS) + names.index(name)
        wanted = sorted({row[at] for row in rows if row[at] is not None})
        held_rows = held.rows.get(table, {}) if held is not None else {}
        have = {w for w in wanted if w in held_rows}
        for marks, chunk in sql_slices([w for w in wanted if w not in have]):
            have.update(r[0] for r in _raw(conn).execute(
                f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", chunk))
        out.update(row[0] for row in rows if row[at] is not None and row[at] not in have)
    return out


def _hold_or_write(conn: Connection, kind: str, inserts: list[tuple[Any, ...]],
                   upserts: list[tuple[Any, ...]], held: NewRecords | None) -> None:
    """Write the rows whose references are here (new records into held, when given); hold the
    others in pending_record."""
    raw = _raw(conn)
    dangling = _dangling(conn, kind, inserts + upserts, held) if kind in REFERENCES else set()
    if dangling:
        raw.executemany("INSERT INTO pending_record (kind, record, rev) VALUES (?, ?, ?) "
                        "ON CONFLICT(kind, record) DO UPDATE SET rev = excluded.rev",
                        [(kind, row[0], row[2]) for row in inserts + upserts if row[0] in dangling])
        inserts = [row for row in inserts if row[0] not in dangling]
        upserts = [row for row in upserts if row[0] not in dangling]
    if upserts and held is not None:
        held.write(conn)  # a changed row may now point at a held one: the foreign key needs it written
    if inserts and held is not None:
        held.add(kind, inserts)
    elif inserts:
        _insert(conn, kind, inserts)
    if upserts:
        _upsert(conn, kind, upserts)
        raw.executemany("DELETE FROM pending_record WHERE kind = ? AND record = ?", [(kind, r[0]) for r in upserts])


def _settle_pending(conn: Connection, held: NewRecords | None) -> None:
    """Records that were waiting and whose references have now arrived take their place."""
    waiting = _raw(conn).execute("SELECT kind, rev FROM pending_record").fetchall()
    if not waiting:
        return
    for kind in WRITE_ORDER:
        revs = [_load(conn, rev) for k, rev in waiting if k == kind]
        rows = [_row_values(rev, _creator(conn, rev.record)) for rev in revs if rev is not None]
        if rows:
            _hold_or_write(conn, kind, [], rows, held)


def _row_values(rev: RevisionRow, creator: str | None, body: dict[str, Any] | None = None) -> tuple[Any, ...]:
    """A record's row from its head revision; body: the revision's fields if already parsed."""
    body = json.loads(rev.body) if body is None else body
    return (rev.record, creator or rev.author, rev.id, rev.hlc, rev.deleted,
            *map(body.get, field_names(RECORD_TABLES[rev.kind])))


def _in_order(merges: list[RevisionRow]) -> list[RevisionRow]:
    """Merge revisions with the ones they descend from first."""
    by_id = {m.id: m for m in merges}
    order: list[RevisionRow] = []
    placed: set[str] = set()
    for first in sorted(merges, key=lambda m: (m.hlc, m.id)):
        stack = [first]
        while stack:
            top = stack[-1]
            if top.id in placed:
                stack.pop()
                continue
            waiting = [by_id[p] for p in top.parents if p in by_id and p not in placed]
            if waiting:
                stack.extend(waiting)
                continue
            placed.add(top.id)
            order.append(stack.pop())
    return order


def _recompute_merges(conn: Connection, merges: list[RevisionRow], now_ms: int) -> int:
    """Check each arrived merge revision against the one this vault makes from the same parents.

    A chain of merges (each the previous one joined with one more head, as a coordinator relays
    them) keeps one lineage, so checking n of them walks the history once, not n times."""
    conflicts = 0
    lineage: Lineage | None = None
    for merge in _in_order(merges):
        parents = [_load(conn, p) for p in merge.parents]
        if parents[0] is None or parents[1] is None:
            raise Refused(WAITING)
        if lineage is None or lineage.tip.id not in merge.parents:
            lineage = Lineage(conn, parents[0])
        other = parents[1] if lineage.tip.id == parents[0].id else parents[0]
        outcome, made, found = lineage.join(conn, other, now_ms)
        if outcome != "merged" or made is None or made.id != merge.id:
            raise Refused(BAD_MERGE)
        conflicts += found
    return conflicts


def merge_revisions(conn: Connection, revisions: Iterable[RevisionRow], now_ms: int | None = None,
                    held: NewRecords | None = None, bodies: Mapping[str, dict[str, Any]] | None = None,
                    fresh: list[RevisionRow] | None = None) -> MergeReport:
    """Merge revisions (already verified) into this vault, in the caller's transaction.

    All new revisions enter the history first; then, per record, only the heads of what arrived
    are merged with the local head (in id order), so intermediate revisions of a chain never
    produce merge revisions of their own — the same heads give the same result everywhere.
    Records new to this vault (the common case at a coordinator) are inserted in bulk, or added
    to held for the caller to write later with the rest of its group. bodies: the revisions'
    fields already parsed (a bundle's), by revision id. fresh: unknown_revisions(conn, revisions)
    when the caller has just asked it (and written no revision since).
    """
    now_ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    report = MergeReport()
    raw = _raw(conn)
    incoming = list({r.id: r for r in revisions}.values())
    fresh = unknown_revisions(conn, incoming) if fresh is None else fresh
    report.unchanged += len(incoming) - len(fresh)
    report.future = sum(1 for r in fresh if is_future(r, now_ms))
    store_revisions(conn, fresh)
    # Records wait only while a bundle of a sequence is missing: mostly none do, and then no kind
    # needs asking.
    any_waiting = raw.execute("SELECT 1 FROM pending_record LIMIT 1").fetchone() is not None
    arrived: dict[str, dict[str, list[RevisionRow]]] = {}
    for rev in fresh:
        arrived.setdefault(rev.kind, {}).setdefault(rev.record, []).append(rev)
    # Kinds in foreign-key order (persons and events before the acts that point at them); the new
    # rows of a kind are flushed before the next kind is touched.
    for kind in WRITE_ORDER:
        records = arrived.get(kind, {})
        if not records:
            continue
        if held is not None and held.holds(kind, records):
            held.write(conn)  # a record held back changes again: merge it as written
        local: dict[str, tuple[str, str]] = {}
        pending: dict[str, str] = {}
        uuids = sorted(records)
        for marks, chunk in sql_slices(uuids):
            for uuid, head, creator in raw.execute(
                    f"SELECT uuid, rev, author FROM {kind} WHERE uuid IN ({marks})", chunk):
                local[uuid] = (head, creator)
            if any_waiting:
                pending.update(raw.execute(
                    f"SELECT record, rev FROM pending_record WHERE kind = ? AND record IN ({marks})", (kind, *chunk)))
        inserts: list[tuple[Any, ...]] = []  # records new here (bulk INSERT)
        upserts: list[tuple[Any, ...]] = []  # changed records, and waiting ones that moved on
        for record in uuids:
            revs = records[record]
            merges = [r for r in revs if r.author == MERGE_AUTHOR]
            if merges:
                # A merge made elsewhere is no one's word: recompute it from its parents, refuse it
                # if it differs; its conflicts are derived here too, so every vault shows the same.
                report.conflicts += _recompute_merges(conn, merges, now_ms)
            inner_parents = {p for r in revs for p in r.parents}
            heads = sorted((r for r in revs if r.id not in inner_parents), key=lambda r: r.id)
            row = local.get(record)
            waiting = pending.get(record)
            if row is None and waiting is None and len(heads) == 1:
                inserts.append(_row_values(heads[0], None, bodies.get(heads[0].id) if bodies else None))
                report.new += 1
                continue
            start = row[0] if row else waiting
            current = _load(conn, start) if start else heads[0]
            assert current is not None
            creator = row[1] if row else _creator(conn, record) if waiting else None
            lineage: Lineage | None = None
            for head in heads:
                if head.id == current.id:
                    continue
                lineage = lineage or Lineage(conn, current)
                outcome, merged, conflicts = lineage.join(conn, head, now_ms)
                if outcome == "merged" and merged is not None:
                    store_revisions(conn, [merged])
                    report.conflicts += conflicts
                current = lineage.tip
            if current.author == MERGE_AUTHOR:  # two histories met: name the creator as every vault does
                creator = _creator(conn, record)
            if row is None:
                (upserts if waiting else inserts).append(_row_values(current, creator))
                report.new += 1
            elif current.id != row[0]:
                upserts.append(_row_values(current, creator))
                report.updated += 1
            else:
                report.unchanged += len(revs)
            _close_resolved(conn, revs)
        _hold_or_write(conn, kind, inserts, upserts, held)
    _settle_pending(conn, held)
    return report


def _creator(conn: Connection, record: str) -> str | None:
    """Who created a record, the same in every vault: the author of its first root revision.

    A record has two roots only when two vaults created it under one id (a decision about the same
    pair of persons); each vault would otherwise name itself as the creator and the rows would differ.
    """
    row = _raw(conn).execute("SELECT author FROM revision WHERE record = ? AND parents = '[]' ORDER BY hlc, id "
                             "LIMIT 1", (record,)).fetchone()
    return None if row is None else str(row[0])


def _close_resolved(conn: Connection, revs: list[RevisionRow]) -> None:
    """A person's resolution names the conflicting revisions among its parents: close those conflicts."""
    for rev in revs:
        if rev.author != MERGE_AUTHOR and len(rev.parents) > 1:
            parents = set(rev.parents)
            rows = _raw(conn).execute("SELECT id, revisions FROM conflict WHERE record = ? AND status = 'open'",
                                      (rev.record,)).fetchall()
            for conflict_id, revisions in rows:
                if set(json.loads(revisions)) <= parents:
                    _raw(conn).execute("UPDATE conflict SET status = 'resolved', resolution = ? WHERE id = ?",
                                       (rev.id, conflict_id))
