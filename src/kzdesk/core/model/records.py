"""The tables of the monitoring data model (HURIDOCS "who did what to whom").

Every record table carries the same merge metadata (RecordMeta): a global UUID minted where the
record was created, the author's key id, the current head revision and its hybrid-logical-clock
stamp, and a tombstone flag. The full history lives in the `revision` table (see revisions.py);
these tables hold the current state so lists, filters and search run in SQL.

Field values are kept as plain JSON types (text, integers, booleans): dates as ISO text, money
as decimal text, so that a revision's body hashes the same on every machine.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from sqlmodel import Field, SQLModel

# Re-exported: the status codes are part of the model, kept apart only to be light to import.
from kzdesk.core.model.status_codes import STATUS_CODES as STATUS_CODES
from kzdesk.core.model.status_codes import STATUS_REASONS as STATUS_REASONS

CONSENT_LEVELS = ("public", "anonymised", "confidential")
DATE_PRECISIONS = ("day", "month", "year", "unknown")
FINE_UNITS = ("KZT", "MCI")
SOURCE_TYPES = ("testimony", "witness", "court_record", "official_document", "news", "post",
                "photo", "video", "other")
RELIABILITY = ("high", "medium", "low", "unknown")
APPEAL_STATES = ("none", "filed", "upheld", "overturned", "changed", "rejected")

META_COLUMNS = ("uuid", "author", "rev", "hlc", "deleted")


def stricter(*levels: str | None) -> str:
    """The most protective of the given consent levels (unknown or missing counts as confidential
    only when nothing else is given: an act without its own level inherits)."""
    known = [level for level in levels if level is not None]
    if not known:
        return "confidential"
    return max(known, key=lambda level: CONSENT_LEVELS.index(level) if level in CONSENT_LEVELS
               else len(CONSENT_LEVELS))


def sensitive(**kwargs: Any) -> Any:
    """A field that reports and exports must leave out unless explicitly asked for."""
    return Field(default=None, sa_column_kwargs={"info": {"sensitive": True}}, **kwargs)


class RecordMeta(SQLModel):
    """Merge metadata shared by every record table."""

    kind: ClassVar[str]

    uuid: str = Field(primary_key=True, max_length=32)
    author: str = Field(max_length=64)
    rev: str = Field(max_length=64)
    hlc: str = Field(max_length=64)
    deleted: bool = Field(default=False)


class Person(RecordMeta, table=True):
    """A victim or other person; names in several scripts and spellings."""

    kind: ClassVar[str] = "person"

    name: str
    # JSON list of {"text": ..., "script": "kk-Cyrl" | "ru-Cyrl" | "Latn" | ""} — other spellings.
    names: str = Field(default="[]")
    name_key: str = Field(index=True)  # names.identity_key(name): "written the same way"
    gender: str | None = None
    birth_year: int | None = None
    occupation: str | None = None  # activist, journalist, lawyer… as the monitor wrote it
    affiliation: str | None = None  # movement or party, e.g. DCK, Koshe Partiyasy
    contacts: str | None = sensitive()
    national_id: str | None = sensitive()  # IIN
    address: str | None = sensitive()
    notes: str | None = sensitive()
    consent: str = Field(default="confidential")


@cache
def sensitive_fields(table: type[RecordMeta]) -> tuple[str, ...]:
    """The fields marked sensitive() on a table, in column order: the one list reports and exports
    leave out unless the profile shows sensitive details."""
    return tuple(c.name for c in table.__table__.columns if c.info.get("sensitive"))  # type: ignore[attr-defined]


class Event(RecordMeta, table=True):
    """What happened, when (with precision), where, on what occasion."""

    kind: ClassVar[str] = "event"

    date: str | None = None  # "YYYY-MM-DD", "YYYY-MM", "YYYY" or NULL, per date_precision
    date_precision: str = Field(default="unknown")
    date_start: str | None = Field(default=None, index=True)  # first day the date can mean
    date_end: str | None = None  # last day the date can mean
    city: str | None = Field(default=None, index=True)  # gazetteer id
    city_text: str | None = None  # as written, when not in the gazetteer (or as given)
    region: str | None = None  # gazetteer id
    region_text: str | None = None
    place: str | None = None  # street, building, court, village
    occasion: str | None = None  # rally, single picket, post, march…
    title: str | None = None
    description: str | None = None
    consent: str = Field(default="confidential")


class Act(RecordMeta, table=True):
    """One measure against one person within an event."""

    kind: ClassVar[str] = "act"

    event: str = Field(foreign_key="event.uuid", index=True, max_length=32)
    person: str = Field(foreign_key="person.uuid", index=True, max_length=32)
    act_type: str = Field(index=True)
    legal_code: str | None = None
    article: str | None = Field(default=None, index=True)
    part: str | None = None
    arrest_days: int | None = None
    fine_amount: str | None = None  # decimal text, in fine_unit
    fine_unit: str | None = None
    fine_kzt: int | None = None  # derived: KZT as given, or MCI × MCI of the decision (or event) date
    hours: int | None = None
    years: int | None = None
    months: int | None = None
    authority: str | None = None  # police unit, akimat, investigator
    court: str | None = None
    judge: str | None = None
    case_number: str | None = None
    decision_date: str | None = None
    appeal: str | None = None  # one of APPEAL_STATES
    appeal_outcome: str | None = None
    appeal_date: str | None = None
    fine_paid: bool | None = None
    fine_paid_by: str | None = None
    description: str | None = None
    consent: str | None = None  # None: inherit from the person and the event


class Participation(RecordMeta, table=True):
    """A person's part in an event, also when no act against them is recorded."""

    kind: ClassVar[str] = "participation"

    event: str = Field(foreign_key="event.uuid", index=True, max_length=32)
    person: str = Field(foreign_key="person.uuid", index=True, max_length=32)
    role: str = Field(default="victim")


