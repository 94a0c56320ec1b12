"""Who wrote a revision, and whether they may: the exchange's rules of authorship.

A bundle's signature proves only who sent it. A trusted volunteer can put any key id into a
revision's `author` field, so the author is believed only when it is proven:

- a revision sent by signer S names S as its author, or
- it carries its author's own signature (Ed25519 over a domain prefix and the revision id, which
  hashes the author, parents, stamp and content) that verifies against a key this vault knows;
- a merge revision (author "merge") is no one's word: merge.py recomputes it from its parents and
  refuses it if it differs.

And what an author may change depends on their role:

- a volunteer's revisions may create records and change or delete records that volunteer created
  (the author of the record's first revision); never someone else's record, never a duplicate
  decision (a `link`), never a resolution (a revision with several parents);
- a coordinator may change anything.

A bundle that breaks a rule is quarantined with the reason; nothing of it is merged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection

from kzdesk.core.exchange.identity import SigningIdentity
from kzdesk.core.i18n import N_
from kzdesk.core.model.revisions import RevisionRow

REVISION_SIG_DOMAIN = b"kzdesk/revision-author/v1\n"
MERGE_AUTHOR = "merge"
COORDINATOR = "coordinator"

# Reasons a bundle is quarantined for (msgids, translated where shown).
UNKNOWN_AUTHOR = N_("a revision names an author this vault does not know")
UNSIGNED_AUTHOR = N_("a revision names an author who did not sign it")
NOT_THEIRS = N_("a volunteer's revision changes a record someone else created")
NOT_A_VOLUNTEERS = N_("a volunteer's revision decides what only a coordinator may")
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


def sign_revision(identity: SigningIdentity, rev_id: str) -> bytes:
    return identity.sign(REVISION_SIG_DOMAIN + rev_id.encode())


def signature_holds(public_key: bytes, rev_id: str, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, REVISION_SIG_DOMAIN + rev_id.encode())
    except (InvalidSignature, ValueError):
        return False
    return True


def known_authors(conn: Connection, own: SigningIdentity, own_role: str) -> dict[str, Author]:
    """Every key whose revisions this vault can attribute: the trusted keys (revoked ones too: what
    they wrote before the revocation stays theirs) and the vault's own."""
    authors = {key: Author(key, bytes(public), role) for key, public, role in conn.exec_driver_sql(
        "SELECT key_id, public_key, role FROM trusted_key")}
    authors[own.key_id] = Author(own.key_id, own.public_key, own_role)
    return authors


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def fresh(conn: Connection, revisions: Iterable[RevisionRow]) -> list[RevisionRow]:
    """The revisions this vault does not have yet (known ones change nothing and need no proof)."""
    revs = list({r.id: r for r in revisions}.values())
    known: set[str] = set()
    for chunk in _chunks([r.id for r in revs]):
        known.update(row[0] for row in conn.exec_driver_sql(
            f"SELECT id FROM revision WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
    return [r for r in revs if r.id not in known]


def check(conn: Connection, revisions: list[RevisionRow], signatures: dict[str, bytes], signer: str,
          authors: dict[str, Author]) -> None:
    """Raise Refused unless every new revision has a proven author who may make it."""
    new = fresh(conn, revisions)
    by_id = {r.id: r for r in new}
    local_parents = _local_records(conn, sorted({p for r in new for p in r.parents if p not in by_id}))
    for rev in new:
        for parent in rev.parents:
            record = by_id[parent].record if parent in by_id else local_parents.get(parent)
            if record is not None and record != rev.record:
                raise Refused(FOREIGN_PARENT)
        if rev.author == MERGE_AUTHOR:
            if len(rev.parents) != 2 or rev.id in signatures:
                raise Refused(BAD_MERGE)
            continue  # recomputed from its parents while merging
        author = authors.get(rev.author)
        if author is None:
            raise Refused(UNKNOWN_AUTHOR)
        signature = signatures.get(rev.id)
        if signature is not None and not signature_holds(author.public_key, rev.id, signature):
            raise Refused(UNSIGNED_AUTHOR)
        if rev.author != signer and signature is None:
            raise Refused(UNSIGNED_AUTHOR)
    volunteers = [r for r in new if r.author != MERGE_AUTHOR and authors[r.author].role != COORDINATOR]
    if volunteers:
        _check_volunteers(conn, new, volunteers)


def _local_records(conn: Connection, rev_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in _chunks(rev_ids):
        out.update((str(i), str(r)) for i, r in conn.exec_driver_sql(
            f"SELECT id, record FROM revision WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
    return out


def _check_volunteers(conn: Connection, new: list[RevisionRow], volunteers: list[RevisionRow]) -> None:
    """A volunteer creates records and changes their own; everything else is a coordinator's."""
    records = sorted({r.record for r in volunteers})
    # Who created each record here already: the author of its first root revision (as merge.py
    # names the creator), and whether the record has any history here at all.
    creators: dict[str, str] = {}
    present: set[str] = set()
    for chunk in _chunks(records):
        marks = ",".join("?" * len(chunk))
        present.update(str(r) for (r,) in conn.exec_driver_sql(
            f"SELECT DISTINCT record FROM revision WHERE record IN ({marks})", tuple(chunk)))
        for record, author in conn.exec_driver_sql(
                f"SELECT record, author FROM revision WHERE record IN ({marks}) AND parents = '[]' "
                f"ORDER BY hlc DESC, id DESC", tuple(chunk)):
            creators[str(record)] = str(author)  # the last one written is the earliest root
    roots: dict[str, set[str]] = {}
    for rev in new:
        if not rev.parents:
            roots.setdefault(rev.record, set()).add(rev.author)
    for rev in volunteers:
        if rev.kind == "link" or len(rev.parents) > 1:
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


def proven_authors(conn: Connection, rev_ids: Iterable[str]) -> dict[str, str | None]:
    """For display (history, case summaries, conflicts): each revision's author where this vault can
    prove it, else None. Proven: written here (no bundle brought it), sent by its author, carrying
    its author's verified signature, or a merge (recomputed on arrival). Revisions merged by an
    older kzdesk, before authors were checked, may fail this; they are shown as unproven."""
    ids = sorted(set(rev_ids))
    out: dict[str, str | None] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for rev_id, author, origin, signer, signed in conn.exec_driver_sql(
                f"SELECT r.id, r.author, o.bundle_id, b.signer, s.revision IS NOT NULL FROM revision r "
                f"LEFT JOIN revision_origin o ON o.revision = r.id "
                f"LEFT JOIN bundle_log b ON b.bundle_id = o.bundle_id "
                f"LEFT JOIN revision_sig s ON s.revision = r.id WHERE r.id IN ({marks})", tuple(chunk)):
            proven = author == MERGE_AUTHOR or bool(signed) or origin is None or signer == author
            out[str(rev_id)] = str(author) if proven else None
    return out
