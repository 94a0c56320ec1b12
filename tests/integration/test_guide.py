"""The user guide: three sources with one structure, PDFs that render Kazakh and Russian as real
text with their screenshots, the committed PDFs in step with the sources, and `kzdesk guide`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kzdesk.core.reports.guide import LANGUAGES, Guide, build_all, parse, read_guide, shipped_guide

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "docs" / "guide"
SHIPPED = ROOT / "resources" / "guide"
REBUILD = "run: python packaging/build_guide.py"
# Words each PDF must carry as extractable text, letters intact (ә ғ қ ң ө ұ ү і in Kazakh).
EXPECTED = {
    "kk": ["Мазмұны", "Бекетте немесе шекарада", "Қалпына келтіру үлестері", "Шұғыл өшіру", "Үйлестірушіге",
           "Әртүрлі адамдар", "ЖСН", "Жаңа жазба", "беттің"],
    "ru": ["Содержание", "На блокпосту или на границе", "Доли восстановления", "Экстренное стирание",
           "Выгрузить пакет для координатора", "Страница"],
    "en": ["Contents", "At a checkpoint or a border", "Recovery shares", "Emergency erase", "Page"],
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_of(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def images_of(reader: PdfReader) -> list[tuple[int, int]]:
    """(width, height) of every image drawn, page by page."""
    sizes = []
    for page in reader.pages:
        objects = page["/Resources"].get_object().get("/XObject", {})
        for ref in objects.values():
            image = ref.get_object()
            if image["/Subtype"] == "/Image":
                sizes.append((int(image["/Width"]), int(image["/Height"])))
    return sizes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    out = tmp_path_factory.mktemp("guide")
    build_all(SOURCES, out)
    return {lang: PdfReader(out / f"kzdesk-guide-{lang}.pdf") for lang in LANGUAGES}


def outline(guide: Guide) -> list[str]:
    """The shape of a guide without its words: headings, notes, images and commands in order."""
    shape = {"image": lambda b: b.mark, "command": lambda b: re.sub(r"--lang \w+", "--lang *", b.text)}
    return [shape.get(b.kind, lambda b: b.kind)(b) for b in guide.body
            if b.kind in ("chapter", "section", "note", "image", "command")]


def test_the_three_sources_have_one_structure() -> None:
    guides = {lang: read_guide(SOURCES / f"{lang}.md") for lang in LANGUAGES}
    english = guides["en"]
    assert len(english.chapters) >= 12
    for lang, guide in guides.items():
        assert len(guide.chapters) == len(english.chapters), lang
        assert outline(guide) == outline(english), lang
        assert len(guide.intro) == len(english.intro), lang
        for image in guide.images:
            assert (SOURCES / image).resolve().is_file(), image
    kazakh = (SOURCES / "kk.md").read_text(encoding="utf-8")
    assert set("әғқңөұүі") <= set(kazakh)


def test_the_markdown_subset() -> None:
    blocks = parse("# T\n\nintro\nrunning on\n\n## C\n\n1. step **one**\n   - inner `x`\n2. two\n"
                   "continued\n`kzdesk guide`\n\n> note\n> more\n\n![cap](a.png)\n### S\n- item\n")
    assert [(b.kind, b.text, b.mark) for b in blocks] == [
        ("title", "T", ""), ("para", "intro running on", ""), ("chapter", "C", ""),
        ("number", "step **one**", "1"), ("bullet", "inner `x`", "inner"), ("number", "two continued", "2"),
        ("command", "kzdesk guide", ""), ("note", "note more", ""), ("image", "cap", "a.png"), ("section", "S", ""),
        ("bullet", "item", "")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_carries_its_text_and_screenshots(built: dict[str, PdfReader], lang: str) -> None:
    reader = built[lang]
    guide = read_guide(SOURCES / f"{lang}.md")
    assert 10 <= len(reader.pages) <= 30
    pages = text_of(reader)
    everything = squash("".join(pages))
    assert squash(guide.title) in squash(pages[0])
    for number, chapter in enumerate(guide.chapters, 1):
        heading = squash(f"{number}. {re.sub(r'[*`]', '', chapter)}")
        assert heading in squash(pages[1]), chapter  # in the contents
        assert everything.count(heading) >= 2, chapter  # and over the chapter itself
    for word in EXPECTED[lang]:
        assert squash(word) in everything, word
    assert len(images_of(reader)) == len(guide.images)
    assert reader.metadata is not None and reader.metadata.title == guide.title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_pdf_is_up_to_date(built: dict[str, PdfReader], lang: str) -> None:
    committed = SHIPPED / f"kzdesk-guide-{lang}.pdf"
    assert committed.is_file(), REBUILD
    shipped = PdfReader(committed)
    # Text and images, not bytes: compressed streams may differ between zlib builds.
    assert text_of(shipped) == text_of(built[lang]), REBUILD
    assert images_of(shipped) == images_of(built[lang]), REBUILD


def test_kzdesk_guide_prints_or_copies_the_shipped_pdf(kz, tmp_path: Path) -> None:
    shown = kz("guide", "--lang", "ru", passphrase=None)
    assert shown.code == 0 and Path(shown.out.strip()) == shipped_guide("ru")
    out = tmp_path / "руководство.pdf"
    copied = kz("guide", "--lang", "kk", "--out", str(out), passphrase=None)
    assert copied.code == 0 and str(out) in copied.out
    assert out.read_bytes() == (SHIPPED / "kzdesk-guide-kk.pdf").read_bytes()
    missing = kz("guide", "--out", str(tmp_path / "no" / "such" / "folder.pdf"), passphrase=None)
    assert missing.code == 1 and not (tmp_path / "no").exists()
