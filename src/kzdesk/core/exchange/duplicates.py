"""Probable duplicate persons: one human recorded by different volunteers under different spellings.

Names are compared on a Kazakh-aware normal form: every word folded to its Latin skeleton
(Жақсылықов, Жаксылыков, Zhaksylykov, Zhaqsylyqov → jaksilikov), surname endings of one family
brought together (-ov/-ev/-uly → one masculine form, -ova/-eva/-kyzy → one feminine form),
patronymics set aside, and word order ignored. Candidates come from blocking on word prefixes and
are scored with rapidfuzz; shared cities and events add evidence. A pair is a suggestion for the
coordinator, never merged automatically.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from rapidfuzz import fuzz
from sqlalchemy import Connection

from kzdesk.core.exchange.links import decided_pairs
from kzdesk.core.i18n import N_
from kzdesk.core.model.names import skeleton_word, words

THRESHOLD = 88.0
PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ovish|evish|ich|ovic|evic)$")
MASCULINE = re.compile(r"(uli|ulu|ov|ev|in)$")
FEMININE = re.compile(r"(ova|eva|kizi|ina)$")


def _word_form(word: str) -> tuple[str, str]:
    """(normal form, kind) of one name word: kind is "patronymic", "m", "f" or ""."""
    s = skeleton_word(word)
    if len(s) > 6 and PATRONYMIC.search(s):
        return PATRONYMIC.sub("", s), "patronymic"
    if len(s) > 4 and FEMININE.search(s):
        return FEMININE.sub("", s) + "~", "f"
    if len(s) > 3 and MASCULINE.search(s):
        return MASCULINE.sub("", s) + "~", "m"
    return s, ""


def normal_form(name: str) -> tuple[str, frozenset[str]]:
    """The comparable form of a full name (sorted words, no patronymic) and the kinds seen."""
    forms = [_word_form(w) for w in words(name)]
    main = sorted(f for f, kind in forms if kind != "patronymic" and f)
    return " ".join(main), frozenset(kind for _, kind in forms if kind)


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


def score(name_a: str, name_b: str) -> tuple[float, list[str]]:
    """How alike two names are (0–100), and why, on the normal form."""
    form_a, kinds_a = normal_form(name_a)
    form_b, kinds_b = normal_form(name_b)
    if not form_a or not form_b:
        return 0.0, []
    if ("m" in kinds_a and "f" in kinds_b) or ("f" in kinds_a and "m" in kinds_b):
        return 0.0, []  # Жақсылықов and Жақсылықова are two people
    # Every word of the shorter name needs a close counterpart in the other (Нұрлан is not Нұржан).
    short, other = sorted((form_a.split(), form_b.split()), key=len)
    value = min(max(fuzz.ratio(w, o) for o in other) for w in short)
    if len(short) == 1 and len(other) > 1:
        value = min(value, 80.0)  # one shared word is not enough to call two people one
    reasons = []
    if form_a == form_b:
        raw_a = [skeleton_word(w) for w in words(name_a)]
        raw_b = [skeleton_word(w) for w in words(name_b)]
        if raw_a == raw_b:
            reasons.append(N_("same name in another script or spelling"))
        elif sorted(raw_a) == sorted(raw_b):
            reasons.append(N_("same name, other word order"))
        else:
            reasons.append(N_("same name with another ending or patronymic"))
    elif value >= THRESHOLD:
        reasons.append(N_("similar spelling"))
    return float(value), reasons


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
    blocks: dict[str, list[int]] = defaultdict(list)
    forms = []
    for i, (_uuid, name) in enumerate(people):
        form, _kinds = normal_form(name)
        forms.append(form)
        for word in set(form.split()):
            blocks[word[:3]].append(i)
    seen: set[tuple[int, int]] = set()
    found = []
    for members in blocks.values():
        if len(members) > 500:
            continue  # a very common prefix says nothing; the other words still block
        for i, j in combinations(members, 2):
            key = (min(i, j), max(i, j))
            if key in seen or forms[i] == "" or people[i][0] == people[j][0]:
                continue
            seen.add(key)
            value, reasons = score(people[i][1], people[j][1])
            if value < THRESHOLD:
                continue
            a, b = people[key[0]][0], people[key[1]][0]
            if (min(a, b), max(a, b)) in decided:
                continue
            if cities[a] & cities[b]:
                reasons.append(N_("same city"))
                value = min(100.0, value + 3)
            if events[a] & events[b]:
                reasons.append(N_("in the same event"))
            found.append(Candidate(a, b, people[key[0]][1], people[key[1]][1], value, reasons))
    found.sort(key=lambda c: (-c.score, c.name_a, c.name_b))
    return found[:limit]
