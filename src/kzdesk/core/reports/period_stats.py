"""Statistics of a period as tables and charts (PDF), and the same figures for the dashboard.

Counts are computed in SQL over current records whose event falls in the period. Aggregates name
nobody, so every act counts whatever its consent level; what consent protects is identification,
and no person, place below city level or description appears here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import Connection

from kzdesk.core.exchange.duplicate_acts import (
    candidate_pairs,
    doubles_note,
    possible_doubles,
    uncounted,
    uncounted_json,
)
from kzdesk.core.i18n import tr
from kzdesk.core.model.persons import SAME_PERSON
from kzdesk.core.reports import wording
from kzdesk.core.reports.pdf import FAMILY, Writer, fit, render, standard_frame

# An act decided to be a double report of another (duplicate_acts.uncounted) is left out: the third parameter.
IN_PERIOD = "FROM act a JOIN event e ON e.uuid = a.event WHERE a.deleted = 0 AND e.deleted = 0 " \
            "AND e.date_start >= ? AND e.date_start <= ? AND a.uuid NOT IN (SELECT value FROM json_each(?))"

# Only what SQLite holds as an integer is summed: a text value would be read by its leading digits.
_WHOLE = "CASE WHEN typeof({column}) = 'integer' THEN {column} END"


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


def _humans(conn: Connection, persons: list[str]) -> int:
    """How many distinct humans the person records are, following 'same person' decisions."""
    seen: set[str] = set()
    count = 0
    for person in persons:
        if person in seen:
            continue
        count += 1
        seen.update(row[0] for row in conn.exec_driver_sql(SAME_PERSON + "SELECT uuid FROM same", (person,)))
    return count


def _doubles(conn: Connection, start: str, end: str, gone: frozenset[str]) -> tuple[int, int]:
    """(acts of the period decided to be double reports, acts of the period that may be ones)."""
    dated = [str(u) for (u,) in conn.exec_driver_sql(
        "SELECT a.uuid FROM act a JOIN event e ON e.uuid = a.event WHERE a.deleted = 0 AND e.deleted = 0 "
        "AND e.date_start >= ? AND e.date_start <= ? AND a.uuid IN (SELECT value FROM json_each(?))",
        (start, end, uncounted_json(gone)))] if gone else []
    pairs = candidate_pairs(conn, gone)
    if not pairs:
        return len(dated), 0
    acts = {x for pair in pairs for x in pair}
    inside = [str(u) for (u,) in conn.exec_driver_sql(
        "SELECT a.uuid FROM act a JOIN event e ON e.uuid = a.event WHERE e.date_start >= ? AND e.date_start <= ? "
        "AND a.uuid IN (SELECT value FROM json_each(?))", (start, end, json.dumps(sorted(acts))))]
    return len(dated), possible_doubles(inside, pairs)


def compute(conn: Connection, start: str, end: str) -> PeriodStats:
    stats = PeriodStats(start, end)
    gone = uncounted(conn)
    period = (start, end, uncounted_json(gone))
    row = conn.exec_driver_sql(
        f"SELECT count(*), coalesce(sum({_WHOLE.format(column='a.arrest_days')}), 0), "
        f"coalesce(sum({_WHOLE.format(column='a.fine_kzt')}), 0), "
        f"coalesce(sum(typeof(a.arrest_days) NOT IN ('integer', 'null') "
        f"OR typeof(a.fine_kzt) NOT IN ('integer', 'null')), 0) {IN_PERIOD}", period).one()
    stats.acts, stats.arrest_days, stats.fines_kzt, stats.unreadable = (int(row[0]), int(row[1]), int(row[2]),
                                                                        int(row[3]))
    stats.undated = int(conn.exec_driver_sql(
        "SELECT count(*) FROM act a JOIN event e ON e.uuid = a.event WHERE a.deleted = 0 AND e.deleted = 0 "
        "AND (e.date_start IS NULL OR e.date_start = '') AND a.uuid NOT IN (SELECT value FROM json_each(?))",
        period[2:]).scalar_one())
    stats.doubles, stats.possible_doubles = _doubles(conn, start, end, gone)
    persons = [r[0] for r in conn.exec_driver_sql(f"SELECT DISTINCT a.person {IN_PERIOD} ORDER BY a.person", period)]
    stats.persons = _humans(conn, persons) if conn.exec_driver_sql(
        "SELECT 1 FROM link WHERE deleted = 0 AND decision = 'same' LIMIT 1").first() else len(persons)
    for target, sql in (
            (stats.by_month, f"SELECT substr(e.date_start, 1, 7), count(*) {IN_PERIOD} GROUP BY 1 ORDER BY 1"),
            (stats.by_city, f"SELECT coalesce(e.city, e.city_text, ''), count(*) {IN_PERIOD} GROUP BY 1 "
                            f"ORDER BY 2 DESC, 1"),
            (stats.by_type, f"SELECT a.act_type, count(*) {IN_PERIOD} GROUP BY 1 ORDER BY 2 DESC, 1"),
            (stats.by_article, f"SELECT a.legal_code || ' ' || a.article, count(*) {IN_PERIOD} "
                               f"AND a.article IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1")):
        target.update((str(key), int(n)) for key, n in conn.exec_driver_sql(sql, period))
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
