"""Statistics and the case summary as printed: undated acts, chart labels and axes, headings kept with
what follows, a public person's acts with footnotes, status and the part of the article, syllable
hyphenation in narrow columns, and no English word in a Russian or Kazakh report."""

from __future__ import annotations

import io
import re
from typing import Any

import pyphen
import pytest
from pypdf import PdfReader
from reportlab.graphics.charts.barcharts import BarChart
from reportlab.pdfbase.pdfmetrics import stringWidth

from kzdesk.core.i18n import tr
from kzdesk.core.model.status import set_status
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports import period_stats, stats
from kzdesk.core.reports.case import build_pdf, gather, verify_report
from kzdesk.core.reports.pdf import BODY_HEIGHT, FAMILY, Writer, render, standard_frame, styles

TODAY = "2024-03-01"


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(data: bytes) -> str:
    """The text of every page on one line, a word hyphenated across lines read whole."""
    joined = re.sub(r"(\w)-\n(\w)", r"\1\2", "\n".join(pages_of(data)))
    return re.sub(r"\s+", " ", joined)


def add_case(vault: Vault, name: str, acts: list[dict[str, Any]], date: str | None = "2021-12-05",
             person_consent: str = "public") -> dict[str, Any]:
    """A person, one public event in Almaty (or an undated one) and acts with no consent of their own;
    one source cited both for the first act and for the event."""
    with vault.transaction() as conn:
        changes = vault.changeset()
        person = changes.create("person", {"name": name, "name_key": name.lower(), "consent": person_consent})
        event = changes.create("event", {"date": date, "date_precision": "day" if date else "unknown",
                                         "date_start": date, "date_end": date, "city": "almaty",
                                         "consent": "public"})
        ids = [changes.create("act", {"event": event, "person": person, "legal_code": "administrative_offences_code",
                                      "article": "488", "part": "6", **fields}) for fields in acts]
        source = changes.create("source", {"url": "https://example.kz/news/1", "title": "Новость"})
        for target, kind in ((ids[0], "act"), (event, "event")):
            changes.create("citation", {"source": source, "target_kind": kind, "target": target})
        vault.commit(changes, conn)
    return {"person": person, "event": event, "acts": ids}


# --- statistics ----------------------------------------------------------------------------------
def test_undated_acts_are_counted_on_their_own_line(vault: Vault) -> None:
    add_case(vault, "Ким Виктор", [{"act_type": "administrative_arrest", "arrest_days": 15}])
    add_case(vault, "Тәжібаев Нұрлан", [{"act_type": "fine"}, {"act_type": "detention"}], date=None)
    with vault.engine.connect() as conn:
        period = period_stats.compute(conn, "2021-12-01", "2021-12-31")
        whole = stats.vault_stats(conn)
    assert (period.acts, period.undated) == (1, 2)
    assert (whole.acts, whole.undated) == (3, 2)
    assert whole.to_json()["undated"] == 2
    for lang, line in (("ru", "Меры без даты (ни в каком периоде, выше не учтены) 2"),
                       ("kk", "Күні жоқ шаралар (ешбір кезеңге кірмейді, жоғарыда есептелмеген) 2"),
                       ("en", "Acts with no date (in no period, not counted above) 2")):
        assert line in flat(period_stats.as_pdf(period, lang, TODAY)), lang


def test_a_city_is_named_as_it_was_in_the_period(vault: Vault) -> None:
    """The capital's acts of 2021 are counted under Нур-Султан, those of 2023 under Астана."""
    for day in ("2021-12-05", "2023-03-01"):
        case = add_case(vault, f"Ким Виктор {day}", [{"act_type": "detention"}], date=day)
        with vault.transaction() as conn:
            edit = vault.changeset()
            edit.update(conn, "event", case["event"], {"city": "astana_city"})
            vault.commit(edit, conn)
    with vault.engine.connect() as conn:
        for start, end, names in (("2021-01-01", "2021-12-31", {"ru": "Нур-Султан", "kk": "Нұр-Сұлтан",
                                                                   "en": "Nur-Sultan"}),
                                  ("2023-01-01", "2023-12-31", {"ru": "Астана", "kk": "Астана", "en": "Astana"})):
            period = period_stats.compute(conn, start, end)
            for lang, name in names.items():
                by_city = next(pairs for title, pairs in period_stats.labelled(period, lang).items()
                               if title == tr("Acts by city", lang))
                assert by_city == [(name, 1)], (lang, by_city)


