"""How record values read in the interface language: labels, places, sanctions, numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from kzdesk.core.model.vocab import label, vocabulary


def act_type_label(code: str, language: str) -> str:
    entry = vocabulary().act_types.get(code)
    return label(entry.labels, language) if entry else code


def place(city: str | None, city_text: str | None, language: str) -> str:
    cities = vocabulary().cities
    if city in cities:
        return label(cities[city].labels, language)
    return city_text or ""


def date_text(value: str | None) -> str:
    """A stored date (YYYY-MM-DD, YYYY-MM or YYYY) as the interface language writes it."""
    if not value:
        return QCoreApplication.translate("Formatting", "date unknown")
    locale = QLocale()
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return locale.toString(QDate(*parts), QLocale.FormatType.ShortFormat)
    if len(parts) == 2:
        return f"{locale.standaloneMonthName(parts[1], QLocale.FormatType.LongFormat)} {parts[0]}"
    return str(parts[0])


def number(value: int | str) -> str:
    locale = QLocale()
    if isinstance(value, int):
        return locale.toString(value)
    whole, _, fraction = str(value).partition(".")
    text = locale.toString(int(whole))
    return f"{text}{locale.decimalPoint()}{fraction}" if fraction else text


def sanction(kind: str, value: Any) -> str:
    """A sanction as it reads in the interface language (lupdate needs each text written out)."""
    n = number(value)
    translate = QCoreApplication.translate
    texts = {
        "arrest_days": lambda: translate("Formatting", "{n} days of arrest"),
        "fine_kzt": lambda: translate("Formatting", "{n} ₸"),
        "fine_mci": lambda: translate("Formatting", "{n} MCI"),
        "hours": lambda: translate("Formatting", "{n} hours"),
        "years": lambda: translate("Formatting", "{n} years"),
        "months": lambda: translate("Formatting", "{n} months"),
    }
    return texts[kind]().format(n=n) if kind in texts else str(value)
