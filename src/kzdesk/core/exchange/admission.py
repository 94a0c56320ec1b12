"""Admission of a verified bundle: prove every author and what they may change, then merge it
(with its blobs, provenance and proofs) or refuse it whole."""

from __future__ import annotations

from sqlalchemy import Connection

from kzdesk.core.exchange import authorship
from kzdesk.core.exchange.bundle import OpenedBundle
from kzdesk.core.exchange.merge import MergeReport, NewRecords, merge_revisions, write_origins
from kzdesk.core.model.revisions import RevisionRow, unknown_revisions
from kzdesk.core.model.threeway import MERGE_AUTHOR
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.engine import raw


def _merge_bundle(conn: Connection, opened: OpenedBundle, new: list[RevisionRow], proven_by: dict[str, str],
                  held: NewRecords | None) -> MergeReport:
    """Merge a bundle whose every rule was checked (authorship too); keep its signed manifest, and
    the proofs its relayed revisions came with, so the revisions can travel on with their proof."""
    for digest, data in opened.blobs.items():
        conn.exec_driver_sql("INSERT INTO blob (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                             (digest, len(data), data))
    # Provenance: the first bundle that brought each revision (a replayed one changes nothing).
    if held is not None:
        held.add_origins(opened.manifest.bundle, (rev.id for rev in opened.revisions))
    elif opened.revisions:
        write_origins(conn, [(rev.id, opened.manifest.bundle) for rev in opened.revisions])
    m = opened.manifest
    kept = [(m.hash, m.signer, m.raw, opened.signature)]
    used = set(proven_by.values())
    kept += [(p.manifest.hash, p.manifest.signer, p.manifest.raw, p.signature) for p in opened.proofs
             if p.manifest.hash in used]
    raw(conn).executemany("INSERT INTO proof (hash, signer, manifest, signature) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT DO NOTHING", kept)
    if proven_by:
        raw(conn).executemany("INSERT INTO revision_proof (revision, proof) VALUES (?, ?) ON CONFLICT DO NOTHING",
                              list(proven_by.items()))
    return merge_revisions(conn, opened.revisions, held=held, bodies=opened.bodies, fresh=new)


def admit(vault: Vault, conn: Connection, opened: OpenedBundle, signer_role: str | None = None,
          held: NewRecords | None = None) -> tuple[str | None, MergeReport | None]:
    """Merge after proving every author and what they may change; on a broken rule nothing of the
    bundle stays (its own savepoint, and held as it was) and the reason is returned instead.

    held: new records' rows to add this bundle's to, written by the caller (see NewRecords)."""
    authors = authorship.known_authors(conn, vault.identity, vault.profile.role)
    m = opened.manifest
    if signer_role is not None and m.signer not in authors:
        # A bundle the coordinator chose to accept from a key not in the trust store: its signer is
        # its author, with no more rights than a volunteer.
        authors[m.signer] = authorship.Author(m.signer, m.signing_key, signer_role)
    new = unknown_revisions(conn, opened.revisions)
    try:
        # Reads only: a refusal here leaves nothing to undo.
        proven_by = authorship.check(conn, new, opened.proofs, opened.revision_blobs, m.signer, authors)
    except authorship.Refused as refused:
        return refused.reason, None
    if not any(r.author == MERGE_AUTHOR for r in new):
        # Only a merge revision, recomputed while merging, can still be refused once writing has
        # begun, so without one no savepoint is needed (it would copy every page the bundle touches).
        # Should a refusal come all the same, it leaves here and rolls back the caller's transaction.
        return None, _merge_bundle(conn, opened, new, proven_by, held)
    before = held.mark() if held is not None else None
    conn.exec_driver_sql("SAVEPOINT proven")
    try:
        report = _merge_bundle(conn, opened, new, proven_by, held)
    except authorship.Refused as refused:
        conn.exec_driver_sql("ROLLBACK TO proven")
        conn.exec_driver_sql("RELEASE proven")
        if held is not None and before is not None:
            held.restore(before)  # rows this bundle added go; rows it wrote out come back
        return refused.reason, None
    conn.exec_driver_sql("RELEASE proven")
    return None, report
