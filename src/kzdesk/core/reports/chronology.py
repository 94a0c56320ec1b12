"""The monthly chronology monitors publish, in their own style: one dated paragraph per event — the
city as it was named that day, who, what was done to them, under which article of which code, the
sanction, the court — then the event's description; each statement carries the footnote numbers of
its sources, listed once each at the end. Events with no date, or a date too vague to fall inside
the period (a year, a month that straddles it), have their own section after the dated ones rather
than vanishing. Always under the public profile — it is written to be published: confidential
persons, events and acts are absent, anonymised persons appear by pseudonym.

Sentences are assembled from catalogue templates so they read in Russian, Kazakh or English
without declining words in code: "5 декабря 2021 г., Алматы. Ким Виктор и Тәжібаев Нұрлан: назначен
административный арест — 15 суток, по ч. 6 ст. 488 КоАП РК.[1] Арест за участие в митинге 27 ноября."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from sqlalchemy import Connection

from kzdesk.core.exchange.duplicate_acts import doubles_note, possible_doubles_among, uncounted, uncounted_json
from kzdesk.core.i18n import tr
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.vocab import vocabulary
from kzdesk.core.reports import wording
from kzdesk.core.reports.consent import Disclosure, withheld_note
from kzdesk.core.reports.pdf import Writer, esc, render, standard_frame, styles

PUBLIC = Disclosure("public")
# Acts that share these (and a court and a description) are one sentence naming all their persons.
SAME_ACT = ("act_type", "legal_code", "article", "part", "arrest_days", "fine_amount", "fine_unit", "fine_kzt",
            "years", "months", "hours", "court", "description")


@dataclass
class Statement:
    """One sentence and the footnote numbers of what backs it."""

    text: str
    notes: list[int] = field(default_factory=list)


@dataclass
class Entry:
    """One event as it will be told."""

    date: str | None
    statements: list[Statement]

    @property
    def text(self) -> str:
        """The paragraph without its footnote marks."""
        return " ".join(s.text for s in self.statements)

    @property
    def notes(self) -> list[int]:
        return sorted({n for s in self.statements for n in s.notes})

    def marked(self) -> str:
        """The paragraph as plain text: each statement followed by its marks ("… КоАП РК. [1][2]")."""
        return " ".join(s.text + ("".join(f" [{n}]" for n in s.notes)) for s in self.statements)


@dataclass
class Chronology:
    start: str
    end: str
    city: str | None
    entries: list[Entry]  # events dated inside the period, in date order
    sources: list[str]  # footnote texts, numbered from 1, each once
    undated: list[Entry] = field(default_factory=list)  # no date, or one not precise enough for the period
    withheld: int = 0  # acts of these events left out for consent (the report says so, and how to change it)
    possible_doubles: int = 0  # acts told that may be another's double report, not yet decided (said, too)


def _events(conn: Connection, start: str, end: str, city: str | None) -> tuple[list[dict[str, Any]],
                                                                               list[dict[str, Any]]]:
    """(events dated inside the period, events with no date or a date that only overlaps it)."""
    town = " AND city = ?" if city else ""
    args: tuple[str, ...] = (city,) if city else ()
    last = "COALESCE(date_end, date_start)"
    inside = conn.exec_driver_sql(
        f"SELECT * FROM event WHERE deleted = 0 AND date_start >= ? AND {last} <= ?{town} "
        f"ORDER BY date_start, {last}, uuid", (start, end, *args)).mappings()
    vague = conn.exec_driver_sql(
        f"SELECT * FROM event WHERE deleted = 0{town} AND (date_start IS NULL OR (date_start <= ? AND {last} >= ? "
        f"AND NOT (date_start >= ? AND {last} <= ?))) ORDER BY date_start IS NULL, date_start, uuid",
        (*args, end, start, start, end)).mappings()
    return [dict(row) for row in inside], [dict(row) for row in vague]


def _acts(conn: Connection, event: dict[str, Any], lang: str,
          doubles: str = "[]") -> tuple[list[tuple[str, dict[str, Any]]], int]:
    """(shown name, act) for every act of the event a public text may tell, persons by sort order; and
    how many acts consent kept out. An act decided to be a double report of another (doubles, a JSON
    list) is not told again."""
    result = conn.exec_driver_sql(
        "SELECT a.*, p.name AS person_name, p.consent AS person_consent FROM act a "
        "JOIN person p ON p.uuid = a.person WHERE a.event = ? AND a.deleted = 0 AND p.deleted = 0 "
        "AND a.uuid NOT IN (SELECT value FROM json_each(?))", (event["uuid"], doubles))
    out, withheld = [], 0
    for act in map(dict, result.mappings()):
        if PUBLIC.shows(act["person_consent"], event["consent"], act["consent"]):
            out.append((PUBLIC.name(act["person"], act["person_name"], act["person_consent"], lang), act))
        else:
            withheld += 1
    return sorted(out, key=lambda pair: (sort_key(pair[0]), pair[1]["uuid"])), withheld


def _sentence(names: list[str], act: dict[str, Any], day: str | None, lang: str) -> str:
    """"Ким Виктор и Тәжібаев Нұрлан: назначен административный арест — 15 суток, по ч. 6 ст. 488 КоАП РК
    (суд: …)."""
    details = []
    sanction = wording.sanction(act, lang)  # the one sanction text every report prints
    if sanction:
        details.append(sanction)
    basis = wording.legal_basis(act["legal_code"], act["article"], act["part"], act["decision_date"] or day, lang,
                                with_title=False, cited=True)
    if basis:
        details.append(tr("under {basis}", lang, basis=basis))
    text = wording.action(act["act_type"], names, lang)
    if details:
        text += " — " + ", ".join(details)
    if act["court"]:
        text += " (" + tr("court: {court}", lang, court=act["court"]) + ")"
    return _full_stop(text)


def _full_stop(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _sources(conn: Connection, targets: list[str]) -> list[str]:
    marks = ",".join("?" * len(targets))
    rows = conn.exec_driver_sql(
        f"SELECT DISTINCT s.uuid, s.title, s.url, s.published FROM citation c JOIN source s ON s.uuid = c.source "
        f"WHERE c.target IN ({marks}) AND c.deleted = 0 AND s.deleted = 0 ORDER BY s.published, s.uuid",
        tuple(targets)).fetchall()
    return [" — ".join(x for x in (title, published, url) if x) for _, title, url, published in rows]


class _Footnotes:
    """Numbers sources in order of first citation; a source cited again keeps its number."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def mark(self, conn: Connection, targets: list[str]) -> list[int]:
        found = {self.numbers.setdefault(text, len(self.numbers) + 1) for text in _sources(conn, targets)}
        return sorted(found)


