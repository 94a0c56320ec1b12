"""The stored form of every field: what a record's values may be once written.

The editor and the CSV import parse what a person typed into these forms; anything that writes a
revision without them — a bundle from another vault above all, whose signer may be buggy or
hostile — is checked here, so a value no view, report or export can read ("12abc" as a fine, a
city that is not in the gazetteer) never reaches the vault. A value typed to settle a conflict is
parsed by typed_changes() with the editor's own parsers, then checked here like everything else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from kzdesk.core.i18n import N_
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
    parse_unit,
    parse_url,
)
from kzdesk.core.model.names import identity_key
from kzdesk.core.model.records import (
    APPEAL_STATES,
    CONSENT_LEVELS,
    DATE_PRECISIONS,
    FINE_UNITS,
    LINK_DECISIONS,
    RECORD_TABLES,
    RELIABILITY,
    SOURCE_TYPES,
    STATUS_CODES,
    STATUS_REASONS,
    field_names,
)
from kzdesk.core.model.vocab import vocabulary

MAX_TEXT = 10_000
# The ranges the editor and the import accept (ingest/fields.py parse_count).
COUNT_LIMITS = {"arrest_days": 365, "hours": 10_000, "years": 100, "months": 11}
ARTICLE = re.compile(r"\d{1,4}(-\d{1,2})?")
PART = re.compile(r"\d{1,3}(-\d{1,2})?")
AMOUNT = re.compile(r"\d{1,13}(\.\d{1,2})?")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
UUID = re.compile(r"[0-9a-f]{32}")
SHA256 = re.compile(r"[0-9a-f]{64}")
TEXT_KINDS = ("person", "event", "act", "participation", "source", "citation", "attachment", "link", "status",
              "act_link")


@dataclass(frozen=True)
class ValueProblem:
    """One stored value that is not in its field's form: the field and a translatable reason."""

    field: str
    msgid: str


def _is_day(value: str) -> bool:
    if not DAY.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _amount_ok(value: str) -> bool:
    if not AMOUNT.fullmatch(value):
        return False
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return False
    # The canonical text the editor writes: no trailing zeros, no exponent.
    return 0 < amount <= Decimal(10) ** 12 and format(amount.normalize(), "f") == value


def _event_date_ok(body: dict[str, Any]) -> bool:
    """date, its precision and the first and last day it can mean agree."""
    value, precision = body.get("date"), body.get("date_precision")
    start, end = body.get("date_start"), body.get("date_end")
    if value is None:
        return precision == "unknown" and start is None and end is None
    try:
        if precision == "day":
            return _is_day(value) and start == value and end == value
        if precision == "month":
            first = date.fromisoformat(value + "-01")
            nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            last = date.fromordinal(nxt.toordinal() - 1)
            return len(value) == 7 and start == first.isoformat() and end == last.isoformat()
        if precision == "year":
            return re.fullmatch(r"[0-9]{4}", value) is not None and start == f"{value}-01-01" \
                and end == f"{value}-12-31"
    except ValueError:
        return False
    return False


@cache
def column_types(kind: str) -> dict[str, type]:
    """Each field of a kind and its plain JSON type: whole number, true/false or text."""
    from sqlalchemy import Boolean, Integer

    table = RECORD_TABLES[kind].__table__  # type: ignore[attr-defined]  # SQLModel sets it on table classes
    names = set(field_names(RECORD_TABLES[kind]))
    return {c.name: bool if isinstance(c.type, Boolean) else int if isinstance(c.type, Integer) else str
            for c in table.columns if c.name in names}


