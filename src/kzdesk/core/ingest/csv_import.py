"""`kzdesk import-csv`: a monitoring spreadsheet in, events, persons, acts and sources out.

All or nothing: every row is checked first; any problem means nothing is stored and the user gets
the list of bad rows (spreadsheet row numbers: the header is row 1), columns and reasons.

Memory stays bounded whatever the file's size: the file is read as a stream twice. The first pass
checks every row and keeps under 200 bytes per event_ref (its first and last row and a hash of each
field its rows must agree on, never the cells); the second parses the rows again and writes them
in chunks inside one transaction, matching persons and sources against what is already written
(so a person on row 2 and on row 900,000 is one person). The file's hash must not change between the passes.

Consent: `consent` is the act's level, `person_consent` the person's and `event_consent` the event's.
One rule for a row that gives only `consent`: it sets the act's level, and the person's and the event's
too when this import creates them (an event of several rows with one event_ref takes the loosest
`consent` of its rows: each act keeps its own level anyway); a person or event that already exists
keeps its level. An import never loosens a person's level: a person already in the vault (or made by
an earlier row) keeps the stricter level, and each row that asked for a looser one is reported
(ImportReport.consent_kept); a stricter `person_consent` is applied.

Sentences and appeals: `years`, `months`, `hours` (with `arrest_days`) are the terms, `appeal` a state
as a code or as the word an export writes in any language ("upheld", "решение оставлено в силе"),
`appeal_outcome`, `appeal_date`, `fine_paid` (yes/no, да/нет, иә/жоқ) and `fine_paid_by`, each parsed as
the editor parses its field (values.TYPED). The person's `gender` and `birth_year` are set on a new
person and filled in where a known one has none; a different value is kept and reported
(ImportReport.facts_kept), as a spreadsheet never overwrites what a monitor entered.

Status: `status` (a code of records.STATUS_CODES) and `status_date` (the day it began) record the
row's person's status from that day, as `kzdesk status set` does; both or neither.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import N_, ntr, tr
from kzdesk.core.ingest.columns import REQUIRED, Mapping, resolve
from kzdesk.core.ingest.sheets import Encoding, FileChanged, Note, Sheet, plain
from kzdesk.core.model.derived_ids import status_id
from kzdesk.core.model.fields import (
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
from kzdesk.core.model.labels import APPEAL_LABELS, CONSENT_LABELS, GENDER_LABELS, code_for, gender_for
from kzdesk.core.model.names import identity_key
from kzdesk.core.model.records import CONSENT_LEVELS, STATUS_CODES, stricter
from kzdesk.core.model.revisions import Changeset
from kzdesk.core.model.status import write_status
from kzdesk.core.model.values import TYPED
from kzdesk.core.model.vault import Vault
from kzdesk.core.model.vocab import Vocabulary, vocabulary

log = logging.getLogger(__name__)

# Act columns parsed as the editor parses the same fields: terms of a sentence, the appeal's day, the fine paid.
ACT_TYPED = ("years", "months", "hours", "appeal_date", "fine_paid")
# The person's own facts a row can give: set on a new person, filled in where a known one has none.
PERSON_FACTS = ("gender", "birth_year", "occupation", "affiliation", "contacts", "national_id", "address", "notes")
# Of those, the ones whose values a report of kept values may show (the others may be a phone or an address).
SHOWN_FACTS = ("gender", "birth_year")
MAX_PROBLEMS_SHOWN = 200
MAX_PROBLEMS_KEPT = 1000  # a file bad on every row is refused with a count, not millions of messages
MEMO_TEXT, MEMO_ENTRIES = 80, 20_000  # cell values parsed once per import: short ones, a bounded number
CHUNK_ROWS = 2000  # rows written per Changeset.write: big enough for executemany, small in memory
# Columns that rows of one event_ref must agree on, and the event fields each one sets.
EVENT_GROUPS = {"date": ("date",), "city": ("city", "city_text"), "region": ("region", "region_text"),
                "place": ("place",), "occasion": ("occasion",), "event_consent": ("consent",)}


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

    def __init__(self, problems: list[RowProblem], total: int | None = None) -> None:
        total = len(problems) if total is None else total
        super().__init__("The file was not imported; nothing was stored. {count} problem(s):", count=total)
        self.problems = problems  # the first ones, in row order (at most MAX_PROBLEMS_KEPT from a file)
        self.total = total

    def message(self, lang: str | None = None) -> str:
        # The count in its plural form ("1 проблема, 2 проблемы, 5 проблем"), never "problem(s)".
        lines = [ntr("The file was not imported; nothing was stored. {n} problem:",
                     "The file was not imported; nothing was stored. {n} problems:", self.total, lang)]
        lines += [p.message(lang) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        if self.total > MAX_PROBLEMS_SHOWN:
            lines.append(tr("… and {count} more.", lang, count=self.total - MAX_PROBLEMS_SHOWN))
        return "\n".join(lines)


@dataclass
class ImportReport:
    rows: int = 0
    events: int = 0
    acts: int = 0
    persons_new: int = 0
    persons_existing: int = 0
    sources_new: int = 0
    # Rows that asked for a looser level for a person who already had a stricter one: the stricter
    # was kept. How many, and the first MAX_PROBLEMS_SHOWN of them (row, person, kept, asked).
    consent_kept_count: int = 0
    consent_kept: list[dict[str, Any]] = field(default_factory=list)
    statuses: int = 0  # person statuses written from the `status` and `status_date` columns
    # Rows whose gender or birth year differs from what the vault (or an earlier row) has for the person:
    # the vault's is kept. How many, and the first MAX_PROBLEMS_SHOWN (row, person, field, kept, asked).
    facts_kept_count: int = 0
    facts_kept: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # how the file was read: its encoding, columns left out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def notes_lines(self, lang: str | None = None) -> list[str]:
        return [note.message(lang) for note in self.notes]

    def statuses_line(self, lang: str | None = None) -> str:
        """How many statuses the file set, in the user's language ("" when it set none)."""
        if not self.statuses:
            return ""
        return ntr("{n} person status set.", "{n} person statuses set.", self.statuses, lang)

    def consent_lines(self, lang: str | None = None) -> list[str]:
        """One line per kept level, in the user's language, for the CLI and the window."""
        lines = [tr("Row {row}: {person} stays {kept}; the file asked for {asked}, and an import never makes a "
                    "person's consent looser. Change it with 'kzdesk consent set' or in the editor.", lang,
                    row=k["row"], person=k["person"], kept=tr(CONSENT_LABELS[k["kept"]], lang),
                    asked=tr(CONSENT_LABELS[k["asked"]], lang)) for k in self.consent_kept]
        if self.consent_kept_count > len(self.consent_kept):
            lines.append(tr("… and {count} more.", lang, count=self.consent_kept_count - len(self.consent_kept)))
        return lines

    def facts_lines(self, lang: str | None = None) -> list[str]:
        """One line per gender or birth year the file gave differently from the vault, which was kept."""
        def shown(name: str, value: Any) -> str:
            if name not in SHOWN_FACTS:
                return "…"  # a phone number or an address does not go to a screen or a terminal log
            return tr(GENDER_LABELS[value], lang) if name == "gender" and value in GENDER_LABELS else str(value)

        lines = [tr("Row {row}: {person} keeps {field} {kept}; the file gave {asked}. Change it in the editor "
                    "if the file is right.", lang, row=k["row"], person=k["person"],
                    field=tr(FACT_LABELS[k["field"]], lang), kept=shown(k["field"], k["kept"]),
                    asked=shown(k["field"], k["asked"])) for k in self.facts_kept]
        if self.facts_kept_count > len(self.facts_kept):
            lines.append(tr("… and {count} more.", lang, count=self.facts_kept_count - len(self.facts_kept)))
        return lines


