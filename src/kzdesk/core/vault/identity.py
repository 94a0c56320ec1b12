"""The vault owner's Ed25519 signing identity, created with the vault and kept inside it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def key_id(public_key: bytes) -> str:
    """A short stable name for a public key: the first 128 bits of its SHA-256, in hex."""
    return hashlib.sha256(b"kzdesk/key-id/v1\n" + public_key).hexdigest()[:32]


@dataclass(frozen=True)
class SigningIdentity:
    """An Ed25519 key pair; revisions and (later) bundles carry its key id."""

    public_key: bytes
    secret_key: bytes

    @classmethod
    def generate(cls) -> SigningIdentity:
        private = Ed25519PrivateKey.generate()
        return cls(
            private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
            private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                  serialization.NoEncryption()),
        )

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.secret_key).sign(message)

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except Exception:
            return False
        return True


def _luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def fingerprint(public_key: bytes) -> str:
    """Six groups of five digits to compare aloud; the last digit of each group checks the other four."""
    digest = hashlib.sha256(b"kzdesk/fingerprint/v1\n" + public_key).digest()
    number = str(int.from_bytes(digest[:16], "big") % 10**24).zfill(24)
    groups = [number[i:i + 4] for i in range(0, 24, 4)]
    return " ".join(g + _luhn_digit(g) for g in groups)