def _bar_chart(drawing: Any) -> BarChart:
    return next(c for c in drawing.contents if isinstance(c, BarChart))


@pytest.mark.parametrize("largest", [3, 7, 13, 37, 99, 130, 1234])
def test_value_axes_step_in_round_numbers(largest: int) -> None:
    for horizontal in (True, False):
        chart = _bar_chart(period_stats._chart([("a", largest), ("b", 1)], horizontal))
        step = chart.valueAxis.valueStep
        mantissa = step / 10 ** (len(str(step)) - 1)
        assert mantissa in (1, 2, 5), (largest, step)
        assert largest / step <= 5 + 1e-9  # at most about five steps to the top


def test_chart_labels_are_cut_with_an_ellipsis_to_their_room() -> None:
    long = "Нарушение законодательства о порядке организации и проведения мирных собраний, часть шестая"
    chart = _bar_chart(period_stats._chart([(long, 5), ("Алматы", 3)], horizontal=True))
    names = list(chart.categoryAxis.categoryNames)
    cut = next(n for n in names if n != "Алматы")
    assert cut.endswith("…") and long.startswith(cut[:-1].rstrip())
    assert stringWidth(cut, FAMILY, period_stats.LABEL_SIZE) <= chart.x - period_stats.LABEL_GAP
    assert "Алматы" in names  # a label that fits is left whole
    months = [(f"{m} 2021 г.", 1) for m in ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                                           "сентябрь", "октябрь", "ноябрь", "декабрь")]
    vertical = _bar_chart(period_stats._chart(months, horizontal=False))
    assert list(vertical.categoryAxis.categoryNames) == [m for m, _ in months]  # turned, not cut
    assert vertical.categoryAxis.labels.angle == 45


def test_a_heading_is_never_left_alone_at_the_bottom_of_a_page() -> None:
    line = styles()["body"].leading + styles()["body"].spaceAfter
    around = int(BODY_HEIGHT // line)
    for filler in range(around - 6, around + 1):
        w = Writer("ru")
        for n in range(filler):
            w.p(f"Строка {n}")
        w.p("Меры по городам", "h2")
        w.grid(["Категория", "Меры"], [[f"Город {n}", str(n)] for n in range(8)], [140, 30])
        pages = pages_of(render(w.story, standard_frame("М", "ru", TODAY), "t"))
        for page in pages:
            body = [x for x in page.splitlines() if x.strip() and not x.startswith(("М", "Сформировано", "Страница"))]
            assert body[-1] != "Меры по городам", filler


# --- the case summary ----------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ("Административный арест [1]", "ч. 6 ст. 488 КоАП РК — Участие в собраниях", "15 сут.",
            "Статус: отбывает срок лишения свободы, с 10 января 2022 г.")),
    ("kk", ("Әкімшілік қамаққа алу [1]", "ҚР ӘҚБтК 488-бабының 6-бөлігі — Белгіленген тәртіпті",
            "15 тәулік", "Мәртебесі:")),
    ("en", ("Administrative arrest [1]", "Part 6 of Article 488 of the Administrative Offences Code — Participating",
            "15 days", "Status: serving a prison term, since 10 January 2022")),
])
def test_public_case_summary_of_a_public_person(vault: Vault, lang: str, words: tuple[str, ...]) -> None:
    case = add_case(vault, "Серікбаева Айгүл", [{"act_type": "administrative_arrest", "arrest_days": 15,
                                                 "appeal": "filed"}, {"act_type": "search"}])
    set_status(vault, case["person"], "prison", "2022-01-10")
    with vault.engine.connect() as conn:
        content = gather(conn, case["person"], "public")
        assert len(content["acts"]) == 2  # acts with no level of their own inherit public, as everywhere
        data = build_pdf(content, lang, TODAY)
        assert verify_report(conn, data).ok  # hyphenated columns still verify
    text = flat(data)
    for word in words:
        assert word in text, word
    assert "No acts are recorded" not in text and "Нет записанных" not in text
    assert text.count("https://example.kz/news/1") == 1  # cited for the act and its event: listed once
    assert "[2]" not in text


