"""Archival PDF: PDF/A-2b (ISO 19005-2, level B) for the case summaries a court keeps in its files.

Level B promises that the pages will look the same in any reader, decades on: every font is
embedded (pdf.py embeds DejaVu for all text), the colours are tied to a named colour space (an
sRGB output intent), and the document describes itself in XMP metadata that repeats the document
information dictionary. Nothing here changes what the pages say: a case summary made with or
without it carries the same text, the same verification block and the same QR code.

What else PDF/A-2b forbids (encryption, JavaScript, transparency, external content, LZW) kzdesk's
reports never contain. What it requires of every stream (an end of line before `endstream`) pdf.py
gives every report.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from PIL import ImageCms
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

# The output condition every reader knows by name; the profile itself travels in the file.
SRGB = "sRGB IEC61966-2.1"

_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def pdf_date(stamp: datetime) -> str:
    """STAMP as the information dictionary writes a date, `D:YYYYMMDDhhmmss+HH'mm'`. reportlab's own
    writer drops the minutes of the offset (half-hour zones came out 30 minutes off), so archival
    files write both dates from one aware datetime."""
    offset = stamp.utcoffset() or timedelta(0)
    hours, minutes = divmod(abs(int(offset.total_seconds())) // 60, 60)
    return f"D:{stamp:%Y%m%d%H%M%S}{'-' if offset < timedelta(0) else '+'}{hours:02d}'{minutes:02d}'"


class _Metadata(PDFStream):
    """The XMP packet. It is written when the file is, from the very values reportlab writes in
    the information dictionary, so the two cannot disagree (PDF/A checks that they agree)."""

    def __init__(self, stamp: datetime) -> None:
        super().__init__(dictionary=PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}))
        self.stamp = stamp

    def format(self, document: Any) -> bytes:
        info = document.info
        packet = _XMP.format(
            title=escape(info.title), author=escape(info.author), subject=escape(info.subject),
            keywords=escape(info.keywords), producer=escape(info.producer), creator=escape(info.creator),
            date=self.stamp.isoformat(timespec="seconds"),
        ).encode("utf-8")
        # Never compressed: PDF/A wants a metadata stream any tool can read without decoding it.
        dictionary = PDFDictionary({**self.dictionary.dict, "Length": len(packet)})
        return bytes(pdf_format(dictionary, document)) + b"\nstream\n" + packet + b"\nendstream\n"


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile (a display profile, colour space RGB), made by Little CMS through
    Pillow rather than shipped as an opaque file."""
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def make_archival(canvas: Canvas, lang: str) -> None:
    """Make the document CANVAS is drawing a PDF/A-2b file: XMP metadata, the sRGB output intent
    and the language of its text, all in the document catalogue."""
    document = canvas._doc  # type: ignore[attr-defined]  # reportlab keeps it private
    # The moment reportlab stamps the file with, in local time with its true offset, for both dates.
    stamp = datetime.fromtimestamp(document._timeStamp.t).astimezone()
    document.info._dateFormatter = lambda *_: pdf_date(stamp)
    catalog = document.Catalog
    catalog.Metadata = _Metadata(stamp)
    catalog.Lang = PDFString(lang)
    profile = document.Reference(PDFStream(dictionary=PDFDictionary({"N": 3}), content=srgb_profile()))
    catalog.OutputIntents = PDFArray([PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(SRGB), "Info": PDFString(SRGB), "DestOutputProfile": profile,
    })])
    # reportlab's catalogue writes only the entries it knows; this one is added for this document alone.
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
