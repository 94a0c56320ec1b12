"""Bundles set aside with their reason: kept whole or by reference, retried when what they wait
for arrives, accepted or dropped by the coordinator."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import trust
from kzdesk.core.exchange.admission import admit
from kzdesk.core.exchange.authorship import BAD_MERGE, WAITING
from kzdesk.core.exchange.bundle import BundleRejected, OpenedBundle, decrypt, open_bundle, verify_signature
from kzdesk.core.exchange.chain import chain_problem, log_bundle, revocation_problem
from kzdesk.core.exchange.merge import MergeReport
from kzdesk.core.exchange.own import age_identity
from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.revisions import sha256_hex
from kzdesk.core.model.vault import Vault

QUARANTINE_INLINE = 4 * 1024 * 1024  # larger bundles stay in their file; only a reference is kept


@dataclass(frozen=True)
class Received:
    """Where a bundle came from: its file and the hash of the file's (encrypted) bytes."""

    path: Path
    sha256: str


def set_aside(conn: Connection, opened: OpenedBundle, reason: str, source: Received | None) -> None:
    """Set a bundle aside. A small one is kept whole (encrypted with the vault); a large one by
    reference, so a throwaway key cannot fill the vault: accepting it later reads the file again and
    checks it is the same bytes."""
    m = opened.manifest
    inline = source is None or len(opened.payload) <= QUARANTINE_INLINE
    conn.exec_driver_sql(
        "INSERT INTO quarantine (bundle_id, signer, seq, reason, received, payload, source_path, source_sha256) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(bundle_id) DO NOTHING",
        (m.bundle, m.signer, m.seq, reason, datetime.now(UTC).isoformat(timespec="seconds"),
         opened.payload if inline else None, None if inline or source is None else str(source.path.absolute()),
         None if inline or source is None else source.sha256))
    log_bundle(conn, opened, "quarantined", reason, {})


def retry_waiting(vault: Vault, conn: Connection) -> list[str]:
    """Bundles quarantined only because they change records whose creation had not arrived: try
    them again now that more has (each one all or nothing). Returns the bundles merged."""
    merged: list[str] = []
    progress = True
    while progress:
        progress = False
        for bundle, in conn.exec_driver_sql("SELECT bundle_id FROM quarantine WHERE reason = ? ORDER BY seq",
                                            (WAITING,)).fetchall():
            opened = reopen(conn, str(bundle))
            if opened is None:
                continue
            # Every check again, not only authorship: the chain may have grown around it meanwhile.
            signer = trust.get(conn, opened.manifest.signer)
            reason = N_("unknown signer") if signer is None else \
                revocation_problem(conn, opened.manifest, signer.revoked_after_seq) or chain_problem(conn, opened)
            report = None
            if reason is None:
                reason, report = admit(vault, conn, opened)
            if reason is not None and reason != WAITING:
                conn.exec_driver_sql("UPDATE quarantine SET reason = ? WHERE bundle_id = ?", (reason, bundle))
                conn.exec_driver_sql("UPDATE bundle_log SET reason = ? WHERE bundle_id = ?", (reason, bundle))
            if reason is None and report is not None:
                conn.exec_driver_sql("DELETE FROM quarantine WHERE bundle_id = ?", (bundle,))
                conn.exec_driver_sql("UPDATE bundle_log SET status = 'merged', reason = NULL, report = ? "
                                     "WHERE bundle_id = ?", (json.dumps(report.to_json()), bundle))
                merged.append(str(bundle))
                progress = True
    return merged


@dataclass(frozen=True)
class Quarantined:
    """A bundle set aside: whose, which number, why (an English msgid) and when it arrived."""

    bundle: str
    signer: str
    seq: int
    reason: str
    received: str

    def to_json(self) -> dict[str, object]:
        return {"bundle": self.bundle, "signer": self.signer, "seq": self.seq, "reason": self.reason,
                "received": self.received}


def quarantined(conn: Connection) -> list[Quarantined]:
    rows = conn.exec_driver_sql("SELECT bundle_id, signer, seq, reason, received FROM quarantine "
                                "ORDER BY received, bundle_id").fetchall()
    return [Quarantined(str(b), str(s), int(q), str(r), str(t)) for b, s, q, r, t in rows]


def accept_quarantined(vault: Vault, bundle: str) -> MergeReport:
    """The coordinator decided to take a quarantined bundle in after all (signature re-checked)."""
    with vault.transaction() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM quarantine WHERE bundle_id = ?", (bundle,)).first() is None:
            raise InputError("No bundle {bundle} in quarantine.", bundle=bundle)
        opened = reopen(conn, bundle, vault)
        if opened is None or not verify_signature(opened):
            raise BundleRejected("The bundle's signature does not match its contents.")
        # Accepting vouches for the signer, not for what it claims others wrote or may change.
        reason, report = admit(vault, conn, opened, signer_role="volunteer")
        if reason is not None or report is None:
            raise BundleRejected("The bundle cannot be merged: {reason}.", reason=tr(reason or BAD_MERGE))
        conn.exec_driver_sql("DELETE FROM quarantine WHERE bundle_id = ?", (bundle,))
        conn.exec_driver_sql("UPDATE bundle_log SET status = 'merged', reason = 'accepted from quarantine', "
                             "report = ? WHERE bundle_id = ?", (json.dumps(report.to_json()), bundle))
    return report


def reopen(conn: Connection, bundle: str, vault: Vault | None = None) -> OpenedBundle | None:
    """A quarantined bundle, opened again: from the vault, or from its file when it was kept by
    reference (the file must still be there with the very same bytes). None if it cannot be had."""
    row = conn.exec_driver_sql("SELECT payload, source_path, source_sha256 FROM quarantine WHERE bundle_id = ?",
                               (bundle,)).first()
    if row is None:
        return None
    if row[0] is not None:
        return open_bundle(bytes(row[0]))
    path = Path(str(row[1]))
    try:
        data = path.read_bytes()
    except OSError:
        if vault is None:
            return None
        raise InputError("The quarantined bundle's file {path} is no longer there; put it back to accept it.",
                         path=str(path)) from None
    if sha256_hex(data) != row[2]:
        if vault is None:
            return None
        raise BundleRejected("The quarantined bundle's file {path} has changed since it arrived.", path=str(path))
    return open_bundle(decrypt(data, age_identity(conn, create=False)))


def drop_quarantined(vault: Vault, bundle: str) -> None:
    with vault.transaction() as conn:
        if not conn.exec_driver_sql("DELETE FROM quarantine WHERE bundle_id = ?", (bundle,)).rowcount:
            raise InputError("No bundle {bundle} in quarantine.", bundle=bundle)
        conn.exec_driver_sql("UPDATE bundle_log SET status = 'dropped' WHERE bundle_id = ?", (bundle,))
