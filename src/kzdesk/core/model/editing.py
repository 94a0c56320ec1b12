"""Editing one event with its persons, acts, sources and attachments — the record editor's core.

The editor works on an EventDraft (plain data, no Qt); validate() lists problems per field in the
user's language without touching the vault, and save_event() writes everything as revisions in
one transaction: new records are created, changed ones get a child revision, removed ones a
tombstone. Drafts can be parked inside the encrypted vault (never in a plaintext file).

A draft remembers the revision (head) of every record it was loaded from: a save never overwrites
a head it did not start from. When a record changed meanwhile, the editor's changes are joined with
that change as a bundle's would be (model/threeway.py): fields only one side changed are kept, a
field both changed differently becomes a conflict.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.i18n import language
from kzdesk.core.model.attachments import attach
from kzdesk.core.model.fields import (
    Problem,
    decimal_text,
    parse_amount,
    parse_article,
    parse_count,
    parse_date,
    parse_day,
    parse_part,
    parse_text,
    parse_url,
)
from kzdesk.core.model.names import identity_key
from kzdesk.core.model.records import APPEAL_STATES, CONSENT_LEVELS, RELIABILITY, SOURCE_TYPES
from kzdesk.core.model.revisions import Changeset
from kzdesk.core.model.threeway import edit_from
from kzdesk.core.model.vault import Vault
from kzdesk.core.model.vocab import vocabulary
from kzdesk.core.vault import settings

ACT_TEXT_FIELDS = ("authority", "court", "judge", "case_number", "appeal_outcome", "fine_paid_by", "description")


@dataclass
class ActDraft:
    act_type: str = "detention"
    legal_code: str | None = None
    article: str = ""
    part: str = ""
    arrest_days: str = ""
    fine_amount: str = ""
    fine_unit: str = "KZT"
    hours: str = ""
    years: str = ""
    months: str = ""
    authority: str = ""
    court: str = ""
    judge: str = ""
    case_number: str = ""
    decision_date: str = ""
    appeal: str = "none"
    appeal_outcome: str = ""
    fine_paid: bool | None = None
    fine_paid_by: str = ""
    description: str = ""
    uuid: str | None = None


@dataclass
class PersonDraft:
    name: str
    consent: str = "confidential"
    acts: list[ActDraft] = field(default_factory=list)
    uuid: str | None = None  # an existing person picked from the suggestions


@dataclass
class SourceDraft:
    url: str = ""
    title: str = ""
    source_type: str = "news"
    reliability: str = "unknown"
    retrieved: str = ""
    uuid: str | None = None


@dataclass
class AttachmentDraft:
    name: str
    sha256: str
    size: int
    data: bytes | None = None  # only for new attachments, until saved
    uuid: str | None = None


@dataclass
class EventDraft:
    date: str = ""
    city: str = ""
    place: str = ""
    occasion: str = ""
    description: str = ""
    consent: str = "confidential"
    persons: list[PersonDraft] = field(default_factory=list)
    sources: list[SourceDraft] = field(default_factory=list)
    attachments: list[AttachmentDraft] = field(default_factory=list)
    uuid: str | None = None
    # The head revision of each stored record (event, persons, acts, sources) when it was loaded:
    # the base a save joins the editor's changes against.
    heads: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """For parking the draft inside the vault; attachment bytes are kept as hex."""
        data = asdict(self)
        for item in data["attachments"]:
            item["data"] = item["data"].hex() if item["data"] is not None else None
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> EventDraft:
        data = json.loads(text)
        persons = [PersonDraft(**{**p, "acts": [ActDraft(**a) for a in p["acts"]]}) for p in data.pop("persons")]
        sources = [SourceDraft(**s) for s in data.pop("sources")]
        attachments = [AttachmentDraft(**{**a, "data": bytes.fromhex(a["data"]) if a["data"] else None})
                       for a in data.pop("attachments")]
        return cls(**data, persons=persons, sources=sources, attachments=attachments)


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one field: where (e.g. "persons.0.acts.1.arrest_days") and why."""

    where: str
    msgid: str
    params: dict[str, Any]


