"""The one passphrase rule of both faces: `kzdesk init`, `passwd` and `recover` on the command line,
and the first-run wizard, File → Change passphrase and the recovery dialog in the window.

A new passphrase is accepted when it has at least MIN_LENGTH characters and zxcvbn (Dropbox's
guess-count estimator) gives it at least MIN_SCORE. The library calls that create or re-key a vault
(Vault.create, change_passphrase) do not apply it: it is a rule about what a person types, and the
faces apply it before they store anything.

zxcvbn knows English words, common passwords and the QWERTY keyboard, so a passphrase typed on a
Russian or Kazakh keyboard is also judged as the same keys read on a QWERTY keyboard: "йцукен" is
"qwerty", "пароль" typed blind is "gfhjkm" (a well-known password). The map below (KEYBOARD) sends each
Cyrillic letter to the Latin key at the same place:

    Russian ЙЦУКЕН (shared by the Kazakh layout):  ё`  йq цw уe кr еt нy гu шi щo зp х[ ъ]
                                                   фa ыs вd аf пg рh оj лk дl ж; э'
                                                   яz чx сc мv иb тn ьm б, ю.
    Kazakh letters, on the digit row of the Kazakh layout (XKB "kz", Windows "Kazakh"):
                                                   ә2 і3 ң4 ғ5 ү8 ұ9 қ0 ө- һ=
    Capitals go to the shifted key (Й→Q, Х→{, Ә→@, Қ→)); punctuation, digits and Latin stay as typed.

The passphrase is judged both as typed and as mapped, and the weaker of the two counts. The
volunteer's own display name and city are given to zxcvbn as words an attacker would try first,
as typed, as the same keys on QWERTY, and in Latin letters ("Айгүл" → "aigul", "aygul").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import N_, tr

# Eight characters is the floor the window has always asked for. Score 3 means zxcvbn expects an
# attacker to need about 10^8 guesses; each guess here is an Argon2id unlock (64 MiB, about a
# second on the owner's laptop), so that is years of one computer's work. Score 4 (10^10) would
# refuse many memorable three-word phrases and push people to write the passphrase down.
MIN_LENGTH = 8
MIN_SCORE = 3
# zxcvbn refuses longer input (its matching is quadratic). A longer passphrase is judged by its
# first 72 characters: what follows can only add guesses, so the verdict errs on the safe side.
ZXCVBN_MAX = 72

_RUSSIAN = "ёйцукенгшщзхъфывапролджэячсмитьбю"
_QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,."
_RUSSIAN_UPPER = "ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ"
_QWERTY_SHIFTED = '~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>'
_KAZAKH, _KAZAKH_KEYS = "әіңғүұқөһ", "2345890-="
_KAZAKH_UPPER, _KAZAKH_SHIFTED = "ӘІҢҒҮҰҚӨҺ", "@#$%*()_+"
KEYBOARD = str.maketrans(_RUSSIAN + _RUSSIAN_UPPER + _KAZAKH + _KAZAKH_UPPER,
                         _QWERTY + _QWERTY_SHIFTED + _KAZAKH_KEYS + _KAZAKH_SHIFTED)

# Two common Latin spellings of a Cyrillic name (passport-style and the looser everyday one).
_LATIN_COMMON = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
                 "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
                 "т": "t", "у": "u", "ф": "f", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
                 "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "n",
                 "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i"}
LATIN = (str.maketrans({**_LATIN_COMMON, "й": "i", "х": "h"}),
         str.maketrans({**_LATIN_COMMON, "й": "y", "х": "kh", "ж": "j", "қ": "q"}))


class Level(Enum):
    """What the meter shows: the first three are refused, the last two accepted."""

    EMPTY = "empty"
    TOO_SHORT = "too_short"
    WEAK = "weak"
    FAIR = "fair"
    STRONG = "strong"


REASONS = {
    Level.EMPTY: N_("The passphrase is empty."),
    Level.TOO_SHORT: N_("Too short: at least {n} characters."),
    Level.WEAK: N_("Too easy to guess."),
    Level.FAIR: N_("Strength: good enough."),
    Level.STRONG: N_("Strength: strong."),
}

# Our own hints, in the user's language; zxcvbn's English feedback is never shown, only mapped here.
HINT_PERSONAL = N_("Your own name or city is among the first things anyone would try.")
HINT_WORDS = N_("Use a few random words; no need for symbols, digits or capitals.")
HINT_MORE = N_("Add another word or two; uncommon words are better.")
HINT_KEYBOARD = N_("Rows and patterns of neighbouring keys are easy to guess, on a Russian or Kazakh keyboard too.")
HINT_REPEAT = N_("Repeated characters and words are easy to guess.")
HINT_SEQUENCE = N_("Sequences like “abc” or “6543” are easy to guess.")
HINT_YEAR = N_("Years, especially recent ones and your own, are easy to guess.")
HINT_DATE = N_("Dates are easy to guess.")
HINT_COMMON = N_("This is one of the most common passwords.")
HINT_WORD = N_("A single word is easy to guess.")
HINT_NAMES = N_("Names and surnames are easy to guess.")
HINT_CAPITALS = N_("Capital letters do not help much.")
HINT_REVERSED = N_("A word written backwards is not much harder to guess.")
HINT_SUBSTITUTION = N_("Substitutions like “@” for “a” do not help much.")

# zxcvbn 4.x feedback (zxcvbn/feedback.py), text for text; tests/unit/test_passphrase_policy.py checks
# that every text it can give is here. Anything unknown falls back to HINT_MORE.
FEEDBACK = {
    "Use a few words, avoid common phrases.": HINT_WORDS,
    "No need for symbols, digits, or uppercase letters.": HINT_WORDS,
    "Add another word or two. Uncommon words are better.": HINT_MORE,
    "Straight rows of keys are easy to guess.": HINT_KEYBOARD,
    "Short keyboard patterns are easy to guess.": HINT_KEYBOARD,
    "Use a longer keyboard pattern with more turns.": HINT_KEYBOARD,
    'Repeats like "aaa" are easy to guess.': HINT_REPEAT,
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': HINT_REPEAT,
    "Avoid repeated words and characters.": HINT_REPEAT,
    'Sequences like "abc" or "6543" are easy to guess.': HINT_SEQUENCE,
    "Avoid sequences.": HINT_SEQUENCE,
    "Recent years are easy to guess.": HINT_YEAR,
    "Avoid recent years.": HINT_YEAR,
    "Avoid years that are associated with you.": HINT_YEAR,
    "Dates are often easy to guess.": HINT_DATE,
    "Avoid dates and years that are associated with you.": HINT_DATE,
    "This is a top-10 common password.": HINT_COMMON,
    "This is a top-100 common password.": HINT_COMMON,
    "This is a very common password.": HINT_COMMON,
    "This is similar to a commonly used password.": HINT_COMMON,
    "A word by itself is easy to guess.": HINT_WORD,
    "Names and surnames by themselves are easy to guess.": HINT_NAMES,
    "Common names and surnames are easy to guess.": HINT_NAMES,
    "Capitalization doesn't help very much.": HINT_CAPITALS,
    "All-uppercase is almost as easy to guess as all-lowercase.": HINT_CAPITALS,
    "Reversed words aren't much harder to guess.": HINT_REVERSED,
    "Predictable substitutions like '@' instead of 'a' don't help very much.": HINT_SUBSTITUTION,
}

# zxcvbn keeps the user's words in a module-level dictionary while it scores: one estimate at a time.
_ZXCVBN_LOCK = threading.Lock()


@dataclass(frozen=True)
class Verdict:
    """The rule's answer for one passphrase: accepted or not, zxcvbn's score (0–4), why, and hints."""

    level: Level
    score: int
    hints: tuple[str, ...] = ()

    @property
    def accepted(self) -> bool:
        return self.level in (Level.FAIR, Level.STRONG)

    @property
    def reason(self) -> str:
        """The msgid saying why (or that it is accepted); it takes {n}, the minimum length."""
        return REASONS[self.level]

    def text(self, lang: str | None = None) -> str:
        """The reason and the hints, in the user's language."""
        return " ".join([tr(self.reason, lang, n=MIN_LENGTH), *(tr(h, lang) for h in self.hints)])


