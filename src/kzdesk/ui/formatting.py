"""How record values read in the interface language: labels, places, sanctions, numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from kzdesk.core.model.vocab import label, vocabulary


def _tr(text: str) -> str:
    return QCoreApplication.translate("Formatting", text)


def act_type_label(code: str, language: str) -> str:
    entry = vocabulary().act_types.get(code)
    return label(entry.labels, language) if entry else code


def place(city: str | None, city_text: str | None, language: str) -> str:
    cities = vocabulary().cities
    if city in cities:
        return label(cities[city].labels, language)
    return city_text or ""


def number(value: int | str) -> str:
    locale = QLocale()
    if isinstance(value, int):
        return locale.toString(value)
    whole, _, fraction = str(value).partition(".")
    text = locale.toString(int(whole))
    return f"{text}{locale.decimalPoint()}{fraction}" if fraction else text


def sanction(kind: str, value: Any) -> str:
    if kind == "arrest_days":
        return _tr("{n} days of arrest").format(n=number(value))
    if kind == "fine_kzt":
        return _tr("{n} ₸").format(n=number(value))
    if kind == "fine_mci":
        return _tr("{n} MCI").format(n=number(value))
    if kind == "hours":
        return _tr("{n} hours").format(n=number(value))
    if kind == "years":
        return _tr("{n} years").format(n=number(value))
    if kind == "months":
        return _tr("{n} months").format(n=number(value))
    return str(value)
