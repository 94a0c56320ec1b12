"""The user guide: docs/guide/<lang>.md, a small Markdown subset, laid out by the report engine
into resources/guide/kzdesk-guide-<lang>.pdf, which ships with the program (kzdesk guide, Help menu).

The subset: `#` title, `##` chapter (numbered, listed in the contents), `###` section, paragraphs,
`-` and `1.` lists, `>` notes, **bold**, `code`, and on lines of their own: images, and commands
(a whole line in backticks, set apart so that it can be read and typed in one piece). Built with
reportlab's invariant mode, so an unchanged source gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kzdesk.core.files import write_output
from kzdesk.core.i18n import tr
from kzdesk.core.reports.pdf import FAMILY, FAMILY_FONT, Frame, esc, render, styles
from kzdesk.core.resources import resource_path

LANGUAGES = ("ru", "kk", "en")
FRAME_WIDTH = (210 - 36) * mm  # A4 less the engine's margins
MAX_IMAGE_HEIGHT = 110 * mm
PIXEL = 0.75  # points per screenshot pixel: a 96 dpi screen shown at its own size

_BLOCK = re.compile(r"^(?P<kind>#{1,3}|-|\d+\.|>)\s+(?P<text>.*)$")
_IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<target>[^)]+)\)$")
_COMMAND = re.compile(r"^`(?P<text>[^`]+)`$")


@dataclass(frozen=True)
class Block:
    """One unit of the source: a heading, a paragraph, a list item, a note, an image or a command."""

    kind: str  # "title", "chapter", "section", "para", "bullet", "number", "note", "image", "command"
    text: str
    mark: str = ""  # the number of a numbered item; "inner" for an indented bullet; the file of an image


def parse(source: str) -> list[Block]:
    """The blocks of a guide, in order; a list item or note runs on over its following lines."""
    kinds = {"#": "title", "##": "chapter", "###": "section", "-": "bullet", ">": "note"}
    blocks: list[Block] = []
    open_block: Block | None = None  # the paragraph, item or note that further lines join
    for raw in source.splitlines():
        line = raw.strip()
        image, command, block = _IMAGE.match(line), _COMMAND.match(line), _BLOCK.match(line)
        if not line:
            open_block = None
        elif command:
            blocks.append(Block("command", command["text"]))
            open_block = None
        elif image:
            blocks.append(Block("image", image["caption"], image["target"]))
            open_block = None
        elif block and not (block["kind"] == ">" and open_block is not None and open_block.kind == "note"):
            kind = kinds.get(block["kind"], "number")
            mark = block["kind"].rstrip(".") if kind == "number" else ""
            if kind == "bullet" and raw.startswith(" "):
                mark = "inner"  # a list inside a numbered step
            blocks.append(Block(kind, block["text"], mark))
            open_block = blocks[-1] if kind in ("bullet", "number", "note") else None
        elif open_block is not None:
            text = line[1:].strip() if open_block.kind == "note" and line.startswith(">") else line
            open_block = blocks[-1] = Block(open_block.kind, f"{open_block.text} {text}", open_block.mark)
        else:
            blocks.append(Block("para", line))
            open_block = blocks[-1]
    return blocks


def inline(text: str) -> str:
    """Escaped text with **bold** and `code` turned into the engine's markup."""
    out = esc(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    return re.sub(r"`(.+?)`", r'<font backColor="#ececec">\1</font>', out)


@dataclass
class Guide:
    """A parsed guide: its title, the text of its title page, and its chapters' blocks."""

    title: str
    intro: list[Block]
    body: list[Block]

    @property
    def chapters(self) -> list[str]:
        return [b.text for b in self.body if b.kind == "chapter"]

    @property
    def images(self) -> list[str]:
        return [b.mark for b in self.body + self.intro if b.kind == "image"]


def read_guide(path: Path) -> Guide:
    blocks = parse(path.read_text(encoding="utf-8"))
    if not blocks or blocks[0].kind != "title":
        raise ValueError(f"{path}: a guide starts with a '# title' line")
    first = next((i for i, b in enumerate(blocks) if b.kind == "chapter"), len(blocks))
    return Guide(blocks[0].text, blocks[1:first], blocks[first:])


class _PageMark(Flowable):
    """Takes no room; notes the page it lands on, for the table of contents."""

    def __init__(self, pages: dict[int, int], chapter: int) -> None:
        super().__init__()
        self.pages, self.chapter = pages, chapter

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.chapter] = self.canv.getPageNumber()


