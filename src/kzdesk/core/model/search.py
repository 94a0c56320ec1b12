"""Search over persons, events and acts through the FTS5 index (see textindex.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from kzdesk.core.model.textindex import match_expression
from kzdesk.core.model.vocab import label, vocabulary


@dataclass(frozen=True)
class Hit:
    kind: str  # "person", "event" or "act"
    uuid: str
    summary: str


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
        parts = [date or "?", place or "", (description or "")[:80]]
        hits.append(Hit("event", uuid, " · ".join(p for p in parts if p)))
    for uuid, act_type, article, part, name, date in conn.exec_driver_sql(_QUERIES["act"], (expression, limit)):
        kind = label(vocab.act_types[act_type].labels, lang) if act_type in vocab.act_types else act_type
        basis = f"{article}" + (f".{part}" if part else "") if article else ""
        hits.append(Hit("act", uuid, " · ".join(p for p in (date or "?", name, kind, basis) if p)))
    return hits
