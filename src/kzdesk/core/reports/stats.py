"""Counts of persons, events and acts, by act type and by city (current records, no tombstones)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection

from kzdesk.core.model.vocab import Vocabulary, vocabulary


@dataclass
class Stats:
    persons: int = 0
    events: int = 0
    acts: int = 0
    acts_by_type: dict[str, int] = field(default_factory=dict)
    # Keyed by the canonical (English) city name, or the city as written when it is not in the
    # gazetteer; acts whose event has no city are counted under "".
    acts_by_city: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def vault_stats(conn: Connection, vocab: Vocabulary | None = None) -> Stats:
    """Compute the statistics in SQL (GROUP BY), not by loading records."""
    vocab = vocab or vocabulary()

    def count(table: str) -> int:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE deleted = 0").scalar_one())

    stats = Stats(persons=count("person"), events=count("event"), acts=count("act"))
    for act_type, n in conn.exec_driver_sql(
        "SELECT act_type, count(*) FROM act WHERE deleted = 0 GROUP BY act_type ORDER BY act_type"
    ):
        stats.acts_by_type[act_type] = n
    for city, city_text, n in conn.exec_driver_sql(
        "SELECT e.city, e.city_text, count(*) FROM act a JOIN event e ON e.uuid = a.event "
        "WHERE a.deleted = 0 GROUP BY e.city, e.city_text"
    ):
        name = vocab.city_name(city, "en") if city in vocab.cities else city_text or city or ""
        stats.acts_by_city[name] = stats.acts_by_city.get(name, 0) + n
    stats.acts_by_city = dict(sorted(stats.acts_by_city.items()))
    return stats
