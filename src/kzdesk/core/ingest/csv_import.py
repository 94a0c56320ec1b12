"""`kzdesk import-csv`: a monitoring spreadsheet in, events, persons, acts and sources out.

All or nothing: every row is checked first; any problem means nothing is stored and the user gets
the list of bad rows (spreadsheet row numbers: the header is row 1), columns and reasons.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import tr
from kzdesk.core.ingest.fields import (
    FuzzyDate,
    Problem,
    decimal_text,
    parse_amount,
    parse_article,
    parse_count,
    parse_date,
    parse_day,
    parse_part,
    parse_text,
    parse_unit,
    parse_url,
)
from kzdesk.core.model.names import identity_key
from kzdesk.core.model.records import CONSENT_LEVELS
from kzdesk.core.model.revisions import Changeset
from kzdesk.core.model.vocab import Vocabulary, vocabulary
from kzdesk.core.vault.vault import Vault

log = logging.getLogger(__name__)

REQUIRED = ("person", "event_type")
COLUMNS = ("date", "city", "region", "person", "event_type", "legal_code", "article", "part", "arrest_days",
           "fine_amount", "fine_unit", "description", "source_url", "event_ref")
# Accepted as well, for spreadsheets that already keep them.
EXTRA_COLUMNS = ("place", "occasion", "authority", "court", "judge", "case_number", "decision_date",
                 "consent")
EVENT_COLUMNS = ("date", "city", "region", "place", "occasion")
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 200


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    msgid: str
    params: dict[str, Any]

    def message(self, lang: str | None = None) -> str:
        return tr("row {row}, column {column}: {reason}", lang, row=self.row, column=self.column,
                  reason=tr(self.msgid, lang, **self.params))


class ImportRejected(InputError):
    """The file had bad rows; nothing was stored."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__("The file was not imported; nothing was stored. {count} problem(s):",
                         count=len(problems))
        self.problems = problems

    def message(self, lang: str | None = None) -> str:
        lines = [super().message(lang)]
        lines += [p.message(lang) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(tr("… and {count} more.", lang, count=len(self.problems) - MAX_PROBLEMS_SHOWN))
        return "\n".join(lines)


@dataclass
class ImportReport:
    rows: int = 0
    events: int = 0
    acts: int = 0
    persons_new: int = 0
    persons_existing: int = 0
    sources_new: int = 0


@dataclass
class ParsedRow:
    row: int
    event_key: str
    event: dict[str, Any]
    person: str
    act: dict[str, Any]
    description: str | None
    source_url: str | None
    date: FuzzyDate


@dataclass
class _Plan:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _header_key(name: str) -> str:
    return name.strip().casefold().replace(" ", "_").replace("-", "_")


def read_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    """Decode (UTF-8, with or without BOM) and split a CSV; the delimiter is , ; or tab."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("The file is not UTF-8 text (byte {offset}). In Excel choose "
                         "'CSV UTF-8' when saving.", offset=exc.start) from None
    if "\x00" in text:
        raise InputError("The file contains NUL bytes; it is not a CSV text file.")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise InputError("The file is not valid CSV: {reason}", reason=str(exc)) from None
    if not table or not any(cell.strip() for cell in table[0]):
        raise InputError("The file is empty: a header row is needed.")
    return [_header_key(h) for h in table[0]], table[1:]


def _check_header(header: list[str]) -> None:
    known = set(COLUMNS) | set(EXTRA_COLUMNS)
    unknown = [h for h in header if h and h not in known]
    if unknown:
        raise InputError("Unknown column(s): {columns}. Known columns: {known}.",
                         columns=", ".join(unknown), known=", ".join(COLUMNS + EXTRA_COLUMNS))
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        raise InputError("Column(s) appear twice: {columns}.", columns=", ".join(duplicated))
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError("Required column(s) missing: {columns}.", columns=", ".join(missing))


class _RowParser:
    """Turns one row's cells into record fields, collecting problems per column."""

    def __init__(self, vocab: Vocabulary, problems: list[RowProblem]) -> None:
        self.vocab = vocab
        self.problems = problems
        self._act_types: dict[str, str] = {code: code for code in vocab.act_types}
        for code, act in vocab.act_types.items():
            for name in act.labels.values():
                self._act_types.setdefault(identity_key(name), code)

    def cell(self, row: int, column: str, parse: Callable[[str], Any], text: str) -> Any:
        if not text and column not in REQUIRED:
            return None  # most cells are empty: every optional parser maps "" to None
        try:
            return parse(text)
        except Problem as problem:
            self.problems.append(RowProblem(row, column, problem.msgid, problem.params))
            return None

    def act_type(self, text: str) -> str:
        key = identity_key(text).replace(" ", "_").replace("-", "_")
        code = self._act_types.get(key) or self._act_types.get(identity_key(text))
        if not text.strip():
            raise Problem("a value is required")
        if code is None:
            raise Problem("'{value}' is not a known event type", value=text.strip())
        return code

    def legal_code(self, text: str) -> str | None:
        if not text.strip():
            return None
        code = self.vocab.legal_code(text)
        if code is None:
            raise Problem("'{value}' is not a known legal code", value=text.strip())
        return code

    @staticmethod
    def person(text: str) -> str:
        name = parse_text(text)
        if not name:
            raise Problem("a value is required")
        return name

    @staticmethod
    def consent(text: str) -> str | None:
        value = text.strip().casefold().replace("anonymized", "anonymised")
        if value and value not in CONSENT_LEVELS:
            raise Problem("'{value}' is not a consent level (public, anonymised, confidential)", value=text)
        return value or None

    def parse(self, row: int, cells: dict[str, str]) -> ParsedRow:
        c = self.cell
        vocab = self.vocab
        when = c(row, "date", parse_date, cells.get("date", "")) or parse_date("")
        city_text = parse_text(cells.get("city", "")[:1000])
        region_text = parse_text(cells.get("region", "")[:1000])
        city = vocab.city(city_text) if city_text else None
        region = vocab.region(region_text) if region_text else None
        if city and not region:
            region = vocab.cities[city].region
        article = c(row, "article", parse_article, cells.get("article", ""))
        part = c(row, "part", parse_part, cells.get("part", ""))
        legal_code = c(row, "legal_code", self.legal_code, cells.get("legal_code", ""))
        if part and not article:
            self.problems.append(RowProblem(row, "part", "a part needs an article", {}))
        if article and not legal_code:
            # Infer the code only when the article exists in exactly one code we know.
            codes = vocab.codes_with_article(article)
            legal_code = codes[0] if len(codes) == 1 else None
        amount = c(row, "fine_amount", parse_amount, cells.get("fine_amount", ""))
        unit = c(row, "fine_unit", parse_unit, cells.get("fine_unit", ""))
        if unit and amount is None and "fine_amount" not in {p.column for p in self.problems if p.row == row}:
            self.problems.append(RowProblem(row, "fine_unit", "a fine unit needs a fine amount", {}))
        if amount is not None and unit is None:
            unit = "KZT"  # a bare amount is money; MCI must be said explicitly
        decision_date = c(row, "decision_date", parse_day, cells.get("decision_date", ""))
        fine_kzt = None
        if amount is not None and unit:
            fine_kzt = vocab.fine_in_kzt(amount, unit, decision_date or when.start)
        text = {name: c(row, name, parse_text, cells.get(name, "")) for name in
                ("place", "occasion", "authority", "court", "judge", "case_number", "event_ref")}
        event = {
            "date": when.value, "date_precision": when.precision, "date_start": when.start,
            "date_end": when.end, "city": city, "city_text": None if city else city_text,
            "region": region, "region_text": None if region else region_text,
            "place": text["place"], "occasion": text["occasion"],
        }
        act = {
            "act_type": c(row, "event_type", self.act_type, cells.get("event_type", "")),
            "legal_code": legal_code, "article": article, "part": part,
            "arrest_days": c(row, "arrest_days", lambda t: parse_count(t, 365), cells.get("arrest_days", "")),
            "fine_amount": decimal_text(amount) if amount is not None else None,
            "fine_unit": unit if amount is not None else None, "fine_kzt": fine_kzt,
            "authority": text["authority"], "court": text["court"], "judge": text["judge"],
            "case_number": text["case_number"], "decision_date": decision_date,
            "consent": c(row, "consent", self.consent, cells.get("consent", "")),
        }
        ref = text["event_ref"]
        return ParsedRow(
            row=row,
            event_key=f"ref:{ref}" if ref else f"row:{row}",
            event=event,
            person=c(row, "person", self.person, cells.get("person", "")) or "",
            act=act,
            description=c(row, "description", parse_text, cells.get("description", "")),
            source_url=c(row, "source_url", parse_url, cells.get("source_url", "")),
            date=when,
        )


def plan_import(data: bytes, vocab: Vocabulary | None = None) -> _Plan:
    """Parse and check every row without touching the vault."""
    vocab = vocab or vocabulary()
    header, table = read_table(data)
    _check_header(header)
    plan = _Plan()
    parser = _RowParser(vocab, plan.problems)
    first_of_event: dict[str, ParsedRow] = {}
    for index, cells in enumerate(table, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            plan.problems.append(RowProblem(index, "-", "the row has {count} cells but the header has {expected}",
                                            {"count": len(cells), "expected": len(header)}))
            continue
        parsed = parser.parse(index, dict(zip(header, cells, strict=False)))
        first = first_of_event.setdefault(parsed.event_key, parsed)
        if first is not parsed:
            _merge_event_fields(first, parsed, plan.problems)
        plan.rows.append(parsed)
    return plan


def _merge_event_fields(first: ParsedRow, row: ParsedRow, problems: list[RowProblem]) -> None:
    """Rows of one event_ref must agree on the event; an empty cell takes the event's value."""
    mapping = {"date": ("date",), "city": ("city", "city_text"), "region": ("region", "region_text"),
               "place": ("place",), "occasion": ("occasion",)}
    for column, keys in mapping.items():
        mine = tuple(row.event[k] for k in keys)
        theirs = tuple(first.event[k] for k in keys)
        if not any(mine):
            continue
        if not any(theirs):
            for k in (*keys, *(("date_precision", "date_start", "date_end") if column == "date" else ())):
                first.event[k] = row.event[k]
        elif mine != theirs:
            problems.append(RowProblem(row.row, column, "differs from row {first} of the same event_ref",
                                       {"first": first.row}))


def read_plan(path: Path) -> _Plan:
    """Read and check a CSV file; raise ImportRejected listing every bad row."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError("The file is too large ({size} bytes; the limit is {limit}).",
                             size=size, limit=MAX_FILE_BYTES)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("Cannot read {path}: {reason}", path=str(path), reason=exc.strerror) from None
    plan = plan_import(data)
    if plan.problems:
        raise ImportRejected(sorted(plan.problems, key=lambda p: p.row))
    return plan


def import_csv(vault: Vault, path: Path) -> ImportReport:
    """Import a CSV file into the vault in one transaction; raise ImportRejected on any bad row."""
    return store(vault, read_plan(path).rows)


def store(vault: Vault, rows: list[ParsedRow]) -> ImportReport:
    """Write checked rows in one transaction."""
    with vault.transaction() as conn:
        changes, report = build_changes(vault, conn, rows)
        vault.commit(changes, conn)
    log.debug("CSV rows stored: %d rows, %d events, %d acts, %d new persons",
              report.rows, report.events, report.acts, report.persons_new)
    return report


def build_changes(vault: Vault, conn: Connection, rows: list[ParsedRow]) -> tuple[Changeset, ImportReport]:
    """One event per event_ref (or row), one person per distinct name, one act per row, one source per URL."""
    report = ImportReport(rows=len(rows))
    changes = vault.changeset()
    persons: dict[str, str] = dict(conn.exec_driver_sql(
        "SELECT name_key, uuid FROM person WHERE deleted = 0").fetchall())
    sources: dict[str, str] = dict(conn.exec_driver_sql(
        "SELECT url, uuid FROM source WHERE deleted = 0 AND url IS NOT NULL").fetchall())
    events: dict[str, tuple[str, str | None]] = {}
    for row in rows:
        event = events.get(row.event_key)
        if event is None:
            uuid = changes.create("event", {**row.event, "description": row.description})
            event = events[row.event_key] = (uuid, row.description)
            report.events += 1
        key = identity_key(row.person)
        person = persons.get(key)
        if person is None:
            person = persons[key] = changes.create("person", {"name": row.person, "name_key": key})
            report.persons_new += 1
        act_description = row.description if row.description != event[1] else None
        act = changes.create("act", {**row.act, "event": event[0], "person": person,
                                     "description": act_description})
        report.acts += 1
        if row.source_url:
            source = sources.get(row.source_url)
            if source is None:
                source = sources[row.source_url] = changes.create("source", {"url": row.source_url})
                report.sources_new += 1
            changes.create("citation", {"source": source, "target_kind": "act", "target": act})
    report.persons_existing = len({identity_key(r.person) for r in rows}) - report.persons_new
    return changes, report
