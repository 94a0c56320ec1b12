"""Running counts of the acts, kept by triggers, so statistics of a decade need not read a million acts.

A statistics report counted every act of its period in one pass, looking each act's event up and
grouping by every breakdown: 9 s of CPU at a million acts, whatever the period. These tables hold the
same counts, added to and taken from by triggers on every write of an act or an event, whichever code
writes it (an edit, a merge, an import, a tombstone): no writer can forget them.

- tally_act: current acts of current events by month of the event's first day, city, type and
  article, with their days of arrest, fines and unreadable amounts. A report reads the months
  wholly inside its period here and the two months at its ends from the acts.
- tally_person: current acts by person record and month, for "persons affected".
- tally_key: current acts of dated current events by person record and what two reports of one act
  share (date as written, type, code, article); the keys held by two or more acts are the possible
  double reports, found through a partial index instead of a pass over every act.

Counts are never negative and a key whose count falls to 0 keeps its row (readers skip it). The
expressions here must stay those of core/model/tallies.py, which recomputes the tables from the acts
and checks them (`kzdesk check --structure`; tests after every kind of write): migrations are frozen
history and never import the code that may change.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 19:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = {
    "tally_act": "month TEXT NOT NULL, city TEXT NOT NULL, act_type TEXT NOT NULL, article TEXT NOT NULL, "
                 "acts INTEGER NOT NULL, days INTEGER NOT NULL, fines INTEGER NOT NULL, unreadable INTEGER NOT NULL, "
                 "PRIMARY KEY (month, city, act_type, article)",
    # by person first: "persons affected" reads it in this order, one person after another, and tests
    # each person's months (no sort of a million rows)
    "tally_person": "person TEXT NOT NULL, month TEXT NOT NULL, acts INTEGER NOT NULL, PRIMARY KEY (person, month)",
    "tally_key": "person TEXT NOT NULL, date TEXT NOT NULL, act_type TEXT NOT NULL, legal_code TEXT NOT NULL, "
                 "article TEXT NOT NULL, acts INTEGER NOT NULL, "
                 "PRIMARY KEY (person, date, act_type, legal_code, article)",
}
INDEXES = {
    "ix_tally_key_many": "tally_key (person) WHERE acts > 1",
    # what the candidate double reports and a period's persons ask of an event, from the index alone:
    # reading the event rows themselves is a random page each
    "ix_event_dates": "event (uuid, deleted, date, date_start)",
}


def _keys(a: str, e: str) -> dict[str, tuple[str, ...]]:
    """Each table's key columns as expressions over an act (a) and its event (e)."""
    return {
        "tally_act": (f"substr(coalesce({e}.date_start, ''), 1, 7)", f"coalesce({e}.city, {e}.city_text, '')",
                      f"{a}.act_type",
                      # '' no article; '!' an article without a code; '=' code and article
                      f"CASE WHEN {a}.article IS NULL THEN '' WHEN {a}.legal_code IS NULL THEN '!' "
                      f"ELSE '=' || {a}.legal_code || ' ' || {a}.article END"),
        "tally_person": (f"substr(coalesce({e}.date_start, ''), 1, 7)", f"{a}.person"),
        "tally_key": (f"{a}.person", f"{e}.date", f"{a}.act_type", f"coalesce({a}.legal_code, '')",
                      f"coalesce({a}.article, '')"),
    }


def _whole(column: str) -> str:
    return f"CASE WHEN typeof({column}) = 'integer' THEN {column} ELSE 0 END"


def _values(a: str) -> dict[str, tuple[str, ...]]:
    """Each table's counted columns for one act (a)."""
    unreadable = (f"(typeof({a}.arrest_days) NOT IN ('integer', 'null') "
                  f"OR typeof({a}.fine_kzt) NOT IN ('integer', 'null'))")
    return {"tally_act": ("1", _whole(f"{a}.arrest_days"), _whole(f"{a}.fine_kzt"), unreadable),
            "tally_person": ("1",), "tally_key": ("1",)}


