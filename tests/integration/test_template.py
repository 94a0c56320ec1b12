"""`kzdesk template`: a spreadsheet in the user's language that the import reads as it is — headers it
resolves to the intended fields, drop-down values it parses to codes, an example row that imports cleanly."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kzdesk.core.i18n import LANGUAGES
from kzdesk.core.ingest.columns import resolve
from kzdesk.core.ingest.csv_import import RowProblem, parse_rows, read_plan, store
from kzdesk.core.ingest.sheets import Sheet
from kzdesk.core.ingest.template import (
    DATE_FIELDS,
    LIST_OF,
    TEMPLATE_FIELDS,
    example,
    headers,
    lists,
    template,
)
from kzdesk.core.model.labels import APPEAL_LABELS, CONSENT_LABELS, GENDER_LABELS
from kzdesk.core.model.records import FINE_UNITS
from kzdesk.core.model.vault import Vault
from kzdesk.core.model.vocab import vocabulary


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_header_resolves_to_its_field(lang: str) -> None:
    names = headers(lang)
    assert len(set(names)) == len(names)
    assert resolve(names).fields == list(TEMPLATE_FIELDS)
    assert resolve(names).notes == []


def _parse(lang: str, rows: list[dict[str, str]]) -> tuple[list, list[RowProblem]]:
    """Rows given by field, written under the template's headers as CSV, parsed as the import parses them."""
    names = headers(lang)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(field, "") for field in TEMPLATE_FIELDS])
    problems: list[RowProblem] = []
    sheet = Sheet(Path("lists.csv"), buffer.getvalue().encode("utf-8"))
    with sheet:
        parsed = list(parse_rows(sheet, vocabulary(), problems))
    return parsed, problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_list_value_parses_to_a_code(lang: str) -> None:
    vocab = vocabulary()
    words = lists(lang)
    assert set(LIST_OF.values()) == set(words)
    rows, expected = [], []
    for field, list_name in LIST_OF.items():
        for word in words[list_name]:
            row = {"person": "Әлиева Гүлнұр", "event_type": "fine", field: word}
            if field == "fine_unit":
                row["fine_amount"] = "5"
            rows.append(row)
            expected.append((field, word))
    parsed, problems = _parse(lang, rows)
    assert problems == []
    assert len(parsed) == len(expected)
    for row, (field, word) in zip(parsed, expected, strict=True):
        value = {
            "event_type": row.act["act_type"], "legal_code": row.act["legal_code"], "city": row.event["city"],
            "region": row.event["region"], "consent": row.act["consent"], "person_consent": row.person_consent,
            "event_consent": row.event["consent"], "appeal": row.act["appeal"],
            "gender": row.person_facts.get("gender"),
            "fine_unit": row.act["fine_unit"], "fine_paid": row.act["fine_paid"],
        }[field]
        codes = {
            "event_type": vocab.act_types, "legal_code": vocab.legal_codes, "city": vocab.cities,
            "region": vocab.regions, "consent": CONSENT_LABELS, "person_consent": CONSENT_LABELS,
            "event_consent": CONSENT_LABELS, "gender": GENDER_LABELS, "fine_unit": FINE_UNITS,
            "fine_paid": (True, False),
            # "no appeal" is stored as no value, as the editor stores it
            "appeal": (*(code for code in APPEAL_LABELS if code != "none"), None),
        }[field]
        assert value in codes, (field, word, value)
    # Each word means its own code: no two values of a list fold to the same one.
    cities = [r.event["city"] for r, (f, _) in zip(parsed, expected, strict=True) if f == "city"]
    assert sorted(cities) == sorted(vocab.cities)
    types = [r.act["act_type"] for r, (f, _) in zip(parsed, expected, strict=True) if f == "event_type"]
    assert sorted(types) == sorted(vocab.act_types)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_example_row_imports_cleanly(kz, vault_path: Path, tmp_path: Path, lang: str, fmt: str) -> None:
    out = tmp_path / f"шаблон.{fmt}"
    written = kz("--lang", lang, "template", "--out", str(out), passphrase=None)
    assert written.code == 0 and str(out) in written.out
    checked = kz("--lang", lang, "import", "--check", str(out), vault=vault_path)
    assert checked.code == 0, checked.out + checked.err
    assert "Сәрсенбаев Нұрлан" in checked.out
    vault = Vault.open(vault_path, "correct horse қазақ батарея")
    try:
        report = store(vault, read_plan(out).rows)
        assert (report.rows, report.acts, report.persons_new, report.sources_new) == (1, 1, 1, 1)
        assert report.notes == []
        with vault.engine.connect() as conn:
            act = conn.exec_driver_sql(
                "SELECT a.act_type, a.legal_code, a.article, a.part, a.fine_amount, a.fine_unit, a.fine_kzt, "
                "a.decision_date, a.appeal, a.fine_paid, a.consent, e.date, e.date_precision, e.city, "
                "p.gender, p.birth_year FROM act a JOIN event e ON e.uuid = a.event "
                "JOIN person p ON p.uuid = a.person").one()
    finally:
        vault.close()
    # 50 MCI at the 2021 MCI of 2,917 tenge.
    assert tuple(act) == ("fine", "administrative_offences_code", "488", "11", "50", "MCI", 145850, "2021-12-13",
                          "filed", 0, "confidential", "2021-12-10", "day", "zhanaozen", "male", 1990)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_workbook_has_lists_dates_and_a_frozen_header(lang: str) -> None:
    book = load_workbook(io.BytesIO(template("xlsx", lang)))
    sheet, shown = book.worksheets
    assert [c.value for c in sheet[1]] == headers(lang)
    assert sheet.freeze_panes == "A2"
    row = example(lang)
    column = {field: i for i, field in enumerate(TEMPLATE_FIELDS, start=1)}
    for field in DATE_FIELDS:
        letter = sheet.cell(row=1, column=column[field]).column_letter
        assert sheet.column_dimensions[letter].number_format == "dd.mm.yyyy"
        if field in row:
            cell = sheet.cell(row=2, column=column[field])
            assert cell.is_date and cell.number_format == "dd.mm.yyyy"
            assert cell.value == datetime.combine(row[field], datetime.min.time())
    assert sheet.cell(row=2, column=column["date"]).value.date() == date(2021, 12, 10)
    assert any(ch in str(sheet.cell(row=2, column=column["person"]).value) for ch in "әғқңөұүһі")
    for field in TEMPLATE_FIELDS:
        letter = sheet.cell(row=1, column=column[field]).column_letter
        assert 8 <= sheet.column_dimensions[letter].width <= 40, field

    words = lists(lang)
    listed = {c.value: [v.value for v in shown[c.column_letter][1:] if v.value] for c in shown[1]}
    validations = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    for field, list_name in LIST_OF.items():
        letter = sheet.cell(row=1, column=column[field]).column_letter
        check = validations[f"{letter}2"]
        assert check.type == "list" and str(check.sqref) == f"{letter}2:{letter}1048576"
        sheet_name, cells = check.formula1.split("!")
        assert sheet_name.strip("'") == shown.title
        first, last = (int(part.split("$")[-1]) for part in cells.split(":"))
        source = shown[cells.replace("$", "").split(":")[0][0]]
        assert [c.value for c in source[first - 1:last]] == words[list_name], field
        assert words[list_name] in listed.values()
    assert len(validations) == len(LIST_OF)


def test_the_csv_template_has_a_bom_a_header_and_the_example(kz, tmp_path: Path) -> None:
    data = template("csv", "kk")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == headers("kk") and len(rows) == 2
    assert rows[1][TEMPLATE_FIELDS.index("date")] == "2021-12-10"
    semicolons = template("csv", "ru", ";").decode("utf-8-sig")
    assert semicolons.splitlines()[0] == ";".join(headers("ru"))
    out = tmp_path / "template.csv"
    assert kz("--lang", "ru", "template", "--out", str(out), "--delimiter", "semicolon", passphrase=None).code == 0
    assert out.read_bytes() == template("csv", "ru", ";")
