"""Probable duplicate persons: one human recorded by different volunteers under different spellings.

Names are compared by core.model.name_match: every word folded across Kazakh Cyrillic, Russian Cyrillic and the
Latin spellings (passports, BGN/PCGN, GOST, the Kazakh Latin alphabets of 2017, 2018 and 2021, what monitors
type), endings of one surname brought together (-ov, -uly; -ova, -kyzy), words aligned in any order, one typo
a word forgiven, initials standing for given names, masculine and feminine forms of one surname kept as a
labelled pair. Comparing all pairs would take hours at 100,000 persons, so candidates come from blocking keys
instead: two words of a name together (one of them with a letter dropped, so a typo still meets its word), or
one word with the initial of the other. Shared cities and events add evidence. A pair is a suggestion for the
coordinator, never merged automatically.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from operator import attrgetter

from sqlalchemy import Connection

from kzdesk.core.exchange.links import decided_pairs
from kzdesk.core.i18n import N_
from kzdesk.core.model.name_match import THRESHOLD, Lexicon, ParsedName, Word, compare, score

__all__ = ["THRESHOLD", "Candidate", "candidate_pairs", "find_duplicates", "score"]

# A key shared by more persons than this says little and would cost a quadratic number of comparisons.
BUCKET_CAP = 300
# An initial that fits more given names than this, among names sharing its surname (Ахметов А. among Ахметов
# Айдар, Арман, Асқар…), suggests none of them.
INITIAL_NAMES = 6
_INDEX_BITS = 24  # a pair of persons is one int: up to 16 million persons per run
_HASH_MASK = (1 << 62) - 1


@dataclass
class Candidate:
    """Two persons that are probably the same human."""

    a: str
    b: str
    name_a: str
    name_b: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "name_a": self.name_a, "name_b": self.name_b,
                "score": round(self.score, 1), "reasons": self.reasons}


def _typos(stem: str) -> set[str]:
    """The stem as a typo would leave it: one letter dropped or two swapped (never the first letter)."""
    if len(stem) < 4:
        return set()
    dropped = {stem[:i] + stem[i + 1:] for i in range(1, len(stem))}
    swapped = {stem[:i] + stem[i + 1] + stem[i] + stem[i + 2:] for i in range(1, len(stem) - 1)}
    return (dropped | swapped) - {stem}


# A key is "exact" (a name's own words) or a "typo" of them; two names are compared when they share an exact
# key, or when one's exact key is the other's typo key (two typo keys meeting would be a substituted letter:
# Нұрлан / Нұржан).


def _unsexed(light: str) -> str:
    """A given name without its feminine or masculine ending: Евгений, Евгения → evgen; Александра → aleksandr."""
    for ending in ("ia", "ii", "a", "i"):
        if light.endswith(ending) and len(light) > len(ending) + 2:
            return light[: -len(ending)]
    return light


class _Hashes:
    """The key parts of one word, hashed once: a word recurs in thousands of names."""

    __slots__ = ("gendered", "initial", "light", "loose", "stem", "stem_typos", "typos", "unsexed")

    def __init__(self, word: Word) -> None:
        self.stem = hash(word.stem)
        self.light = hash(":" + word.light)
        self.loose = hash(":" + word.stem) if word.stem != word.light else None
        unsexed = _unsexed(word.light)
        self.unsexed = hash(":" + unsexed) if unsexed != word.light else None
        self.typos = [hash(":" + v) for v in _typos(word.light) | _typos(word.stem)]
        gender = "/f" if word.kind == "f" else "/m"
        self.stem_typos = [hash(v + gender) for v in _typos(word.stem) | _typos(word.folded)]
        self.initial = hash("#" + word.initial)
        # With an initial, a masculine and a feminine surname are not shown at all: the keys keep them apart.
        self.gendered = hash(word.stem + ("/f" if word.kind == "f" else "/m"))


def _patronymic(word: Word) -> bool:
    """The word looks like a patronymic (-ovich, -ovna, -uly, -kyzy): in a name of three words, it is one."""
    return word.kind == "p" or word.folded.endswith(("uli", "kizi"))


_MIX = 0x9E3779B97F4A7C15


def _mix(a: int, b: int) -> int:
    return (a * _MIX + b) & _HASH_MASK


def _key_words(name: ParsedName) -> tuple[Word, ...]:
    """The words a name is keyed by: in a name of three words or more, not the patronymic (its surname and given
    name carry it; Ахметов Арман Айдарұлы must not meet every Айдар Ахметов)."""
    words = name.words
    if len(words) > 2:
        kept = tuple(w for w in words if not _patronymic(w))
        if len(kept) >= 2:
            return kept
    return words


def _pair_keys(hx: _Hashes, hy: _Hashes) -> tuple[list[int], list[int]]:
    """Exact and typo keys of two words of a name: their stems; or one stem with the other as typed, as a typo
    would leave it, or without its gender ending."""
    exact = [_mix(min(hx.stem, hy.stem), max(hx.stem, hy.stem))]
    typo: list[int] = []
    for fixed, loose in ((hx, hy), (hy, hx)):
        base = fixed.stem * _MIX
        exact.append((base + loose.light) & _HASH_MASK)
        if loose.unsexed is not None:
            exact.append((base + loose.unsexed) & _HASH_MASK)
        if loose.loose is not None:
            exact.append((base + loose.loose) & _HASH_MASK)
        typo.extend([(base + v) & _HASH_MASK for v in loose.typos])
    return exact, typo


def _word_keys(name: ParsedName, hashes: dict[Word, _Hashes]) -> tuple[set[int], set[int]]:
    """Exact and typo keys of every two words of a name."""
    exact: set[int] = set()
    typo: set[int] = set()
    for x, y in combinations(_key_words(name), 2):
        keys = _pair_keys(hashes[x], hashes[y])
        exact.update(keys[0])
        typo.update(keys[1])
    return exact, typo


def _initial_keys(name: ParsedName, hashes: dict[Word, _Hashes],
                  given: dict[int, set[int]]) -> tuple[set[int], set[int]]:
    """Exact and typo keys of one word with the initial of a given name: "A. Mubarakov" meets "Aidar Mubarakov".
    For a full name, the given names behind each key are noted in given."""
    exact: set[int] = set()
    typo: set[int] = set()
    if name.initials:
        first = hash("#" + name.initials[0])
        for word in name.words:
            h = hashes[word]
            exact.add(_mix(h.gendered, first))
            typo.update([_mix(v, first) for v in h.stem_typos])
    else:
        for x, y in combinations(_key_words(name), 2):
            hx, hy = hashes[x], hashes[y]
            for key, named in ((_mix(hx.gendered, hy.initial), hy.stem), (_mix(hy.gendered, hx.initial), hx.stem)):
                exact.add(key)
                given.setdefault(key, set()).add(named)
    return exact, typo


def candidate_pairs(names: Sequence[str]) -> list[tuple[int, int, float, list[str]]]:
    """(i, j, score, reasons) for every pair of names that is a candidate, i < j, in no particular order."""
    if len(names) >= 1 << _INDEX_BITS:
        raise ValueError("too many persons for one run of the duplicate finder")
    lexicon = Lexicon()
    parsed: dict[str, ParsedName] = {}
    people = []
    for text in names:
        if text not in parsed:
            parsed[text] = ParsedName.of(text, lexicon)
        people.append(parsed[text])
    hashes = {word: _Hashes(word) for word in lexicon.words()}
    # A typo key can only meet a word someone actually wrote: keep those, and the lookups are few.
    forms = {h.light for h in hashes.values()} | {h.loose for h in hashes.values() if h.loose is not None}
    forms |= {h.unsexed for h in hashes.values() if h.unsexed is not None}
    gendered = {h.gendered for h in hashes.values()}
    for h in hashes.values():
        h.typos = [v for v in h.typos if v in forms]
        h.stem_typos = [v for v in h.stem_typos if v in gendered]
    has_initials = [bool(p.initials) for p in people]
    index_mask = (1 << _INDEX_BITS) - 1
    pairs: set[int] = set()
    for with_initial in (False, True):
        # Exact keys are indexed; typo keys are only looked up (two typo keys meeting would be a substitution),
        # so the many typo keys cost a lookup each and no memory.
        index: dict[int, list[int]] = {}
        given: dict[int, set[int]] = {}  # initial keys: the given names that fit them
        typo_keys: list[tuple[int, list[int]]] = []
        for person, name in enumerate(people):
            if with_initial and not name.words:
                continue
            exact, typo = _initial_keys(name, hashes, given) if with_initial else _word_keys(name, hashes)
            for key in exact:
                index.setdefault(key, []).append(person)
            if typo and (has_initials[person] or not with_initial):
                typo_keys.append((person, list(typo - exact)))
        if with_initial:  # an initial that fits too many given names suggests none
            for key, names_fitting in given.items():
                if len(names_fitting) > INITIAL_NAMES:
                    index[key] = []
        for members in index.values():
            if 1 < len(members) <= BUCKET_CAP:  # members are in ascending order: i < j
                if with_initial:
                    pairs.update([(i << _INDEX_BITS) | j for i, j in combinations(members, 2)
                                  if has_initials[i] or has_initials[j]])
                else:
                    pairs.update([(i << _INDEX_BITS) | j for i, j in combinations(members, 2)])
        for person, looked_up in typo_keys:
            for key in looked_up:
                bucket = index.get(key)
                if bucket is not None and len(bucket) <= BUCKET_CAP:
                    pairs.update([(i << _INDEX_BITS) | person if i < person else (person << _INDEX_BITS) | i
                                  for i in bucket if i != person])
        del index, typo_keys
    found = []
    for pair in pairs:
        i, j = pair >> _INDEX_BITS, pair & index_mask
        value, reasons = compare(people[i], people[j], lexicon)
        if reasons:
            found.append((i, j, value, reasons))
    return found


def find_duplicates(conn: Connection, limit: int = 1000) -> list[Candidate]:
    """Probable duplicate pairs among current persons, best first."""
    people = conn.exec_driver_sql("SELECT uuid, name FROM person WHERE deleted = 0").fetchall()
    decided = decided_pairs(conn)  # a coordinator's decision, either way, takes the pair off the queue
    cities: dict[str, set[str]] = defaultdict(set)
    events: dict[str, set[str]] = defaultdict(set)
    for person, event, city in conn.exec_driver_sql(
            "SELECT a.person, a.event, coalesce(e.city, e.city_text) FROM act a JOIN event e ON e.uuid = a.event "
            "WHERE a.deleted = 0"):
        events[person].add(event)
        if city:
            cities[person].add(city)
    found = []
    for i, j, value, reasons in candidate_pairs([name for _uuid, name in people]):
        a, b = people[i][0], people[j][0]
        if a == b or (decided and (min(a, b), max(a, b)) in decided):
            continue
        cities_a, cities_b = cities.get(a), cities.get(b)
        if cities_a and cities_b and cities_a & cities_b:
            reasons.append(N_("same city"))
            value = min(100.0, value + 3)
        events_a, events_b = events.get(a), events.get(b)
        if events_a and events_b and events_a & events_b:
            reasons.append(N_("in the same event"))
        found.append(Candidate(a, b, people[i][1], people[j][1], value, reasons))
    found.sort(key=attrgetter("name_a", "name_b"))
    found.sort(key=attrgetter("score"), reverse=True)  # stable: best first, then by name
    return found[:limit]
