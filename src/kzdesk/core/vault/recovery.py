"""Recovery shares: the vault's data key split into three, any two of which bring it back.

For a volunteer who forgets the passphrase. The split is SLIP-39 (Shamir's secret sharing with a
word list and a checksum per share, the reference implementation `shamir-mnemonic` by the
Trezor/SatoshiLabs authors), so each share is 33 words that can be written on paper, read aloud
and checked for typos. One share alone says nothing about the key. The shares hold the data key,
not the passphrase: changing the passphrase keeps them valid, a change of the data key
(`passwd --new-key`) makes them useless, and an emergency erase overwrites every copy in the vault,
but a copy of the database made elsewhere plus two shares would still open — keep shares apart.
"""

from __future__ import annotations

from kzdesk.core.errors import InputError

THRESHOLD, COUNT = 2, 3


def make_shares(dek: bytes) -> list[str]:
    import shamir_mnemonic  # only when shares are made or read: not on every start

    groups = shamir_mnemonic.generate_mnemonics(1, [(THRESHOLD, COUNT)], dek)
    return list(groups[0])


def recover_dek(shares: list[str]) -> bytes:
    """The data key from two (or three) shares; a clear message for a typo or a mixed-up set."""
    import shamir_mnemonic

    given = [" ".join(share.lower().split()) for share in shares]
    words = list(dict.fromkeys(w for w in given if w))  # blank boxes and a share typed twice count once
    if len(words) < THRESHOLD:
        if len([w for w in given if w]) >= THRESHOLD:
            raise InputError("The same recovery share was given twice: two different shares are needed.")
        raise InputError("Two recovery shares are needed.")
    try:
        return bytes(shamir_mnemonic.combine_mnemonics(words))
    except shamir_mnemonic.MnemonicError:
        raise InputError("These recovery shares do not fit together: check every word, and that both "
                         "come from the same vault.") from None
