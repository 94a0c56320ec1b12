"""What the import's first pass keeps of each event_ref: small whatever the rows hold, and enough for the
store pass to give the event the fields its rows agree on (later rows filling in what the first left empty)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from kzdesk.core.ingest.csv_import import _check, check_bytes
from kzdesk.core.ingest.sheets import Sheet
from kzdesk.core.model.vocab import vocabulary


def test_a_later_row_fills_in_what_the_first_row_of_an_event_left_empty() -> None:
    data = ("person,event_type,date,city,place,consent,event_ref\n"
            "Ким Виктор,fine,,,,confidential,e1\n"
            "Әбілов Мұрат,fine,2021-12,Орал,,public,e1\n"
            "Иванова Ирина,fine,,,у акимата,anonymised,e1\n"
            "Ли Ольга,fine,2021-12-05,,,,e2\n").encode()
    checked = check_bytes(data)
    assert checked.problems == []
    first, second, third, other = checked.rows
    assert (first.event["date"], first.event["date_precision"], first.event["date_start"]) == \
        ("2021-12", second.event["date_precision"], "2021-12-01")
    assert first.event["city"] == second.event["city"] == vocabulary().city("Орал")
    assert first.event["place"] == "у акимата"
    assert first.event["consent"] == "public"  # no event_consent: the loosest act level of its rows
    assert first.event_last == third.event_last == 4 and other.event_last == 5
    assert second.event["place"] is None  # only the first row carries the merged event


def test_rows_of_one_event_that_disagree_are_refused_where_a_group_was_filled_in() -> None:
    data = ("person,event_type,date,city,event_ref\n"
            "A,fine,,,e1\nB,fine,2021-12-01,Орал,e1\nC,fine,2021-12-02,,e1\nD,fine,,Уральск,e1\n"
            "E,fine,2021-12-01,Semey,e1\n").encode()
    problems = [(p.row, p.column, p.params) for p in check_bytes(data).problems]
    # Орал and Уральск are one city; Semey is not (nor in its region), and row 4's 2 December is not
    # row 3's 1 December.
    assert problems == [(4, "date", {"first": 2}), (6, "city", {"first": 2}), (6, "region", {"first": 2})]


def test_the_first_pass_keeps_a_small_digest_of_each_event_ref_not_its_cells(tmp_path: Path) -> None:
    refs = 2000
    lines = ["person,event_type,date,place,occasion,event_ref"]
    for n in range(refs):
        # Long, distinct texts in every event's cells: what is kept per event_ref must not grow with them.
        lines.append(f"Ким {n},fine,2021-12-05,{'площадь ' * 120}{n},{'митинг ' * 120}{n},событие-{'x' * 300}-{n}")
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    vocab = vocabulary()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        with Sheet(path) as sheet:
            check = _check(sheet, vocab)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert check.rows == refs and len(check.events) == refs and not check.problems
    assert kept < refs * 250, f"{kept / refs:.0f} bytes kept per event_ref"


def test_check_says_which_row_starts_an_event_when_its_first_row_is_refused(kz, vault_path: Path,
                                                                             tmp_path: Path) -> None:
    path = tmp_path / "month.csv"
    path.write_text("person,event_type,date,event_ref\n"
                    "Ким Виктор,fine,2021-13-40,e1\n"  # refused: the event starts on the next good row
                    "Иванова Ирина,fine,,e1\n"
                    "Ли Дина,warning,2021-12-07,e1\n"
                    "Ли Дина,warning,2021-12-08,\n", encoding="utf-8")
    rows = kz("import", str(path), "--check", "--json", vault=vault_path).json()["rows"]
    assert [(r["row"], bool(r["problems"]), r["new_event"]) for r in rows] == \
        [(2, True, False), (3, False, True), (4, False, False), (5, False, True)]


def test_an_act_keeps_its_own_description_only_where_it_differs_from_its_events(kz, vault_path: Path,
                                                                                 tmp_path: Path) -> None:
    from kzdesk.core.model.vault import Vault

    from ..vaults import PASSPHRASE

    path = tmp_path / "month.csv"
    path.write_text("person,event_type,date,description,event_ref\n"
                    "Ким Виктор,fine,2021-12-05,Пикет у акимата,e1\n"
                    "Иванова Ирина,fine,2021-12-05,Пикет у акимата,e1\n"
                    "Ли Дина,warning,2021-12-05,Задержана после пикета,e1\n", encoding="utf-8")
    assert kz("import", str(path), vault=vault_path).code == 0
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        events = conn.exec_driver_sql("SELECT description FROM event").all()
        acts = conn.exec_driver_sql("SELECT description FROM act ORDER BY rowid").all()
    assert [tuple(r) for r in events] == [("Пикет у акимата",)]
    assert [r[0] for r in acts] == [None, None, "Задержана после пикета"]
