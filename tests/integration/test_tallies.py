"""The running counts (migration 0008's triggers) after any write, and the statistics read from them.

Writes are drawn at random and made in raw SQL, so that every transition a trigger must follow is
reached (an act moved to another event, an event undeleted, a row removed, a day stored as text),
not only those today's writers make. After each run of writes the counts must equal the acts', and
the statistics of several periods must equal a reference computed here in Python from the rows, with
none of the report's SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzdesk.core.exchange.duplicate_acts import uncounted
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model import tallies
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.reports import period_stats
from kzdesk.core.vault.kdf import floor_params

from ..bench import load_bench

# Whole months, end months only, a single day, across a year's end, nothing inside, and everything.
PERIODS = (("2015-01-01", "2025-12-31"), ("2021-03-15", "2022-02-10"), ("2022-01-01", "2022-01-31"),
           ("2019-12-31", "2020-01-01"), ("2020-06-01", "2020-05-31"), ("0001-01-01", "9999-12-31"))
# Days on each side of the periods' ends, in the months just inside them, no date, and first days no
# version writes today but a vault may hold (a month alone, a day past the month's end): in their
# month's counts, yet outside a period of that whole month.
DAYS = ("2019-12-31", "2020-01-01", "2021-03-15", "2021-03-14", "2021-04-30", "2022-01-05", "2022-01-31",
        "2022-02-10", "2022-02-11", "2015-01-01", "2015-02-03", "2025-11-30", "2025-12-31", None, "",
        "2022-01", "2025-12-99")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    base = tmp_path_factory.mktemp("tallies")
    sheet = load_bench("generate").write_csv(base / "rows.csv", 300, seed=11)
    vault = Vault.create(base / "v", "pass phrase", Profile("coordinator", "Almaty", ""), kdf=floor_params())
    import_csv(vault, sheet)
    yield vault
    vault.close()


def _reference(rows: dict[str, list[Any]], gone: frozenset[str], start: str, end: str) -> dict[str, Any]:
    """The report's figures from the rows, in Python."""
    events = {e[0]: e for e in rows["event"]}
    out: dict[str, Any] = {"acts": 0, "arrest_days": 0, "fines_kzt": 0, "unreadable": 0, "undated": 0}
    months: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    types: Counter[str] = Counter()
    articles: Counter[str | None] = Counter()
    persons = set()
    for uuid, event, person, act_type, code, article, days, fine, deleted in rows["act"]:
        e = events.get(event)
        if deleted or e is None or e[5] or uuid in gone:
            continue
        day = e[1]
        if not day:
            out["undated"] += 1
            continue
        if not start <= day <= end:
            continue
        out["acts"] += 1
        out["arrest_days"] += days if isinstance(days, int) else 0
        out["fines_kzt"] += fine if isinstance(fine, int) else 0
        out["unreadable"] += not isinstance(days, int | None) or not isinstance(fine, int | None)
        months[day[:7]] += 1
        cities[e[2] or e[3] or ""] += 1
        types[act_type] += 1
        if article is not None:
            articles[None if code is None else f"{code} {article}"] += 1
        persons.add(person)
    out.update(by_month=dict(months), by_city=dict(cities), by_type=dict(types),
               by_article={str(k): n for k, n in articles.items()}, persons=len(persons))
    return out


def _rows(conn: Any) -> dict[str, list[Any]]:
    return {"event": conn.exec_driver_sql("SELECT uuid, date_start, city, city_text, date, deleted FROM event").all(),
            "act": conn.exec_driver_sql("SELECT uuid, event, person, act_type, legal_code, article, arrest_days, "
                                        "fine_kzt, deleted FROM act").all()}


EVENT = ("uuid, author, rev, hlc, deleted, date, date_precision, date_start, date_end, city, city_text, "
         "region, region_text, place, occasion, title, description, consent")
WRITE = st.tuples(st.integers(0, 10), st.integers(0, 10_000), st.integers(0, 10_000))


