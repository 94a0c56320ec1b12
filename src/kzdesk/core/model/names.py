"""Normalising names and words across Kazakh Cyrillic, Russian Cyrillic and Latin spellings.

Two forms are used:
- identity_key(): the same text written the same way (Unicode normalisation, case and whitespace
  folding) — used by the CSV import to decide that two rows name one person;
- skeleton(): a coarse Latin phonetic form in which Жақсылықов, Жаксылыков, Zhaksylykov, Jaksylykov
  and Zhaqsylyqov all coincide — used for search (the index stores it, so it does not change lightly);
- fold_word() and its kin: harder folding for comparing names (duplicate persons, core.model.name_match):
  every transliteration family one letter, the Kazakh Latin alphabets of 2017, 2018 and 2021, GOST, ICAO.
"""

from __future__ import annotations

import functools
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
    (re.compile(r"(.)\1+(?!izi$)"), r"\1"),  # Жұмабекқызы keeps the к of Жұмабек
    (re.compile(r"iu(?!li$)"), "u"),  # but Әшіұлы keeps its і
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


# --- matching forms: one human under every spelling ------------------------------------------------------------
#
# skeleton() above is what the search index stores, so it stays as it is; the forms below are for comparing names
# (duplicate persons) and fold harder: every transliteration family of Kazakh and Russian names becomes one letter.

# Kazakh Latin 2017 writes ә ғ і ң ө ү as a' g' i' n' o' u', у as y', ш and ч as s' and c'. (GOST 7.79's y' for ы
# is rarer in Kazakh names than the 2017 у.) Other apostrophes (soft signs, BGN's ʹ and ·) vanish.
_APOSTROPHES = "'’ʼ‘`´ʹʺ·\u02bb\u2032"
_KZ2017 = [(re.compile(rf"y[{_APOSTROPHES}]"), "u"), (re.compile(rf"s[{_APOSTROPHES}]"), "ш"),
           (re.compile(rf"c[{_APOSTROPHES}]"), "ч"), (re.compile(rf"[{_APOSTROPHES}]"), "")]
_APOSTROPHE = _KZ2017[-1][0]
# Everything to one Latin alphabet; uppercase S = ш, C = ч, c = ц, j = ж, k = к қ х һ (h, x, q after digraphs).
_FOLD_LETTERS = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "э": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "ы": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f",
    "х": "k", "һ": "k", "ц": "c", "ч": "C", "ш": "S", "щ": "S", "ъ": "", "ь": "", "ю": "iu", "я": "ia",
    "ı": "i", "ş": "S", "š": "S", "ç": "C", "č": "C", "ğ": "g", "ǵ": "g", "ž": "j", "ñ": "n", "ń": "n",
    "ý": "u",
}
_LATIN_SINGLE = str.maketrans({"h": "k", "x": "k", "q": "k", "y": "i", "w": "v"})
_DIGRAPHS = [
    (re.compile(r"shch|sch|shh|sh"), "S"),
    (re.compile(r"dzh|dj|zh"), "j"),
    (re.compile(r"tch|ch"), "C"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"ts|tc|cz|tz"), "c"),
]
_LIGHT_RULES = [
    (re.compile(r"(?<=[aeiou])j(?![aeiou])|(?<=i)j"), "i"),  # GOST й = j: Ajdar, Nikolaj
    (re.compile(r"ng"), "n"),
    (re.compile(r"(.)\1+(?!izi$)"), r"\1"),  # Жұмабекқызы keeps the к of Жұмабек
]
_FOLD_RULES = [
    (re.compile(r"(?<=[aeiou])i(?=e)|^i(?=e)"), ""),  # ye, ie: Yerlan, Bayev
    (re.compile(r"ae(?!va?$)"), "a"),  # folk ae = ә, but not the -aev surname ending
    (re.compile(r"oe"), "o"),
    (re.compile(r"ue|ou"), "u"),
    (re.compile(r"(.)\1+(?!izi$)"), r"\1"),  # Жұмабекқызы keeps the к of Жұмабек
    (re.compile(r"iu(?!li$)"), "u"),  # but Әшіұлы keeps its і
    (re.compile(r"ia"), "a"),
]
# Surname and patronymic endings, on the folded word: kind "m", "f" or "p" (a Russian-style patronymic).
_ENDINGS = [
    (re.compile(r"(?:ov|ev|)iC$"), "p"), (re.compile(r"(?:ov|ev|iC)na$"), "p"),
    (re.compile(r"uli$"), "m"), (re.compile(r"kizi$"), "f"),
    (re.compile(r"(?:ov|ev|av|in)a$"), "f"), (re.compile(r"(?:ov|ev|av|in)$"), "m"),
]
_PARTICLES = {"uli", "kizi"}  # "Serik uly", "Serik-kyzy": the patronymic particle joins the word before it


