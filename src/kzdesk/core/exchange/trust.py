"""The trust store: whose bundles this vault accepts, and whom it encrypts bundles to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange.card import Card
from kzdesk.core.vault.identity import fingerprint


@dataclass(frozen=True)
class Trusted:
    key_id: str
    public_key: bytes
    role: str
    display_name: str
    age_recipient: str | None
    added: str
    revoked_after_seq: int | None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def add(conn: Connection, card: Card, own_key_id: str) -> Trusted:
    """Trust a card (again: adding the same key twice updates its name and recipient)."""
    if card.key_id == own_key_id:
        raise InputError("That is this vault's own card.")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.exec_driver_sql(
        "INSERT INTO trusted_key (key_id, public_key, role, display_name, age_recipient, added) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key_id) DO UPDATE SET role = excluded.role, "
        "display_name = excluded.display_name, age_recipient = excluded.age_recipient",
        (card.key_id, bytes.fromhex(card.signing_key), card.role, card.display_name, card.age_recipient, now))
    found = get(conn, card.key_id)
    assert found is not None
    return found


def get(conn: Connection, key: str) -> Trusted | None:
    row = conn.exec_driver_sql(
        "SELECT key_id, public_key, role, display_name, age_recipient, added, revoked_after_seq "
        "FROM trusted_key WHERE key_id = ?", (key,)).first()
    return Trusted(*row) if row else None


def all_trusted(conn: Connection) -> list[Trusted]:
    rows = conn.exec_driver_sql(
        "SELECT key_id, public_key, role, display_name, age_recipient, added, revoked_after_seq "
        "FROM trusted_key ORDER BY display_name, key_id").fetchall()
    return [Trusted(*row) for row in rows]


def revoke(conn: Connection, key: str, after_seq: int) -> None:
    """Bundles from this key numbered above after_seq go to quarantine from now on."""
    if after_seq < 0:
        raise InputError("The sequence number must be 0 or more.")
    updated = conn.exec_driver_sql("UPDATE trusted_key SET revoked_after_seq = ? WHERE key_id = ?",
                                   (after_seq, key)).rowcount
    if not updated:
        raise InputError("No trusted key {key}.", key=key)


def coordinator_recipients(conn: Connection) -> list[str]:
    """age recipients of the trusted, unrevoked coordinators: where this vault's bundles go."""
    rows = conn.exec_driver_sql(
        "SELECT age_recipient FROM trusted_key WHERE role = 'coordinator' AND age_recipient IS NOT NULL "
        "AND revoked_after_seq IS NULL ORDER BY key_id").fetchall()
    return [r[0] for r in rows]
