"""Statistics with charts and the list of political prisoners, from the real December 2021 month."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kzdesk.core.exchange.links import decide
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.status import set_status
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports import period_stats, prisoners

from ..vaults import DATA


@pytest.fixture
def month(vault: Vault, vault_path: Path, monkeypatch) -> Vault:
    monkeypatch.setenv("KZDESK_VAULT", str(vault_path))
    import_csv(vault, DATA / "monitoring_2021_12.csv")
    return vault


def text_of(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_statistics_match_an_independent_count(month: Vault) -> None:
    rows = list(csv.DictReader(io.StringIO((DATA / "monitoring_2021_12.csv").read_text(encoding="utf-8"))))
    december = [r for r in rows if r["date"].startswith("2021-12")]
    with month.engine.connect() as conn:
        stats = period_stats.compute(conn, "2021-12-01", "2021-12-31")
    assert stats.acts == len(december) == sum(stats.by_city.values()) == sum(stats.by_type.values())
    assert stats.arrest_days == sum(int(r["arrest_days"] or 0) for r in december)
    assert stats.by_month == {"2021-12": len(december)}
    assert stats.by_type["administrative_arrest"] == sum(r["event_type"] == "administrative_arrest" for r in december)
    with month.engine.connect() as conn:
        # The total of fines is the tenge of each fine (MCI converted at the decision date), summed.
        assert stats.fines_kzt == conn.exec_driver_sql(
            "SELECT sum(a.fine_kzt) FROM act a JOIN event e ON e.uuid = a.event WHERE e.date LIKE '2021-12%'"
        ).scalar()
        pair = conn.exec_driver_sql(
            "SELECT a.person FROM act a JOIN event e ON e.uuid = a.event WHERE e.date LIKE '2021-12%' "
            "GROUP BY a.person ORDER BY a.person LIMIT 2").fetchall()
    decide(month, pair[0][0], pair[1][0], "link")  # a coordinator says these two records are one human
    with month.engine.connect() as conn:
        assert period_stats.compute(conn, "2021-12-01", "2021-12-31").persons == stats.persons - 1


@pytest.mark.parametrize(("lang", "words"), [
    ("kk", ("Қудалау статистикасы", "Айлар бойынша шаралар", "Қалалар бойынша шаралар", "Әкімшілік қамаққа алу")),
    ("ru", ("Статистика преследований", "Меры по статьям", "ст. 488 КоАП", "Административный арест")),
    ("en", ("Statistics of persecution", "Acts by type", "Article 488 of the CAO", "Administrative arrest")),
])
def test_statistics_pdf(month: Vault, lang: str, words: tuple[str, ...]) -> None:
    with month.engine.connect() as conn:
        stats = period_stats.compute(conn, "2021-01-01", "2021-12-31")
    text = text_of(period_stats.as_pdf(stats, lang)).replace("\u00a0", " ")
    for word in (*words, str(stats.acts), str(stats.arrest_days)):
        assert word in text, word
    fines = f"{stats.fines_kzt:,}".replace(",", "," if lang == "en" else " ")
    assert f"{fines} ₸" in text


def test_prisoners_list(month: Vault, kz, tmp_path: Path) -> None:
    with month.transaction() as conn:
        transferred = conn.exec_driver_sql("SELECT p.uuid, p.name FROM act a JOIN person p ON p.uuid = a.person "
                                           "WHERE a.act_type = 'transfer'").one()
        charged = conn.exec_driver_sql("SELECT p.uuid, p.name FROM act a JOIN person p ON p.uuid = a.person "
                                       "WHERE a.act_type = 'criminal_charge' AND p.uuid != ? ORDER BY p.name",
                                       (transferred[0],)).fetchall()
        changes = month.changeset()
        changes.update(conn, "person", transferred[0], {"consent": "public"})
        changes.update(conn, "person", charged[0][0], {"consent": "anonymised"})
        for uuid in (transferred[0], charged[0][0]):
            for (act,) in conn.exec_driver_sql("SELECT uuid FROM act WHERE person = ?", (uuid,)):
                event = conn.exec_driver_sql("SELECT event FROM act WHERE uuid = ?", (act,)).scalar()
                changes.update(conn, "event", event, {"consent": "public"})
        month.commit(changes, conn)
    # A transfer says the person is held, not how: the coordinator records the status (issue 15).
    set_status(month, transferred[0], "pre_trial", "2021-12-29")
    with month.engine.connect() as conn:
        lawyer = prisoners.gather(conn, "lawyer", "en")
        public = prisoners.gather(conn, "public", "en")
    assert {x.name for x in lawyer} >= {transferred[1], *(name for _, name in charged)}
    group = {x.name: x.group for x in lawyer}
    assert group[transferred[1]] == "prisoners" and lawyer[0].group == "prisoners"
    # In public: the one who consented by name, the anonymised one by pseudonym, nobody else.
    assert [x.name for x in public if x.name == transferred[1]] == [transferred[1]]
    assert len(public) == 2 and charged[0][1] not in {x.name for x in public}
    out = tmp_path / "тұтқындар.pdf"
    assert kz("report", "prisoners", "--out", str(out), "--lang", "kk").code == 0
    text = text_of(out.read_bytes())
    assert "Саяси тұтқындар" in text and transferred[1] in text and charged[0][1] not in text
    table = tmp_path / "prisoners.csv"
    assert kz("report", "prisoners", "--out", str(table), "--profile", "lawyer").code == 0
    listed = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert listed[0][0] == "Name" and listed[0][-1] == "Profile" and {r[-1] for r in listed[1:]} == {"lawyer"}
    assert listed[1][:2] == [lawyer[0].name, "political prisoner"] and len(listed) == len(lawyer) + 1
    stats_pdf = tmp_path / "stats.pdf"
    assert kz("report", "stats", "--from", "2021-12", "--to", "2021-12", "--out", str(stats_pdf)).code == 0
    assert "Statistics of persecution" in text_of(stats_pdf.read_bytes())


def test_a_term_runs_from_the_decision_date() -> None:  # for terms the acts imply, without a recorded status
    act = {"years": 1, "months": 6, "decision_date": "2021-12-20"}
    assert prisoners._term_runs(act, "2023-06-19")
    assert not prisoners._term_runs(act, "2023-06-21")
    assert prisoners._term_runs({"years": 2, "months": None, "decision_date": None}, "2030-01-01")
    assert not prisoners._term_runs({"years": None, "months": None, "decision_date": "2021-01-01"}, "2021-01-02")
