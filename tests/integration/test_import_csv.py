"""CSV import through the command line: counts match the file, bad files store nothing."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from ..vaults import DATA, snapshot

MONTH = DATA / "monitoring_2021_12.csv"
# The test's own alias table (not the program's): what a coordinator expects the city columns to mean.
CITY_NAMES = {
    "nur-sultan": "Astana", "нур-султан": "Astana", "astana": "Astana", "almaty": "Almaty",
    "shymkent": "Shymkent", "uralsk": "Oral", "орал": "Oral", "oral": "Oral", "aktobe": "Aktobe",
    "ақтөбе": "Aktobe", "aktau": "Aktau", "atyrau": "Atyrau", "ust-kamenogorsk": "Oskemen",
    "өскемен": "Oskemen", "pavlodar": "Pavlodar", "караганда": "Karaganda", "taraz": "Taraz",
    "костанай": "Kostanay", "semipalatinsk": "Semey", "семей": "Semey", "жанаозен": "Zhanaozen",
    "zhanaozen": "Zhanaozen", "кульсары": "Kulsary",
}


def expected_counts(path: Path) -> dict[str, object]:
    """Count the CSV independently of kzdesk."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    refs = {r["event_ref"] for r in rows if r["event_ref"]}
    persons = {" ".join(unicodedata.normalize("NFC", r["person"]).casefold().split()) for r in rows}
    by_city: Counter[str] = Counter()
    for r in rows:
        city = r["city"].strip()
        by_city[CITY_NAMES.get(city.casefold(), city)] += 1
    return {
        "persons": len(persons),
        "events": len(refs) + sum(1 for r in rows if not r["event_ref"]),
        "acts": len(rows),
        "acts_by_type": dict(Counter(r["event_type"] for r in rows)),
        "acts_by_city": dict(by_city),
    }


def test_month_import_counts_match_csv(kz, vault_path: Path) -> None:
    result = kz("import-csv", str(MONTH), vault=vault_path)
    assert result.code == 0, result.err
    stats = kz("stats", "--json", vault=vault_path).json()
    expected = expected_counts(MONTH)
    assert expected["persons"] > 30 and expected["acts"] > 60
    for key in ("persons", "events", "acts", "acts_by_type"):
        assert stats[key] == expected[key], key
    assert {k: v for k, v in stats["acts_by_city"].items()} == {
        k: v for k, v in expected["acts_by_city"].items()}


