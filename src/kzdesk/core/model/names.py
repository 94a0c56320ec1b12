"""Normalising names and words across Kazakh Cyrillic, Russian Cyrillic and Latin spellings.

Two forms are used:
- identity_key(): the same text written the same way (Unicode normalisation, case and whitespace
  folding) — used by the CSV import to decide that two rows name one person;
- skeleton(): a coarse Latin phonetic form in which Жақсылықов, Жаксылыков, Zhaksylykov, Jaksylykov
  and Zhaqsylyqov all coincide — used for search and, later, duplicate detection.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")

# Kazakh letters fold onto their nearest Russian/Latin sound; soft and hard signs vanish.
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "э": "e", "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "ы": "y", "к": "k", "қ": "k",
    "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sh", "ъ": "", "ь": "", "ю": "yu", "я": "ya",
}
# Latin letters of the 2017–2021 Kazakh alphabets and Turkic spellings, before digraph folding.
_LATIN = {"ı": "i", "ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "q": "k", "w": "v", "x": "ks"}
# Applied in order: digraphs and spelling habits that differ between transliterations.
_RULES = [
    (re.compile(r"^ye|^je"), "e"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"shch|sch"), "sh"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"c(?!h)"), "ts"),
    (re.compile(r"dzh|dj|zh"), "j"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"iu"), "u"),
    (re.compile(r"ia"), "a"),
]


# Alphabetical order of the Kazakh Cyrillic alphabet (which contains the Russian one); code-point
# order would put ә, ғ, қ, ң, ө, ұ, ү, һ, і after я.
_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def sort_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for names and places: Kazakh alphabetical order, then Latin, then the rest."""
    key: list[tuple[int, int | str]] = []
    for ch in unicodedata.normalize("NFC", text).casefold():
        rank = _RANK.get(ch)
        key.append((1, rank) if rank is not None else (0, " ") if ch.isspace() else (2, ch))
    return tuple(key)


def identity_key(text: str) -> str:
    """The exact-identity form: NFC, casefolded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


def _to_latin(word: str) -> str:
    out = []
    for ch in word:
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        elif ch in _LATIN:
            out.append(_LATIN[ch])
        else:
            # Strip accents (ä ö ü ū é…) by dropping combining marks of the decomposed letter.
            out.append("".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)))
    return "".join(out)


def skeleton_word(word: str) -> str:
    """The coarse Latin phonetic form of one word."""
    latin = _to_latin(unicodedata.normalize("NFKC", word).casefold())
    for pattern, repl in _RULES:
        latin = pattern.sub(repl, latin)
    return latin


def words(text: str) -> list[str]:
    """Split text into words the way the FTS5 unicode61 tokenizer does (letters and digits)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold().replace("_", " "))


def skeleton(text: str) -> str:
    """The skeletons of all words of text, space-separated."""
    return " ".join(skeleton_word(w) for w in words(text))
