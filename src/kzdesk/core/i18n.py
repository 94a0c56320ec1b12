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
