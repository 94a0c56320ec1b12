"""`kzdesk export-csv`: real vaults, real CSV and XLSX files read back with csv and openpyxl."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from kzdesk.core.model.names import identity_key, sort_key
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.consent import pseudonym
from kzdesk.core.reports.export import Table, to_xlsx

from ..vaults import (
    ADDRESS,
    ALSO_ANONYMISED,
    ANONYMISED,
    CONFIDENTIAL,
    DATA,
    DELETED_ACT,
    IIN,
    IN_ANONYMISED_EVENT,
    IN_SECRET_EVENT,
    PASSPHRASE,
    PHONE,
    SECRET_ACT,
    prepare_month,
    snapshot,
)

MONTH = DATA / "monitoring_2021_12.csv"
PERSON_RE = re.compile(r"Person [0-9A-F]{6}")
LEGAL = Path(__file__).resolve().parents[2] / "resources" / "vocab" / "legal.json"
@pytest.fixture
def month(vault_path: Path) -> dict[str, str]:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        return prepare_month(vault)


def acts_of(vault_path: Path, person: str) -> set[str]:
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT uuid FROM act WHERE person = ?", (person,))}


# --- what the source spreadsheet says, counted without kzdesk ----------------------------------
def norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def source_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(MONTH.read_text(encoding="utf-8"), newline="")))


def facts(rows: list[dict[str, str]], names: dict[str, str] | None = None) -> Counter[tuple[str, ...]]:
    """(person, date, article, part, arrest days, fine) per source row; names renames persons."""
    names = names or {}
    return Counter((names.get(norm(r["person"]), norm(r["person"])), r["date"], r["article"], r["part"],
                    r["arrest_days"], r["fine_amount"].replace(" ", "")) for r in rows)


def exported_facts(rows: list[dict[str, str]]) -> Counter[tuple[str, ...]]:
    return Counter((norm(r["Person"]), r["Event date"], r["Article"], r["Part"], r["Arrest days"],
                    r["Fine amount"]) for r in rows)


def kept(row: dict[str, str], *, public: bool) -> bool:
    if norm(row["person"]) == norm(DELETED_ACT):
        return False
    if not public:
        return True
    secret = (norm(row["person"]), row["fine_amount"]) == (norm(SECRET_ACT[0]), SECRET_ACT[1])
    return norm(row["person"]) != norm(CONFIDENTIAL) and row["event_ref"] != "shy-1229" and not secret


# --- reading files back ------------------------------------------------------------------------
def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")  # CRLF line ends only
    table = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    return table[0], table[1:]


def as_dicts(headers: list[str], rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(headers, row, strict=True)) for row in rows]


def xlsx_text(value: object) -> str:
    """A cell as the CSV writes it: a date cell (a full day) as its ISO day."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def xlsx_bytes_text(path: Path) -> str:
    """Every XML part of the workbook, decompressed (names must not hide in there either)."""
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def export(kz, vault_path: Path, path: Path, *args: str) -> None:
    result = kz("export-csv", "--out", str(path), *args, vault=vault_path)
    assert result.code == 0, result.err


# --- profiles ----------------------------------------------------------------------------------
@pytest.mark.parametrize("profile", ["lawyer", "full"])
def test_lawyer_and_full_have_every_current_act_by_name(kz, vault_path: Path, tmp_path: Path, month: dict[str, str],
                                                        profile: str) -> None:
    path = tmp_path / f"{profile}.csv"
    export(kz, vault_path, path, "--profile", profile)
    headers, rows = read_csv(path)
    table = as_dicts(headers, rows)
    expected = facts([r for r in source_rows() if kept(r, public=False)])
    assert sum(expected.values()) == 81
    assert exported_facts(table) == expected
    assert headers[-1] == "Profile" and {r["Profile"] for r in table} == {profile}
    data = path.read_bytes().decode("utf-8-sig")
    for name in (CONFIDENTIAL, ANONYMISED, IN_SECRET_EVENT, IN_ANONYMISED_EVENT):
        assert name in data
    sensitive = {"Contacts", "IIN", "Address", "Notes"}
    olga = [r for r in table if r["Person"] == ANONYMISED]
    assert len(olga) == 4 and {r["Birth year"] for r in olga} == {"1990"}
    if profile == "full":
        assert sensitive <= set(headers)
        assert {r["IIN"] for r in olga} == {IIN} and {r["Address"] for r in olga} == {ADDRESS}
        assert {r["Contacts"] for r in olga} == {"'" + PHONE}  # starts with "+": neutralised
    else:
        assert not sensitive & set(headers)
        assert IIN not in data and ADDRESS not in data and PHONE not in data


