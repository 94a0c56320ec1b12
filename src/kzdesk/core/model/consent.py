"""Setting the consent level of many records at once: `kzdesk consent set` and the window's "Set consent…".

Publishing a month is a deliberate act over many records: the coordinator selects them and sets one
level. Each changed record gets a child revision in one changeset (audited like an editor's save, and
carried by the next bundle like any edit). A record already at the level is left as it is.

What is selected (each option adds records; they are not intersected):

- persons matching a query (any spelling, or an id prefix: model/persons.find_persons);
- events of a period (by the first day their date can mean) and/or of a city — both given: events
  of that city in that period;
- records named by their ids (a person, an event or an act).

`what` says which kinds are changed. None: exactly the records selected. "persons", "events", "acts":
records of that kind among the selected ones and those related to them through acts (the persons of
a month's events, the acts of a person…). "all": all three kinds. So publishing December is
`kzdesk consent set public --from 2021-12-01 --to 2021-12-31 --what all`.

Only a coordinator decides about other people's records: in a volunteer's vault, a record someone
else created is not changed (a bundle carrying such a change would be quarantined) and is counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.model.persons import find_persons
from kzdesk.core.model.records import CONSENT_LEVELS
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.engine import sql_slices

# The levels as words (the same words as the record editor and the exports use).
KINDS = ("person", "event", "act")
WHAT = ("persons", "events", "acts", "all")
MAX_MATCHES = 100_000  # a query is a selection here, not a suggestion list


@dataclass
class Selection:
    """Records chosen for a consent change, by kind (uuids)."""

    person: set[str] = field(default_factory=set)
    event: set[str] = field(default_factory=set)
    act: set[str] = field(default_factory=set)

    def of(self, kind: str) -> set[str]:
        found: set[str] = getattr(self, kind)
        return found

    def __len__(self) -> int:
        return len(self.person) + len(self.event) + len(self.act)


@dataclass(frozen=True)
class ConsentChange:
    """What a consent change did (or, dry, would do): changed records per kind."""

    level: str
    selected: int
    persons: int = 0
    events: int = 0
    acts: int = 0
    not_yours: int = 0  # records another author created, left as they are in a volunteer's vault
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return self.persons + self.events + self.acts


def check_level(level: str) -> str:
    """The level as stored ("anonymized" accepted), or an InputError naming the three."""
    value = level.strip().casefold().replace("anonymized", "anonymised")
    if value not in CONSENT_LEVELS:
        raise InputError("'{value}' is not a consent level (public, anonymised, confidential)", value=level)
    return value


def _ids(conn: Connection, sql: str, values: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for marks, chunk in sql_slices(sorted(set(values))):
        found.update(str(row[0]) for row in conn.exec_driver_sql(sql.format(marks=marks), chunk))
    return found


def choose(conn: Connection, *, person: str | None = None, start: str | None = None, end: str | None = None,
           city: str | None = None, ids: Iterable[str] = (), what: str | None = None) -> Selection:
    """The records a consent change would touch (see the module docstring); unknown ids are refused."""
    if what is not None and what not in WHAT:
        raise ValueError(what)
    chosen = Selection()
    if person:
        chosen.person.update(p.uuid for p in find_persons(conn, person, MAX_MATCHES))
    if start or end or city:
        sql = "SELECT uuid FROM event WHERE deleted = 0"
        params: list[str] = []
        for clause, value in (("date_start >= ?", start), ("date_start <= ?", end), ("city = ?", city)):
            if value:
                sql += f" AND {clause}"
                params.append(value)
        chosen.event.update(str(row[0]) for row in conn.exec_driver_sql(sql, tuple(params)))
    wanted = {i.strip().lower() for i in ids if i.strip()}
    for kind in KINDS:
        found = _ids(conn, f"SELECT uuid FROM {kind} WHERE deleted = 0 AND uuid IN ({{marks}})", wanted)
        chosen.of(kind).update(found)
        wanted -= found
    if wanted:
        raise InputError("No record {uuid}.", uuid=sorted(wanted)[0])
    if what is None:
        return chosen
    # Related through acts: a person's acts, an event's acts, and the persons and events of those acts.
    acts = chosen.act | _ids(conn, "SELECT uuid FROM act WHERE deleted = 0 AND person IN ({marks})", chosen.person)
    acts |= _ids(conn, "SELECT uuid FROM act WHERE deleted = 0 AND event IN ({marks})", chosen.event)
    persons = chosen.person | _ids(conn, "SELECT p.uuid FROM act a JOIN person p ON p.uuid = a.person "
                                         "WHERE p.deleted = 0 AND a.uuid IN ({marks})", acts)
    events = chosen.event | _ids(conn, "SELECT e.uuid FROM act a JOIN event e ON e.uuid = a.event "
                                       "WHERE e.deleted = 0 AND a.uuid IN ({marks})", acts)
    return Selection(persons if what in ("persons", "all") else set(), events if what in ("events", "all") else set(),
                     acts if what in ("acts", "all") else set())


def set_consent(vault: Vault, level: str, selection: Selection, dry_run: bool = False) -> ConsentChange:
    """Set the consent level of every selected record in one transaction (nothing if dry_run)."""
    level = check_level(level)
    counts = {kind: 0 for kind in KINDS}
    not_yours = 0
    volunteer = vault.profile.role != "coordinator"
    with vault.transaction() as conn:
        changes = vault.changeset()
        for kind in KINDS:
            rows: list[Any] = []
            for marks, chunk in sql_slices(sorted(selection.of(kind))):
                rows += conn.exec_driver_sql(f"SELECT uuid, author, consent FROM {kind} WHERE deleted = 0 "
                                             f"AND uuid IN ({marks})", chunk).fetchall()
            for uuid, author, current in rows:
                if current == level:
                    continue
                if volunteer and author != vault.identity.key_id:
                    not_yours += 1
                    continue
                counts[kind] += 1
                if not dry_run:
                    changes.update(conn, kind, uuid, {"consent": level})
        if not dry_run:
            vault.commit(changes, conn)
    return ConsentChange(level, len(selection), counts["person"], counts["event"], counts["act"], not_yours, dry_run)