def stored_problems(kind: str, body: dict[str, Any]) -> list[ValueProblem]:
    """Every value of a record body that is not in the form the program writes (empty: all good)."""
    problems: list[ValueProblem] = []

    def bad(name: str, msgid: str) -> None:
        problems.append(ValueProblem(name, msgid))

    # A value of the wrong type ("12 суток" as days of arrest) is named first; the checks below
    # compare numbers with numbers and would only stumble over it.
    for name, plain in column_types(kind).items():
        value = body.get(name)
        if value is not None and type(value) is not plain:
            bad(name, N_("not a number") if plain is int else N_("not one of the values this field takes"))
    if problems:
        return problems

    def one_of(name: str, allowed: Any) -> None:
        if body.get(name) is not None and body[name] not in allowed:
            bad(name, N_("not one of the values this field takes"))

    for name, value in body.items():
        if isinstance(value, str) and len(value) > MAX_TEXT:
            bad(name, N_("a text too long"))
    one_of("consent", CONSENT_LEVELS)
    vocab = vocabulary()
    if kind == "person":
        year = body.get("birth_year")
        if year is not None and not 1900 <= year <= date.today().year:
            bad("birth_year", N_("a birth year out of range"))
        if not (body.get("name") or "").strip():
            bad("name", N_("a value is required"))
        try:
            names = json.loads(body.get("names") or "[]")
        except ValueError:
            names = None
        if not isinstance(names, list) or not all(isinstance(n, dict) and isinstance(n.get("text", ""), str)
                                                  for n in names):
            bad("names", N_("not one of the values this field takes"))
    elif kind == "event":
        one_of("date_precision", DATE_PRECISIONS)
        if not _event_date_ok(body):
            bad("date", N_("the date does not agree with its precision"))
        one_of("city", vocab.cities)
        one_of("region", vocab.regions)
    elif kind == "act":
        one_of("act_type", vocab.act_types)
        one_of("legal_code", vocab.legal_codes)
        one_of("fine_unit", FINE_UNITS)
        one_of("appeal", APPEAL_STATES)
        for name, pattern in (("article", ARTICLE), ("part", PART)):
            if body.get(name) is not None and not pattern.fullmatch(body[name]):
                bad(name, N_("not one of the values this field takes"))
        if body.get("part") is not None and body.get("article") is None:
            bad("part", N_("a part needs an article"))
        for name, maximum in COUNT_LIMITS.items():
            if body.get(name) is not None and not 1 <= body[name] <= maximum:
                bad(name, N_("a number out of range"))
        amount = body.get("fine_amount")
        if amount is not None and not _amount_ok(amount):
            bad("fine_amount", N_("not an amount"))
        if amount is None and (body.get("fine_unit") is not None or body.get("fine_kzt") is not None):
            bad("fine_unit", N_("a fine unit without an amount"))
        if body.get("fine_kzt") is not None and not 0 <= body["fine_kzt"] <= 10 ** 15:
            bad("fine_kzt", N_("a number out of range"))
        for name in ("decision_date", "appeal_date"):
            if body.get(name) is not None and not _is_day(body[name]):
                bad(name, N_("not a full date"))
        for name in ("event", "person"):
            if not UUID.fullmatch(body.get(name) or ""):
                bad(name, N_("not a record id"))
    elif kind == "participation":
        for name in ("event", "person"):
            if not UUID.fullmatch(body.get(name) or ""):
                bad(name, N_("not a record id"))
    elif kind == "source":
        one_of("source_type", SOURCE_TYPES)
        one_of("reliability", RELIABILITY)
        url = body.get("url")
        if url is not None and (re.search(r"\s", url) or not re.match(r"https?://[^/\s]", url, re.IGNORECASE)):
            bad("url", N_("not a web address"))
    elif kind in ("citation", "attachment"):
        if body.get("target_kind") not in ("person", "event", "act", "source"):
            bad("target_kind", N_("not one of the values this field takes"))
        if not UUID.fullmatch(body.get("target") or ""):
            bad("target", N_("not a record id"))
        if kind == "attachment":
            if not SHA256.fullmatch(body.get("sha256") or ""):
                bad("sha256", N_("not a file hash"))
            if not 0 <= body.get("size", -1) <= 1 << 40:
                bad("size", N_("a number out of range"))
        elif not UUID.fullmatch(body.get("source") or ""):
            bad("source", N_("not a record id"))
    elif kind == "link":
        one_of("decision", LINK_DECISIONS)
        pair = (body.get("person_a") or "", body.get("person_b") or "")
        if not all(UUID.fullmatch(p) for p in pair) or pair[0] >= pair[1]:
            bad("person_a", N_("not a record id"))
        kept = body.get("kept")
        if kept is not None and kept not in pair:
            bad("kept", N_("not a record id"))
    elif kind == "act_link":
        one_of("decision", LINK_DECISIONS)
        pair = (body.get("act_a") or "", body.get("act_b") or "")
        if not all(UUID.fullmatch(a) for a in pair) or pair[0] >= pair[1]:
            bad("act_a", N_("not a record id"))
    elif kind == "status":
        if not UUID.fullmatch(body.get("person") or ""):
            bad("person", N_("not a record id"))
        if not _is_day(body.get("date") or ""):
            bad("date", N_("not a full date"))
        one_of("code", STATUS_CODES)
        one_of("reason", STATUS_REASONS.get(body.get("code") or "", ()))
    return problems


