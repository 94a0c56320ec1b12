"""`kzdesk export-csv`: one row per act, as CSV or XLSX, for partners who work in spreadsheets.

Who appears, and how, is decided by the one consent policy (consent.Disclosure); this module only
lays the rows out. The file leaves the encryption of the vault behind, so three things matter:

- the profile used is written into the file (a last column on every row; in XLSX also a second
  sheet), so a file found later says what it was allowed to contain;
- spreadsheet programs run text that looks like a formula (`=HYPERLINK(…)` in a name typed by
  anyone, or arriving in a bundle), so such text is neutralised in both formats;
- the bytes are built in memory and written atomically with owner-only permissions: a failed
  export leaves no half-written file with case data behind.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.i18n import LANGUAGES, tr
from kzdesk.core.ingest.sheets import FORMULA_START
from kzdesk.core.model.labels import (
    APPEAL_LABELS,
    COLUMN_HEADERS,
    CONSENT_LABELS,
    GENDER_LABELS,
    UNIT_LABELS,
    YES_NO_LABELS,
)
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.records import Person, sensitive_fields, stricter
from kzdesk.core.model.vocab import Labels, Vocabulary, label, vocabulary
from kzdesk.core.reports.consent import Disclosure, pseudonym

Cell = str | int | Decimal | None
Record = dict[str, Any]

FORMATS = ("csv", "xlsx")
SOURCE_SEPARATOR = " ; "
# Columns holding a day (or a month or year, for an event): in XLSX a full day is a date cell shown as DATE_FORMAT.
DATE_COLUMNS = ("date", "decision_date", "appeal_date")
DATE_FORMAT = "dd.mm.yyyy"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# The person's fields marked sensitive() in the model: taken from the model, so a field marked
# there later is also kept out of lawyer and public exports without touching this file.
SENSITIVE = sensitive_fields(Person)
# The columns in file order (headers: labels.COLUMN_HEADERS). For the full profile only: the sensitive ones
# after "affiliation", who paid a fine (a relative's name is a third person's), and the three levels a
# record has in place of the one in force.
ORDER = ("act", "event", "date", "city", "region", "place", "occasion", "person", "gender", "birth_year",
         "occupation", "affiliation", "act_type", "legal_code", "article", "part", "article_title", "arrest_days",
         "fine_amount", "fine_unit", "fine_kzt", "hours", "years", "months", "authority", "court", "judge",
         "case_number", "decision_date", "appeal", "appeal_outcome", "appeal_date", "fine_paid", "act_description",
         "event_description", "sources", "consent", "profile")
COLUMNS: tuple[tuple[str, str], ...] = tuple((key, COLUMN_HEADERS[key]) for key in ORDER)
LEVELS = ("person_consent", "event_consent", "act_consent")


@dataclass(frozen=True)
class Table:
    """What goes into the file: translated headers and neutralised rows, in order."""

    profile: str
    lang: str
    generated: str  # ISO date
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    withheld: int = 0  # acts the profile left out for consent (not in the file: the faces say it)


@dataclass(frozen=True)
class _Context:
    policy: Disclosure
    lang: str
    vocab: Vocabulary
    sources: dict[tuple[str, str], set[str]]


# --- reading the vault ------------------------------------------------------------------------
def _current(conn: Connection, table: str) -> dict[str, Record]:
    """The current (not tombstoned) rows of a record table, by uuid."""
    result = conn.exec_driver_sql(f"SELECT * FROM {table} WHERE deleted = 0")
    return {row["uuid"]: dict(row) for row in result.mappings()}


def _cited_urls(conn: Connection) -> dict[tuple[str, str], set[str]]:
    """The URLs of the current sources cited for each (kind, record)."""
    cited: dict[tuple[str, str], set[str]] = {}
    for kind, target, url in conn.exec_driver_sql(
        "SELECT c.target_kind, c.target, s.url FROM citation c JOIN source s ON s.uuid = c.source "
        "WHERE c.deleted = 0 AND s.deleted = 0 AND s.url IS NOT NULL"
    ):
        cited.setdefault((kind, target), set()).add(url)
    return cited


# --- one row ----------------------------------------------------------------------------------
def _coded(words: Mapping[Any, str], value: Any, lang: str) -> Cell:
    """A stored code as a word in lang; a code this version does not know is shown as stored."""
    return tr(words[value], lang) if value in words else value


def _labelled(entries: Mapping[str, Any], code: str | None, lang: str, attribute: str = "labels",
              text: str | None = None) -> Cell:
    """A vocabulary entry's label in lang; else the text as written, else the code itself (a record
    from a vault whose vocabulary is newer than ours)."""
    if code is not None and code in entries:
        labels: Labels = getattr(entries[code], attribute)
        return label(labels, lang)
    return text or code


def _article_title(vocab: Vocabulary, act: Record, event: Record, lang: str) -> Cell:
    article = vocab.articles.get((act["legal_code"], act["article"]))
    if article is None:
        return None
    # The wording in force on the decision date, as the chronology and the case summary name it; without
    # one, on the day it happened.
    return label(article.wording_on(act["decision_date"] or event["date_start"]).title, lang)


def _event_cells(event: Record, ctx: _Context) -> dict[str, Cell]:
    vocab, lang = ctx.vocab, ctx.lang
    city = event["city"]
    # An event recorded with a known city but no region still belongs to the city's region.
    region = event["region"] or (vocab.cities[city].region if city in vocab.cities else None)
    return {
        "date": event["date"],
        "city": _labelled(vocab.cities, city, lang, text=event["city_text"]),
        "region": _labelled(vocab.regions, region, lang, text=event["region_text"]),
        "place": event["place"], "occasion": event["occasion"], "event_description": event["description"],
    }


def _person_cells(person: Record, consent: str, ctx: _Context) -> tuple[dict[str, Cell], bool]:
    """The person's cells and whether they are shown under a pseudonym."""
    shown = ctx.policy.name(person["uuid"], person["name"], consent, ctx.lang)
    hidden = shown == pseudonym(person["uuid"], ctx.lang)
    cells: dict[str, Cell] = {
        "person": shown, "gender": _coded(GENDER_LABELS, person["gender"], ctx.lang),
        "affiliation": person["affiliation"],
        # Birth year and occupation, next to a city and a date, single a person out among the few
        # dozen detained there that day: beside a pseudonym they would undo it. Gender and
        # movement are shared by too many to do that.
        "birth_year": None if hidden else person["birth_year"],
        "occupation": None if hidden else person["occupation"],
    }
    if ctx.policy.sensitive:
        cells.update({name: person[name] for name in SENSITIVE})
    return cells, hidden


