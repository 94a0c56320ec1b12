"""CSV import rate against raw SQLCipher inserts of the same rows, measured in the same run.

    python bench/import.py [ROWS] [RUNS]

Baseline: the same CSV parsed with the csv module and inserted with executemany into one
SQLCipher table of its 14 columns, in one transaction, keyed and configured like the vault.
Target: the import reaches at least 1/5 of the baseline rate.
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import COLUMNS, write_csv
from kzdesk.core.ingest.csv_import import read_plan, store
from kzdesk.core.vault.engine import open_engine
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.vault import Profile, Vault


def raw_insert(csv_path: Path, db_path: Path) -> float:
    start = time.perf_counter()
    engine = open_engine(db_path, os.urandom(32), create=True)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        table = [tuple(row) for row in reader]
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE TABLE raw ({', '.join(c + ' TEXT' for c in COLUMNS)})")
        conn.exec_driver_sql(f"INSERT INTO raw VALUES ({', '.join('?' * len(COLUMNS))})", table)
    engine.dispose()
    return time.perf_counter() - start


def kzdesk_import(csv_path: Path, vault_path: Path) -> float:
    vault = Vault.create(vault_path, "bench", Profile("volunteer", "", ""), kdf=floor_params())
    try:
        start = time.perf_counter()
        report = store(vault, read_plan(csv_path).rows)
        elapsed = time.perf_counter() - start
    finally:
        vault.close()
    assert report.acts > 0
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        csv_path = write_csv(base / "rows.csv", n)
        raw, imp = [], []
        for i in range(runs):
            raw.append(raw_insert(csv_path, base / f"raw{i}.db"))
            imp.append(kzdesk_import(csv_path, base / f"vault{i}"))
        raw_rate, imp_rate = n / statistics.median(raw), n / statistics.median(imp)
        print(f"rows: {n}, runs: {runs}")
        print(f"raw SQLCipher executemany: median {statistics.median(raw):.2f} s  ({raw_rate:,.0f} rows/s)")
        print(f"kzdesk import-csv:         median {statistics.median(imp):.2f} s  ({imp_rate:,.0f} rows/s)")
        print(f"ratio import/raw: {imp_rate / raw_rate:.3f}  (target >= 0.200)")


if __name__ == "__main__":
    main()
