"""Every figure of the statistics, the chronology and the case summaries, pinned on a generated vault.

The vault is the bench generator's spreadsheet (1,500 rows: several years, months and years as dates,
no date at all, cities as written) imported as a coordinator would, then worked on the way a
coordinator does: person records linked and merged as one human, acts decided "same" (a pair and a
chain of three) and "different", acts and an event deleted, days and a fine stored as text by an
older version, some persons and events made public. The figures in data/stats_pinned.json are what
the reports said before their queries were rewritten for speed; any change to a number fails here.

To write the file again after a deliberate change of what the reports count:
KZDESK_PIN_WRITE=1 pytest tests/integration/test_stats_pinned.py
"""

from __future__ import annotations

import itertools
import json
import os
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import Connection

from kzdesk.core.exchange.duplicate_acts import candidate_pairs, decide_acts, find_double_acts, uncounted
from kzdesk.core.exchange.links import decide
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model import tallies
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports import case, chronology, period_stats
from kzdesk.core.reports.stats import vault_stats

from ..bench import load_bench
from ..vaults import DATA

PINNED = DATA / "stats_pinned.json"
PERIODS = (("0001-01-01", "9999-12-31"), ("2015-01-01", "2025-12-31"), ("2021-01-01", "2021-12-31"),
           ("2021-12-01", "2021-12-31"), ("2022-01-01", "2022-01-31"), ("2023-01-01", "2023-12-31"),
           ("2019-03-01", "2019-03-31"), ("2017-01-01", "2017-06-30"), ("2015-02-01", "2015-03-31"))  # short ones


def _names(conn: Connection, table: str = "person") -> dict[str, str]:
    return {str(u): str(n) for u, n in conn.exec_driver_sql(f"SELECT uuid, name FROM {table}")}


def _groups(conn: Connection) -> list[list[tuple[str, str]]]:
    """Candidate groups of acts as (person name, act uuid), each sorted, the groups in an order that
    does not depend on the random uuids."""
    names = _names(conn)
    person = {str(a): str(p) for a, p in conn.exec_driver_sql("SELECT uuid, person FROM act")}
    order = {str(a): int(n) for a, n in conn.exec_driver_sql("SELECT uuid, rowid FROM act")}  # import order
    joined: dict[str, set[str]] = defaultdict(set)
    for a, b in candidate_pairs(conn):
        group = joined[a] | joined[b] | {a, b}
        for x in group:
            joined[x] = group
    unique = {frozenset(g) for g in joined.values()}
    described = [[(names[person[x]], x) for x in sorted(g, key=lambda x: (names[person[x]], order[x]))]
                 for g in unique]
    return sorted(described, key=lambda g: [(n, order[x]) for n, x in g])


def _copy(vault: Vault, act: str, person: str | None = None, times: int = 1) -> None:
    """Another report of an act (the same event, type and article), against the same or another record."""
    with vault.transaction() as conn:
        row = dict(conn.exec_driver_sql("SELECT event, person, act_type, legal_code, article FROM act "
                                        "WHERE uuid = ?", (act,)).mappings().one())
        changes = vault.changeset()
        for _ in range(times):
            changes.create("act", {**row, "person": person or row["person"]})
        vault.commit(changes, conn)


def _first_act(vault: Vault, person: str) -> str:
    with vault.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT a.uuid FROM act a JOIN event e ON e.uuid = a.event "
                                        "WHERE a.person = ? AND e.date IS NOT NULL "
                                        "ORDER BY e.date, a.act_type, a.rowid LIMIT 1", (person,)).scalar())


