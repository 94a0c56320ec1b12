"""How dates, amounts, sanctions and legal bases read in a report's language (ru, kk, en).

Reports are generated without Qt, so this is the core's own small formatting layer. Phrases are
built so that no word needs declining: "ч. 6 ст. 488 КоАП", "15 суток" come from templates in the
catalogues, never from gluing a noun to a number in code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
        "link": N_("decision"), "act_link": N_("decision")}
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


def place(city: str | None, city_text: str | None, lang: str, day: str | None = None) -> str:
    """A city as a report names it: the gazetteer's name in lang as it was on day (Нур-Султан in 2020,
    Астана in 2023), else the text as written. The one function every report uses for a place."""
    vocab = vocabulary()
    return vocab.city_name(city, lang, day) if city and city in vocab.cities else (city_text or "")


def region_name(region: str | None, region_text: str | None, lang: str) -> str:
    """A region in lang, else as written."""
    regions = vocabulary().regions
    return label(regions[region].labels, lang) if region and region in regions else (region_text or "")


def where(event: dict[str, Any], lang: str) -> str:
    """Where an event happened, as on its day: "Нур-Султан"; "село Акши"; a place the gazetteer knows
    only as a region ("Mangistau") in lang; the region when no city is given."""
    vocab = vocabulary()
    day = event.get("date_start")
    town = place(event.get("city"), event.get("city_text"), lang, day)
    region = event.get("region")
    if not event.get("city") and event.get("city_text"):
        named = vocab.region(event["city_text"])
        if named:  # "Mangistau" typed as a city is the region: say it in the report's language
            town, region = "", region or named
    if town and event.get("city"):
        return town  # a known city: its region goes without saying
    return ", ".join(x for x in (town, region_name(region, event.get("region_text"), lang)) if x)


# How a chronology names a code after an article: "ч. 6 ст. 488 КоАП РК", "ҚР ӘҚБтК 488-бабының
# 6-бөлігі", "Part 6 of Article 488 of the Administrative Offences Code".
CODE_NAMES = {"administrative_offences_code": N_("Administrative Offences Code"),
              "criminal_code": N_("Criminal Code"), "civil_code": N_("Civil Code")}


def code_name(code: str | None, lang: str) -> str:
    """A legal code as cited in running text, with its country; a code kzdesk does not know as stored."""
    if code in CODE_NAMES:
        return tr(CODE_NAMES[code], lang)
    codes = vocabulary().legal_codes
    return label(codes[code].short, lang) if code in codes else (code or "")


def join_names(names: list[str], lang: str) -> str:
    """"A", "A and B", "A, B and C" in lang."""
    if len(names) < 2:
        return "".join(names)
    return tr("{names} and {last}", lang, names=", ".join(names[:-1]), last=names[-1])


def sanction(act: dict[str, Any], lang: str) -> str:
    """Every sanction an act carries, joined: "15 суток; штраф 145 850 ₸ (50 МРП)". One fine reads as one
    penalty: its tenge, with the MCI it was decided in (if so) in brackets. The word "fine" is left out
    when the act itself is a fine: "145 850 ₸ (50 МРП)". A stored value that is not a number (an older
    version let "12 суток" through) is shown as it was stored, never counted or split."""
    out = []
    days = act.get("arrest_days")
    if days:
        out.append(ntr("{n} day", "{n} days", int(float(days)), lang, n=number(days, lang)) if is_number(days)
                   else str(days))
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
    # Each plural message written out, so the catalogue test sees it (through a variable it did not,
    # and "1 years" reached a report).
    terms: tuple[tuple[str, Callable[[int, str], str]], ...] = (
        ("years", lambda n, shown: ntr("{n} year", "{n} years", n, lang, n=shown)),
        ("months", lambda n, shown: ntr("{n} month", "{n} months", n, lang, n=shown)),
        ("hours", lambda n, shown: ntr("{n} hour", "{n} hours", n, lang, n=shown)))
    for unit, phrase in terms:
        value = act.get(unit)
        if value and is_number(value):
            out.append(phrase(int(float(value)), number(value, lang)))
        elif value:
            out.append(str(value))
    return "; ".join(out)


def legal_basis(code: str | None, article: str | None, part: str | None, day: str | None, lang: str,
                with_title: bool = True, cited: bool = False) -> str:
    """"Part 6 of Article 488 of the CAO — <title of the wording in force on day>"; "" if none.
    cited: the code named as running text names it ("… КоАП РК", "… Administrative Offences Code")."""
    if not article:
        return ""
    vocab = vocabulary()
    short = label(vocab.legal_codes[code].short, lang) if code in vocab.legal_codes else (code or "")
    if cited:
        short = code_name(code, lang)
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


# What was done to whom, as a chronology says it: one ntr() per act type, written out so the catalogue
# test sees every message (a template passed through a variable would escape it). {names} is one
# name or a joined list; Russian and Kazakh put the names before a colon and make the verb agree with
# the measure ("назначен арест"), so no name is declined and no gender is guessed.
ACTIONS: dict[str, Callable[[int, str, str], str]] = {
    "detention": lambda n, names, lang: ntr(
        "{names} was detained", "{names} were detained", n, lang, names=names),
    "administrative_arrest": lambda n, names, lang: ntr(
        "{names} was sentenced to administrative arrest", "{names} were sentenced to administrative arrest",
        n, lang, names=names),
    "fine": lambda n, names, lang: ntr("{names} was fined", "{names} were fined", n, lang, names=names),
    "warning": lambda n, names, lang: ntr(
        "{names} was given an official warning", "{names} were given an official warning", n, lang, names=names),
    "search": lambda n, names, lang: ntr(
        "{names} was searched", "{names} were searched", n, lang, names=names),
    "seizure": lambda n, names, lang: ntr(
        "{names} had property seized", "{names} had property seized", n, lang, names=names),
    "summons": lambda n, names, lang: ntr(
        "{names} was summoned", "{names} were summoned", n, lang, names=names),
    "interrogation": lambda n, names, lang: ntr(
        "{names} was questioned", "{names} were questioned", n, lang, names=names),
    "criminal_charge": lambda n, names, lang: ntr(
        "{names} was charged in a criminal case", "{names} were charged in a criminal case", n, lang, names=names),
    "pretrial_detention": lambda n, names, lang: ntr(
        "{names} was remanded in custody", "{names} were remanded in custody", n, lang, names=names),
    "house_arrest": lambda n, names, lang: ntr(
        "{names} was placed under house arrest", "{names} were placed under house arrest", n, lang, names=names),
    "travel_ban": lambda n, names, lang: ntr(
        "{names} was banned from leaving", "{names} were banned from leaving", n, lang, names=names),
    "sentence": lambda n, names, lang: ntr(
        "{names} was convicted", "{names} were convicted", n, lang, names=names),
    "restriction_of_liberty": lambda n, names, lang: ntr(
        "{names} was sentenced to restriction of liberty", "{names} were sentenced to restriction of liberty",
        n, lang, names=names),
    "imprisonment": lambda n, names, lang: ntr(
        "{names} was sentenced to imprisonment", "{names} were sentenced to imprisonment", n, lang, names=names),
    "activity_ban": lambda n, names, lang: ntr(
        "{names} was banned from public and political activity",
        "{names} were banned from public and political activity", n, lang, names=names),
    "community_service": lambda n, names, lang: ntr(
        "{names} was sentenced to community service", "{names} were sentenced to community service",
        n, lang, names=names),
    "psychiatric_placement": lambda n, names, lang: ntr(
        "{names} was forcibly placed in or examined by a psychiatric hospital",
        "{names} were forcibly placed in or examined by a psychiatric hospital", n, lang, names=names),
    "assembly_refused": lambda n, names, lang: ntr(
        "{names} was refused permission for a peaceful assembly",
        "{names} were refused permission for a peaceful assembly", n, lang, names=names),
    "transfer": lambda n, names, lang: ntr(
        "{names} was transferred to another detention facility",
        "{names} were transferred to another detention facility", n, lang, names=names),
    "beating": lambda n, names, lang: ntr(
        "{names} was beaten", "{names} were beaten", n, lang, names=names),
    "torture": lambda n, names, lang: ntr(
        "{names} was tortured or ill-treated", "{names} were tortured or ill-treated", n, lang, names=names),
    "threat": lambda n, names, lang: ntr(
        "{names} was threatened", "{names} were threatened", n, lang, names=names),
    "dismissal": lambda n, names, lang: ntr(
        "{names} was dismissed from work or expelled from studies",
        "{names} were dismissed from work or expelled from studies", n, lang, names=names),
    "deportation": lambda n, names, lang: ntr(
        "{names} was deported", "{names} were deported", n, lang, names=names),
    "blocking": lambda n, names, lang: ntr(
        "{names} had a website or account blocked", "{names} had a website or account blocked",
        n, lang, names=names),
}


def action(act_type: str, names: list[str], lang: str) -> str:
    """"Ким Виктор и Тәжібаев Нұрлан: назначен административный арест"; a type with no phrase of its own
    (other, or one added to the vocabulary later) reads "<names> — <its label>"."""
    joined = join_names(names, lang)
    phrase = ACTIONS.get(act_type)
    if phrase is None:
        return f"{joined} — {act_type_label_lower(act_type, lang)}"  # punctuation only: nothing to translate
    return phrase(len(names), joined, lang)


def act_type_label_lower(code: str, lang: str) -> str:
    """An act type's label as it reads inside a sentence ("другое", "other")."""
    text = act_type(code, lang)
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]  # an acronym keeps its capitals


def part_title(code: str | None, article: str | None, part: str | None, day: str | None, lang: str) -> str:
    """What the article's part says in the wording in force on day, else the article's title; "" if the
    vocabulary does not know it."""
    entry = vocabulary().articles.get((code or "", article or ""))
    if entry is None:
        return ""
    wording = entry.wording_on(day)
    summary = wording.parts.get(part or "") if part else None
    return label(summary or wording.title, lang)


def wording_undated(code: str | None, article: str | None, day: str | None) -> bool:
    """True when the words quoted for this article on this day are the wording kzdesk knows without a
    source dating it (legal.json marks it): it may not be the wording that was in force that day."""
    entry = vocabulary().articles.get((code or "", article or ""))
    return entry is not None and not entry.wording_on(day).dated


def cited_basis(code: str | None, article: str | None, part: str | None, day: str | None, lang: str) -> str:
    """"ч. 6 ст. 488 КоАП РК — Участие в собраниях…": the article with its code as the chronology cites
    it (code_name) and the text of its part; "" if no article."""
    text = legal_basis(code, article, part, day, lang, with_title=False, cited=True)
    title = part_title(code, article, part, day, lang) if text else ""
    return f"{text} — {title}" if title else text
