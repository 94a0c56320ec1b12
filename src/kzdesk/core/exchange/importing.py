"""Import: bundle files verified one at a time, then admitted, quarantined or rejected, in
grouped transactions."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import trust
from kzdesk.core.exchange.admission import admit
from kzdesk.core.exchange.authorship import BAD_MERGE
from kzdesk.core.exchange.bundle import (
    MAX_BUNDLE_BYTES,
    BundleRejected,
    OpenedBundle,
    Progress,
    decrypt_file,
    open_bundle,
    verify_signature,
)
from kzdesk.core.exchange.chain import GAP, chain_problem, log_bundle, missing_from, revocation_problem
from kzdesk.core.exchange.checking import Checks
from kzdesk.core.exchange.merge import NewRecords
from kzdesk.core.exchange.own import age_identity, age_recipient
from kzdesk.core.exchange.quarantine import Received, retry_waiting, set_aside
from kzdesk.core.i18n import N_, ntr, tr
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.engine import raw as _raw
from kzdesk.core.vault.identity import fingerprint

log = logging.getLogger(__name__)

class BundleStatus(StrEnum):
    """What became of one bundle file; the values are also the msgids said to the user."""

    MERGED = N_("merged")
    UNCHANGED = N_("unchanged")
    QUARANTINED = N_("quarantined")
    REJECTED = N_("rejected")
    DROPPED = N_("dropped")  # imported again after the coordinator dropped it from quarantine


@dataclass
class ImportOutcome:
    """What happened to one bundle file."""

    file: str
    status: BundleStatus
    reason: str | None = None
    bundle: str | None = None
    signer: str | None = None
    seq: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"new": 0, "updated": 0, "unchanged": 0,
                                                            "conflicts": 0, "future": 0})
    missing: list[int] = field(default_factory=list)  # earlier bundles of this signer not merged yet
    signer_name: str | None = None  # the name on the signer's trusted card (None: not trusted here)
    signer_fingerprint: str | None = None  # the first two groups of the signer's key fingerprint
    records: int = 0  # records (not revisions) the bundle carries
    unchanged_records: int = 0  # of those, records this vault already had as they are

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "status": str(self.status), "reason": self.reason, "bundle": self.bundle,
                "signer": self.signer, "seq": self.seq, **self.counts, "missing": self.missing,
                "quarantined": 1 if self.status is BundleStatus.QUARANTINED else 0,
                "signer_name": self.signer_name, "signer_fingerprint": self.signer_fingerprint,
                "records": self.records, "unchanged_records": self.unchanged_records}

    def describe(self) -> str:
        """One line for people, in the current language: file, who sent it, outcome, reason, and what
        changed counted in records ("Айгүл (12345 67890): merged — 12 new records, 3 updated, 1 conflict")."""
        reason = tr(self.reason) if self.reason else ""
        if self.missing:
            reason += ": " + ", ".join(str(n) for n in self.missing)
        line = Path(self.file).name
        if self.signer_fingerprint:
            who = self.signer_name or tr("unknown signer")
            line += f" — {who} ({self.signer_fingerprint})"
        line += f": {tr(self.status)}" + (f" ({reason})" if reason else "")
        counts = self._counts()
        return line + (f" — {counts}" if counts else "")

    def _counts(self) -> str:
        if self.status is BundleStatus.UNCHANGED:
            return ntr("{n} record already here", "{n} records already here", self.records)
        if self.status is not BundleStatus.MERGED:
            return ""
        new, updated, conflicts = self.counts["new"], self.counts["updated"], self.counts["conflicts"]
        parts = [ntr("{n} new record", "{n} new records", new)] if new else []
        if updated:
            parts.append(ntr("{n} updated", "{n} updated", updated))
        if self.unchanged_records:
            parts.append(ntr("{n} unchanged", "{n} unchanged", self.unchanged_records))
        if conflicts:
            parts.append(ntr("{n} conflict", "{n} conflicts", conflicts))
        if self.counts.get("future"):
            parts.append(ntr("{n} change stamped in the future", "{n} changes stamped in the future",
                             self.counts["future"]))
        return ", ".join(parts) or tr("nothing new")


# Bundles are committed together, up to so many bundles or revisions in one transaction; each one
# still merges or is refused on its own savepoint (admission.admit). A commit flushes the disk, and the group's new
# records are written at its end in one INSERT per kind.
GROUP = 256
GROUP_REVISIONS = 50_000
# While importing, the log of written pages is copied into the database (a checkpoint, with its
# flush) only once it holds this many pages (256 MiB of 4 KiB pages), and once at the end, instead
# of at every group's commit: the groups write into the same index pages again and again, and a
# page is copied once however often it was written. 1,000 bundles of 99 records: 13.8 s, was 16.5.
IMPORT_CHECKPOINT_PAGES = 65_536
DEFAULT_CHECKPOINT_PAGES = 1_000  # SQLite's own


def verify(path: Path, secret: str | None) -> tuple[ImportOutcome, OpenedBundle | None, Received | None]:
    """Every check that needs no write: size, decryption, archive, manifest, signature, recipients."""
    outcome = ImportOutcome(str(path), BundleStatus.REJECTED)
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleRejected("The bundle is larger than the limit; it was not read.")
        digest = hashlib.sha256()
        with path.open("rb") as fh:  # in pieces: the file is read again while it is decrypted
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        outcome.reason = InputError("Cannot read {path}: {reason}", path=str(path), reason=exc.strerror).message()
        return outcome, None, None
    except BundleRejected as exc:
        outcome.reason = exc.message()
        return outcome, None, None
    received = Received(path, digest.hexdigest())
    try:
        opened = open_bundle(decrypt_file(path, secret))
        if not verify_signature(opened):
            raise BundleRejected("The bundle's signature does not match its contents.")
        assert secret is not None
        if age_recipient(secret) not in opened.manifest.recipients:
            raise BundleRejected("The bundle was not made for this coordinator (re-encrypted by someone else).")
    except OSError as exc:
        outcome.reason = InputError("Cannot read {path}: {reason}", path=str(path), reason=exc.strerror).message()
        return outcome, None, None
    except BundleRejected as exc:
        outcome.reason = exc.message()
        return outcome, None, None
    m = opened.manifest
    outcome.bundle, outcome.signer, outcome.seq = m.bundle, m.signer, m.seq
    # The signature holds, so the key is the signer's: its fingerprint names them even when untrusted.
    outcome.signer_fingerprint = " ".join(fingerprint(m.signing_key).split()[:2])
    outcome.records = len({(r.kind, r.record) for r in opened.revisions})
    return outcome, opened, received


def verify_in_child(path: Path, secret: str | None) -> tuple[ImportOutcome, OpenedBundle | None, Received | None]:
    """verify() as the child of checking.Checks runs it: the opened bundle's views into the decrypted
    file made into bytes (a view cannot cross the pipe)."""
    outcome, opened, received = verify(path, secret)
    if opened is not None:
        opened = dataclasses.replace(opened, payload=bytes(opened.payload),
                                     blobs={k: bytes(v) for k, v in opened.blobs.items()})
    return outcome, opened, received


def child_ready() -> bool:
    """Run first in checking.Checks' child: by the time it answers, this module is imported there."""
    return True


