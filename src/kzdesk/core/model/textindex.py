"""Full-text search over persons, events and acts (SQLite FTS5), in any script and case.

SQLite's LIKE and lower() only fold ASCII, so Kazakh and Russian search goes through FTS5:
one contentless FTS table per record kind, kept in step by triggers that call the SQL functions
registered here on every connection. Each row has two columns: `body` (the words as written)
and `folded` (their Latin skeletons, so that Жақсылықов, Жаксылыков and Zhaksylykov find each
other). Vocabulary values (act type, legal code, city, region) are indexed as one token per code;
a query word that matches a label or alias of an entry in any language is expanded to that token,
so "арест", "Уральск" or "КоАП" find records without every label being stored in every row.
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


@lru_cache(maxsize=1 << 14)
def fold(text: str | None) -> str:
    """The folded column: the skeleton of every word (cached: names, places and labels repeat)."""
    return " ".join(_fold_word(w) for w in words(text)) if text else ""


@lru_cache(maxsize=1)
def _vocab_words() -> list[tuple[str, frozenset[str]]]:
    """Each vocabulary token with every word (as written and folded) of its labels and aliases."""
    vocab = vocabulary()
    tables: dict[str, dict[str, Any]] = {"act_type": vocab.act_types, "legal_code": vocab.legal_codes,
                                         "city": vocab.cities, "region": vocab.regions}
    out = []
    for kind, entries in tables.items():
        for code, entry in entries.items():
            names = [code.replace("_", " "), *entry.labels.values(), *getattr(entry, "aliases", ()),
                     *getattr(entry, "short", {}).values()]
            found = {w for name in names for w in words(name)}
            out.append((vocab_token(kind, code), frozenset(found | {_fold_word(w) for w in found})))
    return out


def prepare() -> None:
    """Build the vocabulary word index now (it is otherwise built by the first search)."""
    _vocab_words()


def vocab_tokens_for(word: str) -> list[str]:
    """Tokens of the vocabulary entries with a label word equal to word, or starting with it when
    it has three letters or more (so that "ли" does not pull in every act labelled "лишение…")."""
    folded = _fold_word(word)
    prefixes = tuple(p for p in {word, folded} if len(p) >= 3)
    return [token for token, names in _vocab_words()
            if word in names or folded in names or any(n.startswith(prefixes) for n in names if prefixes)]


VOCAB_KINDS = {"act_type": "kzat", "legal_code": "kzlc", "city": "kzcy", "region": "kzrg"}


def vocab_token(kind: str, code: str | None) -> str:
    """The single index token standing for a vocabulary entry (e.g. kzatadministrativearrest)."""
    return VOCAB_KINDS[kind] + "".join(ch for ch in code if ch.isalnum()) if code else ""


def _join(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p not in (None, ""))


def person_text(name: str | None, names: str | None, occupation: str | None, affiliation: str | None) -> str:
    try:
        listed = json.loads(names or "[]")
    except ValueError:
        listed = [{"text": names}]  # never let a malformed value block a write
    spellings = [n.get("text", "") for n in listed if isinstance(n, dict)] if isinstance(listed, list) else []
    return _join(name, *spellings, occupation, affiliation)


def event_text(date: str | None, city: str | None, city_text: str | None, region: str | None,
               region_text: str | None, place: str | None, occasion: str | None, title: str | None,
               description: str | None) -> str:
    return _join(date, vocab_token("city", city), city_text, vocab_token("region", region), region_text,
                 place, occasion, title, description)


def act_text(act_type: str | None, legal_code: str | None, article: str | None, part: str | None,
             authority: str | None, court: str | None, judge: str | None, case_number: str | None,
             description: str | None) -> str:
    return _join(vocab_token("act_type", act_type), vocab_token("legal_code", legal_code), article, part,
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
        alternatives += [f'body : "{token}"' for token in vocab_tokens_for(word)]
        terms.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(terms) if terms else None