def test_rows_in_date_order_undated_last_then_by_name(kz, vault_path: Path, tmp_path: Path,
                                                      month: dict[str, str]) -> None:
    path = tmp_path / "order.csv"
    export(kz, vault_path, path, "--profile", "lawyer")
    table = as_dicts(*read_csv(path))
    # The first day a date can mean: 2021 → 2021-01-01, 2021-12 → 2021-12-01.
    starts = [(r["Event date"] + "-01-01")[:10] if len(r["Event date"]) == 4 else (r["Event date"] + "-01")[:10]
              if len(r["Event date"]) == 7 else r["Event date"] for r in table]
    dated = [s for s in starts if s]
    assert dated == sorted(dated) and starts[:len(dated)] == dated and len(dated) < len(starts)
    keys = [(s == "", s, sort_key(r["Person"])) for s, r in zip(starts, table, strict=True)]
    assert keys == sorted(keys)


def test_public_leaves_out_confidential_and_pseudonymises_anonymised(kz, vault_path: Path, tmp_path: Path,
                                                                     month: dict[str, str]) -> None:
    path = tmp_path / "public.csv"
    export(kz, vault_path, path, "--profile", "public")
    headers, rows = read_csv(path)
    table = as_dicts(headers, rows)
    olga, nurlan, anna = (month[identity_key(name)] for name in (ANONYMISED, ALSO_ANONYMISED, IN_ANONYMISED_EVENT))
    renamed = {norm(ANONYMISED): norm(pseudonym(olga, "en")), norm(ALSO_ANONYMISED): norm(pseudonym(nurlan, "en")),
               norm(IN_ANONYMISED_EVENT): norm(pseudonym(anna, "en"))}
    assert exported_facts(table) == facts([r for r in source_rows() if kept(r, public=True)], renamed)
    data = path.read_bytes().decode("utf-8-sig")
    for absent in (CONFIDENTIAL, IN_SECRET_EVENT, ANONYMISED, ALSO_ANONYMISED, IN_ANONYMISED_EVENT, IIN, ADDRESS,
                   PHONE, "журналист"):
        assert absent not in data, absent
    assert not {"Contacts", "IIN", "Address", "Notes"} & set(headers)
    by_act = {r["Act id"]: r for r in table}
    hers = [by_act[act] for act in acts_of(vault_path, olga)]
    assert len(hers) == 4
    # One pseudonym for her in every row, another for the other anonymised person.
    assert {r["Person"] for r in hers} == {pseudonym(olga, "en")}
    assert PERSON_RE.fullmatch(hers[0]["Person"]) and pseudonym(nurlan, "en") != pseudonym(olga, "en")
    assert {(r["Birth year"], r["Occupation"], r["Sources"], r["Case number"]) for r in hers} == {("", "", "", "")}
    assert {r["Consent"] for r in hers} == {"anonymised"}
    assert {r["Gender"] for r in hers} == {"female"}
    others = [r for r in table if not PERSON_RE.fullmatch(r["Person"])]
    assert {r["Consent"] for r in others} == {"public"} and {r["Profile"] for r in table} == {"public"}
    pickets = [r for r in table if r["Person"] == "Жақсылықов Ерлан"]
    assert [r["Sources"] for r in pickets] == ["https://example.kz/news/2021-12-01-pickets"]
    assert [(r["City"], r["Act type"], r["Legal code"], r["Fine unit"], r["Fine in KZT"]) for r in pickets] == [
        ("Astana", "Fine", "CAO", "MCI", "14585")]


