"""The legal vocabulary as it was on the day: every wording dated and sourced, the articles the monitors
cite present in three languages, no placeholder texts, and the wording in force chosen by date."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kzdesk.core.model.vocab import vocabulary

LEGAL = Path(__file__).resolve().parents[2] / "resources" / "vocab" / "legal.json"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
BASES = {"amending_law", "code_in_force"}
UNVERIFIED = {"effective", "title", "kk", "missing_parts"}
# "Часть 3", "Part 3", "3-бөлік": a part number standing in for the part's text.
PLACEHOLDER = re.compile(r"^\s*(?:част[ьи]|part|бөлік)?\s*\d+(?:-\d+)?\s*(?:-?\s*бөлік)?\s*$", re.IGNORECASE)

NAMED_IN_ISSUE = [("criminal_code", a) for a in ("106", "107", "174", "176", "218", "245", "293", "296", "380",
                                                 "392", "400")] + [
    ("civil_code", "143"), ("civil_code", "918"), ("administrative_offences_code", "488")]


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(LEGAL.read_text(encoding="utf-8"))
    return loaded


def wordings(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{a['code']} {a['article']}", w) for a in data["articles"] for w in a["wordings"]]


@pytest.mark.parametrize(("code", "article"), NAMED_IN_ISSUE)
def test_articles_the_monitors_cite_are_there_in_three_languages(code: str, article: str) -> None:
    entry = vocabulary().articles[(code, article)]
    for wording in entry.wordings:
        assert all(wording.title.get(lang, "").strip() for lang in ("ru", "kk", "en")), (code, article)
        for number, summary in wording.parts.items():
            assert all(summary.get(lang, "").strip() for lang in ("ru", "kk", "en")), (code, article, number)


def test_no_placeholder_stands_in_for_a_part(data: dict[str, Any]) -> None:
    for name, wording in wordings(data):
        for part in wording.get("parts", ()):
            for lang, text in part["summary"].items():
                assert not PLACEHOLDER.match(text), (name, part["part"], lang, text)
                assert len(text) > 12, (name, part["part"], lang, text)


def test_placeholder_pattern_catches_what_it_must() -> None:
    assert all(PLACEHOLDER.match(t) for t in ("Часть 3", "Part 11", "3-бөлік", "части 4", "7"))
    assert not PLACEHOLDER.match("Участие в собраниях (часть 6)")


def test_every_wording_is_dated_and_sourced(data: dict[str, Any]) -> None:
    sources = {s["id"]: s for s in data["sources"]}
    assert all(re.match(r"https?://\S+$", s.get("url", "")) for s in sources.values()), "a source without a URL"
    for name, wording in wordings(data):
        assert ISO_DAY.fullmatch(wording.get("effective", "")), name
        assert wording.get("source") in sources, name
        assert wording.get("effective_basis") in BASES, name
        assert set(wording.get("unverified", ())) <= UNVERIFIED, name
        if "effective_source" in wording:
            assert wording["effective_source"] in sources, name
        if wording["effective_basis"] == "code_in_force" or "effective" in wording.get("unverified", ()):
            assert wording.get("note"), f"{name}: an unestablished date must say why"


def test_wordings_of_an_article_are_in_date_order_without_duplicates(data: dict[str, Any]) -> None:
    seen = set()
    for article in data["articles"]:
        key = (article["code"], article["article"])
        assert key not in seen, key
        seen.add(key)
        days = [w["effective"] for w in article["wordings"]]
        assert days == sorted(days) and len(days) == len(set(days)), key
        for wording in article["wordings"]:
            numbers = [p["part"] for p in wording.get("parts", ())]
            assert len(numbers) == len(set(numbers)), (key, wording["effective"])


def test_peaceful_assemblies_2021_uses_the_2020_wording() -> None:
    koap_488 = vocabulary().articles[("administrative_offences_code", "488")]
    old, new = koap_488.wordings
    assert new.effective == "2020-06-06" and new.basis == "amending_law" and new.dated
    assert koap_488.wording_on("2021-06-01") is new and koap_488.wording_on("2020-06-05") is old
    assert "мирных собраний" in new.title["ru"] and "митингов" in old.title["ru"]
    # The 2020 text refers to the procedure set by the peaceful-assemblies legislation, not "the established one".
    for number in ("5", "6", "7"):
        assert "законодательством Республики Казахстан о порядке" in new.parts[number]["ru"], number
    # Parts 3 to 11 of the 2015 wording were not found in any source: absent and declared so, never invented.
    assert set(old.parts) == {"1", "2"} and "missing_parts" in old.unverified


def test_law_that_rewrote_488_is_named(data: dict[str, Any]) -> None:
    article = next(a for a in data["articles"] if (a["code"], a["article"]) == ("administrative_offences_code", "488"))
    new = article["wordings"][-1]
    assert "334-VI" in new["law"] and "25.05.2020" in new["law"]
    source = next(s for s in data["sources"] if s["id"] == new["source"])
    assert "334-VI" in source["note"]


@pytest.mark.parametrize("article", ["174", "380", "400"])
def test_criminal_code_wording_on_2021_06_01_is_the_one_the_sources_show(article: str) -> None:
    # The sources seen give today's text of these articles but not the dates of their amendments, so the
    # wording chosen for a 2021 decision is today's text, dated from the code's start and marked undated:
    # a report can tell the reader instead of presenting it as the 2021 wording.
    entry = vocabulary().articles[("criminal_code", article)]
    chosen = entry.wording_on("2021-06-01")
    assert chosen.effective <= "2021-06-01"
    assert chosen is entry.wordings[-1] and chosen.basis == "code_in_force" and not chosen.dated


def test_article_400_title_is_todays_and_marked_unverified_before_2020() -> None:
    w = vocabulary().articles[("criminal_code", "400")].wording_on("2019-12-25")
    assert w.title["ru"] == "Нарушение порядка организации и проведения мирных собраний"
    assert "title" in w.unverified


@pytest.mark.parametrize(("day", "effective"), [("2020", "2015-01-01"), ("2020-06", "2015-01-01"),
                                                ("2020-07", "2020-06-06"), ("2014-12-31", "2015-01-01"),
                                                (None, "2020-06-06")])
def test_wording_on_partial_unknown_and_early_days(day: str | None, effective: str) -> None:
    assert vocabulary().articles[("administrative_offences_code", "488")].wording_on(day).effective == effective