def _whole(maximum: int) -> Callable[[str], int | None]:
    return lambda text: parse_count(text, maximum)


_YES = ("true", "yes", "1", "да", "иә", "ия")
_NO = ("false", "no", "0", "нет", "жоқ")


def parse_yes_no(text: str) -> bool | None:
    """A yes or no as typed (also in Russian and Kazakh); empty means not known."""
    folded = text.strip().casefold()
    if not folded:
        return None
    if folded in _YES or folded in _NO:
        return folded in _YES
    raise Problem("'{value}' is not yes or no", value=text.strip())


def _amount(text: str) -> str | None:
    amount = parse_amount(text)
    return None if amount is None else decimal_text(amount)


def _code(text: str) -> str | None:
    """A vocabulary code (consent level, act type…): which codes a field takes is stored_problems' part."""
    return text.strip() or None


# Fields whose typed text is parsed as the editor parses it; every other text field is free text.
TYPED: dict[str, Callable[[str], Any]] = {
    **{name: _whole(maximum) for name, maximum in COUNT_LIMITS.items()},
    "birth_year": _whole(date.today().year), "fine_kzt": _whole(10 ** 15), "size": _whole(1 << 40),
    "fine_amount": _amount, "fine_unit": parse_unit, "article": parse_article, "part": parse_part,
    "decision_date": parse_day, "appeal_date": parse_day, "date_start": parse_day, "date_end": parse_day,
    "published": parse_day, "retrieved": parse_day, "url": parse_url, "fine_paid": parse_yes_no,
    **{name: _code for name in ("consent", "act_type", "appeal", "source_type", "reliability",
                                "date_precision", "decision", "role", "target_kind", "gender", "code",
                                "reason")},
    "legal_code": lambda text: vocabulary().legal_code(text) or _code(text),  # "KoAP", "УК" as well
}


def typed_changes(kind: str, name: str, value: object) -> dict[str, Any]:
    """The stored form of a value a person chose or typed for one field of a record, with the fields
    derived from it (a date's precision and days, a city's region, a name's key), parsed exactly as
    the editor parses what is typed there: "12" for days of arrest is 12, "12 суток" is refused
    (Problem, translatable). A value that is not text (a conflict's candidate) is kept as it is:
    stored_problems() judges it with the rest of the record."""
    if not isinstance(value, str):
        return {name: value}
    if kind == "event" and name == "date":
        when = parse_date(value)
        return {"date": when.value, "date_precision": when.precision, "date_start": when.start,
                "date_end": when.end}
    if kind == "event" and name in ("city", "city_text"):
        text = parse_text(value)
        vocab = vocabulary()
        city = vocab.city(text) if text else None
        return {"city": city, "city_text": None if city else text,
                "region": vocab.cities[city].region if city else None}
    if kind == "status" and name == "date":
        return {"date": parse_day(value)}
    if kind == "person" and name == "name":
        text = parse_text(value) or ""
        return {"name": text, "name_key": identity_key(text)}
    plain = column_types(kind).get(name, str)
    parse = TYPED.get(name) or (_whole(10 ** 15) if plain is int else parse_yes_no if plain is bool else parse_text)
    return {name: parse(value)}
