"""Parsing single cell values the way monitors write them; each parser returns a value or raises Problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from kzdesk.core.i18n import tr

MAX_TEXT = 10_000
MIN_YEAR = 1991  # independence: the earliest events this program is meant for


class Problem(ValueError):
    """Why one cell is not acceptable: a translatable message id and its parameters."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params


@dataclass(frozen=True)
class FuzzyDate:
    """A date with its precision, and the first and last day it can mean."""

    value: str | None
    precision: str
    start: str | None
    end: str | None


UNKNOWN_DATE = FuzzyDate(None, "unknown", None, None)
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# As ru/kk windows show dates and Russian-locale Excel writes them: D.M.YYYY, DD.MM.YYYY, MM.YYYY.
_DOTTED = re.compile(r"^(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})$")
# As the English window shows them: "25 Mar 2025", "Mar 2025" (full month names too).
_NAMED = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3})[A-Za-z]*\.?,?\s+(\d{4})$")
_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# "20.03.25": a two-digit year is refused rather than guessed (1925? 2025?).
_SHORT_YEAR = re.compile(r"^(?:\d{1,2}\.)?\d{1,2}\.\d{2}$")


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= date.today().year + 1:
        raise Problem("year {year} is out of range", year=year)


def parse_date(text: str) -> FuzzyDate:
    """One parser for every face: DD.MM.YYYY, D.M.YYYY, MM.YYYY, YYYY-MM-DD, YYYY-MM or YYYY;
    empty means unknown."""
    text = " ".join(text.split())  # also the no-break space the English form is shown with
    if not text:
        return UNKNOWN_DATE
    original = text
    named = _NAMED.match(text)
    if named and named[2].casefold() in _MONTH_ABBREVIATIONS:
        month = _MONTH_ABBREVIATIONS.index(named[2].casefold()) + 1
        text = f"{named[3]}-{month:02d}" + (f"-{int(named[1]):02d}" if named[1] else "")
    dotted = _DOTTED.match(text)
    m = _ISO.match(text)
    if dotted:
        year, month, day = int(dotted[3]), int(dotted[2]), int(dotted[1] or 0)
        if dotted[1] is not None and not day:
            raise Problem("'{value}' is not a real calendar date", value=original)
    elif m:
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    elif _SHORT_YEAR.match(text):
        raise Problem("'{value}': write the year with four digits", value=original)
    else:
        raise Problem("'{value}' is not a date (use DD.MM.YYYY, MM.YYYY or YYYY)", value=original)
    _check_year(year)
    if (m and m[2] is not None and not month) or (m and m[3] is not None and not day) or (dotted and not month):
        raise Problem("'{value}' is not a real calendar date", value=original)
    try:
        if day:
            d = date(year, month, day).isoformat()
            return FuzzyDate(d, "day", d, d)
        if month:
            first = date(year, month, 1)
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            last = date.fromordinal(nxt.toordinal() - 1)
            return FuzzyDate(first.isoformat()[:7], "month", first.isoformat(), last.isoformat())
    except ValueError:
        raise Problem("'{value}' is not a real calendar date", value=original) from None
    return FuzzyDate(str(year), "year", f"{year}-01-01", f"{year}-12-31")


def parse_bound(text: str, last: bool = False) -> str | None:
    """A filter's "from" (or, with last, "to") day in any accepted format: "03.2025" from means
    1 March, to means 31 March; empty means no bound."""
    parsed = parse_date(text)
    return parsed.end if last else parsed.start


_STORED_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
SHORT_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(value: str | None, lang: str) -> str:
    """A stored date as the lists show it, one rule per language and always a four-digit year:
    25.03.2025 · 03.2025 · 2025 in Russian and Kazakh; 25 Mar 2025 · Mar 2025 · 2025 in English
    (never the US 3/25/25). An odd stored value is shown as it is."""
    if not value:
        return tr("date unknown", lang)
    match = _STORED_DATE.fullmatch(value)
    if match is None:
        return value
    year, month, day = match[1], match[2], match[3]
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return value
    if lang == "en":
        name = SHORT_MONTHS_EN[int(month) - 1]
        return f"{int(day)}\u00a0{name} {year}" if day else f"{name} {year}"
    return f"{day}.{month}.{year}" if day else f"{month}.{year}"