def _entry(conn: Connection, event: dict[str, Any], acts: list[tuple[str, dict[str, Any]]], footnotes: _Footnotes,
           lang: str) -> Entry:
    day = event["date_start"]
    # Persons who suffered the same act, under the same article, with the same sanction, share a sentence.
    groups: dict[tuple[str, ...], list[tuple[str, dict[str, Any]]]] = {}
    for name, act in acts:
        groups.setdefault(tuple(str(act[k]) for k in SAME_ACT), []).append((name, act))
    place = ", ".join(x for x in (wording.where(event, lang), event["place"], event["occasion"]) if x)
    head = ", ".join(x for x in (wording.long_date(event["date"], lang) if event["date"] else "", place) if x)
    # A paragraph opens with a capital even when its date is a month alone ("Декабрь 2021 г.").
    statements = [Statement(_full_stop(head[:1].upper() + head[1:]))] if head else []
    if event["title"]:
        statements.append(Statement(_full_stop(event["title"])))
    for members in groups.values():
        names = [name for name, _ in members]
        first = members[0][1]
        notes = footnotes.mark(conn, [*(a["uuid"] for _, a in members), *(a["person"] for _, a in members)])
        statements.append(Statement(_sentence(names, first, day, lang), notes))
        if first["description"]:
            statements.append(Statement(_full_stop(first["description"])))
    event_notes = footnotes.mark(conn, [event["uuid"]])
    if event["description"]:
        statements.append(Statement(_full_stop(event["description"]), event_notes))
    elif event_notes:
        statements[-1].notes = sorted({*statements[-1].notes, *event_notes})
    return Entry(event["date"], statements)