@pytest.mark.parametrize("profile", ["full", "lawyer", "public"])
def test_xlsx_holds_the_same_rows_as_the_csv(kz, vault_path: Path, tmp_path: Path, month: dict[str, str],
                                             profile: str) -> None:
    export(kz, vault_path, tmp_path / "acts.csv", "--profile", profile)
    export(kz, vault_path, tmp_path / "acts.xlsx", "--profile", profile)
    headers, rows = read_csv(tmp_path / "acts.csv")
    book = openpyxl.load_workbook(tmp_path / "acts.xlsx")
    sheet, about = book.worksheets
    values = [[xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == headers and values[1:] == rows
    assert all(cell.font.bold for cell in sheet[1]) and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > 30  # the act ids are 32 characters wide
    column = headers.index("Arrest days") + 1
    days = [c.value for c in next(sheet.iter_cols(min_col=column, max_col=column, min_row=2)) if c.value]
    assert days and all(isinstance(d, int) for d in days)
    meta = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert meta["Profile"] == profile and meta["Language"] == "en"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", meta["Generated"])
    if profile == "public":
        text = xlsx_bytes_text(tmp_path / "acts.xlsx")
        for absent in (CONFIDENTIAL, IN_SECRET_EVENT, ANONYMISED, IIN):
            assert absent not in text, absent


# --- formula injection -------------------------------------------------------------------------
HYPERLINK = '=HYPERLINK("http://x")'


def record_case(vault: Vault, name: str, day: str, article: str | None = None, **act: object) -> None:
    with vault.transaction() as conn:
        changes = vault.changeset()
        person = changes.create("person", {"name": name, "name_key": identity_key(name), "consent": "public",
                                           "occupation": "@SUM(A1)", "affiliation": "-2+3"})
        event = changes.create("event", {"date": day, "date_precision": "day", "date_start": day, "date_end": day,
                                         "description": "+1-2", "place": "\tплощадь", "consent": "public"})
        changes.create("act", {"event": event, "person": person, "act_type": "administrative_arrest",
                               "legal_code": "administrative_offences_code" if article else None,
                               "article": article, **act})
        vault.commit(changes, conn)


def test_formulas_are_neutralised_in_csv_and_xlsx(kz, vault: Vault, vault_path: Path, tmp_path: Path) -> None:
    record_case(vault, HYPERLINK, "2021-12-16", arrest_days=15, case_number="\r5-123", description="=1+1",
                fine_amount="-5", fine_unit="KZT", fine_kzt=-5)
    export(kz, vault_path, tmp_path / "f.csv", "--profile", "full")
    export(kz, vault_path, tmp_path / "f.xlsx", "--profile", "full")
    expected = {"Person": "'" + HYPERLINK, "Event description": "'+1-2", "Act description": "'=1+1",
                "Occupation": "'@SUM(A1)", "Affiliation": "'-2+3", "Place": "'\tплощадь", "Case number": "'\r5-123",
                "Arrest days": "15", "Fine amount": "-5", "Fine in KZT": "-5"}
    (row,) = as_dicts(*read_csv(tmp_path / "f.csv"))
    assert {k: row[k] for k in expected} == expected
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx").worksheets[0]
    cells = {header.value: cell for header, cell in zip(sheet[1], sheet[2], strict=True)}
    # XML turns a carriage return inside text into a line feed when it is read.
    expected["Case number"] = "'\n5-123"
    for header, text in expected.items():
        cell = cells[header]
        if header in ("Arrest days", "Fine amount", "Fine in KZT"):
            assert cell.data_type == "n" and cell.value == int(text)  # numbers stay numbers
        else:
            assert cell.data_type == "s" and cell.value == text, header
    with zipfile.ZipFile(tmp_path / "f.xlsx") as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_xlsx_keeps_text_as_text_even_when_not_neutralised(tmp_path: Path) -> None:
    # The second line of defence: whatever reaches the sheet writer as text is stored as text.
    table = Table("full", "en", "2021-12-31", ("a", "b"), ((HYPERLINK, 7),))
    (tmp_path / "t.xlsx").write_bytes(to_xlsx(table))
    cell, number = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0][2]
    assert (cell.data_type, cell.value, number.data_type, number.value) == ("s", HYPERLINK, "n", 7)


def test_article_title_is_the_wording_in_force_on_the_decision_date(kz, vault: Vault, vault_path: Path,
                                                                    tmp_path: Path) -> None:
    """As the chronology and the case summary: the decision's day, else the event's."""
    wordings = next(a["wordings"] for a in json.loads(LEGAL.read_text(encoding="utf-8"))["articles"]
                    if (a["code"], a["article"]) == ("administrative_offences_code", "488"))
    old, new = sorted(wordings, key=lambda w: w["effective"])[-2:]
    record_case(vault, "Ескі Жазба", "2019-05-01", "488")
    record_case(vault, "Жаңа Жазба", "2021-12-16", "488")
    record_case(vault, "Кейін Шешілген", "2020-03-01", "488", decision_date="2020-07-01")
    path = tmp_path / "titles.csv"
    export(kz, vault_path, path, "--profile", "lawyer", "--lang", "kk")
    titles = {r["Тұлға"]: r["Баптың атауы"] for r in as_dicts(*read_csv(path))}
    assert titles == {"Ескі Жазба": old["title"]["kk"], "Жаңа Жазба": new["title"]["kk"],
                      "Кейін Шешілген": new["title"]["kk"]}


# --- Kazakh ------------------------------------------------------------------------------------
def test_kazakh_letters_in_values_headers_and_file_names(kz, vault_path: Path, tmp_path: Path,
                                                         month: dict[str, str]) -> None:
    result = kz("--lang", "kk", "export-csv", "--out", str(tmp_path / "есеп_әғқ.csv"), vault=vault_path)
    assert result.code == 0 and "ШИФРЛАНБАҒАН" in result.out
    assert "есеп_әғқ.csv" in os.listdir(tmp_path)
    headers, rows = read_csv(tmp_path / "есеп_әғқ.csv")
    assert {"Тұлға", "Қала", "Өңір", "Бап", "Бөлік", "Қамақ, тәулік", "Айыппұл сомасы", "Профиль"} <= set(headers)
    table = as_dicts(headers, rows)
    text = "\n".join(",".join(row) for row in rows)
    for word in ("Жақсылықов Ерлан", "Өтепов Ғалымжан", "Өскемен", "Ақтөбе", "Әкімшілік қамаққа алу", "АЕК"):
        assert word in text, word
    olga = pseudonym(month[identity_key(ANONYMISED)], "kk")
    assert olga.startswith("Тұлға ") and olga in {r["Тұлға"] for r in table}
    assert {r["Келісім"] for r in table} == {"ашық", "анонимді"}

    assert kz("--lang", "kk", "export-csv", "--out", str(tmp_path / "есеп_әғқ.xlsx"), vault=vault_path).code == 0
    book = openpyxl.load_workbook(tmp_path / "есеп_әғқ.xlsx")
    assert book.sheetnames == ["Шаралар", "Файл туралы"]
    assert [c.value for c in book.worksheets[0][1]] == headers
    assert {r[0] for r in book.worksheets[1].iter_rows(values_only=True)} == {"Профиль", "Жасалған күні", "Тіл"}


def test_export_language_follows_the_current_language(kz, vault_path: Path, tmp_path: Path,
                                                      month: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZDESK_LANG", "ru")
    assert kz("export-csv", "--out", str(tmp_path / "отчёт.csv"), vault=vault_path).code == 0
    headers, rows = read_csv(tmp_path / "отчёт.csv")
    assert headers[:4] == ["Идентификатор меры", "Идентификатор события", "Дата события", "Город"]
    assert headers[-1] == "Профиль"
    assert "Уральск" in {row[3] for row in rows} and {row[-1] for row in rows} == {"public"}


# --- the command line --------------------------------------------------------------------------
def test_cli_defaults_public_csv_and_warns_the_file_is_not_encrypted(kz, vault_path: Path, tmp_path: Path,
                                                                      month: dict[str, str]) -> None:
    path = tmp_path / "out.csv"
    result = kz("export-csv", "--out", str(path), vault=vault_path)
    assert result.code == 0, result.err
    _, rows = read_csv(path)
    assert len(result.out.strip().splitlines()) == 1
    assert f"{len(rows)} rows written" in result.out and "NOT encrypted" in result.out
    assert {row[-1] for row in rows} == {"public"}
    assert path.stat().st_mode & 0o777 == 0o600
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".tmp-")]


