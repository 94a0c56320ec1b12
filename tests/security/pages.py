"""Reading SQLCipher pages with a recovered key, as someone holding the key later could: for the erase
and new-key tests (a helper module, not a test module).

SQLCipher pages keyed with a raw key decrypt with the key alone: the salt at the start of the file
is only needed to check a page's MAC."""

from __future__ import annotations

import hashlib
import hmac
import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE, RESERVE, WAL_HEADER, FRAME_HEADER = 4096, 80, 32, 24


def _page_opens(page: bytes, number: int, dek: bytes, salt: bytes | None, canary: bytes) -> bool:
    """Whether this page gives anything to someone holding the key: its MAC verifies (with the salt
    of the file it came from), or its plaintext shows the canary."""
    start = 16 if number == 1 else 0
    body, iv, mac = page[start:PAGE - RESERVE], page[PAGE - RESERVE:PAGE - 64], page[PAGE - 64:]
    decryptor = Cipher(algorithms.AES(dek), modes.CBC(iv)).decryptor()
    if canary and canary in decryptor.update(body) + decryptor.finalize():
        return True
    if salt is None:
        return False
    mac_key = hashlib.pbkdf2_hmac("sha512", dek, bytes(b ^ 0x3A for b in salt), 2, 32)
    return hmac.compare_digest(hmac.new(mac_key, body + iv + struct.pack("<I", number), hashlib.sha512).digest(),
                               mac)


def decrypted_pages(path: Path, dek: bytes, salt: bytes | None = None, canary: bytes = b"") -> int:
    """How many pages of a database file (or frames of a WAL file) decrypt under the key."""
    data = path.read_bytes()
    if path.name.endswith("-wal"):
        frames = range(WAL_HEADER, len(data) - FRAME_HEADER - PAGE + 1, FRAME_HEADER + PAGE)
        return sum(_page_opens(data[f + FRAME_HEADER:f + FRAME_HEADER + PAGE], struct.unpack(">I", data[f:f + 4])[0],
                               dek, salt, canary) for f in frames)
    return sum(_page_opens(data[i:i + PAGE], i // PAGE + 1, dek, salt, canary)
               for i in range(0, len(data) - PAGE + 1, PAGE))
