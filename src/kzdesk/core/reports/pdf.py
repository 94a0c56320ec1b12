"""The PDF engine every report shares: embedded fonts, escaping, marked and numbered pages.

- Fonts: DejaVu Sans (regular, bold, oblique, bold oblique; shipped in resources/fonts with its
  licence) registered as one family, so <b> and <i> work and every Kazakh and Russian letter is
  embedded as real text (it extracts, it is searchable, no boxes).
- Escaping: every value a user typed goes through esc() before reportlab's paragraph parser sees
  it; a name like `<img src="/etc/hostname"/>` is printed, never obeyed.
- Pages: each carries the consent marking at the top and "page X of Y" with the generation date
  at the bottom (a two-pass canvas: the total is known only at the end).
- The file is built in memory and written atomically: a half-written report never exists.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any, cast
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from kzdesk.core.i18n import tr
from kzdesk.core.reports.archival import make_archival
from kzdesk.core.reports.qr import qr_modules
from kzdesk.core.reports.wording import long_date
from kzdesk.core.resources import resource_path

log = logging.getLogger(__name__)

FAMILY = "KzSans"
FONT_FILES = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf", "-Oblique": "DejaVuSans-Oblique.ttf",
              "-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
SIDE_MARGIN, TOP_MARGIN, BOTTOM_MARGIN = 18 * mm, 17 * mm, 16 * mm
FRAME_PADDING = 6  # reportlab's default padding inside a page frame, on each side
BODY_HEIGHT = A4[1] - TOP_MARGIN - BOTTOM_MARGIN - 2 * FRAME_PADDING


# Every table starts in the family's font: reportlab's own default is Helvetica, which it names in
# the file (without embedding it) for each cell even when every cell is a paragraph.
FAMILY_FONT = ("FONT", (0, 0), (-1, -1), FAMILY)


@cache
def register_fonts() -> str:
    """Register the shipped family once per process; returns its name."""
    for suffix, name in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(FAMILY + suffix, str(resource_path("fonts", name))))
    pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=FAMILY + "-Bold", italic=FAMILY + "-Oblique",
                                  boldItalic=FAMILY + "-BoldOblique")
    return FAMILY


def esc(value: object) -> str:
    """A user value made safe for reportlab's mini-markup: &, <, > and quotes become entities."""
    return escape("" if value is None else str(value), {'"': "&quot;", "'": "&#39;"})


@cache
def styles() -> dict[str, ParagraphStyle]:
    family = register_fonts()
    base = ParagraphStyle("body", fontName=family, fontSize=9.5, leading=12.5, spaceAfter=3)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#333333")),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0),
        "title": ParagraphStyle("title", parent=base, fontName=family + "-Bold", fontSize=16, leading=20,
                                spaceAfter=6),
        # A heading moves to the next page with what follows it, never left alone at a page end.
        "h2": ParagraphStyle("h2", parent=base, fontName=family + "-Bold", fontSize=11.5, leading=15,
                             spaceBefore=9, spaceAfter=4, keepWithNext=1),
        "mono": ParagraphStyle("mono", parent=base, fontSize=7.5, leading=9.5),
    }


def para(text: str, style: str = "body", lang: str | None = None) -> Paragraph:
    """A paragraph of already-escaped markup (build it with esc() around every value); with lang, long
    words break at their syllables with a hyphen ("Обжало-вание"), never at any letter."""
    return Paragraph(text, hyphenated(style, lang) if lang else styles()[style])


# Kazakh has no pyphen dictionary; its syllables are simple enough to find by rule: a syllable
# starts at the consonant before a vowel (ба-ла, қа-ра), and two consonants part (жар-ты, бал-ға).
_KK_VOWELS = set("аәеёиоөуұүыіэюяАӘЕЁИОӨУҰҮЫІЭЮЯ")
_KK_LETTERS = re.compile(r"^[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]+$")


def kazakh_pairs(word: str) -> list[tuple[str, str]]:
    """Where a Kazakh word may break, as (head, tail) pairs, longest head first (pyphen's iterate())."""
    if not _KK_LETTERS.match(word) or len(word) < 5:
        return []
    cuts = [i for i in range(2, len(word) - 1)
            if word[i] not in _KK_VOWELS and word[i + 1] in _KK_VOWELS and word[i - 1] not in "ьъЬЪ"
            and any(c in _KK_VOWELS for c in word[:i])]
    return [(word[:i], word[i:]) for i in reversed(cuts)]


