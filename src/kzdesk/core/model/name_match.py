"""Do two written names denote one human? Word alignment on folded forms, typos, initials, gender forms.

A name is parsed once (ParsedName) into its full words — folded, split into stem and ending kind — and its
initials. Two names are compared by aligning their full words in any order: a word pair is the same (one stem,
endings of one gender), a typo (one letter dropped, added or swapped: never a substituted letter, which is how
Нұрлан and Нұржан, Ахметов and Ахмедов differ), or the masculine and feminine form of one surname. Initials then
stand for the remaining words of the other name. Two identified parts at least are needed: a shared surname
alone says nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import permutations

from kzdesk.core.i18n import N_
from kzdesk.core.model.names import (
    fold_word,
    initial_class,
    light_fold_word,
    name_words,
    roman_word,
    word_ending,
)

# The reasons a candidate pair is shown with (msgids, translated where shown).
SAME_SPELLING = N_("same name in another script or spelling")
OTHER_ORDER = N_("same name, other word order")
OTHER_ENDING = N_("same name with another ending or patronymic")
SIMILAR = N_("similar spelling")
INITIAL = N_("initial")
GENDER_PAIR = N_("gender pair: masculine and feminine forms of one name")

# Scores (0–100): a pair at THRESHOLD or above is probably one human; below it, a candidate for a closer look.
THRESHOLD = 88.0
TYPO_COST = 8.0
INITIAL_SCORE = 75.0
GENDER_SCORE = 65.0

SAME, TYPO, GENDER, NONE = 3, 2, 1, 0


@dataclass(frozen=True, eq=False)  # identity: one object per distinct spelling (see Lexicon), cheap to hash
class Word:
    """One full word of a name: its folded form, stem and ending kind ("m", "f", "p" or "")."""

    folded: str
    stem: str
    kind: str
    initial: str
    light: str  # folded less (vowel pairs kept): where a typo is still one letter
    roman: str  # letter by letter, doubles kept: where a typo inside a digraph is still one letter
    heads: int  # the first letters of the three forms, as bits: words with none in common never correspond

    @classmethod
    def of(cls, word: str) -> Word:
        folded = fold_word(word)
        stem, kind = word_ending(folded)
        light, roman = light_fold_word(word), roman_word(word)
        heads = 0
        for form in (folded, light, roman):
            if form:
                heads |= 1 << (ord(form[0]) % 61)
        return cls(folded, stem, kind, initial_class(word), light, roman, heads)


@dataclass(frozen=True)
class ParsedName:
    """A name as compared: its full words in order, and the classes of its initials in order."""

    words: tuple[Word, ...]
    initials: tuple[str, ...]
    stems: frozenset[tuple[str, str]] = frozenset()  # (stem, kind) of each word, when no two are alike

    @classmethod
    def of(cls, text: str, lexicon: Lexicon | None = None) -> ParsedName:
        word_of = lexicon.word if lexicon else Word.of
        full: list[Word] = []
        initials: list[str] = []
        for word, is_initial in name_words(text):
            if is_initial:
                initials.append(initial_class(word))
            else:
                parsed = word_of(word)
                if parsed.folded:
                    full.append(parsed)
        stems = frozenset((w.stem, w.kind) for w in full)
        return cls(tuple(full), tuple(initials), stems if len(stems) == len(full) else frozenset())


class Lexicon:
    """Words parsed once and compared once: names repeat their words thousands of times in a large vault."""

    def __init__(self) -> None:
        self._words: dict[str, Word] = {}
        self._levels: dict[Word, dict[Word, int]] = {}

    def word(self, text: str) -> Word:
        """The one Word object of this spelling."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = Word.of(text)
        return found

    def words(self) -> list[Word]:
        """Every distinct word seen."""
        return list(self._words.values())

    def matrix(self, short: tuple[Word, ...], long_: tuple[Word, ...]) -> list[list[int]]:
        """word_level of every word of short with every word of long_, remembered."""
        rows = []
        for x in short:
            known = self._levels.get(x)
            if known is None:
                known = self._levels[x] = {}
            row = []
            for y in long_:
                if not x.heads & y.heads:
                    row.append(NONE)  # the common case, not worth remembering
                    continue
                found = known.get(y)
                if found is None:
                    found = known[y] = word_level(x, y)
                row.append(found)
            rows.append(row)
        return rows