def _apply(vault: Vault, conn: Connection, opened: OpenedBundle, outcome: ImportOutcome,
           source: Received | None, held: NewRecords) -> None:
    """Replay, trust, fork and chain checks, the authors and what they may change, then merge or
    quarantine (with the reason; nothing of a quarantined bundle is merged)."""
    m = opened.manifest
    seen = conn.exec_driver_sql("SELECT status FROM bundle_log WHERE bundle_id = ?", (m.bundle,)).first()
    if seen is not None:
        outcome.status = BundleStatus.UNCHANGED if seen[0] == "merged" else BundleStatus(seen[0])
        outcome.reason = N_("already imported") if seen[0] == "merged" else N_("already in quarantine")
        outcome.counts["unchanged"] = len(opened.revisions)
        outcome.unchanged_records = outcome.records
        outcome.signer_name = _trusted_name(conn, m.signer)
        return
    signer = trust.get(conn, m.signer)
    if signer is not None and bytes(signer.public_key) != m.signing_key:
        # The key id names the key by 128 bits of its hash; the key itself is what was trusted.
        signer = None
    outcome.signer_name = signer.display_name if signer else None
    reason = None
    if signer is None:
        reason = N_("unknown signer")
    else:
        reason = revocation_problem(conn, m, signer.revoked_after_seq) or chain_problem(conn, opened)
    report = None
    if reason is None:
        reason, report = admit(vault, conn, opened, held=held)
    if reason is not None or report is None:
        set_aside(conn, opened, reason or BAD_MERGE, source)
        outcome.status, outcome.reason = BundleStatus.QUARANTINED, reason
        return
    log_bundle(conn, opened, "merged", None, report.to_json())
    outcome.status, outcome.counts = BundleStatus.MERGED, report.to_json()
    # The merge counts new and updated records; the rest of what the bundle carries was here already.
    outcome.unchanged_records = max(0, outcome.records - report.new - report.updated)
    outcome.missing = missing_from(conn, m.signer)
    if outcome.missing:
        outcome.reason = GAP


