"""Receipts: the coordinator confirms which bundles arrived; the volunteer may then purge them.

A receipt is a signed list of bundle ids and manifest hashes for one volunteer (no names, no case
data). Purging removes, from the volunteer's vault, every record whose revisions all went out in
acknowledged bundles and were not changed since — rows, history, full-text entries and attachment
bytes — then overwrites freed pages (secure_delete), empties the write-ahead log and vacuums, so
nothing of them can be read back from the laptop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import trust
from kzdesk.core.exchange.identity import SigningIdentity
from kzdesk.core.model.revisions import WRITE_ORDER, canonical_json
from kzdesk.core.vault.vault import Vault

RECEIPT_FORMAT = "kzdesk-receipt"
RECEIPT_DOMAIN = b"kzdesk/receipt/v1\n"
MAX_RECEIPT_BYTES = 4 * 1024 * 1024


def write_receipt(conn: Connection, identity: SigningIdentity, volunteer: str) -> bytes:
    """A signed receipt for every bundle merged from one volunteer's key."""
    rows = conn.exec_driver_sql("SELECT bundle_id, manifest_hash FROM bundle_log WHERE signer = ? AND "
                                "status = 'merged' ORDER BY seq", (volunteer,)).fetchall()
    if not rows:
        raise InputError("No bundles from {key} have been merged here.", key=volunteer)
    body = {"format": RECEIPT_FORMAT, "version": 1, "coordinator": identity.key_id, "volunteer": volunteer,
            "issued": datetime.now(UTC).strftime("%Y-%m-%d"),
            "bundles": [{"bundle": b, "manifest": h} for b, h in rows]}
    raw = canonical_json(body).encode()
    signature = identity.sign(RECEIPT_DOMAIN + raw).hex()
    return canonical_json({"receipt": body, "signature": signature}).encode() + b"\n"


@dataclass(frozen=True)
class Receipt:
    coordinator: str
    bundles: frozenset[str]


def read_receipt(conn: Connection, data: bytes, own_key: str) -> Receipt:
    """Verify a receipt: for this vault, signed by a trusted coordinator."""
    try:
        if len(data) > MAX_RECEIPT_BYTES:
            raise ValueError("too large")
        doc = json.loads(data.decode("utf-8"))
        body, signature = doc["receipt"], bytes.fromhex(doc["signature"])
        if body.get("format") != RECEIPT_FORMAT or body.get("volunteer") != own_key:
            raise ValueError("not a receipt for this vault")
        bundles = frozenset(str(b["bundle"]) for b in body["bundles"])
        coordinator = str(body["coordinator"])
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise InputError("This is not a receipt for this vault.") from None
    signer = trust.get(conn, coordinator)
    if signer is None or signer.role != "coordinator":
        raise InputError("The receipt is not signed by a coordinator this vault trusts.")
    try:
        Ed25519PublicKey.from_public_bytes(signer.public_key).verify(
            signature, RECEIPT_DOMAIN + canonical_json(body).encode())
    except InvalidSignature:
        raise InputError("The receipt's signature does not match its contents.") from None
    return Receipt(coordinator, bundles)


def purgeable(conn: Connection, receipt: Receipt) -> dict[str, list[str]]:
    """Records (by kind) whose every revision was exported in an acknowledged bundle."""
    acknowledged = set(receipt.bundles)
    exported: dict[str, str] = dict(conn.exec_driver_sql("SELECT revision, bundle_id FROM export_mark").fetchall())
    found: dict[str, list[str]] = {}
    revisions: dict[tuple[str, str], list[str]] = {}
    for rev_id, kind, record in conn.exec_driver_sql("SELECT id, kind, record FROM revision"):
        revisions.setdefault((kind, record), []).append(rev_id)
    for (kind, record), ids in revisions.items():
        if all(exported.get(r, "") in acknowledged for r in ids):
            found.setdefault(kind, []).append(record)
    return found


def purge(vault: Vault, receipt: Receipt) -> int:
    """Delete the acknowledged records for good; returns how many records went."""
    with vault.transaction() as conn:
        found = purgeable(conn, receipt)
        count = 0
        # Children before parents, the reverse of the write order.
        for kind in reversed(WRITE_ORDER):
            records = found.get(kind, [])
            for start in range(0, len(records), 500):
                chunk = records[start:start + 500]
                marks = ",".join("?" * len(chunk))
                if kind == "attachment":
                    conn.exec_driver_sql(f"DELETE FROM blob WHERE sha256 IN (SELECT sha256 FROM attachment WHERE "
                                         f"uuid IN ({marks})) AND sha256 NOT IN (SELECT sha256 FROM attachment "
                                         f"WHERE uuid NOT IN ({marks}))", (*chunk, *chunk))
                conn.exec_driver_sql(f"DELETE FROM {kind} WHERE uuid IN ({marks})", tuple(chunk))
                conn.exec_driver_sql(f"DELETE FROM revision WHERE record IN ({marks})", tuple(chunk))
                count += len(chunk)
        conn.exec_driver_sql("DELETE FROM export_mark WHERE revision NOT IN (SELECT id FROM revision)")
        for kind in ("person", "event", "act"):
            # Merge the full-text segments so deleted words are dropped from the index itself.
            conn.exec_driver_sql(f"INSERT INTO {kind}_fts({kind}_fts) VALUES ('optimize')")
    # Outside the transaction: rebuild the file so no freed page keeps old bytes, and empty the WAL.
    raw = vault.engine.raw_connection()
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("VACUUM")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    return count