@dataclass
class ParsedRow:
    row: int
    event_key: str
    event: dict[str, Any]
    person: str
    act: dict[str, Any]
    description: str | None  # the event's; the act's too unless the act gives its own (act["description"])
    source_urls: tuple[str, ...]
    date: FuzzyDate
    person_consent: str | None = None
    person_facts: dict[str, Any] = field(default_factory=dict)  # PERSON_FACTS the row gives
    status: tuple[str, str] | None = None  # the person's status (code, day it began), see model/status.py
    event_last: int = 0  # the last row of this row's event, once known (0: not known, keep it open)


_UNPARSED = object()


def parse_rows(sheet: Sheet, vocab: Vocabulary, problems: list[RowProblem],
                mapping: Mapping | None = None) -> Iterator[ParsedRow | None]:
    """Every non-blank row of the sheet, parsed (None for a row that cannot be: its cells do not fit the
    header); each row's problems are appended to `problems` (which the caller empties as it likes)
    before the row is yielded."""
    header = sheet.header
    columns = resolve(header, mapping)
    fields = columns.fields
    sheet.notes.extend(columns.notes)
    written = {name: header[i].strip() for i, name in enumerate(fields) if name}  # field -> header as written
    table = sheet.rows()
    parser = _RowParser(vocab, [])

    def rows() -> Iterator[ParsedRow | None]:
        for index, cells in table:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                problems.append(RowProblem(index, "-", "the row has {count} cells but the header has {expected}",
                                           {"count": len(cells), "expected": len(header)}))
                yield None
                continue
            values: dict[str, str] = {}
            for number, (name, cell) in enumerate(zip(fields, cells, strict=False)):
                if name:
                    values[name] = mapping.value(name, plain(cell)) if mapping else plain(cell)
                elif cell.strip() and not header[number].strip():
                    problems.append(RowProblem(index, str(number + 1), "a value in a column without a header", {}))
            parsed = parser.parse(index, values)
            # Each problem names the column as the file's header writes it ("Дата", not "date").
            problems.extend(replace(p, column=written.get(p.column, p.column)) for p in parser.problems)
            parser.problems.clear()
            yield parsed

    return rows()