class Source(RecordMeta, table=True):
    """Where the information came from."""

    kind: ClassVar[str] = "source"

    url: str | None = Field(default=None, index=True)
    title: str | None = None
    source_type: str = Field(default="other")
    reliability: str = Field(default="unknown")
    published: str | None = None
    retrieved: str | None = None
    notes: str | None = None


class Citation(RecordMeta, table=True):
    """A source backing a person, event or act."""

    kind: ClassVar[str] = "citation"

    source: str = Field(foreign_key="source.uuid", index=True, max_length=32)
    target_kind: str
    target: str = Field(index=True, max_length=32)
    locator: str | None = None  # page, timestamp, paragraph


class Attachment(RecordMeta, table=True):
    """Evidence file; its bytes live in `blob` inside the encrypted database, never on disk."""

    kind: ClassVar[str] = "attachment"

    sha256: str = Field(foreign_key="blob.sha256", index=True, max_length=64)
    size: int
    media_type: str
    original_name: str  # base name only: the original path is never kept
    target_kind: str
    target: str = Field(index=True, max_length=32)
    description: str | None = None


LINK_DECISIONS = ("same", "different")


class Link(RecordMeta, table=True):
    """A coordinator's decision about two person records: the same human, or two different people.

    Its uuid is derived from the pair, so two coordinators deciding about the same pair write
    revisions of one record: agreeing decisions merge, disagreeing ones become a visible conflict.
    No foreign keys: a decision may arrive from another coordinator before the persons it names.
    """

    kind: ClassVar[str] = "link"

    person_a: str = Field(index=True, max_length=32)  # the smaller uuid of the pair
    person_b: str = Field(index=True, max_length=32)
    decision: str = Field(default="same")  # one of LINK_DECISIONS
    kept: str | None = None  # when the two records were merged: the uuid of the one that stays
    note: str | None = None


class ActLink(RecordMeta, table=True):
    """A coordinator's decision about two act records: one act reported twice, or two different acts.

    Shaped like Link, for acts: its uuid is derived from the pair (duplicate_acts.act_link_id), so
    two coordinators deciding about the same pair write revisions of one record. Of acts decided
    the same, the one recorded first is counted and listed; the other is its double report.
    No foreign keys: a decision may arrive before the acts it names.
    """

    __tablename__ = "act_link"
    kind: ClassVar[str] = "act_link"

    act_a: str = Field(index=True, max_length=32)  # the smaller uuid of the pair
    act_b: str = Field(index=True, max_length=32)
    decision: str = Field(default="same")  # one of LINK_DECISIONS
    note: str | None = None


class Status(RecordMeta, table=True):
    """A person's status from a day on (in prison, released…), until a later status replaces it.

    Its uuid is derived from the person and the day (status.status_id): two coordinators setting a
    status for the same person on the same day write revisions of one record, so different codes
    meet as a conflict instead of both standing. No consent of its own: the person's applies.
    """

    kind: ClassVar[str] = "status"

    person: str = Field(foreign_key="person.uuid", index=True, max_length=32)
    date: str  # YYYY-MM-DD, the day the status began
    code: str  # one of STATUS_CODES
    reason: str | None = None  # one of STATUS_REASONS[code]
    note: str | None = None


class Blob(SQLModel, table=True):
    """Content-addressed attachment bytes (shared by revisions and, later, bundles)."""

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    data: bytes


class Revision(SQLModel, table=True):
    """One immutable version of one record; the audit trail and the unit of merge."""

    id: str = Field(primary_key=True, max_length=64)  # sha256 of the revision header
    kind: str
    record: str = Field(index=True, max_length=32)
    parents: str  # JSON list of parent revision ids (empty for a creation, two+ for a merge)
    hlc: str = Field(index=True)
    author: str = Field(max_length=64)
    content_hash: str = Field(max_length=64)  # sha256 of body
    deleted: bool = Field(default=False)
    body: str  # canonical JSON of the record's fields at this revision


class Identity(SQLModel, table=True):
    """The vault owner's Ed25519 signing identity; the secret never leaves the encrypted store."""

    key_id: str = Field(primary_key=True, max_length=64)
    public_key: bytes
    secret_key: bytes
    created: str


class Setting(SQLModel, table=True):
    """Vault-level facts kept encrypted: role, display name, city, clock state."""

    key: str = Field(primary_key=True)
    value: str


RECORD_TABLES: dict[str, type[RecordMeta]] = {
    cls.kind: cls for cls in (Person, Event, Act, Participation, Source, Citation, Attachment, Link, Status, ActLink)
}


@cache
def field_names(table: type[RecordMeta]) -> list[str]:
    """The content columns of a record table (everything except the merge metadata)."""
    return [c.name for c in table.__table__.columns if c.name not in META_COLUMNS]  # type: ignore[attr-defined]