def _act_cells(act: Record, event: Record, ctx: _Context) -> dict[str, Cell]:
    vocab, lang = ctx.vocab, ctx.lang
    fields = ("article", "part", "arrest_days", "fine_kzt", "hours", "years", "months", "authority", "court",
              "judge", "case_number", "decision_date", "appeal_outcome", "appeal_date", "fine_paid_by")
    return {
        **{name: act[name] for name in fields},
        "act": act["uuid"], "event": act["event"], "act_description": act["description"],
        "act_consent": _coded(CONSENT_LABELS, act["consent"], lang),
        "act_type": _labelled(vocab.act_types, act["act_type"], lang),
        "legal_code": _labelled(vocab.legal_codes, act["legal_code"], lang, "short"),
        "article_title": _article_title(vocab, act, event, lang),
        # Decimal, not text: a spreadsheet can then sum the fines.
        "fine_amount": Decimal(act["fine_amount"]) if act["fine_amount"] else None,
        "fine_unit": _coded(UNIT_LABELS, act["fine_unit"], lang),
        "appeal": _coded(APPEAL_LABELS, act["appeal"], lang),
        "fine_paid": _coded(YES_NO_LABELS, act["fine_paid"], lang),
    }


def _sources(act: Record, ctx: _Context) -> str | None:
    targets = (("act", act["uuid"]), ("event", act["event"]), ("person", act["person"]))
    urls = set().union(*(ctx.sources.get(target, set()) for target in targets))
    return SOURCE_SEPARATOR.join(sorted(urls)) or None


def neutralise(value: Cell) -> Cell:
    """Text a spreadsheet would take for a formula, made plain text with a leading apostrophe (OWASP "CSV
    injection": Excel, LibreOffice or Google Sheets may run a cell starting with = + - @ tab or CR)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _row(act: Record, event: Record, person: Record, ctx: _Context) -> tuple[tuple[Any, ...], dict[str, Cell]]:
    """The row's sort key (date, undated last, then the name shown) and its cells by column key."""
    consent = stricter(person["consent"], event["consent"], act["consent"])
    cells, hidden = _person_cells(person, consent, ctx)
    cells.update(_event_cells(event, ctx))
    cells.update(_act_cells(act, event, ctx))
    cells["consent"] = _coded(CONSENT_LABELS, consent, ctx.lang)
    cells["person_consent"] = _coded(CONSENT_LABELS, person["consent"], ctx.lang)
    cells["event_consent"] = _coded(CONSENT_LABELS, event["consent"], ctx.lang)
    cells["profile"] = ctx.policy.profile
    # A case number or a news link naming the person would undo a pseudonym in one search.
    cells["sources"] = None if hidden else _sources(act, ctx)
    if hidden:
        cells["case_number"] = None
    # Sorted by the name as shown, not the real one: the order must not hint at a hidden name.
    order = (event["date_start"] is None, event["date_start"] or "", sort_key(str(cells["person"])), act["uuid"])
    return order, cells