class _EventRefs:
    """What the first pass keeps of every event_ref, under 200 bytes each whatever its rows hold: its
    first and last row, the loosest act level of its rows and, per column group the rows must agree on,
    a 64-bit hash of the value (0: no row gave one yet). The values themselves are kept only where a
    later row fills in a group the first row left empty: the store pass takes the rest from the first
    row, which it reads again."""

    _STATE = struct.Struct("<IIB6q")  # first row, last row, loosest level (0: none), EVENT_GROUPS' hashes

    def __init__(self) -> None:
        self._state: dict[bytes, bytes] = {}
        self._fills: dict[bytes, dict[str, Any]] = {}  # event fields filled in by a row after the first

    def __len__(self) -> int:
        return len(self._state)

    @staticmethod
    def key(event_key: str) -> bytes:
        return hashlib.blake2b(event_key.encode(), digest_size=16).digest()

    @staticmethod
    def _hash(values: tuple[Any, ...]) -> int:
        return hash(values) or 1  # never 0, which stands for no value; equal tuples hash equal in one process

    def see(self, row: ParsedRow, problems: list[RowProblem]) -> None:
        """Rows of one event_ref must agree on the event; an empty cell takes the event's value."""
        key = self.key(row.event_key)
        state = self._state.get(key)
        level = row.act["consent"]
        rank = CONSENT_LEVELS.index(level) + 1 if level else 0
        if state is None:
            hashes = [self._hash(mine) if any(mine := tuple(row.event[k] for k in keys)) else 0
                      for keys in EVENT_GROUPS.values()]
            self._state[key] = self._STATE.pack(row.row, row.row, rank, *hashes)
            return
        first, _, loosest, *hashes = self._STATE.unpack(state)
        # The looser of the two levels (CONSENT_LEVELS runs from loosest to strictest).
        if rank and (not loosest or loosest >= rank):
            loosest = rank
        for number, (column, keys) in enumerate(EVENT_GROUPS.items()):
            mine = tuple(row.event[k] for k in keys)
            if not any(mine):
                continue
            if not hashes[number]:
                hashes[number] = self._hash(mine)
                fills = self._fills.setdefault(key, {})
                for k in (*keys, *(("date_precision", "date_start", "date_end") if column == "date" else ())):
                    fills[k] = row.event[k]
            elif self._hash(mine) != hashes[number]:
                problems.append(RowProblem(row.row, column, "differs from row {first} of the same event_ref",
                                           {"first": first}))
        self._state[key] = self._STATE.pack(first, row.row, loosest, *hashes)

    def first(self, event_key: str) -> int | None:
        """The first row of an event_ref seen so far (None for one never seen)."""
        state = self._state.get(self.key(event_key))
        return None if state is None else int(self._STATE.unpack(state)[0])

    def place(self, row: ParsedRow) -> None:
        """A row read again for storing: its event's last row, and on its event's first row the event's
        merged fields (the row's own, those later rows filled in, the loosest act level if none given)."""
        state = self._state.get(self.key(row.event_key))
        if state is None:
            return
        first, last, loosest = self._STATE.unpack(state)[:3]
        row.event_last = last
        if first == row.row:
            fills = self._fills.get(self.key(row.event_key), {})
            row.event.update(fills)
            row.event["consent"] = row.event["consent"] or (CONSENT_LEVELS[loosest - 1] if loosest else None)