def one_typo(a: str, b: str) -> bool:
    """a and b differ by one dropped, added or swapped letter (not a substituted one), past the first letter."""
    if a[:1] != b[:1] or max(len(a), len(b)) < 3:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def two_typos(a: str, b: str) -> bool:
    """a and b are two typos of one word: each one letter off it, the letters not at one place (no substitution)."""
    if a[:1] != b[:1] or len(a) != len(b) or len(a) < 5:
        return False
    dropped = {a[:i] + a[i + 1:]: i for i in range(1, len(a))}
    # Letters dropped side by side would be one substituted letter: Ибраева / Ибашева.
    return any(abs(dropped.get(b[:j] + b[j + 1:], j) - j) > 1 for j in range(1, len(b)))


_COMPATIBLE = {frozenset({"p", "m"}), frozenset({"p", "f"})}  # -ovich / -uly, -ovna / -kyzy: one father's name


def word_level(x: Word, y: Word) -> int:
    """How two full words correspond: SAME, TYPO, GENDER or NONE."""
    if not x.heads & y.heads:
        return NONE  # every rule below keeps the first letter
    if x.stem == y.stem:
        kinds = frozenset({x.kind, y.kind})
        if len(kinds) == 1 or kinds in _COMPATIBLE:
            return SAME
        if kinds == frozenset({"m", "f"}):
            return GENDER
        if "" not in kinds:
            return NONE
    if _gendered(x.light, y.light) or _gendered(x.folded, y.folded):
        return GENDER  # Александр / Александра, Евгений / Евгения
    if (one_typo(x.folded, y.folded) or one_typo(x.light, y.light) or one_typo(x.roman, y.roman)
            or (x.kind == y.kind != "" and min(len(x.stem), len(y.stem)) >= 5 and one_typo(x.stem, y.stem))
            or two_typos(x.folded, y.folded) or two_typos(x.light, y.light)):
        return TYPO
    return NONE


def _gendered(x: str, y: str) -> bool:
    """x and y are a masculine given name and its feminine form (a added, or -ий / -ия)."""
    if len(x) > len(y):
        x, y = y, x
    return len(x) >= 3 and (x + "a" == y or (x[-1] == "i" and y[-1] == "a" and x[:-1] == y[:-1]))


def _matrix(short: tuple[Word, ...], long_: tuple[Word, ...]) -> list[list[int]]:
    return [[word_level(x, y) for y in long_] for x in short]


def _best_alignment(a: tuple[Word, ...], b: tuple[Word, ...],
                    matrix: Callable[[tuple[Word, ...], tuple[Word, ...]], list[list[int]]]
                    ) -> list[tuple[int, int, int]]:
    """The alignment of a's words to b's (index pairs with their level) with the most and best matches."""
    swapped = len(a) > len(b)
    short, long_ = (b, a) if swapped else (a, b)
    levels = matrix(short, long_)
    if len(short) == 2 and len(long_) == 2:  # the common case, without permutations
        (l00, l01), (l10, l11) = levels
        if ((l00 > 0) + (l11 > 0), l00 + l11) >= ((l01 > 0) + (l10 > 0), l01 + l10):
            return [p for p in ((0, 0, l00), (1, 1, l11)) if p[2]]
        return [p for p in ((0, 1, l01), (1, 0, l10)) if p[2]]
    if len(short) == 1:  # "A. Mubarakov": the best partner of its one word, the earliest on a tie
        row = levels[0]
        top = 0
        for j in range(1, len(row)):
            if row[j] > row[top]:
                top = j
        if not row[top]:
            return []
        return [(top, 0, row[top])] if swapped else [(0, top, row[top])]
    rows = range(len(short))
    best: tuple[int, ...] = ()
    best_key = (-1, -1, -1)
    for chosen in permutations(range(len(long_)), len(short)):
        count = total = distance = 0
        for i in rows:
            found = levels[i][chosen[i]]
            if found:
                count += 1
                total += found
                distance += abs(i - chosen[i])
        if (count, total, -distance) > best_key:
            best, best_key = chosen, (count, total, -distance)
    pairs = [(i, best[i], levels[i][best[i]]) for i in rows if levels[i][best[i]]]
    return [(j, i, level) for i, j, level in pairs] if swapped else pairs


