"""Which field each column of a spreadsheet holds, from its header as people write it: kzdesk's own field
names, the headers kzdesk's export writes in English, Russian or Kazakh, and the headers monitors'
spreadsheets commonly use ("ФИО", "Статья", "Қала"…).

A column kzdesk computes itself (an act's id, the article's title, the fine in tenge) or a form tool
adds (KoboToolbox's and ODK's `start`, `_uuid`, `meta/instanceID`…) is left out and said so; a column
nobody can place refuses the file, since its values would otherwise be lost without a word.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import LANGUAGES, N_, tr
from kzdesk.core.ingest.sheets import Note
from kzdesk.core.model.labels import COLUMN_HEADERS

REQUIRED = ("person", "event_type")
# Every field a row can set, in the order a template lists them.
FIELDS = (
    "date", "city", "region", "place", "occasion", "event_ref", "person", "event_type", "legal_code", "article",
    "part", "arrest_days", "fine_amount", "fine_unit", "years", "months", "hours", "authority", "court", "judge",
    "case_number", "decision_date", "appeal", "appeal_outcome", "appeal_date", "fine_paid", "fine_paid_by",
    "description", "event_description", "act_description", "source_url", "consent", "person_consent",
    "event_consent", "gender", "birth_year", "occupation", "affiliation", "contacts", "national_id", "address",
    "notes", "status", "status_date",
)
# The export's column keys that name another field of the import.
EXPORT_KEYS = {"event": "event_ref", "act_type": "event_type", "sources": "source_url", "act_consent": "consent"}
# Columns kzdesk's export computes: read back, they would only repeat what the import computes again.
COMPUTED = ("act", "article_title", "fine_kzt", "profile")
# Headers monitors' own spreadsheets use, beside kzdesk's (compared folded, see header_key).
ALIASES: dict[str, tuple[str, ...]] = {
    "person": ("фио", "ф.и.о.", "ф. и. о.", "имя", "фамилия имя", "фамилия, имя, отчество", "аты-жөні",
               "аты жөні", "т.а.ә.", "full name", "name", "person name"),
    "date": ("дата", "дата события", "күні", "оқиға күні", "date of event", "event date"),
    "city": ("город", "населённый пункт", "населенный пункт", "қала", "елді мекен", "town", "settlement"),
    "region": ("область", "регион", "облыс", "өңір", "oblast", "province"),
    "place": ("место", "орын", "location"),
    "occasion": ("повод", "себеп", "reason", "протест", "акция"),
    "event_ref": ("событие", "id события", "оқиға", "event", "event ref", "event id"),
    "event_type": ("мера", "вид меры", "вид преследования", "тип", "тип меры", "шара", "шара түрі", "type",
                   "sanction type", "event type"),
    "legal_code": ("кодекс", "code", "law"),
    "article": ("статья", "ст.", "бап", "article number"),
    "part": ("часть", "ч.", "бөлік", "бөлігі"),
    "arrest_days": ("сутки", "сутки ареста", "дни ареста", "арест (сутки)", "арест, суток", "тәулік",
                    "қамау күндері", "days of arrest", "arrest"),
    "fine_amount": ("штраф", "сумма штрафа", "айыппұл", "айыппұл сомасы", "fine"),
    "fine_unit": ("единица штрафа", "валюта", "айыппұл бірлігі", "currency", "unit"),
    "years": ("лет", "годы", "срок (лет)", "жыл", "жылдар"),
    "months": ("месяцев", "месяцы", "срок (месяцев)", "ай", "айлар"),
    "hours": ("часов", "часы", "сағат"),
    "authority": ("орган", "госорган", "орган власти", "органы", "орган (полиция, акимат)", "body"),
    "court": ("суд", "сот"),
    "judge": ("судья", "судья (фио)", "судья"),
    "case_number": ("номер дела", "№ дела", "іс нөмірі", "case no", "case"),
    "decision_date": ("дата решения", "дата постановления", "шешім күні", "decision"),
    "appeal": ("обжалование", "апелляция", "шағымдану", "шағым"),
    "appeal_outcome": ("результат обжалования", "итог обжалования", "шағым нәтижесі"),
    "description": ("описание", "что произошло", "комментарий", "сипаттама", "не болды", "comment",
                    "what happened", "details"),
    "source_url": ("источник", "ссылка", "источники", "ссылки", "дереккөз", "дереккөздер", "сілтеме",
                   "source", "link", "url", "sources"),
    "consent": ("согласие", "келісім"),
    "gender": ("пол", "жынысы", "жыныс", "sex"),
    "birth_year": ("год рождения", "г.р.", "туған жылы", "year of birth", "born"),
    "occupation": ("род занятий", "профессия", "кәсібі", "profession", "job"),
    "affiliation": ("организация", "принадлежность", "движение", "партия", "ұйым", "organisation",
                    "organization", "movement"),
    "contacts": ("контакты", "телефон", "байланыс", "phone"),
    "national_id": ("иин", "жсн", "iin"),
    "address": ("адрес", "мекенжай"),
    "notes": ("заметки", "примечание", "примечания", "ескертпе", "note"),
    "status": ("статус", "мәртебе"),
    "status_date": ("дата статуса", "мәртебе күні"),
}
# Columns KoboToolbox and ODK add to every submission: about the form, not about the persecution.
META_NAMES = frozenset({"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber",
                        "username", "audit", "__version__", "instanceid", "instancename", "formhub/uuid"})
META_PREFIXES = ("_", "meta/", "formhub/")

_SPACE = re.compile(r"[\s_\-]+")


def header_key(text: str) -> str:
    """A header as compared: NFC, casefolded, ё as е, spaces, underscores and hyphens as one space,
    without the ":" or "*" forms put after a label ("Город*:")."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("ё", "е").strip().strip("\"'«»")
    return _SPACE.sub(" ", folded).strip().rstrip(":* ").strip()


