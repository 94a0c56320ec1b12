"""Who wrote a revision, and whether they may: the exchange's rules of authorship.

A bundle's signature proves only who sent it. A trusted volunteer can put any key id into a
revision's `author` field, so the author is believed only when it is proven:

- a revision sent by signer S names S as its author, or
- the bundle carries a proof: the signed manifest of the bundle in which the author first sent it,
  which lists the revision's blob hash (and so its id: author, parents, stamp and content) and
  verifies against the author's key in this vault's trust store. One signature check per original
  bundle, however many revisions it proves;
- a merge revision (author "merge") is no one's word: merge.py recomputes it from its parents and
  refuses it if it differs.

And what an author may change depends on their role:

- a volunteer's revisions may create records and change or delete records that volunteer created
  (the author of the record's first revision); never someone else's record, never a duplicate
  decision (a `link` or an `act_link`), never a resolution (a revision with several parents), and a person's
  status (a `status`) only for a person that volunteer created;
- a coordinator may change anything.

A bundle that breaks a rule is quarantined with the reason; nothing of it is merged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection

from kzdesk.core.exchange.bundle import Proof, parse_manifest
from kzdesk.core.i18n import N_
from kzdesk.core.model.revisions import RevisionRow
from kzdesk.core.model.threeway import MERGE_AUTHOR as MERGE_AUTHOR  # defined with the merge rule
from kzdesk.core.vault.engine import raw as _raw
from kzdesk.core.vault.engine import sql_slices
from kzdesk.core.vault.identity import SigningIdentity

COORDINATOR = "coordinator"

# Reasons a bundle is quarantined for (msgids, translated where shown).
UNKNOWN_AUTHOR = N_("a revision names an author this vault does not know")
UNSIGNED_AUTHOR = N_("a revision names an author who did not sign it")
NOT_THEIRS = N_("a volunteer's revision changes a record someone else created")
NOT_A_VOLUNTEERS = N_("a volunteer's revision decides what only a coordinator may")
NOT_THEIR_PERSON = N_("a volunteer's revision sets the status of a person someone else created")
FOREIGN_PARENT = N_("a revision descends from another record's history")
BAD_MERGE = N_("a merge revision does not follow from its parents")
WAITING = N_("it changes records whose creation has not arrived yet")
UNPROVEN = N_("author not proven")  # shown instead of a name a bundle merely claimed
FUTURE_MARK = N_("stamped in the future")  # a conflict's side whose clock stamp is beyond ours


class Refused(Exception):
    """A bundle breaks a rule of authorship; reason is a msgid. Nothing of it may be merged."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Author:
    key_id: str
    public_key: bytes
    role: str


def known_authors(conn: Connection, own: SigningIdentity, own_role: str) -> dict[str, Author]:
    """Every key whose revisions this vault can attribute: the trusted keys (revoked ones too: what
    they wrote before the revocation stays theirs) and the vault's own."""
    authors = {key: Author(key, bytes(public), role) for key, public, role in _raw(conn).execute(
        "SELECT key_id, public_key, role FROM trusted_key")}
    authors[own.key_id] = Author(own.key_id, own.public_key, own_role)
    return authors







def check(conn: Connection, new: list[RevisionRow], proofs: tuple[Proof, ...], blob_hashes: dict[str, str],
          signer: str, authors: dict[str, Author]) -> dict[str, str]:
    """Raise Refused unless every new revision (as unknown_revisions gives them: the ones this vault
    lacks, each once) has a proven author who may make it. Returns, for each new revision proven by a
    carried proof, that proof's hash (kept so it can travel on)."""
    by_id = {r.id: r for r in new}
    local_parents = _local_records(conn, sorted({p for r in new for p in r.parents if p not in by_id}))
    relayed = [r for r in new if r.author not in (signer, MERGE_AUTHOR)]
    listed = _proven_blobs(proofs, authors) if relayed else {}
    proven_by: dict[str, str] = {}
    for rev in new:
        for parent in rev.parents:
            record = by_id[parent].record if parent in by_id else local_parents.get(parent)
            if record is not None and record != rev.record:
                raise Refused(FOREIGN_PARENT)
        if rev.author == MERGE_AUTHOR:
            if len(rev.parents) != 2:
                raise Refused(BAD_MERGE)
            continue  # recomputed from its parents while merging
        if rev.author not in authors:
            raise Refused(UNKNOWN_AUTHOR)
        if rev.author != signer:
            proof = listed.get((rev.author, blob_hashes.get(rev.id, "")))
            if proof is None:
                raise Refused(UNSIGNED_AUTHOR)
            proven_by[rev.id] = proof
    volunteers = [r for r in new if r.author != MERGE_AUTHOR and authors[r.author].role != COORDINATOR]
    if volunteers:
        _check_volunteers(conn, new, volunteers)
    return proven_by


def _proven_blobs(proofs: tuple[Proof, ...], authors: dict[str, Author]) -> dict[tuple[str, str], str]:
    """(author, revision blob hash) → proof hash, for every carried manifest whose signature holds
    under the key this vault trusts for its signer. A proof that does not hold proves nothing."""
    out: dict[tuple[str, str], str] = {}
    for proof in proofs:
        m = proof.manifest
        author = authors.get(m.signer)
        if author is None or author.public_key != m.signing_key or not proof.holds():
            continue
        for entry in m.entries:
            if entry["type"] == "revision":
                out[(m.signer, entry["sha256"])] = m.hash
    return out


