"""The monthly chronology for publication, from the real December 2021 month."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.chronology import as_pdf, as_text, gather
from kzdesk.core.reports.consent import pseudonym

from ..vaults import DATA

LEVELS = ("public", "anonymised", "confidential")


@pytest.fixture
def published(vault: Vault, vault_path: Path, monkeypatch) -> dict[str, list[tuple[str, str]]]:
    """The month with every third person public, anonymised or confidential, every event public
    but one; returns the persons by level."""
    monkeypatch.setenv("KZDESK_VAULT", str(vault_path))
    import_csv(vault, DATA / "monitoring_2021_12.csv")
    by_level: dict[str, list[tuple[str, str]]] = {level: [] for level in LEVELS}
    with vault.transaction() as conn:
        changes = vault.changeset()
        for i, (uuid, name) in enumerate(conn.exec_driver_sql("SELECT uuid, name FROM person ORDER BY name")):
            changes.update(conn, "person", uuid, {"consent": LEVELS[i % 3]})
            by_level[LEVELS[i % 3]].append((uuid, name))
        events = [row[0] for row in conn.exec_driver_sql("SELECT uuid FROM event ORDER BY uuid")]
        for uuid in events:
            changes.update(conn, "event", uuid, {"consent": "public"})
        vault.commit(changes, conn)
    return by_level


def only_public_names(text: str, vault: Vault, by_level: dict[str, list[tuple[str, str]]], lang: str) -> None:
    with vault.engine.connect() as conn:
        # Persons with an act in a December event (undated and year-only events are not in a month).
        acting = {row[0] for row in conn.exec_driver_sql(
            "SELECT a.person FROM act a JOIN event e ON e.uuid = a.event WHERE a.deleted = 0 "
            "AND e.date_start BETWEEN '2021-12-01' AND '2021-12-31'")}
    for uuid, name in by_level["confidential"]:
        assert name not in text and pseudonym(uuid, lang) not in text
    for uuid, name in by_level["anonymised"]:
        assert name not in text
        assert uuid not in acting or pseudonym(uuid, lang) in text
    for uuid, name in by_level["public"]:
        assert uuid not in acting or name in text


@pytest.mark.parametrize(("lang", "heading", "sentence"), [
    ("en", "Chronology of political persecution: 1 December 2021 — 31 December 2021",
     "sentenced to administrative arrest — 15 days, under Part 6 of Article 488 of the Administrative Offences Code"),
    ("ru", "Хроника политического преследования: 1 декабря 2021 г. — 31 декабря 2021 г.",
     "назначен административный арест — 15 сут., по ч. 6 ст. 488 КоАП РК"),
    ("kk", "Саяси қудалау хроникасы: 2021 жылғы 1 желтоқсан — 2021 жылғы 31 желтоқсан",
     "әкімшілік қамаққа алынды — 15 тәулік, ҚР ӘҚБтК 488-бабының 6-бөлігі бойынша"),
])
def test_chronology_in_each_language(vault: Vault, published, lang: str, heading: str, sentence: str) -> None:
    with vault.engine.connect() as conn:
        chron = gather(conn, "2021-12-01", "2021-12-31", None, lang)
        starts = [conn.exec_driver_sql("SELECT min(date_start) FROM event WHERE date = ?", (e.date,)).scalar()
                  for e in chron.entries]
    text = as_text(chron, lang).replace("\u00a0", " ")  # no-break spaces keep "15 days" on one line
    assert text.startswith(heading)
    assert sentence in text
    assert starts == sorted(starts)  # one paragraph per event, in date order
    only_public_names(text, vault, published, lang)
    # Footnotes: every number used in a paragraph is listed, with its URL, at the end.
    used = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    assert used == set(range(1, len(chron.sources) + 1)) and "https://example.kz/news/" in text
    pdf = as_pdf(chron, lang)
    extracted = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    for entry in chron.entries:  # statement by statement: footnote numbers stand between them in the PDF
        for statement in entry.statements:
            assert re.sub(r"\s+", "", statement.text) in extracted  # Kazakh letters and all


def test_confidential_event_and_city_filter(vault: Vault, published, kz, tmp_path: Path) -> None:
    with vault.transaction() as conn:
        hidden = conn.exec_driver_sql("SELECT e.uuid, e.description FROM event e JOIN act a ON a.event = e.uuid "
                                      "JOIN person p ON p.uuid = a.person WHERE p.consent = 'public' "
                                      "ORDER BY e.date_start LIMIT 1").one()
        changes = vault.changeset()
        changes.update(conn, "event", hidden[0], {"consent": "confidential", "title": "Тайное собрание"})
        vault.commit(changes, conn)
    out = tmp_path / "хроника_қаңтар.txt"
    result = kz("report", "chronology", "--from", "2021-12", "--to", "2021-12", "--out", str(out), "--lang", "ru")
    assert result.code == 0 and out.exists()
    assert "Тайное собрание" not in out.read_text(encoding="utf-8")
    almaty = tmp_path / "almaty.pdf"
    assert kz("report", "chronology", "--from", "2021-12-01", "--to", "2021-12-31", "--city", "Алматы",
              "--out", str(almaty)).code == 0
    text = "".join(p.extract_text() for p in PdfReader(almaty).pages)
    assert "Almaty" in text and "Aktobe" not in text and "Semey" not in text
    assert kz("report", "chronology", "--from", "2021-13", "--to", "2021-12", "--out", str(out)).code == 1
    backwards = kz("report", "chronology", "--from", "2021-12", "--to", "2021-11", "--out", str(out))
    assert backwards.code == 1 and "before it starts" in backwards.err
    bad = kz("report", "chronology", "--from", "2021-12", "--to", "2021-12", "--city", "Атлантида",
             "--out", str(tmp_path / "x.pdf"))
    assert bad.code == 1 and "Атлантида" in bad.err and not (tmp_path / "x.pdf").exists()
    empty = tmp_path / "empty.txt"
    assert kz("report", "chronology", "--from", "2020-01", "--to", "2020-01", "--out", str(empty)).code == 0
    assert "Nothing that may be published" in empty.read_text()
