"""Full-text search over persons, events and acts (SQLite FTS5), in any script and case.

SQLite's LIKE and lower() only fold ASCII, so Kazakh and Russian search goes through FTS5:
one contentless FTS table per record kind, kept in step by triggers that call the SQL functions
registered here on every connection. Each row has two columns: `body` (the words as written,
plus vocabulary labels in all three languages) and `folded` (their Latin skeletons, so that
Жақсылықов, Жаксылыков and Zhaksylykov find each other).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from kzdesk.core.model.names import skeleton_word, words
from kzdesk.core.model.vocab import vocabulary

FTS_KINDS = ("person", "event", "act")


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return skeleton_word(word)


def fold(text: str | None) -> str:
    """The folded column: the skeleton of every word (cached: names and labels repeat)."""
    return " ".join(_fold_word(w) for w in words(text)) if text else ""


@lru_cache(maxsize=4096)
def _labels(kind: str, code: str | None) -> str:
    return vocabulary().search_labels(kind, code)


def _join(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p not in (None, ""))


def person_text(name: str | None, names: str | None, occupation: str | None, affiliation: str | None) -> str:
    spellings = [n.get("text", "") for n in json.loads(names or "[]") if isinstance(n, dict)]
    return _join(name, *spellings, occupation, affiliation)


def event_text(date: str | None, city: str | None, city_text: str | None, region: str | None,
               region_text: str | None, place: str | None, occasion: str | None, title: str | None,
               description: str | None) -> str:
    return _join(date, _labels("city", city), city_text, _labels("region", region), region_text, place,
                 occasion, title, description)


def act_text(act_type: str | None, legal_code: str | None, article: str | None, part: str | None,
             authority: str | None, court: str | None, judge: str | None, case_number: str | None,
             description: str | None) -> str:
    return _join(_labels("act_type", act_type), _labels("legal_code", legal_code), article, part,
                 authority, court, judge, case_number, description)


_FUNCTIONS = {
    "kz_fold": (fold, 1),
    "kz_person_text": (person_text, 4),
    "kz_event_text": (event_text, 9),
    "kz_act_text": (act_text, 9),
}


def register_functions(dbapi_conn: Any) -> None:
    """Make the indexing functions available to the triggers on this connection."""
    for name, (func, nargs) in _FUNCTIONS.items():
        dbapi_conn.create_function(name, nargs, func, deterministic=True)


def match_expression(query: str) -> str | None:
    """Turn what the user typed into a literal FTS5 query (no operators, no syntax errors).

    Every word must match, as a prefix, either as written or by its Latin skeleton.
    """
    terms = []
    for word in words(query):
        # words() yields only letters and digits, so a word can never close the quotes.
        alternatives = [f'body : "{word}"*']
        folded = _fold_word(word)
        if folded:
            alternatives.append(f'folded : "{folded}"*')
        terms.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(terms) if terms else None
