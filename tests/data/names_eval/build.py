"""Build the "one human under every spelling" evaluation set: groups.csv, spellings.csv, pairs.csv.

Run `python tests/data/names_eval/build.py` (needs `iuliia`, the `bench` extra). The output is a function of
SEED, the lists in names.py and iuliia's tables only: running it again gives the same bytes.
`python build.py --out DIR` writes elsewhere (the test compares such a run with the committed files).
This file knows nothing of kzdesk's own matching code, on purpose: it is the yardstick, not the thing measured.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import names as lists  # noqa: E402  (the lists sit beside this script, not in a package)

SEED = 20261206
DEV_SHARE = 0.3

# --- Cyrillic to Cyrillic -------------------------------------------------------------------------------

# How a Russian-language record writes a Kazakh name: the nine Kazakh letters fold to their Russian neighbours.
KK_TO_RU = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
                          "Ә": "А", "Ғ": "Г", "Қ": "К", "Ң": "Н", "Ө": "О", "Ұ": "У", "Ү": "У", "Һ": "Х", "І": "И"})


def kk_to_ru(text: str) -> str:
    """The Russian-language spelling of a Kazakh Cyrillic name."""
    return text.translate(KK_TO_RU)


# --- Kazakh Latin alphabets, from their published tables --------------------------------------------------
# Letters absent from an alphabet (ц щ ъ ь э ю я ё) follow the transcription guidance published with it.

_COMMON = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "j", "з": "z", "к": "k", "қ": "q",
           "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "h",
           "һ": "h", "ы": "y", "ц": "ts", "ъ": "", "ь": "", "э": "e"}
# Decree No. 569 of 26 October 2017: apostrophes.
KZ2017 = {**_COMMON, "ә": "a'", "ғ": "g'", "и": "i'", "й": "i'", "і": "i", "ң": "n'", "ө": "o'", "у": "y'",
          "ұ": "u", "ү": "u'", "ч": "c'", "ш": "s'", "щ": "s's'", "ю": "i'y'", "я": "i'a", "ё": "i'o"}
# Decree No. 637 of 19 February 2018: acute accents, Sh/Ch digraphs.
KZ2018 = {**_COMMON, "ә": "á", "ғ": "ǵ", "и": "ı", "й": "ı", "і": "i", "ң": "ń", "ө": "ó", "у": "ý", "ұ": "u",
          "ү": "ú", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "ıý", "я": "ıa", "ё": "ıo"}
# The alphabet presented in January 2021 (Turkic-style letters).
KZ2021 = {**_COMMON, "ә": "ä", "ғ": "ğ", "и": "i", "й": "i", "і": "ı", "ң": "ñ", "ө": "ö", "у": "u", "ұ": "ū",
          "ү": "ü", "ч": "ç", "ш": "ş", "щ": "şş", "ю": "iu", "я": "ia", "ё": "io"}
# BGN/PCGN 1979 romanisation of Kazakh (ye after a vowel or at the start of a word handled in _latin).
BGN_KK = {**_COMMON, "ә": "ä", "ғ": "gh", "ж": "zh", "и": "i", "й": "y", "і": "ī", "ң": "ng", "ө": "ö", "у": "u",
          "ұ": "ū", "ү": "ü", "х": "kh", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ё": "yo",
          "э": "é"}
# Upper case where str.upper() would be wrong: 2021 keeps the Turkish dotted/dotless pair, 2018 has I for both.
_UPPER = {"kz2021": {"i": "İ", "ı": "I"}, "kz2018": {"ı": "I", "i": "I"}}
VOWELS = set("аәеёиоөуұүыіэюя")


def _latin(text: str, table: dict[str, str], scheme: str) -> str:
    out: list[str] = []
    for word in text.split(" "):
        letters: list[str] = []
        prev = ""
        for ch in word:
            low = ch.lower()
            latin = table.get(low, low)
            if scheme == "bgn_kk" and low == "е" and (prev == "" or prev in VOWELS):
                latin = "ye"
            if ch != low and latin:
                first = _UPPER.get(scheme, {}).get(latin[0], latin[0].upper())
                latin = first + latin[1:]
            letters.append(latin)
            prev = low
        out.append("".join(letters))
    return " ".join(out)


def kz_latin(text: str, scheme: str) -> str:
    """A Kazakh Cyrillic name in one of the Kazakh Latin alphabets (kz2017, kz2018, kz2021, bgn_kk)."""
    table = {"kz2017": KZ2017, "kz2018": KZ2018, "kz2021": KZ2021, "bgn_kk": BGN_KK}[scheme]
    return _latin(text, table, scheme)


# --- Russian romanisations (iuliia) ------------------------------------------------------------------------

IUILIA_SCHEMES = {"icao": "ICAO_DOC_9303", "bgn_pcgn": "BGN_PCGN", "gost_52535": "GOST_52535",
                  "gost_7034": "GOST_7034", "wikipedia": "WIKIPEDIA", "mvd_782": "MVD_782",
                  "yandex_maps": "YANDEX_MAPS", "telegram": "TELEGRAM"}


def ru_latin(text: str, scheme: str) -> str:
    """A Russian-language Cyrillic name romanised by iuliia's table `scheme`."""
    import iuliia

    return str(getattr(iuliia, IUILIA_SCHEMES[scheme]).translate(text))


