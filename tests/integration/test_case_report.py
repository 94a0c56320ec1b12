"""The case summary a lawyer files: real PDFs from a real month, read back as text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import tr
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports import case
from kzdesk.core.reports.case import build_pdf, gather, verify_report

from ..vaults import DATA, PASSPHRASE


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def month(vault: Vault) -> Vault:
    import_csv(vault, DATA / "monitoring_2021_12.csv")
    return vault


def busiest(vault: Vault) -> tuple[str, str]:
    with vault.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT p.uuid, p.name FROM person p JOIN act a ON a.person = p.uuid GROUP BY p.uuid "
            "ORDER BY count(*) DESC, p.name LIMIT 1").one()
    return row[0], row[1]


def edit(vault: Vault, kind: str, uuid: str, **changes: object) -> None:
    with vault.transaction() as conn:
        changeset = vault.changeset()
        changeset.update(conn, kind, uuid, changes)
        vault.commit(changeset, conn)


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ("Сводка по делу", "Хронология", "ч. 1 ст. 488 КоАП", "ч. 2 ст. 380 УК", "20 сут.", "50 МРП",
            "145 850 ₸", "2 декабря 2021 г.", "Страница 1 из 2")),
    ("kk", ("Іс бойынша", "ӘҚБтК 488-бабының 6-бөлігі", "20 тәулік", "145 850 ₸ (50 АЕК)",
            "2021 жылғы 24 желтоқсан", "2-беті")),
    ("en", ("Case summary", "Part 1 of Article 488 of the Administrative Offences Code", "20 days",
            "145,850 ₸ (50 MCI)", "24 December 2021", "Page 1 of 2")),
])
def test_case_summary_in_each_language(month: Vault, lang: str, words: tuple[str, ...]) -> None:
    person, name = busiest(month)
    with month.engine.connect() as conn:
        content = gather(conn, person)
        acts = conn.exec_driver_sql(
            "SELECT e.date, a.article, a.arrest_days, a.fine_kzt, a.case_number FROM act a "
            "JOIN event e ON e.uuid = a.event WHERE a.person = ? ORDER BY e.date_start, a.uuid", (person,)).fetchall()
    data = build_pdf(content, lang)
    pages = pdf_text(data)
    text = squash(" ".join(pages))
    assert name in text  # Kazakh letters extract as text: no boxes, no blanks
    for word in words:
        assert word in text, word
    # Every act is there, in date order, with its article, days and tenge.
    positions = []
    for date, article, days, kzt, number in acts:
        day = str(int(date[8:]))
        assert article is None or article in text
        for value in (days, kzt):
            if value:
                assert re.sub(r"\D", "", str(value)) in re.sub(r"[\s,]", "", text)
        if number:
            assert number in text
        positions.append(text.index(day, positions[-1] if positions else 0))
    assert positions == sorted(positions)
    marking = {"ru": "КОНФИДЕНЦИАЛЬНО", "kk": "ҚҰПИЯ", "en": "CONFIDENTIAL"}[lang]
    assert all(marking in page for page in pages)  # the marking on every page
    for number, page in enumerate(pages, 1):  # "page X of Y" in the report language
        assert tr("Page {page} of {pages}", lang, page=number, pages=len(pages)) in page
    fonts = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    assert all("/FontFile2" in f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
               for f in fonts.values() if f.get_object().get("/Subtype") == "/Type0")


def test_hostile_values_are_printed_literally(vault: Vault, tmp_path: Path) -> None:
    from ..vaults import record_case

    person = record_case(vault, '<img src="/etc/hostname"/> & <b>unclosed', "Almaty", "2021-12-05", "public")
    with vault.transaction() as conn:
        changes = vault.changeset()
        event = conn.exec_driver_sql("SELECT event FROM act WHERE person = ?", (person,)).scalar()
        changes.update(conn, "event", event, {"description": "Fish &amp; chips <i>not italic"})
        source = conn.exec_driver_sql("SELECT source FROM citation WHERE target = ?", (person,)).scalar()
        changes.update(conn, "source", source, {"url": 'https://x.kz/"quoted"?a=1&b=<2>'})
        vault.commit(changes, conn)
    with vault.engine.connect() as conn:
        data = build_pdf(gather(conn, person), "en")
    text = squash(" ".join(pdf_text(data)))
    assert '<img src="/etc/hostname"/> & <b>unclosed' in text
    assert "Fish &amp; chips <i>not italic" in text
    assert 'https://x.kz/"quoted"?a=1&b=<2>'.replace(" ", "") in text.replace(" ", "")
    assert b"/Subtype /Image" not in data and b"/XObject" not in data  # no file was read into the PDF
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    if len(hostname) > 6:
        assert hostname not in text


def test_verify_report_accepts_untouched_and_rejects_changed(month: Vault, monkeypatch) -> None:
    person, _ = busiest(month)
    with month.engine.connect() as conn:
        content = gather(conn, person)
        original = build_pdf(content, "kk")
        assert verify_report(conn, original).ok
        # A forged copy: the same hash, a judge's name changed in the text.
        digest = case.content_hash(content)
        act = dict(content["acts"][0], judge="Forged Judge")
        forged_content = {**content, "acts": [act, *content["acts"][1:]]}
        with monkeypatch.context() as m:
            m.setattr(case, "content_hash", lambda _c: digest)
            forged = build_pdf(forged_content, "kk")
        verdict = verify_report(conn, forged)
        assert not verdict.ok and "altered" in verdict.reason
        assert not verify_report(conn, b"%PDF-1.4 nonsense").ok
    edit(month, "act", content["acts"][0]["uuid"], case_number="2-999/2021")
    with month.engine.connect() as conn:
        verdict = verify_report(conn, original)
    assert not verdict.ok and "changed" in verdict.reason


def test_consent_of_the_person_and_of_others(vault: Vault) -> None:
    from ..vaults import record_case

    client = record_case(vault, "Серікбаева Айгүл", "Almaty", "2021-12-06", "confidential")
    with vault.transaction() as conn:
        event = conn.exec_driver_sql("SELECT event FROM act WHERE person = ?", (client,)).scalar()
        changes = vault.changeset()
        for name, consent in (("Секретный Свидетель", "confidential"), ("Аноним Анонимов", "anonymised"),
                              ("Public Person", "public")):
            other = changes.create("person", {"name": name, "name_key": name.lower(), "consent": consent})
            changes.create("act", {"event": event, "person": other, "act_type": "detention"})
        vault.commit(changes, conn)
    with vault.engine.connect() as conn:
        text = squash(" ".join(pdf_text(build_pdf(gather(conn, client, "lawyer"), "ru"))))
        with pytest.raises(InputError):
            gather(conn, client, "public")  # a confidential client is never in a public report
    assert "Серікбаева Айгүл" in text and "Public Person" in text
    assert "Секретный" not in text and "Анонимов" not in text and "Лицо " in text


def test_command_line(month: Vault, kz, vault_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KZDESK_VAULT", str(vault_path))
    person, name = busiest(month)
    out = tmp_path / "іс_әғқ.pdf"
    result = kz("report", "person", name.split()[0].upper(), "--out", str(out), "--lang", "kk")
    if result.code == 1:  # the family name is shared: then the full name in another case
        result = kz("report", "person", name.lower(), "--out", str(out), "--lang", "kk")
    assert result.code == 0 and "шифрланбаған" in result.out and out.exists()  # said in Kazakh
    assert kz("verify-report", str(out)).code == 0
    from kzdesk.core.model.persons import find_persons

    with month.engine.connect() as conn:
        common = next(w for w in ("Ах", "Ка", "Ab", "Се", "Ер", "Жа") if len(find_persons(conn, w)) > 1)
    several = kz("report", "person", common, "--out", str(tmp_path / "x.pdf"))
    assert several.code == 1 and "Several persons" in several.err and not (tmp_path / "x.pdf").exists()
    assert kz("report", "person", "Nobody Nowhere", "--out", str(tmp_path / "y.pdf")).code == 1
    bad = kz("report", "person", person, "--out", str(tmp_path / "missing" / "z.pdf"))
    assert bad.code == 1 and "does not exist" in bad.err
    edit(month, "person", person, occupation="журналист")
    changed = kz("verify-report", str(out))
    assert changed.code == 1 and "changed" in changed.out
    assert kz("verify-report", str(tmp_path / "nothing.pdf")).code == 1
    assert PASSPHRASE  # the kz fixture unlocks with it


def test_the_qr_code_is_the_standard_encoding_of_the_hash() -> None:
    from reportlab.graphics.barcode import qrencoder

    from kzdesk.core.reports.pdf import QrCode

    text = "kzdesk:case:" + "a" * 32 + ":" + "b" * 64
    ours = QrCode(text, 100)
    reference = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    reference.addData(text)
    reference.version = reference.calculate_version()
    reference.makeImpl(False, 0)
    assert ours.modules == [[bool(m) for m in row] for row in reference.modules]
    assert len(ours.modules) == 4 * reference.version + 17 and ours.wrap(500, 500) == (100, 100)
