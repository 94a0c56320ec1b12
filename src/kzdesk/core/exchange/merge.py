"""Merging revisions from other vaults: a join that is commutative, associative and idempotent.

For each incoming revision of a record:
- already known → unchanged;
- the record is new here → it appears;
- it descends from the local head → fast-forward;
- it is an ancestor of the local head → kept in history only;
- otherwise the two heads are concurrent → a three-way merge field by field against their latest
  common ancestor. A field changed differently on both sides becomes a Conflict that keeps every
  value; an edit against a deletion is a conflict too. The merge itself is a revision with both
  heads as parents whose id, stamp and body depend only on those heads, so every vault that merges
  the same two heads, in any order, gets the very same revision — and the same current content.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.exchange.authorship import BAD_MERGE, MERGE_AUTHOR, WAITING, Refused
from kzdesk.core.model.records import META_COLUMNS, RECORD_TABLES, field_names
from kzdesk.core.model.revisions import (
    REVISION_COLUMNS,
    WRITE_ORDER,
    RevisionRow,
    make_revision,
    revision_from_row,
    sha256_hex,
    store_revisions,
    unknown_revisions,
)
from kzdesk.core.vault.engine import sql_slices

FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000  # a laptop's clock a few hours off is not an attack
DELETED = "_deleted"  # the pseudo-field of an edit-against-delete conflict


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


def _raw(conn: Connection) -> Any:
    """The DB-API connection under conn (same transaction): merging issues thousands of small
    statements, and SQLAlchemy's per-statement bookkeeping would cost more than SQLite's work."""
    return conn.connection.dbapi_connection


def _load(conn: Connection, rev_id: str) -> RevisionRow | None:
    row = _raw(conn).execute(f"SELECT {REVISION_COLUMNS} FROM revision WHERE id = ?", (rev_id,)).fetchone()
    return None if row is None else revision_from_row(row)


def _walk(conn: Connection, start: str, stop: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Ancestors of start (itself included) not in stop, and where the walk met stop: both with
    their stamps. With stop the ancestors of the record's current head, the second part is the
    heads' latest common ancestors, and start descends from that head exactly when the head is
    among them. Each revision is walked once per record, so a merge stays near-linear."""
    new: dict[str, str] = {}
    met: dict[str, str] = {}
    frontier = [start]
    while frontier:
        current = frontier.pop()
        if current in new or current in met:
            continue
        row = _raw(conn).execute("SELECT hlc, parents FROM revision WHERE id = ?", (current,)).fetchone()
        if row is None:
            continue  # a parent this vault never received: history starts here
        if current in stop:
            met[current] = row[0]
            continue
        new[current] = row[0]
        frontier.extend(json.loads(row[1]))
    return new, met


class _Lineage:
    """One record's current head and every revision it descends from, grown as heads join it."""

    def __init__(self, conn: Connection, tip: RevisionRow) -> None:
        self.tip = tip
        self.seen: set[str] = set(_walk(conn, tip.id, set())[0]) | {tip.id}

    def join(self, conn: Connection, head: RevisionRow, now_ms: int) -> tuple[str, RevisionRow | None, int]:
        """Bring a head in: "contained", "forward" (the head descends from the tip) or "merged"
        with the deterministic merge revision and the number of conflicts it found."""
        if head.id in self.seen:
            return "contained", None, 0
        new, met = _walk(conn, head.id, self.seen)
        self.seen.update(new)
        if self.tip.id in met:
            self.tip = head
            return "forward", head, 0
        base = max(met.items(), key=lambda kv: (kv[1], kv[0]))[0] if met else None
        merged, conflicts = _merge_heads(conn, self.tip, head, base, now_ms)
        self.seen.add(merged.id)
        self.tip = merged
        return "merged", merged, conflicts


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
}


