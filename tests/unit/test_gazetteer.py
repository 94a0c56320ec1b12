"""The gazetteer names every place in Russian, Kazakh and English, and a renamed city as it was on a day."""

from __future__ import annotations

import pytest

from kzdesk.core.model.vocab import vocabulary
from kzdesk.core.reports.wording import place, where


def test_every_city_and_region_has_its_three_names() -> None:
    vocab = vocabulary()
    for entry in (*vocab.cities.values(), *vocab.regions.values()):
        assert all(entry.labels.get(lang, "").strip() for lang in ("ru", "kk", "en")), entry.id
        for since, labels in entry.names_from:
            assert all(labels.get(lang, "").strip() for lang in ("ru", "kk", "en")), (entry.id, since)


@pytest.mark.parametrize(("written", "ru", "kk", "en"), [
    ("Talgar", "Талгар", "Талғар", "Talgar"),
    ("Айыртау", "Айыртау", "Айыртау", "Aiyrtau"),
    ("Шетпе", "Шетпе", "Шетпе", "Shetpe"),
    ("Esik", "Есик", "Есік", "Esik"),
])
def test_small_towns_are_known_in_every_language(written: str, ru: str, kk: str, en: str) -> None:
    city = vocabulary().city(written)
    assert city is not None
    assert [place(city, None, lang) for lang in ("ru", "kk", "en")] == [ru, kk, en]


def test_a_region_written_as_a_city_is_named_in_the_report_language() -> None:
    event = {"city": None, "city_text": "Mangistau", "region": None, "region_text": None, "date_start": "2021-12-10"}
    assert [where(event, lang) for lang in ("ru", "kk", "en")] == [
        "Мангистауская область", "Маңғыстау облысы", "Mangystau Region"]
    village = {"city": None, "city_text": "село Акши", "region": "mangystau", "date_start": None}
    assert where(village, "kk") == "село Акши, Маңғыстау облысы"


@pytest.mark.parametrize(("day", "ru", "kk", "en"), [
    ("2019-03-22", "Астана", "Астана", "Astana"),
    ("2019-03-23", "Нур-Султан", "Нұр-Сұлтан", "Nur-Sultan"),
    ("2021", "Нур-Султан", "Нұр-Сұлтан", "Nur-Sultan"),
    ("2022-09-16", "Нур-Султан", "Нұр-Сұлтан", "Nur-Sultan"),
    ("2022-09-17", "Астана", "Астана", "Astana"),
    ("2019", "Астана", "Астана", "Astana"),  # a year alone is taken at its first day
    (None, "Астана", "Астана", "Astana"),
])
def test_the_capital_by_date(day: str | None, ru: str, kk: str, en: str) -> None:
    assert [place("astana_city", None, lang, day) for lang in ("ru", "kk", "en")] == [ru, kk, en]
    assert vocabulary().city_name("astana_city", "kk", day) == kk
