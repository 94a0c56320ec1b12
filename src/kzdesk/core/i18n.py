"""A small gettext catalogue for the text the core itself produces.

Messages are written in English in the code and looked up in resources/i18n/core.<lang>.mo, compiled
from core.<lang>.po (see packaging/core_catalogue.py), with the standard library's gettext: a plural
message takes its language's forms (ru: 1 год, 2 года, 5 лет; kk: one form). A missing translation
falls back to English rather than failing; the tests check that every message id in the code (found
by extraction, N_/Nn_ marking those kept as data) has a Russian and a Kazakh translation.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from kzdesk.core.resources import resource_path

LANGUAGES = ("ru", "kk", "en")
TRANSLATED = ("ru", "kk")  # English is the message ids themselves
_current = "en"
# Told of each message asked in a language whose catalogue lacks it (the tests' net for English leaks).
_untranslated_listeners: list[Callable[[str, str], None]] = []


class _English(gettext.NullTranslations):
    """What a catalogue falls back to for a message it lacks: the English text, and a word to listeners."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        _untranslated(message, self.lang)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        _untranslated(msgid1, self.lang)
        return msgid1 if n == 1 else msgid2


def _untranslated(msgid: str, lang: str) -> None:
    for listener in list(_untranslated_listeners):
        listener(msgid, lang)


def on_untranslated(listener: Callable[[str, str], None]) -> Callable[[], None]:
    """Call listener(msgid, lang) whenever a message is asked in Russian or Kazakh and has no translation
    there; returns the function that stops it."""
    _untranslated_listeners.append(listener)
    return lambda: _untranslated_listeners.remove(listener)


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang not in TRANSLATED:
        return gettext.NullTranslations()
    with resource_path("i18n", f"core.{lang}.mo").open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    catalogue.add_fallback(_English(lang))
    return catalogue


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


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # N_ for a plural message
    """Mark a plural message kept as data (a template chosen at run time): ntr(*pair, count) says it."""
    return singular, plural


def tr(msgid: str, lang: str | None = None, **params: Any) -> str:
    """Translate msgid into the current (or given) language and fill in its {named} fields."""
    # The empty msgid is gettext's catalogue header, never a message.
    text = _catalogue(lang or _current).gettext(msgid) if msgid else msgid
    return text.format(**params) if params else text


def plural_index(n: int, lang: str) -> int:
    """Which plural form a count takes: Russian has three (1 запись, 2 записи, 5 записей), English two,
    Kazakh one (a noun after a numeral does not change: 1 жазба, 5 жазба). The rule of the catalogues'
    Plural-Forms (a test holds them together)."""
    n = abs(n)
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
    if lang == "kk":
        return 0
    return 0 if n == 1 else 1


def ntr(singular: str, plural: str, count: int, lang: str | None = None, **params: Any) -> str:
    """A message about count things in the right plural form; {n} is count unless given (formatted)."""
    text = _catalogue(lang or _current).ngettext(singular, plural, abs(int(count)))
    return text.format(**{"n": count, **params})