_COMBINING = re.compile("[\u0300-\u036f]")


def _latin_text(text: str) -> str:
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).casefold())
    text = _COMBINING.sub("", text)  # İ casefolds to i + a combining dot
    if _APOSTROPHE.search(text):
        for pattern, repl in _KZ2017:
            text = pattern.sub(repl, text)
    return text


_ROMAN = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "э": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "ы": "y", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "",
    "ю": "iu", "я": "ia", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "g", "ǵ": "g", "ñ": "n", "ń": "n", "q": "k",
    "ý": "u",
})


def roman_word(word: str) -> str:
    """The word as a passport would romanise it, letter by letter, doubled letters kept: where a typo shows."""
    latin = _latin_text(word).translate(_ROMAN)
    return "".join(c for c in unicodedata.normalize("NFD", latin) if not unicodedata.combining(c))


def _letters(word: str) -> str:
    out = []
    for ch in word:
        folded = _FOLD_LETTERS.get(ch)
        if folded is None:
            folded = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            folded = _FOLD_LETTERS.get(folded, folded)
        out.append(folded)
    return "".join(out)


def light_fold_word(word: str) -> str:
    """One alphabet, digraphs as one letter, doubles collapsed — but vowel pairs (ia, iu, ye) kept, as typed."""
    folded = _letters(_latin_text(word))
    for pattern, repl in _DIGRAPHS:
        folded = pattern.sub(repl, folded)
    folded = folded.translate(_LATIN_SINGLE)
    for pattern, repl in _LIGHT_RULES:
        folded = pattern.sub(repl, folded)
    return folded


def fold_word(word: str) -> str:
    """The matching form of one word: every transliteration family folded (Жақсылықов, Zhaqsylyqov → jaksilikov)."""
    folded = light_fold_word(word)
    for pattern, repl in _FOLD_RULES:
        folded = pattern.sub(repl, folded)
    return folded


def word_ending(folded: str) -> tuple[str, str]:
    """(stem, kind) of a folded word: -ov/-ev/-in/-uly "m", -ova/-eva/-ina/-kyzy "f", -ovich/-ovna "p", or ""."""
    for pattern, kind in _ENDINGS:
        stem = pattern.sub("", folded)
        if stem != folded and len(stem) >= 3:
            # Сәрсенбаев / Сәрсенбайұлы: the й before -ұлы belongs to the ending.
            return (stem[:-1] if stem.endswith("i") and stem[-2:-1] in "aeou" else stem), kind
    return folded, ""


_INITIAL_CLASS = {"e": "i", "y": "i", "j": "z", "h": "k", "q": "k", "x": "k", "w": "v"}


@functools.lru_cache(maxsize=4096)
def initial_class(word: str) -> str:
    """The sound a given name starts with, as its initial shows it: Ж., Zh., J., Z. are one; Е., Ye., I., Ю. one."""
    first = _letters(_latin_text(word)[:1])[:1].lower()
    return _INITIAL_CLASS.get(first, first)


def name_words(text: str) -> list[tuple[str, bool]]:
    """(word, is an initial) for each word of a name, in order; initials are one or two letters with a dot."""
    latin = _latin_text(text)
    out: list[tuple[str, bool]] = []
    for match in re.finditer(r"[^\W\d_]+(\.)?", latin):
        word = match.group(0).rstrip(".")
        if len(word) <= 5 and word[0] in "uūúұуkqқк" and out and not out[-1][1] and fold_word(word) in _PARTICLES:
            out[-1] = (out[-1][0] + word, False)
            continue
        initial = len(word) == 1 or (match.group(1) is not None and len(word) == 2 and len(fold_word(word)) == 1)
        out.append((word, initial))
    return out
