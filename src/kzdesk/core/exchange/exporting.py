"""Export: the revisions not yet sent, written to one encrypted, signed bundle, and its number kept."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from kzdesk.core.errors import InputError, VaultError
from kzdesk.core.exchange import authorship, trust
from kzdesk.core.exchange.bundle import MAX_BUNDLE_BYTES, Progress, build
from kzdesk.core.exchange.own import age_identity, age_recipient
from kzdesk.core.files import check_destination, write_output
from kzdesk.core.model.revisions import REVISION_COLUMNS, RevisionRow, revision_from_row, sha256_hex
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault import settings


@dataclass(frozen=True)
class ExportReport:
    revisions: int
    attachments: int
    seq: int


def _revisions(conn: Connection, everything: bool) -> list[RevisionRow]:
    where = "" if everything else "WHERE r.id NOT IN (SELECT revision FROM export_mark)"
    rows = conn.exec_driver_sql(f"SELECT {REVISION_COLUMNS} FROM revision r {where} ORDER BY r.hlc, r.id").fetchall()
    return [revision_from_row(r) for r in rows]


def export_bundle(vault: Vault, out: Path, everything: bool = False, progress: Progress | None = None) -> ExportReport:
    """Write the revisions not yet exported (or all) to an encrypted, signed bundle file."""
    check_destination(out)
    # A damaged page must not travel on: wait for the page check begun on open (its structure check,
    # minutes at a million acts, is `kzdesk check --structure`).
    if vault.page_problems():
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
        if len(data) > MAX_BUNDLE_BYTES:  # every coordinator would refuse it unread (importing.verify)
            raise InputError("The bundle would be {size} MiB, more than the {limit} MiB a coordinator accepts; "
                             "nothing was written. Its evidence files are the large part: remove the largest "
                             "ones from their records, or send them another way.",
                             size=len(data) >> 20, limit=MAX_BUNDLE_BYTES >> 20)
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