def _work(vault: Vault) -> None:
    """What a coordinator does to the imported month, chosen by names, never by uuid."""
    with vault.engine.connect() as conn:
        people = [u for _, u in sorted((n, u) for u, n in _names(conn).items())]
    # The same act reported against two records: linked, merged, and two that stay two persons.
    for one, other in ((3, 4), (20, 21), (30, 31)):
        _copy(vault, _first_act(vault, people[one]), people[other])
    decide(vault, people[3], people[4], "link")
    decide(vault, people[10], people[11], "link")
    decide(vault, people[20], people[21], "merge")
    with vault.engine.connect() as conn:
        groups = _groups(conn)
    assert len(groups) >= 6, "the generated month must hold candidates"
    _copy(vault, groups[-1][0][1], times=2)  # four reports of one act
    _copy(vault, groups[-2][0][1])  # three reports, left undecided
    with vault.engine.connect() as conn:
        groups = _groups(conn)
    # Pairs within one record are decided; the pairs across linked and merged records stay open.
    pairs = [g for g in groups if len(g) == 2 and g[0][0] == g[1][0]]
    assert len(pairs) >= 3 and [len(g) for g in groups].count(3) >= 1
    assert any(g[0][0] != g[-1][0] for g in groups)
    decide_acts(vault, pairs[0][0][1], pairs[0][1][1], "same")
    decide_acts(vault, pairs[1][0][1], pairs[1][1][1], "different")
    chain = [x for _, x in next(g for g in groups if len(g) == 4)]
    for a, b in itertools.pairwise(chain):
        decide_acts(vault, a, b, "same")  # a chain: all but one are double reports
    # A decided act later deleted, an act of an undecided pair deleted, an event deleted.
    with vault.transaction() as conn:
        changes = vault.changeset()
        changes.delete(conn, "act", pairs[2][1][1])
        changes.delete(conn, "act", pairs[0][0][1])
        event = conn.exec_driver_sql(
            "SELECT e.uuid FROM event e JOIN act a ON a.event = e.uuid JOIN person p ON p.uuid = a.person "
            "WHERE e.date_start LIKE '2021-12%' ORDER BY p.name, a.act_type, a.rowid LIMIT 1").scalar_one()
        changes.delete(conn, "event", str(event))
        # Some persons and events may be published (the chronology tells only those).
        for i, uuid in enumerate(people):
            if i % 3 == 0:
                changes.update(conn, "person", uuid, {"consent": "public"})
        vault.commit(changes, conn)
    with vault.transaction() as conn:
        for uuid in people[::2]:
            conn.exec_driver_sql("UPDATE event SET consent = 'public' WHERE uuid IN "
                                 "(SELECT event FROM act WHERE person = ?)", (uuid,))
        # Values an older version let through as text: never summed, counted as unreadable.
        conn.exec_driver_sql("UPDATE act SET arrest_days = '12 суток' WHERE uuid = (SELECT a.uuid FROM act a "
                             "JOIN person p ON p.uuid = a.person WHERE a.arrest_days IS NOT NULL "
                             "ORDER BY p.name, a.arrest_days, a.rowid LIMIT 1)")
        conn.exec_driver_sql("UPDATE act SET fine_kzt = '5 МРП' WHERE uuid = (SELECT a.uuid FROM act a "
                             "JOIN person p ON p.uuid = a.person WHERE a.fine_kzt IS NOT NULL "
                             "ORDER BY p.name DESC, a.fine_kzt, a.rowid LIMIT 1)")


def figures(conn: Connection) -> dict[str, Any]:
    """Every number the reports give, keyed so that no random uuid appears."""
    names = _names(conn)
    out: dict[str, Any] = {"vault": vault_stats(conn).to_json()}
    for start, end in PERIODS:
        out[f"stats {start} {end}"] = period_stats.compute(conn, start, end).to_json()
        chron = chronology.gather(conn, start, end, None, "en")
        out[f"chronology {start} {end}"] = {
            "entries": len(chron.entries), "undated": len(chron.undated), "withheld": chron.withheld,
            "possible_doubles": chron.possible_doubles, "sources": len(chron.sources),
            "statements": sum(len(e.statements) for e in chron.entries + chron.undated)}
    cases = {}
    for uuid in sorted({str(p) for (p,) in conn.exec_driver_sql("SELECT person FROM act WHERE deleted = 0")}):
        content = case.gather(conn, uuid)
        cases[names[uuid]] = [len(content["acts"]), content.get("possible_doubles", 0)]
    out["cases"] = dict(sorted(cases.items()))
    out["uncounted"] = len(uncounted(conn))
    out["pairs"] = sorted([*sorted((p.a.name, p.b.name)), p.a.date or "", p.a.act_type]
                          for p in find_double_acts(conn))
    return out


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from kzdesk.core.model.vault import Profile
    from kzdesk.core.vault.kdf import floor_params

    base = tmp_path_factory.mktemp("pinned")
    sheet = load_bench("generate").write_csv(base / "rows.csv", 1500, seed=17)
    with Vault.create(base / "v", "pass phrase", Profile("coordinator", "Almaty", ""), kdf=floor_params()) as vault:
        import_csv(vault, sheet)
        _work(vault)
        with vault.engine.connect() as conn:
            return {**figures(conn), "running counts": tallies.differing(conn)}


