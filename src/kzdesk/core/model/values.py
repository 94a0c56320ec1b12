"""The stored form of every field: what a record's values may be once written.

The editor and the CSV import parse what a person typed into these forms; anything that writes a
revision without them — a bundle from another vault above all, whose signer may be buggy or
hostile — is checked here, so a value no view, report or export can read ("12abc" as a fine, a
city that is not in the gazetteer) never reaches the vault.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from kzdesk.core.i18n import N_
from kzdesk.core.model.records import (
    APPEAL_STATES,
    CONSENT_LEVELS,
    DATE_PRECISIONS,
    FINE_UNITS,
    LINK_DECISIONS,
    RELIABILITY,
    SOURCE_TYPES,
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
TEXT_KINDS = ("person", "event", "act", "participation", "source", "citation", "attachment", "link")


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


def stored_problems(kind: str, body: dict[str, Any]) -> list[ValueProblem]:
    """Every value of a record body that is not in the form the program writes (empty: all good)."""
    problems: list[ValueProblem] = []

    def bad(name: str, msgid: str) -> None:
        problems.append(ValueProblem(name, msgid))

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
    return problems