def test_a_case_summary_says_when_a_quoted_wording_is_not_dated(vault: Vault) -> None:
    """KoAP 488 in 2021 is quoted in its 2020 wording, which a law dates: no caveat. A charge under
    Criminal Code 174 is quoted in the wording kzdesk knows with no source for its day: the summary says
    so, so a lawyer checks before quoting it to a court."""
    dated = add_case(vault, "Ким Виктор", [{"act_type": "administrative_arrest", "arrest_days": 15}])
    undated = add_case(vault, "Серікбаева Айгүл", [{"act_type": "criminal_charge"}])
    with vault.transaction() as conn:
        edit = vault.changeset()
        edit.update(conn, "act", undated["acts"][0], {"legal_code": "criminal_code", "article": "174",
                                                     "part": "1"})
        vault.commit(edit, conn)
    caveat = {"en": "no dated source shows the wording", "ru": "adilet.zan.kz", "kk": "adilet.zan.kz"}
    with vault.engine.connect() as conn:
        for lang, words in caveat.items():
            assert words not in flat(build_pdf(gather(conn, dated["person"], "full"), lang, TODAY)), lang
            assert words in flat(build_pdf(gather(conn, undated["person"], "full"), lang, TODAY)), lang


def _breaks(text: str, word: str) -> list[str]:
    """How word was laid out in text: the pieces it was broken into across lines, with their joins."""
    pattern = r"(?:-?\n)?".join(map(re.escape, word))
    return [m.group(0) for m in re.finditer(pattern, text)]


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ["Обжалование", "административного", "постановления", "Воспрепятствование"]),
    ("kk", ["Шағымдану", "әкімшілік", "құқықбұзушылық", "қаулысына"]),
])
def test_narrow_columns_break_words_at_syllables_with_a_hyphen(lang: str, words: list[str]) -> None:
    from kzdesk.core.reports.pdf import kazakh_pairs

    w = Writer(lang)
    w.grid(["Апелляция", "Суд"], [[" ".join(words), "x"]], [17, 40])
    text = pages_of(render(w.story, standard_frame("М", lang, TODAY), "t"))[0]
    dictionary = pyphen.Pyphen(lang="ru_RU")
    broken = 0
    for word in words:
        [laid] = _breaks(text, word)
        assert "\n" not in laid.replace("-\n", ""), laid  # never cut without a hyphen ("Обжалова ние")
        head = 0
        for piece in laid.split("-\n")[:-1]:
            head += len(piece)
            allowed = dictionary.positions(word) if lang == "ru" else [len(h) for h, _ in kazakh_pairs(word)]
            assert head in allowed, (word, laid)
            broken += 1
    assert broken >= 3


# --- no English in a Russian or Kazakh report ----------------------------------------------------
ALLOWED = re.compile(r"^(kzdesk|https?|example|kz|news|verify|report|FILE|pdf|SHA|[0-9a-fA-F]+)$")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_english_word_in_russian_or_kazakh_reports(vault: Vault, lang: str) -> None:
    cases = [add_case(vault, f"Ким Виктор {n}", [
        {"act_type": "imprisonment", "years": n, "months": n, "appeal": "filed"},
        {"act_type": "administrative_arrest", "arrest_days": n},
        {"act_type": "community_service", "hours": n}]) for n in (1, 2, 5, 21)]
    texts = []
    with vault.engine.connect() as conn:
        for case in cases:
            texts.append(flat(build_pdf(gather(conn, case["person"], "public"), lang, TODAY)))
        texts.append(flat(period_stats.as_pdf(period_stats.compute(conn, "2021-01-01", "2021-12-31"), lang, TODAY)))
    english = sorted({word for text in texts for word in re.findall(r"[A-Za-z]{2,}", text) if not ALLOWED.match(word)})
    assert english == []
    joined = " ".join(texts)
    expected = {"ru": ("1 год", "2 года", "5 лет", "21 год", "1 месяц", "2 месяца", "5 месяцев", "21 месяц", "1 час",
                       "2 часа", "5 часов", "21 час", "21 сут."),
                "kk": ("1 жыл", "5 жыл", "21 ай", "21 сағат", "21 тәулік")}[lang]
    for phrase in expected:
        assert phrase in joined, phrase


def test_english_counts_agree_with_their_number(vault: Vault) -> None:
    case = add_case(vault, "Kim Viktor", [{"act_type": "administrative_arrest", "arrest_days": 1},
                                          {"act_type": "imprisonment", "years": 1, "months": 1}])
    with vault.engine.connect() as conn:
        text = flat(build_pdf(gather(conn, case["person"], "public"), "en", TODAY))
    assert "1 day" in text and "1 days" not in text and "1 year" in text and "1 years" not in text