@dataclass
class _Check:
    """The first pass over a file: the problems found (the first MAX_PROBLEMS_KEPT, and how many in all),
    the number of rows, the facts of every event_ref, and the file's hash."""

    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    rows: int = 0
    events: _EventRefs = field(default_factory=_EventRefs)
    digest: bytes = b""
    notes: list[Note] = field(default_factory=list)
    encoding: Encoding | None = None  # a CSV's, as the check found it: the store pass need not look again

    def take(self, found: list[RowProblem]) -> None:
        self.problem_count += len(found)
        self.problems += found[:max(0, MAX_PROBLEMS_KEPT - len(self.problems))]
        found.clear()


def check_rows(sheet: Sheet, vocab: Vocabulary, mapping: Mapping | None = None,
               check: _Check | None = None) -> Iterator[tuple[ParsedRow | None, list[RowProblem]]]:
    """The first pass, one row at a time: each row parsed (None when it cannot be) with its own
    problems, the rows of one event_ref checked against each other; `check` gathers the small facts
    the store pass needs. The import's check and `--check` (dry_run.py) both read a file this way."""
    check = _Check() if check is None else check
    found: list[RowProblem] = []
    for row in parse_rows(sheet, vocab, found, mapping):
        if row is not None:
            check.rows += 1
            if not row.event_last:
                check.events.see(row, found)
        mine = list(found)
        found.clear()
        yield row, mine
    check.digest = sheet.digest
    check.notes = sheet.notes
    check.encoding = sheet.encoding


def _check(sheet: Sheet, vocab: Vocabulary, keep: list[ParsedRow] | None = None,
           mapping: Mapping | None = None) -> _Check:
    """Parse and check every row of a sheet, keeping only small facts (and the rows if `keep` is given)."""
    check = _Check()
    for row, problems in check_rows(sheet, vocab, mapping, check):
        if keep is not None and row is not None:
            keep.append(row)
        check.take(problems)
    for row in keep or ():
        check.events.place(row)
    return check


@dataclass
class CheckedRows:
    """Every row of a file checked in memory, parsed, with the problems found (nothing raised for them)."""

    rows: list[ParsedRow]
    problems: list[RowProblem]


def check_bytes(data: bytes, name: str = "data.csv", vocab: Vocabulary | None = None) -> CheckedRows:
    """Parse and check a file held in memory without touching a vault (the property tests' way in)."""
    rows: list[ParsedRow] = []
    with Sheet(Path(name), data) as sheet:
        check = _check(sheet, vocab or vocabulary(), keep=rows)
    return CheckedRows(rows, check.problems)


@dataclass
class _Plan:
    rows: CheckedFile
    notes: list[Note] = field(default_factory=list)  # how the file was read (its encoding, say)


class CheckedFile:
    """The rows of a checked file, read and parsed again from the file each time they are iterated.

    Iteration refuses (FileChanged) if the file is no longer the one that was checked; the rows of an
    event_ref come with the event's merged fields on its first row and its last row number.
    """

    def __init__(self, path: Path, check: _Check, vocab: Vocabulary, mapping: Mapping | None = None) -> None:
        self.path = path
        self.check = check
        self.vocab = vocab
        self.mapping = mapping

    def __len__(self) -> int:
        return self.check.rows

    def __iter__(self) -> Iterator[ParsedRow]:
        found: list[RowProblem] = []
        count = 0
        with Sheet(self.path, encoding=self.check.encoding) as sheet:
            for row in parse_rows(sheet, self.vocab, found, self.mapping):
                count += 1
                if found or row is None:
                    raise FileChanged()
                self.check.events.place(row)
                yield row
            if found or count != self.check.rows or sheet.digest != self.check.digest:
                raise FileChanged()