# --- informal Latin: what a monitor types ------------------------------------------------------------------

FOLK = {"ә": ["a", "ä", "ae"], "ғ": ["g", "gh"], "е": ["e"], "ё": ["yo", "e"], "ж": ["zh", "j"], "и": ["i"],
        "й": ["i", "y", "j"], "қ": ["k", "q", "kh"], "ң": ["n", "ng"], "ө": ["o", "ö", "oe"], "у": ["u"],
        "ұ": ["u"], "ү": ["u", "ü", "ue"], "х": ["kh", "h", "x"], "һ": ["h"], "ц": ["ts", "c"], "ч": ["ch"],
        "ш": ["sh"], "щ": ["shch", "sch"], "ы": ["y", "i"], "і": ["i", "y"], "э": ["e"], "ю": ["yu", "iu", "ju"],
        "я": ["ya", "ia", "ja"], "ъ": [""], "ь": [""]}
FOLK_E_SOFT = ["e", "ye", "ie"]  # е at the start of a word or after a vowel


def folk_latin(text: str, rng: random.Random) -> str:
    """An informal romanisation: each letter takes one of the spellings monitors actually use."""
    words = []
    for word in text.split(" "):
        letters: list[str] = []
        prev = ""
        for ch in word:
            low = ch.lower()
            options = FOLK_E_SOFT if low == "е" and (prev == "" or prev in VOWELS) else FOLK.get(low, [])
            if not options:
                latin = _COMMON.get(low, low)
            elif len(options) == 1 or rng.random() < 0.5:
                latin = options[0]
            else:
                latin = rng.choice(options[1:])
            if ch != low and latin:
                latin = latin[0].upper() + latin[1:]
            letters.append(latin)
            prev = low
        words.append("".join(letters))
    return " ".join(words)


# Typing Kazakh without a Kazakh keyboard: some Kazakh letters become Russian ones, і and ы get confused.
def partial_cyrillic(text: str, rng: random.Random) -> str:
    """Kazakh Cyrillic with part of its Kazakh letters folded to Russian, as typed on a Russian keyboard."""
    out = []
    for ch in text:
        folded = ch.translate(KK_TO_RU)
        out.append(folded if folded != ch and rng.random() < 0.6 else ch)
    result = "".join(out)
    if rng.random() < 0.4:
        result = result.replace("ы", "і", 1) if "ы" in result else result.replace("і", "ы", 1)
    return result


# --- noise ---------------------------------------------------------------------------------------------------