def compare(a: ParsedName, b: ParsedName, lexicon: Lexicon | None = None) -> tuple[float, list[str]]:
    """How alike two parsed names are (0–100) and why; 0 with no reasons when they are not a candidate pair."""
    if not a.words or not b.words:
        return 0.0, []
    if a.stems and b.stems and not a.initials and not b.initials and len(a.stems) >= 2 and len(b.stems) >= 2:
        # The common case: one name's words are all the other's (same stems and endings).
        if a.stems == b.stems:
            if [w.folded for w in a.words] == [w.folded for w in b.words]:
                return 100.0, [SAME_SPELLING]
            if sorted(w.folded for w in a.words) == sorted(w.folded for w in b.words):
                return 100.0, [OTHER_ORDER if _order_differs(a, b) else SAME_SPELLING]
            return 100.0, [OTHER_ENDING]
        if a.stems < b.stems or b.stems < a.stems:
            return 100.0, [OTHER_ENDING]
    aligned = _best_alignment(a.words, b.words, lexicon.matrix if lexicon else _matrix)
    if not aligned:
        return 0.0, []
    rest_a = len(a.words) - len(aligned)
    rest_b = len(b.words) - len(aligned)
    with_initials = bool(a.initials or b.initials)
    if not with_initials:
        if len(aligned) < 2:
            return 0.0, []  # one shared word (a surname) is not enough
        if rest_a and rest_b:
            return 0.0, []  # each has a word the other lacks: another given name or another father
    elif not _initials_fit(a, b, aligned):
        return 0.0, []
    typos = genders = 0
    for _, _, level in aligned:
        if level == TYPO:
            typos += 1
        elif level == GENDER:
            genders += 1
    value = 100.0 - TYPO_COST * typos
    if genders:
        if with_initials:
            return 0.0, []  # "Ахметов Ж." and "Ахметова Жанар": too little to show
        return min(value, GENDER_SCORE), [GENDER_PAIR]
    reasons: list[str] = []
    if with_initials:
        value = min(value, INITIAL_SCORE)
        reasons.append(INITIAL)
    if typos:
        reasons.append(SIMILAR)
    elif not rest_a and not rest_b and all(a.words[i].folded == b.words[j].folded for i, j, _ in aligned):
        reasons.append(SAME_SPELLING if all(i == j for i, j, _ in aligned) else OTHER_ORDER)
    elif not with_initials:
        reasons.append(OTHER_ENDING)
    return value, reasons


def _order_differs(a: ParsedName, b: ParsedName) -> bool:
    """The same words, in another order."""
    return [(w.stem, w.kind) for w in a.words] != [(w.stem, w.kind) for w in b.words]


def _initials_fit(a: ParsedName, b: ParsedName, aligned: list[tuple[int, int, int]]) -> bool:
    """The initials of either name stand for words of the other, and the two share two parts at least."""
    if a.initials and b.initials and a.initials[0] != b.initials[0]:
        return False  # А. Мұбарақов and Б. Мұбарақов: two people
    used_a = {i for i, _, _ in aligned}
    used_b = {j for _, j, _ in aligned}
    rest_a = [w for i, w in enumerate(a.words) if i not in used_a]
    rest_b = [w for j, w in enumerate(b.words) if j not in used_b]
    initials = _initials_match(a.initials, rest_b) + _initials_match(b.initials, rest_a)
    if a.initials and b.initials:
        initials += 1
    if len(aligned) + initials < 2:
        return False
    return not ((a.initials and rest_b and initials == 0) or (b.initials and rest_a and initials == 0))


def _initials_match(initials: tuple[str, ...], words: list[Word]) -> int:
    """How many of the initials stand for the given words, in order (А.С. for Айдар Серікұлы)."""
    count = 0
    for initial, word in zip(initials, words, strict=False):
        if initial != word.initial:
            break
        count += 1
    return count


def score(name_a: str, name_b: str) -> tuple[float, list[str]]:
    """How alike two written names are (0–100), and why."""
    return compare(ParsedName.of(name_a), ParsedName.of(name_b))
