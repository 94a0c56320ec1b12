"""CSV import rate against raw SQLCipher inserts of the same rows, measured in the same run.

    python bench/import.py [ROWS] [RUNS]

What is compared (medians of RUNS, each on a fresh vault):
- import: `read_plan` + `store` — reading and checking every cell, matching persons and sources,
  hashing every revision, writing and committing (what `kzdesk import-csv` does once unlocked);
- raw: the very database rows that import writes (events, persons, acts, sources, citations and
  their revisions), prepared beforehand and inserted with executemany into the same encrypted
  schema (its indexes and full-text triggers included) in one transaction. This is the floor set
  by SQLCipher for those rows; the target is import >= 1/5 of its rate.
- For reference only: the CSV rows inserted as they are into one flat table with no index.
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
from kzdesk.core.ingest.csv_import import build_changes, read_plan, store
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.engine import open_engine
from kzdesk.core.vault.kdf import floor_params


def new_vault(path: Path) -> Vault:
    return Vault.create(path, "bench", Profile("volunteer", "", ""), kdf=floor_params())


def time_import(csv_path: Path, vault_path: Path) -> float:
    with new_vault(vault_path) as vault:
        start = time.perf_counter()
        report = store(vault, read_plan(csv_path).rows)
        elapsed = time.perf_counter() - start
    assert report.acts > 0
    return elapsed


def time_raw_same_rows(csv_path: Path, base: Path) -> float:
    rows = read_plan(csv_path).rows
    with new_vault(base / "prep") as prep, prep.engine.connect() as conn:
        changes, _ = build_changes(prep, conn, rows)
    with new_vault(base / "raw") as vault:
        start = time.perf_counter()
        with vault.engine.begin() as conn:
            changes.write(conn)
        return time.perf_counter() - start


def time_flat_table(csv_path: Path, db_path: Path) -> float:
    engine = open_engine(db_path, os.urandom(32), create=True)
    start = time.perf_counter()
    with csv_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        table = [tuple(row) for row in reader]
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE TABLE raw ({', '.join(c + ' TEXT' for c in COLUMNS)})")
        conn.exec_driver_sql(f"INSERT INTO raw VALUES ({', '.join('?' * len(COLUMNS))})", table)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        csv_path = write_csv(base / "rows.csv", n)
        imp, raw, flat = [], [], []
        for i in range(runs):
            (base / str(i)).mkdir()
            imp.append(time_import(csv_path, base / str(i) / "vault"))
            raw.append(time_raw_same_rows(csv_path, base / str(i)))
            flat.append(time_flat_table(csv_path, base / str(i) / "flat.db"))
    rate = {name: n / statistics.median(times) for name, times in (("imp", imp), ("raw", raw), ("flat", flat))}
    print(f"rows: {n}, runs: {runs} (medians)")
    print(f"kzdesk import:                 {statistics.median(imp):7.2f} s  {rate['imp']:>9,.0f} rows/s")
    print(f"raw SQLCipher, same rows:      {statistics.median(raw):7.2f} s  {rate['raw']:>9,.0f} rows/s")
    print(f"ratio import/raw:              {rate['imp'] / rate['raw']:7.3f}    (target >= 0.200)")
    print(f"reference, flat CSV table:     {statistics.median(flat):7.2f} s  {rate['flat']:>9,.0f} rows/s")


if __name__ == "__main__":
    main()
