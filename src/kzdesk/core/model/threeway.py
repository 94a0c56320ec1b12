"""The three-way join of two heads of one record: the one rule every write path merges by.

Bundles merged from other vaults (exchange/merge.py) and the editor's save over a record that
changed meanwhile (model/editing.py) both come here, so a field changed on one side only is kept,
a field both sides changed differently becomes a visible conflict keeping every value, and the
merge revision two vaults make from the same two heads is the same revision, byte for byte.
"""

from __future__ import annotations

import json
import time
from collections.abc import Container
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.model.revisions import (
    REVISION_COLUMNS,
    Changeset,
    RevisionRow,
    make_revision,
    revision_from_row,
    sha256_hex,
    store_revisions,
)
from kzdesk.core.vault.engine import raw

MERGE_AUTHOR = "merge"  # a merge revision is no one's word: every vault recomputes it from its parents
FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000  # a laptop's clock a few hours off is not an attack
DELETED = "_deleted"  # the pseudo-field of an edit-against-delete conflict


def load_revision(conn: Connection, rev_id: str) -> RevisionRow | None:
    row = raw(conn).execute(f"SELECT {REVISION_COLUMNS} FROM revision WHERE id = ?", (rev_id,)).fetchone()
    return None if row is None else revision_from_row(row)


def is_future(rev: RevisionRow, now_ms: int) -> bool:
    """A stamp beyond the receiving clock and its tolerance: a wrong clock, or someone trying to win."""
    return int(rev.hlc[:13]) > now_ms + FUTURE_TOLERANCE_MS


