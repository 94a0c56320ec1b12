"""Conflicts a merge left open: listed with each value's proven author, settled by a resolution
revision."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import authorship
from kzdesk.core.exchange.merge import DELETED
from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.fields import Problem
from kzdesk.core.model.labels import APPEAL_LABELS, CONSENT_LABELS, GENDER_LABELS, UNIT_LABELS
from kzdesk.core.model.records import RECORD_TABLES, field_names
from kzdesk.core.model.status import REASON_LABELS, STATUS_LABELS, status_label
from kzdesk.core.model.values import parse_yes_no, stored_problems, typed_changes
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault import settings
from kzdesk.core.vault.identity import fingerprint, key_id

# What each stored field is called where a person reads it (msgids): a conflict names the field,
# never the column. A field not listed here (a future one) is shown under its column name.
FIELD_LABELS = {
    DELETED: N_("Deleted or kept"),
    "name": N_("Name"), "names": N_("Also written as"), "gender": N_("Gender"), "birth_year": N_("Birth year"),
    "occupation": N_("Occupation"), "affiliation": N_("Movement or party"), "contacts": N_("Contacts"),
    "national_id": N_("IIN"), "address": N_("Address"), "notes": N_("Notes"), "consent": N_("Consent"),
    "date": N_("Date"), "date_precision": N_("Date precision"), "date_start": N_("Date"),
    "date_end": N_("Date"), "city": N_("City"), "city_text": N_("City"), "region": N_("Region"),
    "region_text": N_("Region"), "place": N_("Place"), "occasion": N_("Occasion"), "title": N_("Title"),
    "description": N_("Description"), "act_type": N_("Act type"), "legal_code": N_("Legal code"),
    "article": N_("Article"), "part": N_("Part"), "arrest_days": N_("Days of arrest"),
    "fine_amount": N_("Fine amount"), "fine_unit": N_("Fine unit"), "fine_kzt": N_("Fine in KZT"),
    "hours": N_("Hours"), "years": N_("Years"), "months": N_("Months"), "authority": N_("Authority"),
    "court": N_("Court"), "judge": N_("Judge"), "case_number": N_("Case number"),
    "decision_date": N_("Decision date"), "appeal": N_("Appeal"), "appeal_outcome": N_("Appeal outcome"),
    "appeal_date": N_("Appeal date"), "fine_paid": N_("Fine paid"), "fine_paid_by": N_("Fine paid by"),
    "role": N_("Role in the event"), "url": N_("Web address"), "source_type": N_("Source type"),
    "reliability": N_("Reliability"), "published": N_("Published"), "retrieved": N_("Retrieved"),
    "locator": N_("Page or place in the source"), "media_type": N_("File type"),
    "original_name": N_("File name"), "decision": N_("Decision about two persons"),
    "kept": N_("Record kept"), "note": N_("Note"),
}


# Fields whose name alone says too little: a status's `code` is the status itself.
KIND_FIELD_LABELS = {("status", "code"): N_("Status"), ("status", "reason"): N_("Reason"),
                     ("status", "date"): N_("Date the status began"), ("status", "person"): N_("Person")}


def field_label(name: str, lang: str | None = None, kind: str | None = None) -> str:
    """A field's name (of a record of this kind) in the given (or current) language."""
    msgid = KIND_FIELD_LABELS.get((kind or "", name)) or FIELD_LABELS.get(name)
    return tr(msgid, lang) if msgid else name


# Fields that store a code, with the table of its words (model/labels.py, as the export writes them).
CODED_FIELDS = {"consent": CONSENT_LABELS, "appeal": APPEAL_LABELS, "gender": GENDER_LABELS,
                "fine_unit": UNIT_LABELS}


def value_words(kind: str, name: str, value: object, lang: str | None = None) -> str | None:
    """A stored code in words, where the field holds one a person should not read raw (a status's
    code and reason: "prison" is "serving a prison term"); None where the value reads as it is."""
    if kind == "status" and name == "code" and isinstance(value, str) and value in STATUS_LABELS:
        return status_label(value, lang)
    if kind == "status" and name == "reason" and isinstance(value, str) and value in REASON_LABELS:
        return tr(REASON_LABELS[value], lang)
    words = CODED_FIELDS.get(name)
    if words is not None and isinstance(value, str) and value in words:
        return tr(words[value], lang)  # "анонимді", not "anonymised"
    return None


