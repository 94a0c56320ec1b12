"""This vault's own exchange keys: the signing identity's card and, for coordinators, the age key."""

from __future__ import annotations

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange.card import Card
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault import settings

AGE_SETTING = "age_identity"


def age_identity(conn: Connection, create: bool) -> str | None:
    """The coordinator's age secret key (kept inside the encrypted database), made on first use."""
    found = settings.get(conn, AGE_SETTING)
    if found:
        return found
    if not create:
        return None
    from pyrage import x25519

    secret = str(x25519.Identity.generate())
    settings.put(conn, AGE_SETTING, secret)
    return secret


def age_recipient(secret: str) -> str:
    from pyrage import x25519

    return str(x25519.Identity.from_str(secret).to_public())


def age_key_file(vault: Vault, conn: Connection) -> bytes:
    """The coordinator's age secret key as the age tool's identity file (the form age-keygen
    writes, without the date it was made), so that `age -d -i FILE` opens the bundles sent here.
    Only a coordinator has one: bundles are encrypted to coordinators."""
    if vault.profile.role != "coordinator":
        raise InputError("Only a coordinator's vault has an age key: bundles are encrypted to coordinators.")
    secret = age_identity(conn, create=True)
    assert secret is not None
    return f"# public key: {age_recipient(secret)}\n{secret}\n".encode()


def own_card(vault: Vault) -> Card:
    """The public card of this vault (coordinators get their age key the first time)."""
    recipient = None
    if vault.profile.role == "coordinator":
        with vault.transaction() as conn:
            secret = age_identity(conn, create=True)
        assert secret is not None
        recipient = age_recipient(secret)
    return Card(vault.profile.role, vault.profile.display_name, vault.identity.public_key.hex(), recipient)
