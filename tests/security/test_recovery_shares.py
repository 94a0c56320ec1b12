"""Forgot the passphrase: two of three recovery shares open the vault again, one never does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kzdesk.core.errors import PassphraseError
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params

from ..vaults import PASSPHRASE, snapshot


def shares_of(output: str) -> list[str]:
    return [m.strip() for m in re.findall(r"3:\n([a-z ]+)\n?", output)]


def test_two_shares_recover_and_set_a_new_passphrase(kz, vault_path: Path, tmp_path: Path, monkeypatch) -> None:
    printed = kz("recovery-shares", vault=vault_path)
    shares = shares_of(printed.out)
    assert printed.code == 0 and len(shares) == 3 and all(len(s.split()) == 33 for s in shares)
    paper = tmp_path / "paper"
    paper.mkdir()
    assert kz("recovery-shares", "--out", str(paper), vault=vault_path).code == 0
    assert sorted(p.name for p in paper.iterdir()) == ["share-1.txt", "share-2.txt", "share-3.txt"]
    before = snapshot(vault_path)
    one = kz("recover", shares[0], vault=vault_path, passphrase=None)
    assert one.code == 1 and "Two" in one.err
    typo = shares[1].split()
    typo[5] = "academic" if typo[5] != "academic" else "acid"
    bad = kz("recover", shares[0], " ".join(typo), vault=vault_path, passphrase=None)
    assert bad.code == 1 and "do not fit" in bad.err
    assert snapshot(vault_path) == before  # nothing changed by the failures
    other = tmp_path / "other"
    Vault.create(other, "x" * 12, Profile("volunteer", "other", ""), kdf=floor_params()).close()
    mixed = kz("recover", shares[0], shares[2], vault=other, passphrase=None)
    assert mixed.code == 1
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", "a brand new passphrase әғқ")
    result = kz("recover", str(paper / "share-2.txt"), shares[2], vault=vault_path, passphrase=None)
    assert result.code != 0  # shares from two different splits never combine …
    result = kz("recover", shares[0], shares[2], vault=vault_path, passphrase=None)
    assert result.code == 0, result.err  # … two of one split do
    Vault.open(vault_path, "a brand new passphrase әғқ").close()
    with pytest.raises(PassphraseError):
        Vault.open(vault_path, PASSPHRASE)


def test_shares_as_pdfs_to_print(kz, vault_path: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from kzdesk.core.vault.recovery import recover_dek

    paper = tmp_path / "to-print"
    assert kz("recovery-shares", "--pdf", str(paper), vault=vault_path).code == 1  # no such folder: refused
    paper.mkdir()
    result = kz("recovery-shares", "--pdf", str(paper), vault=vault_path)
    assert result.code == 0 and "not encrypted" in result.out
    assert sorted(p.name for p in paper.iterdir()) == ["share-1.pdf", "share-2.pdf", "share-3.pdf"]
    words = []
    for number in (1, 2, 3):
        text = PdfReader(paper / f"share-{number}.pdf").pages[0].extract_text()
        assert f"Recovery share {number} of 3" in text
        # The grid, read back in its numbered order, is the share.
        numbered = dict(re.findall(r"(\d+)\.\s+([a-z]+)", text))
        words.append(" ".join(numbered[str(n)] for n in range(1, 34)))
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert recover_dek(words[1:]) == recover_dek(words[:2]) == vault._dek