def _check(problems: list[FieldProblem], where: str, parse: Any, text: str) -> Any:
    try:
        return parse(text)
    except Problem as problem:
        problems.append(FieldProblem(where, problem.msgid, problem.params))
        return None


def _act_fields(act: ActDraft, where: str, event_day: str | None, problems: list[FieldProblem]) -> dict[str, Any]:
    vocab = vocabulary()
    if act.act_type not in vocab.act_types:
        problems.append(FieldProblem(f"{where}.act_type", "'{value}' is not a known event type",
                                     {"value": act.act_type}))
    amount = _check(problems, f"{where}.fine_amount", parse_amount, act.fine_amount)
    decision = _check(problems, f"{where}.decision_date", parse_day, act.decision_date)
    article = _check(problems, f"{where}.article", parse_article, act.article)
    part = _check(problems, f"{where}.part", parse_part, act.part)
    if part and not article:
        problems.append(FieldProblem(f"{where}.part", "a part needs an article", {}))
    fields: dict[str, Any] = {
        "act_type": act.act_type,
        "legal_code": act.legal_code if article else None,
        "article": article, "part": part,
        "arrest_days": _check(problems, f"{where}.arrest_days", lambda t: parse_count(t, 365), act.arrest_days),
        "hours": _check(problems, f"{where}.hours", lambda t: parse_count(t, 10_000), act.hours),
        "years": _check(problems, f"{where}.years", lambda t: parse_count(t, 100), act.years),
        "months": _check(problems, f"{where}.months", lambda t: parse_count(t, 11), act.months),
        "decision_date": decision,
        "appeal": act.appeal if act.appeal in APPEAL_STATES and act.appeal != "none" else None,
        "fine_paid": act.fine_paid if amount is not None else None,
        "fine_amount": decimal_text(amount) if amount is not None else None,
        "fine_unit": act.fine_unit if amount is not None else None,
        "fine_kzt": fine_in_kzt(amount, act.fine_unit, decision or event_day) if amount is not None else None,
    }
    for name in ACT_TEXT_FIELDS:
        fields[name] = _check(problems, f"{where}.{name}", parse_text, getattr(act, name))
    return fields


def fine_in_kzt(amount: Decimal | None, unit: str, day: str | None) -> int | None:
    """The tenge value the editor shows next to a fine (MCI of the decision date, or the event's)."""
    return vocabulary().fine_in_kzt(amount, unit, day) if amount is not None else None


def validate(draft: EventDraft) -> list[FieldProblem]:
    """Every problem in the draft; an empty list means save_event() will accept it."""
    problems: list[FieldProblem] = []
    when = _check(problems, "date", parse_date, draft.date)
    for name in ("city", "place", "occasion", "description"):
        _check(problems, name, parse_text, getattr(draft, name))
    if draft.consent not in CONSENT_LEVELS:
        problems.append(FieldProblem("consent", "a value is required", {}))
    if not draft.persons:
        problems.append(FieldProblem("persons", "add at least one person", {}))
    for i, person in enumerate(draft.persons):
        if not (parse_text(person.name[:20_000]) or ""):
            problems.append(FieldProblem(f"persons.{i}.name", "a value is required", {}))
        for j, act in enumerate(person.acts):
            _act_fields(act, f"persons.{i}.acts.{j}", when.start if when else None, problems)
    for i, source in enumerate(draft.sources):
        if not source.url.strip() and not source.title.strip():
            problems.append(FieldProblem(f"sources.{i}.url", "a value is required", {}))
        _check(problems, f"sources.{i}.url", parse_url, source.url)
        _check(problems, f"sources.{i}.retrieved", parse_day, source.retrieved)
    return problems


def _event_fields(draft: EventDraft) -> dict[str, Any]:
    vocab = vocabulary()
    when = parse_date(draft.date)
    city_text = parse_text(draft.city)
    city = vocab.city(city_text) if city_text else None
    return {"date": when.value, "date_precision": when.precision, "date_start": when.start, "date_end": when.end,
            "city": city, "city_text": None if city else city_text,
            "region": vocab.cities[city].region if city else None,
            "place": parse_text(draft.place), "occasion": parse_text(draft.occasion),
            "description": parse_text(draft.description), "consent": draft.consent}


