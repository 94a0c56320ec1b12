"""The vault header: the data key (DEK) wrapped once per slot (passphrase, optionally keyring).

The header holds no case data. Each slot wraps the same random 256-bit DEK with AES-256-GCM; the
associated data binds the format version, vault id, slot id and kind, and the KDF parameters, so a
slot cannot be moved to another vault or have its parameters swapped without failing to open.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kzdesk.core.atomic import write_atomic
from kzdesk.core.errors import PassphraseError, VaultError
from kzdesk.core.files import os_reason
from kzdesk.core.vault.kdf import MAX_PASSPHRASE_BYTES, KdfParams, derive, encode_passphrase

FORMAT = "kzdesk-vault"
FORMAT_VERSION = 1
MAX_HEADER_BYTES = 64 * 1024
ERASE_AFTER_MIN, ERASE_AFTER_MAX = 3, 99  # fewer than 3 would erase on a Caps Lock and a typo


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


@dataclass
class Slot:
    """One wrapped copy of the DEK."""

    slot_id: str
    kind: str  # "passphrase" or "keyring"
    nonce: bytes
    wrapped: bytes
    kdf: KdfParams | None = None

    def associated_data(self, vault_id: str) -> bytes:
        return _canonical(
            {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "vault": vault_id,
                "slot": self.slot_id,
                "kind": self.kind,
                "kdf": self.kdf.to_json() if self.kdf else None,
            }
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.slot_id,
            "kind": self.kind,
            "aead": "aes-256-gcm",
            "nonce": self.nonce.hex(),
            "wrapped": self.wrapped.hex(),
        }
        if self.kdf:
            data["kdf"] = self.kdf.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        if data.get("aead") != "aes-256-gcm" or data.get("kind") not in ("passphrase", "keyring"):
            raise ValueError("unknown slot kind")
        kdf = KdfParams.from_json(data["kdf"]) if data["kind"] == "passphrase" else None
        return cls(str(data["id"]), data["kind"], bytes.fromhex(data["nonce"]),
                   bytes.fromhex(data["wrapped"]), kdf)


def _seal(kek: bytes, dek: bytes, slot: Slot, vault_id: str) -> None:
    slot.nonce = os.urandom(12)
    slot.wrapped = AESGCM(kek).encrypt(slot.nonce, dek, slot.associated_data(vault_id))


def _open(kek: bytes, slot: Slot, vault_id: str) -> bytes:
    return AESGCM(kek).decrypt(slot.nonce, slot.wrapped, slot.associated_data(vault_id))


def key_check(dek: bytes) -> str:
    """A value that tells which data key a header's pending slot holds; one-way, so it gives away
    nothing of a full-entropy key."""
    import hashlib

    return hashlib.sha256(b"kzdesk/key-check/v1\n" + dek).hexdigest()[:32]


def check_passphrase(passphrase: str) -> bytes:
    """Refuse an empty or absurdly long passphrase; return its bytes."""
    data = encode_passphrase(passphrase)
    if not data:
        raise PassphraseError("The passphrase is empty.")
    if len(data) > MAX_PASSPHRASE_BYTES:
        raise PassphraseError("The passphrase is too long (more than 64 KiB).")
    return data


@dataclass
class VaultHeader:
    """vault.json: vault id and key slots; rewritten atomically as a whole."""

    vault_id: str
    slots: list[Slot] = field(default_factory=list)
    # Optional, off by default: erase the vault after this many wrong passphrases in a row. The
    # count lives here, outside the encrypted database, because it must be kept before unlocking.
    erase_after: int | None = None
    failures: int = 0
    # A change of the data key under way (see Vault.change_data_key): the new passphrase's slot for
    # the new key, and a check value telling which key a database opened with. The old slots stay
    # until the database copy made under the new key is in place.
    pending: list[Slot] = field(default_factory=list)
    pending_check: str | None = None

    @classmethod
    def new(cls) -> VaultHeader:
        return cls(uuid.uuid4().hex)

    # --- slots -----------------------------------------------------------------------------
    def passphrase_slot(self) -> Slot:
        for slot in self.slots:
            if slot.kind == "passphrase":
                return slot
        raise VaultError("The vault header has no passphrase slot; the vault is damaged.")

    def keyring_slot(self) -> Slot | None:
        return next((s for s in self.slots if s.kind == "keyring"), None)

    def set_passphrase(self, dek: bytes, passphrase: str, params: KdfParams) -> None:
        """Wrap the DEK under a new passphrase, replacing any previous passphrase slot."""
        slot = Slot(uuid.uuid4().hex, "passphrase", b"", b"", params.with_fresh_salt())
        assert slot.kdf is not None
        _seal(derive(check_passphrase(passphrase), slot.kdf), dek, slot, self.vault_id)
        self.slots = [s for s in self.slots if s.kind != "passphrase"] + [slot]
        self.failures = 0  # whoever sets a new passphrase holds the key

    def set_keyring_key(self, dek: bytes, wrapping_key: bytes) -> str:
        """Add a slot wrapping the DEK with a random key kept in the OS keyring; return its id."""
        slot = Slot(uuid.uuid4().hex, "keyring", b"", b"")
        _seal(wrapping_key, dek, slot, self.vault_id)
        self.slots = [s for s in self.slots if s.kind != "keyring"] + [slot]
        return slot.slot_id

    def drop_keyring_slot(self) -> None:
        self.slots = [s for s in self.slots if s.kind != "keyring"]

    def unlock(self, passphrase: str) -> bytes:
        """Return the DEK, or raise PassphraseError for a wrong passphrase.

        While a change of the data key is pending, the new passphrase gives the new key."""
        for slot in [self.passphrase_slot(), *(s for s in self.pending if s.kind == "passphrase")]:
            assert slot.kdf is not None
            try:
                return _open(derive(check_passphrase(passphrase), slot.kdf), slot, self.vault_id)
            except InvalidTag:
                continue
        raise PassphraseError("Wrong passphrase.")

    def begin_key_change(self, new_dek: bytes, passphrase: str, params: KdfParams) -> None:
        """Add the new passphrase's slot for the new key beside the current slots (nothing else changes
        until finish_key_change). The keyring slot is dropped: it wraps the old key, and while the change
        is pending the passphrase is asked."""
        staged = VaultHeader(self.vault_id)
        staged.set_passphrase(new_dek, passphrase, params)
        self.pending, self.pending_check = staged.slots, key_check(new_dek)
        self.drop_keyring_slot()

    def finish_key_change(self) -> None:
        """The new key's slots become the only slots."""
        if not self.pending:
            raise VaultError("The vault header has no passphrase slot; the vault is damaged.")
        self.slots, self.pending, self.pending_check = self.pending, [], None
        self.failures = 0

    def cancel_key_change(self) -> None:
        self.pending, self.pending_check = [], None

    def is_pending_key(self, dek: bytes) -> bool:
        return self.pending_check is not None and key_check(dek) == self.pending_check

    def unlock_with_keyring_key(self, wrapping_key: bytes) -> bytes | None:
        slot = self.keyring_slot()
        if slot is None or len(wrapping_key) != 32:
            return None
        try:
            return _open(wrapping_key, slot, self.vault_id)
        except InvalidTag:
            return None

    # --- file ------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault": self.vault_id,
            "slots": [s.to_json() for s in self.slots],
        }
        if self.pending:
            doc["rekey"] = {"slots": [s.to_json() for s in self.pending], "check": self.pending_check}
        if self.erase_after is not None:  # absent when off: such a header never changes on a wrong guess
            doc["guard"] = {"erase_after": self.erase_after, "failures": self.failures}
        return json.dumps(doc, indent=2, sort_keys=True).encode() + b"\n"

    def copy(self) -> VaultHeader:
        """A header to change and save; the open vault keeps its own until the save succeeded."""
        return VaultHeader(self.vault_id, list(self.slots), self.erase_after, self.failures, list(self.pending),
                           self.pending_check)

    def save(self, path: Path) -> None:
        """Replace vault.json whole, or leave the old one and raise a VaultError (disk full, I/O error)."""
        try:
            write_atomic(path, self.to_bytes())
        except OSError as exc:
            raise VaultError("Cannot write {path}: {reason}", path=str(path), reason=os_reason(exc)) from None

    @classmethod
    def load(cls, path: Path) -> VaultHeader:
        """Read vault.json; anything unexpected is a damaged or foreign vault, never a new one."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise VaultError("No vault at {path}. Create one with 'kzdesk init'.",
                             path=str(path.parent)) from None
        except OSError as exc:
            raise VaultError("Cannot read the vault header: {reason}", reason=exc.strerror) from None
        try:
            if len(raw) > MAX_HEADER_BYTES:
                raise ValueError("too large")
            doc = json.loads(raw.decode("utf-8"))
            if doc.get("format") != FORMAT:
                raise ValueError("not a kzdesk vault")
            if doc.get("version") != FORMAT_VERSION:
                raise VaultError("This vault was made by a newer kzdesk (header version {version}); "
                                 "update kzdesk to open it.", version=doc.get("version"))
            header = cls(str(uuid.UUID(hex=doc["vault"]).hex), [Slot.from_json(s) for s in doc["slots"]])
            if "guard" in doc:
                guard = doc["guard"]
                header.erase_after, header.failures = int(guard["erase_after"]), int(guard["failures"])
                if not (ERASE_AFTER_MIN <= header.erase_after <= ERASE_AFTER_MAX and header.failures >= 0):
                    raise ValueError("guard out of range")
            if "rekey" in doc:
                header.pending = [Slot.from_json(s) for s in doc["rekey"]["slots"]]
                header.pending_check = str(doc["rekey"]["check"])
                if not header.pending or len(header.pending_check) != 32:
                    raise ValueError("rekey without slots")
            header.passphrase_slot()
            return header
        except VaultError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError):
            raise VaultError("The vault header {path} is damaged or is not a kzdesk vault; "
                             "nothing was opened.", path=str(path)) from None
