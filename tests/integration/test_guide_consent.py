"""The guide's "Consent and publishing" chapter, in each language: the three levels in the window's
words, the CSV columns and their rule, `kzdesk consent set`, the window's menu item as the window
names it, and the shipped PDFs carrying the chapter."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from kzdesk.core.reports.guide import LANGUAGES, read_guide

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = {"en": "Consent and publishing", "ru": "Согласие и публикация", "kk": "Келісім және жариялау"}


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
    end = source.index("\n## ", start + 1)
    return source[start:end]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_consent_chapter_says_how_to_publish(lang: str) -> None:
    assert CHAPTER[lang] in read_guide(ROOT / "docs" / "guide" / f"{lang}.md").chapters
    text = chapter_text(lang)
    for column in ("`consent`", "`person_consent`", "`event_consent`", "`event_ref`"):
        assert column in text, column
    assert "`kzdesk consent set public --from 2021-12-01 --to 2021-12-31 --what all`" in text
    assert "--dry-run" in text
    for level in ("confidential", "anonymised", "public"):  # the levels as the Set consent dialog words them
        assert f"**{window_words(lang, 'ConsentDialog', level)}**" in text, level
    menu = f"**{window_words(lang, 'MainWindow', '&Edit')} → {window_words(lang, 'ConsentActions', 'Set &consent…')}**"
    assert menu in text
    for tab in ("Persons", "Records"):
        assert window_words(lang, "MainWindow", tab) in text, tab


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shipped_guide_carries_the_chapter(lang: str) -> None:
    reader = PdfReader(ROOT / "resources" / "guide" / f"kzdesk-guide-{lang}.pdf")
    everything = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))
    assert re.sub(r"\s+", "", f"12. {CHAPTER[lang]}") in everything
    assert "kzdeskconsentsetpublic--from2021-12-01--to2021-12-31--whatall" in everything
