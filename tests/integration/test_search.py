"""Search: Kazakh and Russian in any case, Latin spellings, and literal treatment of odd input."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..vaults import DATA


@pytest.fixture
def month(kz, vault_path: Path) -> Path:
    assert kz("import-csv", str(DATA / "monitoring_2021_12.csv"), vault=vault_path).code == 0
    return vault_path


def names(kz, vault: Path, text: str) -> set[str]:
    result = kz("search", text, "--json", vault=vault)
    assert result.code == 0, result.err
    return {h["summary"] for h in result.json() if h["kind"] == "person"}


@pytest.mark.parametrize("query", ["Жақсылықов", "жақсылықов", "ЖАҚСЫЛЫҚОВ", "Жаксылыков", "Zhaksylykov",
                                   "jaksylykov", "Zhaqsylyqov Erlan", "ерлан жақсы"])
def test_person_found_in_any_script_and_case(kz, month: Path, query: str) -> None:
    assert "Жақсылықов Ерлан" in names(kz, month, query)


def test_kazakh_letters_are_not_lost(kz, month: Path) -> None:
    assert "Серікбаева Айгүл" in names(kz, month, "АЙГҮЛ")
    assert "Өтепов Ғалымжан" in names(kz, month, "ғалымжан")


def test_acts_and_events_are_searchable(kz, month: Path) -> None:
    hits = kz("search", "акимат", "--json", vault=month).json()
    assert any(h["kind"] == "event" for h in hits)
    arrests = kz("search", "арест", "--json", vault=month).json()  # Russian label of administrative_arrest
    assert any(h["kind"] == "act" for h in arrests)
    by_city = kz("search", "Уральск", "--json", vault=month).json()  # alias of Oral
    assert any(h["kind"] == "event" for h in by_city)


@pytest.mark.parametrize("query", ["O'Brien", '"a" OR NEAR(', "*", "AND", "488)", "NOT -", "'; DROP TABLE act;--"])
def test_odd_queries_are_literal(kz, month: Path, query: str) -> None:
    result = kz("search", query, "--json", vault=month)
    assert result.code == 0, result.err
    assert isinstance(result.json(), list)


def test_deleted_records_are_not_found(vault, kz) -> None:
    changes = vault.changeset()
    person = changes.create("person", {"name": "Оспанова Динара", "name_key": "оспанова динара"})
    vault.commit(changes)
    from kzdesk.core.model.search import search

    with vault.engine.connect() as conn:
        assert [h.uuid for h in search(conn, "динара")] == [person]
    changes = vault.changeset()
    with vault.engine.begin() as conn:
        changes.delete(conn, "person", person)
        vault.commit(changes, conn)
    with vault.engine.connect() as conn:
        assert search(conn, "динара") == []
