"""The optional "remember on this computer" slot: a random key in the OS keyring wraps the DEK.

Off by default and never the only copy of the key (the passphrase slot always stays). Only a real
OS keyring is accepted: with no backend, the fail/null backends, or the keyrings.alt file backends
(plaintext or "encrypted" files next to the vault), kzdesk asks for the passphrase instead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kzdesk.core.errors import VaultError
from kzdesk.core.install import portable_root
from kzdesk.core.vault.keyslots import VaultHeader

SERVICE = "kzdesk-vault"


def _backend() -> Any | None:
    if portable_root() is not None:
        return None  # portable: the system keyring is part of the profile a stick must not touch
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if isinstance(backend, fail.Keyring) or module.startswith(("keyrings.alt", "keyring.backends.null")):
        return None
    if getattr(backend, "priority", 1) <= 0:
        return None
    return backend


def available() -> bool:
    """Whether a real OS keyring is there to remember the key in."""
    return _backend() is not None


@contextmanager
def remembering(header: VaultHeader, dek: bytes) -> Iterator[VaultHeader]:
    """Store a fresh wrapping key in the keyring and add the matching slot to the header; the body
    saves the header. If it fails, the keyring gets back the entry the header on disk still uses."""
    backend = _backend()
    if backend is None:
        raise VaultError("No secure system keyring is available; the passphrase will be asked each time.")
    previous: str | None = None
    with contextlib.suppress(Exception):
        previous = backend.get_password(SERVICE, header.vault_id)
    wrapping_key = os.urandom(32)
    backend.set_password(SERVICE, header.vault_id, wrapping_key.hex())
    header.set_keyring_key(dek, wrapping_key)
    try:
        yield header
    except BaseException:
        with contextlib.suppress(Exception):
            if previous is None:
                backend.delete_password(SERVICE, header.vault_id)
            else:
                backend.set_password(SERVICE, header.vault_id, previous)
        raise


def forget(header: VaultHeader) -> VaultHeader:
    """Remove the keyring slot and the keyring entry."""
    header.drop_keyring_slot()
    backend = _backend()
    if backend is not None:
        # An entry that is already gone is what we want.
        with contextlib.suppress(Exception):
            backend.delete_password(SERVICE, header.vault_id)
    return header


def recall(header: VaultHeader) -> bytes | None:
    """The DEK from the keyring slot, or None (then the passphrase is asked)."""
    if header.keyring_slot() is None:
        return None
    backend = _backend()
    if backend is None:
        return None
    try:
        stored = backend.get_password(SERVICE, header.vault_id)
        return header.unlock_with_keyring_key(bytes.fromhex(stored)) if stored else None
    except Exception:
        return None