def _paragraph(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A paragraph of markup made by inline() or esc()."""
    return Paragraph(markup, style, bulletText=bullet)


def _style(name: str, **changes: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=styles()["body"], bulletFontName=FAMILY, **changes)


def _image(path: Path, caption: Paragraph, lead: list[Flowable]) -> Flowable:
    """The screenshot framed and captioned, kept on one page with the heading and paragraph before it."""
    picture = Image(str(path))
    width, height = picture.imageWidth * PIXEL, picture.imageHeight * PIXEL
    scale = min(1.0, (FRAME_WIDTH - 4) / width, MAX_IMAGE_HEIGHT / height)
    picture.drawWidth, picture.drawHeight = width * scale, height * scale
    framed = Table([[picture]], style=TableStyle([FAMILY_FONT,
                                                 ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
                                                 ("LEFTPADDING", (0, 0), (-1, -1), 1),
                                                 ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                                                 ("TOPPADDING", (0, 0), (-1, -1), 1),
                                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return KeepTogether([*lead, Spacer(1, 2 * mm), framed, caption, Spacer(1, 2 * mm)])


def _flowables(blocks: list[Block], base: Path, pages: dict[int, int], st: dict[str, ParagraphStyle]) -> list[Any]:
    story: list[Any] = []
    chapter = 0
    previous = ""
    for block in blocks:
        text = inline(block.text)
        if block.kind == "chapter":
            chapter += 1
            heading = _paragraph(f"{chapter}. {text}", st["chapter"])
            story += [CondPageBreak(60 * mm), _PageMark(pages, chapter), heading]
        elif block.kind == "section":
            story.append(_paragraph(text, st["section"]))
        elif block.kind == "bullet":
            story.append(_paragraph(text, st["inner" if block.mark else "item"], bullet="–" if block.mark else "•"))
        elif block.kind == "number":
            story.append(_paragraph(text, st["item"], bullet=f"{block.mark}."))
        elif block.kind == "note":
            box = Table([[_paragraph(text, st["note"])]], colWidths=[FRAME_WIDTH],
                        style=TableStyle([FAMILY_FONT, ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff4d6")),
                                          ("LINEBEFORE", (0, 0), (0, -1), 2, colors.HexColor("#d99a00")),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
            story += [Spacer(1, 1.5 * mm), box, Spacer(1, 2.5 * mm)]
        elif block.kind == "command":
            story.append(_paragraph(esc(block.text), st["command"]))
        elif block.kind == "image":
            lead = [story.pop()] if previous == "para" else []
            # reportlab's keepWithNext does not join a heading to a KeepTogether: take it in.
            while story and (isinstance(story[-1], _PageMark) or story[-1].getKeepWithNext()):
                lead.insert(0, story.pop())
            story.append(_image((base / block.mark).resolve(), _paragraph(text, st["caption"]), lead))
        else:
            story.append(_paragraph(text, st["para"]))
        previous = block.kind
    return story


def _styles() -> dict[str, ParagraphStyle]:
    bold = FAMILY + "-Bold"
    return {
        "title": _style("guide-title", fontName=bold, fontSize=26, leading=32, spaceAfter=10 * mm),
        "intro": _style("guide-intro", fontSize=12, leading=17, spaceAfter=4 * mm),
        "contents": _style("guide-contents", fontName=bold, fontSize=16, leading=20, spaceAfter=6 * mm),
        "chapter": _style("guide-chapter", fontName=bold, fontSize=15, leading=19, spaceBefore=7 * mm,
                          spaceAfter=3 * mm, keepWithNext=1, textColor=colors.HexColor("#1d3b66")),
        "section": _style("guide-section", fontName=bold, fontSize=11.5, leading=15, spaceBefore=3 * mm,
                          spaceAfter=1.5 * mm, keepWithNext=1),
        "para": _style("guide-para", fontSize=10.5, leading=14.5, spaceAfter=2.2 * mm),
        "item": _style("guide-item", fontSize=10.5, leading=14.5, spaceAfter=1.2 * mm, leftIndent=7 * mm,
                       bulletIndent=1.5 * mm, bulletFontSize=10.5),
        "inner": _style("guide-inner", fontSize=10.5, leading=14.5, spaceAfter=1 * mm, leftIndent=12 * mm,
                        bulletIndent=7.5 * mm, bulletFontSize=10.5),
        "note": _style("guide-note", fontSize=10, leading=14, spaceAfter=0),
        "command": _style("guide-command", fontSize=9.5, leading=13, leftIndent=7 * mm, spaceBefore=0.5 * mm,
                          spaceAfter=2.2 * mm, backColor=colors.HexColor("#ececec"), borderPadding=(1.2 * mm, 2 * mm),
                          rightIndent=2 * mm),
        "toc": _style("guide-toc", fontSize=11, leading=15, spaceAfter=0),
        "caption": _style("guide-caption", fontSize=8.5, leading=11, alignment=1, spaceBefore=1.5 * mm,
                          textColor=colors.HexColor("#444444")),
    }


def _story(guide: Guide, base: Path, lang: str, pages: dict[int, int], known: dict[int, int]) -> list[Any]:
    st = _styles()
    story: list[Any] = [Spacer(1, 55 * mm), _paragraph(inline(guide.title), st["title"])]
    story += _flowables(guide.intro, base, pages, {**st, "para": st["intro"]})
    story += [PageBreak(), _paragraph(esc(tr("Contents", lang)), st["contents"])]
    rows = [[_paragraph(f"{n}. {inline(name)}", st["toc"]), _paragraph(str(known.get(n, "")), st["toc"])]
            for n, name in enumerate(guide.chapters, 1)]
    story += [Table(rows, colWidths=[FRAME_WIDTH - 15 * mm, 15 * mm],
                    style=TableStyle([FAMILY_FONT, ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                                      ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cccccc"))])),
              PageBreak()]
    return story + _flowables(guide.body, base, pages, st)


def build_pdf(path: Path, lang: str) -> bytes:
    """The guide at `path` as PDF bytes in `lang` (the language of the page labels)."""
    guide = read_guide(path)
    frame = Frame(marking="", footer=guide.title,
                  page_label=lambda page, total: tr("Page {page} of {pages}", lang, page=page, pages=total))
    # Twice: the first pass finds the page of each chapter, the second prints them in the contents
    # (the contents keeps its size, so the pages do not move).
    pages: dict[int, int] = {}
    render(_story(guide, path.parent, lang, pages, {}), frame, guide.title, invariant=True)
    found = dict(pages)
    return render(_story(guide, path.parent, lang, pages, found), frame, guide.title, ["kzdesk", "guide"],
                  invariant=True)


def shipped_guide(lang: str) -> Path:
    """The PDF of the guide that ships with the program, in `lang` (English if there is none)."""
    return resource_path("guide", f"kzdesk-guide-{lang if lang in LANGUAGES else 'en'}.pdf")


def build_all(source: Path, target: Path) -> list[Path]:
    """Build every language's guide from `source` (docs/guide) into `target` (resources/guide)."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        out = target / f"kzdesk-guide-{lang}.pdf"
        write_output(out, build_pdf(source / f"{lang}.md", lang), mode=0o644)
        written.append(out)
    return written
