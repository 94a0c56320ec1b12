"""The running counts of the acts (tables tally_*, kept by the triggers of migration 0008).

What a row of them means, for the statistics that read them, and the same counts recomputed from the
acts, written here a second time on purpose and not taken from the migration: two writings of each
rule that must agree are how a check proves the triggers kept them (`kzdesk check --structure`, which
counts them again if not, and tests after every kind of write).

- tally_act (month, city, act_type, article) -> acts, days, fines, unreadable: current acts of
  current events. month is the first seven characters of the event's first day ('' undated); city
  the gazetteer id, else the city as written, else ''; article see `article_key`.
- tally_person (month, person) -> acts.
- tally_key (person, date, act_type, legal_code, article) -> acts: of dated events, for the
  possible double reports (keys of two or more acts, through the partial index on acts > 1).
A key whose count fell to 0 keeps its row: readers skip it.
"""

from __future__ import annotations

from sqlalchemy import Connection

_WHOLE = "sum(CASE WHEN typeof({0}) = 'integer' THEN {0} ELSE 0 END)"
_JOINED = "FROM act a NOT INDEXED CROSS JOIN event e ON e.uuid = a.event WHERE a.deleted = 0 AND e.deleted = 0"
MONTH = "substr(coalesce(e.date_start, ''), 1, 7)"
CITY = "coalesce(e.city, e.city_text, '')"
ARTICLE = ("CASE WHEN a.article IS NULL THEN '' WHEN a.legal_code IS NULL THEN '!' "
           "ELSE '=' || a.legal_code || ' ' || a.article END")
FIGURES = ("count(*), " + _WHOLE.format("a.arrest_days") + ", " + _WHOLE.format("a.fine_kzt") + ", "
           "sum(typeof(a.arrest_days) NOT IN ('integer', 'null') OR typeof(a.fine_kzt) NOT IN ('integer', 'null'))")

# Each table with its columns, and the same rows counted from the acts.
RECOUNTED = {
    "tally_act": ("month, city, act_type, article, acts, days, fines, unreadable",
                  f"SELECT {MONTH}, {CITY}, a.act_type, {ARTICLE}, {FIGURES} {_JOINED} GROUP BY 1, 2, 3, 4"),
    "tally_person": ("month, person, acts", f"SELECT {MONTH}, a.person, count(*) {_JOINED} GROUP BY 1, 2"),
    "tally_key": ("person, date, act_type, legal_code, article, acts",
                  "SELECT a.person, e.date, a.act_type, coalesce(a.legal_code, ''), coalesce(a.article, ''), count(*) "
                  f"{_JOINED} AND e.date IS NOT NULL GROUP BY 1, 2, 3, 4, 5"),
}


def article_key(stored: str) -> tuple[bool, str | None]:
    """tally_act.article read back: whether the act cites an article, and "code article" (None when it
    names no code: an article alone is cited but under no code)."""
    if not stored:
        return False, None
    return True, stored[1:] if stored.startswith("=") else None


def differing(conn: Connection) -> list[str]:
    """The tables whose counts differ from the acts (none when the triggers kept them all)."""
    out = []
    for table, (columns, recounted) in RECOUNTED.items():
        kept = f"SELECT {columns} FROM {table} WHERE acts <> 0"
        differ = conn.exec_driver_sql(f"SELECT count(*) FROM ({kept} EXCEPT {recounted}) "
                                      f"UNION ALL SELECT count(*) FROM ({recounted} EXCEPT {kept})").scalars().all()
        if any(differ):
            out.append(table)
    return out


def recount(conn: Connection) -> None:
    """Count every table again from the acts (in the caller's transaction)."""
    for table, (columns, recounted) in RECOUNTED.items():
        conn.exec_driver_sql(f"DELETE FROM {table}")
        conn.exec_driver_sql(f"INSERT INTO {table} ({columns}) {recounted}")
