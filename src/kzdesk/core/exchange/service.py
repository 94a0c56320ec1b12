"""Export and import of bundles for a vault: the order of checks, the quarantine, the bundle log."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection

from kzdesk.core.errors import InputError, VaultError
from kzdesk.core.exchange import authorship, trust
from kzdesk.core.exchange.authorship import BAD_MERGE, WAITING
from kzdesk.core.exchange.bundle import (
    INT64_MAX,
    MAX_BUNDLE_BYTES,
    BundleRejected,
    Manifest,
    OpenedBundle,
    Progress,
    build,
    decrypt,
    decrypt_file,
    open_bundle,
    verify_signature,
)
from kzdesk.core.exchange.merge import DELETED, MergeReport, merge_revisions
from kzdesk.core.exchange.own import age_identity, age_recipient
from kzdesk.core.files import check_destination, write_output
from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.revisions import REVISION_COLUMNS, RevisionRow, revision_from_row, sha256_hex
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault import settings
from kzdesk.core.vault.identity import key_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportReport:
    revisions: int
    attachments: int
    seq: int


@dataclass
class ImportOutcome:
    """What happened to one bundle file."""

    file: str
    status: str  # "merged", "unchanged", "quarantined" or "rejected"
    reason: str | None = None
    bundle: str | None = None
    signer: str | None = None
    seq: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"new": 0, "updated": 0, "unchanged": 0,
                                                            "conflicts": 0, "future": 0})
    missing: list[int] = field(default_factory=list)  # earlier bundles of this signer not merged yet

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "status": self.status, "reason": self.reason, "bundle": self.bundle,
                "signer": self.signer, "seq": self.seq, **self.counts, "missing": self.missing,
                "quarantined": 1 if self.status == "quarantined" else 0}

    def describe(self) -> str:
        """One line for people, in the current language: file, outcome, reason, counts."""
        reason = tr(self.reason) if self.reason else ""
        if self.missing:
            reason += ": " + ", ".join(str(n) for n in self.missing)
        counts = ", ".join(f"{tr(k)} {v}" for k, v in self.counts.items())
        return f"{Path(self.file).name}: {tr(self.status)}" + (f" ({reason})" if reason else "") + f" — {counts}"


def _revisions(conn: Connection, everything: bool) -> list[RevisionRow]:
    where = "" if everything else "WHERE r.id NOT IN (SELECT revision FROM export_mark)"
    rows = conn.exec_driver_sql(f"SELECT {REVISION_COLUMNS} FROM revision r {where} ORDER BY r.hlc, r.id").fetchall()
    return [revision_from_row(r) for r in rows]


def export_bundle(vault: Vault, out: Path, everything: bool = False, progress: Progress | None = None) -> ExportReport:
    """Write the revisions not yet exported (or all) to an encrypted, signed bundle file."""
    check_destination(out)
    if vault.integrity_problems():  # a damaged page must not travel on to the coordinator
        raise VaultError("The vault failed its integrity check; no bundle was written. Restore a backup.")
    with vault.transaction() as conn:
        _settle_interrupted_export(conn, out)
        recipients = trust.coordinator_recipients(conn)
        own_secret = age_identity(conn, create=False)
        if own_secret:
            recipients = sorted({*recipients, age_recipient(own_secret)})
        revisions = _revisions(conn, everything)
        if not revisions:
            raise InputError("Nothing new to export since the last bundle.")
        wanted = {json.loads(r.body)["sha256"] for r in revisions if r.kind == "attachment"}
        attachments = {sha: bytes(data) for sha, data in conn.exec_driver_sql(
            f"SELECT sha256, data FROM blob WHERE sha256 IN ({','.join('?' * len(wanted))})", tuple(wanted))} \
            if wanted else {}
        proofs = authorship.proofs_to_send(conn, revisions, vault.identity.key_id)
        prev, last = settings.get(conn, "export_prev"), settings.get(conn, "export_seq")
        seq = int(last or 0) + 1
        data, manifest = build(vault.identity, seq, prev, recipients, revisions, attachments, progress, proofs)
        # The sequence number is taken before the file exists: once a bundle may have left, the next
        # one must chain after it, never reuse its number (a coordinator that has it would see a fork
        # and quarantine every later bundle). The reservation is settled below or on the next export.
        settings.put(conn, "export_seq", str(seq))
        settings.put(conn, "export_prev", manifest.hash)
        settings.put(conn, PENDING_EXPORT, json.dumps({"file": str(out.absolute()), "sha256": sha256_hex(data),
                                               "seq": seq, "before": {"export_seq": last, "export_prev": prev}}))
    try:
        # A full disk or an I/O error becomes a plain InputError, and the reservation is undone.
        write_output(out, data, mode=0o600)
    except BaseException:
        with vault.transaction() as conn:
            _settle_interrupted_export(conn, None, failed_here=True)
        raise
    # Marked only once the file is there: if we stop before this, the next bundle sends these again.
    with vault.transaction() as conn:
        # A re-send (--all) adds its bundle id to the mark: a receipt for either bundle then covers it.
        conn.exec_driver_sql("INSERT INTO export_mark (revision, bundle_id) VALUES (?, ?) ON CONFLICT(revision) "
                             "DO UPDATE SET bundle_id = export_mark.bundle_id || ' ' || excluded.bundle_id",
                             [(r.id, manifest.bundle) for r in revisions])
        settings.drop(conn, PENDING_EXPORT)
    return ExportReport(len(revisions), len(attachments), seq)


PENDING_EXPORT = "export_pending"


def _settle_interrupted_export(conn: Connection, out: Path | None, failed_here: bool = False) -> None:
    """Settle an export that stopped between taking its number and marking its revisions (an error
    while writing, here and now; or a crash, found by the next export). Its revisions were not
    marked, so the next bundle carries them again; a coordinator that already has them sees them
    unchanged. What matters is the number:

    - its file is there, intact, and the new bundle goes elsewhere: the file may travel, so the
      number stays used and the next bundle chains after it;
    - its file is there but the new bundle is about to replace it, or it was never written: the
      number is given back (no bundle with it can reach anyone);
    - after a crash, its folder out of reach (a stick pulled out): we cannot know, so the number
      stays used.

    At worst a coordinator notes a missing bundle; it does not see a fork and quarantine the rest."""
    pending = settings.get(conn, PENDING_EXPORT)
    if pending is None:
        return
    job = json.loads(pending)
    path = Path(job["file"])
    try:
        written = path.is_file() and sha256_hex(path.read_bytes()) == job["sha256"]
        reachable = path.parent.is_dir()
    except OSError:
        written, reachable = False, False
    replaced = out is not None and str(out.absolute()) == job["file"]
    if (reachable or failed_here) and (replaced or not written) and settings.get(conn, "export_seq") == str(job["seq"]):
        for key, value in job["before"].items():
            if value is None:
                settings.drop(conn, key)
            else:
                settings.put(conn, key, value)
    settings.drop(conn, PENDING_EXPORT)


def _log(conn: Connection, opened: OpenedBundle, status: str, reason: str | None, counts: dict[str, int]) -> None:
    m = opened.manifest
    conn.exec_driver_sql(
        "INSERT INTO bundle_log (bundle_id, signer, seq, manifest_hash, prev_hash, received, status, reason, report) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (m.bundle, m.signer, m.seq, m.hash, m.prev, datetime.now(UTC).isoformat(timespec="seconds"), status,
         reason, json.dumps(counts)))


QUARANTINE_INLINE = 4 * 1024 * 1024  # larger bundles stay in their file; only a reference is kept


@dataclass(frozen=True)
class Received:
    """Where a bundle came from: its file and the hash of the file's (encrypted) bytes."""

    path: Path
    sha256: str


