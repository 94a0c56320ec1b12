"""Every PDF kzdesk writes, read as a court clerk's or an archive's software would: every font it
names is embedded (no stray Helvetica for a viewer to substitute), and its document information
names no one."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from ..system import debian_tool
from ..vaults import DATA, PASSPHRASE

SHIPPED_GUIDES = Path(__file__).resolve().parents[2] / "resources" / "guide"


def _resolved(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _fonts(resources: Any, seen: set[int]) -> list[DictionaryObject]:
    """The fonts of a resource dictionary and of the forms it draws, each once."""
    resources = _resolved(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return []
    seen.add(id(resources))
    out = [_resolved(f) for f in _resolved(resources.get("/Font", DictionaryObject())).values()]
    for xobject in _resolved(resources.get("/XObject", DictionaryObject())).values():
        xobject = _resolved(xobject)
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            out += _fonts(xobject["/Resources"], seen)
    return out


def _not_embedded(path: Path) -> set[str]:
    """The base names of the fonts a PDF uses without carrying them."""
    missing: set[str] = set()
    seen: set[int] = set()
    for page in PdfReader(path).pages:
        for font in _fonts(page.get("/Resources"), seen):
            described = _resolved(font["/DescendantFonts"][0]) if font.get("/Subtype") == "/Type0" else font
            descriptor = _resolved(described.get("/FontDescriptor"))
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One of each PDF report, from the real December 2021 month."""
    from kzdesk.cli import main
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    from ..vaults import PASSPHRASE

    base = tmp_path_factory.mktemp("pdfs")
    vault = base / "vault"
    Vault.create(vault, PASSPHRASE, Profile("coordinator", "Ерлан", "Almaty"), kdf=floor_params()).close()
    mp = pytest.MonkeyPatch()
    mp.setenv("KZDESK_PASSPHRASE", PASSPHRASE)
    mp.setattr("kzdesk.cli.disable_crash_dumps", lambda: None)
    out = {name: base / f"{name}.pdf" for name in ("case", "case-archival", "chronology", "stats", "prisoners")}
    commands = [["import-csv", str(DATA / "monitoring_2021_12.csv")],
                ["report", "person", "Жақсылықов", "--out", str(out["case"])],
                ["--lang", "kk", "report", "person", "Жақсылықов", "--archival", "--out", str(out["case-archival"])],
                ["report", "chronology", "--from", "2021-12-01", "--to", "2021-12-31", "--out", str(out["chronology"])],
                ["report", "stats", "--from", "2021-12-01", "--to", "2021-12-31", "--out", str(out["stats"])],
                ["report", "prisoners", "--out", str(out["prisoners"]), "--as-of", "2021-12-31"],
                ["recovery-shares", "--pdf", str(base / "shares")]]
    (base / "shares").mkdir()
    try:
        for command in commands:
            assert main(["--vault", str(vault), *command]) == 0, command
    finally:
        mp.undo()
    out["share"] = base / "shares" / "share-1.pdf"
    out["vault"] = vault
    for lang in ("ru", "kk", "en"):
        out[f"guide-{lang}"] = SHIPPED_GUIDES / f"kzdesk-guide-{lang}.pdf"
    return out


