"""A spreadsheet file as rows of text cells: an Excel workbook (.xlsx) or CSV as Excel, LibreOffice and
other programs save it.

CSV comes in UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode text") or, from a
Russian-locale Excel, Windows-1251; the cells are split at `,` `;` or tab, whichever the header row
uses. Windows-1251 has no Kazakh letters: Excel writes them as "?", and such a file is refused rather
than stored with names that can no longer be found.

A workbook's first sheet is read as a stream (openpyxl's read-only mode), so memory stays bounded
however many rows it has; a cell that Excel shows as a date is read as one, a formula as the value
Excel last computed for it (never as a formula to run).

Each reading keeps a digest of the bytes it read, so a second reading of the same path can prove it
read the same file (the import checks every row in a first pass and stores them in a second).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import re
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import N_, tr

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024  # a workbook's parts, unpacked: a zip bomb is refused, not read
MAX_LINE_CHARS = 4 * 1024 * 1024  # a physical line; csv refuses any field over 131,072 characters anyway
MAX_COLUMNS = 1000
BLOCK = 1 << 20
ZIP_MAGIC = b"PK\x03\x04"
# A "?" touching a Cyrillic letter: a Kazakh letter Windows-1251 could not hold ("Н?рлан" for "Нұрлан").
_LOST_LETTER = re.compile(r"(?<=[А-Яа-яЁёІі])\?|\?(?=[А-Яа-яЁёІі])")


Rows = Generator[tuple[int, list[str]], None, None]  # (spreadsheet row number, its cells as text)


# A cell text a spreadsheet program would take for a formula. kzdesk's export writes such text with a
# leading apostrophe, and its import takes the apostrophe off again (see plain()).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(cell: str) -> str:
    """A cell's text as it was before an export made it safe from formulas ("'=1+1" is "=1+1")."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] and cell[1:2] in "".join(FORMULA_START) else cell


class SheetFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class Encoding(StrEnum):
    """How a CSV file's bytes were read, by Python's codec name."""

    UTF8 = "utf-8-sig"
    UTF16 = "utf-16"
    CP1251 = "cp1251"


class FileChanged(InputError):
    """The file read for storing is not the file that was checked; nothing was stored."""

    def __init__(self) -> None:
        super().__init__("The file changed after it was checked; nothing was stored. Import it again.")


@dataclass(frozen=True)
class Note:
    """Something the user should know about how the file was read (not a problem: the file is read)."""

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return tr(self.msgid, lang, **self.params)


def sheet_format(path: Path, head: bytes) -> SheetFormat:
    """A workbook is a zip file whatever its name says; anything else is read as CSV."""
    if head.startswith(ZIP_MAGIC):
        return SheetFormat.XLSX
    if path.suffix.casefold() in (".xls", ".ods", ".xlsb"):
        raise InputError("kzdesk reads Excel workbooks (.xlsx) and CSV files. Save this file as .xlsx "
                         "(File → Save as → Excel workbook) and import that.")
    return SheetFormat.CSV


