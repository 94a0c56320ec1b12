"""Counts of persons, events and acts, by act type and by city (current records, no tombstones)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection

from kzdesk.core.exchange.duplicate_acts import candidate_pairs, possible_doubles, uncounted, uncounted_json
from kzdesk.core.model.vocab import Vocabulary, label, vocabulary


@dataclass
class Stats:
    persons: int = 0
    events: int = 0
    acts: int = 0
    acts_by_type: dict[str, int] = field(default_factory=dict)
    # Keyed by the canonical (English) city name, or the city as written when it is not in the
    # gazetteer; acts whose event has no city are counted under "".
    acts_by_city: dict[str, int] = field(default_factory=dict)
    # Acts whose stored days or tenge are not whole numbers (shown as written, never summed).
    unreadable: int = 0
    # Acts whose event has no date: counted in acts above, and said on their own line.
    undated: int = 0
    # Acts a coordinator decided are another's double report: left out of every count above.
    doubles: int = 0
    # Acts that may be double reports, not yet decided: counted above (see Duplicates).
    possible_doubles: int = 0

    def to_json(self) -> dict[str, object]:
        return asdict(self)


# One pass over the current acts (in stored order, NOT INDEXED: never in an index's order, which reads
# the act rows in random order; each act looks its event up), grouped by every figure
# at once: type; the event's city (an act whose event is gone from the table is in no city); whether
# its event is current and undated; whether its days or fine are unreadable.
_FIGURES = (
    "SELECT a.act_type, e.uuid IS NOT NULL, e.city, e.city_text, "
    "coalesce(e.deleted = 0 AND (e.date_start IS NULL OR e.date_start = ''), 0), "
    "typeof(a.arrest_days) NOT IN ('integer', 'null') OR typeof(a.fine_kzt) NOT IN ('integer', 'null'), count(*) "
    "FROM act a NOT INDEXED LEFT JOIN event e ON e.uuid = a.event WHERE a.deleted = 0 "
    "AND a.uuid NOT IN (SELECT value FROM json_each(?)) GROUP BY 1, 2, 3, 4, 5, 6")


def vault_stats(conn: Connection, vocab: Vocabulary | None = None) -> Stats:
    """Compute the statistics in SQL (GROUP BY), not by loading records."""
    vocab = vocab or vocabulary()

    def count(table: str) -> int:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE deleted = 0").scalar_one())

    gone = uncounted(conn)
    stats = Stats(persons=count("person"), events=count("event"))
    stats.doubles = len(gone)
    pairs = candidate_pairs(conn, gone)
    stats.possible_doubles = possible_doubles((x for pair in pairs for x in pair), pairs)
    types: dict[str, int] = {}
    for act_type, has_event, city, city_text, undated, unreadable, n in conn.exec_driver_sql(
            _FIGURES, (uncounted_json(gone),)):
        stats.acts += n
        types[act_type] = types.get(act_type, 0) + n
        stats.unreadable += n if unreadable else 0
        stats.undated += n if undated else 0
        if has_event:
            name = vocab.city_name(city, "en") if city in vocab.cities else city_text or city or ""
            stats.acts_by_city[name] = stats.acts_by_city.get(name, 0) + n
    stats.acts_by_type = dict(sorted(types.items()))
    stats.acts_by_city = dict(sorted(stats.acts_by_city.items()))
    return stats


def city_label(key: str, lang: str, vocab: Vocabulary | None = None) -> str:
    """A city key of acts_by_city (canonical English name, or as written) in the given language."""
    vocab = vocab or vocabulary()
    city = vocab.city(key) if key else None
    return vocab.city_name(city, lang) if city is not None and city in vocab.cities else key


def type_label(code: str, lang: str, vocab: Vocabulary | None = None) -> str:
    """An act type code in the given language (the code itself if the vocabulary does not know it)."""
    entry = (vocab or vocabulary()).act_types.get(code)
    return label(entry.labels, lang) if entry else code