def test_same_person_is_one_person_also_across_imports(kz, vault_path: Path, tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    a.write_text("person,event_type\nЖақсылықов Ерлан,detention\n  ЖАҚСЫЛЫҚОВ   ерлан ,fine\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    # NFD spelling of the same name: normalised to the same person.
    b.write_text("person,event_type\n" + unicodedata.normalize("NFD", "Жақсылықов Ерлан") + ",warning\n",
                 encoding="utf-8")
    assert kz("import-csv", str(a), vault=vault_path).code == 0
    assert kz("import-csv", str(b), vault=vault_path).code == 0
    persons = kz("persons", "--json", vault=vault_path).json()
    assert [(p["name"], p["acts"]) for p in persons] == [("Жақсылықов Ерлан", 3)]


def test_excel_variants_are_accepted(kz, vault_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = "\ufeffDate;City;Person;Event_Type;Fine_Amount;Fine_Unit\r\n" \
           "01.12.2021;Уральск;Ким Виктор;fine;5;МРП\r\n2021-12;Oral;Ли Анна;warning;;\r\n"
    path.write_bytes(text.encode("utf-8"))
    result = kz("import-csv", str(path), "--json", vault=vault_path)
    assert result.code == 0, result.err
    assert result.json()["acts"] == 2
    stats = kz("stats", "--json", vault=vault_path).json()
    assert stats["acts_by_city"] == {"Oral": 2}


def test_mci_fine_is_converted_with_the_mci_of_its_year(vault_path: Path, kz, tmp_path: Path) -> None:
    from kzdesk.core.model.vault import Vault

    from ..vaults import PASSPHRASE

    path = tmp_path / "fines.csv"
    path.write_text("date,person,event_type,fine_amount,fine_unit\n2021-12-10,A,fine,50,MCI\n"
                    "2024-03-01,B,fine,5,MCI\n2021-12-10,C,fine,145850,KZT\n", encoding="utf-8")
    assert kz("import-csv", str(path), vault=vault_path).code == 0
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        rows = dict(conn.exec_driver_sql(
            "SELECT p.name, a.fine_kzt FROM act a JOIN person p ON p.uuid = a.person").fetchall())
    assert rows == {"A": 145_850, "B": 18_460, "C": 145_850}


@pytest.mark.parametrize(("content", "row", "column"), [
    ("person,event_type,date\nA,fine,2021-13-01\n", 2, "date"),
    ("person,event_type,date\nA,fine,yesterday\n", 2, "date"),
    ("person,event_type\nA,fine\nB,beheading\n", 3, "event_type"),
    ("person,event_type,arrest_days\nA,administrative_arrest,fifteen\n", 2, "arrest_days"),
    ("person,event_type,arrest_days\nA,administrative_arrest,-3\n", 2, "arrest_days"),
    ("person,event_type\n,fine\n", 2, "person"),
    ("person,event_type,fine_amount,fine_unit\nA,fine,5,USD\n", 2, "fine_unit"),
    ("person,event_type,source_url\nA,fine,javascript:alert(1)\n", 2, "source_url"),
    ("person,event_type,legal_code,article\nA,fine,KoAP,488a\n", 2, "article"),
    ("person,event_type,date,event_ref\nA,fine,2021-12-01,e1\nB,fine,2021-12-02,e1\n", 3, "date"),
])
def test_bad_row_stores_nothing_and_says_where(kz, vault_path: Path, tmp_path: Path, content: str,
                                               row: int, column: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    before = snapshot(vault_path)
    result = kz("import-csv", str(path), vault=vault_path)
    assert result.code == 1
    assert f"row {row}, column {column}" in result.err
    assert "nothing was stored" in result.err
    assert snapshot(vault_path) == before


def test_every_bad_row_is_listed(kz, vault_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("person,event_type,date,arrest_days\nA,fine,2021-12-01,\nB,nonsense,2021-12-01,\n"
                    "C,fine,2021-02-30,x\n", encoding="utf-8")
    result = kz("import-csv", str(path), vault=vault_path)
    assert result.code == 1
    assert "row 3, column event_type" in result.err
    assert "row 4, column date" in result.err and "row 4, column arrest_days" in result.err
    assert "row 2" not in result.err
    assert kz("stats", "--json", vault=vault_path).json()["acts"] == 0


@pytest.mark.parametrize("content", [b"\xff\xfeperson,event_type\n", b"", b"city\nAlmaty\n",
                                     b"person,event_type,colour\nA,fine,red\n", b"person,event_type\nA,\x00\n"])
def test_unreadable_files_are_refused(kz, vault_path: Path, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = snapshot(vault_path)
    result = kz("import-csv", str(path), vault=vault_path)
    assert result.code == 1 and result.err.startswith("kzdesk: ")
    assert snapshot(vault_path) == before


def test_error_messages_in_russian_and_kazakh(kz, vault_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("person,event_type,arrest_days\nA,administrative_arrest,пятнадцать\n", encoding="utf-8")
    ru = kz("--lang", "ru", "import-csv", str(path), vault=vault_path)
    kk = kz("--lang", "kk", "import-csv", str(path), vault=vault_path)
    assert ru.code == kk.code == 1
    assert "строка 2" in ru.err and "ничего не сохранено" in ru.err
    assert "2-жол" in kk.err or "жол 2" in kk.err


def large_file(path: Path, rows: int, bad_row: int | None = None) -> Path:
    """A file long enough to be written in several chunks: persons, events and sources recur across it."""
    lines = ["date,city,person,event_type,source_url,event_ref,description"]
    for row in range(2, rows + 2):
        date = "2021-13-01" if row == bad_row else f"2021-12-{row // 3 % 28 + 1:02d}"
        ref = f"ev-{row // 3}" if row % 7 else ""  # events of up to three rows, some crossing chunk ends
        lines.append(f"{date},Орал,Жақсылықов Ерлан {row % 300},fine,https://example.kz/n/{row % 40},{ref},"
                     f"Пикет {row // 3}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bad_row_near_the_end_of_a_large_file_stores_nothing(kz, vault_path: Path, tmp_path: Path) -> None:
    path = large_file(tmp_path / "large.csv", 5000, bad_row=4998)
    assert kz("import-csv", str(MONTH), vault=vault_path).code == 0
    before = snapshot(vault_path)
    result = kz("import-csv", str(path), vault=vault_path)
    assert result.code == 1
    assert "row 4998, column date" in result.err and "nothing was stored" in result.err
    assert snapshot(vault_path) == before


def test_large_file_keeps_persons_events_and_sources_across_chunks(kz, vault_path: Path, tmp_path: Path) -> None:
    from kzdesk.core.model.vault import Vault

    from ..vaults import PASSPHRASE

    path = large_file(tmp_path / "large.csv", 5000)
    first = kz("import-csv", str(large_file(tmp_path / "first.csv", 10)), "--json", vault=vault_path).json()
    result = kz("import-csv", str(path), "--json", vault=vault_path)
    assert result.code == 0, result.err
    expected = expected_counts(path)
    assert result.json() == {"rows": 5000, "events": expected["events"], "acts": 5000,
                             "persons_new": 300 - first["persons_new"], "persons_existing": first["persons_new"],
                             "sources_new": 40 - first["sources_new"], "consent_kept_count": 0, "consent_kept": [],
                             "statuses": 0, "facts_kept_count": 0, "facts_kept": [], "notes": []}
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        counts = {kind: conn.exec_driver_sql(f"SELECT count(*) FROM {kind}").scalar_one()
                  for kind in ("person", "event", "act", "source", "citation", "revision")}
    assert counts["person"] == 300 and counts["source"] == 40 and counts["act"] == 5010
    # ev-667 (rows 2001 and 2003) spans the first two chunks: an event split in two would be counted here.
    assert counts["event"] == first["events"] + expected["events"] and counts["citation"] == 5010
    # One revision per record: chunked writes add no edits.
    assert counts["revision"] == sum(counts[k] for k in ("person", "event", "act", "source", "citation"))


def test_file_changed_after_its_check_stores_nothing(vault_path: Path, tmp_path: Path) -> None:
    """The rows are read again from the file when they are stored, after several chunks are written."""
    from kzdesk.core.errors import InputError
    from kzdesk.core.ingest.csv_import import read_plan, store
    from kzdesk.core.model.vault import Vault

    from ..vaults import PASSPHRASE

    path = large_file(tmp_path / "large.csv", 5000)
    plan = read_plan(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Жақсылықов Ерлан 197,fine,https://example.kz/n/37,ev-1665",
                                 "Жақсылықов Ерлан 197,warning,https://example.kz/n/37,ev-1665"), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != text
    with Vault.open(vault_path, PASSPHRASE):
        pass
    before = snapshot(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        with pytest.raises(InputError) as raised:
            store(vault, plan.rows)
        assert "changed after it was checked" in raised.value.message()
    assert snapshot(vault_path) == before


def test_a_russian_excel_file_with_russian_headers_imports(kz, vault_path: Path, tmp_path: Path) -> None:
    """As a Russian-locale Excel saves "CSV (разделители — точки с запятой)": Windows-1251, `;`, CRLF,
    dates as DD.MM.YYYY, headers as the monitor wrote them; KoboToolbox's columns left out with a note."""
    rows = [["ФИО", "Дата", "Город", "Мера", "Статья", "Часть", "Сутки ареста", "Источник", "_uuid", "start"],
            ["Ким Виктор", "05.12.2021", "Уральск", "административный арест", "488", "6", "15",
             "https://example.kz/1", "a1b2", "2021-12-05T10:00"],
            ["Иванова Ирина", "06.12.2021", "Семей", "штраф", "488", "1", "", "", "c3d4", ""]]
    path = tmp_path / "мониторинг.csv"
    path.write_bytes("\r\n".join(";".join(r) for r in rows).encode("cp1251") + b"\r\n")
    result = kz("import", str(path), "--lang", "ru", vault=vault_path)
    assert result.code == 0, result.err
    assert "Windows-1251" in result.out and "_uuid, start" in result.out
    stats = kz("stats", "--json", vault=vault_path).json()
    assert stats["acts"] == 2 and stats["acts_by_city"] == {"Oral": 1, "Semey": 1}


def test_a_problem_names_the_column_as_the_file_writes_it(kz, vault_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "файл.csv"
    path.write_text("Аты-жөні,Күні,Шара түрі\nКим Виктор,32.12.2021,штраф\n", encoding="utf-8")
    result = kz("--lang", "kk", "import", str(path), vault=vault_path)
    assert result.code != 0 and "Күні" in result.err and "32.12.2021" in result.err, result.err
    assert "date" not in result.err.split(":", 1)[1], result.err


def test_an_unknown_column_is_refused_naming_it_and_the_way_out(kz, vault_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "file.csv"
    path.write_text("person,event_type,Комментарий юриста\nКим Виктор,fine,x\n", encoding="utf-8")
    result = kz("import", str(path), vault=vault_path)
    assert result.code != 0 and "Комментарий юриста" in result.err and "--mapping" in result.err, result.err


def test_check_says_what_each_row_would_do_and_stores_nothing(kz, vault_path: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text("person,event_type,date\nКим Виктор,detention,2021-12-05\n", encoding="utf-8")
    assert kz("import", str(first), vault=vault_path).code == 0
    before = snapshot(vault_path)
    path = tmp_path / "month.csv"
    path.write_text("person,event_type,date,event_ref\n"
                    "Ким Виктор,fine,2021-12-06,e1\n"  # known: in the vault already
                    "Жақсылықов Ерлан,fine,2021-12-06,e1\n"  # new, same event
                    "Жақсылықов Ерлан,warning,2021-13-40,\n"  # refused: no such day
                    "жақсылықов  ерлан,warning,2021-12-07,\n", encoding="utf-8")  # as row 3's person
    result = kz("import", str(path), "--check", vault=vault_path)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Row 2: Ким Виктор (already in the vault)") and "a new event" in lines[0]
    assert lines[1].startswith("Row 3: Жақсылықов Ерлан (new)") and "the event of an earlier row" in lines[1]
    assert lines[2].startswith("Row 4: refused") and "2021-13-40" in lines[2]
    assert lines[3].startswith("Row 5: жақсылықов  ерлан (new, as on an earlier row)")
    assert "Nothing was stored" in lines[-1] and "1 row would be refused" in lines[-1]
    assert snapshot(vault_path) == before
    as_json = kz("import", str(path), "--check", "--json", vault=vault_path).json()
    assert [r["person_match"] for r in as_json["rows"]] == ["known", "new", None, "earlier_row"]


def test_a_mapping_file_reads_another_tools_columns_and_values(kz, vault_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "kobo.csv"
    path.write_text("start,end,name_full,what_happened,when,group_x/town,_uuid,internal_note\n"
                    "2021-12-05T09:00,2021-12-05T09:10,Ким Виктор,задержан,2021-12-05,Уральск,u1,x\n",
                    encoding="utf-8")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[columns]\nname_full = "person"\nwhat_happened = "event_type"\nwhen = "date"\n'
                       '"group_x/town" = "city"\ninternal_note = ""\n\n'
                       '[values.event_type]\n"задержан" = "detention"\n', encoding="utf-8")
    result = kz("import", str(path), "--mapping", str(mapping), vault=vault_path)
    assert result.code == 0, result.err
    assert "start, end, _uuid" in result.out and "internal_note" not in result.out
    stats = kz("stats", "--json", vault=vault_path).json()
    assert stats["acts_by_type"] == {"detention": 1} and stats["acts_by_city"] == {"Oral": 1}
    bad = tmp_path / "bad.json"
    bad.write_text('{"columns": {"name_full": "full_name"}}', encoding="utf-8")
    refused = kz("import", str(path), "--mapping", str(bad), vault=vault_path)
    assert refused.code != 0 and "full_name" in refused.err, refused.err


# Made once with LibreOffice Calc 7.4 (Debian 12) from monitoring_2021_12.csv, as a monitor who keeps
# the month in a spreadsheet program would save it ("2021-12-05" became date cells, articles numbers):
#   soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx:"Calc MS Excel 2007 XML" month.csv
LIBREOFFICE_MONTH = DATA / "monitoring_2021_12_libreoffice.xlsx"


def test_the_month_saved_by_libreoffice_imports_as_the_csv_does(kz, tmp_path: Path) -> None:
    from ..vaults import make_vault

    exported = []
    for name, source in (("csv", MONTH), ("xlsx", LIBREOFFICE_MONTH)):
        vault = make_vault(tmp_path / name, "coordinator", "Бақыт")
        vault.close()
        result = kz("import", str(source), vault=tmp_path / name, passphrase="pass phrase")
        assert result.code == 0, result.err
        out = tmp_path / f"{name}-export.csv"
        assert kz("export-csv", "--out", str(out), "--profile", "full", vault=tmp_path / name,
                  passphrase="pass phrase").code == 0
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        ids = [rows[0].index("Act id"), rows[0].index("Event id")]
        exported.append(sorted(tuple(c for i, c in enumerate(r) if i not in ids) for r in rows[1:]))
    assert len(exported[0]) == 82 and exported[0] == exported[1]


def test_check_refuses_exactly_the_rows_the_import_refuses(kz, vault_path: Path, tmp_path: Path) -> None:
    """--check reads the file with the import's own first pass: rows of one event_ref that disagree, and
    a row with more cells than the header (the last row of the file, too), are refused by both."""
    path = tmp_path / "month.csv"
    path.write_text("person,event_type,date,event_ref\n"
                    "Ким Виктор,fine,2021-12-05,e1\n"
                    "Иванова Ирина,fine,2021-12-06,e1\n"  # the same event, another day
                    "Ли Дина,warning,2021-12-07,,extra\n", encoding="utf-8")  # a cell more than the header
    imported = kz("import", str(path), vault=vault_path)
    assert imported.code != 0
    checked = kz("import", str(path), "--check", "--json", vault=vault_path)
    assert checked.code == 1
    refused = {row["row"] for row in checked.json()["rows"] if row["problems"]}
    assert refused == {3, 4}
    for number in refused:
        assert f"row {number}" in imported.err, imported.err