@dataclass(frozen=True)
class Saved:
    """What a save did: the event, and whether it met changes made while the editor was open."""

    event: str
    merged: int = 0  # records that had changed meanwhile: the save was joined with those changes
    conflicts: int = 0  # fields both sides changed differently: left open in the Conflicts tab


class _Writer:
    """The records of one save, each written against the head the draft started from."""

    def __init__(self, changes: Changeset, conn: Connection, heads: dict[str, str]) -> None:
        self.changes, self.conn, self.heads = changes, conn, heads
        self.merged = self.conflicts = 0

    def sync(self, kind: str, uuid: str | None, fields: dict[str, Any], deleted: bool = False) -> str:
        if uuid is None:
            return self.changes.create(kind, fields)
        joined, conflicts = edit_from(self.conn, self.changes, kind, uuid, self.heads.get(uuid), fields, deleted)
        self.merged += joined
        self.conflicts += conflicts
        return uuid


def save_event(vault: Vault, draft: EventDraft) -> str:
    """Write the draft (which must validate) in one transaction; returns the event's uuid."""
    return save_draft(vault, draft).event


def save_draft(vault: Vault, draft: EventDraft) -> Saved:
    """Write the draft (which must validate) in one transaction, joined with whatever changed its
    records since they were loaded; afterwards the draft's heads are the ones just written."""
    problems = validate(draft)
    if problems:
        raise ValueError(f"draft has {len(problems)} problem(s)")
    with vault.transaction() as conn:
        changes = vault.changeset()
        writer = _Writer(changes, conn, draft.heads)
        _sync = writer.sync
        fields = _event_fields(draft)
        event = _sync("event", draft.uuid, fields)
        kept: set[str] = set()
        for person in draft.persons:
            name = parse_text(person.name) or ""
            person_fields = {"name": name, "name_key": identity_key(name), "consent": person.consent}
            person_uuid = _sync("person", person.uuid, person_fields)
            person.uuid = person_uuid
            for act in person.acts:
                act_fields = _act_fields(act, "", fields["date_start"], [])
                act.uuid = _sync("act", act.uuid, {**act_fields, "event": event, "person": person_uuid})
                kept.add(act.uuid)
            if not person.acts:
                _ensure_participation(changes, conn, event, person_uuid)
        # Acts removed in the editor become tombstones; an act added meanwhile elsewhere was never
        # in this editor, so it was not removed in it (a draft parked before heads were kept knows none).
        for (act_uuid,) in conn.exec_driver_sql("SELECT uuid FROM act WHERE event = ? AND deleted = 0",
                                                (event,)).fetchall():
            if act_uuid not in kept and (act_uuid in draft.heads or not draft.heads):
                _sync("act", act_uuid, {}, deleted=True)
        for source in draft.sources:
            source_fields = {"url": parse_url(source.url), "title": parse_text(source.title),
                             "source_type": source.source_type if source.source_type in SOURCE_TYPES else "other",
                             "reliability": source.reliability if source.reliability in RELIABILITY else "unknown",
                             "retrieved": parse_day(source.retrieved)}
            if source.uuid is None:
                source.uuid = changes.create("source", source_fields)
                changes.create("citation", {"source": source.uuid, "target_kind": "event", "target": event})
            else:
                _sync("source", source.uuid, source_fields)
        for item in draft.attachments:
            if item.uuid is None and item.data is not None:
                item.uuid = attach(changes, conn, item.data, item.name, "event", event)
                item.data = None
        vault.commit(changes, conn)
        written = {uuid for uuid in (event, *(p.uuid for p in draft.persons),
                                     *(a.uuid for p in draft.persons for a in p.acts),
                                     *(s.uuid for s in draft.sources)) if uuid}
        draft.heads = _heads(conn, written)
    draft.uuid = event
    return Saved(event, writer.merged, writer.conflicts)


def _heads(conn: Connection, uuids: set[str]) -> dict[str, str]:
    """The current head revision of each of these records (of any kind: uuids are global)."""
    heads: dict[str, str] = {}
    for kind in ("event", "person", "act", "source"):
        for uuid in sorted(uuids):
            row = conn.exec_driver_sql(f"SELECT rev FROM {kind} WHERE uuid = ?", (uuid,)).first()
            if row is not None:
                heads[uuid] = str(row[0])
    return heads


