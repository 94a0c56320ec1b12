"""The records list finds every match in the same order whichever way it gathers them.

A text matching few events is gathered and sorted; one matching many is answered by walking the
events in date (or place) order. Both must give the same pages, and the count must say "more than
N" only when there are more. The limits are set here so that a vault of a few hundred events takes
both ways."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model import listing
from kzdesk.core.model.listing import RecordFilter, count_records, page_of
from kzdesk.core.model.vault import Vault

SURNAMES = ["Жақсылықов", "Серікбаева", "Ким", "Өтепов", "Zhaksylykov", "Әбілов", "Ғаббасов", "Иванов"]
GIVEN = ["Ерлан", "Айгүл", "Нұрлан", "Динара", "Yerlan", "Сәуле"]
CITIES = ["Almaty", "Астана", "Орал", "Шымкент", "", "село Акши"]
QUERIES = ["Е", "Ерлан", "Жақсылықов Ерлан", "Ким", "zh", "488", "пикет", "Орал", "Ғаббасов Сәуле 7", "qqqq"]


@pytest.fixture
def crowded(vault: Vault, tmp_path: Path) -> Vault:
    rnd = random.Random(3)
    path = tmp_path / "crowded.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["date", "city", "person", "event_type", "legal_code", "article", "part", "description"])
        for i in range(360):
            date = rnd.choice(["2021-12-05", "2022-01", "2023", "", f"2020-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}"])
            article = rnd.choice([("administrative_offences_code", "488", "6"), ("", "", "")])
            writer.writerow([date, rnd.choice(CITIES), f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)} {i % 40}",
                             rnd.choice(["detention", "fine", "warning"]), *article,
                             rnd.choice(["", "Задержан после пикета у акимата"])])
    import_csv(vault, path)
    return vault


def gather(monkeypatch, most: int) -> None:
    """Texts matching up to `most` events are gathered; more are walked."""
    monkeypatch.setattr(listing, "FEW_HITS", most)
    monkeypatch.setattr(listing, "FEWEST_HITS", most)


def every_row(conn, flt: RecordFilter) -> list[str]:
    found, offset = [], 0
    while True:
        page = page_of(conn, flt, offset, 7, count_up_to=0)
        found += [row.uuid for row in page.rows]
        if len(page.rows) < 7:
            return found
        offset += 7


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("sort", ["date", "city"])
def test_the_walk_and_the_gathering_give_the_same_list(crowded: Vault, monkeypatch, query: str, sort: str) -> None:
    with crowded.engine.connect() as conn:
        for narrowed in ({}, {"date_from": "2021-01-01"}, {"act_type": "fine"}):
            for descending in (True, False):
                flt = RecordFilter(text=query, sort=sort, descending=descending, **narrowed)
                gather(monkeypatch, 100_000)
                gathered, gathered_total = every_row(conn, flt), count_records(conn, flt)
                gather(monkeypatch, 2)
                walked, walked_total = every_row(conn, flt), count_records(conn, flt)
                assert walked == gathered and walked_total == gathered_total == len(gathered)
                assert len(set(gathered)) == len(gathered)  # no event twice across pages


def test_dated_events_first_in_date_order_then_the_undated(crowded: Vault) -> None:
    with crowded.engine.connect() as conn:
        rows = every_row(conn, RecordFilter())
        dates = dict(conn.exec_driver_sql("SELECT uuid, date_start FROM event WHERE deleted = 0").fetchall())
    starts = [dates[u] for u in rows]
    dated = [d for d in starts if d is not None]
    assert starts[:len(dated)] == dated == sorted(dated, reverse=True)
    assert all(d is None for d in starts[len(dated):]) and len(dated) < len(starts)


def test_the_count_says_more_than_only_when_there_are_more(crowded: Vault, monkeypatch) -> None:
    monkeypatch.setattr(listing, "COUNT_UP_TO", 50)
    gather(monkeypatch, 20)
    with crowded.engine.connect() as conn:
        everything = count_records(conn, RecordFilter())
        first = page_of(conn, RecordFilter(), 0, 10, count_up_to=50)
        assert everything > 50 and (first.total, first.more) == (50, True)
        broad = page_of(conn, RecordFilter(text="Е"), 0, 10, count_up_to=50)
        assert broad.more and broad.total == 20 and count_records(conn, RecordFilter(text="Е")) > 20
        few = page_of(conn, RecordFilter(text="Ғаббасов Сәуле 7"), 0, 10, count_up_to=50)
        assert not few.more and few.total == count_records(conn, RecordFilter(text="Ғаббасов Сәуле 7"))
