"""Public cards: what two monitors exchange (by hand, in person) to trust each other's keys.

A card names the role and display name, the Ed25519 signing key, and for coordinators the age
recipient volunteers encrypt bundles to. It is signed by its own key, so a card whose fields were
altered after export does not verify; whether the key is really that person's is settled by
comparing the fingerprint aloud.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kzdesk.core.errors import InputError
from kzdesk.core.vault.identity import SigningIdentity, fingerprint, key_id

CARD_FORMAT = "kzdesk-card"
CARD_VERSION = 1
CARD_DOMAIN = b"kzdesk/card/v1\n"
MAX_CARD_BYTES = 16 * 1024


@dataclass(frozen=True)
class Card:
    role: str
    display_name: str
    signing_key: str  # hex of the raw Ed25519 public key
    age_recipient: str | None

    @property
    def key_id(self) -> str:
        return key_id(bytes.fromhex(self.signing_key))

    @property
    def fingerprint(self) -> str:
        return fingerprint(bytes.fromhex(self.signing_key))

    def _signed_part(self) -> bytes:
        body = {"format": CARD_FORMAT, "version": CARD_VERSION, **asdict(self)}
        return CARD_DOMAIN + json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def export(self, identity: SigningIdentity) -> bytes:
        """The card file, signed by the identity it describes."""
        if identity.public_key.hex() != self.signing_key:
            raise ValueError("a card is signed by its own key")
        doc: dict[str, Any] = {"format": CARD_FORMAT, "version": CARD_VERSION, **asdict(self),
                               "key_id": self.key_id, "signature": identity.sign(self._signed_part()).hex()}
        return json.dumps(doc, indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def parse(cls, data: bytes) -> Card:
        """Read and verify a card file; anything off is refused with one clear reason."""
        try:
            if len(data) > MAX_CARD_BYTES:
                raise ValueError("too large")
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != CARD_FORMAT or doc.get("version") != CARD_VERSION:
                raise ValueError("not a card")
            card = cls(str(doc["role"]), str(doc["display_name"]), str(doc["signing_key"]),
                       None if doc.get("age_recipient") is None else str(doc["age_recipient"]))
            public = bytes.fromhex(card.signing_key)
            signature = bytes.fromhex(doc["signature"])
            if card.role not in ("volunteer", "coordinator") or len(public) != 32:
                raise ValueError("bad fields")
            if doc.get("key_id") != card.key_id:
                raise ValueError("key id does not match the key")
            if card.role == "coordinator" and not (card.age_recipient or "").startswith("age1"):
                raise ValueError("coordinator card without an age recipient")
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise InputError("This is not a valid kzdesk card.") from None
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature, card._signed_part())
        except InvalidSignature:
            raise InputError("The card's signature does not match its contents; it was altered.") from None
        return card