def read_plan(path: Path, mapping: Mapping | None = None) -> _Plan:
    """Read and check a spreadsheet file (with a mapping, for files from other tools); raise ImportRejected
    listing the bad rows.

    The plan's rows are not held in memory: iterating them reads the file again (see CheckedFile).
    """
    vocab = vocabulary()
    try:
        with Sheet(path) as sheet:
            check = _check(sheet, vocab, mapping=mapping)
    except OSError as exc:
        raise InputError("Cannot read {path}: {reason}", path=str(path), reason=exc.strerror) from None
    if check.problems:
        raise ImportRejected(sorted(check.problems, key=lambda p: p.row), check.problem_count)
    return _Plan(rows=CheckedFile(path, check, vocab, mapping), notes=check.notes)


def import_csv(vault: Vault, path: Path) -> ImportReport:
    """Import a CSV file into the vault in one transaction; raise ImportRejected on any bad row."""
    return store(vault, read_plan(path).rows)


def store(vault: Vault, rows: Iterable[ParsedRow]) -> ImportReport:
    """Write checked rows in one transaction, a chunk at a time (nothing is kept if any chunk fails)."""
    with vault.transaction() as conn:
        writer = _Writer(vault, conn, flush=True)
        chunk: list[ParsedRow] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == CHUNK_ROWS:
                writer.add(chunk)
                chunk = []
        writer.add(chunk)
        report = writer.finish()
    if isinstance(rows, CheckedFile):
        report.notes = list(rows.check.notes)
    log.debug("CSV rows stored: %d rows, %d events, %d acts, %d new persons",
              report.rows, report.events, report.acts, report.persons_new)
    return report


def build_changes(vault: Vault, conn: Connection, rows: Iterable[ParsedRow]) -> tuple[Changeset, ImportReport]:
    """All the changes of an import in one unwritten Changeset (for measuring the raw write; its size grows
    with the file, which is why store() writes chunks instead). A stricter person_consent for a person
    already named is counted but not written here: those edits follow a chunk's commit in store()."""
    writer = _Writer(vault, conn, flush=False)
    writer.add(list(rows))
    return writer.changes, writer.finish()


FACT_LABELS = {"gender": N_("gender"), "birth_year": N_("birth year"), "occupation": N_("occupation"),
               "affiliation": N_("affiliation"), "contacts": N_("contacts"), "national_id": N_("IIN"),
               "address": N_("address"), "notes": N_("notes")}