def short_fingerprint(public_key: bytes) -> str:
    """The first two groups of a key's fingerprint: enough to tell two volunteers apart at a glance,
    the same digits the full fingerprint (compared when the card was trusted) begins with."""
    return " ".join(fingerprint(public_key).split()[:2])


def stamp_time(hlc: str) -> datetime | None:
    """The wall-clock time of a revision's stamp (its first part, milliseconds), or None if unreadable."""
    try:
        return datetime.fromtimestamp(int(hlc.split("-")[0]) / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        return None


@dataclass(frozen=True)
class Candidate:
    """One side of a conflict: its value, the revision that carries it, and who proved to write it."""

    revision: str
    value: object
    hlc: str
    future: bool  # stamped beyond the receiving clock: it never supplied the value shown meanwhile
    author: str | None  # the proven author's key id; None when a bundle merely claimed one
    author_name: str | None  # the name this vault trusts that key under
    author_fingerprint: str | None = None  # the proven author's short fingerprint (short_fingerprint)

    @property
    def written(self) -> datetime | None:
        """When the value was written, by the writer's clock (a stamp from the future is flagged)."""
        return stamp_time(self.hlc)

    def to_json(self) -> dict[str, object]:
        written = self.written
        return {"revision": self.revision, "value": self.value, "hlc": self.hlc, "future": self.future,
                "author": self.author, "author_name": self.author_name,
                "author_fingerprint": self.author_fingerprint,
                "written": written.isoformat(timespec="seconds") if written else None}


@dataclass(frozen=True)
class Conflict:
    """A field (or deletion) two revisions set differently, waiting for the coordinator, with what the
    record is about: the persons named in it and the event's date and city."""

    id: str
    kind: str
    record: str
    field: str
    candidates: list[Candidate]
    persons: tuple[str, ...] = ()  # names of the persons the record is about
    event_date: str | None = None  # the event's date as stored (YYYY-MM-DD, YYYY-MM, YYYY)
    city: str | None = None  # gazetteer id
    city_text: str | None = None  # as written, when not in the gazetteer
    act_type: str | None = None  # for an act: its type code
    status_date: str | None = None  # for a status: the day it began (YYYY-MM-DD)

    @property
    def field_label(self) -> str:
        return field_label(self.field, kind=self.kind)

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "record": self.record, "field": self.field,
                "candidates": [c.to_json() for c in self.candidates], "field_label": self.field_label,
                "persons": list(self.persons), "event_date": self.event_date, "city": self.city,
                "city_text": self.city_text, "act_type": self.act_type}


def _one(conn: Connection, sql: str, *params: object) -> Any:
    return conn.exec_driver_sql(sql, params).first()


def _about(conn: Connection, kind: str, record: str, depth: int = 0) -> dict[str, Any]:
    """The persons, event and act type a record belongs to (empty where there is none or it has not
    arrived yet): enough for the coordinator to know whose fact this is without opening it."""
    found: dict[str, Any] = {"persons": [], "event": None, "act_type": None, "status_date": None}
    if kind == "person":
        row = _one(conn, "SELECT name FROM person WHERE uuid = ?", record)
        found["persons"] = [row[0]] if row else []
    elif kind == "event":
        found["event"] = record
        found["persons"] = [name for name, in conn.exec_driver_sql(
            "SELECT DISTINCT p.name FROM person p WHERE p.uuid IN (SELECT person FROM act WHERE event = ? "
            "UNION SELECT person FROM participation WHERE event = ?) ORDER BY p.name", (record, record))]
    elif kind in ("act", "participation"):
        columns = "event, person, act_type" if kind == "act" else "event, person, NULL"
        row = _one(conn, f"SELECT {columns} FROM {kind} WHERE uuid = ?", record)
        if row:
            name = _one(conn, "SELECT name FROM person WHERE uuid = ?", row[1])
            found.update(event=row[0], persons=[name[0]] if name else [], act_type=row[2])
    elif kind == "status":
        row = _one(conn, "SELECT p.name, s.date FROM status s JOIN person p ON p.uuid = s.person WHERE s.uuid = ?",
                   record)
        found.update(persons=[row[0]] if row else [], status_date=row[1] if row else None)
    elif kind in ("citation", "attachment") and depth == 0:
        row = _one(conn, f"SELECT target_kind, target FROM {kind} WHERE uuid = ?", record)
        if row:
            found = _about(conn, str(row[0]), str(row[1]), depth + 1)
    elif kind == "act_link":
        row = _one(conn, "SELECT act_a, act_b FROM act_link WHERE uuid = ?", record)
        if row:
            found = _about(conn, "act", str(row[0]), depth + 1)
    elif kind == "link":
        row = _one(conn, "SELECT person_a, person_b FROM link WHERE uuid = ?", record)
        if row:
            found["persons"] = [n for n, in conn.exec_driver_sql(
                "SELECT name FROM person WHERE uuid IN (?, ?) ORDER BY name", (row[0], row[1]))]
    return found


