"""Peak memory and wall time of `kzdesk import`, in a child process, against baselines of the same run.

    python bench/import_memory.py [ROWS ...] [--runs N] [--xlsx]    (default: 10000 100000, 1 run)

For each size a CSV with the columns of tests/data/monitoring_2021_12.csv is generated
(bench/generate.py: persons repeated on many rows, event_refs shared by 1-4 rows, sources
cited many times), then `python -m kzdesk import FILE` runs on a fresh vault (passphrase in
KZDESK_PASSPHRASE, floor KDF parameters); with --xlsx the same rows go into an Excel workbook (written
by openpyxl's streaming writer, dates as date cells) and the workbook is imported. The peak is the
child's own ru_maxrss (os.wait4 in a small launcher), so the generator and this script do not count.
Printed per size: peak RSS, its ratio to the peak of a bare vault open (`kzdesk stats` on a fresh
vault, measured in the same run), wall and CPU time, rows/s. peak_rss(rows) gives the two peaks of
one run to other benches.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import COLUMNS, rows, write_csv
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params

PASSPHRASE = "bench"


def new_vault(path: Path) -> Path:
    Vault.create(path, PASSPHRASE, Profile("volunteer", "", ""), kdf=floor_params()).close()
    return path


# Linux carries a process's peak RSS across exec, and a child made by fork or vfork starts from its
# parent's memory: a child started by this script (which holds a million generated rows) would report this
# script's peak. A small launcher starts the child instead and reports the child's own peak.
LAUNCHER = (
    "import os, sys\n"
    "pid = os.posix_spawn(sys.executable, [sys.executable, '-m', 'kzdesk', *sys.argv[1:]], os.environ,\n"
    "                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
)


def run_child(*args: str) -> tuple[float, float, float]:
    """Run `python -m kzdesk ARGS`; return (peak RSS in MiB, wall seconds, CPU seconds)."""
    env = {**os.environ, "KZDESK_PASSPHRASE": PASSPHRASE, "KZDESK_LANG": "en"}
    start = time.perf_counter()
    launched = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, *args], env=env, capture_output=True,
                              text=True, check=False)
    wall = time.perf_counter() - start
    code, maxrss, cpu = launched.stdout.split()
    if launched.returncode != 0 or int(code) != 0:
        raise SystemExit(f"kzdesk {' '.join(args)} failed ({code}): {launched.stderr}")
    # ru_maxrss is in KiB on Linux; CPU time (user + system) is the steadier figure on a shared machine.
    return int(maxrss) / 1024, wall, float(cpu)


def write_xlsx(path: Path, n: int) -> Path:
    """The generator's rows as a workbook, as a monitor's Excel file holds them (a day as a date cell)."""
    from datetime import date

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(COLUMNS)
    for row in rows(n):
        day = row["date"]
        cells: list[object] = [row[c] for c in COLUMNS]
        if len(day) == 10:
            cells[0] = date.fromisoformat(day)
        sheet.append(cells)
    book.save(path)
    return path


def peak_rss(rows: int, workbook: bool = False) -> tuple[float, float]:
    """(peak MiB of `kzdesk import` of ROWS generated rows, peak MiB of a bare vault open), one run each."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        baseline = run_child("--vault", str(new_vault(base / "bare")), "stats")[0]
        path = write_xlsx(base / "rows.xlsx", rows) if workbook else write_csv(base / "rows.csv", rows)
        peak = run_child("--vault", str(new_vault(base / "vault")), "import", str(path))[0]
    return peak, baseline


def main() -> None:
    argv = sys.argv[1:]
    workbook = "--xlsx" in argv
    if workbook:
        argv.remove("--xlsx")
    runs = 1
    if "--runs" in argv:
        at = argv.index("--runs")
        runs = int(argv[at + 1])
        del argv[at:at + 2]
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        bare = [run_child("--vault", str(new_vault(base / f"bare{i}")), "stats")[0] for i in range(runs)]
        baseline = statistics.median(bare)
        print(f"baseline, bare vault open (kzdesk stats): peak {baseline:8.1f} MiB")
        for n in sizes:
            csv_path = write_xlsx(base / f"rows{n}.xlsx", n) if workbook else write_csv(base / f"rows{n}.csv", n)
            size_mib = csv_path.stat().st_size / 2**20
            results = [run_child("--vault", str(new_vault(base / f"v{n}-{i}")), "import", str(csv_path))
                       for i in range(runs)]
            peak, wall, cpu = (statistics.median(r[k] for r in results) for k in range(3))
            print(f"rows {n:>9,} ({size_mib:6.1f} MiB file): peak {peak:8.1f} MiB  x{peak / baseline:5.2f} bare  "
                  f"wall {wall:7.1f} s  cpu {cpu:7.1f} s  {n / wall:>8,.0f} rows/s", flush=True)
            csv_path.unlink()


if __name__ == "__main__":
    main()