COUNTED = {"tally_act": ("acts", "days", "fines", "unreadable"), "tally_person": ("acts",), "tally_key": ("acts",)}
KEYS = {"tally_act": ("month", "city", "act_type", "article"), "tally_person": ("month", "person"),
        "tally_key": ("person", "date", "act_type", "legal_code", "article")}


def _upsert(table: str, select: str) -> str:
    counted = COUNTED[table]
    return (f"INSERT INTO {table} ({', '.join(KEYS[table] + counted)}) {select} ON CONFLICT DO UPDATE SET "
            + ", ".join(f"{c} = {c} + excluded.{c}" for c in counted) + ";")


def _one_act(row: str, sign: str) -> str:
    """Add (sign '') or take away (sign '-') one act row (NEW or OLD) in every table, if it and its event
    are current."""
    out = []
    for table, keys in _keys(row, "e").items():
        values = ", ".join(f"{sign}({v})" for v in _values(row)[table])
        dated = " AND e.date IS NOT NULL" if table == "tally_key" else ""
        out.append(_upsert(table, f"SELECT {', '.join(keys)}, {values} FROM event e "
                                  f"WHERE e.uuid = {row}.event AND e.deleted = 0 AND {row}.deleted = 0{dated}"))
    return "\n".join(out)


def _event_acts(row: str, sign: str) -> str:
    """Add or take away every current act of one event row (NEW or OLD), if the event is current."""
    out = []
    for table, keys in _keys("a", row).items():
        values = ", ".join(f"{sign}sum({v})" for v in _values("a")[table])
        dated = f" AND {row}.date IS NOT NULL" if table == "tally_key" else ""
        out.append(_upsert(table, f"SELECT {', '.join(keys)}, {values} FROM act a WHERE a.event = {row}.uuid "
                                  f"AND a.deleted = 0 AND {row}.deleted = 0{dated} "
                                  f"GROUP BY {', '.join(str(i + 1) for i in range(len(keys)))}"))
    return "\n".join(out)


ACT_COLUMNS = "event, person, act_type, legal_code, article, arrest_days, fine_kzt, deleted"
EVENT_COLUMNS = "uuid, date, date_start, city, city_text, deleted"
TRIGGERS = {
    "tally_act_inserted": ("AFTER INSERT ON act", _one_act("NEW", "")),
    "tally_act_deleted": ("AFTER DELETE ON act", _one_act("OLD", "-")),
    "tally_act_updated": (f"AFTER UPDATE OF {ACT_COLUMNS} ON act", _one_act("OLD", "-") + "\n" + _one_act("NEW", "")),
    "tally_event_inserted": ("AFTER INSERT ON event", _event_acts("NEW", "")),
    "tally_event_deleted": ("AFTER DELETE ON event", _event_acts("OLD", "-")),
    "tally_event_updated": (f"AFTER UPDATE OF {EVENT_COLUMNS} ON event",
                            _event_acts("OLD", "-") + "\n" + _event_acts("NEW", "")),
}


def fill() -> str:
    """The statements that count every current act into the empty tables."""
    return "\n".join(_upsert(table, f"SELECT {', '.join(keys)}, "
                                    + ", ".join(f"sum({v})" for v in _values("a")[table])
                                    + " FROM act a NOT INDEXED CROSS JOIN event e ON e.uuid = a.event "
                                    + "WHERE a.deleted = 0 AND e.deleted = 0"
                                    + (" AND e.date IS NOT NULL" if table == "tally_key" else "")
                                    + f" GROUP BY {', '.join(str(i + 1) for i in range(len(keys)))}")
                     for table, keys in _keys("a", "e").items())


def upgrade() -> None:
    for name, columns in TABLES.items():
        op.execute(f"CREATE TABLE {name} ({columns}) WITHOUT ROWID")
    for statement in fill().split(";\n"):
        op.execute(statement.rstrip(";"))
    for name, definition in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {definition}")
    for name, (when, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN\n{body}\nEND")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name in TABLES:
        op.execute(f"DROP TABLE IF EXISTS {name}")