class _Writer:
    """One event per event_ref (or row), one person per distinct name, one act per row, one source per URL.

    With `flush`, every chunk is written before the next is built; persons and sources are then found in
    the database (this import's earlier chunks included), so only the current chunk's are held here.
    """

    def __init__(self, vault: Vault, conn: Connection, flush: bool) -> None:
        self.vault, self.conn, self.flush = vault, conn, flush
        self.changes = vault.changeset()
        self.report = ImportReport()
        # event_refs whose last row is still to come: their uuid and the hash of their description (an act
        # repeats the event's description only where it differs; the text itself need not stay here).
        self.events: dict[str, tuple[str, int]] = {}
        self.persons: dict[str, str] = {}
        self.levels: dict[str, str] = {}  # the consent level of each person in self.persons, as it now stands
        self.facts: dict[str, dict[str, Any]] = {}  # the PERSON_FACTS of each person in self.persons, as they stand
        self.fill: dict[str, dict[str, Any]] = {}  # person uuid -> facts to fill in (written after the chunk)
        self.tighten: dict[str, str] = {}  # person uuid -> stricter level a row asked for (written after the chunk)
        self.sources: dict[str, str] = {}
        self.statuses: set[str] = set()  # status records written by this import
        self.known_persons: set[str] = set()  # without flush: existing persons named by the file
        self.person_rowid, self.act_rowid = conn.exec_driver_sql(
            "SELECT (SELECT coalesce(max(rowid), 0) FROM person), (SELECT coalesce(max(rowid), 0) FROM act)").one()

    def _lookup(self, sql: str, keys: set[str]) -> Iterator[Any]:
        """(key, uuid, …) of live records; when two share a key the later wins, as a dict of a full scan would."""
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            batch = ordered[start:start + 500]
            result = self.conn.exec_driver_sql(sql.format(", ".join("?" * len(batch))), tuple(batch))
            yield from (tuple(row) for row in result)

    def add(self, rows: list[ParsedRow]) -> None:
        report, changes = self.report, self.changes
        keys = [identity_key(row.person) for row in rows]
        for key, uuid, level, gender, birth_year in self._lookup(
                "SELECT name_key, uuid, consent, gender, birth_year FROM person WHERE deleted = 0 AND "
                "name_key IN ({}) ORDER BY rowid", set(keys) - self.persons.keys()):
            self.persons[key] = uuid
            self.levels[key] = self.tighten.get(uuid, level)
            self.facts[key] = {"gender": gender, "birth_year": birth_year, **self.fill.get(uuid, {})}
            if not self.flush:
                self.known_persons.add(key)
        urls = {url for row in rows for url in row.source_urls} - self.sources.keys()
        self.sources.update(self._lookup(
            "SELECT url, uuid FROM source WHERE deleted = 0 AND url IN ({}) ORDER BY rowid", urls))
        for row, key in zip(rows, keys, strict=True):
            report.rows += 1
            event = self.events.get(row.event_key)
            if event is None:
                # The consent-only rule: a new event takes the row's (or its rows' loosest) act level.
                level = row.event["consent"] or row.act["consent"] or "confidential"
                uuid = changes.create("event", {**row.event, "consent": level, "description": row.description})
                event = (uuid, hash(row.description))
                if row.event_last != row.row:
                    self.events[row.event_key] = event
                report.events += 1
            elif row.event_last == row.row:
                del self.events[row.event_key]  # its last row: nothing will ask for it again
            person = self.persons.get(key)
            if person is None:
                level = row.person_consent or row.act["consent"] or "confidential"
                person = self.persons[key] = changes.create("person", {"name": row.person, "name_key": key,
                                                                       "consent": level, **row.person_facts})
                self.levels[key] = level
                self.facts[key] = dict(row.person_facts)
                report.persons_new += 1
            else:
                if row.person_consent and row.person_consent != self.levels[key]:
                    self._person_consent(row, person, key)
                if row.person_facts:
                    self._person_facts(row, person, key)
            if row.status and status_id(person, row.status[1]) not in self.statuses:
                # A status given again for the same person and day (one row per act) is written once.
                self.statuses.add(write_status(self.conn, changes, person, *row.status))
                report.statuses += 1
            if "description" in row.act:
                act_description = row.act["description"]
            else:
                act_description = row.description if hash(row.description) != event[1] else None
            act = changes.create("act", {**row.act, "event": event[0], "person": person,
                                         "description": act_description})
            report.acts += 1
            for url in row.source_urls:
                source = self.sources.get(url)
                if source is None:
                    source = self.sources[url] = changes.create("source", {"url": url})
                    report.sources_new += 1
                changes.create("citation", {"source": source, "target_kind": "act", "target": act})
        if self.flush:
            self.vault.commit(changes, self.conn)  # empties the changeset
            self._update_persons()
            self.persons.clear()
            self.levels.clear()
            self.facts.clear()
            self.sources.clear()

    def _person_consent(self, row: ParsedRow, person: str, key: str) -> None:
        """A row naming a known person with another level: stricter is applied, looser kept and reported."""
        current, asked = self.levels[key], row.person_consent
        assert asked is not None
        if stricter(current, asked) == asked:
            self.levels[key] = self.tighten[person] = asked
            return
        self.report.consent_kept_count += 1
        if len(self.report.consent_kept) < MAX_PROBLEMS_SHOWN:
            self.report.consent_kept.append({"row": row.row, "person": row.person, "kept": current, "asked": asked})

    def _person_facts(self, row: ParsedRow, person: str, key: str) -> None:
        """A row giving a known person's gender or birth year: filled in where none is known, a different
        one kept and reported (a spreadsheet does not overwrite what a monitor entered)."""
        facts = self.facts.setdefault(key, {})
        for name, asked in row.person_facts.items():
            kept = facts.get(name)
            if kept is None:
                facts[name] = self.fill.setdefault(person, {})[name] = asked
            elif kept != asked:
                self.report.facts_kept_count += 1
                if len(self.report.facts_kept) < MAX_PROBLEMS_SHOWN:
                    self.report.facts_kept.append({"row": row.row, "person": row.person, "field": name,
                                                   "kept": kept, "asked": asked})

    def _update_persons(self) -> None:
        """Stricter levels and filled-in facts, after the chunk's commit: the person may have been created
        in this very chunk."""
        changes = self.changes
        for uuid in self.tighten.keys() | self.fill.keys():
            body = {**self.fill.get(uuid, {})}
            if uuid in self.tighten:
                body["consent"] = self.tighten[uuid]
            changes.update(self.conn, "person", uuid, body)
        if self.tighten or self.fill:
            self.vault.commit(changes, self.conn)
        self.tighten.clear()
        self.fill.clear()

    def finish(self) -> ImportReport:
        if self.flush:
            # Distinct persons that existed before this import and that its acts name.
            self.report.persons_existing = self.conn.exec_driver_sql(
                "SELECT count(DISTINCT a.person) FROM act a JOIN person p ON p.uuid = a.person "
                "WHERE a.rowid > ? AND p.rowid <= ?", (self.act_rowid, self.person_rowid)).scalar_one()
        else:
            self.report.persons_existing = len(self.known_persons)
        return self.report


