"""`kzdesk template`: an empty spreadsheet the import reads as it is, in the user's language.

Its header row uses the headers kzdesk's own export writes (labels.COLUMN_HEADERS, translated), and for
the few fields the export never writes, a header the import's ALIASES know; one example row shows what a
record looks like. In a workbook, the columns whose values come from a list (act type, legal code, city,
consent, appeal, gender, fine unit, yes/no) get a drop-down of those values in the template's language,
each one a word the import reads back; the lists are on a second sheet, which the import never reads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from kzdesk.core.i18n import LANGUAGES, tr
from kzdesk.core.ingest.columns import EXPORT_KEYS, FIELDS
from kzdesk.core.model.labels import (
    APPEAL_LABELS,
    COLUMN_HEADERS,
    CONSENT_LABELS,
    GENDER_LABELS,
    UNIT_LABELS,
    YES_NO_LABELS,
)
from kzdesk.core.model.vocab import Vocabulary, label, vocabulary

FORMATS = ("csv", "xlsx")
# Every field a row can set, but one description: with "description" a row gives the event's text and the
# act's at once, and a file that also had the two separate columns would leave "description" unread.
TEMPLATE_FIELDS = tuple(name for name in FIELDS if name not in ("event_description", "act_description"))
# The export's column key for each field that has one under another name ("event_type" is "act_type").
_EXPORT_KEY = {field: key for key, field in EXPORT_KEYS.items() if key != "act_consent"}
DATE_FIELDS = ("date", "decision_date", "appeal_date", "status_date")
# Typed as text whatever they look like: Excel would turn "73-1" or "3-1" into a date.
TEXT_FIELDS = ("event_ref", "article", "part", "case_number", "national_id", "contacts")
DATE_FORMAT = "dd.mm.yyyy"
# The drop-down list of each field that has one (several fields may share a list).
LIST_OF = {"event_type": "act_type", "legal_code": "legal_code", "city": "city", "region": "region",
           "consent": "consent", "person_consent": "consent", "event_consent": "consent", "appeal": "appeal",
           "gender": "gender", "fine_unit": "fine_unit", "fine_paid": "yes_no"}
# Lists whose cells may hold a value not in the list: a village is not in the gazetteer.
OPEN_LISTS = ("city", "region")
LAST_ROW = 1_048_576  # a drop-down applies to the whole column, as far down as Excel goes
MAX_WIDTH = 40


def header(name: str, lang: str) -> str:
    """The header of field `name` in the template's language, from the one table of column headers."""
    return tr(COLUMN_HEADERS[_EXPORT_KEY.get(name, name)], lang)


def headers(lang: str) -> list[str]:
    return [header(name, lang) for name in TEMPLATE_FIELDS]


def _words(table: Mapping[Any, str], lang: str) -> list[str]:
    return [tr(msgid, lang) for msgid in table.values()]


def lists(lang: str, vocab: Vocabulary | None = None) -> dict[str, list[str]]:
    """Each drop-down list by name, in the template's language: the words an export writes."""
    vocab = vocab or vocabulary()
    return {
        "act_type": [label(act.labels, lang) for act in vocab.act_types.values()],
        "legal_code": [label(code.short, lang) for code in vocab.legal_codes.values()],
        "city": [label(city.labels, lang) for city in vocab.cities.values()],
        "region": [label(region.labels, lang) for region in vocab.regions.values()],
        "consent": _words(CONSENT_LABELS, lang),
        "appeal": _words(APPEAL_LABELS, lang),
        "gender": _words(GENDER_LABELS, lang),
        "fine_unit": _words(UNIT_LABELS, lang),
        "yes_no": _words(YES_NO_LABELS, lang),
    }


# What the example row says, by language: the free text of a plausible record (the rest is coded).
_EXAMPLE_TEXT = {
    "en": {"place": "by the akimat building", "occasion": "a call for a rally on Facebook",
           "court": "Zhanaozen city court", "description": "Fined for a Facebook post calling for a rally on "
           "16 December; the police came to his home."},
    "ru": {"place": "у здания акимата", "occasion": "призыв к митингу в Facebook",
           "court": "Жанаозенский городской суд", "description": "Оштрафован за пост в Facebook с призывом "
           "выйти на митинг 16 декабря; полиция пришла к нему домой."},
    "kk": {"place": "әкімдік ғимаратының жанында", "occasion": "Facebook-та митингке шақыру",
           "court": "Жаңаөзен қалалық соты", "description": "16 желтоқсандағы митингке шақырған Facebook "
           "жазбасы үшін айыппұл салынды; полиция үйіне келді."},
}


