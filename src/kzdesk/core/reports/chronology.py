"""The monthly chronology monitors publish: one paragraph per event, in date order, sources as
numbered footnotes at the end. Always under the public profile — it is written to be published:
confidential persons, events and acts are absent, anonymised persons appear by pseudonym.

Sentences are assembled from catalogue templates so they read in Russian, Kazakh or English
without declining words in code: "5 декабря 2021 г., Алматы, одиночный пикет. Жақсылықов Ерлан —
административный арест: 15 сут. (ч. 6 ст. 488 КоАП) [1]".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.i18n import tr
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.vocab import vocabulary
from kzdesk.core.reports import wording
from kzdesk.core.reports.consent import Disclosure
from kzdesk.core.reports.pdf import Writer, render, standard_frame

PUBLIC = Disclosure("public")


@dataclass
class Entry:
    """One event as it will be told."""

    date: str | None
    text: str
    notes: list[int] = field(default_factory=list)


@dataclass
class Chronology:
    start: str
    end: str
    city: str | None
    entries: list[Entry]
    sources: list[str]  # footnote texts, numbered from 1


def _events(conn: Connection, start: str, end: str, city: str | None) -> list[dict[str, Any]]:
    sql = ("SELECT * FROM event WHERE deleted = 0 AND date_start >= ? AND date_start <= ?"
           + (" AND city = ?" if city else "") + " ORDER BY date_start, uuid")
    return [dict(row) for row in conn.exec_driver_sql(sql, (start, end, city) if city else (start, end)).mappings()]


def _acts(conn: Connection, event: str, lang: str) -> list[tuple[str, dict[str, Any]]]:
    """(shown name, act) for every act of the event a public text may tell, persons by sort order."""
    result = conn.exec_driver_sql(
        "SELECT a.*, p.name AS person_name, p.consent AS person_consent FROM act a "
        "JOIN person p ON p.uuid = a.person WHERE a.event = ? AND a.deleted = 0 AND p.deleted = 0", (event,))
    out = []
    for act in map(dict, result.mappings()):
        if PUBLIC.shows(act["person_consent"], act["consent"]):
            out.append((PUBLIC.name(act["person"], act["person_name"], act["person_consent"], lang), act))
    return sorted(out, key=lambda pair: (sort_key(pair[0]), pair[1]["uuid"]))


def _sentence(names: list[str], act: dict[str, Any], day: str | None, lang: str) -> str:
    what = wording.act_type(act["act_type"], lang)
    sanction = wording.sanction(act, lang)
    basis = wording.legal_basis(act["legal_code"], act["article"], act["part"], act["decision_date"] or day, lang,
                                with_title=False)
    text = f"{', '.join(names)} — {what}" + (f": {sanction}" if sanction else "")
    return text + (f" ({basis})" if basis else "")


def _sources(conn: Connection, targets: list[str]) -> list[str]:
    marks = ",".join("?" * len(targets))
    rows = conn.exec_driver_sql(
        f"SELECT DISTINCT s.uuid, s.title, s.url, s.published FROM citation c JOIN source s ON s.uuid = c.source "
        f"WHERE c.target IN ({marks}) AND c.deleted = 0 AND s.deleted = 0 ORDER BY s.published, s.uuid",
        tuple(targets)).fetchall()
    return [" — ".join(x for x in (title, published, url) if x) for _, title, url, published in rows]


def gather(conn: Connection, start: str, end: str, city: str | None, lang: str) -> Chronology:
    """The chronology of a period (dates inclusive, ISO), optionally of one city."""
    footnotes: dict[str, int] = {}
    entries = []
    for event in _events(conn, start, end, city):
        if not PUBLIC.shows(event["consent"]):
            continue
        acts = _acts(conn, event["uuid"], lang)
        if not acts:
            continue
        # Persons who suffered the same act, under the same article, with the same sanction, share a sentence.
        groups: dict[str, tuple[list[str], dict[str, Any]]] = {}
        for name, act in acts:
            key = "|".join(str(act[k]) for k in ("act_type", "legal_code", "article", "part", "arrest_days",
                                                 "fine_amount", "fine_unit", "fine_kzt", "years", "months", "hours"))
            groups.setdefault(key, ([], act))[0].append(name)
        where = ", ".join(x for x in (wording.place(event["city"], event["city_text"], lang), event["place"],
                                      event["occasion"]) if x)
        head = ", ".join(x for x in (wording.long_date(event["date"], lang), where) if x)
        sentences = [_sentence(names, act, event["date_start"], lang) for names, act in groups.values()]
        text = head.rstrip(".") + ". " + ". ".join(sentences) + "."
        if event["title"]:
            text = f"{event['title']}. {text}"
        notes = []
        for note in _sources(conn, [event["uuid"], *(a["uuid"] for _, a in acts), *(a["person"] for _, a in acts)]):
            notes.append(footnotes.setdefault(note, len(footnotes) + 1))
        entries.append(Entry(event["date"], text, notes))
    return Chronology(start, end, city, entries, list(footnotes))


def _heading(chron: Chronology, lang: str) -> str:
    period = f"{wording.long_date(chron.start, lang)} — {wording.long_date(chron.end, lang)}"
    place = f", {wording.place(chron.city, None, lang)}" if chron.city in vocabulary().cities else ""
    return tr("Chronology of political persecution: {period}", lang, period=period) + place


def as_text(chron: Chronology, lang: str) -> str:
    """Plain text for pasting into a website: heading, paragraphs, then the numbered sources."""
    lines = [_heading(chron, lang), ""]
    if not chron.entries:
        lines += [tr("Nothing that may be published was recorded in this period.", lang), ""]
    for entry in chron.entries:
        lines += [entry.text + "".join(f" [{n}]" for n in entry.notes), ""]
    if chron.sources:
        lines += [tr("Sources", lang), *(f"[{n}] {text}" for n, text in enumerate(chron.sources, 1))]
    return "\n".join(lines).rstrip() + "\n"


def as_pdf(chron: Chronology, lang: str, today: str | None = None) -> bytes:
    w = Writer()
    w.p(_heading(chron, lang), "title")
    if not chron.entries:
        w.p(tr("Nothing that may be published was recorded in this period.", lang))
    for entry in chron.entries:
        w.p(entry.text + "".join(f" [{n}]" for n in entry.notes))
    if chron.sources:
        w.p(tr("Sources", lang), "h2")
        for n, text in enumerate(chron.sources, 1):
            w.p(f"[{n}] {text}", "small")
    frame = standard_frame(tr("For publication: only persons who consented are named", lang), lang, today)
    return render(w.story, frame, _heading(chron, lang))
