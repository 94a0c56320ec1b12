"""Tables of the exchange between vaults: trusted keys, the bundle log, quarantine, conflicts.

These are local bookkeeping of one vault, not records: they are not exported or merged.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class TrustedKey(SQLModel, table=True):
    """A public card this vault accepted (volunteers trust coordinators, coordinators volunteers)."""

    __tablename__ = "trusted_key"

    key_id: str = Field(primary_key=True, max_length=32)
    public_key: bytes
    role: str
    display_name: str
    age_recipient: str | None = None  # coordinators: where volunteers encrypt bundles to
    added: str
    revoked_after_seq: int | None = None  # bundles with a higher sequence number are quarantined


class BundleLog(SQLModel, table=True):
    """Every bundle this vault has taken in (merged) or set aside (quarantined)."""

    __tablename__ = "bundle_log"

    bundle_id: str = Field(primary_key=True, max_length=32)
    signer: str = Field(index=True, max_length=32)
    seq: int
    manifest_hash: str = Field(max_length=64)
    prev_hash: str | None = None
    received: str
    status: str  # "merged" or "quarantined"
    reason: str | None = None
    report: str = Field(default="{}")  # JSON counts: new, updated, unchanged, conflicts


class Quarantine(SQLModel, table=True):
    """A verified-or-not bundle kept aside for the coordinator to accept or drop."""

    bundle_id: str = Field(primary_key=True, max_length=32)
    signer: str = Field(max_length=32)
    seq: int
    reason: str
    received: str
    # The decrypted bundle (inside the encrypted database) when it is small; a large one stays where
    # it was and is found again by its path and checked by its hash, so a stranger's 150 MB bundle
    # neither fills the vault nor its memory.
    payload: bytes | None = None
    source_path: str | None = None
    source_sha256: str | None = Field(default=None, max_length=64)


class ExportMark(SQLModel, table=True):
    """Revisions already put into a bundle by this vault."""

    __tablename__ = "export_mark"

    revision: str = Field(primary_key=True, max_length=64)
    bundle_id: str = Field(max_length=32)


class Conflict(SQLModel, table=True):
    """Two or more versions of one field that merged concurrently; kept until a person decides."""

    id: str = Field(primary_key=True, max_length=64)
    kind: str
    record: str = Field(index=True, max_length=32)
    field: str
    revisions: str  # JSON list of the revision ids whose values disagree
    candidates: str  # JSON list of {"revision", "value", "author", "hlc"}
    status: str = Field(default="open")  # "open" or "resolved"
    resolution: str | None = None  # the revision that settled it


class PendingRecord(SQLModel, table=True):
    """A record whose history arrived but which points at a person, event, source or file that has
    not (a bundle of the sequence is still missing): kept out of the lists until that arrives."""

    __tablename__ = "pending_record"

    kind: str = Field(primary_key=True)
    record: str = Field(primary_key=True, max_length=32)
    rev: str = Field(max_length=64)  # the head to show once everything it points at is here


class RevisionOrigin(SQLModel, table=True):
    """Which bundle first brought a revision into this vault: the provenance a case summary prints."""

    __tablename__ = "revision_origin"

    revision: str = Field(primary_key=True, max_length=64)
    bundle_id: str = Field(max_length=32)


class Proof(SQLModel, table=True):
    """A merged bundle's signed manifest, kept as the proof of who wrote the revisions it lists.

    A bundle's signature proves its signer wrote every revision it names with that signer as
    author; keeping the manifest and signature lets this vault pass those revisions on with their
    proof, so the next coordinator checks them against the author's own key, one signature per
    original bundle (not one per revision)."""

    hash: str = Field(primary_key=True, max_length=64)  # sha256 of the manifest: bundle_log.manifest_hash
    signer: str = Field(max_length=32)
    manifest: bytes
    signature: bytes


class RevisionProof(SQLModel, table=True):
    """A revision that arrived relayed (its author is not the bundle's signer): the proof it came with."""

    __tablename__ = "revision_proof"

    revision: str = Field(primary_key=True, max_length=64)
    proof: str = Field(max_length=64)