class Sheet:
    """One reading of a spreadsheet file: its header cells, then its rows (spreadsheet row number, text
    cells) as they are asked for. `digest` is the SHA-256 of the file, known once the rows are read."""

    def __init__(self, path: Path, data: bytes | None = None, encoding: Encoding | None = None) -> None:
        """The file at path; or, given data, those bytes as if they were that file (for checks in memory).
        A CSV's encoding, when an earlier reading of the same bytes found it, spares a scan of the whole
        file (the digest still proves they are the same bytes)."""
        self.path = path
        self.encoding = encoding
        self.notes: list[Note] = []
        self.digest = b""
        self._stream = _open(path) if data is None else io.BytesIO(data)
        self._rows: Rows
        try:
            head = self._stream.read(4)
            self._stream.seek(0)
            self.format = sheet_format(path, head)
            if self.format is SheetFormat.XLSX:
                self.header, self._rows = self._workbook()
            else:
                self.header, self._rows = self._csv()
        except BaseException:
            self._stream.close()
            raise

    def __enter__(self) -> Sheet:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._rows.close()  # a reading stopped early lets go of the file before it is closed
        self._stream.close()

    def rows(self) -> Rows:
        return self._rows

    # --- CSV ---------------------------------------------------------------------------------
    def _csv(self) -> tuple[list[str], Rows]:
        encoding = self.encoding = self.encoding or _encoding(self._stream)
        if encoding is Encoding.CP1251:
            self.notes.append(Note(N_("The file is not UTF-8: it was read as Windows-1251 (Cyrillic), as a "
                                      "Russian-language Excel saves CSV.")))
        hashing = _Hashing(self._stream)
        header, rows = _split(_lines(hashing, encoding))
        if encoding is Encoding.CP1251:
            _refuse_lost_letters(1, header)

        def checked() -> Rows:
            for number, cells in rows:
                if encoding is Encoding.CP1251:
                    _refuse_lost_letters(number, cells)
                yield number, cells
            self.digest = hashing.hash.digest()

        return header, checked()

    # --- workbook ----------------------------------------------------------------------------
    def _workbook(self) -> tuple[list[str], Rows]:
        from openpyxl import load_workbook  # a few hundred ms to import: only when a workbook comes in

        before = _digest(self._stream)
        try:
            with zipfile.ZipFile(self._stream) as archive:
                if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                    raise InputError("The workbook is too large when unpacked; nothing was stored.")
            self._stream.seek(0)
            book = load_workbook(self._stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            raise InputError("The file is not an Excel workbook kzdesk can read: {reason}",
                             reason=type(exc).__name__) from None
        if not book.worksheets:
            raise InputError("The file is empty: a header row is needed.")
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # never trust the stated size: rows are as long as their cells
        values = sheet.iter_rows(values_only=True)
        header = _texts(next(values, ()))
        while header and not header[-1].strip():
            header.pop()
        if not any(cell.strip() for cell in header):
            raise InputError("The file is empty: a header row is needed.")
        if len(header) > MAX_COLUMNS:
            raise InputError("The file has more than {limit} columns.", limit=MAX_COLUMNS)

        def rows() -> Rows:
            try:
                for number, cells in enumerate(values, start=2):
                    texts = _texts(cells)
                    while len(texts) > len(header) and not texts[-1].strip():
                        texts.pop()  # empty cells right of the table: no part of it
                    yield number, texts
            finally:
                book.close()
            if _digest(self._stream) != before:
                raise FileChanged()
            self.digest = before

        return header, rows()


def _open(path: Path) -> IO[bytes]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError("The file is too large ({size} bytes; the limit is {limit}).",
                             size=size, limit=MAX_FILE_BYTES)
        return path.open("rb")
    except OSError as exc:
        raise InputError("Cannot read {path}: {reason}", path=str(path), reason=exc.strerror) from None


def _digest(stream: IO[bytes]) -> bytes:
    stream.seek(0)
    digest = hashlib.file_digest(stream, "sha256").digest()  # type: ignore[arg-type]
    stream.seek(0)
    return digest


def _text(value: object) -> str:
    """A workbook cell as the text a person typed: a date as a date, a whole number without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _texts(cells: tuple[object, ...]) -> list[str]:
    return [_text(value) for value in cells]


# --- CSV bytes to rows ---------------------------------------------------------------------------
class _Hashing(io.RawIOBase):
    """Reads a binary stream through, hashing every byte read."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self.stream = stream
        self.hash = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(len(buffer))
        buffer[:len(data)] = data
        self.hash.update(data)
        return len(data)


def _encoding(stream: IO[bytes]) -> Encoding:
    """UTF-16 or UTF-8 by their byte-order mark; otherwise UTF-8 if every byte is, else Windows-1251.
    The whole file is looked at (a Russian word on row 90,000 decides as much as one on row 2)."""
    stream.seek(0)
    head = stream.read(2)
    stream.seek(0)
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return Encoding.UTF16
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := stream.read(BLOCK):
            decoder.decode(block)
        decoder.decode(b"", final=True)
        return Encoding.UTF8
    except UnicodeDecodeError:
        return Encoding.CP1251
    finally:
        stream.seek(0)


def _lines(source: _Hashing, encoding: Encoding) -> Iterator[str]:
    """The file's lines, decoded, line ends kept as csv wants them."""
    text = io.TextIOWrapper(io.BufferedReader(source, BLOCK), encoding=encoding.value, newline="")
    try:
        while line := text.readline(MAX_LINE_CHARS):
            if len(line) >= MAX_LINE_CHARS:
                raise InputError("The file is not valid CSV: a line is longer than {limit} characters.",
                                 limit=MAX_LINE_CHARS)
            if "\x00" in line:
                raise InputError("The file contains NUL bytes; it is not a CSV text file.")
            yield line
    except UnicodeDecodeError:
        raise InputError("The file is not valid {encoding} text. In Excel choose 'CSV UTF-8' when saving.",
                         encoding="UTF-16") from None
    finally:
        if not source.stream.closed:  # a reading given up: the file may be closed before this runs
            text.detach()  # the caller owns the stream


def _split(lines: Iterator[str]) -> tuple[list[str], Rows]:
    """Split decoded lines as CSV (delimiter , ; or tab, whichever the first line has most of): the
    header's cells, and (spreadsheet row number, cells) for every further row."""
    first = next(lines, "")
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(itertools.chain((first,), lines), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError("The file is not valid CSV: {reason}", reason=str(exc)) from None
    if not header or not any(cell.strip() for cell in header):
        raise InputError("The file is empty: a header row is needed.")
    if len(header) > MAX_COLUMNS:
        raise InputError("The file has more than {limit} columns.", limit=MAX_COLUMNS)

    def rows() -> Rows:
        try:
            yield from enumerate(reader, start=2)
        except csv.Error as exc:
            raise InputError("The file is not valid CSV: {reason}", reason=str(exc)) from None

    return header, rows()


def _refuse_lost_letters(row: int, cells: list[str]) -> None:
    for cell in cells:
        if _LOST_LETTER.search(cell):
            raise InputError("Row {row}: '{value}' has lost its Kazakh letters: they became '?' when the file "
                             "was saved as Windows-1251 CSV. Save it again as 'CSV UTF-8' or as an Excel "
                             "workbook (.xlsx) and import that; nothing was stored.", row=row, value=cell[:80])

