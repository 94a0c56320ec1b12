"""A full export read back into an empty vault gives the same persons, events, acts and field values — in
each language and file format kzdesk writes. A coordinator can move a dataset through a spreadsheet (or
hand it to a partner who sends it back) without losing a field."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kzdesk.core.ingest.csv_import import read_plan, store
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.export import build_table, encode

from ..vaults import make_vault, prepare_month

PERSON = ("name", "gender", "birth_year", "occupation", "affiliation", "contacts", "national_id", "address", "notes",
          "consent")
EVENT = ("date", "date_precision", "date_start", "date_end", "city", "city_text", "region", "region_text", "place",
         "occasion", "description", "consent")
ACT = ("act_type", "legal_code", "article", "part", "arrest_days", "fine_amount", "fine_unit", "fine_kzt", "hours",
       "years", "months", "authority", "court", "judge", "case_number", "decision_date", "appeal", "appeal_outcome",
       "appeal_date", "fine_paid", "fine_paid_by", "description", "consent")


def add_sentence(vault: Vault) -> None:
    """What the month lacks: a sentence with its terms and appeal, a paid fine in MCI with its payer, an act
    with its own description and consent, two sources, a month-precision date and text that looks like a
    formula."""
    with vault.transaction() as conn:
        changes = vault.changeset()
        person = changes.create("person", {"name": "Сейітқали Әсет", "name_key": "сейітқали әсет",
                                           "consent": "anonymised", "gender": "male", "birth_year": 1984,
                                           "occupation": "=журналист", "affiliation": "ДВК"})
        event = changes.create("event", {"date": "2022-03", "date_precision": "month", "date_start": "2022-03-01",
                                         "date_end": "2022-03-31", "city": "almaty", "region": "almaty_city",
                                         "occasion": "+акция", "description": "Суд в Алматы", "consent": "public"})
        sentence = changes.create("act", {"event": event, "person": person, "act_type": "sentence",
                                          "legal_code": "criminal_code", "article": "274", "part": "4",
                                          "years": 4, "months": 6, "hours": 100, "court": "Медеуский суд",
                                          "decision_date": "2022-04-07", "appeal": "upheld",
                                          "appeal_outcome": "оставлен в силе", "appeal_date": "2022-06-01",
                                          "description": "Приговор, отдельно от события", "consent": "public"})
        changes.create("act", {"event": event, "person": person, "act_type": "fine",
                               "legal_code": "administrative_offences_code", "article": "488", "part": "6",
                               "fine_amount": "50", "fine_unit": "MCI", "fine_kzt": 153150, "fine_paid": True,
                               "fine_paid_by": "родственники", "decision_date": "2022-03-03"})
        for url in ("https://example.kz/a", "https://example.kz/b?x=1;y=2"):
            source = changes.create("source", {"url": url})
            changes.create("citation", {"source": source, "target_kind": "act", "target": sentence})
        vault.commit(changes, conn)


def contents(vault: Vault) -> tuple[Counter[tuple[object, ...]], int, int]:
    """Every live act with its person's and event's fields and every source reachable from it; and how
    many events and persons have live acts (the grouping of acts into events and persons)."""
    with vault.engine.connect() as conn:
        sources: dict[str, set[str]] = {}
        for target, url in conn.exec_driver_sql(
                "SELECT c.target, s.url FROM citation c JOIN source s ON s.uuid = c.source "
                "WHERE c.deleted = 0 AND s.deleted = 0"):
            sources.setdefault(target, set()).add(url)
        columns = ", ".join([*(f"p.{c}" for c in PERSON), *(f"e.{c}" for c in EVENT), *(f"a.{c}" for c in ACT),
                             "a.uuid", "a.event", "a.person"])
        rows = conn.exec_driver_sql(
            f"SELECT {columns} FROM act a JOIN event e ON e.uuid = a.event JOIN person p ON p.uuid = a.person "
            "WHERE a.deleted = 0 AND e.deleted = 0 AND p.deleted = 0").all()
    acts: Counter[tuple[object, ...]] = Counter()
    for row in rows:
        act, event, person = row[-3:]
        reachable = set().union(*(sources.get(t, set()) for t in (act, event, person)))
        acts[(*row[:-3], tuple(sorted(reachable)))] += 1
    return acts, len({row[-2] for row in rows}), len({row[-1] for row in rows})


@pytest.mark.parametrize("lang, fmt, delimiter", [("en", "csv", ","), ("ru", "xlsx", ","), ("kk", "csv", ","),
                                                 ("kk", "xlsx", ","), ("ru", "csv", ";")])
def test_a_full_export_comes_back_whole(vault: Vault, tmp_path: Path, lang: str, fmt: str, delimiter: str) -> None:
    prepare_month(vault)
    add_sentence(vault)
    with vault.engine.connect() as conn:
        table = build_table(conn, "full", lang)
    path = tmp_path / f"dataset.{fmt}"
    path.write_bytes(encode(table, fmt, delimiter))
    empty = make_vault(tmp_path / "empty", "coordinator", "Бақыт")
    plan = read_plan(path)
    report = store(empty, plan.rows)
    assert report.acts == len(table.rows) and not report.consent_kept and not report.facts_kept
    assert {n.msgid for n in report.notes} == {"Columns kzdesk computes itself were left out: {columns}."}
    before, after = contents(vault), contents(empty)
    assert after[1:] == before[1:]  # as many events and persons
    missing, extra = before[0] - after[0], after[0] - before[0]
    assert not missing and not extra, (missing, extra)
    empty.close()