def _dangling(conn: Connection, kind: str, rows: list[tuple[Any, ...]]) -> set[str]:
    """The records among rows (as _row_values gives them) that point at something not here."""
    out: set[str] = set()
    names = field_names(RECORD_TABLES[kind])
    for name, table, column in REFERENCES.get(kind, ()):
        at = len(META_COLUMNS) + names.index(name)
        wanted = sorted({row[at] for row in rows if row[at] is not None})
        have: set[str] = set()
        for marks, chunk in sql_slices(wanted):
            have.update(r[0] for r in _raw(conn).execute(
                f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", chunk))
        out.update(row[0] for row in rows if row[at] is not None and row[at] not in have)
    return out


def _hold_or_write(conn: Connection, kind: str, inserts: list[tuple[Any, ...]],
                   upserts: list[tuple[Any, ...]]) -> None:
    """Write the rows whose references are here; hold the others in pending_record."""
    raw = _raw(conn)
    dangling = _dangling(conn, kind, inserts + upserts) if kind in REFERENCES else set()
    if dangling:
        raw.executemany("INSERT INTO pending_record (kind, record, rev) VALUES (?, ?, ?) "
                        "ON CONFLICT(kind, record) DO UPDATE SET rev = excluded.rev",
                        [(kind, row[0], row[2]) for row in inserts + upserts if row[0] in dangling])
        inserts = [row for row in inserts if row[0] not in dangling]
        upserts = [row for row in upserts if row[0] not in dangling]
    if inserts:
        cols = [*META_COLUMNS, *field_names(RECORD_TABLES[kind])]
        raw.executemany(f"INSERT INTO {kind} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", inserts)
    if upserts:
        _upsert(conn, kind, upserts)
        raw.executemany("DELETE FROM pending_record WHERE kind = ? AND record = ?", [(kind, r[0]) for r in upserts])


def _settle_pending(conn: Connection) -> None:
    """Records that were waiting and whose references have now arrived take their place."""
    held = _raw(conn).execute("SELECT kind, rev FROM pending_record").fetchall()
    for kind in WRITE_ORDER:
        revs = [_load(conn, rev) for k, rev in held if k == kind]
        rows = [_row_values(rev, _creator(conn, rev.record)) for rev in revs if rev is not None]
        if rows:
            _hold_or_write(conn, kind, [], rows)


def _conflict(conn: Connection, rev: RevisionRow, name: str, sides: list[tuple[RevisionRow, Any]],
              now_ms: int) -> None:
    sides = sorted(sides, key=lambda s: s[0].id)
    revisions = [s[0].id for s in sides]
    conflict_id = sha256_hex(f"{rev.kind}\n{rev.record}\n{name}\n{','.join(revisions)}".encode())
    # A side stamped in the future is flagged for the coordinator who decides.
    candidates = [{"revision": r.id, "value": v, "author": r.author, "hlc": r.hlc,
                   **({"future": True} if is_future(r, now_ms) else {})} for r, v in sides]
    _raw(conn).execute(
        "INSERT INTO conflict (id, kind, record, field, revisions, candidates, status) "
        "VALUES (?, ?, ?, ?, ?, ?, 'open') ON CONFLICT(id) DO NOTHING",
        (conflict_id, rev.kind, rev.record, name, json.dumps(revisions), json.dumps(candidates, ensure_ascii=False)))


def is_future(rev: RevisionRow, now_ms: int) -> bool:
    """A stamp beyond the receiving clock and its tolerance: a wrong clock, or someone trying to win."""
    return int(rev.hlc[:13]) > now_ms + FUTURE_TOLERANCE_MS


def _merge_heads(conn: Connection, local: RevisionRow, incoming: RevisionRow, base_id: str | None,
                 now_ms: int) -> tuple[RevisionRow, int]:
    """The deterministic merge revision of two concurrent heads, and how many conflicts it found."""
    base_rev = _load(conn, base_id) if base_id else None
    base: dict[str, Any] = json.loads(base_rev.body) if base_rev else {}
    base_deleted = base_rev.deleted if base_rev else False
    a, b = json.loads(local.body), json.loads(incoming.body)
    # The later of the two (by stamp, then id) supplies a conflicting field's current value; the
    # conflict record keeps both, so nothing is silently lost. A stamp from the future never wins.
    def rank(rev: RevisionRow) -> tuple[bool, str, str]:
        return not is_future(rev, now_ms), rev.hlc, rev.id

    later_body = a if rank(local) > rank(incoming) else b
    merged: dict[str, Any] = {}
    conflicts = 0
    for name in sorted(set(a) | set(b)):
        x, y, o = a.get(name), b.get(name), base.get(name)
        if x == y or y == o:
            merged[name] = x
        elif x == o:
            merged[name] = y
        else:
            merged[name] = later_body.get(name)
            _conflict(conn, local, name, [(local, x), (incoming, y)], now_ms)
            conflicts += 1
    changed_a = any(a.get(k) != base.get(k) for k in a) or local.deleted != base_deleted
    changed_b = any(b.get(k) != base.get(k) for k in b) or incoming.deleted != base_deleted
    deleted = local.deleted and incoming.deleted
    if local.deleted != incoming.deleted:
        editor = incoming if local.deleted else local
        deleter = local if local.deleted else incoming
        edited = changed_b if editor is incoming else changed_a
        if edited:
            # Edit against delete: the record stays visible until someone decides.
            _conflict(conn, local, DELETED, [(deleter, True), (editor, False)], now_ms)
            conflicts += 1
        else:
            deleted = True
    hlc = max(local.hlc, incoming.hlc)
    return make_revision(local.kind, local.record, merged, (local.id, incoming.id), hlc, MERGE_AUTHOR,
                         deleted), conflicts





def _row_values(rev: RevisionRow, creator: str | None) -> tuple[Any, ...]:
    body = json.loads(rev.body)
    return (rev.record, creator or rev.author, rev.id, rev.hlc, rev.deleted,
            *(body.get(n) for n in field_names(RECORD_TABLES[rev.kind])))


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
    lineage: _Lineage | None = None
    for merge in _in_order(merges):
        parents = [_load(conn, p) for p in merge.parents]
        if parents[0] is None or parents[1] is None:
            raise Refused(WAITING)
        if lineage is None or lineage.tip.id not in merge.parents:
            lineage = _Lineage(conn, parents[0])
        other = parents[1] if lineage.tip.id == parents[0].id else parents[0]
        outcome, made, found = lineage.join(conn, other, now_ms)
        if outcome != "merged" or made is None or made.id != merge.id:
            raise Refused(BAD_MERGE)
        conflicts += found
    return conflicts


def merge_revisions(conn: Connection, revisions: Iterable[RevisionRow], now_ms: int | None = None) -> MergeReport:
    """Merge revisions (already verified) into this vault, in the caller's transaction.

    All new revisions enter the history first; then, per record, only the heads of what arrived
    are merged with the local head (in id order), so intermediate revisions of a chain never
    produce merge revisions of their own — the same heads give the same result everywhere.
    Records new to this vault (the common case at a coordinator) are inserted in bulk.
    """
    now_ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    report = MergeReport()
    raw = _raw(conn)
    incoming = list({r.id: r for r in revisions}.values())
    fresh = unknown_revisions(conn, incoming)
    report.unchanged += len(incoming) - len(fresh)
    report.future = sum(1 for r in fresh if is_future(r, now_ms))
    store_revisions(conn, fresh)
    arrived: dict[str, dict[str, list[RevisionRow]]] = {}
    for rev in fresh:
        arrived.setdefault(rev.kind, {}).setdefault(rev.record, []).append(rev)
    # Kinds in foreign-key order (persons and events before the acts that point at them); the new
    # rows of a kind are flushed before the next kind is touched.
    for kind in WRITE_ORDER:
        records = arrived.get(kind, {})
        if not records:
            continue
        local: dict[str, tuple[str, str]] = {}
        uuids = sorted(records)
        for marks, chunk in sql_slices(uuids):
            for uuid, head, creator in raw.execute(
                    f"SELECT uuid, rev, author FROM {kind} WHERE uuid IN ({marks})", chunk):
                local[uuid] = (head, creator)
        pending = dict(raw.execute("SELECT record, rev FROM pending_record WHERE kind = ?", (kind,)).fetchall())
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
            held = pending.get(record)
            if row is None and held is None and len(heads) == 1:
                inserts.append(_row_values(heads[0], None))
                report.new += 1
                continue
            start = row[0] if row else held
            current = _load(conn, start) if start else heads[0]
            assert current is not None
            creator = row[1] if row else _creator(conn, record) if held else None
            lineage: _Lineage | None = None
            for head in heads:
                if head.id == current.id:
                    continue
                lineage = lineage or _Lineage(conn, current)
                outcome, merged, conflicts = lineage.join(conn, head, now_ms)
                if outcome == "merged" and merged is not None:
                    store_revisions(conn, [merged])
                    report.conflicts += conflicts
                current = lineage.tip
            if current.author == MERGE_AUTHOR:  # two histories met: name the creator as every vault does
                creator = _creator(conn, record)
            if row is None:
                (upserts if held else inserts).append(_row_values(current, creator))
                report.new += 1
            elif current.id != row[0]:
                upserts.append(_row_values(current, creator))
                report.updated += 1
            else:
                report.unchanged += len(revs)
            _close_resolved(conn, revs)
        _hold_or_write(conn, kind, inserts, upserts)
    _settle_pending(conn)
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
