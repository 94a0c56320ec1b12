"""The records list: events with their persons, act types, articles and sanctions, filtered and
sorted in SQL and fetched a page at a time, so it stays instant with 100,000 acts."""

from __future__ import annotations

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


def _where(flt: RecordFilter) -> tuple[str, str, list[Any]]:
    """(WITH clause, WHERE clause, parameters) for the events the filter lets through."""
    clauses, params = ["e.deleted = 0"], []
    with_clause = ""
    expression = match_expression(flt.text) if flt.text.strip() else None
    if flt.text.strip() and expression is None:
        clauses.append("0")  # only punctuation typed: nothing can match
    if expression:
        # An event matches when it, one of its acts, or one of its persons matches: three index
        # lookups joined by UNION into one set, computed once (an OR across them defeats the indexes).
        with_clause = (
            "WITH hits(event) AS MATERIALIZED ("
            " SELECT e.uuid FROM event_fts f JOIN event e ON e.rowid = f.rowid WHERE event_fts MATCH ?"
            " UNION SELECT a.event FROM act_fts f JOIN act a ON a.rowid = f.rowid"
            "  WHERE act_fts MATCH ? AND a.deleted = 0"
            " UNION SELECT a.event FROM person_fts f JOIN person p ON p.rowid = f.rowid"
            "  JOIN act a ON a.person = p.uuid AND a.deleted = 0 WHERE person_fts MATCH ?"
            " UNION SELECT x.event FROM person_fts f JOIN person p ON p.rowid = f.rowid"
            "  JOIN participation x ON x.person = p.uuid AND x.deleted = 0 WHERE person_fts MATCH ?) ")
        params += [expression] * 4
        clauses.append("e.uuid IN (SELECT event FROM hits)")
    if flt.date_from:
        clauses.append("e.date_end >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("e.date_start <= ?")
        params.append(flt.date_to)
    if flt.city:
        clauses.append("e.city = ?")
        params.append(flt.city)
    if flt.act_type:
        clauses.append("EXISTS (SELECT 1 FROM act a WHERE a.event = e.uuid AND a.deleted = 0 AND a.act_type = ?)")
        params.append(flt.act_type)
    if flt.article:
        condition, values = _article_condition(flt.article)
        clauses.append(f"EXISTS (SELECT 1 FROM act a WHERE a.event = e.uuid AND a.deleted = 0 AND ({condition}))")
        params += values
    return with_clause, " AND ".join(clauses), params


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


def _article_condition(text: str) -> tuple[str, list[Any]]:
    pairs = article_query(text)
    if pairs is None:
        return "0", []  # not an article: nothing can match (the window says why)
    conditions, values = [], []
    for article, part in pairs:
        if part is None:
            conditions.append("a.article = ?")
            values.append(article)
        else:
            conditions.append("(a.article = ? AND a.part = ?)")
            values += [article, part]
    return " OR ".join(conditions), values


def count_records(conn: Connection, flt: RecordFilter) -> int:
    with_clause, where, params = _where(flt)
    return int(conn.exec_driver_sql(f"{with_clause}SELECT count(*) FROM event e WHERE {where}",
                                    tuple(params)).scalar_one())


def fetch_page(conn: Connection, flt: RecordFilter, offset: int = 0, limit: int = PAGE) -> tuple[int, list[RecordRow]]:
    """The number of matching events and one page of them, from a single evaluation of the filter."""
    with_clause, where, params = _where(flt)
    order = SORTABLE.get(flt.sort, SORTABLE["date"])
    direction = "DESC" if flt.descending else "ASC"
    rows = conn.exec_driver_sql(
        f"{with_clause}SELECT e.uuid, e.date, e.city, e.city_text, count(*) OVER () FROM event e WHERE {where} "
        f"ORDER BY {order} IS NULL, {order} {direction}, e.uuid LIMIT ? OFFSET ?",
        (*params, limit, offset)).fetchall()
    if not rows:
        return (count_records(conn, flt) if offset else 0), []
    return int(rows[0][4]), _complete(conn, {u: RecordRow(u, d, c, t) for u, d, c, t, _n in rows})


def fetch_records(conn: Connection, flt: RecordFilter, offset: int = 0, limit: int = PAGE) -> list[RecordRow]:
    """One page of events with their persons, act types, articles and sanctions."""
    return fetch_page(conn, flt, offset, limit)[1]


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
