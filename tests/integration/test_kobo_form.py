"""The KoboToolbox form kzdesk ships and its mapping: an export of that form, as KoboToolbox writes it (`;`,
every cell quoted, its own columns start, _id, _uuid, meta/instanceID…), imports with the shipped mapping,
with or without group prefixes in the headers; KoboToolbox's columns are reported and left out."""

from __future__ import annotations

import ast
import csv
import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook

from kzdesk.core.ingest.columns import FIELDS, read_mapping
from kzdesk.core.ingest.csv_import import RowProblem, parse_rows
from kzdesk.core.ingest.sheets import Sheet
from kzdesk.core.model.vault import Vault
from kzdesk.core.model.vocab import vocabulary
from kzdesk.core.resources import resource_path

from ..vaults import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
FORM = resource_path("kobo", "kzdesk_form.xlsx")
MAPPING = resource_path("kobo", "mapping.json")
LANGS = ("Русский (ru)", "Қазақша (kk)", "English (en)")
META = ["start", "end", "today", "deviceid"]
TAIL = ["meta/instanceID", "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
        "_submitted_by", "__version__", "_tags", "_index"]


def maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_kobo_form", ROOT / "packaging" / "make_kobo_form.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sheets(data: bytes | Path) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_the_shipped_form_and_mapping_are_what_the_script_makes() -> None:
    made = maker()
    assert sheets(FORM) == sheets(made.form()), "run: python packaging/make_kobo_form.py"
    assert json.loads(MAPPING.read_text(encoding="utf-8")) == made.mapping()


def test_the_form_is_an_xlsform_in_three_languages() -> None:
    form = sheets(FORM)
    assert list(form) == ["survey", "choices", "settings"]
    survey = [dict(zip(form["survey"][0], row, strict=True)) for row in form["survey"][1:]]
    choices = [dict(zip(form["choices"][0], row, strict=True)) for row in form["choices"][1:]]
    settings = dict(zip(form["settings"][0], form["settings"][1], strict=True))
    assert settings["form_id"] == "kzdesk_act" and settings["default_language"] == "Русский (ru)"
    lists = {c["list_name"] for c in choices}
    names = [row["name"] for row in survey if row["name"]]
    assert len(names) == len(set(names))
    for row in survey:
        kind = row["type"]
        if kind.startswith("select_one "):
            assert kind.split()[1] in lists, kind
        if kind in ("start", "end", "today", "deviceid", "end_group"):
            continue
        assert all(row[f"label::{lang}"] for lang in LANGS), row["name"]
    assert all(c[f"label::{lang}"] for c in choices for lang in LANGS)
    assert any("қ" in str(c["label::Қазақша (kk)"]) for c in choices)
    wanted = {"full_name", "event_date", "city", "act_type", "legal_code", "article", "part", "arrest_days",
              "fine_amount", "description", "source_url", "consent"}
    assert wanted <= set(names)
    cities = [c["name"] for c in choices if c["list_name"] == "city"]
    assert set(cities) == set(vocabulary().cities)


def test_the_mapping_names_every_field_with_and_without_its_group() -> None:
    mapping = read_mapping(MAPPING)  # refused if it named a field kzdesk lacks
    columns = json.loads(MAPPING.read_text(encoding="utf-8"))["columns"]
    assert set(columns.values()) <= set(FIELDS)
    for field in ("act/act_type", "act_type", "person/full_name", "full_name", "event/event_date", "event_date"):
        assert field in columns
    for outside in ("description", "source_url", "consent"):  # questions outside any group
        assert columns[outside] == outside
    assert mapping.value("legal_code", "koap") == "administrative_offences_code"


def choice_names(list_name: str) -> list[str]:
    form = sheets(FORM)
    return [str(row[1]) for row in form["choices"][1:] if row[0] == list_name]


def test_every_choice_of_the_form_imports_as_a_kzdesk_code() -> None:
    vocab = vocabulary()
    columns = {"city": "event/city", "act_type": "act/act_type", "legal_code": "act/legal_code",
               "fine_unit": "act/fine_unit", "gender": "person/gender", "consent": "consent"}
    header = ["person/full_name", *columns.values(), "act/fine_amount"]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    expected = []
    for list_name in columns:
        for name in choice_names(list_name):
            row = {"person/full_name": "Әлиев Бауыржан", "act/act_type": "fine", "act/fine_amount": "5",
                   columns[list_name]: name}
            writer.writerow([row.get(h, "") for h in header])
            expected.append((list_name, name))
    problems: list[RowProblem] = []
    with Sheet(Path("kobo.csv"), buffer.getvalue().encode("utf-8")) as sheet:
        parsed = list(parse_rows(sheet, vocab, problems, read_mapping(MAPPING)))
    assert problems == []
    for row, (list_name, name) in zip(parsed, expected, strict=True):
        value = {"city": row.event["city"], "act_type": row.act["act_type"], "legal_code": row.act["legal_code"],
                 "fine_unit": row.act["fine_unit"], "gender": row.person_facts.get("gender"),
                 "consent": row.act["consent"]}[list_name]
        codes = {"city": vocab.cities, "act_type": vocab.act_types, "legal_code": vocab.legal_codes,
                 "fine_unit": ("KZT", "MCI"), "gender": ("female", "male"),
                 "consent": ("public", "anonymised", "confidential")}[list_name]
        assert value in codes, (list_name, name, value)
    assert sorted(r.event["city"] for r, (n, _) in zip(parsed, expected, strict=True) if n == "city") == sorted(
        vocab.cities)