def _trusted_name(conn: Connection, key: str) -> str | None:
    found = trust.get(conn, key)
    return found.display_name if found else None


def import_bundles(vault: Vault, paths: list[Path], progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> list[ImportOutcome]:
    """Verify and merge bundles. Each bundle is all or nothing (admit's savepoint); bundles are
    committed in groups, so a slow disk's flush is paid once per group rather than per bundle.

    progress(done, total) is told after each bundle; when cancelled() turns true the import stops
    before the next bundle, keeps what was merged so far, and returns the outcomes of those only."""
    outcomes: list[ImportOutcome] = []
    with vault.engine.connect() as conn:
        secret = age_identity(conn, create=False)
    done = 0
    with Checks(paths, secret, verify, verify_in_child, child_ready) as checks, vault.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {IMPORT_CHECKPOINT_PAGES}")
        conn.commit()  # SQLAlchemy began a transaction around the pragma (SQLite did not)
        changes = _raw(conn).total_changes
        try:
            while done < len(paths):
                if cancelled is not None and cancelled():
                    break
                done = _group(vault, conn, paths, done, checks, outcomes, progress, cancelled)
        finally:
            # The connection goes back to the pool as it came. What the groups wrote is copied in
            # now, without waiting for anyone still reading (the next checkpoint takes the rest);
            # an import that wrote nothing leaves every byte of the files as it was.
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {DEFAULT_CHECKPOINT_PAGES}")
            if _raw(conn).total_changes != changes:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            conn.commit()
    # Statuses and counts only: file names, signers and reasons can point at people.
    log.debug("bundles imported: %s", dict(Counter(str(o.status) for o in outcomes)))
    return outcomes


def _group(vault: Vault, conn: Connection, paths: list[Path], done: int, checks: Checks,
           outcomes: list[ImportOutcome], progress: Progress | None, cancelled: Callable[[], bool] | None) -> int:
    """Check and merge the bundles from paths[done] on, up to a group's worth, in one transaction
    on conn; returns how far it went."""
    with conn.begin():
        # An explicit BEGIN: otherwise a bundle's SAVEPOINT could open the transaction itself and
        # its RELEASE would commit (and flush the disk) after every bundle.
        conn.exec_driver_sql("BEGIN")
        held = NewRecords()  # the group's new records, written together before it commits
        start, revisions = done, 0
        while done < len(paths) and done - start < GROUP and revisions < GROUP_REVISIONS:
            if cancelled is not None and cancelled():
                break
            # Read, decrypt, check (here, or ahead in a second process: checking.py) and apply,
            # then let it go.
            outcome, opened, source = checks.check(done)
            done += 1
            outcomes.append(outcome)
            if opened is None:
                if progress is not None:
                    progress(len(outcomes), len(paths))
                continue
            # All or nothing per bundle: admit() merges under its own savepoint, and any other
            # failure leaves this block and rolls the whole group back. A savepoint here too would
            # only copy every page the bundle touches a second time.
            _apply(vault, conn, opened, outcome, source, held)
            revisions += len(opened.revisions)
            del opened
            if progress is not None:
                progress(len(outcomes), len(paths))
        held.write(conn)
        retried = set(retry_waiting(vault, conn))
    for outcome in outcomes:
        if outcome.bundle in retried:
            outcome.status, outcome.reason = BundleStatus.MERGED, None
    return done


def bundle_files(paths: list[Path]) -> list[Path]:
    """Files named on the command line or picked in the window; a folder stands for the bundles
    in it (*.kzb, any case, not its subfolders), in name order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted((p for p in path.iterdir() if p.suffix.lower() == ".kzb" and p.is_file()),
                              key=lambda p: p.name))
        else:
            out.append(path)
    return out
