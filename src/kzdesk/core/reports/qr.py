"""The QR module matrix, without drawing: the PDF engine paints it with reportlab, the window with
QPainter, so both show the very same code (and neither needs a QR library of its own)."""

from __future__ import annotations


def qr_modules(text: str) -> list[list[bool]]:
    """Rows of dark (True) and light modules of `text` at error correction level M, no quiet zone."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    # One fixed mask instead of trying all eight for the lowest penalty: any mask is valid (the
    # scanner reads which one from the format bits), and the trial cost more than a report page.
    code.version = code.calculate_version()  # type: ignore[no-untyped-call]
    code.makeImpl(False, 0)
    return [[bool(m) for m in row] for row in code.modules]