@cache
def _whole_cyrillic() -> None:
    """reportlab hyphenates only words of the letters it lists, which stop at я: ё and every Kazakh
    letter (ә, ғ, қ, ң, ө, ұ, ү, һ, і) would fall back to breaking anywhere. Add the Cyrillic block."""
    from reportlab.platypus import paragraph

    module: Any = paragraph  # private names the stubs do not declare
    letters = module._hy_letters + "\u0400-\u04ff"
    module._hy_letters_pat = re.compile(f"^[{letters}]+$")
    module._hy_shy_letters_pat = re.compile(f"^[{module._hy_shy}{letters}]+$")


@cache
def hyphenated(style: str, lang: str) -> ParagraphStyle:
    """A style whose long words break at syllables in lang: pyphen's Russian and English patterns
    through reportlab's hyphenationLang, the rule above for Kazakh. embeddedHyphenation=2 also
    hyphenates a word moved to a new line, where reportlab would otherwise cut it at any letter."""
    _whole_cyrillic()
    hyphenator: Any = {"ru": "ru_RU", "en": "en_GB"}.get(lang, kazakh_pairs if lang == "kk" else "")
    return ParagraphStyle(f"{style}-{lang}", parent=styles()[style], hyphenationLang=hyphenator,
                          embeddedHyphenation=2, uriWasteReduce=0.3)


def fit(text: str, room: float, font: str, size: float) -> str:
    """text cut to the room it has (in points), ending in "…" when cut: never a silent cut."""
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text.rstrip() + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


