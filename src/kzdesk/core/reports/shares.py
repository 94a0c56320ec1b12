"""One recovery share on paper: the words in a numbered grid, the same words as a QR code, and
what the share is for. One PDF per share, so that each can go to its own printer run or stick.

The page names no person and no vault: a share found in a drawer should not say whose it is.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from kzdesk.core.i18n import tr
from kzdesk.core.reports.pdf import QrCode, esc, para, render, standard_frame, styles
from kzdesk.core.vault.recovery import COUNT

ROWS = 11  # 33 words in three columns, numbered down each column as people copy by hand


def share_words(share: str) -> list[str]:
    return share.split()


def qr_text(share: str) -> str:
    """What the QR code holds: the words in capitals, which QR stores in its compact alphanumeric
    mode (a smaller, easier-to-scan code); recovery reads the words in any case."""
    return " ".join(share_words(share)).upper()


def word_grid(words: list[str], rows: int = ROWS) -> list[list[tuple[int, str]]]:
    """(number, word) cells row by row, the numbers running down the columns."""
    columns = -(-len(words) // rows)
    return [[(c * rows + r + 1, words[c * rows + r]) for c in range(columns) if c * rows + r < len(words)]
            for r in range(rows)]


def share_pdf(share: str, number: int, lang: str, today: str | None = None) -> bytes:
    """The PDF of share `number` (1…3) in the language `lang`; built in memory."""
    words = share_words(share)
    story: list[Flowable] = [
        para(esc(tr("Recovery share {n} of {count}", lang, n=number, count=COUNT)), "title"),
        para(esc(tr("Any two of the three recovery shares open this kzdesk vault without the passphrase; "
                    "this share alone reveals nothing. Keep it apart from the other two, with a person or "
                    "in a place you trust. Shares made at another time do not combine with this one.", lang))),
        para(esc(tr("The words, in order", lang)), "h2"),
    ]
    family = styles()["body"].fontName
    cells = [[markup for n, word in row for markup in (f"{n}.", word)] for row in word_grid(words)]
    grid = Table(cells, colWidths=[10 * mm, 45 * mm] * (len(cells[0]) // 2), hAlign="LEFT")
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), family + "-Bold", 13),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
    ]
    for column in range(0, len(cells[0]), 2):  # the numbers: smaller, grey, right-aligned
        style += [("FONT", (column, 0), (column, -1), family, 9),
                  ("TEXTCOLOR", (column, 0), (column, -1), colors.HexColor("#666666")),
                  ("ALIGN", (column, 0), (column, -1), "RIGHT")]
    grid.setStyle(TableStyle(style))
    story += [grid, Spacer(1, 6 * mm), QrCode(qr_text(share), 55 * mm),
              para(esc(tr("The same words as a QR code.", lang)), "small"),
              para(esc(tr("To use it", lang)), "h2"),
              para(esc(tr("When kzdesk asks for the passphrase, choose “Forgot the passphrase?” and type this "
                          "share and one other; or run: kzdesk recover SHARE SHARE. Then choose a new "
                          "passphrase.", lang)))]
    frame = standard_frame(tr("SECRET — recovery share {n} of {count}: keep it apart from the other shares",
                              lang, n=number, count=COUNT), lang, today)
    return render(story, frame, tr("Recovery share {n} of {count}", lang, n=number, count=COUNT))
