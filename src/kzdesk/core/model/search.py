"""Search over persons, events and acts through the FTS5 index (see textindex.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from kzdesk.core.model.fields import short_date
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.textindex import match_expression
from kzdesk.core.model.vocab import label, vocabulary


@dataclass(frozen=True)
class Involved:
    """A person an event concerns, with what was done to them there (act type codes and their labels)."""

    person: str
    name: str
    acts: list[str] = field(default_factory=list)
    act_labels: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    kind: str  # "person", "event" or "act"
    uuid: str
    summary: str
    # For an event: whom it concerns and what was done to them, as the window's records list shows it
    # (a search for a town answers who was detained there). Empty for persons and acts.
    persons: list[Involved] = field(default_factory=list)


_INVOLVED = (
    "SELECT p.uuid, p.name, a.act_type FROM act a JOIN person p ON p.uuid = a.person "
    "WHERE a.event = ? AND a.deleted = 0 "
    "UNION ALL SELECT p.uuid, p.name, NULL FROM participation x JOIN person p ON p.uuid = x.person "
    "WHERE x.event = ? AND x.deleted = 0")


def involved(conn: Connection, event: str, lang: str = "en") -> list[Involved]:
    """The persons of one event with their acts there, by name."""
    types = vocabulary().act_types
    found: dict[str, Involved] = {}
    for person, name, act_type in conn.exec_driver_sql(_INVOLVED, (event, event)):
        entry = found.setdefault(person, Involved(person, name))
        if act_type and act_type not in entry.acts:
            entry.acts.append(act_type)
            entry.act_labels.append(label(types[act_type].labels, lang) if act_type in types else act_type)
    return sorted(found.values(), key=lambda i: sort_key(i.name))


_QUERIES = {
    "person": "SELECT p.uuid, p.name FROM person_fts f JOIN person p ON p.rowid = f.rowid "
              "WHERE person_fts MATCH ? AND p.deleted = 0 ORDER BY f.rank LIMIT ?",
    "event": "SELECT e.uuid, e.date, e.city, e.city_text, e.description FROM event_fts f "
             "JOIN event e ON e.rowid = f.rowid WHERE event_fts MATCH ? AND e.deleted = 0 "
             "ORDER BY f.rank LIMIT ?",
    "act": "SELECT a.uuid, a.act_type, a.article, a.part, p.name, e.date FROM act_fts f "
           "JOIN act a ON a.rowid = f.rowid JOIN person p ON p.uuid = a.person "
           "JOIN event e ON e.uuid = a.event WHERE act_fts MATCH ? AND a.deleted = 0 "
           "ORDER BY f.rank LIMIT ?",
}


def search(conn: Connection, text: str, lang: str = "en", limit: int = 100) -> list[Hit]:
    """Records matching every word of text (any case, Kazakh/Russian/Latin spellings)."""
    expression = match_expression(text)
    if expression is None:
        return []
    vocab = vocabulary()
    hits: list[Hit] = []
    for uuid, name in conn.exec_driver_sql(_QUERIES["person"], (expression, limit)):
        hits.append(Hit("person", uuid, name))
    for uuid, date, city, city_text, description in conn.exec_driver_sql(_QUERIES["event"], (expression, limit)):
        place = vocab.city_name(city, lang) if city in vocab.cities else city_text
        parts = [short_date(date, lang), place or "", (description or "")[:80]]
        hits.append(Hit("event", uuid, " · ".join(p for p in parts if p), involved(conn, uuid, lang)))
    for uuid, act_type, article, part, name, date in conn.exec_driver_sql(_QUERIES["act"], (expression, limit)):
        kind = label(vocab.act_types[act_type].labels, lang) if act_type in vocab.act_types else act_type
        basis = f"{article}" + (f".{part}" if part else "") if article else ""
        hits.append(Hit("act", uuid, " · ".join(p for p in (short_date(date, lang), name, kind, basis) if p)))
    return hits
