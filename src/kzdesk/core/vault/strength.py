"""A rough passphrase strength estimate for the first-run wizard (not a guarantee, a nudge)."""

from __future__ import annotations

import math
import unicodedata

MIN_LENGTH = 8


def estimate_bits(passphrase: str) -> float:
    """Bits of a brute-force search over the character classes used, discounted for repeats."""
    text = unicodedata.normalize("NFC", passphrase)
    if not text:
        return 0.0
    pool = 0
    classes = [
        any(c.isascii() and c.islower() for c in text) and 26,
        any(c.isascii() and c.isupper() for c in text) and 26,
        any(c.isdigit() for c in text) and 10,
        any(c.isalpha() and not c.isascii() and c.islower() for c in text) and 42,  # Kazakh/Russian
        any(c.isalpha() and not c.isascii() and c.isupper() for c in text) and 42,
        any(not c.isalnum() for c in text) and 33,
    ]
    pool = sum(int(c) for c in classes if c)
    distinct = len(set(text))
    # Repeated characters add little: count length as the distinct characters plus a third of the rest.
    effective = distinct + (len(text) - distinct) / 3
    return effective * math.log2(max(pool, 2))


def strength(passphrase: str) -> str:
    """'too_short', 'weak', 'fair' or 'strong'."""
    if len(passphrase) < MIN_LENGTH:
        return "too_short"
    bits = estimate_bits(passphrase)
    return "weak" if bits < 45 else "fair" if bits < 70 else "strong"
