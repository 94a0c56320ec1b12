"""A small gettext-style catalogue for the text the core itself produces.

Messages are written in English in the code and looked up in resources/i18n/core.<lang>.json;
a missing translation falls back to English rather than failing, and a test checks that every
message used in the core has a Russian and a Kazakh translation.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from typing import Any

from kzdesk.core.resources import resource_path

LANGUAGES = ("ru", "kk", "en")
_current = "en"


@cache
def _catalogue(lang: str) -> dict[str, str]:
    if lang == "en":
        return {}
    with resource_path("i18n", f"core.{lang}.json").open(encoding="utf-8") as fh:
        data: dict[str, str] = json.load(fh)
    return data


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """Pick the language from KZDESK_LANG, then the POSIX locale variables; English otherwise."""
    env = os.environ if environ is None else environ
    for var in ("KZDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        code = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
        if value:
            # A set but unsupported locale (e.g. de_DE) means English, not the next variable.
            return "en"
    return "en"


def set_language(lang: str) -> None:
    """Switch the language of core messages for this process."""
    global _current
    _current = lang if lang in LANGUAGES else "en"


def language() -> str:
    """The language core messages are currently rendered in."""
    return _current


def N_(msgid: str) -> str:  # the gettext convention
    """Mark a message id kept as data (a reason code, say) for translation when it is shown."""
    return msgid


def tr(msgid: str, lang: str | None = None, **params: Any) -> str:
    """Translate msgid into the current (or given) language and fill in its {named} fields."""
    text = _catalogue(lang or _current).get(msgid) or msgid
    return text.format(**params) if params else text


def plural_index(n: int, lang: str) -> int:
    """Which plural form a count takes: Russian has three (1 запись, 2 записи, 5 записей), English two,
    Kazakh one (a noun after a numeral does not change: 1 жазба, 5 жазба)."""
    n = abs(n)
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
    if lang == "kk":
        return 0
    return 0 if n == 1 else 1


def ntr(singular: str, plural: str, count: int, lang: str | None = None, **params: Any) -> str:
    """A message about count things in the right plural form; {n} is count unless given (formatted).

    The catalogue holds the forms of the singular msgid joined by "|" (ru: three, kk: one)."""
    lang = lang or _current
    forms = (_catalogue(lang).get(singular) or "").split("|") if lang != "en" else []
    if not forms or not forms[0]:
        forms = [singular, plural]
        lang = "en"
    text = forms[min(plural_index(count, lang), len(forms) - 1)]
    return text.format(**{"n": count, **params})
