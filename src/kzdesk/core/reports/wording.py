"""How dates, amounts, sanctions and legal bases read in a report's language (ru, kk, en).

Reports are generated without Qt, so this is the core's own small formatting layer. Phrases are
built so that no word needs declining: "ч. 6 ст. 488 КоАП", "15 суток" come from templates in the
catalogues, never from gluing a noun to a number in code.
"""

from __future__ import annotations

import re
from typing import Any

from kzdesk.core.i18n import N_, ntr, tr
from kzdesk.core.model.fields import short_date as short_date  # the lists' date, re-exported for reports
from kzdesk.core.model.vocab import label, vocabulary

# Russian months in the genitive ("5 декабря"), the others as a date reads in each language.
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
           "қараша", "желтоқсан"),
}
MONTHS_ALONE = {
    **MONTHS,
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"),
}
CONSENT = {"public": N_("public"), "anonymised": N_("anonymised"), "confidential": N_("confidential")}
APPEAL = {"none": N_("no appeal"), "filed": N_("appeal filed"), "upheld": N_("upheld on appeal"),
          "overturned": N_("overturned on appeal"), "changed": N_("changed on appeal"),
          "rejected": N_("appeal rejected")}
SOURCE_TYPE = {"testimony": N_("testimony"), "witness": N_("witness"), "court_record": N_("court record"),
               "official_document": N_("official document"), "news": N_("news"), "post": N_("post"),
               "photo": N_("photo"), "video": N_("video"), "other": N_("other source")}
KIND = {"person": N_("person"), "event": N_("event"), "act": N_("act"), "source": N_("source"),
        "attachment": N_("attachment"), "citation": N_("citation"), "participation": N_("participation"),
        "link": N_("decision")}
NBSP = "\u00a0"  # keeps "15 суток" and "145 850 ₸" on one line
_NUMERIC = re.compile(r"-?\d+(\.\d+)?")


def long_date(value: str | None, lang: str) -> str:
    """5 December 2021 · 5 декабря 2021 г. · 2021 жылғы 5 желтоқсан (month or year alone as given)."""
    if not value:
        return tr("date unknown", lang)
    parts = value.split("-")
    year = parts[0]
    if len(parts) == 1:
        return {"ru": f"{year}{NBSP}г.", "kk": f"{year}{NBSP}жыл"}.get(lang, year)
    month = int(parts[1])
    if len(parts) == 2:
        name = MONTHS_ALONE.get(lang, MONTHS["en"])[month - 1]
        return {"ru": f"{name} {year}{NBSP}г.", "kk": f"{year} жылғы {name}"}.get(lang, f"{name} {year}")
    day = int(parts[2])
    name = MONTHS.get(lang, MONTHS["en"])[month - 1]
    return {"ru": f"{day}{NBSP}{name} {year}{NBSP}г.", "kk": f"{year} жылғы {day}{NBSP}{name}"}.get(
        lang, f"{day}{NBSP}{name} {year}")


def is_number(value: object) -> bool:
    """Whether a stored value reads as a number (an older version may have stored "12 суток")."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and bool(_NUMERIC.fullmatch(value))


def number(value: object, lang: str) -> str:
    """145,850 in English; 145 850 in Russian and Kazakh (a no-break space, decimal comma). A stored
    value that is not a number is shown as it is, never taken apart."""
    if not is_number(value):
        return "" if value is None else str(value)
    whole, _, fraction = str(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    separator, point = (",", ".") if lang == "en" else (NBSP, ",")
    text = sign + separator.join(groups or ["0"])
    return f"{text}{point}{fraction}" if fraction else text


def date_format_hint(lang: str) -> str:
    """How a date is typed in this language, for placeholders and messages."""
    return "YYYY-MM-DD" if lang == "en" else tr("DD.MM.YYYY", lang)


def act_type(code: str, lang: str) -> str:
    entry = vocabulary().act_types.get(code)
    return label(entry.labels, lang) if entry else code


def place(city: str | None, city_text: str | None, lang: str) -> str:
    cities = vocabulary().cities
    return label(cities[city].labels, lang) if city in cities else (city_text or "")


def sanction(act: dict[str, Any], lang: str) -> str:
    """Every sanction an act carries, joined: "15 суток; штраф 145 850 ₸ (50 МРП)". One fine reads as one
    penalty: its tenge, with the MCI it was decided in (if so) in brackets. The word "fine" is left out
    when the act itself is a fine: "145 850 ₸ (50 МРП)". A stored value that is not a number (an older
    version let "12 суток" through) is shown as it was stored, never counted or split."""
    out = []
    days = act.get("arrest_days")
    if days:
        out.append(tr("{n} days", lang, n=number(days, lang)) if is_number(days) else str(days))
    plain = act.get("act_type") == "fine"
    kzt, amount = act.get("fine_kzt"), act.get("fine_amount")
    in_mci = act.get("fine_unit") == "MCI" and amount
    tenge = kzt or (None if in_mci else amount)
    if tenge:
        fine = f"{number(tenge, lang)}{NBSP}₸" if plain else tr("fine of {n} ₸", lang, n=number(tenge, lang))
        out.append(fine + (f" ({tr('{n} MCI', lang, n=number(amount, lang))})" if in_mci else ""))
    elif in_mci:
        n = number(amount, lang)
        out.append(tr("{n} MCI", lang, n=n) if plain else tr("fine of {n} MCI", lang, n=n))
    for unit, one, many in (("years", "{n} year", "{n} years"), ("months", "{n} month", "{n} months"),
                            ("hours", "{n} hour", "{n} hours")):
        value = act.get(unit)
        if value and is_number(value):
            out.append(ntr(one, many, int(float(value)), lang, n=number(value, lang)))
        elif value:
            out.append(str(value))
    return "; ".join(out)


def legal_basis(code: str | None, article: str | None, part: str | None, day: str | None, lang: str,
                with_title: bool = True) -> str:
    """"Part 6 of Article 488 of the CAO — <title of the wording in force on day>"; "" if none."""
    if not article:
        return ""
    vocab = vocabulary()
    short = label(vocab.legal_codes[code].short, lang) if code in vocab.legal_codes else (code or "")
    if part and short:
        text = tr("Part {part} of Article {article} of the {code}", lang, part=part, article=article, code=short)
    elif short:
        text = tr("Article {article} of the {code}", lang, article=article, code=short)
    elif part:
        text = tr("Part {part} of Article {article}", lang, part=part, article=article)
    else:
        text = tr("Article {article}", lang, article=article)
    entry = vocab.articles.get((code or "", article))
    if with_title and entry is not None:
        title = label(entry.wording_on(day).title, lang)
        if title:
            text += f" — {title}"
    return text