class _RowParser:
    """Turns one row's cells into record fields, collecting problems per column.

    `problems` holds the current row's problems only: the caller takes them after each row.
    """

    def __init__(self, vocab: Vocabulary, problems: list[RowProblem]) -> None:
        self.vocab = vocab
        self.problems = problems
        self._parsed: dict[tuple[str, str], Any] = {}
        self._act_types: dict[str, str] = {code: code for code in vocab.act_types}
        for code, act in vocab.act_types.items():
            for name in act.labels.values():
                self._act_types.setdefault(identity_key(name), code)

    def cell(self, row: int, column: str, parse: Callable[[str], Any], text: str) -> Any:
        if not text and column not in REQUIRED:
            return None  # most cells are empty: every optional parser maps "" to None
        # Dates, cities, types, articles and URLs recur on many rows (and every row is parsed twice):
        # short values are parsed once. The parsers are pure and their results immutable.
        key = (column, text)
        value = self._parsed.get(key, _UNPARSED)
        if value is not _UNPARSED:
            return value
        try:
            value = parse(text)
        except Problem as problem:
            self.problems.append(RowProblem(row, column, problem.msgid, problem.params))
            return None
        if len(text) <= MEMO_TEXT:
            if len(self._parsed) >= MEMO_ENTRIES:
                self._parsed.clear()
            self._parsed[key] = value
        return value

    def place(self, text: str) -> tuple[str | None, str | None]:
        """A city or region cell: the gazetteer id if the vocabulary knows it, else the text as written."""
        text = parse_text(text[:1000]) or ""
        return (self.vocab.city(text), text) if text else (None, None)

    def region_cell(self, text: str) -> tuple[str | None, str | None]:
        text = parse_text(text[:1000]) or ""
        return (self.vocab.region(text), text) if text else (None, None)

    @staticmethod
    def arrest_days(text: str) -> int | None:
        return parse_count(text, 365)

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
        """A level as a code or as the word an export writes in any language ("анонимді")."""
        value = code_for(CONSENT_LABELS, text.replace("anonymized", "anonymised"))
        if value is None:
            raise Problem("'{value}' is not a consent level (public, anonymised, confidential)", value=text)
        return str(value)

    @staticmethod
    def urls(text: str) -> tuple[str, ...]:
        """One web address or several, separated as kzdesk's export writes them (" ; ") or by spaces or
        new lines (a web address has none of its own)."""
        words = [word.strip(";,") for word in text.split()]
        return tuple(dict.fromkeys(url for word in words if word and (url := parse_url(word))))

    @staticmethod
    def appeal(text: str) -> str | None:
        code = code_for(APPEAL_LABELS, text)
        if code is None:
            raise Problem("'{value}' is not an appeal state ({codes})", value=text.strip(),
                          codes=", ".join(APPEAL_LABELS))
        return None if code == "none" else str(code)  # "no appeal" is stored as no value, as the editor does

    @staticmethod
    def gender(text: str) -> str | None:
        code = gender_for(text)
        if code is None:
            raise Problem("'{value}' is not a gender (female, male)", value=text.strip())
        return code

    def parse(self, row: int, cells: dict[str, str]) -> ParsedRow:
        c = self.cell
        vocab = self.vocab
        when = c(row, "date", parse_date, cells.get("date", "")) or parse_date("")
        city, city_text = c(row, "city", self.place, cells.get("city", "")) or (None, None)
        region, region_text = c(row, "region", self.region_cell, cells.get("region", "")) or (None, None)
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
            "consent": c(row, "event_consent", self.consent, cells.get("event_consent", "")),
        }
        act = {
            "act_type": c(row, "event_type", self.act_type, cells.get("event_type", "")),
            "legal_code": legal_code, "article": article, "part": part,
            "arrest_days": c(row, "arrest_days", self.arrest_days, cells.get("arrest_days", "")),
            "fine_amount": decimal_text(amount) if amount is not None else None,
            "fine_unit": unit if amount is not None else None, "fine_kzt": fine_kzt,
            "authority": text["authority"], "court": text["court"], "judge": text["judge"],
            "case_number": text["case_number"], "decision_date": decision_date,
            "consent": c(row, "consent", self.consent, cells.get("consent", "")),
            **{name: c(row, name, TYPED[name], cells.get(name, "")) for name in ACT_TYPED},
            "appeal": c(row, "appeal", self.appeal, cells.get("appeal", "")),
            "appeal_outcome": c(row, "appeal_outcome", parse_text, cells.get("appeal_outcome", "")),
            "fine_paid_by": c(row, "fine_paid_by", parse_text, cells.get("fine_paid_by", "")),
        }
        if "act_description" in cells:  # its own column: the act's text, even when it is the event's
            act["description"] = c(row, "act_description", parse_text, cells["act_description"])
        facts = {name: c(row, name, self.gender if name == "gender" else TYPED.get(name, parse_text),
                         cells.get(name, "")) for name in PERSON_FACTS}
        ref = text["event_ref"]
        description = "event_description" if "event_description" in cells else "description"
        return ParsedRow(
            row=row,
            event_key=f"ref:{ref}" if ref else f"row:{row}",
            event_last=0 if ref else row,
            event=event,
            person=c(row, "person", self.person, cells.get("person", "")) or "",
            act=act,
            description=c(row, description, parse_text, cells.get(description, "")),
            source_urls=c(row, "source_url", self.urls, cells.get("source_url", "")) or (),
            date=when,
            person_consent=c(row, "person_consent", self.consent, cells.get("person_consent", "")),
            person_facts={name: value for name, value in facts.items() if value is not None},
            status=self.status(row, cells),
        )

    def status(self, row: int, cells: dict[str, str]) -> tuple[str, str] | None:
        """The `status` and `status_date` cells: a status code and the day it began, both or neither."""
        code = cells.get("status", "").strip().casefold()
        day = self.cell(row, "status_date", parse_day, cells.get("status_date", ""))
        if code and code not in STATUS_CODES:
            self.problems.append(RowProblem(row, "status", "'{value}' is not a status ({codes})",
                                            {"value": code, "codes": ", ".join(STATUS_CODES)}))
            return None
        if code and not day:
            if "status_date" not in {p.column for p in self.problems if p.row == row}:
                self.problems.append(RowProblem(row, "status_date", "a status needs the date it began", {}))
            return None
        if day and not code:
            self.problems.append(RowProblem(row, "status", "a status date needs a status", {}))
            return None
        return (code, day) if code and day else None
