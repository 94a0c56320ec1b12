"""Statistics of a period as tables and charts (PDF), and the same figures for the dashboard.

Counts are computed in SQL over current records whose event falls in the period. Aggregates name
nobody, so every act counts whatever its consent level; what consent protects is identification,
and no person, place below city level or description appears here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import Connection

from kzdesk.core.exchange.duplicate_acts import (
    CURRENT,
    doubles_note,
    humans_among,
    pairs_from,
    possible_doubles,
    record_groups,
    uncounted,
    uncounted_json,
)
from kzdesk.core.i18n import tr
from kzdesk.core.model import tallies
from kzdesk.core.reports import wording
from kzdesk.core.reports.pdf import FAMILY, Writer, fit, render, standard_frame

# A period is tested on its event's first day. The months wholly inside a period are read from the
# running counts (core/model/tallies.py); the acts of an end month the period only partly covers, and
# those decided to be double reports (duplicate_acts.uncounted, a few, found by their ids), from the
# acts themselves. `+` keeps SQLite from walking the date index for the whole period where a condition
# on the person or the act's id picks the few acts to read.
PERIOD = f"{CURRENT} AND +e.date_start >= ? AND +e.date_start <= ?"
# An end month's part through the date index: from its first day (or the period's) to the next month's
# first (or the period's last day).
_END = f"{CURRENT} AND e.date_start >= ? AND e.date_start {{upto}} ?"
_FIGURES = (f"SELECT {tallies.MONTH}, {tallies.CITY}, a.act_type, {tallies.ARTICLE}, {tallies.FIGURES} "
            "FROM act a JOIN event e ON e.uuid = a.event WHERE {where} GROUP BY 1, 2, 3, 4")
_TALLIED = ("SELECT month, city, act_type, article, acts, days, fines, unreadable FROM tally_act "
            "WHERE {months} AND acts <> 0")
# The acts decided to be double reports, wherever they are, as the counts hold them (to be taken away).
_UNCOUNTED = "a.deleted = 0 AND e.deleted = 0 AND a.uuid IN (SELECT value FROM json_each(?))"
# Read in person order (the table's), so grouping sorts nothing.
_PERSONS = ("SELECT count(*) FROM (SELECT person FROM tally_person WHERE {months} AND acts > 0 "
            "AND month || ' ' || person NOT IN (SELECT value FROM json_each(?)) GROUP BY person{ends})")
# Whether a live event's first day starts with a month yet lies outside the period (any text at all:
# a day, a month, something an older version let through): then not every act of that month is inside.
_STRAYS = ("SELECT EXISTS (SELECT 1 FROM event WHERE deleted = 0 AND date_start >= ? AND date_start < ?) "
           "OR EXISTS (SELECT 1 FROM event WHERE deleted = 0 AND date_start > ? AND date_start < ?)")


def _after(month: str) -> str:
    """What sorts after every text starting with month (seven characters): its last one raised by one."""
    return month[:6] + chr(ord(month[6]) + 1)


@dataclass(frozen=True)
class _Months:
    """A period as the running counts see it: the months whose every act is inside it, from `low` to
    `high` (each included or not), and the conditions, with their parameters, picking the acts of the
    end months it covers only in part."""

    low: str
    low_in: bool
    high: str
    high_in: bool
    ends: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, conn: Connection, start: str, end: str, gone: str) -> _Months:
        first, last = start[:7], end[:7]
        if len(first) < 7 or len(last) < 7 or first > last:  # no month to take whole: every act read
            return cls("", False, "", False, ((_END.format(upto="<="), (gone, start, end)),))
        whole = {month: not conn.exec_driver_sql(_STRAYS, (month, start, end, _after(month))).scalar_one()
                 for month in {first, last}}
        ends: list[tuple[str, tuple[str, ...]]] = []
        if not whole[first]:
            ends.append((_END.format(upto="<="), (gone, start, end)) if first == last
                        else (_END.format(upto="<"), (gone, start, _after(first))))
        if first != last and not whole[last]:
            ends.append((_END.format(upto="<="), (gone, last, end)))
        return cls(first, whole[first], last, whole[last], tuple(ends))

    def inside(self, month: str) -> bool:
        return ((self.low < month or (self.low_in and month == self.low))
                and (month < self.high or (self.high_in and month == self.high)))

    def where(self) -> str:
        return f"month {'>=' if self.low_in else '>'} ? AND month {'<=' if self.high_in else '<'} ?"


@dataclass
class PeriodStats:
    start: str
    end: str
    acts: int = 0
    persons: int = 0  # humans: records a coordinator linked as one person count once
    arrest_days: int = 0
    fines_kzt: int = 0
    # Stored days or tenge that are not whole numbers (an older version let "12 суток" through): left out
    # of the sums above (SQLite would read "12 суток" as 12) and counted here, so nobody trusts a guess.
    unreadable: int = 0
    by_month: dict[str, int] = field(default_factory=dict)
    by_city: dict[str, int] = field(default_factory=dict)  # gazetteer id, or the city as written
    by_type: dict[str, int] = field(default_factory=dict)
    by_article: dict[str, int] = field(default_factory=dict)  # "code article"
    # Acts whose event has no date at all: in no period, so not in the figures above, but counted here
    # (on their own line) so the totals can be checked against the data.
    undated: int = 0
    # Acts of the period a coordinator decided are another's double report: not counted above.
    doubles: int = 0
    # Acts of the period that may be double reports, not yet decided (counted above; the report says so).
    possible_doubles: int = 0

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _ranked(counts: dict[str | None, int]) -> dict[str, int]:
    """Most first, then by key as SQLite orders text (a missing key first), keys as text."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is not None, kv[0] or ""))
    return {str(key): n for key, n in ranked}


