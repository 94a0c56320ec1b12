"""The core catalogue as tests read it: msgid -> translation, from resources/i18n/core.<lang>.po.

A plural entry's forms are joined by "|" (ru: three, kk: one), keyed by its singular msgid; an entry
without a translation is left out, as the program would show it in English."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"


def translations(lang: str) -> dict[str, str]:
    with (I18N / f"core.{lang}.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    found: dict[str, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if message.pluralizable:
            if all(message.string):
                found[message.id[0]] = "|".join(message.string)
        elif message.string:
            found[message.id] = message.string
    return found