def example(lang: str, vocab: Vocabulary | None = None) -> dict[str, Any]:
    """The example row by field: a fine of 50 MCI under Article 488 Part 11 of the Administrative Offences
    Code, in Zhanaozen in December 2021 (the person is made up). Dates are `date`s, counts `int`s."""
    vocab = vocab or vocabulary()
    words = _EXAMPLE_TEXT[lang]
    return {
        "date": date(2021, 12, 10), "city": label(vocab.cities["zhanaozen"].labels, lang),
        "place": words["place"], "occasion": words["occasion"], "person": "Сәрсенбаев Нұрлан",
        "event_type": label(vocab.act_types["fine"].labels, lang),
        "legal_code": label(vocab.legal_codes["administrative_offences_code"].short, lang),
        "article": "488", "part": "11", "fine_amount": 50, "fine_unit": tr(UNIT_LABELS["MCI"], lang),
        "court": words["court"], "decision_date": date(2021, 12, 13),
        "appeal": tr(APPEAL_LABELS["filed"], lang), "fine_paid": tr(YES_NO_LABELS[False], lang),
        "description": words["description"], "source_url": "https://example.org/news/2021/12/10/zhanaozen",
        "consent": tr(CONSENT_LABELS["confidential"], lang), "gender": tr(GENDER_LABELS["male"], lang),
        "birth_year": 1990,
    }


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def to_csv(lang: str, delimiter: str = ",") -> bytes:
    """The header row and the example row, UTF-8 with a BOM (Excel on Windows needs it for Cyrillic)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers(lang))
    row = example(lang)
    writer.writerow([_as_text(row.get(name)) for name in TEMPLATE_FIELDS])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(lang: str) -> bytes:
    """The records sheet (bold frozen header, the example row, drop-downs, date and text columns) and the
    sheet of lists the drop-downs take their values from."""
    # Imported here: openpyxl is slow to import and only this command needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.properties.creator = "kzdesk"
    sheet = book.active
    sheet.title = tr("Acts", lang)
    row = example(lang)
    names = headers(lang)
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.append([row.get(name) for name in TEMPLATE_FIELDS])
    sheet.freeze_panes = "A2"

    values = lists(lang)
    shown = book.create_sheet(tr("Lists", lang))
    column_of: dict[str, str] = {}
    for index, (name, words) in enumerate(values.items(), start=1):
        letter = get_column_letter(index)
        column_of[name] = f"{quote_sheetname(shown.title)}!${letter}$2:${letter}${len(words) + 1}"
        owner = next(field for field, list_name in LIST_OF.items() if list_name == name)
        shown.cell(row=1, column=index, value=header(owner, lang)).font = Font(bold=True)
        for number, word in enumerate(words, start=2):
            shown.cell(row=number, column=index, value=word)
        shown.column_dimensions[letter].width = min(max(len(w) for w in [*words, header(owner, lang)]) + 2,
                                                    MAX_WIDTH + 20)
    shown.freeze_panes = "A2"

    for index, name in enumerate(TEMPLATE_FIELDS, start=1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        example_text = _as_text(row.get(name))
        dimension.width = min(max(len(names[index - 1]), len(example_text), 8) + 2, MAX_WIDTH)
        if name in DATE_FIELDS:
            dimension.number_format = DATE_FORMAT  # what a user types in the column becomes a date cell
            sheet.cell(row=2, column=index).number_format = DATE_FORMAT
        elif name in TEXT_FIELDS:
            dimension.number_format = "@"
            sheet.cell(row=2, column=index).number_format = "@"
        if name in LIST_OF:
            list_name = LIST_OF[name]
            check = DataValidation(type="list", formula1=column_of[list_name], allow_blank=True)
            if list_name in OPEN_LISTS:
                check.showErrorMessage = False
            else:
                check.showErrorMessage = True
                check.errorStyle = "warning"  # kzdesk also reads the codes and the other languages' words
                check.errorTitle = "kzdesk"
                check.error = tr("This value is not in the list. kzdesk reads the values of the list on the "
                                 "sheet \"{sheet}\"; keep it only if you are sure.", lang, sheet=shown.title)
            check.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.add_data_validation(check)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template(fmt: str, lang: str, delimiter: str = ",") -> bytes:
    """The template's bytes in the format (csv or xlsx) and language."""
    if lang not in LANGUAGES or fmt not in FORMATS:
        raise ValueError((fmt, lang))
    return to_xlsx(lang) if fmt == "xlsx" else to_csv(lang, delimiter)

