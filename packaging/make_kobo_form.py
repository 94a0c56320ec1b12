"""Build the KoboToolbox form kzdesk ships, and the mapping that imports its exports (run after changing
either, or the vocabularies the form's lists come from):

    python packaging/make_kobo_form.py   # -> resources/kobo/kzdesk_form.xlsx, resources/kobo/mapping.json

The form is an XLSForm (sheets survey, choices, settings) with labels in Russian, Kazakh and English: one
submission is one act against one person. Its lists are kzdesk's own: the act types, the legal codes and the
gazetteer's cities, with their labels. The mapping names every column as KoboToolbox exports it, with the
group prefix ("act/act_type") and without ("act_type"), and turns the form's choice names into kzdesk's
values, so that `kzdesk import export.csv --mapping resources/kobo/mapping.json` reads an export as it is
downloaded ("XML values and headers"). KoboToolbox's own columns (start, _id, _uuid, meta/instanceID…)
are left out by the import, which says so.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kzdesk.core.i18n import tr  # noqa: E402
from kzdesk.core.model.labels import CONSENT_LABELS, GENDER_LABELS  # noqa: E402
from kzdesk.core.model.vocab import label, vocabulary  # noqa: E402

OUT = ROOT / "resources" / "kobo"
LANGS = (("ru", "Русский (ru)"), ("kk", "Қазақша (kk)"), ("en", "English (en)"))
FORM_ID = "kzdesk_act"
VERSION = "2026-12-1"
FIXED = datetime(2026, 12, 1)  # the workbook's stated creation time: the same bytes on every run

# The form's choice names where they are not kzdesk's codes, and the kzdesk value each one means.
LEGAL_CODES = {"koap": "administrative_offences_code", "uk": "criminal_code", "gk": "civil_code"}
UNITS = {"mci": "MCI", "kzt": "KZT"}


def words(ru: str, kk: str, en: str) -> dict[str, str]:
    return {"ru": ru, "kk": kk, "en": en}


# (type, name, labels, kzdesk field or None, extra columns); "begin_group"/"end_group" rows group them.
Row = tuple[str, str, dict[str, str] | None, str | None, dict[str, Any]]
SURVEY: list[Row] = [
    ("start", "start", None, None, {}),
    ("end", "end", None, None, {}),
    ("today", "today", None, None, {}),
    ("deviceid", "deviceid", None, None, {}),
    ("note", "intro", words("Одна анкета — одна мера против одного человека (задержание, арест, штраф…). "
                            "Если задержали троих, заполните три анкеты.",
                            "Бір сауалнама — бір адамға қатысты бір шара (ұстау, қамақ, айыппұл…). "
                            "Үш адам ұсталса, үш сауалнама толтырыңыз.",
                            "One form is one act against one person (a detention, an arrest, a fine…). "
                            "If three people were detained, fill in three forms."), None, {}),
    ("begin_group", "person", words("Человек", "Адам", "Person"), None, {}),
    ("text", "full_name", words("Фамилия и имя", "Тегі мен аты", "Full name"), "person",
     {"required": "yes", "hint": words("Как в документах; на кириллице, если известно",
                                        "Құжаттағыдай; белгілі болса, кириллицамен",
                                        "As in the documents; in Cyrillic if known")}),
    ("select_one gender", "gender", words("Пол", "Жынысы", "Gender"), "gender", {}),
    ("integer", "birth_year", words("Год рождения", "Туған жылы", "Year of birth"), "birth_year",
     {"constraint": ". >= 1900 and . <= 2030",
      "constraint_message": words("Год из четырёх цифр", "Төрт таңбалы жыл", "A four-digit year")}),
    ("end_group", "", None, None, {}),
    ("begin_group", "event", words("Событие", "Оқиға", "Event"), None, {}),
    ("date", "event_date", words("Дата", "Күні", "Date"), "date", {"required": "yes"}),
    ("select_one city", "city", words("Город", "Қала", "City"), "city",
     {"appearance": "minimal", "hint": words("Село или посёлок — в поле «Место»",
                                             "Ауыл немесе кент — «Орны» өрісіне",
                                             "A village or small town: in the Place field")}),
    ("text", "place", words("Место", "Орны", "Place"), "place", {}),
    ("text", "occasion", words("Повод (митинг, пикет, пост…)", "Себебі (митинг, пикет, жазба…)",
                               "Occasion (rally, picket, post…)"), "occasion", {}),
    ("end_group", "", None, None, {}),
    ("begin_group", "act", words("Мера", "Шара", "Act"), None, {}),
    ("select_one act_type", "act_type", words("Вид меры", "Шара түрі", "Act type"), "event_type",
     {"required": "yes", "appearance": "minimal"}),
    ("select_one legal_code", "legal_code", words("Кодекс", "Кодекс", "Legal code"), "legal_code", {}),
    ("text", "article", words("Статья", "Бап", "Article"), "article",
     {"constraint": "regex(., '^[0-9]{1,4}(-[0-9]{1,2})?$')",
      "constraint_message": words("Номер статьи, например 488 или 73-1", "Бап нөмірі, мысалы 488 немесе 73-1",
                                  "An article number, e.g. 488 or 73-1")}),
    ("text", "part", words("Часть", "Бөлік", "Part"), "part",
     {"relevant": "${article} != ''", "constraint": "regex(., '^[0-9]{1,3}(-[0-9]{1,2})?$')",
      "constraint_message": words("Номер части, например 6", "Бөлік нөмірі, мысалы 6", "A part number, e.g. 6")}),
    ("integer", "arrest_days", words("Арест, суток", "Қамақ, тәулік", "Arrest, days"), "arrest_days",
     {"relevant": "${act_type} = 'administrative_arrest'", "constraint": ". >= 1 and . <= 365"}),
    ("decimal", "fine_amount", words("Сумма штрафа", "Айыппұл сомасы", "Fine amount"), "fine_amount",
     {"relevant": "${act_type} = 'fine'", "constraint": ". > 0"}),
    ("select_one fine_unit", "fine_unit", words("Единица штрафа", "Айыппұл бірлігі", "Fine unit"), "fine_unit",
     {"relevant": "${fine_amount} != ''"}),
    ("text", "court", words("Суд", "Сот", "Court"), "court", {}),
    ("date", "decision_date", words("Дата решения", "Шешім күні", "Decision date"), "decision_date", {}),
    ("end_group", "", None, None, {}),
    ("text", "description", words("Что произошло", "Не болды", "What happened"), "description",
     {"appearance": "multiline"}),
    ("text", "source_url", words("Ссылка на источник", "Дереккөзге сілтеме", "Link to the source"), "source_url",
     {"hint": words("Новость, пост, документ суда", "Жаңалық, жазба, сот құжаты", "A news article, a post, a court "
                    "document")}),
    ("select_one consent", "consent", words("Согласие человека на публикацию", "Адамның жариялауға келісімі",
                                            "The person's consent to publication"), "consent",
     {"required": "yes", "hint": words("Если не спрашивали — «конфиденциально»", "Сұралмаса — «құпия»",
                                       "If nobody asked: confidential")}),
]


def choices() -> dict[str, list[tuple[str, dict[str, str]]]]:
    """Each list of the form: (choice name, labels by language)."""
    vocab = vocabulary()

    def coded(table: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
        return [(code, {lang: tr(msgid, lang) for lang, _ in LANGS}) for code, msgid in table.items()]

    return {
        "gender": coded(GENDER_LABELS),
        "city": [(city.id, {lang: label(city.labels, lang) for lang, _ in LANGS}) for city in vocab.cities.values()],
        "act_type": [(act.code, {lang: label(act.labels, lang) for lang, _ in LANGS})
                     for act in vocab.act_types.values()],
        "legal_code": [(name, {lang: label(vocab.legal_codes[code].labels, lang) for lang, _ in LANGS})
                       for name, code in LEGAL_CODES.items()],
        "fine_unit": [(name, {lang: tr({"MCI": "MCI", "KZT": "KZT"}[unit], lang) for lang, _ in LANGS})
                      for name, unit in UNITS.items()],
        "consent": coded(CONSENT_LABELS),
    }


def form() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.properties.creator = "kzdesk"
    book.properties.created = book.properties.modified = FIXED
    survey = book.active
    survey.title = "survey"
    extra = ("required", "relevant", "appearance", "constraint")
    survey.append(["type", "name", *(f"label::{name}" for _, name in LANGS), *(f"hint::{name}" for _, name in LANGS),
                   *extra, *(f"constraint_message::{name}" for _, name in LANGS)])
    for kind, name, labels, _field, more in SURVEY:
        hint, message = more.get("hint", {}), more.get("constraint_message", {})
        survey.append([kind, name, *((labels or {}).get(lang, "") for lang, _ in LANGS),
                       *(hint.get(lang, "") for lang, _ in LANGS), *(more.get(key, "") for key in extra),
                       *(message.get(lang, "") for lang, _ in LANGS)])
    listed = book.create_sheet("choices")
    listed.append(["list_name", "name", *(f"label::{name}" for _, name in LANGS)])
    for list_name, entries in choices().items():
        for name, labels in entries:
            listed.append([list_name, name, *(labels[lang] for lang, _ in LANGS)])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(["kzdesk: мера преследования / қудалау шарасы / act of persecution", FORM_ID, VERSION,
                     LANGS[0][1]])
    for sheet in (survey, listed, settings):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            longest = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(longest, 8) + 2, 50)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def mapping() -> dict[str, Any]:
    columns: dict[str, str] = {}
    group = ""
    for kind, name, _labels, field, _more in SURVEY:
        if kind == "begin_group":
            group = name
        elif kind == "end_group":
            group = ""
        elif field:
            if group:
                columns[f"{group}/{name}"] = field  # "Include groups in headers" (KoboToolbox's default)
            columns[name] = field
    vocab = vocabulary()
    return {
        "about": "KoboToolbox form resources/kobo/kzdesk_form.xlsx (form_id " + FORM_ID + ", version " + VERSION +
                 "). Export the data as CSV or XLS with 'XML values and headers'; then "
                 "kzdesk import FILE --mapping mapping.json. Made by packaging/make_kobo_form.py.",
        "columns": columns,
        "values": {
            # The gazetteer's English name: the import finds a city by its names.
            "city": {city.id: label(city.labels, "en") for city in vocab.cities.values()},
            "legal_code": LEGAL_CODES,
            "fine_unit": UNITS,
        },
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "kzdesk_form.xlsx").write_bytes(form())
    (OUT / "mapping.json").write_text(json.dumps(mapping(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in ("kzdesk_form.xlsx", "mapping.json"):
        path = OUT / name
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
