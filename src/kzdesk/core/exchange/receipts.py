"""Receipts: the coordinator confirms which bundles arrived; the volunteer may then purge them.

A receipt is a signed list of bundle ids and manifest hashes for one volunteer (no names, no case
data), accepted only from a trusted coordinator whose key is not revoked. Purging removes, from the
volunteer's vault, every record whose every revision went out in a bundle the receipt names (a
revision re-sent with `export-bundle --all` counts when any bundle that carried it was confirmed),
except records still needed by one that stays (an unsent act keeps its person and event; a citation
its source; an attachment its target) — rows, history, conflicts, full-text entries and attachment
bytes — then overwrites freed pages (secure_delete), empties the write-ahead log and vacuums, so
nothing of them can be read back from the laptop. What stays is counted with its reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import trust
from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.revisions import WRITE_ORDER, canonical_json
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.engine import sql_slices
from kzdesk.core.vault.identity import SigningIdentity

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


def _check_signer(conn: Connection, coordinator: str) -> trust.Trusted:
    signer = trust.get(conn, coordinator)
    if signer is None or signer.role != "coordinator":
        raise InputError("The receipt is not signed by a coordinator this vault trusts.")
    if signer.revoked_after_seq is not None:
        # A revoked coordinator's key may be in other hands: what it confirms proves nothing.
        raise InputError("The receipt is signed by a coordinator whose key was revoked in this vault; "
                         "nothing was erased.")
    return signer


def read_receipt(conn: Connection, data: bytes, own_key: str) -> Receipt:
    """Verify a receipt: for this vault, signed by a trusted coordinator whose key is not revoked."""
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
    signer = _check_signer(conn, coordinator)
    try:
        Ed25519PublicKey.from_public_bytes(signer.public_key).verify(
            signature, RECEIPT_DOMAIN + canonical_json(body).encode())
    except InvalidSignature:
        raise InputError("The receipt's signature does not match its contents.") from None
    return Receipt(coordinator, bundles)


# Why a record stays on this computer (msgids, translated when shown).
NOT_SENT = N_("not sent yet (recorded or changed since the last bundle)")
NOT_CONFIRMED = N_("sent, but this receipt does not confirm it")
STILL_NEEDED = N_("still needed by a record that stays")
REASONS = (NOT_SENT, NOT_CONFIRMED, STILL_NEEDED)
KIND_LABELS = {"person": N_("person"), "event": N_("event"), "source": N_("source"), "act": N_("act"),
               "participation": N_("participation"), "citation": N_("citation"),
               "attachment": N_("attachment"), "link": N_("link"), "status": N_("status"),
               "act_link": N_("link")}

Record = tuple[str, str]  # (kind, uuid)


def _by_kind(records: Iterable[Record]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind, _ in records:
        counts[kind] = counts.get(kind, 0) + 1
    return {kind: counts[kind] for kind in WRITE_ORDER if kind in counts}


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{tr(KIND_LABELS.get(k, k))}: {n}" for k, n in counts.items())


@dataclass(frozen=True)
class PurgeResult:
    """What a purge erases (or erased), and what it keeps with the reason, counted by kind."""

    erased: dict[str, int] = field(default_factory=dict)
    kept: dict[str, dict[str, int]] = field(default_factory=dict)  # reason msgid -> kind -> count

    @property
    def erased_total(self) -> int:
        return sum(self.erased.values())

    @property
    def kept_total(self) -> int:
        return sum(n for counts in self.kept.values() for n in counts.values())

    def details(self) -> list[str]:
        """Lines for people, in the current language: erased by kind, then kept by reason and kind."""
        lines = [tr("Erased: {counts}", counts=_counts_text(self.erased))] if self.erased else []
        if self.kept:
            lines.append(tr("Records kept on this computer: {count}", count=self.kept_total))
            lines += [f"  {tr(reason)}: {_counts_text(counts)}" for reason, counts in self.kept.items()]
        return lines


@dataclass
class _Plan:
    erase: set[Record]
    kept: dict[Record, str]

    def result(self) -> PurgeResult:
        kept = {reason: _by_kind(r for r, why in self.kept.items() if why == reason) for reason in REASONS}
        return PurgeResult(_by_kind(self.erase), {reason: counts for reason, counts in kept.items() if counts})


def _references(conn: Connection) -> dict[Record, list[Record]]:
    """What each record points at (its person, event, source, target); a record that stays keeps these."""
    refs: dict[Record, list[Record]] = {}
    for kind in ("act", "participation"):
        for uuid, person, event in conn.exec_driver_sql(f"SELECT uuid, person, event FROM {kind}"):
            refs[(kind, uuid)] = [("person", person), ("event", event)]
    for uuid, source, target_kind, target in conn.exec_driver_sql(
            "SELECT uuid, source, target_kind, target FROM citation"):
        refs[("citation", uuid)] = [("source", source), (target_kind, target)]
    for uuid, target_kind, target in conn.exec_driver_sql("SELECT uuid, target_kind, target FROM attachment"):
        refs[("attachment", uuid)] = [(target_kind, target)]
    for uuid, person_a, person_b in conn.exec_driver_sql("SELECT uuid, person_a, person_b FROM link"):
        refs[("link", uuid)] = [("person", person_a), ("person", person_b)]
    for uuid, person in conn.exec_driver_sql("SELECT uuid, person FROM status"):
        refs[("status", uuid)] = [("person", person)]
    for uuid, act_a, act_b in conn.exec_driver_sql("SELECT uuid, act_a, act_b FROM act_link"):
        refs[("act_link", uuid)] = [("act", act_a), ("act", act_b)]
    return refs


def _plan(conn: Connection, receipt: Receipt) -> _Plan:
    acknowledged = receipt.bundles
    # export_mark.bundle_id lists every bundle that carried the revision (a re-send adds its id).
    sent = {rev: set(str(bundles).split()) for rev, bundles in
            conn.exec_driver_sql("SELECT revision, bundle_id FROM export_mark")}
    history: dict[Record, list[str]] = {}
    for rev_id, kind, record in conn.exec_driver_sql("SELECT id, kind, record FROM revision"):
        history.setdefault((kind, record), []).append(rev_id)
    erase: set[Record] = set()
    kept: dict[Record, str] = {}
    for record, revisions in history.items():
        if any(r not in sent for r in revisions):
            kept[record] = NOT_SENT
        elif any(not sent[r] & acknowledged for r in revisions):
            kept[record] = NOT_CONFIRMED
        else:
            erase.add(record)
    for kind in WRITE_ORDER:  # a row without history is nothing a bundle carried: it stays
        for (uuid,) in conn.exec_driver_sql(f"SELECT uuid FROM {kind}"):
            if (kind, uuid) not in history:
                kept[(kind, uuid)] = NOT_SENT
    # Whatever a staying record points at stays too, and so on along the chain (a kept act keeps its
    # person; a kept citation on that act keeps the act's event through the act).
    refs = _references(conn)
    todo = list(kept)
    while todo:
        for target in refs.get(todo.pop(), ()):
            if target in erase:
                erase.discard(target)
                kept[target] = STILL_NEEDED
                todo.append(target)
    return _Plan(erase, kept)


def preview(conn: Connection, receipt: Receipt) -> PurgeResult:
    """What purge would erase and keep now (nothing is changed)."""
    return _plan(conn, receipt).result()


def _delete(conn: Connection, sql: str, values: list[str]) -> None:
    for marks, chunk in sql_slices(values):
        conn.exec_driver_sql(sql.format(marks=marks), chunk)


def _select(conn: Connection, sql: str, values: list[str]) -> list[str]:
    return [row[0] for marks, chunk in sql_slices(values)
            for row in conn.exec_driver_sql(sql.format(marks=marks), chunk)]


def purge(vault: Vault, receipt: Receipt) -> PurgeResult:
    """Delete the confirmed records that nothing staying needs, for good; says what went and what stayed."""
    with vault.transaction() as conn:
        _check_signer(conn, receipt.coordinator)  # revoked between reading the receipt and now: refuse
        plan = _plan(conn, receipt)
        records = {kind: sorted(u for k, u in plan.erase if k == kind) for kind in WRITE_ORDER}
        erased = sorted(u for _, u in plan.erase)
        revisions = _select(conn, "SELECT id FROM revision WHERE record IN ({marks})", erased)
        # Every file an erased attachment ever held (its history may name earlier bytes).
        hashes = set(_select(conn, "SELECT sha256 FROM attachment WHERE uuid IN ({marks})", records["attachment"]))
        for body in _select(conn, "SELECT body FROM revision WHERE kind = 'attachment' AND record IN ({marks})",
                            records["attachment"]):
            sha = json.loads(body).get("sha256")
            if isinstance(sha, str):
                hashes.add(sha)
        # Children before parents (the reverse of the write order), and the rows before the bytes
        # they point at: the foreign keys hold at every statement.
        for kind in reversed(WRITE_ORDER):
            _delete(conn, f"DELETE FROM {kind} WHERE uuid IN ({{marks}})", records[kind])
        _delete(conn, "DELETE FROM blob WHERE sha256 IN ({marks}) AND sha256 NOT IN (SELECT sha256 FROM "
                      "attachment)", sorted(hashes))
        _delete(conn, "DELETE FROM conflict WHERE record IN ({marks})", erased)  # candidates hold values
        _delete(conn, "DELETE FROM pending_record WHERE record IN ({marks})", erased)
        _delete(conn, "DELETE FROM revision WHERE id IN ({marks})", revisions)
        _delete(conn, "DELETE FROM export_mark WHERE revision IN ({marks})", revisions)
        _delete(conn, "DELETE FROM revision_origin WHERE revision IN ({marks})", revisions)
        # Signatures name revision ids: left behind, they would show which revisions this laptop had.
        _delete(conn, "DELETE FROM revision_proof WHERE revision IN ({marks})", revisions)
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
    return plan.result()
