"""Erase after N wrong passphrases in a row: off by default, counted only when on, reset by the right one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzdesk.core.errors import PassphraseError, VaultError
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.layout import HEADER_FILE

from ..vaults import PASSPHRASE, snapshot


def failures(vault_path: Path) -> int:
    return int(json.loads((vault_path / HEADER_FILE).read_text())["guard"]["failures"])


def test_off_by_default_wrong_guesses_change_no_byte(kz, vault_path: Path) -> None:
    before = snapshot(vault_path)
    for _ in range(12):
        assert kz("stats", passphrase="guess", vault=vault_path).code == 2
    assert snapshot(vault_path) == before
    assert "guard" not in json.loads((vault_path / HEADER_FILE).read_text())


def test_counted_reset_then_erased(kz, vault_path: Path) -> None:
    turned = kz("erase-after", "3", vault=vault_path)
    assert turned.code == 0 and "for good" in turned.out
    wrong = kz("stats", passphrase="guess one", vault=vault_path)
    assert wrong.code == 2 and "After 2 more wrong attempts" in wrong.err
    assert failures(vault_path) == 1
    assert kz("stats", passphrase="", vault=vault_path).code == 2  # an empty entry is not a guess
    assert failures(vault_path) == 1
    assert kz("stats", vault=vault_path).code == 0  # the right one resets the count
    assert failures(vault_path) == 0
    ru = kz("--lang", "ru", "stats", passphrase="guess", vault=vault_path)
    assert ru.code == 2 and "2" in ru.err and "Неверная" in ru.err
    assert kz("stats", passphrase="guess two", vault=vault_path).code == 2
    erased = kz("stats", passphrase="guess three", vault=vault_path)
    assert erased.code == 3 and "erased" in erased.err
    with pytest.raises(VaultError):
        Vault.open(vault_path, PASSPHRASE)  # gone, even for the right passphrase


def test_turned_off_and_bounds(kz, vault_path: Path) -> None:
    assert kz("erase-after", "2", vault=vault_path).code == 1  # fewer than 3 is refused
    assert kz("erase-after", "many", vault=vault_path).code == 1
    assert kz("erase-after", "5", vault=vault_path).code == 0
    assert kz("erase-after", "off", vault=vault_path).code == 0
    assert "guard" not in json.loads((vault_path / HEADER_FILE).read_text())
    before = snapshot(vault_path)
    assert kz("stats", passphrase="guess", vault=vault_path).code == 2
    assert snapshot(vault_path) == before


def test_a_new_passphrase_resets_the_count(vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.set_erase_after(3)
    with pytest.raises(PassphraseError):
        Vault.unwrap(vault_path, "guess")
    with pytest.raises(PassphraseError):
        Vault.unwrap(vault_path, "guess")
    assert failures(vault_path) == 2
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.change_passphrase("an entirely new one", kdf=vault.header.passphrase_slot().kdf)
    assert failures(vault_path) == 0