def parse_period(first: str, last: str) -> tuple[str, str]:
    """A report period from two dates of any precision: "2021-12" to "2021-12" is all December."""
    start, end = parse_date(first).start, parse_date(last).end
    if start is None or end is None:
        raise Problem("A period needs a first and a last date.")
    if start > end:
        raise Problem("The period ends ({end}) before it starts ({start}).", start=start, end=end)
    return start, end


def parse_day(text: str) -> str | None:
    """A full date (for decisions): DD.MM.YYYY, D.M.YYYY or YYYY-MM-DD."""
    parsed = parse_date(text)
    if parsed.precision not in ("day", "unknown"):
        raise Problem("'{value}' must be a full date (DD.MM.YYYY)", value=text.strip())
    return parsed.value


def parse_count(text: str, maximum: int) -> int | None:
    """A whole number from 1 to maximum (days, hours, years); empty means none."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not text.isascii():
        raise Problem("'{value}' is not a whole number", value=text)
    value = int(text)
    if not 1 <= value <= maximum:
        raise Problem("{value} is out of range (1–{maximum})", value=value, maximum=maximum)
    return value


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_amount(text: str) -> Decimal | None:
    """A positive amount: 145850, 145 850, 145,850 (thousands), 2.5 or 2,5 (decimal)."""
    raw = text.strip()
    if not raw:
        return None
    compact = _SPACES.sub("", raw)
    if re.fullmatch(r"\d{1,3}(,\d{3})+", compact):
        compact = compact.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", compact):
        compact = compact.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", compact):
        raise Problem("'{value}' is not an amount", value=raw)
    try:
        value = Decimal(compact)
    except InvalidOperation:
        raise Problem("'{value}' is not an amount", value=raw) from None
    if value <= 0 or value > Decimal(10) ** 12:
        raise Problem("{value} is out of range", value=raw)
    return value


def decimal_text(value: Decimal) -> str:
    """Decimal as canonical text (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text


_UNITS = {"kzt": "KZT", "тг": "KZT", "тенге": "KZT", "теңге": "KZT", "₸": "KZT", "tenge": "KZT",
          "mci": "MCI", "мрп": "MCI", "аек": "MCI", "mrp": "MCI"}


def parse_unit(text: str) -> str | None:
    text = text.strip().casefold().rstrip(".")
    if not text:
        return None
    if text not in _UNITS:
        raise Problem("'{value}' is not a fine unit (KZT or MCI)", value=text)
    return _UNITS[text]


_ARTICLE = re.compile(r"^\d{1,4}(-\d{1,2})?$")


def parse_article(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not _ARTICLE.match(text):
        raise Problem("'{value}' is not an article number (e.g. 488 or 73-1)", value=text)
    return text


def parse_part(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{1,3}(-\d{1,2})?", text):
        raise Problem("'{value}' is not a part number", value=text)
    return text


def parse_url(text: str) -> str | None:
    """A web address; a bare 't.me/…' or 'example.kz/…' gets https:// in front."""
    text = text.strip()
    if not text:
        return None
    if re.search(r"\s", text):
        raise Problem("'{value}' is not a web address", value=text)
    if "://" not in text and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed "[" where an IPv6 address would be
        raise Problem("'{value}' is not a web address", value=text) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise Problem("'{value}' is not a web address", value=text)
    return text


def parse_text(text: str) -> str | None:
    """Free text, kept exactly as written (only surrounding whitespace trimmed)."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise Problem("the text is longer than {maximum} characters", maximum=MAX_TEXT)
    return text or None
