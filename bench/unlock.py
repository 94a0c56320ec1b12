"""Unlock time of a vault with calibrated Argon2id parameters (target 0.5–1 s, KDF-dominated).

    python bench/unlock.py [RUNS]

Prints the calibrated parameters, the median time of a full unlock (header, Argon2id, key unwrap,
opening and checking SQLCipher, schema check) and of the Argon2id derivation alone, measured in
the same run, and the share of the unlock spent in Argon2id.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import calibrate, derive, encode_passphrase

PASSPHRASE = "bench passphrase"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    params = calibrate()
    print(f"calibrated Argon2id: m={params.memory_kib // 1024} MiB, t={params.iterations}, p={params.lanes}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vault"
        Vault.create(path, PASSPHRASE, Profile("volunteer", "", ""), kdf=params).close()
        slot_kdf = Vault.open(path, PASSPHRASE)
        kdf = slot_kdf.header.passphrase_slot().kdf
        slot_kdf.close()
        assert kdf is not None
        unlock, kdf_only = [], []
        for _ in range(runs):
            start = time.perf_counter()
            Vault.open(path, PASSPHRASE).close()
            unlock.append(time.perf_counter() - start)
            start = time.perf_counter()
            derive(encode_passphrase(PASSPHRASE), kdf)
            kdf_only.append(time.perf_counter() - start)
    u, k = statistics.median(unlock), statistics.median(kdf_only)
    print(f"unlock: median {u:.3f} s over {runs} runs  (target 0.5–1.0 s)")
    print(f"Argon2id alone: median {k:.3f} s; share of unlock: {k / u:.0%}")


if __name__ == "__main__":
    main()
