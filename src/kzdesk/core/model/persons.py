"""Finding a person again, whatever the spelling, and their whole history across events."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.model.textindex import match_expression


@dataclass(frozen=True)
class PersonMatch:
    uuid: str
    name: str
    acts: int


@dataclass(frozen=True)
class ChronologyEntry:
    """One act against the person, with the event it belongs to."""

    act: str
    event: str
    date: str | None
    date_start: str | None
    city: str | None
    city_text: str | None
    act_type: str
    legal_code: str | None
    article: str | None
    part: str | None
    arrest_days: int | None
    fine_amount: str | None
    fine_unit: str | None
    fine_kzt: int | None
    court: str | None
    case_number: str | None


def suggest_persons(conn: Connection, text: str, limit: int = 10) -> list[PersonMatch]:
    """Persons whose names match what is typed so far (any case, script or transliteration)."""
    expression = match_expression(text)
    if expression is None:
        return []
    rows = conn.exec_driver_sql(
        "SELECT p.uuid, p.name, (SELECT count(*) FROM act a WHERE a.person = p.uuid AND a.deleted = 0) "
        "FROM person_fts f JOIN person p ON p.rowid = f.rowid WHERE person_fts MATCH ? AND p.deleted = 0 "
        "ORDER BY f.rank LIMIT ?", (expression, limit)).fetchall()
    return [PersonMatch(*row) for row in rows]


def find_persons(conn: Connection, query: str, limit: int = 50) -> list[PersonMatch]:
    """Persons a user means by QUERY: an id (or its first 8+ characters), or part of a name in any
    spelling, script or case."""
    text = query.strip().lower()
    if len(text) >= 8 and all(c in "0123456789abcdef" for c in text):
        rows = conn.exec_driver_sql(
            "SELECT p.uuid, p.name, (SELECT count(*) FROM act a WHERE a.person = p.uuid AND a.deleted = 0) "
            "FROM person p WHERE p.uuid LIKE ? AND p.deleted = 0 LIMIT ?", (text + "%", limit)).fetchall()
        if rows:
            return [PersonMatch(*row) for row in rows]
    return suggest_persons(conn, query, limit)


def one_person(conn: Connection, query: str) -> str:
    """The one person a user names by QUERY (see find_persons), or an InputError that says whether
    none matched or several did (listing them by id, name and number of acts)."""
    found = find_persons(conn, query)
    if not found:
        raise InputError("No person matches {query}.", query=query)
    if len(found) > 1:
        listing = "\n".join(f"  {p.uuid[:12]}  {p.name}  ({p.acts})" for p in found)
        raise InputError("Several persons match {query}; name one by its id:\n{list}", query=query, list=listing)
    return found[0].uuid


# The person and every record a coordinator linked to it as the same human, through chains of links.
SAME_PERSON = (
    "WITH RECURSIVE same(uuid) AS (SELECT ? UNION SELECT CASE WHEN l.person_a = same.uuid THEN l.person_b "
    "ELSE l.person_a END FROM link l JOIN same ON same.uuid IN (l.person_a, l.person_b) "
    "WHERE l.deleted = 0 AND l.decision = 'same') ")


def same_person(conn: Connection, person: str) -> set[str]:
    """Every person record linked to this one as the same human (itself included), transitively."""
    return {row[0] for row in conn.exec_driver_sql(SAME_PERSON + "SELECT uuid FROM same", (person,))}


def chronology(conn: Connection, person: str, leave_out: Collection[str] = ()) -> list[ChronologyEntry]:
    """Every current act against the person (and the records linked to it as the same human),
    oldest event first (undated events last); without the acts in `leave_out` (the double reports a
    coordinator decided were the same act: exchange/duplicate_acts.uncounted)."""
    rows = conn.exec_driver_sql(SAME_PERSON +
        "SELECT a.uuid, e.uuid, e.date, e.date_start, e.city, e.city_text, a.act_type, a.legal_code, a.article, "
        "a.part, a.arrest_days, a.fine_amount, a.fine_unit, a.fine_kzt, a.court, a.case_number "
        "FROM act a JOIN event e ON e.uuid = a.event WHERE a.person IN (SELECT uuid FROM same) AND a.deleted = 0 "
        "AND e.deleted = 0 "
        "ORDER BY e.date_start IS NULL, e.date_start, a.hlc", (person,)).fetchall()
    return [ChronologyEntry(*row) for row in rows if row[0] not in leave_out]