class PassphraseRefused(InputError):
    """A new passphrase the rule refuses: the verdict, then what was (not) done, in the user's language."""

    def __init__(self, verdict: Verdict, outcome: str) -> None:
        super().__init__(outcome)
        self.verdict = verdict

    def message(self, lang: str | None = None) -> str:
        return " ".join([tr(N_("This passphrase is not accepted."), lang), self.verdict.text(lang),
                         tr(self.msgid, lang)])


def to_qwerty(text: str) -> str:
    """The same keys read on a QWERTY keyboard (see KEYBOARD above)."""
    return text.translate(KEYBOARD)


def personal_words(texts: Iterable[str]) -> list[str]:
    """The user's own words (display name, city) in every spelling an attacker would try."""
    words: set[str] = set()
    for text in texts:
        text = unicodedata.normalize("NFC", text or "").strip().casefold()
        parts = [text, re.sub(r"\W+", "", text), *re.split(r"\W+", text)]
        for part in parts:
            if len(part) < 3:  # a two-letter "word" would match half of any passphrase
                continue
            words.update({part, to_qwerty(part), *(part.translate(t) for t in LATIN)})
    return sorted(words)


def judge(passphrase: str, personal: Iterable[str] = ()) -> Verdict:
    """The rule: at least MIN_LENGTH characters and a zxcvbn score of at least MIN_SCORE."""
    text = unicodedata.normalize("NFC", passphrase)
    if not text:
        return Verdict(Level.EMPTY, 0)
    inputs = personal_words(personal)
    left = _without(text, inputs)
    rest = judge(left.strip()) if left != text.casefold() else None
    if rest is not None and not rest.accepted:
        # zxcvbn scores "Айгүл Орал 2021" as strong (it splits at spaces); the owner's name and city
        # add nothing an attacker would not try first, so what is left must pass the rule on its own.
        level = Level.TOO_SHORT if len(text) < MIN_LENGTH else Level.WEAK
        return Verdict(level, min(rest.score, MIN_SCORE - 1), (HINT_PERSONAL, *rest.hints))
    forms = [text[:ZXCVBN_MAX]]
    if to_qwerty(forms[0]) != forms[0]:
        forms.append(to_qwerty(forms[0]))
    results = [_estimate(form, inputs) for form in forms]
    weakest = min(results, key=lambda r: float(r["guesses"]))
    score = int(weakest["score"])
    if len(text) < MIN_LENGTH:
        level = Level.TOO_SHORT
    elif score < MIN_SCORE:
        level = Level.WEAK
    else:
        return Verdict(Level.STRONG if score >= 4 else Level.FAIR, score)
    return Verdict(level, score, _hints(weakest))