def typo(text: str, rng: random.Random) -> tuple[str, str]:
    """One small slip in one word of four letters or more: a dropped, doubled or swapped letter."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
    i = rng.choice(candidates)
    word = words[i]
    positions = [p for p in range(1, len(word) - 1) if word[p].isalpha() and word[p + 1].isalpha()]
    kind = rng.choice(["drop", "double", "swap"])
    for _ in range(10):
        p = rng.choice(positions)
        if kind == "drop":
            new = word[:p] + word[p + 1:]
        elif kind == "double":
            new = word[:p] + word[p] + word[p:]
        else:
            new = word[:p] + word[p + 1] + word[p] + word[p + 2:]
        if new != word:
            break
    words[i] = new
    return " ".join(words), kind


# --- people --------------------------------------------------------------------------------------------------

@dataclass
class Person:
    """One human: a spelling group."""

    given: str  # Kazakh Cyrillic
    surname: str  # Kazakh Cyrillic, already in this person's gender
    gender: str  # m / f
    origin: str
    father: str = ""  # father's given name (the patronymic's source), empty when none is recorded
    surname_root: str = ""  # the name the surname was made from, for -ұлы/-қызы forms
    group_id: str = ""
    family_id: str = ""
    role: str = "solo"
    extra: list[tuple[str, str, str]] = field(default_factory=list)  # fixed spellings: text, script, how


def origin_of(given: str) -> str:
    if given in lists.RUSSIAN_MALE or given in lists.RUSSIAN_FEMALE:
        return "russian"
    if given in lists.UYGHUR:
        return "uyghur"
    if given in lists.KARAKALPAK:
        return "karakalpak"
    return "kazakh"


def surname_root(masc: str) -> str:
    """The name a -ов/-ев surname was made from (Өтебаев → Өтебай), or the surname itself."""
    for end, repl in (("аев", "ай"), ("еев", "ей"), ("иев", "и"), ("ов", ""), ("ев", "")):
        if masc.endswith(end) and len(masc) > len(end) + 2:
            return masc[: -len(end)] + repl
    return masc


def feminine(masc: str) -> str:
    """Ахметов → Ахметова; surnames without a Russian ending do not change."""
    return masc + "а" if re.search(r"(ов|ев|ин)$", masc) else masc


def patronymic(p: Person, style: str) -> str:
    """The patronymic in Kazakh (Серікұлы / Серікқызы) or Russian (Серикович / Сериковна) style."""
    if not p.father:
        return ""
    if style == "kk":
        return p.father + ("ұлы" if p.gender == "m" else "қызы")
    if p.father in lists.RUSSIAN_PATRONYMIC:
        return lists.RUSSIAN_PATRONYMIC[p.father][0 if p.gender == "m" else 1]
    ru = kk_to_ru(p.father)
    if ru.endswith("й"):
        return ru[:-1] + ("евич" if p.gender == "m" else "евна")
    return ru + ("ович" if p.gender == "m" else "овна")


def uly_surname(p: Person) -> str:
    """The surname rewritten as -ұлы / -қызы, as many Kazakhs have re-registered it."""
    return p.surname_root + ("ұлы" if p.gender == "m" else "қызы")


def initial(word: str) -> str:
    return word[0] + "."


Spelling = tuple[str, str, str]  # text, script, how


def spellings_of(p: Person, rng: random.Random) -> list[Spelling]:
    """Every way this person is written down in the set."""
    kk_pat = patronymic(p, "kk")
    ru_pat = patronymic(p, "ru")
    ru_given, ru_surname = kk_to_ru(p.given), kk_to_ru(p.surname)
    kazakh_like = p.origin != "russian"

    def order(given: str, surname: str, pat: str = "", surname_first: bool | None = None) -> str:
        if surname_first is None:
            surname_first = rng.random() < 0.45
        parts = [surname, given, pat] if surname_first else [given, pat, surname]
        return " ".join(x for x in parts if x)

    out: list[Spelling] = []
    # Cyrillic: a Kazakh ID card (Surname Given Patronymic) and a Russian-language record.
    out.append((order(p.given, p.surname, kk_pat if kazakh_like else ru_pat, True), "cyrl_kk", "kk_cyrl"))
    out.append((order(ru_given, ru_surname, ru_pat, True), "cyrl_ru", "ru_cyrl"))
    out.append((order(ru_given, ru_surname, "", False), "cyrl_ru", "ru_cyrl_given_first"))
    out.append((order(partial_cyrillic(p.given, rng), partial_cyrillic(p.surname, rng)), "cyrl_mixed",
                "cyrl_partial"))

    # Russian romanisations of the Russian-language spelling.
    def ru_rom(scheme: str, with_pat: float = 0.25) -> str:
        pat = ru_pat if rng.random() < with_pat else ""
        return ru_latin(order(ru_given, ru_surname, pat), scheme)

    out.append((ru_latin(order(ru_given, ru_surname, "", True), "icao").upper(), "latn_icao", "icao_passport"))
    out.append((ru_rom("bgn_pcgn"), "latn_bgn_pcgn", "bgn_pcgn"))
    gost = rng.choice(["gost_52535", "gost_7034"])
    out.append((ru_rom(gost), "latn_gost", gost))
    other = rng.choice(["wikipedia", "mvd_782", "yandex_maps", "telegram"])
    out.append((ru_rom(other), "latn_" + other, other))

    # Kazakh Latin alphabets, from the Kazakh spelling.
    for scheme in ("kz2017", "kz2018", "kz2021", "bgn_kk"):
        pat = kk_pat if kazakh_like and rng.random() < 0.3 else ""
        out.append((kz_latin(order(p.given, p.surname, pat), scheme), "latn_" + scheme, scheme))

    # What a monitor types.
    folk = folk_latin(order(p.given, p.surname), rng)
    out.append((folk, "latn_folk", "folk_latin"))
    if p.father and kazakh_like:
        # The -uly / -kyzy patronymic in Latin, written joined, hyphenated or apart.
        suffix = "uly" if p.gender == "m" else "kyzy"
        pat_latin = folk_latin(p.father, rng) + rng.choice(["", "-", " "]) + suffix
        out.append((folk_latin(p.given, rng) + " " + pat_latin + " " + folk_latin(p.surname, rng), "latn_folk",
                    "patronymic_uly"))
    elif p.father:
        out.append((ru_latin(order(ru_given, ru_surname, ru_pat, False), "bgn_pcgn"), "latn_bgn_pcgn",
                    "patronymic_ovich"))

    # Surname re-registered as -ұлы / -қызы (Kazakh families only, about one in five).
    if kazakh_like and p.surname_root != p.surname and rng.random() < 0.2:
        out.append((order(p.given, uly_surname(p), "", True), "cyrl_kk", "surname_uly"))

    # Initials.
    base = rng.choice([o for o in out if o[1].startswith("latn_") and o[1] != "latn_icao"])
    src_scheme = base[2]
    lat_given, lat_surname = _romanise_parts(p, src_scheme, rng)
    style = rng.choice(["I. Surname", "Surname I.", "Surname I.P."] if p.father else ["I. Surname", "Surname I."])
    out.append((_initials(lat_given, lat_surname, _romanise_pat(p, src_scheme, rng), style), base[1],
                "initial_latn"))
    cyr_given, cyr_surname, cyr_script = (ru_given, ru_surname, "cyrl_ru") if rng.random() < 0.5 else (
        p.given, p.surname, "cyrl_kk")
    cyr_pat = ru_pat if cyr_script == "cyrl_ru" else (kk_pat if kazakh_like else ru_pat)
    style = rng.choice(["I. Surname", "Surname I.", "Surname I.P."] if p.father else ["I. Surname", "Surname I."])
    out.append((_initials(cyr_given, cyr_surname, cyr_pat, style), cyr_script, "initial_cyrl"))

    # Typos: one alone, one with the words in the other order.
    plain = [o for o in out if not o[2].startswith("initial")]
    t_text, t_script, _ = rng.choice(plain)
    slipped, _kind = typo(t_text, rng)
    out.append((slipped, t_script, "typo"))
    r_text, r_script, _ = rng.choice([o for o in plain if len(o[0].split(" ")) == 2])
    swapped = " ".join(reversed(r_text.split(" ")))
    slipped, _kind = typo(swapped, rng)
    out.append((slipped, r_script, "reorder_typo"))

    out.extend(p.extra)
    # One spelling per text (case-insensitively): two schemes often agree.
    seen: set[str] = set()
    unique = []
    for text, script, how in out:
        key = text.casefold()
        if key not in seen:
            seen.add(key)
            unique.append((text, script, how))
    return unique


def _romanise_parts(p: Person, scheme: str, rng: random.Random) -> tuple[str, str]:
    if scheme in ("kz2017", "kz2018", "kz2021", "bgn_kk"):
        return kz_latin(p.given, scheme), kz_latin(p.surname, scheme)
    if scheme in IUILIA_SCHEMES:
        return ru_latin(kk_to_ru(p.given), scheme), ru_latin(kk_to_ru(p.surname), scheme)
    return folk_latin(p.given, rng), folk_latin(p.surname, rng)


def _romanise_pat(p: Person, scheme: str, rng: random.Random) -> str:
    if not p.father:
        return ""
    if scheme in IUILIA_SCHEMES:
        return ru_latin(patronymic(p, "ru"), scheme)
    return folk_latin(patronymic(p, "kk"), rng)


def _initials(given: str, surname: str, pat: str, style: str) -> str:
    if style == "I. Surname":
        return f"{initial(given)} {surname}"
    if style == "Surname I.":
        return f"{surname} {initial(given)}"
    return f"{surname} {initial(given)}{initial(pat)}"


# --- the groups ----------------------------------------------------------------------------------------------

N_SOLO = 180
N_NEAR = len(lists.NEAR_GIVEN)
N_SIBLING = 30
N_GENDER = 14
N_SAME_GIVEN = len(lists.NEAR_SURNAMES)


def _unique(seq: list[str]) -> list[str]:
    return list(dict.fromkeys(seq))


def make_people(rng: random.Random) -> list[Person]:
    """All groups, family by family (a family's groups are each other's hard negatives)."""
    male = _unique(lists.MALE_GIVEN)
    female = _unique(lists.FEMALE_GIVEN)
    surnames = _unique(lists.SURNAMES)
    kazakh_fathers = [g for g in male if origin_of(g) == "kazakh"]
    used: set[tuple[str, str]] = set()
    families: list[list[Person]] = []

    def person(given: str, masc_surname: str, gender: str, father: str | None = None, role: str = "solo") -> Person:
        origin = origin_of(given)
        if father is None:
            if rng.random() < 0.5:
                father = ""
            elif origin == "russian":
                father = rng.choice(sorted(lists.RUSSIAN_PATRONYMIC))
            else:
                father = rng.choice(kazakh_fathers)
        surname = masc_surname if gender == "m" else feminine(masc_surname)
        used.add((given, surname))
        return Person(given=given, surname=surname, gender=gender, origin=origin, father=father,
                      surname_root=surname_root(masc_surname), role=role)

    def surname_for(given: str) -> str:
        # Mostly a surname of the given name's own tradition; sometimes not, as in mixed families.
        slavic = origin_of(given) == "russian"
        pool = [s for s in surnames if (s in lists.SLAVIC_OR_KOREAN_SURNAMES) == slavic]
        return rng.choice(pool if rng.random() < 0.9 else surnames)

    def fresh(gender: str) -> tuple[str, str]:
        pool = male if gender == "m" else female
        while True:
            given = rng.choice(pool)
            surname = surname_for(given)
            if (given, surname if gender == "m" else feminine(surname)) not in used:
                return given, surname

    # The issue's own examples, each a person of its own.
    examples = [
        ("Айдар", "Мұбарақов", "m", [("A. Mubarakov", "latn_folk", "issue_example"),
                                     ("Aidar Mubarakov", "latn_folk", "issue_example")]),
        ("Бекболат", "Өтебаев", "m", [("Utebaev B.", "latn_folk", "issue_example"),
                                      ("Utebayev Bekbolat", "latn_folk", "issue_example")]),
        ("Халида", "Ақытқан", "f", [("Akitkan Khalida", "latn_folk", "issue_example"),
                                    ("Akytkhan Khalida", "latn_folk", "issue_example")]),
        ("Ұлболсын", "Тұрдиев", "f", [("Turdiyeva Ulbosyn", "latn_folk", "issue_example"),
                                      ("Ulbolsyn Turdiyeva", "latn_folk", "issue_example")]),
    ]
    for given, surname, gender, extra in examples:
        p = person(given, surname, gender, father="", role="issue_example")
        p.extra = list(extra)
        families.append([p])

    for _ in range(N_SOLO):
        gender = rng.choice("mf")
        given, surname = fresh(gender)
        families.append([person(given, surname, gender)])

    for a, b in lists.NEAR_GIVEN:
        gender = "f" if a in female else "m"
        surname = surname_for(a)
        father = rng.choice(kazakh_fathers)
        families.append([person(a, surname, gender, father, "near_given"), person(b, surname, gender, father,
                                                                                    "near_given")])

    for _ in range(N_SIBLING):
        surname = rng.choice([s for s in surnames
                              if s.endswith(("ов", "ев")) and s not in lists.SLAVIC_OR_KOREAN_SURNAMES])
        father = rng.choice(kazakh_fathers)
        kz_male = [g for g in male if origin_of(g) != "russian"]
        g1 = rng.choice(kz_male)
        g2 = rng.choice([g for g in kz_male if g != g1 and g[0] != g1[0]])
        g3 = rng.choice([g for g in female if g[0] not in (g1[0], g2[0]) and origin_of(g) != "russian"])
        families.append([person(g1, surname, "m", father, "sibling"), person(g2, surname, "m", father, "sibling"),
                         person(g3, surname, "f", father, "sibling")])

    gender_given = [(u, u) for u in lists.UNISEX_GIVEN] + list(lists.GENDER_GIVEN_PAIRS)
    for i in range(N_GENDER):
        gm, gf = gender_given[i % len(gender_given)]
        surname = rng.choice([s for s in surnames if s.endswith(("ов", "ев", "ин"))
                              and (s in lists.SLAVIC_OR_KOREAN_SURNAMES) == (origin_of(gm) == "russian")])
        families.append([person(gm, surname, "m", None, "gender_pair"), person(gf, surname, "f", None,
                                                                                "gender_pair")])

    for s1, s2 in lists.NEAR_SURNAMES:
        gender = rng.choice("mf")
        given = rng.choice([g for g in (male if gender == "m" else female) if origin_of(g) != "russian"])
        families.append([person(given, s1, gender, None, "same_given"), person(given, s2, gender, None,
                                                                                "same_given")])

    rng.shuffle(families)
    people: list[Person] = []
    for fi, fam in enumerate(families):
        for p in fam:
            p.family_id = f"f{fi + 1:03d}"
            p.group_id = f"g{len(people) + 1:04d}"
            people.append(p)
    return people


# --- pairs ---------------------------------------------------------------------------------------------------

HARD_KIND = {"near_given": "near_given", "sibling": "sibling", "gender_pair": "gender_pair",
             "same_given": "same_given_near_surname"}


def make_pairs(people: list[Person], rows: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    """Hard negatives (within a family) and random negatives; positives are implied by the groups."""
    by_group: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_group.setdefault(r["group_id"], []).append(r)
    pairs: list[dict[str, str]] = []

    def add(a: dict[str, str], b: dict[str, str], label: str, kind: str) -> None:
        pairs.append({"a": a["spelling_id"], "b": b["spelling_id"], "label": label, "kind": kind,
                      "split": a["split"]})

    # Every two spellings of one group are a "same" pair; they are not written out (see positive_pairs).

    families: dict[str, list[Person]] = {}
    for p in people:
        families.setdefault(p.family_id, []).append(p)
    for fam in families.values():
        for i in range(len(fam)):
            for j in range(i + 1, len(fam)):
                a_rows, b_rows = by_group[fam[i].group_id], by_group[fam[j].group_id]
                kind = HARD_KIND[fam[i].role]
                label = "gender_pair" if kind == "gender_pair" else "different"
                # Initials cannot tell Nurlan from Nurzhan: such pairs are ambiguous, not different, so only a
                # gender pair (same given name) keeps them.
                usable_a = [r for r in a_rows if label == "gender_pair" or not r["how"].startswith("initial")]
                usable_b = [r for r in b_rows if label == "gender_pair" or not r["how"].startswith("initial")]
                b_by_how = {r["how"]: r for r in usable_b}
                for r in usable_a:  # the same scheme on both sides: the hardest comparison
                    if r["how"] in b_by_how:
                        add(r, b_by_how[r["how"]], label, kind)
                for _ in range(6):  # and a few across schemes
                    add(rng.choice(usable_a), rng.choice(usable_b), label, kind)

    # Random negatives: other people of the same split, 20 pairs per group.
    for split in ("dev", "test"):
        split_rows = [r for r in rows if r["split"] == split]
        family_of = {p.group_id: p.family_id for p in people}
        count = 20 * len({r["group_id"] for r in split_rows})
        made = 0
        while made < count:
            a, b = rng.choice(split_rows), rng.choice(split_rows)
            if family_of[a["group_id"]] == family_of[b["group_id"]]:
                continue
            add(a, b, "different", "random")
            made += 1

    # Drop exact duplicates (the random cross-scheme picks can repeat), keeping the first.
    seen: set[tuple[str, str]] = set()
    unique = []
    for pr in pairs:
        key = (min(pr["a"], pr["b"]), max(pr["a"], pr["b"]))
        if key not in seen:
            seen.add(key)
            unique.append(pr)
    return unique


# --- synthetic population for timing -------------------------------------------------------------------------

def synthetic_population(n: int, seed: int = SEED) -> list[str]:
    """`n` spellings of `n` distinct people (given, surname, father), each in a scheme chosen at random."""
    rng = random.Random(seed)
    male, female = _unique(lists.MALE_GIVEN), _unique(lists.FEMALE_GIVEN)
    surnames = _unique(lists.SURNAMES)
    fathers = [g for g in male if origin_of(g) == "kazakh"]
    seen: set[tuple[str, str, str, str]] = set()
    out: list[str] = []
    while len(out) < n:
        gender = rng.choice("mf")
        given = rng.choice(male if gender == "m" else female)
        masc = rng.choice(surnames)
        if (masc in lists.SLAVIC_OR_KOREAN_SURNAMES) != (origin_of(given) == "russian") and rng.random() < 0.9:
            continue
        father = rng.choice(fathers)
        key = (gender, given, masc, father)
        if key in seen:
            continue
        seen.add(key)
        p = Person(given=given, surname=masc if gender == "m" else feminine(masc), gender=gender,
                   origin=origin_of(given), father=father, surname_root=surname_root(masc))
        out.append(rng.choice(spellings_of(p, rng))[0])
    return out


# --- output --------------------------------------------------------------------------------------------------

def _csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def build() -> dict[str, str]:
    """The three files' contents, by name."""
    rng = random.Random(SEED)
    people = make_people(rng)
    family_ids = sorted({p.family_id for p in people})
    split_rng = random.Random(SEED + 1)
    split_rng.shuffle(family_ids)
    dev = set(family_ids[: round(len(family_ids) * DEV_SHARE)])
    split_of = {f: ("dev" if f in dev else "test") for f in family_ids}

    groups, rows = [], []
    taken: dict[str, str] = {}
    for p in people:
        split = split_of[p.family_id]
        groups.append({"group_id": p.group_id, "family_id": p.family_id, "split": split, "role": p.role,
                       "gender": p.gender, "origin": p.origin, "given_kk": p.given, "surname_kk": p.surname,
                       "patronymic_kk": patronymic(p, "kk") if p.origin != "russian" else patronymic(p, "ru")})
        n = 0
        for text, script, how in spellings_of(p, rng):
            key = text.casefold()
            if key in taken and taken[key] != p.group_id:
                continue  # a spelling two people share is no evidence either way
            taken[key] = p.group_id
            n += 1
            rows.append({"spelling_id": f"{p.group_id}-{n:02d}", "group_id": p.group_id, "split": split,
                         "spelling": text, "script": script, "how": how})
    pairs = make_pairs(people, rows, rng)
    return {
        "groups.csv": _csv(groups, ["group_id", "family_id", "split", "role", "gender", "origin", "given_kk",
                                    "surname_kk", "patronymic_kk"]),
        "spellings.csv": _csv(rows, ["spelling_id", "group_id", "split", "spelling", "script", "how"]),
        "pairs.csv": _csv(pairs, ["a", "b", "label", "kind", "split"]),
    }


