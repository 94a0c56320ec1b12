"""Each signer's bundles form a numbered hash chain; the bundle log says what arrived, and what
is missing, forked or signed by a revoked key."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime

from sqlalchemy import Connection

from kzdesk.core.exchange.bundle import INT64_MAX, Manifest, OpenedBundle
from kzdesk.core.i18n import N_


def log_bundle(conn: Connection, opened: OpenedBundle, status: str, reason: str | None, counts: dict[str, int]) -> None:
    m = opened.manifest
    conn.exec_driver_sql(
        "INSERT INTO bundle_log (bundle_id, signer, seq, manifest_hash, prev_hash, received, status, reason, report) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (m.bundle, m.signer, m.seq, m.hash, m.prev, datetime.now(UTC).isoformat(timespec="seconds"), status,
         reason, json.dumps(counts)))


def chain_problem(conn: Connection, opened: OpenedBundle) -> str | None:
    """Fork (two bundles with one sequence number) or a broken hash chain on either side — a gap
    filled late must fit the bundle before it and the one after it; None when consistent."""
    m = opened.manifest
    # The next bundle names this one's hash: it is the genuine one of its number, whatever else
    # claimed that number before (a forgery sent first must not shut the real bundle out).
    vouched = _next_prev(conn, m.signer, m.seq) == m.hash
    same_seq = conn.exec_driver_sql("SELECT manifest_hash, status FROM bundle_log WHERE signer = ? AND seq = ?",
                                    (m.signer, m.seq)).fetchall()
    if any(h != m.hash and (status == "merged" or not vouched) for h, status in same_seq):
        return N_("fork")
    before = conn.exec_driver_sql("SELECT manifest_hash FROM bundle_log WHERE signer = ? AND seq = ? "
                                  "AND status = 'merged'", (m.signer, m.seq - 1)).first()
    if before is not None and m.prev != before[0]:
        return N_("fork")
    if _next_prev(conn, m.signer, m.seq) not in (None, m.hash):
        return N_("fork")
    return None


def _next_prev(conn: Connection, signer: str, seq: int) -> str | None:
    """What the signer's merged bundle numbered seq + 1 says came before it (None: not here)."""
    if seq >= INT64_MAX:
        return None  # no bundle can follow the highest number SQLite stores
    row = conn.exec_driver_sql("SELECT prev_hash FROM bundle_log WHERE signer = ? AND seq = ? AND status = 'merged'",
                               (signer, seq + 1)).first()
    return None if row is None else str(row[0])


REVOKED = N_("signer revoked")


UNVOUCHED = N_("signer revoked, and no later bundle shows this one was made before")


def revocation_problem(conn: Connection, m: Manifest, revoked_after: int | None) -> str | None:
    """What a revoked key signs is judged by the chain, not by the number it claims: a bundle
    numbered within the allowed range is merged only if the signer's next bundle, merged before,
    names its hash (so it existed then); anyone holding the key could number a new one 4."""
    if revoked_after is None:
        return None
    if m.seq > revoked_after or _next_prev(conn, m.signer, m.seq) is None:
        return REVOKED if m.seq > revoked_after else UNVOUCHED
    return None


GAP = N_("earlier bundles from this signer have not arrived")


MAX_GAPS = 1000  # a signer's sequence may jump to 2**63: list the first gaps, never walk them all


def missing_bundles(conn: Connection) -> dict[str, list[int]]:
    """Per signer, the sequence numbers below its newest merged bundle that were never merged here
    (the first MAX_GAPS of them): flagged on every import and in the trust list until they arrive."""
    merged: dict[str, set[int]] = {}
    for signer, seq in conn.exec_driver_sql("SELECT signer, seq FROM bundle_log WHERE status = 'merged'"):
        merged.setdefault(signer, set()).add(int(seq))
    return {signer: gaps for signer, seqs in merged.items() if (gaps := _gaps(seqs))}


def missing_from(conn: Connection, signer: str) -> list[int]:
    """missing_bundles() of one signer, reading only that signer's bundles (asked after each one merged)."""
    seqs = {int(seq) for seq, in conn.exec_driver_sql(
        "SELECT seq FROM bundle_log WHERE signer = ? AND status = 'merged'", (signer,))}
    return _gaps(seqs) if seqs else []


def _gaps(seqs: set[int]) -> list[int]:
    return list(itertools.islice((n for n in range(1, max(seqs)) if n not in seqs), MAX_GAPS))
