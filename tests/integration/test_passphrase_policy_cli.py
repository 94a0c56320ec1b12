"""`kzdesk init`, `passwd` and `recover` apply the window's passphrase rule, and `init --remember` without a
keyring creates the vault and says the key is not remembered (it used to stop with exit 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.strength import judge

from ..vaults import PASSPHRASE, MemoryKeyring, snapshot

STRONG = "тұман қасқыр виолончель 47 зонтик"


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    import kzdesk.core.vault.vault as vault_module

    monkeypatch.setattr(vault_module, "calibrate", floor_params)


@pytest.mark.parametrize("weak", ["x", "abc", "йцукен123", "12345678", "йцукенгшщз"])
def test_init_refuses_a_weak_passphrase_and_creates_nothing(kz, tmp_path: Path, weak: str) -> None:
    vault = tmp_path / "v"
    result = kz("init", passphrase=weak, vault=vault)
    assert result.code == 1, result.err  # an input error, like any other bad input
    assert "This passphrase is not accepted." in result.err and "No vault was created." in result.err
    assert judge(weak).text() in result.err  # the same words the window's meter shows
    assert not vault.exists()


def test_init_refuses_in_the_users_language(kz, tmp_path: Path) -> None:
    result = kz("--lang", "kk", "init", passphrase="abc", vault=tmp_path / "v")
    assert result.code == 1
    assert "Бұл құпия фраза қабылданбады." in result.err and "Қойма жасалмады." in result.err
    assert "Too short" not in result.err and not (tmp_path / "v").exists()


def test_init_refuses_the_volunteers_own_name_and_city(kz, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    result = kz("init", "--name", "Айгүл Серікбаева", "--city", "Орал", passphrase="Айгүл Орал 2021", vault=vault)
    assert result.code == 1 and "name or city" in result.err and not vault.exists()


def test_init_accepts_a_strong_passphrase(kz, tmp_path: Path, fast_kdf) -> None:
    vault = tmp_path / "v"
    result = kz("init", "--name", "Айгүл", "--city", "Орал", passphrase=STRONG, vault=vault)
    assert result.code == 0, result.err
    Vault.open(vault, STRONG).close()


def test_init_remember_without_a_keyring_creates_the_vault_and_says_so(kz, tmp_path: Path, fast_kdf) -> None:
    vault = tmp_path / "v"
    result = kz("init", "--remember", vault=vault)  # the suite's keyring is the `fail` backend
    assert result.code == 0, result.err
    assert "key is not remembered" in result.err and "Vault created" in result.out
    header = json.loads((vault / "vault.json").read_text())
    assert [s["kind"] for s in header["slots"]] == ["passphrase"]  # no keyring slot, no key anywhere else
    Vault.open(vault, PASSPHRASE).close()


def test_init_remember_with_a_keyring_remembers(kz, tmp_path: Path, fast_kdf) -> None:
    import keyring

    store = MemoryKeyring()
    keyring.set_keyring(store)
    vault = tmp_path / "v"
    result = kz("init", "--remember", vault=vault)
    assert result.code == 0 and "not remembered" not in result.err and len(store.items) == 1


@pytest.mark.parametrize("weak", ["йцукен123", "aigul oral 2024"])  # the vault is Айгүл's, of Oral
def test_passwd_refuses_a_weak_new_passphrase_and_changes_nothing(kz, vault_path: Path, monkeypatch,
                                                                  weak: str) -> None:
    before = snapshot(vault_path)
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", weak)
    result = kz("passwd", vault=vault_path)
    assert result.code == 1 and "The passphrase was not changed." in result.err
    assert judge(weak, ("Айгүл", "Oral")).text() in result.err
    assert snapshot(vault_path) == before
    Vault.open(vault_path, PASSPHRASE).close()


def test_recover_refuses_a_weak_new_passphrase(kz, vault_path: Path, monkeypatch) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        shares = vault.recovery_shares()
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", "aigul oral 2024")
    result = kz("recover", shares[0], shares[2], vault=vault_path, passphrase=None)
    assert result.code == 1 and "name or city" in result.err and "recovery shares stay valid" in result.err
    Vault.open(vault_path, PASSPHRASE).close()  # the old passphrase still opens it