def counts(files: dict[str, str]) -> dict[str, int]:
    """The figures the README quotes, computed from the files."""
    def read(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(files[name])))

    groups, spellings, pairs = read("groups.csv"), read("spellings.csv"), read("pairs.csv")
    c: dict[str, int] = {
        "groups": len(groups),
        "groups_dev": sum(g["split"] == "dev" for g in groups),
        "groups_test": sum(g["split"] == "test" for g in groups),
        "families": len({g["family_id"] for g in groups}),
        "spellings": len(spellings),
        "pairs_listed": len(pairs),
    }
    sizes: dict[str, int] = {}
    for r in spellings:
        sizes[r["group_id"]] = sizes.get(r["group_id"], 0) + 1
    c["pairs_same_implied"] = sum(n * (n - 1) // 2 for n in sizes.values())
    c["min_spellings_per_group"] = min(sizes.values())
    for label in ("different", "gender_pair"):
        c["pairs_" + label] = sum(p["label"] == label for p in pairs)
    for kind in ("near_given", "sibling", "same_given_near_surname", "random"):
        c["pairs_different_" + kind] = sum(p["kind"] == kind for p in pairs)
    return c


COUNTS_START, COUNTS_END = "<!-- counts:start -->", "<!-- counts:end -->"


def counts_block(c: dict[str, int]) -> str:
    lines = [COUNTS_START, "| figure | count |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in c.items()]
    lines.append(COUNTS_END)
    return "\n".join(lines)


def iter_files(out: Path, files: dict[str, str]) -> Iterator[tuple[Path, str]]:
    for name, text in files.items():
        yield out / name, text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=HERE, help="directory to write into (default: beside this file)")
    args = ap.parse_args(argv)
    files = build()
    args.out.mkdir(parents=True, exist_ok=True)
    for path, text in iter_files(args.out, files):
        path.write_text(text, encoding="utf-8", newline="")
    readme = HERE / "README.md"
    if args.out.resolve() == HERE and readme.exists():
        text = readme.read_text(encoding="utf-8")
        start, end = text.index(COUNTS_START), text.index(COUNTS_END) + len(COUNTS_END)
        readme.write_text(text[:start] + counts_block(counts(files)) + text[end:], encoding="utf-8")
    print(counts(files))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