@cache
def known_headers() -> dict[str, str]:
    """Every header the import understands (folded) and the field it holds; "" for a computed column."""
    names: dict[str, str] = {}

    def add(header: str, target: str) -> None:
        names.setdefault(header_key(header), target)

    for name in FIELDS:
        add(name, name)
    for key, msgid in COLUMN_HEADERS.items():
        target = "" if key in COMPUTED else EXPORT_KEYS.get(key, key)
        if target and target not in FIELDS:
            continue
        for lang in LANGUAGES:
            add(tr(msgid, lang), target)
        add(key, target)
    for name, aliases in ALIASES.items():
        for alias in aliases:
            add(alias, name)
    return names


def is_meta(header: str) -> bool:
    folded = header.strip().casefold()
    return folded in META_NAMES or folded.startswith(META_PREFIXES)


@dataclass(frozen=True)
class Mapping:
    """A mapping file for spreadsheets from other tools: which field each of their columns holds ("" to
    leave it out), and for a field, what their values mean in kzdesk's ("задержан" → "detention").
    Headers and values are held folded (header_key), as they are compared."""

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def value(self, name: str, cell: str) -> str:
        """A cell of field `name` as kzdesk reads it: the mapped value, else the cell as written."""
        table = self.values.get(name)
        return table.get(header_key(cell), cell) if table else cell


MAX_MAPPING_BYTES = 1024 * 1024


def read_mapping(path: Path) -> Mapping:
    """A mapping file, JSON or TOML: {"columns": {"their header": "field" or ""}, "values": {"field":
    {"their value": "kzdesk value"}}}. Refused with the reason when it names a field kzdesk lacks."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("Cannot read {path}: {reason}", path=str(path), reason=exc.strerror) from None
    if len(data) > MAX_MAPPING_BYTES:
        raise InputError("The mapping file is too large.")
    try:
        text = data.decode("utf-8-sig")
        loaded = tomllib.loads(text) if path.suffix.casefold() == ".toml" else json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError("The mapping file cannot be read: {reason}", reason=str(exc)) from None
    if not isinstance(loaded, dict) or set(loaded) - {"columns", "values", "about"}:
        raise InputError("A mapping file has a \"columns\" table and a \"values\" table, nothing else.")
    columns, values = loaded.get("columns", {}), loaded.get("values", {})
    if not isinstance(columns, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in columns.items()):
        raise InputError("In the mapping file, \"columns\" maps each header to a field name (text to text).")
    if not isinstance(values, dict) or not all(isinstance(t, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in t.items()) for t in values.values()):
        raise InputError("In the mapping file, \"values\" maps a field name to a table of values (text to text).")
    unknown = sorted({v for v in columns.values() if v and v not in FIELDS} | (set(values) - set(FIELDS)))
    if unknown:
        raise InputError("The mapping file names fields kzdesk does not have: {fields}. The fields are: {known}.",
                         fields=", ".join(unknown), known=", ".join(FIELDS))
    return Mapping({header_key(k): v for k, v in columns.items()},
                   {name: {header_key(k): v for k, v in table.items()} for name, table in values.items()})


@dataclass
class Columns:
    """The field of each column (None: left out), and what the user is told about the columns left out."""

    fields: list[str | None]
    notes: list[Note] = field(default_factory=list)


def resolve(header: list[str], mapping: Mapping | None = None) -> Columns:
    """The field each header names; a mapping's columns (header as written → field, or "" to leave it
    out) are consulted first. Refuses unknown and repeated columns and a missing required one."""
    names = known_headers()
    mapped = mapping.columns if mapping else {}
    fields: list[str | None] = []
    computed, meta, unknown = [], [], []
    for cell in header:
        key = header_key(cell)
        # A form tool's own column is never read as a field its folded name happens to spell
        # (KoboToolbox's "_status" and "_notes" are not kzdesk's status and notes), unless a mapping says so.
        target = mapped[key] if key in mapped else None if is_meta(cell) else names.get(key)
        if not key:
            fields.append(None)  # a column without a header: its cells must be empty (checked per row)
        elif target == "" and key in mapped:
            fields.append(None)  # left out by the mapping: the user said so, nothing to tell them
        elif target:
            fields.append(target)
        elif target == "":
            fields.append(None)
            computed.append(cell.strip())
        elif is_meta(cell):
            fields.append(None)
            meta.append(cell.strip())
        else:
            fields.append(None)
            unknown.append(cell.strip())
    if unknown:
        raise InputError("Unknown column(s): {columns}. kzdesk reads the columns its template and its export "
                         "have, with headers in English, Russian or Kazakh (see 'kzdesk template'), and "
                         "other columns named in a mapping file (--mapping).", columns=", ".join(unknown))
    named = [f for f in fields if f]
    duplicated = sorted({f for f in named if named.count(f) > 1})
    if duplicated:
        raise InputError("Column(s) appear twice: {columns}.", columns=", ".join(
            header[i].strip() for i, f in enumerate(fields) if f in duplicated))
    missing = [name for name in REQUIRED if name not in named]
    if missing:
        raise InputError("Required column(s) missing: {columns}.", columns=", ".join(missing))
    notes = []
    if computed:
        notes.append(Note(N_("Columns kzdesk computes itself were left out: {columns}."),
                          {"columns": ", ".join(computed)}))
    if meta:
        notes.append(Note(N_("Form tool columns (KoboToolbox, ODK) were left out: {columns}."),
                          {"columns": ", ".join(meta)}))
    return Columns(fields, notes)
