"""Pages of a PDF as pixels, for looking at a report before it is saved (no Qt, no disk).

The report stays in memory: pypdfium2 renders from the bytes, and the window shows the pixels.
Nothing is written anywhere until the user chooses to save.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    rgb: bytes  # width * height * 3 bytes, rows top to bottom


def page_images(pdf: bytes, scale: float = 1.4, limit: int = 50) -> list[PageImage]:
    """The first `limit` pages rendered at `scale` (1.0 is 72 dpi)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        out = []
        for index in range(min(len(document), limit)):
            image = document[index].render(scale=scale).to_pil().convert("RGB")
            out.append(PageImage(image.width, image.height, image.tobytes()))
        return out
    finally:
        document.close()