def _write(conn: Any, kind: int, x: int, y: int) -> None:
    """One raw write of kind `kind` on the x-th act or event (y picks a value or another row)."""
    act = f"(SELECT uuid FROM act ORDER BY uuid LIMIT 1 OFFSET {x} % (SELECT count(*) FROM act))"
    event = f"(SELECT uuid FROM event ORDER BY uuid LIMIT 1 OFFSET {x} % (SELECT count(*) FROM event))"
    other = f"(SELECT uuid FROM event ORDER BY uuid LIMIT 1 OFFSET {y} % (SELECT count(*) FROM event))"
    day = DAYS[y % len(DAYS)]
    statements = {
        0: (f"UPDATE event SET date_start = ?, date = ? WHERE uuid = {event}", (day, day)),
        1: (f"UPDATE event SET city = NULL, city_text = ? WHERE uuid = {event}", (["Оңтүстік", None][y % 2],)),
        2: (f"UPDATE event SET deleted = 1 - deleted WHERE uuid = {event}", ()),
        3: (f"UPDATE act SET deleted = 1 - deleted WHERE uuid = {act}", ()),
        4: (f"UPDATE act SET event = {other} WHERE uuid = {act}", ()),
        5: (f"UPDATE act SET act_type = ?, legal_code = ?, article = ? WHERE uuid = {act}",
            (["fine", "warning"][y % 2], [None, "CoAO"][y // 2 % 2], [None, "488", "400"][y % 3])),
        6: (f"UPDATE act SET arrest_days = ?, fine_kzt = ? WHERE uuid = {act}",
            ([None, 15, "12 суток"][y % 3], [None, 34_500][y // 3 % 2])),
        7: (f"DELETE FROM act WHERE uuid = {act}", ()),
        8: ("INSERT INTO act (uuid, author, rev, hlc, deleted, event, person, act_type, consent) "
            f"SELECT lower(hex(randomblob(16))), author, rev, hlc, 0, {other}, person, act_type, consent "
            f"FROM act WHERE uuid = {act}", ()),
        9: (f"INSERT INTO event ({EVENT}) SELECT lower(hex(randomblob(16))), {EVENT.partition(', ')[2]} "
            f"FROM event WHERE uuid = {event}", ()),
        10: (f"DELETE FROM event WHERE uuid = {event}", ()),
    }
    sql, args = statements[kind]
    conn.exec_driver_sql(sql, args)
    if kind == 9:  # an event that arrives after its acts: some acts moved onto the new one
        conn.exec_driver_sql(f"UPDATE act SET event = (SELECT uuid FROM event ORDER BY rowid DESC LIMIT 1) "
                             f"WHERE uuid = {act}")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=st.lists(WRITE, min_size=1, max_size=12))
def test_counts_follow_every_write(sample: Vault, writes: list[tuple[int, int, int]]) -> None:
    with sample.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # an act may outlive its event, or come first
        conn.commit()
        try:
            for write in writes:
                _write(conn, *write)
            assert tallies.differing(conn) == []
            rows, gone = _rows(conn), uncounted(conn)
            for start, end in PERIODS:
                stats = period_stats.compute(conn, start, end)
                want = _reference(rows, gone, start, end)
                assert {k: v for k, v in stats.to_json().items() if k in want} == want, (start, end)
        finally:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.commit()


def test_every_boundary_day_counts_once(sample: Vault) -> None:
    """An event moved onto each day around the periods' ends (the last day of a month, the first of the
    next, a month just inside) is counted in exactly the periods that hold that day."""
    with sample.engine.connect() as conn:
        try:
            events = conn.exec_driver_sql("SELECT uuid FROM event WHERE deleted = 0 ORDER BY uuid LIMIT ?",
                                          (len(DAYS),)).scalars().all()
            for uuid, day in zip(events, DAYS, strict=True):
                conn.exec_driver_sql("UPDATE event SET date_start = ?, date = ? WHERE uuid = ?", (day, day, uuid))
            assert tallies.differing(conn) == []
            rows = _rows(conn)
            for start, end in PERIODS:
                want = _reference(rows, frozenset(), start, end)
                assert {k: v for k, v in period_stats.compute(conn, start, end).to_json().items() if k in want} == want
        finally:
            conn.rollback()


def test_check_counts_them_again_when_they_differ(vault_path: Path, kz: Any) -> None:
    """Counts that differ from the records (no writer should ever leave them so) are found by
    `kzdesk check --structure` and counted again from the records; the records are left as they were."""
    from ..vaults import PASSPHRASE

    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO tally_person VALUES ('2022-01', 'nobody', 3)")
        revisions = conn.exec_driver_sql("SELECT count(*) FROM revision").scalar_one()
    assert "counted again" not in kz("check", vault=vault_path).out  # only the structure check looks
    result = kz("check", "--structure", vault=vault_path)
    assert result.code == 0 and "counted again" in result.out and "intact" in result.out
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        assert tallies.differing(conn) == []
        assert conn.exec_driver_sql("SELECT count(*) FROM revision").scalar_one() == revisions
    assert "counted again" not in kz("check", "--structure", vault=vault_path).out