def test_every_figure_is_what_it_was(worked: dict[str, Any]) -> None:
    if os.environ.get("KZDESK_PIN_WRITE"):
        PINNED.write_text(json.dumps(worked, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    for key in pinned:  # the order of each breakdown is the report's order: compared too
        assert json.dumps(worked[key], ensure_ascii=False) == json.dumps(pinned[key], ensure_ascii=False), key
    assert sorted(key for key in worked if key != "running counts") == sorted(pinned)


def test_the_pinned_vault_holds_what_it_says(worked: dict[str, Any]) -> None:
    """The pin is only worth something if the vault has every case the reports treat apart."""
    everything = worked["stats 0001-01-01 9999-12-31"]
    assert everything["doubles"] >= 2 and everything["possible_doubles"] >= 3
    assert everything["unreadable"] == 2 and everything["undated"] > 0
    assert worked["vault"]["possible_doubles"] > 0 and worked["uncounted"] >= 2
    assert any(n for _, n in worked["cases"].values())
    assert any(worked[f"chronology {a} {b}"]["possible_doubles"] for a, b in PERIODS)
    assert any(worked[f"chronology {a} {b}"]["withheld"] for a, b in PERIODS)
    assert everything["persons"] < len(worked["cases"])  # linked records count as one human
    assert worked["stats 2015-02-01 2015-03-31"]["possible_doubles"]  # a short period's, across linked records


def test_passes_read_only_what_they_need(vault: Vault) -> None:
    """At a million acts every read of an act row is a random page, decrypted and checked. The overall
    figures read the act table in stored order, each act looking its event up (through an index on act
    SQLite would read the act rows in that index's order, a page each). A period reads its whole
    months from the running counts, the acts of an end month it covers in part through the date
    index, and its candidate double reports from the keys of two or more acts, each key's acts found
    through indexes before any act row is read."""
    from kzdesk.core.exchange import duplicate_acts
    from kzdesk.core.reports import stats

    def plan(sql: str, args: tuple[str, ...]) -> list[str]:
        return [str(row[3]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, args)]

    # a period from 15 January to 20 December: both end months read in part, from their acts
    ends = ((period_stats._END.format(upto="<"), ("[]", "2015-01-15", "2015-02")),
            (period_stats._END.format(upto="<="), ("[]", "2025-12", "2025-12-20")))
    persons = period_stats._PERSONS.format(months="month > ? AND month < ?", ends="".join(
        f" UNION SELECT a.person FROM act a JOIN event e ON e.uuid = a.event WHERE {where}" for where, _ in ends))
    with vault.engine.connect() as conn:
        overall = plan(stats._FIGURES, ("[]",))
        assert [step for step in overall if step.startswith(("SCAN a", "SEARCH a"))] == ["SCAN a"], overall
        assert any(step.startswith("SEARCH e USING") and "(uuid=?)" in step for step in overall), overall
        groups = plan(duplicate_acts.record_groups_sql(period_stats.PERIOD), ("[]", "a", "b"))
        assert groups[0] == "SCAN k USING INDEX ix_tally_key_many", groups
        assert groups[1:4] == ["SEARCH x USING COVERING INDEX ix_act_person (person=? AND deleted=?)",
                               "SEARCH e USING COVERING INDEX ix_event_dates (uuid=? AND deleted=? AND date=?)",
                               "SEARCH a USING INTEGER PRIMARY KEY (rowid=?)"], groups
        for sql, args in ((period_stats._FIGURES.format(where=ends[0][0]), ends[0][1]),
                          (persons, ("a", "b", "[]", *ends[0][1], *ends[1][1]))):
            steps = plan(sql, args)
            assert not [step for step in steps if step.startswith(("SCAN a", "SCAN e"))], steps
            assert any("ix_event_live_date (date_start>? AND date_start<?)" in step for step in steps), steps


def test_running_counts_agree_with_the_acts(worked: dict[str, Any]) -> None:
    """After every kind of write the coordinator's work made (import, edits, deletions, merges of
    person records, decisions), the triggers' counts are the acts' counts."""
    assert worked["running counts"] == []