def open_conflicts(conn: Connection) -> list[Conflict]:
    rows = [(str(i), str(k), str(r), str(f), json.loads(c)) for i, k, r, f, c in conn.exec_driver_sql(
        "SELECT id, kind, record, field, candidates FROM conflict WHERE status = 'open' "
        "ORDER BY kind, record, field").fetchall()]
    # Only proven authors are shown (None: a bundle merely claimed one), by the name this vault
    # trusts them under and the start of their fingerprint, so the coordinator knows whose value is whose.
    proven = authorship.proven_authors(conn, [c["revision"] for *_, sides in rows for c in sides])
    names: dict[str, str] = {}
    prints: dict[str, str] = {}
    for key, name, public in conn.exec_driver_sql("SELECT key_id, display_name, public_key FROM trusted_key"):
        names[key], prints[key] = name, short_fingerprint(bytes(public))
    own = settings.get(conn, "display_name")
    for key, in conn.exec_driver_sql("SELECT public_key FROM identity"):
        names[key_id(bytes(key))] = own or ""
        prints[key_id(bytes(key))] = short_fingerprint(bytes(key))

    def candidate(side: dict[str, object]) -> Candidate:
        revision = str(side["revision"])
        author = proven.get(revision)
        return Candidate(revision, side["value"], str(side.get("hlc", "")), bool(side.get("future")), author,
                         None if author is None else names.get(author) or author[:12],
                         None if author is None else prints.get(author))

    about: dict[tuple[str, str], dict[str, Any]] = {}
    out = []
    for i, k, r, f, sides in rows:
        if (k, r) not in about:
            about[(k, r)] = _about(conn, k, r)
        facts = about[(k, r)]
        event = _one(conn, "SELECT date, city, city_text FROM event WHERE uuid = ?", facts["event"]) \
            if facts["event"] else None
        date, city, city_text = event if event else (None, None, None)
        out.append(Conflict(i, k, r, f, [candidate(side) for side in sides], tuple(facts["persons"]), date, city,
                            city_text, facts["act_type"], facts["status_date"]))
    return out


def resolve_conflict(vault: Vault, conflict: str, value: object) -> str:
    """Settle a conflict with the chosen (or combined) value; returns the resolution revision.

    Typed text is parsed as the editor parses that field ("12" days of arrest is 12), and the
    record must stay in the form the program writes (model/values.py): a bad value ("12 суток") is
    refused with the reason in the user's language, and nothing is stored."""
    with vault.transaction() as conn:
        row = conn.exec_driver_sql("SELECT kind, record, field, revisions FROM conflict WHERE id = ? AND "
                                   "status = 'open'", (conflict,)).first()
        if row is None:
            raise InputError("No open conflict {conflict}.", conflict=conflict)
        kind, record, name, revisions = row
        changes = vault.changeset()
        try:
            if name == DELETED:
                deleted = value if isinstance(value, bool) else parse_yes_no(str(value))
                if deleted is None:
                    raise InputError("Not resolved: {reason}", reason=tr("a value is required"))
                rev = changes.resolve(conn, kind, record, {}, json.loads(revisions), deleted=deleted)
            else:
                fields = typed_changes(kind, name, value)
                columns = field_names(RECORD_TABLES[kind])
                current = conn.exec_driver_sql(f"SELECT {', '.join(columns)} FROM {kind} WHERE uuid = ?",
                                               (record,)).one()
                problems = stored_problems(kind, {**dict(zip(columns, current, strict=True)), **fields})
                if problems:
                    raise InputError("Not resolved: {reason}", reason=f"{problems[0].field} — "
                                                                      f"{tr(problems[0].msgid)}")
                rev = changes.resolve(conn, kind, record, fields, json.loads(revisions))
        except Problem as problem:
            raise InputError("Not resolved: {reason}", reason=tr(problem.msgid, **problem.params)) from None
        vault.commit(changes, conn)
        conn.exec_driver_sql("UPDATE conflict SET status = 'resolved', resolution = ? WHERE id = ?", (rev, conflict))
    return rev
