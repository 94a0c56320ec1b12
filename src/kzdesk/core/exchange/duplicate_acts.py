"""One act reported twice: two volunteers recording the same detention of the same human.

Acts are duplicate-act candidates when they are against one human — the same person record, or
records a coordinator linked as the same person (a merge moves the acts onto one record) — on the
same event date (the date as written, so "2022-03-09" meets only "2022-03-09"), of the same act
type, under the same code and article (both without an article also match; the part may differ).

The coordinator decides a pair like a pair of persons: "same" (one act reported twice) or
"different" (two acts). Each decision is an `act_link` record (records.ActLink) written through a
Changeset, so it is signed into bundles, merges onward and keeps its audit trail; its uuid is
derived from the pair, so two coordinators deciding differently meet as a conflict.

Which act counts: of acts decided the same (also through chains of decisions), the one recorded
first — the earliest stamp of its first revision, then the smaller uuid — is counted and listed;
the others are its double reports, left out of statistics, the chronology and case summaries
(they stay in the vault, with their history, and the decision can be changed). Until a pair is
decided, every report that includes both acts says how many possible double reports it holds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange.authorship import UNPROVEN, proven_authors
from kzdesk.core.i18n import ntr, tr
from kzdesk.core.model.derived_ids import act_link_id
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault import settings
from kzdesk.core.vault.engine import sql_slices
from kzdesk.core.vault.identity import key_id

ACTIONS = ("same", "different")
# What a candidate shows of each act, so the coordinator decides on what was recorded.
_SIDE = ("SELECT a.uuid, a.person, p.name, a.event, e.date, e.city, e.city_text, a.act_type, a.legal_code, "
         "a.article, a.part, a.arrest_days, a.fine_amount, a.fine_unit, a.fine_kzt, a.hours, a.years, a.months, "
         "a.court, a.author FROM act a JOIN event e ON e.uuid = a.event JOIN person p ON p.uuid = a.person ")


_SIDE_FIELDS = ("uuid", "person", "name", "event", "date", "city", "city_text", "act_type", "legal_code", "article",
                "part", "arrest_days", "fine_amount", "fine_unit", "fine_kzt", "hours", "years", "months", "court",
                "author")


@dataclass(frozen=True)
class ActSide:
    """One act of a pair, as the coordinator compares it."""

    uuid: str
    person: str
    name: str
    event: str
    date: str | None
    city: str | None
    city_text: str | None
    act_type: str
    legal_code: str | None
    article: str | None
    part: str | None
    arrest_days: int | None
    fine_amount: str | None
    fine_unit: str | None
    fine_kzt: int | None
    hours: int | None
    years: int | None
    months: int | None
    court: str | None
    author: str  # key id of who recorded it (the author of its first revision)
    recorded_by: str  # the name this vault knows that key under ("" if none)
    recorded: str  # the stamp of its first revision

    def as_act(self) -> dict[str, Any]:
        """The fields wording.sanction() reads."""
        return asdict(self)


@dataclass(frozen=True)
class ActPair:
    """Two acts that may be one act reported twice; a is the one recorded first (kept if "same")."""

    a: ActSide
    b: ActSide

    def to_json(self) -> dict[str, object]:
        return {"a": asdict(self.a), "b": asdict(self.b)}


@dataclass(frozen=True)
class ActDecision:
    """One current decision about a pair of acts."""

    uuid: str
    act_a: str
    act_b: str
    decision: str
    note: str | None
    author: str

    def to_json(self) -> dict[str, object]:
        return asdict(self)


class _Groups:
    """Union-find over record ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def members(self, items: Iterable[str]) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for item in items:
            out[self.find(item)].append(item)
        return list(out.values())


def _humans(conn: Connection) -> _Groups:
    """Person records read as one human: joined by every current "same person" decision."""
    groups = _Groups()
    for a, b in conn.exec_driver_sql("SELECT person_a, person_b FROM link WHERE deleted = 0 AND decision = 'same'"):
        groups.join(str(a), str(b))
    return groups


def _first_recorded(conn: Connection, acts: Iterable[str]) -> dict[str, str]:
    """Each act's first stamp: the earliest root revision (the same in every vault that holds it)."""
    out: dict[str, str] = {}
    for marks, chunk in sql_slices(sorted(set(acts))):
        out.update((str(r), str(h)) for r, h in conn.exec_driver_sql(
            f"SELECT record, min(hlc) FROM revision WHERE record IN ({marks}) AND parents = '[]' GROUP BY record",
            chunk))
    return out


