"""Passphrase → key-encryption key with Argon2id, and calibration of its cost."""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

# The floor from the guide (RFC 9106's second recommendation); calibration only goes up.
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 3
MAX_MEMORY_KIB = 512 * 1024
LANES = 4
TARGET_SECONDS = 0.75
MAX_PASSPHRASE_BYTES = 64 * 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored beside the wrapped key they protect."""

    memory_kib: int
    iterations: int
    lanes: int
    salt: bytes

    def to_json(self) -> dict[str, object]:
        return {
            "alg": "argon2id",
            "m": self.memory_kib,
            "t": self.iterations,
            "p": self.lanes,
            "salt": self.salt.hex(),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KdfParams:
        if data.get("alg") != "argon2id":
            raise ValueError("unsupported KDF")
        m, t, p, salt = data["m"], data["t"], data["p"], data["salt"]
        if not (isinstance(m, int) and isinstance(t, int) and isinstance(p, int) and isinstance(salt, str)):
            raise ValueError("malformed KDF parameters")
        params = cls(m, t, p, bytes.fromhex(salt))
        # A tampered slot must not be able to weaken the KDF below the floor.
        if m < MIN_MEMORY_KIB or t < MIN_ITERATIONS or p < 1 or len(params.salt) < 16:
            raise ValueError("KDF parameters below the minimum")
        if m > 4 * 1024 * 1024 or t > 100 or p > 64:
            raise ValueError("KDF parameters out of range")
        return params

    def with_fresh_salt(self) -> KdfParams:
        return KdfParams(self.memory_kib, self.iterations, self.lanes, os.urandom(16))


def encode_passphrase(passphrase: str) -> bytes:
    """NFC-normalise so the same passphrase typed on any keyboard layout gives the same bytes."""
    data = unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")
    return data


def derive(passphrase: bytes, params: KdfParams) -> bytes:
    """Derive the 256-bit key-encryption key from the passphrase."""
    kdf = Argon2id(
        salt=params.salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase)


def _time_once(memory_kib: int, iterations: int) -> float:
    start = time.perf_counter()
    derive(b"calibration", KdfParams(memory_kib, iterations, LANES, b"\0" * 16))
    return time.perf_counter() - start


def floor_params() -> KdfParams:
    """The minimum parameters, with a fresh salt (tests and very slow machines)."""
    return KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, LANES, os.urandom(16))


def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Choose parameters so that one derivation takes about target_seconds on this machine.

    Memory is raised first (it is what makes guessing expensive on GPUs), then iterations.
    """
    memory, iterations = MIN_MEMORY_KIB, MIN_ITERATIONS
    elapsed = _time_once(memory, iterations)
    if elapsed < target_seconds:
        memory = min(MAX_MEMORY_KIB, int(memory * target_seconds / elapsed) // 1024 * 1024)
        memory = max(memory, MIN_MEMORY_KIB)
        elapsed = _time_once(memory, iterations)
        if elapsed < target_seconds * 0.8:
            iterations = max(MIN_ITERATIONS, round(iterations * target_seconds / elapsed))
    return KdfParams(memory, iterations, LANES, os.urandom(16))