def _figures(conn: Connection, stats: PeriodStats, months: _Months, gone: str) -> None:
    """Totals, undated acts and every breakdown: the whole months from the running counts, the ends
    from their acts, less the acts decided to be double reports."""
    by_month: dict[str, int] = defaultdict(int)
    cities: dict[str | None, int] = defaultdict(int)
    types: dict[str | None, int] = defaultdict(int)
    articles: dict[str | None, int] = defaultdict(int)

    def add(rows: Iterable[Sequence[Any]], sign: int = 1, whole: bool = True) -> None:
        for month, city, act_type, article, n, days, fines, unreadable in rows:
            if whole and not months.inside(month):
                continue
            stats.acts += sign * n
            stats.arrest_days += sign * int(days)
            stats.fines_kzt += sign * int(fines)
            stats.unreadable += sign * unreadable
            by_month[month] += sign * n
            cities[city] += sign * n
            types[act_type] += sign * n
            cited, key = tallies.article_key(article)
            if cited:
                articles[key] += sign * n

    stats.undated = int(conn.exec_driver_sql(
        "SELECT coalesce(sum(acts), 0) FROM tally_act WHERE month = ''").scalar_one())
    if months.low:
        add(conn.exec_driver_sql(_TALLIED.format(months=months.where()), (months.low, months.high)))
    if gone != "[]":
        doubles = conn.exec_driver_sql(_FIGURES.format(where=_UNCOUNTED), (gone,)).fetchall()
        add(doubles, -1)
        stats.undated -= sum(row[4] for row in doubles if not row[0])
    for where, args in months.ends:
        add(conn.exec_driver_sql(_FIGURES.format(where=where), args), whole=False)
    stats.by_month = {str(m): by_month[m] for m in sorted(by_month) if by_month[m]}
    stats.by_city = _ranked({k: n for k, n in cities.items() if n})
    stats.by_type = _ranked({k: n for k, n in types.items() if n})
    stats.by_article = _ranked({k: n for k, n in articles.items() if n})


def _persons(conn: Connection, months: _Months, gone: str) -> int:
    """Person records with a counted act in the period: of the whole months, those with an act in the
    running counts that is not all double reports; and those of the end months, from their acts."""
    left: dict[tuple[str, str], int] = defaultdict(int)  # (month, person): acts decided double reports
    if gone != "[]":
        for month, person in conn.exec_driver_sql(
                f"SELECT {tallies.MONTH}, a.person FROM act a JOIN event e ON e.uuid = a.event WHERE {_UNCOUNTED}",
                (gone,)):
            if months.inside(str(month)):
                left[(str(month), str(person))] += 1
    spent = [f"{m} {p}" for (m, p), n in left.items() if n >= int(conn.exec_driver_sql(
        "SELECT coalesce(max(acts), 0) FROM tally_person WHERE person = ? AND month = ?", (p, m)).scalar_one())]
    ends = "".join(f" UNION SELECT a.person FROM act a JOIN event e ON e.uuid = a.event WHERE {where}"
                   for where, _ in months.ends)
    return int(conn.exec_driver_sql(_PERSONS.format(months=months.where(), ends=ends), (
        months.low, months.high, json.dumps(spent), *(arg for _, args in months.ends for arg in args))).scalar_one())


def compute(conn: Connection, start: str, end: str) -> PeriodStats:
    stats = PeriodStats(start, end)
    gone = uncounted(conn)
    period = (uncounted_json(gone), start, end)
    months = _Months.of(conn, start, end, period[0])
    _figures(conn, stats, months, period[0])
    if gone:  # the acts of the period decided to be double reports (a few: found by their ids)
        stats.doubles = int(conn.exec_driver_sql(
            "SELECT count(*) FROM act a JOIN event e ON e.uuid = a.event WHERE a.deleted = 0 AND e.deleted = 0 "
            "AND e.date_start >= ? AND e.date_start <= ? AND a.uuid IN (SELECT value FROM json_each(?))",
            (start, end, period[0])).scalar_one())
    stats.persons = humans_among(conn, _persons(conn, months, period[0]), PERIOD, period)
    pairs = pairs_from(conn, record_groups(conn, PERIOD, period), PERIOD, period)
    stats.possible_doubles = possible_doubles((x for pair in pairs for x in pair), pairs)
    return stats


def _article_label(key: str, lang: str) -> str:
    code, _, article = key.partition(" ")
    return wording.legal_basis(code, article, None, None, lang, with_title=False)


