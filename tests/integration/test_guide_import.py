"""The guide's "Importing a spreadsheet" chapter, in each language: every column of the template under the
header the template writes in that language, the template, --check, a mapping file kzdesk accepts, the
KoboToolbox form, the window's menu items as the window names them, and the shipped PDFs carrying it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from kzdesk.core.ingest.columns import read_mapping
from kzdesk.core.ingest.template import TEMPLATE_FIELDS, headers
from kzdesk.core.reports.guide import LANGUAGES, read_guide

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = {"en": "Importing a spreadsheet", "ru": "Импорт таблицы", "kk": "Кестені импорттау"}
CONSENT = {"en": "Consent and publishing", "ru": "Согласие и публикация", "kk": "Келісім және жариялау"}


def window_words(lang: str, context: str, source: str) -> str:
    """What the window shows for a string in that language (the source itself in English), without '&'."""
    if lang == "en":
        return source.replace("&", "")
    root = ET.parse(ROOT / "resources" / "i18n" / f"kzdesk_{lang}.ts").getroot()
    for ctx in root.iter("context"):
        if ctx.findtext("name") == context:
            for message in ctx.iter("message"):
                if message.findtext("source") == source:
                    return (message.findtext("translation") or "").replace("&", "")
    raise AssertionError((lang, context, source))


def chapter_text(lang: str) -> str:
    source = (ROOT / "docs" / "guide" / f"{lang}.md").read_text(encoding="utf-8")
    start = source.index(f"## {CHAPTER[lang]}\n")
    return source[start:source.index("\n## ", start + 1)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chapter_says_how_to_import_a_spreadsheet(lang: str, tmp_path: Path) -> None:
    chapters = read_guide(ROOT / "docs" / "guide" / f"{lang}.md").chapters
    assert chapters.index(CHAPTER[lang]) == chapters.index(CONSENT[lang]) + 1 == 12  # chapter 13
    text = chapter_text(lang)
    for header, field in zip(headers(lang), TEMPLATE_FIELDS, strict=True):
        assert f"**{header}**" in text and f"`{field}`" in text, field
    file_menu = window_words(lang, "MainWindow", "&File")
    for source in ("&Import spreadsheet (Excel, CSV)…", "Save a spreadsheet &template…"):
        assert f"**{file_menu} → {window_words(lang, 'SpreadsheetActions', source)}**" in text, source
    for command in (f"`kzdesk template --out template.xlsx --lang {'kk' if lang == 'kk' else 'ru'}`",
                    "`kzdesk import monitoring.xlsx --check`", "`--delimiter semicolon`",
                    "`kzdesk import kobo-export.csv --mapping mapping.json`", "`resources/kobo`"):
        assert command in text, command
    for encoding in ("UTF-8", "UTF-16", "Windows-1251", "`,` `;`"):
        assert encoding in text
    example = next(line for line in text.splitlines() if line.startswith('`{"columns"'))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(example.strip("`"), encoding="utf-8")
    assert read_mapping(mapping).columns["кто"] == "person"
    assert json.loads(example.strip("`"))["values"]["event_type"]["задержан"] == "detention"
    number = {"en": "chapter 12", "ru": "главе 12", "kk": "12-тарауда"}[lang]
    assert number in text and CONSENT[lang] in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shipped_guide_carries_the_chapter(lang: str) -> None:
    reader = PdfReader(ROOT / "resources" / "guide" / f"kzdesk-guide-{lang}.pdf")
    everything = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))
    assert re.sub(r"\s+", "", f"13. {CHAPTER[lang]}") in everything
    assert re.sub(r"\s+", "", headers(lang)[0]) in everything