def walk(conn: Connection, start: str, stop: Container[str],
         parents: dict[str, list[str]] | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Ancestors of start (itself included) not in stop, and where the walk met stop: both with
    their stamps. With stop the ancestors of the record's current head, the second part holds the
    heads' latest common ancestors (and perhaps older ones met by another path), and start descends
    from that head exactly when the head is among them. Each revision is walked once per record, so
    a merge stays near-linear. parents, when given, gets each new revision's parents."""
    new: dict[str, str] = {}
    met: dict[str, str] = {}
    frontier = [start]
    while frontier:
        current = frontier.pop()
        if current in new or current in met:
            continue
        row = raw(conn).execute("SELECT hlc, parents FROM revision WHERE id = ?", (current,)).fetchone()
        if row is None:
            continue  # a parent this vault never received: history starts here
        if current in stop:
            met[current] = row[0]
            continue
        new[current] = row[0]
        up = json.loads(row[1])
        if parents is not None:
            parents[current] = up
        frontier.extend(up)
    return new, met


class Lineage:
    """One record's current head and every revision it descends from, grown as heads join it."""

    def __init__(self, conn: Connection, tip: RevisionRow) -> None:
        self.tip = tip
        self.parents: dict[str, list[str]] = {}  # of every revision seen: the history, in memory
        self.seen: dict[str, str] = walk(conn, tip.id, {}, self.parents)[0]
        self.seen.setdefault(tip.id, tip.hlc)

    def join(self, conn: Connection, head: RevisionRow, now_ms: int) -> tuple[str, RevisionRow | None, int]:
        """Bring a head in: "contained", "forward" (the head descends from the tip) or "merged"
        with the deterministic merge revision and the number of conflicts it found."""
        if head.id in self.seen:
            return "contained", None, 0
        new, met = walk(conn, head.id, self.seen, self.parents)
        self.seen.update(new)
        if self.tip.id in met:
            self.tip = head
            return "forward", head, 0
        merged, conflicts = merge_heads(conn, self.tip, head, self._latest(met), now_ms)
        self.seen[merged.id] = merged.hlc
        self.parents[merged.id] = list(merged.parents)
        self.tip = merged
        return "merged", merged, conflicts

    def _latest(self, met: dict[str, str]) -> str | None:
        """The base of a join: of the common ancestors the walk met, those no other one descends
        from (the same set whichever head is joined into which), then the latest stamp and id. The
        stamp alone would not do: a laptop whose clock runs behind stamps a child before its parent,
        and two vaults joining the same two heads from either side would take different bases."""
        if len(met) < 2:
            return next(iter(met), None)
        older: set[str] = set()
        stack = [p for m in met for p in self.parents.get(m, ())]
        while stack:
            current = stack.pop()
            if current not in older:
                older.add(current)
                stack.extend(self.parents.get(current, ()))
        latest = {m: hlc for m, hlc in met.items() if m not in older}
        return max(latest.items(), key=lambda kv: (kv[1], kv[0]))[0] if latest else None


def record_conflict(conn: Connection, rev: RevisionRow, name: str, sides: list[tuple[RevisionRow, Any]],
                    now_ms: int) -> None:
    """A field two heads set differently, kept with every value until someone decides (a row of the
    conflict table, whose id depends only on the record, the field and the revisions)."""
    sides = sorted(sides, key=lambda s: s[0].id)
    revisions = [s[0].id for s in sides]
    conflict_id = sha256_hex(f"{rev.kind}\n{rev.record}\n{name}\n{','.join(revisions)}".encode())
    # A side stamped in the future is flagged for the coordinator who decides.
    candidates = [{"revision": r.id, "value": v, "author": r.author, "hlc": r.hlc,
                   **({"future": True} if is_future(r, now_ms) else {})} for r, v in sides]
    raw(conn).execute(
        "INSERT INTO conflict (id, kind, record, field, revisions, candidates, status) "
        "VALUES (?, ?, ?, ?, ?, ?, 'open') ON CONFLICT(id) DO NOTHING",
        (conflict_id, rev.kind, rev.record, name, json.dumps(revisions), json.dumps(candidates, ensure_ascii=False)))


def merge_heads(conn: Connection, local: RevisionRow, incoming: RevisionRow, base_id: str | None,
                now_ms: int) -> tuple[RevisionRow, int]:
    """The deterministic merge revision of two concurrent heads, and how many conflicts it found."""
    base_rev = load_revision(conn, base_id) if base_id else None
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
            record_conflict(conn, local, name, [(local, x), (incoming, y)], now_ms)
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
            record_conflict(conn, local, DELETED, [(deleter, True), (editor, False)], now_ms)
            conflicts += 1
        else:
            deleted = True
    hlc = max(local.hlc, incoming.hlc)
    return make_revision(local.kind, local.record, merged, (local.id, incoming.id), hlc, MERGE_AUTHOR,
                         deleted), conflicts


def edit_from(conn: Connection, changes: Changeset, kind: str, record: str, base: str | None,
              fields: dict[str, Any], deleted: bool = False) -> tuple[bool, int]:
    """Write an edit made on `base`, the revision an editor loaded. When the record's head is still
    base it is a plain child; when the record changed meanwhile (a bundle merged, a conflict
    resolved, another window, the command line) the edit becomes a branch from base joined with the
    head exactly as a bundle's would be, so nothing either side wrote is overwritten. Returns whether
    the record had changed meanwhile (the editor showed an older state), and how many conflicts the
    join left open."""
    head_id = conn.exec_driver_sql(f"SELECT rev FROM {kind} WHERE uuid = ?", (record,)).one()[0]
    if base is None or head_id == base:
        if deleted:
            changes.delete(conn, kind, record)
        else:
            changes.update(conn, kind, record, fields)
        return False, 0
    mine = changes.branch(conn, kind, record, base, fields, deleted)
    if mine is None:
        return True, 0  # the editor changed nothing here: what was written meanwhile stays as it is
    store_revisions(conn, [mine])  # the join walks the history in the database
    head = load_revision(conn, head_id)
    assert head is not None
    outcome, merged, conflicts = Lineage(conn, head).join(conn, mine, time.time_ns() // 1_000_000)
    if merged is not None:
        store_revisions(conn, [merged])
        changes.adopt(conn, merged)
    return outcome == "merged", conflicts
