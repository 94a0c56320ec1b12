"""The vocabularies: complete for the CSV import and the articles monitors use, trilingual, sourced."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from kzdesk.core.model.vocab import vocabulary

VOCAB = Path(__file__).resolve().parents[2] / "resources" / "vocab"
KAZAKH = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)


def labelled(node: object) -> list[dict[str, str]]:
    """Every {"en", "ru", "kk"} mapping anywhere in a file."""
    found = []
    if isinstance(node, dict):
        if {"en", "ru"} <= node.keys():
            found.append(node)
        for value in node.values():
            found += labelled(value)
    elif isinstance(node, list):
        for value in node:
            found += labelled(value)
    return found


@pytest.mark.parametrize("name", ["act_types.json", "legal.json", "places.json", "mci.json"])
def test_files_are_versioned_sourced_and_trilingual(name: str) -> None:
    data = json.loads((VOCAB / name).read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["version"])
    source_ids = {s["id"] for s in data["sources"]}
    assert source_ids and all(s.get("title") for s in data["sources"])
    cited = set(re.findall(r'"source": "([^"]+)"', (VOCAB / name).read_text(encoding="utf-8")))
    assert cited <= source_ids
    for labels in labelled(data):
        assert all(labels.get(lang, "").strip() for lang in ("en", "ru", "kk")), labels


def test_csv_event_types_and_huridocs() -> None:
    vocab = vocabulary()
    required = {"detention", "administrative_arrest", "fine", "warning", "search", "summons", "criminal_charge",
                "sentence", "assembly_refused", "transfer", "other"}
    assert required <= set(vocab.act_types)
    assert vocab.act_types["detention"].huridocs
    assert sum(bool(KAZAKH.search(a.labels["kk"])) for a in vocab.act_types.values()) > 10


def test_articles_monitors_use_with_dated_wordings() -> None:
    vocab = vocabulary()
    for code, articles in (("administrative_offences_code", ["488", "505", "667", "669"]),
                           ("criminal_code", ["174", "179", "256", "258", "262", "272", "274", "378", "380",
                                              "400", "405", "419"])):
        for article in articles:
            entry = vocab.articles[(code, article)]
            assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", w.effective) for w in entry.wordings)
    koap_488 = vocab.articles[("administrative_offences_code", "488")]
    assert len(koap_488.wordings) >= 2 and {"6", "11"} <= set(koap_488.wording_on("2021-12-05").parts)
    assert koap_488.wording_on("2019-01-01").effective < koap_488.wording_on("2021-12-05").effective
    assert {"1", "2"} <= set(vocab.articles[("criminal_code", "405")].wording_on(None).parts)
    assert vocab.legal_code("КоАП") == "administrative_offences_code" and vocab.legal_code("uk") == "criminal_code"


@pytest.mark.parametrize(("day", "mci"), [("2015-06-01", 1982), ("2021-12-10", 2917), ("2024", 3692),
                                          ("2025-07", 3932), ("2026-01-01", 4325), ("2009-12-31", None)])
def test_mci_by_date(day: str, mci: int | None) -> None:
    assert vocabulary().mci_on(day) == mci


def test_fine_conversion() -> None:
    vocab = vocabulary()
    assert vocab.fine_in_kzt(Decimal(50), "MCI", "2021-12-10") == 145_850
    assert vocab.fine_in_kzt(Decimal("145850"), "KZT", None) == 145_850
    assert vocab.fine_in_kzt(Decimal(5), "MCI", None) is None  # no date: no guess


@pytest.mark.parametrize(("written", "city"), [("Nur-Sultan", "astana_city"), ("Нұр-Сұлтан", "astana_city"),
                                               ("Uralsk", "oral"), ("Орал", "oral"), ("Ust-Kamenogorsk", "oskemen"),
                                               ("Өскемен", "oskemen"), ("Semipalatinsk", "semey"),
                                               ("Жаңаөзен", "zhanaozen"), ("ALMATY", "almaty"),
                                               ("село Акши", None)])
def test_city_aliases(written: str, city: str | None) -> None:
    assert vocabulary().city(written) == city
