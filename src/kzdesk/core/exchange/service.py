"""Export and import of bundles for a vault: the order of checks, the quarantine, the bundle log."""

from __future__ import annotations

import itertools
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection

from kzdesk.core.errors import InputError, VaultError
from kzdesk.core.exchange import trust
from kzdesk.core.exchange.bundle import (
    MAX_BUNDLE_BYTES,
    BundleRejected,
    OpenedBundle,
    Progress,
    build,
    decrypt,
    open_bundle,
    verify_signature,
)
from kzdesk.core.exchange.merge import MergeReport, merge_revisions
from kzdesk.core.exchange.own import age_identity, age_recipient
from kzdesk.core.files import check_destination, write_output
from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.revisions import RevisionRow, sha256_hex
from kzdesk.core.vault.vault import Vault

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
                                                            "conflicts": 0})
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


def _setting(conn: Connection, key: str) -> str | None:
    row = conn.exec_driver_sql("SELECT value FROM setting WHERE key = ?", (key,)).first()
    return None if row is None else str(row[0])


def _set(conn: Connection, key: str, value: str) -> None:
    conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                         "value = excluded.value", (key, value))


def _revisions(conn: Connection, everything: bool) -> list[RevisionRow]:
    where = "" if everything else "WHERE r.id NOT IN (SELECT revision FROM export_mark)"
    rows = conn.exec_driver_sql(
        f"SELECT r.id, r.kind, r.record, r.parents, r.hlc, r.author, r.content_hash, r.deleted, r.body "
        f"FROM revision r {where} ORDER BY r.hlc, r.id").fetchall()
    return [RevisionRow(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6], bool(r[7]), r[8]) for r in rows]


def export_bundle(vault: Vault, out: Path, everything: bool = False, progress: Progress | None = None) -> ExportReport:
    """Write the revisions not yet exported (or all) to an encrypted, signed bundle file."""
    from kzdesk.core.vault.backup_file import integrity_problems

    check_destination(out)
    if integrity_problems(vault):  # a damaged page must not travel on to the coordinator
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
        prev, last = _setting(conn, "export_prev"), _setting(conn, "export_seq")
        seq = int(last or 0) + 1
        data, manifest = build(vault.identity, seq, prev, recipients, revisions, attachments, progress)
        # The sequence number is taken before the file exists: once a bundle may have left, the next
        # one must chain after it, never reuse its number (a coordinator that has it would see a fork
        # and quarantine every later bundle). The reservation is settled below or on the next export.
        _set(conn, "export_seq", str(seq))
        _set(conn, "export_prev", manifest.hash)
        _set(conn, PENDING_EXPORT, json.dumps({"file": str(out.absolute()), "sha256": sha256_hex(data),
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
        conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (PENDING_EXPORT,))
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
    pending = _setting(conn, PENDING_EXPORT)
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
    if (reachable or failed_here) and (replaced or not written) and _setting(conn, "export_seq") == str(job["seq"]):
        for key, value in job["before"].items():
            if value is None:
                conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (key,))
            else:
                _set(conn, key, value)
    conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (PENDING_EXPORT,))


def _log(conn: Connection, opened: OpenedBundle, status: str, reason: str | None, counts: dict[str, int]) -> None:
    m = opened.manifest
    conn.exec_driver_sql(
        "INSERT INTO bundle_log (bundle_id, signer, seq, manifest_hash, prev_hash, received, status, reason, report) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (m.bundle, m.signer, m.seq, m.hash, m.prev, datetime.now(UTC).isoformat(timespec="seconds"), status,
         reason, json.dumps(counts)))


def _quarantine(conn: Connection, opened: OpenedBundle, reason: str) -> None:
    m = opened.manifest
    conn.exec_driver_sql(
        "INSERT INTO quarantine (bundle_id, signer, seq, reason, received, payload) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(bundle_id) DO NOTHING",
        (m.bundle, m.signer, m.seq, reason, datetime.now(UTC).isoformat(timespec="seconds"), opened.payload))
    _log(conn, opened, "quarantined", reason, {})


