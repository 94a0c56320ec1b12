"""What a spreadsheet program makes of an export: in XLSX a full day is a date cell (a month or a year stays
text), and the `;` CSV a Russian- or Kazakh-locale Excel opens directly keeps the BOM, the neutralised
formulas, and writes amounts with the decimal comma that Excel expects — all of it read back by the import."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from kzdesk.core.ingest.csv_import import read_plan, store
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.export import build_table, encode

from ..vaults import make_vault


def record(vault: Vault) -> None:
    """Three events dated to the day, the month and the year; a fine of 2.5 MCI; a name like a formula."""
    with vault.transaction() as conn:
        changes = vault.changeset()
        person = changes.create("person", {"name": "=Бекова Әсел", "name_key": "=бекова әсел", "consent": "public"})
        for value, precision, start, end in (("2022-03-15", "day", "2022-03-15", "2022-03-15"),
                                             ("2022-03", "month", "2022-03-01", "2022-03-31"),
                                             ("2022", "year", "2022-01-01", "2022-12-31")):
            event = changes.create("event", {"date": value, "date_precision": precision, "date_start": start,
                                             "date_end": end, "city": "aktau", "consent": "public"})
            changes.create("act", {"event": event, "person": person, "act_type": "fine", "consent": "public",
                                   "legal_code": "administrative_offences_code", "article": "488", "part": "6",
                                   "fine_amount": "2.5", "fine_unit": "MCI", "fine_kzt": 7657,
                                   "decision_date": "2022-04-07"})
        vault.commit(changes, conn)


def test_xlsx_writes_a_full_day_as_a_date_cell_and_a_month_or_year_as_text(vault: Vault) -> None:
    record(vault)
    with vault.engine.connect() as conn:
        table = build_table(conn, "full", "ru")
    sheet = openpyxl.load_workbook(io.BytesIO(encode(table, "xlsx"))).worksheets[0]
    column = {cell.value: cell.column for cell in sheet[1]}
    dates = {}
    for row in range(2, sheet.max_row + 1):
        event, decision = (sheet.cell(row=row, column=column[name]) for name in ("Дата события", "Дата решения"))
        assert decision.is_date and decision.value == datetime(2022, 4, 7) and decision.number_format == "dd.mm.yyyy"
        dates[str(event.value)] = event
    assert dates["2022-03-15 00:00:00"].is_date and dates["2022-03-15 00:00:00"].number_format == "dd.mm.yyyy"
    for text in ("2022-03", "2022"):
        assert dates[text].data_type == "s" and not dates[text].is_date
    assert sheet.cell(row=2, column=column["Лицо"]).value == "'=Бекова Әсел"


def test_the_semicolon_csv_opens_in_a_russian_excel_and_comes_back(vault: Vault, tmp_path: Path) -> None:
    record(vault)
    with vault.engine.connect() as conn:
        table = build_table(conn, "full", "ru")
    data = encode(table, "csv", ";")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == list(table.headers) and len(rows) == 4
    header = rows[0]
    assert {row[header.index("Сумма штрафа")] for row in rows[1:]} == {"2,5"}
    assert {row[header.index("Лицо")] for row in rows[1:]} == {"'=Бекова Әсел"}
    path = tmp_path / "меры.csv"
    path.write_bytes(data)
    empty = make_vault(tmp_path / "empty", "coordinator", "Бақыт")
    try:
        report = store(empty, read_plan(path).rows)
        assert report.acts == 3
        with empty.engine.connect() as conn:
            back = conn.exec_driver_sql("SELECT p.name, a.fine_amount, a.fine_unit, e.date FROM act a "
                                        "JOIN person p ON p.uuid = a.person JOIN event e ON e.uuid = a.event "
                                        "ORDER BY e.date").all()
    finally:
        empty.close()
    assert [tuple(r) for r in back] == [("=Бекова Әсел", "2.5", "MCI", d) for d in ("2022", "2022-03", "2022-03-15")]


def test_export_csv_takes_the_delimiter(kz, vault: Vault, vault_path: Path, tmp_path: Path) -> None:
    record(vault)
    out = tmp_path / "acts.csv"
    assert kz("--lang", "kk", "export-csv", "--profile", "full", "--out", str(out), "--delimiter", "semicolon",
              vault=vault_path).code == 0
    first = out.read_bytes().decode("utf-8-sig").splitlines()[0]
    assert first.startswith("Шара идентификаторы;Оқиға идентификаторы;Оқиға күні;")
    with pytest.raises(SystemExit):  # argparse refuses a separator it does not offer
        kz("export-csv", "--out", str(tmp_path / "b.csv"), "--delimiter", "tab", vault=vault_path)