def _local_records(conn: Connection, rev_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for marks, chunk in sql_slices(rev_ids):
        out.update((str(i), str(r)) for i, r in _raw(conn).execute(
            f"SELECT id, record FROM revision WHERE id IN ({marks})", chunk))
    return out


def _check_volunteers(conn: Connection, new: list[RevisionRow], volunteers: list[RevisionRow]) -> None:
    """A volunteer creates records and changes their own; everything else is a coordinator's."""
    records = sorted({r.record for r in volunteers})
    # Who created each record here already: the author of its first root revision (as merge.py
    # names the creator), and whether the record has any history here at all.
    creators: dict[str, str] = {}
    present: set[str] = set()
    for marks, chunk in sql_slices(records):
        # One walk of the record index for both: roots sort last, the earliest root last of all.
        for record, author, root in _raw(conn).execute(
                f"SELECT record, author, parents = '[]' AS root FROM revision WHERE record IN ({marks}) "
                f"ORDER BY root, hlc DESC, id DESC", chunk):
            present.add(str(record))
            if root:
                creators[str(record)] = str(author)  # the last one written is the earliest root
    roots: dict[str, set[str]] = {}
    for rev in new:
        if not rev.parents:
            roots.setdefault(rev.record, set()).add(rev.author)
    for rev in volunteers:
        if rev.kind in ("link", "act_link") or len(rev.parents) > 1:
            raise Refused(NOT_A_VOLUNTEERS)
        if not rev.parents:
            # A new record, and only that: a second root would make its author the creator of
            # someone else's record (an earlier stamp wins the creator's place).
            if rev.record in present or roots[rev.record] != {rev.author}:
                raise Refused(NOT_THEIRS)
            continue
        creator = creators.get(rev.record)
        if creator is None:
            arrived = roots.get(rev.record, set())
            if not arrived:
                raise Refused(WAITING)
            creator = next(iter(arrived)) if len(arrived) == 1 else ""
        if creator != rev.author:
            raise Refused(NOT_THEIRS)
    statuses = {r.id: str(json.loads(r.body).get("person")) for r in volunteers if r.kind == "status"}
    if statuses:
        _check_status_persons(conn, new, volunteers, statuses)


def _check_status_persons(conn: Connection, new: list[RevisionRow], volunteers: list[RevisionRow],
                          statuses: dict[str, str]) -> None:
    """A volunteer's status revisions name only persons that volunteer created (here, or in this
    bundle): a status is a decision about someone's case, like the person record itself."""
    persons = sorted(set(statuses.values()))
    creators: dict[str, str] = {}
    for marks, chunk in sql_slices(persons):
        for record, author in conn.exec_driver_sql(
                f"SELECT record, author FROM revision WHERE record IN ({marks}) AND kind = 'person' "
                f"AND parents = '[]' ORDER BY hlc DESC, id DESC", chunk):
            creators[str(record)] = str(author)  # the last one written is the earliest root
    arriving = {r.record: r.author for r in new if r.kind == "person" and not r.parents}
    for rev in volunteers:
        if rev.id in statuses:
            person = statuses[rev.id]
            if creators.get(person, arriving.get(person)) != rev.author:
                raise Refused(NOT_THEIR_PERSON)


def proven_authors(conn: Connection, rev_ids: Iterable[str]) -> dict[str, str | None]:
    """For display (history, case summaries, conflicts): each revision's author where this vault can
    prove it, else None. Proven: written here (no bundle brought it), sent by its author, relayed
    with its author's signed manifest, or a merge (recomputed on arrival). Revisions merged by an
    older kzdesk, before authors were checked, may fail this; they are shown as unproven."""
    ids = sorted(set(rev_ids))
    out: dict[str, str | None] = {}
    for marks, chunk in sql_slices(ids):
        for rev_id, author, origin, signer, signed in conn.exec_driver_sql(
                f"SELECT r.id, r.author, o.bundle_id, b.signer, s.revision IS NOT NULL FROM revision r "
                f"LEFT JOIN revision_origin o ON o.revision = r.id "
                f"LEFT JOIN bundle_log b ON b.bundle_id = o.bundle_id "
                f"LEFT JOIN revision_proof s ON s.revision = r.id WHERE r.id IN ({marks})", chunk):
            proven = author == MERGE_AUTHOR or bool(signed) or origin is None or signer == author
            out[str(rev_id)] = str(author) if proven else None
    return out


def proofs_to_send(conn: Connection, revisions: list[RevisionRow], own: str) -> list[Proof]:
    """The signed manifests that prove who wrote the revisions about to be sent: for each revision
    someone else wrote, the bundle in which its author sent it here, or the proof it was relayed
    with. A revision this vault cannot prove (merged by an older kzdesk) travels without one, and
    the next coordinator will believe it only from its author."""
    others = [r.id for r in revisions if r.author not in (own, MERGE_AUTHOR)]
    hashes: set[str] = set()
    for marks, chunk in sql_slices(others):
        hashes.update(str(h) for (h,) in conn.exec_driver_sql(
            f"SELECT b.manifest_hash FROM revision r JOIN revision_origin o ON o.revision = r.id "
            f"JOIN bundle_log b ON b.bundle_id = o.bundle_id WHERE r.id IN ({marks}) AND b.signer = r.author "
            f"UNION SELECT proof FROM revision_proof WHERE revision IN ({marks})", (*chunk, *chunk)))
    proofs = []
    for marks, chunk in sql_slices(sorted(hashes)):
        for raw, signature in conn.exec_driver_sql(
                f"SELECT manifest, signature FROM proof WHERE hash IN ({marks}) ORDER BY hash",
                tuple(chunk)):
            proofs.append(Proof(parse_manifest(bytes(raw)), bytes(signature)))
    return proofs