def gather(conn: Connection, start: str, end: str, city: str | None, lang: str) -> Chronology:
    """The chronology of a period (dates inclusive, ISO), optionally of one city."""
    footnotes = _Footnotes()
    dated, vague = _events(conn, start, end, city)
    told: list[list[Entry]] = [[], []]
    withheld = 0
    gone = uncounted(conn)
    doubles = uncounted_json(gone)
    shown: list[str] = []
    for events, into in ((dated, told[0]), (vague, told[1])):
        for event in events:
            acts, kept_out = _acts(conn, event, lang, doubles)
            withheld += kept_out
            shown += [act["uuid"] for _, act in acts]
            if acts:
                into.append(_entry(conn, event, acts, footnotes, lang))
    return Chronology(start, end, city, told[0], list(footnotes.numbers), told[1], withheld,
                      possible_doubles_among(conn, shown, gone))


def _heading(chron: Chronology, lang: str) -> str:
    period = f"{wording.long_date(chron.start, lang)} — {wording.long_date(chron.end, lang)}"
    place = f", {wording.place(chron.city, None, lang, chron.end)}" if chron.city in vocabulary().cities else ""
    return tr("Chronology of political persecution: {period}", lang, period=period) + place


def as_text(chron: Chronology, lang: str) -> str:
    """Plain text for pasting into a website: heading, paragraphs, the vaguely dated, then the sources."""
    lines = [_heading(chron, lang), ""]
    if chron.withheld:
        lines += [withheld_note(chron.withheld, lang), ""]
    if chron.possible_doubles:
        lines += [doubles_note(chron.possible_doubles, lang), ""]
    if not chron.entries:  # said even when vaguely dated events follow: none is known to be of this period
        lines += [tr("Nothing that may be published was recorded in this period.", lang), ""]
    for entry in chron.entries:
        lines += [entry.marked(), ""]
    if chron.undated:
        lines += [tr("Events without an exact date", lang), ""]
        lines += [line for entry in chron.undated for line in (entry.marked(), "")]
    if chron.sources:
        lines += [tr("Sources", lang), *(f"[{n}] {text}" for n, text in enumerate(chron.sources, 1))]
    return "\n".join(lines).rstrip() + "\n"


@cache
def _style() -> ParagraphStyle:
    """The body text with air between events, so each reads as one item of the log."""
    return ParagraphStyle("chronology", parent=styles()["body"], spaceAfter=7)


def _paragraph(w: Writer, entry: Entry, dated: bool) -> None:
    """A paragraph with its date and place in bold and small superscript footnote numbers after the
    statements they back."""
    parts = []
    for i, s in enumerate(entry.statements):
        text = f"<b>{esc(s.text)}</b>" if i == 0 and dated else esc(s.text)
        parts.append(text + (f'<super><font size="6.5">{",".join(map(str, s.notes))}</font></super>'
                             if s.notes else ""))
    w.texts.append(entry.text)
    w.story.append(Paragraph(" ".join(parts), _style()))


def as_pdf(chron: Chronology, lang: str, today: str | None = None) -> bytes:
    w = Writer()
    w.p(_heading(chron, lang), "title")
    if chron.withheld:
        w.p(withheld_note(chron.withheld, lang), "small")
    if chron.possible_doubles:
        w.p(doubles_note(chron.possible_doubles, lang), "small")
    if not chron.entries:
        w.p(tr("Nothing that may be published was recorded in this period.", lang))
    for entry in chron.entries:
        _paragraph(w, entry, True)
    if chron.undated:
        w.p(tr("Events without an exact date", lang), "h2")
        for entry in chron.undated:
            _paragraph(w, entry, bool(entry.date))
    if chron.sources:
        w.p(tr("Sources", lang), "h2")
        for n, text in enumerate(chron.sources, 1):
            w.p(f"{n}. {text}", "small")
    frame = standard_frame(tr("For publication: only persons who consented are named", lang), lang, today)
    return render(w.story, frame, _heading(chron, lang))