def labelled(stats: PeriodStats, lang: str) -> dict[str, list[tuple[str, int]]]:
    """Each breakdown with its labels in the report language (shared with the dashboard). A city is named
    as it was at the period's end: a count of 2021 says Нур-Султан, of 2023 Астана."""
    months = [(wording.long_date(m, lang), n) for m, n in stats.by_month.items()]
    return {
        tr("Acts by month", lang): months,
        tr("Acts by city", lang): [(wording.place(c, c, lang, stats.end) or tr("city unknown", lang), n)
                                   for c, n in stats.by_city.items()],
        tr("Acts by type", lang): [(wording.act_type(t, lang), n) for t, n in stats.by_type.items()],
        tr("Acts by article", lang): [(_article_label(a, lang), n) for a, n in stats.by_article.items()],
    }


def round_step(largest: int, ticks: int = 5) -> int:
    """An axis step of 1, 2 or 5 times a power of ten, giving at most about `ticks` steps up to largest."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            if factor * power * ticks >= largest:
                return factor * power
        power *= 10


LABEL_SIZE = 7
LABEL_GAP = 3  # points between a label and its axis


def _chart(pairs: list[tuple[str, int]], horizontal: bool) -> Drawing:
    pairs = pairs[:15]  # the rest is in the table below
    width = 170 * mm
    labels = [label for label, _ in pairs]
    widest = max((stringWidth(label, FAMILY, LABEL_SIZE) for label in labels), default=0)
    # A vertical chart turns its labels when they do not fit side by side under their bars.
    slot = (width - 18 * mm) / max(len(pairs), 1)
    turned = not horizontal and widest > slot - 2
    height = (16 + 6 * len(pairs)) * mm if horizontal else (80 if turned else 60) * mm
    drawing = Drawing(width, height)
    # reportlab's renderer starts a drawing in Helvetica (named in the file, not embedded) unless the
    # drawing has an initialFontName; types-reportlab does not declare that attribute.
    drawing.initialFontName = FAMILY  # type: ignore[attr-defined]
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    # Whole points: the stubs type these as int, and a point is finer than the eye can see. A
    # horizontal chart keeps 8 mm under its bars for the value labels (4 mm let them run into the table).
    chart.x, chart.y = (int(70 * mm), int(8 * mm)) if horizontal else (int(12 * mm), int((32 if turned else 12) * mm))
    chart.width = int(width - chart.x - 6 * mm)
    chart.height = int(height - chart.y - 4 * mm)
    values = [n for _, n in pairs]
    chart.data = [values[::-1] if horizontal else values]
    # Each label cut to the room it has, with "…" where it was cut (the full label is in the table).
    room = (chart.x - LABEL_GAP - 2 if horizontal else chart.y / 0.71 - 6 if turned else slot - 2)
    names = [fit(label, room, FAMILY, LABEL_SIZE) for label in labels]
    chart.categoryAxis.categoryNames = names[::-1] if horizontal else names
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    step = round_step(max(values, default=1))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = -(-max(values, default=1) // step) * step
    if horizontal:
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -LABEL_GAP
    elif turned:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.bars[0].fillColor = colors.HexColor("#2f5d8a")
    drawing.add(chart)
    return drawing


def as_pdf(stats: PeriodStats, lang: str, today: str | None = None) -> bytes:
    w = Writer(lang)
    period = f"{wording.long_date(stats.start, lang)} — {wording.long_date(stats.end, lang)}"
    w.p(tr("Statistics of persecution: {period}", lang, period=period), "title")
    w.grid([tr("Figure", lang), tr("Value", lang)], [
        [tr("Acts", lang), wording.number(stats.acts, lang)],
        [tr("Persons affected", lang), wording.number(stats.persons, lang)],
        [tr("Days of arrest in total", lang), wording.number(stats.arrest_days, lang)],
        [tr("Fines in total", lang), f"{wording.number(stats.fines_kzt, lang)}\u00a0₸"],
        *([[tr("Acts with days or a fine that could not be read (not counted)", lang),
            wording.number(stats.unreadable, lang)]] if stats.unreadable else []),
        *([[tr("Acts with no date (in no period, not counted above)", lang),
            wording.number(stats.undated, lang)]] if stats.undated else []),
        *([[tr("Acts reported twice (counted once)", lang), wording.number(stats.doubles, lang)]]
          if stats.doubles else []),
    ], [110, 60])
    if stats.possible_doubles:
        w.p(doubles_note(stats.possible_doubles, lang), "small")
    for title, pairs in labelled(stats, lang).items():
        if not pairs:
            continue
        w.p(title, "h2")
        w.story.append(_chart(pairs, horizontal=title != tr("Acts by month", lang)))
        w.grid([tr("Category", lang), tr("Acts", lang)], [[label, wording.number(n, lang)] for label, n in pairs],
               [140, 30])
    frame = standard_frame(tr("Aggregate figures: no person is named", lang), lang, today)
    return render(w.story, frame, tr("Statistics", lang))
