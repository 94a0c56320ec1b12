"""The records list: events with their persons, act types, articles and sanctions, filtered and
sorted in SQL and fetched a page at a time, so it stays instant with 100,000 acts."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.model.names import sort_key
from kzdesk.core.model.textindex import match_expression

PAGE = 200
# What an article filter may say, as the list shows it or as people write it: "488", "488.7", "488-7",
# "488 ч. 7", "ст. 488 ч.7", "488 part 7", "488-бап 7-бөлік", "73-1". Everything but the two numbers is dropped.
_ARTICLE_WORDS = re.compile(r"(?i)\b(?:ст|статья|статьи|article|art|бап|бабы|бабының)\b\.?|-?бап\w*")
_ARTICLE_PART = re.compile(r"(?i)^(\d{1,4}(?:-\d{1,2})?)(?:\s*(?:[.,/]|\s|ч\.?|часть|части|part|pt\.?|"
                           r"бөлік\w*|-бөлік\w*)+\s*(\d{1,3}))?(?:\s*-?\s*(?:бөлік\w*|ч\.?))?$")
_PART_FIRST = re.compile(r"(?i)^(?:ч\.?|часть|части|part|pt\.?)\s*(\d{1,3})\s*(?:of)?\s+(\d{1,4}(?:-\d{1,2})?)$")
_DASHED = re.compile(r"^(\d{1,4})-(\d{1,2})$")
SORTABLE = {"date": "e.date_start", "city": "coalesce(e.city, e.city_text)"}


@dataclass(frozen=True)
class RecordFilter:
    """What the user narrowed the list to; every part is optional."""

    text: str = ""
    date_from: str | None = None  # ISO day: events that may have happened on or after it
    date_to: str | None = None
    city: str | None = None  # gazetteer id
    act_type: str | None = None
    article: str | None = None
    sort: str = "date"
    descending: bool = True


@dataclass
class RecordRow:
    """One line of the records list (one event)."""

    uuid: str
    date: str | None
    city: str | None
    city_text: str | None
    persons: list[str] = field(default_factory=list)
    act_types: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    # One entry per act that carries a sanction, so one fine reads as one penalty (tenge with its MCI):
    # {"act_type": "fine", "fine_kzt": 145850, "fine_amount": "50", "fine_unit": "MCI", …}.
    sanctions: list[dict[str, Any]] = field(default_factory=list)


# An event matches typed text when it, one of its acts, or one of its persons (by an act or a
# participation) matches in the full-text index: four lookups, each a few milliseconds in the index.
_HITS = ("SELECT e.uuid AS event FROM event_fts f JOIN event e ON e.rowid = f.rowid WHERE event_fts MATCH :x"
         " UNION ALL SELECT a.event FROM act_fts f JOIN act a ON a.rowid = f.rowid"
         "  WHERE act_fts MATCH :x AND a.deleted = 0"
         " UNION ALL SELECT a.event FROM person_fts f JOIN person p ON p.rowid = f.rowid"
         "  JOIN act a ON a.person = p.uuid AND a.deleted = 0 WHERE person_fts MATCH :x"
         " UNION ALL SELECT x.event FROM person_fts f JOIN person p ON p.rowid = f.rowid"
         "  JOIN participation x ON x.person = p.uuid AND x.deleted = 0 WHERE person_fts MATCH :x")
# A text matching few events has them gathered and sorted by date, at a cost that grows with their
# number h. A common one ("Е", "Ерлан", "488" in a national dataset) is answered by walking the
# events in date order and testing each against the matching persons, acts and events, at a cost
# that grows with the events walked before the page asked for is full: R * E / h of E events, R
# the rows up to the page's end. The two meet near h = sqrt(R * E); gathering is used below that,
# walking above. Either way every match is found, and neither sorts a million rows.
FEW_HITS = 10_000  # the most ever gathered
FEWEST_HITS = 500  # always gathered, however small the vault
_BROAD = ("WITH hit_person(uuid) AS MATERIALIZED (SELECT p.uuid FROM person_fts f JOIN person p ON p.rowid = f.rowid"
          " WHERE person_fts MATCH :x), "
          "hit_event(id) AS MATERIALIZED (SELECT rowid FROM event_fts WHERE event_fts MATCH :x), "
          "hit_act(id) AS MATERIALIZED (SELECT rowid FROM act_fts WHERE act_fts MATCH :x) ")
_BROAD_CONDITION = ("(e.rowid IN hit_event"
                    " OR EXISTS (SELECT 1 FROM act a WHERE a.event = e.uuid AND a.deleted = 0"
                    "  AND (a.person IN hit_person OR a.rowid IN hit_act))"
                    " OR EXISTS (SELECT 1 FROM participation x WHERE x.event = e.uuid AND x.deleted = 0"
                    "  AND x.person IN hit_person))")


@dataclass(frozen=True)
class _Query:
    with_clause: str
    where: str
    params: dict[str, Any]
    # More than this many events match the text and nothing else narrows the list: the count says
    # "more than" it without walking every event to say how many more (0: not known).
    known_more: int = 0


def _where(conn: Connection, flt: RecordFilter, reach: int = PAGE) -> _Query:
    """The WITH clause, WHERE clause and named parameters for the events the filter lets through,
    for a page ending `reach` rows into the list."""
    clauses, params = ["e.deleted = 0"], {}
    broad, few = False, 0
    with_clause = ""
    expression = match_expression(flt.text) if flt.text.strip() else None
    if flt.text.strip() and expression is None:
        clauses.append("0")  # only punctuation typed: nothing can match
    if expression:
        params["x"] = expression
        events = conn.exec_driver_sql("SELECT max(rowid) FROM event").scalar() or 0  # about how many, at once
        few = max(FEWEST_HITS, min(FEW_HITS, int(math.sqrt(reach * events))))
        hits = [row[0] for row in conn.exec_driver_sql(
            f"SELECT DISTINCT event FROM ({_HITS}) LIMIT {few + 1}", {"x": expression})]
        if len(hits) <= few:
            clauses.append("e.uuid IN (SELECT value FROM json_each(:hits))")
            params["hits"] = json.dumps(hits)
        else:
            with_clause, broad = _BROAD, True
            clauses.append(_BROAD_CONDITION)
    if flt.date_from:
        clauses.append("e.date_end >= :date_from")
        params["date_from"] = flt.date_from
    if flt.date_to:
        clauses.append("e.date_start <= :date_to")
        params["date_to"] = flt.date_to
    if flt.city:
        clauses.append("e.city = :city")
        params["city"] = flt.city
    if flt.act_type:
        clauses.append("EXISTS (SELECT 1 FROM act a WHERE a.event = e.uuid AND a.deleted = 0"
                       " AND a.act_type = :act_type)")
        params["act_type"] = flt.act_type
    if flt.article:
        condition, values = _article_condition(flt.article)
        clauses.append(f"EXISTS (SELECT 1 FROM act a WHERE a.event = e.uuid AND a.deleted = 0 AND ({condition}))")
        params.update(values)
    narrowed = any((flt.date_from, flt.date_to, flt.city, flt.act_type, flt.article))
    return _Query(with_clause, " AND ".join(clauses), params, known_more=few if broad and not narrowed else 0)


def article_query(text: str) -> list[tuple[str, str | None]] | None:
    """The (article, part) pairs an article filter may mean; None if it is not an article at all.

    "488-7" is both article 488 part 7 (as the list's "488.7" is often retyped) and an article with a
    dash such as "73-1": both are looked for."""
    compact = _ARTICLE_WORDS.sub(" ", text).strip().strip(".,").strip()
    match = _ARTICLE_PART.match(compact)
    first = _PART_FIRST.match(compact) if match is None else None
    if first is not None:  # "ч. 7 ст. 488", as the case summary writes it
        return [(first[2], first[1])]
    if match is None:
        return None
    article, part = match[1], match[2]
    found: list[tuple[str, str | None]] = [(article, part)]
    dashed = _DASHED.match(article)
    if part is None and dashed:
        found.append((dashed[1], dashed[2]))
    return found


def _article_condition(text: str) -> tuple[str, dict[str, Any]]:
    pairs = article_query(text)
    if pairs is None:
        return "0", {}  # not an article: nothing can match (the window says why)
    conditions, values = [], {}
    for i, (article, part) in enumerate(pairs):
        values[f"article{i}"] = article
        if part is None:
            conditions.append(f"a.article = :article{i}")
        else:
            conditions.append(f"(a.article = :article{i} AND a.part = :part{i})")
            values[f"part{i}"] = part
    return " OR ".join(conditions), values


COUNT_UP_TO = 10_000  # while typing, past this many matches the list says "more than 10,000"


@dataclass(frozen=True)
class RecordPage:
    """One page of the list and how many events match: exactly, or at least `total` when `more`."""

    rows: list[RecordRow]
    total: int
    more: bool = False


def count_records(conn: Connection, flt: RecordFilter) -> int:
    """The exact number of matching events."""
    return _count(conn, _where(conn, flt), None)


def _count(conn: Connection, query: _Query, up_to: int | None, extra: str = "") -> int:
    with_clause, where, params = query.with_clause, query.where, query.params
    if up_to is None:
        sql = f"{with_clause}SELECT count(*) FROM event e WHERE {where}{extra}"
    else:
        sql = f"{with_clause}SELECT count(*) FROM (SELECT 1 FROM event e WHERE {where}{extra} LIMIT {int(up_to) + 1})"
    return int(conn.exec_driver_sql(sql, params).scalar_one())


def page_of(conn: Connection, flt: RecordFilter, offset: int = 0, limit: int = PAGE,
            count_up_to: int | None = COUNT_UP_TO) -> RecordPage:
    """One page of matching events in the list's order, and their number counted up to `count_up_to`
    (None: exactly). Events with a date come first, in the date index's order; undated ones after
    them. One ORDER BY putting the undated last would sort every match on every keystroke."""
    parts = _where(conn, flt, offset + limit)
    with_clause, where, params = parts.with_clause, parts.where, parts.params
    order = SORTABLE.get(flt.sort, SORTABLE["date"])
    direction = "DESC" if flt.descending else "ASC"

    def part(condition: str, sort: str, skip: int, take: int) -> list[Any]:
        return list(conn.exec_driver_sql(
            f"{with_clause}SELECT e.uuid, e.date, e.city, e.city_text FROM event e WHERE {where} AND {condition} "
            f"ORDER BY {sort} LIMIT {int(take)} OFFSET {int(skip)}", params).fetchall())

    rows = part(f"{order} IS NOT NULL", f"{order} {direction}, e.uuid {direction}", offset, limit)
    if len(rows) < limit:
        # The dated ones end on this page (or before it): the undated follow, by their id.
        dated = offset + len(rows) if rows or not offset else _count(conn, parts, None, f" AND {order} IS NOT NULL")
        rows += part(f"{order} IS NULL", f"e.uuid {direction}", max(0, offset - dated), limit - len(rows))
    if count_up_to is None:
        total, more = _count(conn, parts, None), False
    elif count_up_to == 0:
        total, more = 0, False  # a further page of a list already counted
    elif offset == 0 and len(rows) < limit:
        total, more = len(rows), False  # all of them are on this page
    elif parts.known_more:
        total, more = min(parts.known_more, count_up_to), True
    else:
        counted = _count(conn, parts, count_up_to)
        total, more = min(counted, count_up_to), counted > count_up_to
    page = {u: RecordRow(u, d, c, t) for u, d, c, t in rows}
    return RecordPage(_complete(conn, page) if page else [], total, more)


def fetch_page(conn: Connection, flt: RecordFilter, offset: int = 0, limit: int = PAGE) -> tuple[int, list[RecordRow]]:
    """The exact number of matching events and one page of them."""
    page = page_of(conn, flt, offset, limit, count_up_to=None)
    return page.total, page.rows


def fetch_records(conn: Connection, flt: RecordFilter, offset: int = 0, limit: int = PAGE) -> list[RecordRow]:
    """One page of events with their persons, act types, articles and sanctions."""
    return page_of(conn, flt, offset, limit, count_up_to=0).rows


def _complete(conn: Connection, page: dict[str, RecordRow]) -> list[RecordRow]:
    """Fill in acts and persons for just the events of one page."""
    marks = ",".join("?" * len(page))
    acts = conn.exec_driver_sql(
        f"SELECT a.event, p.name, a.act_type, a.legal_code, a.article, a.part, a.arrest_days, a.fine_kzt, "
        f"a.fine_amount, a.fine_unit, a.hours, a.years, a.months FROM act a JOIN person p ON p.uuid = a.person "
        f"WHERE a.deleted = 0 AND a.event IN ({marks}) ORDER BY a.hlc", tuple(page)).fetchall()
    for (event, name, act_type, _code, article, part, days, kzt, amount, unit, hours, years, months) in acts:
        row = page[event]
        if name not in row.persons:
            row.persons.append(name)
        if act_type not in row.act_types:
            row.act_types.append(act_type)
        basis = f"{article}.{part}" if article and part else article
        if basis and basis not in row.articles:
            row.articles.append(basis)
        if any((days, kzt, amount, hours, years, months)):
            row.sanctions.append({"act_type": act_type, "arrest_days": days, "fine_kzt": kzt, "fine_amount": amount,
                                  "fine_unit": unit, "hours": hours, "years": years, "months": months})
    for event, name in conn.exec_driver_sql(
        f"SELECT x.event, p.name FROM participation x JOIN person p ON p.uuid = x.person "
        f"WHERE x.deleted = 0 AND x.event IN ({marks})", tuple(page)):
        if name not in page[event].persons:
            page[event].persons.append(name)
    for row in page.values():
        row.persons.sort(key=sort_key)
    return list(page.values())