def kobo_export(groups: bool) -> str:
    """Two submissions as KoboToolbox's CSV export writes them: ';', every cell quoted, its own columns."""
    fields = ["person/full_name", "person/gender", "person/birth_year", "event/event_date", "event/city",
              "event/place", "event/occasion", "act/act_type", "act/legal_code", "act/article", "act/part",
              "act/arrest_days", "act/fine_amount", "act/fine_unit", "act/court", "act/decision_date",
              "description", "source_url", "consent"]
    header = [*META, *(f if groups else f.split("/")[-1] for f in fields), *TAIL]
    rows = [
        ["2021-12-10T09:12:44.120+05:00", "2021-12-10T09:20:03.551+05:00", "2021-12-10", "ee.kobotoolbox.org:Xq2b",
         "Сәрсенбаев Нұрлан", "male", "1990", "2021-12-10", "zhanaozen", "у здания акимата",
         "призыв к митингу в Facebook", "fine", "koap", "488", "11", "", "50", "mci", "Жанаозенский городской суд",
         "2021-12-13", "Оштрафован за пост в Facebook", "https://example.org/news/1", "anonymised",
         "uuid:6f1c1a40-3b1e-4d8e-9a61-0c3f5b1d2e77", "187345210", "6f1c1a40-3b1e-4d8e-9a61-0c3f5b1d2e77",
         "2021-12-10T04:20:07", "", "", "submitted_via_web", "", "vGzq8kM4wXb2yPpE3sTt7Q", "", "1"],
        ["2021-12-16T12:01:02.000+06:00", "2021-12-16T12:05:40.000+06:00", "2021-12-16", "ee.kobotoolbox.org:Xq2b",
         "Жақсылықова Әйгерім", "female", "", "2021-12-16", "almaty", "площадь Республики", "одиночный пикет",
         "administrative_arrest", "koap", "488", "6", "15", "", "", "", "", "", "", "confidential",
         "uuid:0b9e4a52-8c7d-4e1f-b2a3-5d6e7f8091a2", "187345377", "0b9e4a52-8c7d-4e1f-b2a3-5d6e7f8091a2",
         "2021-12-16T06:05:44", "validation_status_approved", "", "submitted_via_web", "", "vGzq8kM4wXb2yPpE3sTt7Q",
         "", "2"],
    ]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize("groups", [True, False])
def test_a_kobo_export_imports_with_the_shipped_mapping(kz, vault_path: Path, tmp_path: Path, groups: bool) -> None:
    export = tmp_path / "kzdesk_act_-_all_versions_-_labels_-_2021-12-17-06-00-00.csv"
    export.write_text(kobo_export(groups), encoding="utf-8")
    checked = kz("import", "--check", str(export), "--mapping", str(MAPPING), vault=vault_path)
    assert checked.code == 0, checked.out + checked.err
    result = kz("import", str(export), "--mapping", str(MAPPING), vault=vault_path)
    assert result.code == 0, result.err
    left_out = "Form tool columns (KoboToolbox, ODK) were left out: " + ", ".join([*META, *TAIL]) + "."
    assert left_out in result.out and left_out in checked.out
    assert "Imported 2 rows: 2 events, 2 acts, 2 new persons" in result.out
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT p.name, p.gender, p.birth_year, e.date, e.city, e.place, a.act_type, a.legal_code, a.article, "
            "a.part, a.arrest_days, a.fine_amount, a.fine_unit, a.fine_kzt, a.decision_date, a.consent "
            "FROM act a JOIN person p ON p.uuid = a.person JOIN event e ON e.uuid = a.event ORDER BY e.date").all()
        sources = conn.exec_driver_sql("SELECT url FROM source").scalars().all()
    assert [tuple(r) for r in stored] == [
        ("Сәрсенбаев Нұрлан", "male", 1990, "2021-12-10", "zhanaozen", "у здания акимата", "fine",
         "administrative_offences_code", "488", "11", None, "50", "MCI", 145850, "2021-12-13", "anonymised"),
        ("Жақсылықова Әйгерім", "female", None, "2021-12-16", "almaty", "площадь Республики",
         "administrative_arrest", "administrative_offences_code", "488", "6", 15, None, None, None, None,
         "confidential"),
    ]
    assert sources == ["https://example.org/news/1"]


def test_the_build_ships_the_kobo_folder() -> None:
    """The PyInstaller spec ships resources/ whole, and its filter keeps the form and the mapping."""
    source = (ROOT / "packaging" / "kzdesk.spec").read_text(encoding="utf-8")
    tree = ast.parse(source)
    wanted = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "wanted")
    scope: dict[str, object] = {}
    keep = [node for node in tree.body if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id in ("KEEP_QT_LANGS", "UNUSED_PLUGINS") for t in node.targets)]
    exec(compile(ast.Module([*keep, wanted], []), "kzdesk.spec", "exec"), scope)
    assert '(str(ROOT / "resources"), "resources")' in source
    for name in ("kzdesk_form.xlsx", "mapping.json"):
        assert (ROOT / "resources" / "kobo" / name).is_file()
        assert scope["wanted"]((f"resources/kobo/{name}", "", "DATA"))  # type: ignore[operator]