class _Grid(Table):
    """A table whose rows move whole to the next page, except a row taller than a page: that one is
    cut across pages, where reportlab would give up on the whole report (LayoutError) because of
    one long value in a narrow column."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # reportlab's names
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts or self.splitInRow:
            return parts
        heights = self._rowHeights  # type: ignore[attr-defined]  # set by split() above
        header = sum(heights[:self.repeatRows])
        if max(heights[self.repeatRows:], default=0) + header <= BODY_HEIGHT:
            return parts  # every row fits on a page of its own: move on to the next page
        self.splitInRow = 1
        return list(super().split(availWidth, availHeight))


def table(rows: Sequence[Sequence[str]], widths: Sequence[float], header: bool = True,
          lang: str | None = None) -> Table:
    """A grid of escaped cells that wraps long values (at syllables, given lang) and repeats its header
    on every page."""
    cells = [[para(cell, "cell", lang) for cell in row] for row in rows]
    grid = _Grid(cells, colWidths=list(widths), repeatRows=1 if header else 0)
    style: list[Any] = [FAMILY_FONT, ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    grid.setStyle(TableStyle(style))
    return grid


@dataclass(frozen=True)
class Frame:
    """What every page carries besides the story."""

    marking: str  # the consent marking, e.g. "CONFIDENTIAL — for the defence only"
    footer: str  # e.g. "Generated 22 November 2026 by kzdesk"
    page_label: Callable[[int, int], str]  # (page, pages) → "Page 1 of 3"
    marking_colour: Any = field(default=colors.HexColor("#a00000"))


def standard_frame(marking: str, lang: str, today: str | None = None) -> Frame:
    """The frame of every report: a marking, "Generated <date> by kzdesk", "Page X of Y"."""
    day = today or datetime.now(UTC).strftime("%Y-%m-%d")
    return Frame(marking=marking, footer=tr("Generated {date} by kzdesk", lang, date=long_date(day, lang)),
                 page_label=lambda page, pages: tr("Page {page} of {pages}", lang, page=page, pages=pages))


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, then stamps each with the marking and "page X of Y"."""

    def __init__(self, *args: Any, frame: Frame, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._frame = frame
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._stamp(total)
            super().showPage()
        super().save()

    def _stamp(self, total: int) -> None:
        width, height = self._pagesize  # type: ignore[attr-defined]
        frame = self._frame
        self.saveState()
        self.setFont(FAMILY + "-Bold", 8.5)
        self.setFillColor(frame.marking_colour)
        self.drawCentredString(width / 2, height - 11 * mm, frame.marking)
        self.setFont(FAMILY, 7.5)
        self.setFillColor(colors.HexColor("#444444"))
        self.drawString(18 * mm, 10 * mm, frame.footer)
        self.drawRightString(width - 18 * mm, 10 * mm, frame.page_label(self.getPageNumber(), total))
        self.restoreState()


class Writer:
    """Collects flowables and, beside them, every plain text printed (what verification checks)."""

    def __init__(self, lang: str | None = None) -> None:
        self.story: list[Flowable] = []
        self.texts: list[str] = []
        self.lang = lang  # set: table cells hyphenate in this language

    def p(self, text: str, style: str = "body", label: str | None = None) -> None:
        if not text:
            return  # an empty field is left out, label and all
        self.texts.extend((f"{label}:", text) if label else (text,))
        markup = (f"<b>{esc(label)}:</b> " if label else "") + esc(text)
        self.story.append(para(markup, style))

    def grid(self, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        if not rows:
            return
        self.texts.extend([*header, *(cell for row in rows for cell in row if cell)])
        escaped = [[f"<b>{esc(h)}</b>" for h in header], *([esc(cell) for cell in row] for row in rows)]
        self.story.append(table(escaped, [w * mm for w in widths], lang=self.lang))


class QrCode(Flowable):
    """A QR code drawn as one filled path: reportlab's widget builds a shape object per module and
    encodes the data twice, which made it the costliest part of a case summary."""

    BORDER = 4  # the quiet zone scanners need, in modules

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.modules = qr_modules(text)
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        box = self.size / (len(self.modules) + 2 * self.BORDER)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            column = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    path.rect((column + self.BORDER) * box, self.size - (r + self.BORDER + 1) * box, count * box, box)
                column += count
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


_PATCHING = threading.Lock()


def _end_of_line_before_endstream() -> None:
    """reportlab writes `endstream` straight after a stream's data. ISO 32000 asks for an end of
    line there, and PDF/A (ISO 19005-2, 6.1.7.1) requires it: every report gets one. `Length`
    still counts the data alone, as both standards say. Always added, whatever the data's last
    byte: compressed data ends in a line feed one time in 256, and that byte is data, not the
    end of line. Patched once per process, under a lock (reports are made on worker threads)."""
    with _PATCHING:
        written = pdfdoc.PDFStream.format
        if getattr(written, "ends_lines", False):
            return
        tail = b"endstream\n"

        def format_stream(self: Any, document: Any) -> bytes:
            data = bytes(written(self, document))
            if not data.endswith(tail):  # reportlab changed its writer: stop rather than write a broken file
                raise RuntimeError("reportlab's stream writer is not the one kzdesk knows")
            return data[: -len(tail)] + b"\n" + tail

        format_stream.ends_lines = True  # type: ignore[attr-defined]
        pdfdoc.PDFStream.format = format_stream  # type: ignore[method-assign]  # for every stream, see above


def undrawable(texts: Iterable[str]) -> list[str]:
    """The characters of TEXTS the family's regular or bold font has no shape for. reportlab draws
    the empty box (the font's `.notdef` glyph) in their place, which an archival file may not do."""
    register_fonts()
    shapes = [cast(TTFont, pdfmetrics.getFont(FAMILY + suffix)).face.charToGlyph for suffix in ("", "-Bold")]
    wanted = dict.fromkeys(c for text in texts for c in text if not c.isspace())  # in the order they appear
    return [c for c in wanted if any(ord(c) not in shape for shape in shapes)]


def render(story: list[Flowable], frame: Frame, title: str, keywords: Sequence[str] = (),
           invariant: bool = False, archival: str | None = None) -> bytes:
    """Lay out the story on A4 pages and return the PDF bytes (nothing touches the disk).

    invariant: no creation date or random file id, so the same story gives the same bytes
    (for files committed to the repository, like the user guide).
    archival: the language of the text, for an archival PDF/A-2b file (see archival.py)."""
    register_fonts()
    _end_of_line_before_endstream()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
                            topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN, title=title, author="kzdesk",
                            creator="kzdesk", subject=title, keywords=list(keywords),
                            invariant=1 if invariant else None)

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        # The canvas starts in the family's font, not reportlab's Helvetica: a font the file would
        # name without embedding it (the viewer substitutes one; PDF/A forbids it).
        canvas = _NumberedCanvas(*args, frame=frame, **{**kwargs, "initialFontName": FAMILY})
        if archival is not None:
            make_archival(canvas, archival)
        return canvas

    started = time.perf_counter()
    doc.build(story, canvasmaker=canvas_maker)
    # The size and the time, never the title: a case summary's title names the person.
    log.debug("PDF laid out: %d flowables, %d bytes, %.0f ms", len(story), buffer.tell(),
              (time.perf_counter() - started) * 1000)
    return buffer.getvalue()