def _merge(conn: Connection, opened: OpenedBundle) -> MergeReport:
    for digest, data in opened.blobs.items():
        conn.exec_driver_sql("INSERT INTO blob (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                             (digest, len(data), data))
    # Provenance: the first bundle that brought each revision (a replayed one changes nothing).
    if opened.revisions:
        conn.exec_driver_sql("INSERT INTO revision_origin (revision, bundle_id) VALUES (?, ?) "
                             "ON CONFLICT DO NOTHING", [(rev.id, opened.manifest.bundle) for rev in opened.revisions])
    return merge_revisions(conn, opened.revisions)


def _chain_problem(conn: Connection, opened: OpenedBundle) -> str | None:
    """Fork (two bundles with one sequence number) or a broken hash chain; None when consistent."""
    m = opened.manifest
    same_seq = conn.exec_driver_sql("SELECT manifest_hash FROM bundle_log WHERE signer = ? AND seq = ?",
                                    (m.signer, m.seq)).fetchall()
    if any(h != m.hash for (h,) in same_seq):
        return N_("fork")
    before = conn.exec_driver_sql("SELECT manifest_hash FROM bundle_log WHERE signer = ? AND seq = ? "
                                  "AND status = 'merged'", (m.signer, m.seq - 1)).first()
    if before is not None and m.prev != before[0]:
        return N_("fork")
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


GROUP = 64  # bundles committed together; each one still applies or rolls back on its own savepoint


def _verify(vault: Vault, path: Path) -> tuple[ImportOutcome, OpenedBundle | None]:
    """Every check that needs no write: size, decryption, archive, manifest, signature, recipients."""
    outcome = ImportOutcome(str(path), "rejected")
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleRejected("The bundle is larger than the limit; it was not read.")
        data = path.read_bytes()
    except OSError as exc:
        outcome.reason = InputError("Cannot read {path}: {reason}", path=str(path), reason=exc.strerror).message()
        return outcome, None
    try:
        with vault.engine.connect() as conn:
            secret = age_identity(conn, create=False)
        opened = open_bundle(decrypt(data, secret))
        if not verify_signature(opened):
            raise BundleRejected("The bundle's signature does not match its contents.")
        assert secret is not None
        if age_recipient(secret) not in opened.manifest.recipients:
            raise BundleRejected("The bundle was not made for this coordinator (re-encrypted by someone else).")
    except BundleRejected as exc:
        outcome.reason = exc.message()
        return outcome, None
    m = opened.manifest
    outcome.bundle, outcome.signer, outcome.seq = m.bundle, m.signer, m.seq
    return outcome, opened


def _apply(conn: Connection, opened: OpenedBundle, outcome: ImportOutcome) -> None:
    """Replay, trust, fork and chain checks against the vault, then merge or quarantine."""
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
    elif signer.revoked_after_seq is not None and m.seq > signer.revoked_after_seq:
        reason = N_("signer revoked")
    else:
        reason = _chain_problem(conn, opened)
    if reason is not None:
        _quarantine(conn, opened, reason)
        outcome.status, outcome.reason = "quarantined", reason
        return
    report = _merge(conn, opened)
    _log(conn, opened, "merged", None, report.to_json())
    outcome.status, outcome.counts = "merged", report.to_json()
    outcome.missing = missing_bundles(conn).get(m.signer, [])
    if outcome.missing:
        outcome.reason = GAP


def import_bundles(vault: Vault, paths: list[Path]) -> list[ImportOutcome]:
    """Verify and merge bundles. Each bundle is all or nothing (its own savepoint); bundles are
    committed in groups, so a slow disk's flush is paid once per group rather than per bundle."""
    outcomes: list[ImportOutcome] = []
    for start in range(0, len(paths), GROUP):
        checked = [_verify(vault, path) for path in paths[start:start + GROUP]]
        with vault.transaction() as conn:
            # An explicit BEGIN: otherwise the first SAVEPOINT would open the transaction itself and
            # its RELEASE would commit (and flush the disk) after every bundle.
            conn.exec_driver_sql("BEGIN")
            for outcome, opened in checked:
                if opened is None:
                    continue
                conn.exec_driver_sql("SAVEPOINT bundle")
                try:
                    _apply(conn, opened, outcome)
                except Exception:
                    conn.exec_driver_sql("ROLLBACK TO bundle")
                    conn.exec_driver_sql("RELEASE bundle")
                    raise
                conn.exec_driver_sql("RELEASE bundle")
        outcomes.extend(outcome for outcome, _ in checked)
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


def import_bundle(vault: Vault, path: Path) -> ImportOutcome:
    """Verify one bundle in the documented order and merge it in one transaction (or quarantine it)."""
    return import_bundles(vault, [path])[0]


def quarantined(conn: Connection) -> list[dict[str, object]]:
    rows = conn.exec_driver_sql("SELECT bundle_id, signer, seq, reason, received FROM quarantine "
                                "ORDER BY received, bundle_id").fetchall()
    return [{"bundle": b, "signer": s, "seq": q, "reason": r, "received": t} for b, s, q, r, t in rows]


def accept_quarantined(vault: Vault, bundle: str) -> MergeReport:
    """The coordinator decided to take a quarantined bundle in after all (signature re-checked)."""
    with vault.transaction() as conn:
        row = conn.exec_driver_sql("SELECT payload FROM quarantine WHERE bundle_id = ?", (bundle,)).first()
        if row is None:
            raise InputError("No bundle {bundle} in quarantine.", bundle=bundle)
        opened = open_bundle(bytes(row[0]))
        if not verify_signature(opened):
            raise BundleRejected("The bundle's signature does not match its contents.")
        report = _merge(conn, opened)
        conn.exec_driver_sql("DELETE FROM quarantine WHERE bundle_id = ?", (bundle,))
        conn.exec_driver_sql("UPDATE bundle_log SET status = 'merged', reason = 'accepted from quarantine', "
                             "report = ? WHERE bundle_id = ?", (json.dumps(report.to_json()), bundle))
    return report


def drop_quarantined(vault: Vault, bundle: str) -> None:
    with vault.transaction() as conn:
        if not conn.exec_driver_sql("DELETE FROM quarantine WHERE bundle_id = ?", (bundle,)).rowcount:
            raise InputError("No bundle {bundle} in quarantine.", bundle=bundle)
        conn.exec_driver_sql("UPDATE bundle_log SET status = 'dropped' WHERE bundle_id = ?", (bundle,))


def open_conflicts(conn: Connection) -> list[dict[str, object]]:
    rows = conn.exec_driver_sql("SELECT id, kind, record, field, candidates FROM conflict WHERE status = 'open' "
                                "ORDER BY kind, record, field").fetchall()
    return [{"id": i, "kind": k, "record": r, "field": f, "candidates": json.loads(c)} for i, k, r, f, c in rows]


def resolve_conflict(vault: Vault, conflict: str, value: object) -> str:
    """Settle a conflict with the chosen (or combined) value; returns the resolution revision."""
    from kzdesk.core.exchange.merge import DELETED

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
