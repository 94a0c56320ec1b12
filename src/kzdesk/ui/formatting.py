"""How record values read in the interface language: labels, places, sanctions, numbers."""

from __future__ import annotations

from typing import Any

from kzdesk.core.i18n import language
from kzdesk.core.model.fields import short_date
from kzdesk.core.model.vocab import label, vocabulary
from kzdesk.core.reports import wording
from kzdesk.core.reports.wording import date_format_hint


def act_type_label(code: str, language: str) -> str:
    entry = vocabulary().act_types.get(code)
    return label(entry.labels, language) if entry else code


def place(city: str | None, city_text: str | None, language: str) -> str:
    cities = vocabulary().cities
    if city in cities:
        return label(cities[city].labels, language)
    return city_text or ""


def date_text(value: str | None) -> str:
    """A stored date (YYYY-MM-DD, YYYY-MM or YYYY) as the interface language writes it: one rule per
    language with a four-digit year (25.03.2025 in ru/kk, 25 Mar 2025 in en), shared with the core."""
    return short_date(value, language())


def date_hint() -> str:
    """How a date is typed in the interface language (for placeholders)."""
    return date_format_hint(language())


def number(value: object) -> str:
    """A count or amount in the interface language; a stored value that is not a number, as it is."""
    return wording.number(value, language())


def sanction(act: dict[str, Any]) -> str:
    """The sanctions of one act as the core composes them everywhere (list, chronology, case summary, CLI):
    "145 850 ₸ (50 МРП)", one fine shown once."""
    return wording.sanction(act, language())