def require(passphrase: str, personal: Iterable[str], outcome: str) -> None:
    """Raise PassphraseRefused (an input error) unless the rule accepts the passphrase."""
    verdict = judge(passphrase, personal)
    if not verdict.accepted:
        raise PassphraseRefused(verdict, outcome)


def _without(text: str, words: list[str]) -> str:
    """The passphrase (case-folded) with the user's own words taken out, longest first."""
    left = text.casefold()
    for word in sorted(words, key=len, reverse=True):
        left = left.replace(word, " ")
    return left


def _estimate(form: str, inputs: list[str]) -> dict[str, Any]:
    from zxcvbn import zxcvbn  # a few megabytes of word lists: loaded when a passphrase is judged

    with _ZXCVBN_LOCK:
        result: dict[str, Any] = zxcvbn(form, user_inputs=inputs)
    return result


def _hints(result: Mapping[str, Any]) -> tuple[str, ...]:
    """zxcvbn's feedback as our own hints, the user's own words first (zxcvbn does not name those)."""
    hints: list[str] = []
    if any(m.get("dictionary_name") == "user_inputs" for m in result.get("sequence", ())):
        hints.append(HINT_PERSONAL)
    feedback = result.get("feedback") or {}
    for text in [feedback.get("warning") or "", *(feedback.get("suggestions") or ())]:
        hint = FEEDBACK.get(text, HINT_MORE) if text else None
        if hint and hint not in hints:
            hints.append(hint)
    return tuple(hints) or (HINT_MORE,)