def _quarantine(conn: Connection, opened: OpenedBundle, reason: str, source: Received | None) -> None:
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
    _log(conn, opened, "quarantined", reason, {})


def _merge(conn: Connection, opened: OpenedBundle, proven_by: dict[str, str]) -> MergeReport:
    """Merge a bundle whose every rule was checked (authorship too); keep its signed manifest, and
    the proofs its relayed revisions came with, so the revisions can travel on with their proof."""
    for digest, data in opened.blobs.items():
        conn.exec_driver_sql("INSERT INTO blob (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                             (digest, len(data), data))
    # Provenance: the first bundle that brought each revision (a replayed one changes nothing).
    if opened.revisions:
        conn.exec_driver_sql("INSERT INTO revision_origin (revision, bundle_id) VALUES (?, ?) "
                             "ON CONFLICT DO NOTHING", [(rev.id, opened.manifest.bundle) for rev in opened.revisions])
    m = opened.manifest
    kept = [(m.hash, m.signer, m.raw, opened.signature)]
    used = set(proven_by.values())
    kept += [(p.manifest.hash, p.manifest.signer, p.manifest.raw, p.signature) for p in opened.proofs
             if p.manifest.hash in used]
    conn.exec_driver_sql("INSERT INTO proof (hash, signer, manifest, signature) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT DO NOTHING", kept)
    if proven_by:
        conn.exec_driver_sql("INSERT INTO revision_proof (revision, proof) VALUES (?, ?) ON CONFLICT DO NOTHING",
                             list(proven_by.items()))
    return merge_revisions(conn, opened.revisions)


def _chain_problem(conn: Connection, opened: OpenedBundle) -> str | None:
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


def _revocation_problem(conn: Connection, m: Manifest, revoked_after: int | None) -> str | None:
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
    return {signer: gaps for signer, seqs in merged.items()
            if (gaps := list(itertools.islice((n for n in range(1, max(seqs)) if n not in seqs), MAX_GAPS)))}


def _merge_proven(vault: Vault, conn: Connection, opened: OpenedBundle,
                  signer_role: str | None = None) -> tuple[str | None, MergeReport | None]:
    """Merge after proving every author and what they may change; on a broken rule nothing of the
    bundle stays (its own savepoint) and the reason is returned instead."""
    authors = authorship.known_authors(conn, vault.identity, vault.profile.role)
    m = opened.manifest
    if signer_role is not None and m.signer not in authors:
        # A bundle the coordinator chose to accept from a key not in the trust store: its signer is
        # its author, with no more rights than a volunteer.
        authors[m.signer] = authorship.Author(m.signer, m.signing_key, signer_role)
    conn.exec_driver_sql("SAVEPOINT proven")
    try:
        proven_by = authorship.check(conn, list(opened.revisions), opened.proofs, opened.revision_blobs, m.signer,
                                     authors)
        report = _merge(conn, opened, proven_by)
    except authorship.Refused as refused:
        conn.exec_driver_sql("ROLLBACK TO proven")
        conn.exec_driver_sql("RELEASE proven")
        return refused.reason, None
    conn.exec_driver_sql("RELEASE proven")
    return None, report


def _retry_waiting(vault: Vault, conn: Connection) -> list[str]:
    """Bundles quarantined only because they change records whose creation had not arrived: try
    them again now that more has (each one all or nothing). Returns the bundles merged."""
    merged: list[str] = []
    progress = True
    while progress:
        progress = False
        for bundle, in conn.exec_driver_sql("SELECT bundle_id FROM quarantine WHERE reason = ? ORDER BY seq",
                                            (WAITING,)).fetchall():
            opened = _quarantined_bundle(conn, str(bundle))
            if opened is None:
                continue
            # Every check again, not only authorship: the chain may have grown around it meanwhile.
            signer = trust.get(conn, opened.manifest.signer)
            reason = N_("unknown signer") if signer is None else \
                _revocation_problem(conn, opened.manifest, signer.revoked_after_seq) or _chain_problem(conn, opened)
            report = None
            if reason is None:
                reason, report = _merge_proven(vault, conn, opened)
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


GROUP = 64  # bundles committed together; each one still applies or rolls back on its own savepoint


def _verify(path: Path, secret: str | None) -> tuple[ImportOutcome, OpenedBundle | None, Received | None]:
    """Every check that needs no write: size, decryption, archive, manifest, signature, recipients."""
    outcome = ImportOutcome(str(path), "rejected")
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
    return outcome, opened, received


def _apply(vault: Vault, conn: Connection, opened: OpenedBundle, outcome: ImportOutcome,
           source: Received | None) -> None:
    """Replay, trust, fork and chain checks, the authors and what they may change, then merge or
    quarantine (with the reason; nothing of a quarantined bundle is merged)."""
    m = opened.manifest
    seen = conn.exec_driver_sql("SELECT status FROM bundle_log WHERE bundle_id = ?", (m.bundle,)).first()
    if seen is not None:
        outcome.status = "unchanged" if seen[0] == "merged" else str(seen[0])
        outcome.reason = N_("already imported") if seen[0] == "merged" else N_("already in quarantine")
        outcome.counts["unchanged"] = len(opened.revisions)
        return
    signer = trust.get(conn, m.signer)
    reason = None
    if signer is None:
        reason = N_("unknown signer")
    else:
        reason = _revocation_problem(conn, m, signer.revoked_after_seq) or _chain_problem(conn, opened)
    report = None
    if reason is None:
        reason, report = _merge_proven(vault, conn, opened)
    if reason is not None or report is None:
        _quarantine(conn, opened, reason or BAD_MERGE, source)
        outcome.status, outcome.reason = "quarantined", reason
        return
    _log(conn, opened, "merged", None, report.to_json())
    outcome.status, outcome.counts = "merged", report.to_json()
    outcome.missing = missing_bundles(conn).get(m.signer, [])
    if outcome.missing:
        outcome.reason = GAP


def import_bundles(vault: Vault, paths: list[Path]) -> list[ImportOutcome]:
    """Verify and merge bundles. Each bundle is all or nothing (its own savepoint); bundles are
    committed in groups, so a slow disk's flush is paid once per group rather than per bundle."""
    outcomes: list[ImportOutcome] = []
    with vault.engine.connect() as conn:
        secret = age_identity(conn, create=False)
    for start in range(0, len(paths), GROUP):
        with vault.transaction() as conn:
            # An explicit BEGIN: otherwise the first SAVEPOINT would open the transaction itself and
            # its RELEASE would commit (and flush the disk) after every bundle.
            conn.exec_driver_sql("BEGIN")
            for path in paths[start:start + GROUP]:
                # One bundle in memory at a time: read, decrypt, check and apply, then let it go.
                outcome, opened, source = _verify(path, secret)
                outcomes.append(outcome)
                if opened is None:
                    continue
                conn.exec_driver_sql("SAVEPOINT bundle")
                try:
                    _apply(vault, conn, opened, outcome, source)
                except Exception:
                    conn.exec_driver_sql("ROLLBACK TO bundle")
                    conn.exec_driver_sql("RELEASE bundle")
                    raise
                conn.exec_driver_sql("RELEASE bundle")
                del opened
            retried = set(_retry_waiting(vault, conn))
        for outcome in outcomes:
            if outcome.bundle in retried:
                outcome.status, outcome.reason = "merged", None
    # Statuses and counts only: file names, signers and reasons can point at people.
    log.debug("bundles imported: %s", dict(Counter(o.status for o in outcomes)))
    return outcomes


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


def quarantined(conn: Connection) -> list[dict[str, object]]:
    rows = conn.exec_driver_sql("SELECT bundle_id, signer, seq, reason, received FROM quarantine "
                                "ORDER BY received, bundle_id").fetchall()
    return [{"bundle": b, "signer": s, "seq": q, "reason": r, "received": t} for b, s, q, r, t in rows]


def accept_quarantined(vault: Vault, bundle: str) -> MergeReport:
    """The coordinator decided to take a quarantined bundle in after all (signature re-checked)."""
    with vault.transaction() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM quarantine WHERE bundle_id = ?", (bundle,)).first() is None:
            raise InputError("No bundle {bundle} in quarantine.", bundle=bundle)
        opened = _quarantined_bundle(conn, bundle, vault)
        if opened is None or not verify_signature(opened):
            raise BundleRejected("The bundle's signature does not match its contents.")
        # Accepting vouches for the signer, not for what it claims others wrote or may change.
        reason, report = _merge_proven(vault, conn, opened, signer_role="volunteer")
        if reason is not None or report is None:
            raise BundleRejected("The bundle cannot be merged: {reason}.", reason=tr(reason or BAD_MERGE))
        conn.exec_driver_sql("DELETE FROM quarantine WHERE bundle_id = ?", (bundle,))
        conn.exec_driver_sql("UPDATE bundle_log SET status = 'merged', reason = 'accepted from quarantine', "
                             "report = ? WHERE bundle_id = ?", (json.dumps(report.to_json()), bundle))
    return report


def _quarantined_bundle(conn: Connection, bundle: str, vault: Vault | None = None) -> OpenedBundle | None:
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


def open_conflicts(conn: Connection) -> list[dict[str, object]]:
    rows = conn.exec_driver_sql("SELECT id, kind, record, field, candidates FROM conflict WHERE status = 'open' "
                                "ORDER BY kind, record, field").fetchall()
    out = [{"id": i, "kind": k, "record": r, "field": f, "candidates": json.loads(c)} for i, k, r, f, c in rows]
    # Only proven authors are shown (None: a bundle merely claimed one), by the name this vault
    # trusts them under ("author_name"), so the coordinator knows whose value is whose.
    proven = authorship.proven_authors(conn, [c["revision"] for o in out for c in o["candidates"]])
    names = dict(conn.exec_driver_sql("SELECT key_id, display_name FROM trusted_key").fetchall())
    own = settings.get(conn, "display_name")
    for key, in conn.exec_driver_sql("SELECT public_key FROM identity"):
        names[key_id(bytes(key))] = own or ""
    for conflict in out:
        for candidate in conflict["candidates"]:
            author = proven.get(candidate["revision"])
            candidate["author"] = author
            candidate["author_name"] = None if author is None else names.get(author) or author[:12]
    return out


def resolve_conflict(vault: Vault, conflict: str, value: object) -> str:
    """Settle a conflict with the chosen (or combined) value; returns the resolution revision."""
    with vault.transaction() as conn:
        row = conn.exec_driver_sql("SELECT kind, record, field, revisions FROM conflict WHERE id = ? AND "
                                   "status = 'open'", (conflict,)).first()
        if row is None:
            raise InputError("No open conflict {conflict}.", conflict=conflict)
        kind, record, name, revisions = row
        changes = vault.changeset()
        if name == DELETED:
            rev = changes.resolve(conn, kind, record, {}, json.loads(revisions), deleted=bool(value))
        else:
            rev = changes.resolve(conn, kind, record, {name: value}, json.loads(revisions))
        vault.commit(changes, conn)
        conn.exec_driver_sql("UPDATE conflict SET status = 'resolved', resolution = ? WHERE id = ?", (rev, conflict))
    return rev
