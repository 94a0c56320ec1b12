"""The chronology reads like the monitors' log: the December 2021 month imported into a real vault,
told in Russian, Kazakh and English, read back from the .txt and from the PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.chronology import Chronology, as_pdf, as_text, gather

from ..vaults import DATA, record_case

LANGS = {
    "ru": {"shared": "Ким Виктор, Оспанова Динара и Тәжібаев Нұрлан: назначен административный арест — 15 сут., "
                     "по ч. 6 ст. 488 КоАП РК.",
           "undated": "События без точной даты", "capital": ("Нур-Султан", "Астана")},
    "kk": {"shared": "Ким Виктор, Оспанова Динара және Тәжібаев Нұрлан әкімшілік қамаққа алынды — 15 тәулік, "
                     "ҚР ӘҚБтК 488-бабының 6-бөлігі бойынша.",
           "undated": "Нақты күні жоқ оқиғалар", "capital": ("Нұр-Сұлтан", "Астана")},
    "en": {"shared": "Ким Виктор, Оспанова Динара and Тәжібаев Нұрлан were sentenced to administrative arrest — "
                     "15 days, under Part 6 of Article 488 of the Administrative Offences Code.",
           "undated": "Events without an exact date", "capital": ("Nur-Sultan", "Astana")},
}


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


@pytest.fixture
def month(vault: Vault) -> Vault:
    """December 2021 with every person and event made public, as a coordinator publishing it would."""
    import_csv(vault, DATA / "monitoring_2021_12.csv")
    with vault.transaction() as conn:
        changes = vault.changeset()
        for kind in ("person", "event"):
            for (uuid,) in conn.exec_driver_sql(f"SELECT uuid FROM {kind}"):
                changes.update(conn, kind, uuid, {"consent": "public"})
        vault.commit(changes, conn)
    return vault


def told(vault: Vault, lang: str) -> tuple[Chronology, str, str]:
    """The chronology, its plain text and the text of its PDF."""
    with vault.engine.connect() as conn:
        chron = gather(conn, "2021-12-01", "2021-12-31", None, lang)
    pdf = as_pdf(chron, lang)
    return chron, as_text(chron, lang), "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_dated_person_with_their_events_date_and_description(month: Vault, lang: str) -> None:
    chron, text, pdf = told(month, lang)
    paragraphs = text.replace("\u00a0", " ").split("\n\n")
    with month.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.name, e.date, e.description, a.description FROM act a JOIN event e ON e.uuid = a.event "
            "JOIN person p ON p.uuid = a.person WHERE e.date_start >= '2021-12-01' AND e.date_end <= '2021-12-31'"
        ).fetchall()
    assert len(rows) > 50
    from kzdesk.core.reports.wording import long_date

    for name, date, description, own in rows:
        day = long_date(date, lang).replace("\u00a0", " ")
        mine = [p for p in paragraphs if name in p and day.lower() in p.lower()]
        assert mine, (name, day)
        assert any(all(d in p for d in (description, own) if d) for p in mine), (name, description, own)
    # The PDF tells the same: every statement of every paragraph, Kazakh letters and all.
    for entry in chron.entries + chron.undated:
        for statement in entry.statements:
            assert flat(statement.text) in flat(pdf)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_same_act_one_sentence_footnotes_once_undated_section(month: Vault, lang: str) -> None:
    chron, text, pdf = told(month, lang)
    words = LANGS[lang]
    # Three persons arrested at one event under one article share a sentence, in text and PDF.
    assert words["shared"] in text.replace("\u00a0", " ")
    assert flat(words["shared"]) in flat(pdf)
    # Footnotes: every number used is listed, each source once, in the .txt and in the PDF.
    body, _, listed = text.rpartition("\n\n")
    used = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    urls = re.findall(r"^\[\d+\] (\S+)$", listed, re.M)
    assert used == set(range(1, len(chron.sources) + 1)) == set(range(1, len(urls) + 1))
    assert len(urls) == len(set(urls)) and "https://example.kz/news/2021-12-01-pickets" in urls
    pickets = urls.index("https://example.kz/news/2021-12-01-pickets") + 1
    both = [p for p in body.split("\n\n") if "Жақсылықов Ерлан" in p]
    assert both and f"[{pickets}]" in both[0] and "Серікбаева Айгүл" in both[0]  # one source, two persons, one mark
    for n, url in enumerate(urls, 1):
        assert f"{n}. {url}" in pdf
    # Events with no date are told in their own section, after every dated one.
    assert text.count(words["undated"]) == 1 and words["undated"] in pdf
    dated, _, vague = text.partition(words["undated"])
    with month.engine.connect() as conn:
        undated = conn.exec_driver_sql("SELECT p.name FROM act a JOIN event e ON e.uuid = a.event JOIN person p "
                                       "ON p.uuid = a.person WHERE e.date IS NULL").fetchall()
    assert undated and chron.undated
    for (name,) in undated:
        assert name in vague
    assert all(entry.marked() in vague and entry.marked() not in dated for entry in chron.undated)
    assert flat(chron.undated[-1].statements[-1].text) in flat(pdf.partition(words["undated"])[2])


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_the_capital_is_named_as_it_was_on_the_day(vault: Vault, lang: str) -> None:
    record_case(vault, "Әлиев Марат", "astana_city", "2020-06-06", "public")
    record_case(vault, "Сейітова Жанар", "astana_city", "2023-01-10", "public")
    then, now = LANGS[lang]["capital"]
    with vault.engine.connect() as conn:
        in_2020 = gather(conn, "2020-06-01", "2020-06-30", None, lang)
        in_2023 = gather(conn, "2023-01-01", "2023-01-31", None, lang)
    first, second = as_text(in_2020, lang), as_text(in_2023, lang)
    assert then in first and now not in first.replace(then, "")
    assert now in second and then not in second
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(as_pdf(in_2020, lang))).pages)
    assert then in pdf and "Әлиев Марат" in pdf


def test_the_command_writes_the_log(month: Vault, vault_path: Path, kz, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KZDESK_VAULT", str(vault_path))
    out = tmp_path / "декабрь.txt"
    assert kz("report", "chronology", "--from", "2021-12", "--to", "2021-12", "--out", str(out),
              "--lang", "ru").code == 0
    text = out.read_text(encoding="utf-8").replace("\u00a0", " ")
    assert LANGS["ru"]["shared"] in text and "Арест за участие в митинге 27 ноября." in text
    assert "Мангистауская область" in text  # a row that names only its region
