"""Dates, articles, counts and sanctions read the way the user writes and reads them, on a real month of
records; and a stored value an older version let through ("12 суток" days of arrest) is shown as written,
never counted, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzdesk.core.i18n import ntr, set_language
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.fields import Problem, parse_date, parse_period
from kzdesk.core.model.listing import RecordFilter, fetch_page
from kzdesk.core.model.persons import chronology
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports import case, period_stats, stats, wording

from ..vaults import DATA

ODD = "12 суток"


@pytest.fixture
def month(vault: Vault, vault_path: Path, monkeypatch) -> Vault:
    monkeypatch.setenv("KZDESK_VAULT", str(vault_path))
    import_csv(vault, DATA / "monitoring_2021_12.csv")
    return vault


def store_odd_days(vault: Vault) -> tuple[str, str]:
    """Put "12 суток" into one 15-day arrest with raw SQL, as a buggy older version stored it."""
    with vault.transaction() as conn:
        act, person = conn.exec_driver_sql(
            "SELECT uuid, person FROM act WHERE arrest_days = 15 AND deleted = 0 ORDER BY uuid LIMIT 1").one()
        conn.exec_driver_sql("UPDATE act SET arrest_days = ? WHERE uuid = ?", (ODD, act))
        assert conn.exec_driver_sql("SELECT typeof(arrest_days) FROM act WHERE uuid = ?", (act,)).scalar() == "text"
    return act, person


# --- dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "precision"), [
    ("20.03.2025", "2025-03-20", "day"), ("5.3.2025", "2025-03-05", "day"), ("2025-03-20", "2025-03-20", "day"),
    ("03.2025", "2025-03", "month"), ("3.2025", "2025-03", "month"), ("2025-03", "2025-03", "month"),
    ("2025", "2025", "year"), ("25\u00a0Mar 2025", "2025-03-25", "day"), ("Mar 2025", "2025-03", "month"),
])
def test_one_parser_reads_every_format_the_window_shows(text: str, value: str, precision: str) -> None:
    parsed = parse_date(text)
    assert (parsed.value, parsed.precision) == (value, precision)


@pytest.mark.parametrize("text", ["20.03.25", "32.03.2025", "00.03.2025", "2025-00", "3/25/25", "20 марта"])
def test_a_date_that_cannot_be_read_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(Problem):
        parse_date(text)


def test_a_period_in_the_windows_format() -> None:
    assert parse_period("01.12.2021", "31.12.2021") == ("2021-12-01", "2021-12-31")
    assert parse_period("12.2021", "12.2021") == ("2021-12-01", "2021-12-31")


@pytest.mark.parametrize(("lang", "day", "month_", "year"), [
    ("ru", "25.03.2025", "03.2025", "2025"), ("kk", "25.03.2025", "03.2025", "2025"),
    ("en", "25\u00a0Mar 2025", "Mar 2025", "2025"),
])
def test_one_display_rule_per_language_with_four_digit_years(lang: str, day: str, month_: str, year: str) -> None:
    assert wording.short_date("2025-03-25", lang) == day
    assert wording.short_date("2025-03", lang) == month_
    assert wording.short_date("2025", lang) == year
    assert wording.short_date("someday", lang) == "someday"  # an odd stored value, as it is


def test_the_date_filter_in_dd_mm_yyyy_gives_the_same_rows_as_iso(month: Vault) -> None:
    from kzdesk.core.model.fields import parse_bound

    with month.engine.connect() as conn:
        iso = fetch_page(conn, RecordFilter(date_from="2021-12-20", date_to="2021-12-31"))
        dotted = fetch_page(conn, RecordFilter(date_from=parse_bound("20.12.2021"),
                                               date_to=parse_bound("31.12.2021", last=True)))
        whole = fetch_page(conn, RecordFilter(date_from=parse_bound("12.2021"), date_to=parse_bound("12.2021", True)))
        december = fetch_page(conn, RecordFilter(date_from="2021-12-01", date_to="2021-12-31"))
    assert 0 < iso[0] < december[0]
    assert [r.uuid for r in dotted[1]] == [r.uuid for r in iso[1]]
    assert whole[0] == december[0]


# --- articles ---------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["488.6", "488 ч. 6", "488-6", "488 part 6", "ст. 488 ч.6", "ч. 6 ст. 488",
                                   "488-бап 6-бөлік"])
def test_the_article_filter_accepts_what_the_list_shows(month: Vault, typed: str) -> None:
    with month.engine.connect() as conn:
        expected = {u for (u,) in conn.exec_driver_sql(
            "SELECT DISTINCT event FROM act WHERE article = '488' AND part = '6' AND deleted = 0")}
        total, rows = fetch_page(conn, RecordFilter(article=typed), 0, 500)
    assert expected and {r.uuid for r in rows} == expected and total == len(expected)


def test_a_bare_article_still_matches_every_part(month: Vault) -> None:
    with month.engine.connect() as conn:
        expected = {u for (u,) in conn.exec_driver_sql("SELECT DISTINCT event FROM act WHERE article = '488'")}
        total, _rows = fetch_page(conn, RecordFilter(article="488"), 0, 500)
    assert total == len(expected) > 0


# --- plurals ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", ["1 год", "2 года", "5 лет", "11 лет", "21 год", "24 года"]),
    ("kk", ["1 жыл", "2 жыл", "5 жыл", "11 жыл", "21 жыл", "24 жыл"]),
    ("en", ["1 year", "2 years", "5 years", "11 years", "21 years", "24 years"]),
])
def test_counts_take_their_plural_form(lang: str, expected: list[str]) -> None:
    assert [ntr("{n} year", "{n} years", n, lang) for n in (1, 2, 5, 11, 21, 24)] == expected


def test_every_plural_message_has_its_forms_in_russian_and_kazakh() -> None:
    import ast
    import string

    from ..catalogue import translations

    root = Path(__file__).resolve().parents[2]
    found: set[tuple[str, str]] = set()
    # The plural messages of the reports, the import and the models (the exchange's own are checked with it).
    sources = [*(root / "src" / "kzdesk" / "core" / "reports").glob("*.py"),
               *(root / "src" / "kzdesk" / "core" / "ingest").glob("*.py")]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "ntr"
                    and len(node.args) >= 2 and all(isinstance(a, ast.Constant) for a in node.args[:2])):
                found.add((node.args[0].value, node.args[1].value))  # type: ignore[union-attr]
    assert found
    found |= {("{n} year", "{n} years"), ("{n} month", "{n} months"), ("{n} hour", "{n} hours")}  # wording.sanction

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for lang, count in (("ru", 3), ("kk", 1)):
        catalogue = translations(lang)
        for singular, plural in found:
            forms = catalogue[singular].split("|")
            assert len(forms) == count, (lang, singular)
            assert all(fields(f) == fields(singular) == fields(plural) for f in forms), (lang, singular)
    # And no count is written "(s)" in the core's catalogues any more.
    for lang in ("ru", "kk"):
        assert "(s)" not in "".join(translations(lang).values())


def test_an_import_with_problems_counts_them_in_the_plural(tmp_path: Path, vault: Vault) -> None:
    from kzdesk.core.ingest.csv_import import ImportRejected

    bad = tmp_path / "bad.csv"
    bad.write_text("date,city,person,event_type\n2021-13-01,Almaty,Ким,fine\n2021-14-01,Almaty,Ли,fine\n",
                   encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_csv(vault, bad)
    assert "2 проблемы:" in caught.value.message("ru")
    assert "2 problems:" in caught.value.message("en")


# --- sanctions ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "plain", "worded"), [
    ("ru", "393\u00a0200\u00a0₸ (100 МРП)", "штраф 393\u00a0200 ₸ (100 МРП)"),
    ("kk", "393\u00a0200\u00a0₸ (100 АЕК)", "393\u00a0200 ₸ айыппұл (100 АЕК)"),
    ("en", "393,200\u00a0₸ (100 MCI)", "fine of 393,200 ₸ (100 MCI)"),
])
def test_one_fine_reads_as_one_penalty(lang: str, plain: str, worded: str) -> None:
    fine = {"fine_kzt": 393200, "fine_amount": "100", "fine_unit": "MCI"}
    assert wording.sanction({"act_type": "fine", **fine}, lang) == plain
    assert wording.sanction({"act_type": "administrative_arrest", "arrest_days": 10, **fine}, lang).endswith(worded)
    assert ";" not in wording.sanction({"act_type": "fine", **fine}, lang)


# --- an odd stored value ------------------------------------------------------------------------
def test_odd_days_are_shown_as_written_in_list_and_chronology(month: Vault) -> None:
    act, person = store_odd_days(month)
    with month.engine.connect() as conn:
        _total, rows = fetch_page(conn, RecordFilter(), 0, 500)
        entries = chronology(conn, person)
    shown = [wording.sanction(s, "ru") for r in rows for s in r.sanctions]
    assert ODD in shown
    assert [e.arrest_days for e in entries if e.act == act] == [ODD]


def test_odd_days_are_not_counted_by_statistics(month: Vault) -> None:
    with month.engine.connect() as conn:
        before = period_stats.compute(conn, "2021-12-01", "2021-12-31")
    store_odd_days(month)
    with month.engine.connect() as conn:
        after = period_stats.compute(conn, "2021-12-01", "2021-12-31")
        overall = stats.vault_stats(conn)
    assert after.arrest_days == before.arrest_days - 15  # not 12 read from the text
    assert (before.unreadable, after.unreadable, overall.unreadable) == (0, 1, 1)
    assert after.acts == before.acts
    import io

    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(period_stats.as_pdf(after, "ru"))).pages)
    assert "не удалось прочитать" in " ".join(text.split())


def test_the_case_summary_prints_odd_days_as_written(month: Vault) -> None:
    import io

    from pypdf import PdfReader

    _act, person = store_odd_days(month)
    with month.engine.connect() as conn:
        content = case.gather(conn, person)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(case.build_pdf(content, "ru"))).pages)
                    .split())
    assert ODD in text
    assert "су ток" not in text and "сут. сут." not in text


# --- the command line ---------------------------------------------------------------------------
def test_cli_stats_speaks_the_users_language_and_json_keeps_codes(month: Vault, kz) -> None:
    out = kz("--lang", "ru", "stats").out
    assert "Задержание" in out and "Алматы" in out and "Штраф" in out
    assert "detention" not in out and "Almaty" not in out and "administrative_arrest" not in out
    kk = kz("--lang", "kk", "stats").out
    assert "Алматы" in kk and "detention" not in kk
    data = kz("--lang", "ru", "stats", "--json").json()
    assert "detention" in data["acts_by_type"] and "Almaty" in data["acts_by_city"]


def test_cli_search_for_a_town_answers_who_was_detained_there(month: Vault, kz) -> None:
    with month.engine.connect() as conn:
        names = {n for (n,) in conn.exec_driver_sql(
            "SELECT DISTINCT p.name FROM act a JOIN person p ON p.uuid = a.person JOIN event e ON e.uuid = a.event "
            "WHERE e.city = 'almaty' AND e.description LIKE '%митинг%'")}
    assert names
    out = kz("--lang", "ru", "search", "Алматы").out
    for name in names:
        assert name in out
    assert "Административный арест" in out
    hits = kz("search", "Almaty", "--json").json()
    events = [h for h in hits if h["kind"] == "event"]
    assert events and all({"kind", "uuid", "summary", "persons"} <= set(h) for h in hits)
    listed = {p["name"] for h in events for p in h["persons"]}
    assert names <= listed
    assert any("administrative_arrest" in p["acts"] for h in events for p in h["persons"])


def test_cli_never_raises_on_odd_days(month: Vault, kz) -> None:
    store_odd_days(month)
    for args in (("stats",), ("stats", "--json"), ("search", "Алматы"), ("search", "Алматы", "--json")):
        result = kz("--lang", "ru", *args)
        assert result.code == 0, (args, result.err)
    assert "1" in kz("--lang", "ru", "stats").out.split("не удалось прочитать")[-1]
    set_language("en")
