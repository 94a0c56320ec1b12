"""Statistics of a period as tables and charts (PDF), and the same figures for the dashboard.

Counts are computed in SQL over current records whose event falls in the period. Aggregates name
nobody, so every act counts whatever its consent level; what consent protects is identification,
and no person, place below city level or description appears here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import Connection

from kzdesk.core.exchange.duplicate_acts import (
    CURRENT,
    doubles_note,
    persons_and_pairs,
    possible_doubles,
    uncounted,
    uncounted_json,
)
from kzdesk.core.i18n import tr
from kzdesk.core.reports import wording
from kzdesk.core.reports.pdf import FAMILY, Writer, fit, render, standard_frame

# An act decided to be a double report of another (duplicate_acts.uncounted) is left out: the first parameter.
# A period is tested on its event's first day (the next two parameters). A wide period is read act by act
# in stored order, each act looking its event up (`+` keeps SQLite from going through the date index,
# event by event, and NOT INDEXED from going through an index on act: either reads the act rows in random
# order, a page each); a short one through the date index.
WIDE = f"{CURRENT} AND +e.date_start >= ? AND +e.date_start <= ?"
SHORT = f"{CURRENT} AND e.date_start >= ? AND e.date_start <= ?"
UNDATED = "(e.date_start IS NULL OR e.date_start = '')"

# Only what SQLite holds as an integer is summed: a text value would be read by its leading digits.
_WHOLE = "CASE WHEN typeof({column}) = 'integer' THEN {column} END"
# One pass over the acts of the period (and, for a wide period, the undated ones), grouped by every
# breakdown at once: the totals and each breakdown are added up from its rows.
_FIGURES = (
    "SELECT e.date_start >= ? AND e.date_start <= ?, " + UNDATED + ", substr(e.date_start, 1, 7), "
    "coalesce(e.city, e.city_text, ''), a.act_type, a.article IS NOT NULL, a.legal_code || ' ' || a.article, "
    f"count(*), coalesce(sum({_WHOLE.format(column='a.arrest_days')}), 0), "
    f"coalesce(sum({_WHOLE.format(column='a.fine_kzt')}), 0), "
    "coalesce(sum(typeof(a.arrest_days) NOT IN ('integer', 'null') OR typeof(a.fine_kzt) NOT IN ('integer', 'null')),"
    " 0) FROM act a {join} event e ON e.uuid = a.event WHERE {where} GROUP BY 1, 2, 3, 4, 5, 6, 7")
FIGURES_WIDE = _FIGURES.format(join="NOT INDEXED CROSS JOIN",
                               where=f"{CURRENT} AND ((+e.date_start >= ? AND +e.date_start <= ?) OR {UNDATED})")
FIGURES_SHORT = _FIGURES.format(join="JOIN", where=SHORT)


def _wide(conn: Connection, start: str, end: str) -> bool:
    """Whether the period holds so many events (one in sixteen or more) that reading every act in stored
    order is quicker than reading the period's events through the date index and their acts one by one."""
    enough = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM event").scalar_one()) // 16 + 1
    return int(conn.exec_driver_sql(
        "SELECT count(*) FROM (SELECT 1 FROM event WHERE date_start >= ? AND date_start <= ? LIMIT ?)",
        (start, end, enough)).scalar_one()) >= enough


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


def _figures(conn: Connection, stats: PeriodStats, gone: str, wide: bool) -> None:
    """Totals, undated acts and every breakdown, from one pass over the acts (two for a short period)."""
    months: dict[str, int] = defaultdict(int)
    cities: dict[str | None, int] = defaultdict(int)
    types: dict[str | None, int] = defaultdict(int)
    articles: dict[str | None, int] = defaultdict(int)
    period = (stats.start, stats.end)
    for inside, undated, month, city, act_type, cited, article, n, days, fines, unreadable in conn.exec_driver_sql(
            FIGURES_WIDE if wide else FIGURES_SHORT, (*period, gone, *period)):
        if undated and wide:
            stats.undated += n
        if not inside:
            continue
        stats.acts += n
        stats.arrest_days += days
        stats.fines_kzt += fines
        stats.unreadable += unreadable
        months[month] += n
        cities[city] += n
        types[act_type] += n
        if cited:
            articles[article] += n
    stats.by_month = {str(m): months[m] for m in sorted(months)}
    stats.by_city, stats.by_type, stats.by_article = _ranked(cities), _ranked(types), _ranked(articles)
    if not wide:  # few acts have no date: through the date index too
        stats.undated = int(conn.exec_driver_sql(
            f"SELECT count(*) FROM act a JOIN event e ON e.uuid = a.event WHERE {CURRENT} AND {UNDATED}",
            (gone,)).scalar_one())


def compute(conn: Connection, start: str, end: str) -> PeriodStats:
    stats = PeriodStats(start, end)
    gone = uncounted(conn)
    period = (uncounted_json(gone), start, end)
    wide = _wide(conn, start, end)
    _figures(conn, stats, period[0], wide)
    if gone:  # the acts of the period decided to be double reports (a few: found by their ids)
        stats.doubles = int(conn.exec_driver_sql(
            "SELECT count(*) FROM act a JOIN event e ON e.uuid = a.event WHERE a.deleted = 0 AND e.deleted = 0 "
            "AND e.date_start >= ? AND e.date_start <= ? AND a.uuid IN (SELECT value FROM json_each(?))",
            (start, end, period[0])).scalar_one())
    # One more pass gives the persons of the period and the acts among them that may be double reports.
    where = WIDE if wide else SHORT
    stats.persons, pairs = persons_and_pairs(conn, where, period, wide)
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