KINDS = ["case", "case-archival", "chronology", "stats", "prisoners", "share", "guide-ru", "guide-kk", "guide-en"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded(reports: dict[str, Path], kind: str) -> None:
    assert reports[kind].is_file()
    assert _not_embedded(reports[kind]) == set()


@pytest.mark.parametrize("kind", KINDS)
def test_the_document_information_names_no_one(reports: dict[str, Path], kind: str) -> None:
    """Title, subject, keywords, author: what a file manager shows without opening the file."""
    with (DATA / "monitoring_2021_12.csv").open(encoding="utf-8") as fh:
        words = {w.casefold() for row in csv.DictReader(fh) for w in row["person"].split() if len(w) > 3}
    assert words
    info = PdfReader(reports[kind]).metadata or {}
    values = " ".join(str(v) for v in info.values()).casefold()
    assert [w for w in words if w in values] == []
    assert info.get("/Author") == "kzdesk"


# --- the archival case summary (PDF/A-2b) ------------------------------------------------------------
# No PDF/A validator runs offline here (veraPDF is a Java program outside Debian), so these tests read
# the file's structure for what ISO 19005-2 level B asks of it; qpdf, an independent reader, checks
# the syntax and the cross-reference table (it accepts a stream without its end of line: the stream
# tests below do not).
NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/", "pdf": "http://ns.adobe.com/pdf/1.3/"}


def _pdf_date(value: str) -> datetime:
    """`D:YYYYMMDDhhmmss+HH'mm'` as the information dictionary writes it."""
    match = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", value)
    assert match, value
    return datetime.strptime(f"{match[1]}{match[2]}{match[3]}{match[4]}", "%Y%m%d%H%M%S%z")


def test_the_archival_case_summary_describes_itself_as_pdfa_2b(reports: dict[str, Path]) -> None:
    reader = PdfReader(reports["case-archival"])
    root = reader.trailer["/Root"]
    metadata = root["/Metadata"].get_object()
    assert "/Filter" not in metadata and metadata["/Type"] == "/Metadata" and metadata["/Subtype"] == "/XML"
    packet = metadata.get_data()
    header = re.match(rb"<\?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"\?>", packet)
    assert header is not None  # and neither `bytes` nor `encoding`, which PDF/A forbids there
    description = ET.fromstring(packet.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])[0][0]

    def one(path: str) -> str:
        [found] = description.findall(path, NS)
        return found.text or ""

    assert (one("pdfaid:part"), one("pdfaid:conformance")) == ("2", "B")
    # Every entry of the information dictionary has its twin in the XMP, with the same value.
    info = reader.metadata
    assert info is not None
    assert one("dc:title/rdf:Alt/rdf:li") == info["/Title"] == "Іс бойынша жиынтық мәлімет"
    assert one("dc:creator/rdf:Seq/rdf:li") == info["/Author"]
    assert one("dc:description/rdf:Alt/rdf:li") == info["/Subject"]
    assert one("pdf:Keywords") == info["/Keywords"] and "kind=case-summary" in info["/Keywords"]
    assert one("pdf:Producer") == info["/Producer"]
    assert one("xmp:CreatorTool") == info["/Creator"]
    assert datetime.fromisoformat(one("xmp:CreateDate")) == _pdf_date(info["/CreationDate"])
    assert datetime.fromisoformat(one("xmp:ModifyDate")) == _pdf_date(info["/ModDate"])
    assert root["/Lang"] == "kk"
    # The colours are sRGB: one output intent, its profile an RGB display or printer profile.
    [intent] = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"]
    profile = intent["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert profile["/N"] == 3 and int.from_bytes(icc[:4], "big") == len(icc)
    assert icc[36:40] == b"acsp" and icc[12:16] in (b"mntr", b"prtr") and icc[16:20] == b"RGB "
    assert icc[8] in (2, 4)  # an ICC version PDF 1.7 readers know
    # The plain case summary is not made to claim it.
    assert "/Metadata" not in PdfReader(reports["case"]).trailer["/Root"]


def test_the_archival_case_summary_holds_nothing_pdfa_forbids(reports: dict[str, Path]) -> None:
    data = reports["case-archival"].read_bytes()
    # A version PDF/A-2 allows, then a comment of four bytes above 127 that marks the file binary.
    assert re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", data)
    reader = PdfReader(reports["case-archival"])
    assert "/ID" in reader.trailer and "/Encrypt" not in reader.trailer
    for forbidden in (rb"/JavaScript", rb"/JS\b", rb"/AA\b", rb"/EmbeddedFiles", rb"/LZWDecode", rb"/SMask",
                      rb"/Launch", rb"/DeviceCMYK", rb"/OCProperties", rb"/BM\s*/(?!Normal|Compatible)"):
        assert re.search(forbidden, data) is None, forbidden
    # Transparency (a constant alpha below 1) and device CMYK colour in any page's drawing.
    for page in reader.pages:
        content = page.get_contents()
        drawn = content.get_data() if content is not None else b""
        assert re.search(rb"(?:[-\d.]+\s+){4}[kK]\b", drawn) is None
        for state in _resolved(_resolved(page.get("/Resources", {})).get("/ExtGState", DictionaryObject())).values():
            assert float(_resolved(state).get("/CA", 1)) == 1 and float(_resolved(state).get("/ca", 1)) == 1
        for annotation in _resolved(page.get("/Annots", [])):
            flags = int(_resolved(annotation).get("/F", 0))
            assert flags & 4 and not flags & 0b100011  # printed; never hidden or invisible


def test_every_stream_ends_as_pdfa_asks(reports: dict[str, Path]) -> None:
    """`Length` bytes of data after `stream` and its end of line, then an end of line, then
    `endstream` (ISO 19005-2, 6.1.7.1): reportlab left the end of line out. Every report has it."""
    for kind in ("case-archival", "case", "stats"):
        data = reports[kind].read_bytes()
        position, streams = 0, 0
        while (found := re.compile(rb"/Length (\d+)\b[^>]*>>\s*stream(\r\n|\n)").search(data, position)):
            start = found.end()
            end = start + int(found[1])
            assert re.match(rb"(\r\n|\r|\n)endstream", data[end:end + 12]), (kind, data[end - 20:end + 12])
            if b"/FlateDecode" in found[0]:
                zlib.decompress(data[start:end])  # the length is the compressed data, whole
            position, streams = end, streams + 1
        assert streams > 2, kind


def test_qpdf_reads_the_archival_case_summary_without_a_warning(reports: dict[str, Path]) -> None:
    qpdf = debian_tool("qpdf", "qpdf")
    checked = subprocess.run([qpdf, "--check", str(reports["case-archival"])], capture_output=True, text=True)
    assert checked.returncode == 0 and "No syntax or stream encoding errors found" in checked.stdout, checked.stdout
    assert "WARNING" not in checked.stdout + checked.stderr


def test_the_archival_case_summary_says_what_the_plain_one_says(reports: dict[str, Path]) -> None:
    """The same pages: and verify-report finds the archival file matches the vault, as it does the plain one."""
    from kzdesk.cli import main

    mp = pytest.MonkeyPatch()
    mp.setenv("KZDESK_PASSPHRASE", PASSPHRASE)
    mp.setattr("kzdesk.cli.disable_crash_dumps", lambda: None)
    try:
        for kind in ("case", "case-archival"):
            assert main(["--vault", str(reports["vault"]), "verify-report", str(reports[kind])]) == 0, kind
    finally:
        mp.undo()
    text = "".join(page.extract_text() for page in PdfReader(reports["case-archival"]).pages)
    assert "Жақсылықов" in text and "Іс бойынша жиынтық мәлімет" in text


def test_a_stream_whose_data_ends_in_a_line_feed_still_gets_its_end_of_line() -> None:
    """Compressed data ends in the byte 0x0A one time in 256: that byte is data, and the end of line
    PDF/A wants still follows it. Patched once, however often asked."""
    from reportlab.pdfbase.pdfdoc import PDFDocument, PDFStream

    from kzdesk.core.reports import pdf

    pdf._end_of_line_before_endstream()
    pdf._end_of_line_before_endstream()
    written = PDFStream(content=b"abc\n").format(PDFDocument())  # no filter: the data is as given
    assert written.endswith(b"/Length 4\n>>\nstream\nabc\n\nendstream\n"), written


def _main(*args: str) -> int:
    from kzdesk.cli import main

    mp = pytest.MonkeyPatch()
    mp.setenv("KZDESK_PASSPHRASE", PASSPHRASE)
    mp.setattr("kzdesk.cli.disable_crash_dumps", lambda: None)
    try:
        return main(list(args))
    finally:
        mp.undo()


def test_letters_the_font_cannot_draw_refuse_the_archival_form_only(tmp_path: Path, capsys) -> None:
    """A name in Chinese script: the ordinary PDF draws empty boxes for it, as it always did; the archival
    form may not (PDF/A forbids the .notdef glyph), so it is refused, in the user's language, unwritten."""
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    vault = tmp_path / "vault"
    Vault.create(vault, PASSPHRASE, Profile("volunteer", "Айгүл", "Орал"), kdf=floor_params()).close()
    with (DATA / "monitoring_2021_12.csv").open(encoding="utf-8") as fh:
        header, first = fh.readline(), fh.readline()
    sheet = tmp_path / "one.csv"
    sheet.write_text(header + first.replace("Жақсылықов Ерлан", "Ли Мин 李明"), encoding="utf-8")
    assert _main("--vault", str(vault), "import-csv", str(sheet)) == 0
    archival, plain = tmp_path / "архив.pdf", tmp_path / "plain.pdf"
    capsys.readouterr()
    assert _main("--vault", str(vault), "--lang", "kk", "report", "person", "Ли Мин", "--archival",
                 "--out", str(archival)) == 1
    said = capsys.readouterr().err
    assert "李 明" in said and "PDF" in said and "archival" not in said  # Kazakh, naming the letters
    assert not archival.exists()
    assert _main("--vault", str(vault), "report", "person", "Ли Мин", "--out", str(plain)) == 0 and plain.is_file()


def test_the_dates_carry_the_true_offset_of_a_half_hour_time_zone(reports: dict[str, Path], tmp_path: Path) -> None:
    """reportlab's own date writer drops an offset's minutes: in India the file said +05:00."""
    out = tmp_path / "kolkata.pdf"
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    try:
        assert _main("--vault", str(reports["vault"]), "report", "person", "Жақсылықов", "--archival",
                     "--out", str(out)) == 0
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
    reader = PdfReader(out)
    packet = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    created = re.search(r"<xmp:CreateDate>([^<]+)</xmp:CreateDate>", packet)
    assert created and created[1].endswith("+05:30") and reader.metadata is not None
    assert reader.metadata["/CreationDate"].endswith("+05'30'")
    instant = datetime.fromisoformat(created[1])
    assert instant == _pdf_date(reader.metadata["/CreationDate"])
    assert abs((datetime.now(UTC) - instant).total_seconds()) < 600
