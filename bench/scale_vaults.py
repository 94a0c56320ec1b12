"""Vaults of 10,000 / 100,000 / 1,000,000 acts for the scale bench, built once and kept.

    python bench/scale_vaults.py [ACTS ...]

Each vault is built by importing a `generate.py` spreadsheet of that many rows (seed 17), as a
coordinator would import a national table, and kept under `$KZDESK_BENCH_CACHE` (default
`~/.cache/kzdesk-bench`). A vault is rebuilt when the generator changes; a newer schema is reached
by the migration the first open runs, as a user's vault reaches it (the copy it makes first is
dropped here, to keep the cache's size). The passphrase is `bench`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import write_csv
from kzdesk.core.vault import migrate

PASSPHRASE = "bench"
SEED = 17
SIZES = (10_000, 100_000, 1_000_000)


def cache_root() -> Path:
    return Path(os.environ.get("KZDESK_BENCH_CACHE", Path.home() / ".cache" / "kzdesk-bench"))


def _stamp() -> str:
    return hashlib.sha256((Path(__file__).parent / "generate.py").read_bytes()).hexdigest()[:12]


def vault_path(acts: int) -> Path:
    """The cached vault of `acts` acts, built first when missing or stale."""
    path = cache_root() / f"acts-{acts}-{_stamp()}"
    if (path / "built").exists():
        if (path / "schema").read_text().strip() != migrate.head():
            _migrate(path)
        return path
    from kzdesk.core.ingest.csv_import import import_csv
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    cache_root().mkdir(parents=True, exist_ok=True)
    for stale in cache_root().glob(f"acts-{acts}-*"):
        shutil.rmtree(stale)
    print(f"building a vault of {acts:,} acts in {path} (once) ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=cache_root()) as tmp:
        sheet = write_csv(Path(tmp) / "rows.csv", acts, seed=SEED)
        with Vault.create(path, PASSPHRASE, Profile("coordinator", "bench", ""), kdf=floor_params()) as vault:
            import_csv(vault, sheet)
    (path / "built").write_text(f"{time.perf_counter() - started:.0f} s\n")
    (path / "schema").write_text(migrate.head())
    return path


def _migrate(path: Path) -> None:
    from kzdesk.core.model.vault import Vault

    print(f"migrating {path} to schema {migrate.head()} ...", file=sys.stderr, flush=True)
    Vault.open(path, PASSPHRASE).close()
    shutil.rmtree(path / "backups", ignore_errors=True)
    (path / "schema").write_text(migrate.head())


def main() -> None:
    for acts in [int(a) for a in sys.argv[1:]] or SIZES:
        print(vault_path(acts))


if __name__ == "__main__":
    main()