def _ensure_participation(changes: Changeset, conn: Connection, event: str, person: str) -> None:
    exists = conn.exec_driver_sql("SELECT 1 FROM participation WHERE event = ? AND person = ? AND deleted = 0",
                                  (event, person)).first()
    if not exists:
        changes.create("participation", {"event": event, "person": person, "role": "victim"})


def load_event(conn: Connection, event: str) -> EventDraft:
    """The draft of a stored event, ready for the editor."""
    vocab = vocabulary()
    e = conn.exec_driver_sql("SELECT date, city, city_text, place, occasion, description, consent FROM event "
                             "WHERE uuid = ?", (event,)).one()
    city = vocab.city_name(e[1], language()) if e[1] in vocab.cities else (e[2] or "")
    draft = EventDraft(e[0] or "", city, e[3] or "", e[4] or "", e[5] or "", e[6], uuid=event)
    persons: dict[str, PersonDraft] = {}
    act_columns = [f for f in ActDraft.__dataclass_fields__ if f != "uuid"]
    rows = conn.exec_driver_sql(
        f"SELECT p.uuid, p.name, p.consent, a.uuid, {', '.join('a.' + c for c in act_columns)} FROM act a "
        f"JOIN person p ON p.uuid = a.person WHERE a.event = ? AND a.deleted = 0 ORDER BY a.hlc", (event,))
    for person_uuid, name, consent, act_uuid, *values in rows:
        person = persons.setdefault(person_uuid, PersonDraft(name, consent, uuid=person_uuid))
        stored: dict[str, Any] = dict(zip(act_columns, values, strict=True))
        texts: dict[str, Any] = {c: "" if v is None else str(v) for c, v in stored.items()}
        texts.update(legal_code=stored["legal_code"], fine_unit=stored["fine_unit"] or "KZT",
                     appeal=stored["appeal"] or "none",
                     fine_paid=None if stored["fine_paid"] is None else bool(stored["fine_paid"]))
        person.acts.append(ActDraft(uuid=act_uuid, **texts))
    for person_uuid, name, consent in conn.exec_driver_sql(
            "SELECT p.uuid, p.name, p.consent FROM participation x JOIN person p ON p.uuid = x.person "
            "WHERE x.event = ? AND x.deleted = 0", (event,)):
        persons.setdefault(person_uuid, PersonDraft(name, consent, uuid=person_uuid))
    draft.persons = list(persons.values())
    draft.heads = _heads(conn, {event, *persons, *(a.uuid for p in draft.persons for a in p.acts if a.uuid)})
    for uuid, url, title, source_type, reliability, retrieved, rev in conn.exec_driver_sql(
            "SELECT DISTINCT s.uuid, s.url, s.title, s.source_type, s.reliability, s.retrieved, s.rev FROM citation c "
            "JOIN source s ON s.uuid = c.source WHERE c.deleted = 0 AND (c.target = ? OR c.target IN "
            "(SELECT uuid FROM act WHERE event = ? AND deleted = 0))", (event, event)):
        draft.sources.append(SourceDraft(url or "", title or "", source_type, reliability, retrieved or "", uuid))
        draft.heads[uuid] = rev
    for uuid, name, sha256, size in conn.exec_driver_sql(
            "SELECT uuid, original_name, sha256, size FROM attachment WHERE target = ? AND deleted = 0", (event,)):
        draft.attachments.append(AttachmentDraft(name, sha256, size, None, uuid))
    return draft


DRAFT_KEY = "draft:new-event"


def park_draft(vault: Vault, draft: EventDraft) -> None:
    """Keep an unsaved draft inside the encrypted vault (the editor was closed without saving)."""
    with vault.transaction() as conn:
        settings.put(conn, DRAFT_KEY, draft.to_json())


def take_draft(vault: Vault) -> EventDraft | None:
    """The parked draft, removed from the vault as it is handed back."""
    with vault.transaction() as conn:
        parked = settings.get(conn, DRAFT_KEY)
        settings.drop(conn, DRAFT_KEY)
    return EventDraft.from_json(parked) if parked else None
