"""Spreadsheet files as other programs write them: workbooks with date cells, CSV in UTF-8, UTF-16 and
Windows-1251 with `,` `;` or tab — and the files that must be refused, with a reason a monitor can act on."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from kzdesk.core.errors import InputError
from kzdesk.core.ingest import sheets
from kzdesk.core.ingest.sheets import Encoding, FileChanged, Sheet, SheetFormat

NAMES = ["Тәжібаев Нұрлан", "Ким Виктор", "Қасымова Әсел"]


def read(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], Sheet]:
    with Sheet(path) as sheet:
        rows = list(sheet.rows())
    return sheet.header, rows, sheet


def test_a_workbook_gives_dates_numbers_and_row_numbers_as_a_person_sees_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["person", "date", "arrest_days", "fine_amount", "decision_date", None, None])
    sheet.append([NAMES[0], date(2021, 12, 5), 15, 3063.5, datetime(2021, 12, 6)])
    sheet.append([NAMES[1], "05.12.2021", 10.0, None, None])
    sheet.append([])  # an empty row: its number still counts
    sheet.append([NAMES[2], "2021", None, "=2*3", True])
    sheet["G9"] = "   "  # a stray blank cell far right and below: no part of the table
    path = tmp_path / "month.xlsx"
    book.save(path)
    header, rows, read_sheet = read(path)
    assert read_sheet.format is SheetFormat.XLSX and read_sheet.digest
    assert header == ["person", "date", "arrest_days", "fine_amount", "decision_date"]
    assert rows[0] == (2, [NAMES[0], "2021-12-05", "15", "3063.5", "2021-12-06"])
    assert rows[1] == (3, [NAMES[1], "05.12.2021", "10"])  # as long as its cells: the rest reads as empty
    assert rows[2][0] == 4 and not any(rows[2][1])
    # A formula never computed by a spreadsheet program has no value: it is read as empty, never run.
    assert rows[3] == (5, [NAMES[2], "2021", "", "", "yes"])


def test_a_workbook_named_csv_is_still_a_workbook_and_an_xls_is_refused_with_what_to_do(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["person", "event_type"])
    path = tmp_path / "export.csv"
    book.save(path)
    assert read(path)[2].format is SheetFormat.XLSX
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    with pytest.raises(InputError, match=r"\.xlsx"):
        read(old)


@pytest.mark.parametrize("encoding, delimiter, bom", [
    ("utf-8", ",", b""), ("utf-8", ";", b"\xef\xbb\xbf"), ("utf-16-le", "\t", b"\xff\xfe"),
    ("utf-16-be", "\t", b"\xfe\xff")])
def test_csv_in_unicode_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str, bom: bytes) -> None:
    text = "\r\n".join(delimiter.join(cells) for cells in (["person", "city"], [NAMES[0], "Өскемен"],
                                                           [NAMES[2], "Алматы, Медеу"]))
    text = text.replace("Алматы, Медеу", '"Алматы, Медеу"')
    path = tmp_path / "file.csv"
    path.write_bytes(bom + text.encode(encoding))
    header, rows, sheet = read(path)
    assert header == ["person", "city"] and not sheet.notes
    assert rows == [(2, [NAMES[0], "Өскемен"]), (3, [NAMES[2], "Алматы, Медеу"])]


def test_russian_excel_csv_in_windows_1251_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("ФИО;Город\r\nКим Виктор;Уральск\r\nИванова Ирина;Семей\r\n".encode("cp1251"))
    header, rows, sheet = read(path)
    assert header == ["ФИО", "Город"] and rows[1] == (3, ["Иванова Ирина", "Семей"])
    assert sheet.notes and "Windows-1251" in sheet.notes[0].message("en")
    assert "Windows-1251" in sheet.notes[0].message("ru")


def test_windows_1251_that_lost_kazakh_letters_is_refused_naming_the_row(tmp_path: Path) -> None:
    # What Excel writes for "Тәжібаев Нұрлан" in a cp1251 CSV: the letters it cannot encode become "?".
    lost = "Тәжібаев Нұрлан".encode("cp1251", errors="replace")
    path = tmp_path / "excel.csv"
    path.write_bytes("ФИО;Город\r\nКим Виктор;Уральск\r\n".encode("cp1251") + lost + ";Алматы\r\n".encode("cp1251"))
    with pytest.raises(InputError) as refused:
        read(path)
    message = refused.value.message("en")
    assert "Row 3" in message and "CSV UTF-8" in message and "nothing was stored" in message
    assert refused.value.message("ru").startswith("Строка 3:")


def test_a_workbook_too_large_when_unpacked_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = Workbook()
    book.active.append(["person"])
    for n in range(2000):
        book.active.append([f"Person {n}"])
    path = tmp_path / "big.xlsx"
    book.save(path)
    monkeypatch.setattr(sheets, "MAX_UNPACKED_BYTES", path.stat().st_size)  # the real limit is 4 GiB
    with pytest.raises(InputError, match="too large when unpacked"):
        read(path)


def test_a_damaged_workbook_is_refused_as_such(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="not an Excel workbook"):
        read(path)


def test_a_workbook_changed_while_it_is_read_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["person"])
    book.active.append([NAMES[0]])
    path = tmp_path / "month.xlsx"
    book.save(path)
    with Sheet(path) as sheet, pytest.raises(FileChanged):
        for _row in sheet.rows():
            with path.open("r+b") as handle:  # written in place, as a sync tool or a second program might
                handle.seek(-1, 2)
                handle.write(b"\x01")


def test_encoding_is_decided_by_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(b"person,city\r\n" + b"Kim,Oral\r\n" * 200_000 + "Ким,Орал\r\n".encode("cp1251"))
    assert sheets._encoding(path.open("rb")) is Encoding.CP1251
    rows = read(path)[1]
    assert rows[-1] == (200_002, ["Ким", "Орал"])


def test_an_import_scans_a_csv_for_its_encoding_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check pass finds the encoding (a scan of the whole file); the store pass reads the same bytes
    (the digest proves it) with that encoding instead of scanning again."""
    from kzdesk.core.ingest.csv_import import read_plan

    calls = []
    real = sheets._encoding
    monkeypatch.setattr(sheets, "_encoding", lambda stream: calls.append(1) or real(stream))
    path = tmp_path / "excel.csv"
    path.write_bytes("person;event_type\r\nКим Виктор;fine\r\n".encode("cp1251"))
    plan = read_plan(path)
    assert [row.person for row in plan.rows] == ["Ким Виктор"] and len(calls) == 1
