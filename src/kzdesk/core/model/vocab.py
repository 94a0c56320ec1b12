"""The shipped vocabularies (resources/vocab/*.json): act types, legal articles, places, MCI.

They are versioned data, not code: each file names its sources and version; labels come in
English, Russian and Kazakh. Loaded once per process, on first use.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from kzdesk.core.model.names import identity_key, skeleton
from kzdesk.core.resources import resource_path

Labels = dict[str, str]


def _load(name: str) -> dict[str, Any]:
    with resource_path("vocab", name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _first_day(day: str) -> str:
    """An ISO day as given; a year or a month (YYYY, YYYY-MM) as its first day."""
    return f"{day}-01-01" if len(day) == 4 else f"{day}-01" if len(day) == 7 else day


def label(labels: Labels, lang: str) -> str:
    """The label in lang, falling back to English."""
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()), "")


@dataclass(frozen=True)
class ActType:
    code: str
    labels: Labels
    group: str
    sanction: tuple[str, ...]
    huridocs: str | None


@dataclass(frozen=True)
class LegalCode:
    code: str
    short: Labels
    labels: Labels  # the code's full title
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Wording:
    effective: str  # ISO day this wording took effect (see basis and unverified for how sure that is)
    title: Labels
    parts: dict[str, Labels]
    source: str = ""  # id of an entry in the file's "sources"
    basis: str = "code_in_force"  # amending_law: dated by the law that made it; code_in_force: by the code's start
    unverified: tuple[str, ...] = ()  # what no source seen establishes: "effective", "title", "kk", "missing_parts"

    @property
    def dated(self) -> bool:
        """True when a source establishes the day this wording took effect."""
        return "effective" not in self.unverified


@dataclass(frozen=True)
class Article:
    code: str
    article: str
    wordings: tuple[Wording, ...]  # oldest first

    def wording_on(self, day: str | None) -> Wording:
        """The wording in force on day (ISO, or YYYY / YYYY-MM taken at their first day); the newest one when
        the day is unknown, the oldest one when the day is before every wording recorded."""
        if day:
            first = _first_day(day)
            current = [w for w in self.wordings if w.effective <= first]
            return current[-1] if current else self.wordings[0]
        return self.wordings[-1]


@dataclass(frozen=True)
class Place:
    id: str
    labels: Labels  # the name today
    region: str | None
    aliases: tuple[str, ...]
    names_from: tuple[tuple[str, Labels], ...] = ()  # (ISO day a name took effect, its labels), oldest first

    def labels_on(self, day: str | None) -> Labels:
        """The name in force on day (ISO, or YYYY / YYYY-MM taken at their first day): the last renaming
        on or before it; today's name when the day is unknown or before every renaming recorded."""
        if day:
            first = _first_day(day)
            named = [labels for since, labels in self.names_from if since <= first]
            if named:
                return named[-1]
        return self.labels


class Vocabulary:
    """All vocabularies, with the lookups the import and the forms need."""

    def __init__(self) -> None:
        acts, legal, places, mci = (_load(n) for n in ("act_types.json", "legal.json",
                                                         "places.json", "mci.json"))
        self.versions = {"act_types": acts["version"], "legal": legal["version"],
                         "places": places["version"], "mci": mci["version"]}
        self.act_types = {
            a["code"]: ActType(a["code"], a["labels"], a.get("group", "other"), tuple(a.get("sanction", ())),
                               (a.get("huridocs") or {}).get("code"))
            for a in acts["act_types"]
        }
        self.legal_codes = {c["code"]: LegalCode(c["code"], c["short"], c["title"], tuple(c.get("aliases", ())))
                            for c in legal["codes"]}
        self._code_alias: dict[str, str] = {}
        for c in self.legal_codes.values():
            for alias in (c.code, *c.aliases, *c.short.values()):
                self._code_alias[identity_key(alias)] = c.code
        self.articles: dict[tuple[str, str], Article] = {}
        for a in legal["articles"]:
            wordings = tuple(sorted(
                (Wording(w["effective"], w["title"], {p["part"]: p["summary"] for p in w.get("parts", ())},
                         w.get("source", ""), w.get("effective_basis", "code_in_force"),
                         tuple(w.get("unverified", ())))
                 for w in a["wordings"]), key=lambda w: w.effective))
            self.articles[(a["code"], a["article"])] = Article(a["code"], a["article"], wordings)
        self.regions = {r["id"]: Place(r["id"], r["labels"], None, tuple(r.get("aliases", ())))
                        for r in places["regions"]}
        self.cities = {c["id"]: Place(c["id"], c["labels"], c.get("region"), tuple(c.get("aliases", ())),
                                      tuple(sorted(((n["from"], n["labels"]) for n in c.get("names_from", ())),
                                                   key=lambda named: named[0])))
                       for c in places["cities"]}
        self._city_index = self._index(self.cities)
        self._region_index = self._index(self.regions)
        values = sorted((v["from"], int(v["value"])) for v in mci["values"])
        self._mci_from = [d for d, _ in values]
        self._mci_value = [v for _, v in values]

    @staticmethod
    def _index(places: dict[str, Place]) -> dict[str, str]:
        index: dict[str, str] = {}
        for place in places.values():
            for name in (place.id, *place.labels.values(), *place.aliases):
                # Exact forms win over skeletons, so distinct places never shadow each other.
                index.setdefault(skeleton(name), place.id)
            for name in (*place.labels.values(), *place.aliases):
                index[identity_key(name)] = place.id
        return index

    # --- lookups ---------------------------------------------------------------------------
    def city(self, text: str) -> str | None:
        """Gazetteer id of a city written any way we know (Uralsk, Орал, Oral…), else None."""
        return self._city_index.get(identity_key(text)) or self._city_index.get(skeleton(text))

    def region(self, text: str) -> str | None:
        return self._region_index.get(identity_key(text)) or self._region_index.get(skeleton(text))

    def legal_code(self, text: str) -> str | None:
        """Canonical legal code for a code name or alias (KoAP, УК, criminal_code…)."""
        return self._code_alias.get(identity_key(text))

    def codes_with_article(self, article: str) -> list[str]:
        return [code for (code, art) in self.articles if art == article]

    def mci_on(self, day: str) -> int | None:
        """The MCI in force on an ISO date (or the first day of a year/month given as YYYY[-MM])."""
        i = bisect.bisect_right(self._mci_from, _first_day(day)) - 1
        return self._mci_value[i] if i >= 0 else None

    def fine_in_kzt(self, amount: Decimal, unit: str, day: str | None) -> int | None:
        """A fine in tenge: as given for KZT; for MCI, times the MCI in force on day."""
        if unit == "KZT":
            return int(amount.to_integral_value())
        mci = self.mci_on(day) if day else None
        return int((amount * mci).to_integral_value()) if mci else None

    def city_name(self, city_id: str, lang: str = "en", day: str | None = None) -> str:
        """A city's name in lang as it was on day (Нур-Султан in 2020, Астана in 2023); today's without one."""
        return label(self.cities[city_id].labels_on(day), lang)


@cache
def vocabulary() -> Vocabulary:
    """The process-wide vocabulary, loaded on first use."""
    return Vocabulary()