def columns(profile: str) -> list[tuple[str, str]]:
    """The (key, header msgid) of the columns a profile writes, in order."""
    if not Disclosure(profile).sensitive:
        return list(COLUMNS)
    keys = list(ORDER)
    at = keys.index("affiliation") + 1
    keys[at:at] = SENSITIVE
    at = keys.index("fine_paid") + 1
    keys[at:at] = ["fine_paid_by"]
    at = keys.index("consent")
    keys[at:at + 1] = LEVELS
    return [(key, COLUMN_HEADERS.get(key, key)) for key in keys]


def build_table(conn: Connection, profile: str = "public", lang: str = "en", vocab: Vocabulary | None = None,
                today: date | None = None) -> Table:
    """Every current act the profile may show, joined to its event and person, in date order."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    ctx = _Context(Disclosure(profile), lang, vocab or vocabulary(), _cited_urls(conn))
    events, persons = _current(conn, "event"), _current(conn, "person")
    ordered = []
    withheld = 0
    for act in _current(conn, "act").values():
        event, person = events.get(act["event"]), persons.get(act["person"])
        # An act whose event or person was deleted is left out with them.
        if event is None or person is None:
            continue
        if not ctx.policy.shows(person["consent"], event["consent"], act["consent"]):
            withheld += 1
            continue
        ordered.append(_row(act, event, person, ctx))
    ordered.sort(key=lambda pair: pair[0])
    layout = columns(profile)
    rows = tuple(tuple(neutralise(cells.get(key)) for key, _ in layout) for _, cells in ordered)
    headers = tuple(str(neutralise(tr(msgid, lang))) for _, msgid in layout)
    return Table(profile, lang, (today or date.today()).isoformat(), headers, rows, withheld)


# --- files ------------------------------------------------------------------------------------
def to_csv(table: Table, delimiter: str = ",") -> bytes:
    """UTF-8 with a BOM (without it Excel on Windows reads Cyrillic as mojibake), CRLF; commas, or for a
    Russian- or Kazakh-locale Excel, which splits CSV at ";" only, semicolons and decimal commas ("2,5")."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(table.headers)
    if delimiter == ";":
        # That Excel reads "2.5" as text or as 2 May: amounts get the comma it expects (import reads both).
        writer.writerows(tuple(str(v).replace(".", ",") if isinstance(v, Decimal) else v for v in row)
                         for row in table.rows)
    else:
        writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if _DAY.fullmatch(text) else None
    except ValueError:  # not a calendar day: written as the text it is
        return None


def _fill(sheet: Any, rows: Iterable[Sequence[Cell]], dates: frozenset[int] = frozenset()) -> None:
    """Write the rows from A1; in the columns numbered in `dates`, a full day ("2021-12-05") becomes a date
    cell (a spreadsheet sorts and filters it as a date), a month or a year ("2022-03", "2022") stays text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if r > 1 and c in dates and isinstance(value, str) and (day := _day(value)):
                sheet.cell(row=r, column=c, value=day).number_format = DATE_FORMAT
                continue
            if isinstance(value, str):
                # XML cannot carry most control characters; openpyxl would refuse the whole file.
                value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                # openpyxl stores any text starting with "=" as a formula; text stays text.
                cell.data_type = "s"


def _fit_columns(sheet: Any, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    for index, header in enumerate(table.headers):
        # The first few hundred rows are enough to see how wide a column runs; long texts wrap at 60.
        longest = max((len(str(row[index])) for row in table.rows[:300] if row[index] is not None), default=0)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(len(header), longest, 6), 60) + 2


def to_xlsx(table: Table) -> bytes:
    """One sheet of acts (bold, frozen header row), and one saying profile, date and language."""
    # Imported here: openpyxl is slow to import and only this command needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.properties.creator = "kzdesk"
    sheet = book.active
    sheet.title = tr("Acts", table.lang)
    date_headers = {tr(COLUMN_HEADERS[key], table.lang) for key in DATE_COLUMNS}
    _fill(sheet, [table.headers, *table.rows],
          frozenset(i for i, name in enumerate(table.headers, start=1) if name in date_headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    _fit_columns(sheet, table)
    about = book.create_sheet(tr("About this file", table.lang))
    _fill(about, [(tr("Profile", table.lang), table.profile), (tr("Generated", table.lang), table.generated),
                  (tr("Language", table.lang), table.lang)])
    about.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def encode(table: Table, fmt: str, delimiter: str = ",") -> bytes:
    """The file's bytes in the format (csv or xlsx); a CSV file's cells separated by `delimiter`."""
    return to_xlsx(table) if fmt == "xlsx" else to_csv(table, delimiter)


def format_for(path: Path) -> str:
    """xlsx for a .xlsx file name, csv otherwise."""
    return "xlsx" if path.suffix.casefold() == ".xlsx" else "csv"