@pytest.mark.parametrize(("name", "args", "magic"), [
    ("a.xlsx", (), b"PK\x03\x04"), ("a.XLSX", (), b"PK\x03\x04"), ("a.csv", ("--format", "xlsx"), b"PK\x03\x04"),
    ("a.xlsx", ("--format", "csv"), codecs.BOM_UTF8), ("a.txt", (), codecs.BOM_UTF8),
])
def test_format_comes_from_the_suffix_unless_given(kz, vault: Vault, vault_path: Path, tmp_path: Path, name: str,
                                                   args: tuple[str, ...], magic: bytes) -> None:
    record_case(vault, "Ким Виктор", "2021-12-05")
    export(kz, vault_path, tmp_path / name, *args)
    assert (tmp_path / name).read_bytes().startswith(magic)


def test_missing_folder_is_refused_before_the_passphrase_and_nothing_is_written(kz, vault_path: Path,
                                                                               tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    result = kz("export-csv", "--out", str(tmp_path / "нет" / "out.csv"), passphrase=None, vault=vault_path)
    assert result.code == 1
    assert result.err.strip() == f"kzdesk: The folder {tmp_path / 'нет'} does not exist; nothing was written."
    assert not (tmp_path / "нет").exists() and snapshot(tmp_path) == before


def test_a_folder_as_destination_is_refused(kz, vault_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "папка"
    target.mkdir()
    result = kz("--lang", "ru", "export-csv", "--out", str(target), vault=vault_path)
    assert result.code == 1 and "это папка" in result.err and "ничего не записано" in result.err
    assert list(target.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_unwritable_folder_gives_a_clear_message(kz, vault_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = kz("export-csv", "--out", str(folder / "out.csv"), vault=vault_path)
    finally:
        folder.chmod(0o700)
    assert result.code == 1 and result.err.startswith(f"kzdesk: Cannot write {folder / 'out.csv'}: ")
    assert list(folder.iterdir()) == []


def test_wrong_passphrase_writes_nothing(kz, vault_path: Path, tmp_path: Path) -> None:
    result = kz("export-csv", "--out", str(tmp_path / "out.csv"), passphrase="wrong", vault=vault_path)
    assert result.code == 2 and not (tmp_path / "out.csv").exists()


def test_unknown_profile_is_rejected(kz, vault_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        kz("export-csv", "--out", str(tmp_path / "out.csv"), "--profile", "press", vault=vault_path)
    assert exit_.value.code == 2
    assert "invalid choice: 'press'" in capsys.readouterr().err
    assert not (tmp_path / "out.csv").exists()