def _order(first: dict[str, str], act: str) -> tuple[str, str]:
    return first.get(act, "~"), act


def _decisions(conn: Connection) -> list[tuple[str, str, str]]:
    return [(str(a), str(b), str(d)) for a, b, d in conn.exec_driver_sql(
        "SELECT act_a, act_b, decision FROM act_link WHERE deleted = 0")]


def _current_acts(conn: Connection, acts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for marks, chunk in sql_slices(sorted(set(acts))):
        found.update(str(u) for (u,) in conn.exec_driver_sql(
            f"SELECT uuid FROM act WHERE uuid IN ({marks}) AND deleted = 0", chunk))
    return found


def uncounted(conn: Connection) -> frozenset[str]:
    """The acts a "same act" decision makes double reports: every act of a group of acts decided the
    same except the one recorded first. Reports leave these out."""
    same = [(a, b) for a, b, d in _decisions(conn) if d == "same"]
    if not same:
        return frozenset()
    current = _current_acts(conn, (x for pair in same for x in pair))
    groups = _Groups()
    for a, b in same:
        if a in current and b in current:
            groups.join(a, b)
    first = _first_recorded(conn, current)
    out: set[str] = set()
    for members in groups.members(x for pair in same for x in pair if x in current):
        members = sorted(set(members), key=lambda act: _order(first, act))
        out.update(members[1:])
    return frozenset(out)


def uncounted_json(acts: frozenset[str]) -> str:
    """uncounted()'s acts as one SQL parameter: `a.uuid NOT IN (SELECT value FROM json_each(?))`."""
    return json.dumps(sorted(acts))


# What two reports of one act share besides the human: the event's date as written, the act type, the
# code and the article ("" for none, so two acts without an article match; the part may differ).
_KEY = "e.date, a.act_type, coalesce(a.legal_code, ''), coalesce(a.article, '')"
# Acts first, each looking its event up (CROSS JOIN keeps that order), found through an index when the
# condition names them (by id, by person).
_JOINED = "FROM act a CROSS JOIN event e ON e.uuid = a.event WHERE "
# Current acts of a current event, less those already counted through the act they double (one parameter).
CURRENT = "a.deleted = 0 AND e.deleted = 0 AND a.uuid NOT IN (SELECT value FROM json_each(?))"


# Every person record's groups of two or more acts `where` picks that may be one act: the keys the
# running counts hold for two or more current acts (migration 0008, through its partial index), then
# the person's acts on an event of the key's date, from two indexes alone (x: the act as its person's
# index entry holds it, e: the event's ix_event_dates), and only those acts read (a) and tested
# against `where` (one parameter list). Reading each act and event row of the person is a random page.
_TALLIED = ("SELECT a.person, group_concat(a.uuid) FROM tally_key k "
            "CROSS JOIN act x ON x.person = k.person AND x.deleted = 0 "
            "CROSS JOIN event e ON e.uuid = x.event AND e.date = k.date CROSS JOIN act a ON a.rowid = x.rowid "
            "WHERE k.acts > 1 AND +a.act_type = k.act_type AND coalesce(a.legal_code, '') = k.legal_code "
            "AND coalesce(a.article, '') = k.article AND {where} "
            "GROUP BY k.person, k.date, k.act_type, k.legal_code, k.article HAVING count(*) > 1")


def record_groups_sql(where: str) -> str:
    return _TALLIED.format(where=where)


def record_groups(conn: Connection, where: str, args: tuple[str, ...]) -> list[tuple[str, str]]:
    """The groups of two or more acts `where` picks (a: the act, e: its event; its parameters: args)
    of one person record that may be one act reported twice: (person, "uuid,uuid")."""
    return [(str(p), str(m)) for p, m in conn.exec_driver_sql(record_groups_sql(where), args)]


def humans_among(conn: Connection, records: int, where: str, args: tuple[str, ...]) -> int:
    """How many humans `records` person records of the acts `where` picks are: records a coordinator
    linked as one person count once."""
    humans = _humans(conn)
    linked = sorted({x for pair in humans.parent.items() for x in pair})
    present: set[str] = set()  # linked records among the acts' persons: each human counts once
    for marks, chunk in sql_slices(linked):
        present.update(str(p) for (p,) in conn.exec_driver_sql(
            f"SELECT DISTINCT a.person {_JOINED}{where} AND a.person IN ({marks})", (*args, *chunk)))
    return records - len(present) + len({humans.find(p) for p in present})


def _living(conn: Connection, persons: Iterable[str]) -> set[str]:
    """The person records among these that are current (an act of a deleted record is no candidate)."""
    found: set[str] = set()
    for marks, chunk in sql_slices(sorted(set(persons))):
        found.update(str(u) for (u,) in conn.exec_driver_sql(
            f"SELECT uuid FROM person WHERE uuid IN ({marks}) AND deleted = 0", chunk))
    return found


def _by_human(conn: Connection, humans: _Groups, rows: list[Any]) -> list[list[str]]:
    """Rows (uuid, person, *key) grouped by human and key; the groups of two or more."""
    persons = _living(conn, (str(r[1]) for r in rows))
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for uuid, person, *key in rows:
        if str(person) in persons:
            groups[(humans.find(str(person)), *map(str, key))].append(str(uuid))
    return [members for members in groups.values() if len(members) > 1]


def _pairs(conn: Connection, groups: Iterable[list[str]]) -> list[tuple[str, str]]:
    """Every undecided pair (smaller uuid first) within each group, sorted."""
    decided = {(a, b) for a, b, _ in _decisions(conn)}
    return sorted((a, b) for members in groups for a, b in combinations(sorted(members), 2) if (a, b) not in decided)


def pairs_from(conn: Connection, found: Iterable[tuple[str, str | None]], where: str,
               args: tuple[str, ...]) -> list[tuple[str, str]]:
    """Candidate pairs from groups of acts of one record (person, "uuid,uuid"): the groups of records no
    one linked to another as they are, and the acts `where` picks of records linked as one human fetched
    and regrouped by human."""
    humans = _humans(conn)
    linked = sorted({x for pair in humans.parent.items() for x in pair})
    shared = set(linked)
    alone = [(str(person), str(members)) for person, members in found if members and str(person) not in shared]
    persons = _living(conn, (person for person, _ in alone))
    groups = [group.split(",") for person, members in alone if person in persons for group in members.split(";")]
    rows: list[Any] = []
    for marks, chunk in sql_slices(linked):
        rows += conn.exec_driver_sql(f"SELECT a.uuid, a.person, {_KEY} {_JOINED}{where} AND e.date IS NOT NULL "
                                     f"AND a.person IN ({marks})", (*args, *chunk)).fetchall()
    return _pairs(conn, groups + _by_human(conn, humans, rows))


def candidate_pairs(conn: Connection, gone: frozenset[str] | None = None, *,
                    among: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Undecided pairs (smaller uuid first) of current acts that may be one act reported twice; `gone`
    is uncounted(conn) when the caller has it already. A report that counts only pairs among the acts
    it shows passes them (`among`): a pair counts only when both are shown."""
    gone = uncounted(conn) if gone is None else gone
    args = (uncounted_json(gone),)
    if among is None:  # grouped by person record in the running counts
        return pairs_from(conn, record_groups(conn, CURRENT, args), CURRENT, args)
    rows: list[Any] = []
    for marks, chunk in sql_slices(sorted(set(among))):
        rows += conn.exec_driver_sql(f"SELECT a.uuid, a.person, {_KEY} {_JOINED}{CURRENT} AND e.date IS NOT NULL "
                                     f"AND a.uuid IN ({marks})", (*args, *chunk)).fetchall()
    return _pairs(conn, _by_human(conn, _humans(conn), rows))


def possible_doubles_among(conn: Connection, acts: Iterable[str], gone: frozenset[str] | None = None) -> int:
    """How many of a report's acts may be double reports (possible_doubles over the pairs among them)."""
    shown = sorted(set(acts))
    return possible_doubles(shown, candidate_pairs(conn, gone, among=shown)) if shown else 0


def _names(conn: Connection) -> dict[str, str]:
    names = {str(k): str(n) for k, n in conn.exec_driver_sql("SELECT key_id, display_name FROM trusted_key")}
    own = settings.get(conn, "display_name") or ""
    for (public,) in conn.exec_driver_sql("SELECT public_key FROM identity"):
        names[key_id(bytes(public))] = own
    return names


def _recorders(conn: Connection, acts: list[str]) -> dict[str, str | None]:
    """Who recorded each act, as far as this vault can prove it (authorship.proven_authors, as the
    conflicts and the case summary show authors): the author of its first revision, else None."""
    roots: dict[str, str] = {}
    for marks, chunk in sql_slices(sorted(set(acts))):
        for record, rev_id in conn.exec_driver_sql(
                f"SELECT record, id FROM revision WHERE record IN ({marks}) AND parents = '[]' ORDER BY hlc DESC",
                chunk):
            roots[str(record)] = str(rev_id)  # the earliest root is read last
    proven = proven_authors(conn, roots.values())
    return {act: proven.get(rev) for act, rev in roots.items()}


def _sides(conn: Connection, acts: list[str]) -> dict[str, ActSide]:
    names = _names(conn)
    first = _first_recorded(conn, acts)
    recorders = _recorders(conn, acts)
    out: dict[str, ActSide] = {}
    for marks, chunk in sql_slices(sorted(set(acts))):
        for row in conn.exec_driver_sql(_SIDE + f"WHERE a.uuid IN ({marks})", chunk):
            values = dict(zip(_SIDE_FIELDS, row, strict=True))
            author = recorders.get(str(row[0]))
            out[str(row[0])] = ActSide(**values, recorded_by=names.get(author, "") if author else tr(UNPROVEN),
                                       recorded=first.get(str(row[0]), ""))
    return out


def find_double_acts(conn: Connection, limit: int = 1000) -> list[ActPair]:
    """Undecided pairs of acts that may be one act reported twice, by date, then person."""
    pairs = candidate_pairs(conn)
    sides = _sides(conn, [x for pair in pairs for x in pair])
    out = []
    for a, b in pairs:
        first, second = sorted((sides[a], sides[b]), key=lambda s: (s.recorded or "~", s.uuid))
        out.append(ActPair(first, second))
    out.sort(key=lambda p: (p.a.date or "", p.a.name, p.a.uuid, p.b.uuid))
    return out[:limit]


def decide_acts(vault: Vault, a: str, b: str, action: str, note: str | None = None) -> str:
    """Record the coordinator's decision about acts a and b ("same" or "different"); returns the
    decision record's id. Deciding again edits the same record, so the audit trail shows every change."""
    if action not in ACTIONS:
        raise InputError("Choose same or different.")
    if a == b:
        raise InputError("An act cannot be a double report of itself.")
    uuid = act_link_id(a, b)
    first, second = sorted((a, b))
    fields: dict[str, Any] = {"act_a": first, "act_b": second, "decision": action, "note": note}
    with vault.transaction() as conn:
        for act in (a, b):
            if not conn.exec_driver_sql("SELECT 1 FROM act WHERE uuid = ? AND deleted = 0", (act,)).first():
                raise InputError("No act {act}.", act=act)
        changes = vault.changeset()
        if conn.exec_driver_sql("SELECT 1 FROM act_link WHERE uuid = ?", (uuid,)).first():
            changes.update(conn, "act_link", uuid, fields)
        else:
            changes.create("act_link", fields, record=uuid)
        vault.commit(changes, conn)
    return uuid


def act_decisions(conn: Connection) -> list[ActDecision]:
    """Every current decision about a pair of acts, newest first."""
    return [ActDecision(*(str(v) if v is not None else None for v in row))  # type: ignore[arg-type]
            for row in conn.exec_driver_sql(
                "SELECT uuid, act_a, act_b, decision, note, author FROM act_link WHERE deleted = 0 "
                "ORDER BY hlc DESC")]


def one_act(conn: Connection, query: str) -> str:
    """The one current act an id or the start of an id names (as the Duplicates list shows it)."""
    text = query.strip().lower()
    if len(text) < 4 or not all(c in "0123456789abcdef" for c in text):
        raise InputError("No act {act}.", act=query)
    rows = conn.exec_driver_sql("SELECT uuid FROM act WHERE uuid LIKE ? AND deleted = 0 LIMIT 2",
                                (text + "%",)).fetchall()
    if not rows:
        raise InputError("No act {act}.", act=query)
    if len(rows) > 1:
        raise InputError("Several acts start with {act}; give more of the id.", act=query)
    return str(rows[0][0])


def possible_doubles(included: Iterable[str], pairs: Iterable[tuple[str, str]]) -> int:
    """How many of the included acts may be double reports: in each group of included acts joined by
    undecided candidate pairs, all but one."""
    shown = set(included)
    groups = _Groups()
    touched: set[str] = set()
    for a, b in pairs:
        if a in shown and b in shown:
            groups.join(a, b)
            touched.update((a, b))
    return sum(len(members) - 1 for members in groups.members(touched))


def doubles_note(n: int, lang: str | None = None) -> str:
    """The hint every report with undecided candidates carries."""
    return ntr("Includes {n} possible double report: see Probable duplicates.",
               "Includes {n} possible double reports: see Probable duplicates.", n, lang, n=n)


def counted_once_note(n: int, lang: str | None = None) -> str:
    """What a report says of acts decided to be double reports (left out)."""
    return ntr("{n} act reported twice is counted once.", "{n} acts reported twice are counted once.", n, lang, n=n)
