"""Issue 17's table from one run: 10,000 / 100,000 / 1,000,000 acts, each figure with its baseline.

    python bench/scale.py [--sizes 10000,100000,1000000] [--runs 3] [--import-rows 100000]
                          [--merge 1000x99] [--skip startup,import,merge,stats,window,check]

The vaults come from bench/scale_vaults.py (built once, kept in ~/.cache/kzdesk-bench; the window's
figures run on a copy, since the window makes its daily copy in the vault's folder). Medians of
--runs where a figure is repeated. Baselines are measured in the same run: a bare PySide6 window
(start-up), the raw insert of the same rows (merge), reading the file (the page check), and the
same figure on the smallest vault ("1,000,000 acts as fast as 10,000"). Nothing here asserts a
time: it prints, so that runs can be compared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from scale_vaults import PASSPHRASE, vault_path

# What a monitor types into the search box, a keystroke at a time: a Kazakh and a Latin spelling of a
# common name, a city, an article, and a rare name down to the one person.
TYPED = ("Жақсылықов Ерлан 12", "Zhaksylykov", "Орал", "488", "Ғаббасов Мұрат 4321")
# Typed while the page check runs: other names, places and an article than TYPED, so that typing
# TYPED afterwards finds in the cache only what any earlier search would have left there.
TYPED_BEFORE = ("Серікбаева Айгүл 75", "Tazhibaev", "Шымкент", "421", "Оспанова Динара 903")


def median(times: list[float]) -> float:
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def timed(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return median(times)


def drop_from_cache(path: Path) -> None:
    """Ask the kernel to forget the file's pages, so the next read comes from the disk."""
    if hasattr(os, "posix_fadvise"):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def read_file(path: Path) -> None:
    with path.open("rb", buffering=0) as fh:
        while fh.read(1 << 20):
            pass


# --- the figures of one vault -------------------------------------------------------------------
def open_and_check(path: Path, runs: int) -> dict[str, float]:
    from kzdesk.core.model.vault import Vault
    from kzdesk.core.vault.layout import DATABASE_FILE
    from kzdesk.core.vault.pages import check_pages

    dek = Vault.unwrap(path, PASSPHRASE)
    database = path / DATABASE_FILE

    def open_only() -> None:
        Vault.open(path, dek=dek).close()

    figures = {"open": timed(open_only, runs), "bytes": float(database.stat().st_size)}
    cold_read, cold_check = [], []
    for _ in range(runs):
        drop_from_cache(database)
        start = time.perf_counter()
        read_file(database)
        cold_read.append(time.perf_counter() - start)
        drop_from_cache(database)
        start = time.perf_counter()
        report = check_pages(database, dek)
        cold_check.append(time.perf_counter() - start)
        assert report.intact, report.problems()[:3]
    figures["read"], figures["check"] = median(cold_read), median(cold_check)
    figures["warm read"] = timed(lambda: read_file(database), runs)
    figures["warm check"] = timed(lambda: check_pages(database, dek), runs)
    return figures


def _wait_loaded(app: Any, window: Any) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    model = window.records_tab.model
    loop = QEventLoop()
    model.loaded.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    model.loaded.disconnect(loop.quit)
    app.processEvents()  # the view paints the rows


def _keystroke(app: Any, window: Any, text: str) -> float:
    """From the search box's query to the list showing its first page."""
    search = window.records_tab.search
    search.blockSignals(True)
    search.setText(text)
    search.blockSignals(False)
    start = time.perf_counter()
    window.records_tab.apply_filter()  # what the search box's short timer does
    _wait_loaded(app, window)
    return time.perf_counter() - start


def window_figures(path: Path, runs: int) -> dict[str, float]:
    """In a real main window (offscreen): the list shown after unlock, the first keystroke after
    unlock, then every keystroke of TYPED_BEFORE at once, while the page check and the daily copy
    run on the other core (the first half minute after an unlock at a million acts), and of TYPED
    once they are done (typing ever after)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from kzdesk.ui.context import AppContext, open_for_search
    from kzdesk.ui.main_window import MainWindow
    from kzdesk.ui.settings import Settings
    from kzdesk.ui.tasks import Tasks
    from kzdesk.ui.translations import Translations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    shown, first, keystrokes, busy = [], [], [], []
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        copy = Path(tmp) / "vault"
        shutil.copytree(path, copy)  # the window writes its daily copy into backups/
        for run in range(runs):
            shutil.rmtree(copy / "backups", ignore_errors=True)  # a daily copy is due on every unlock
            translations = Translations(app)
            translations.apply("ru")
            context = AppContext(copy, Settings(QSettings(str(Path(tmp) / f"s{run}.ini"), QSettings.Format.IniFormat)),
                                 Tasks(), translations)
            context.vault = open_for_search(copy, PASSPHRASE)  # what the unlock window does
            window = MainWindow(context)
            start = time.perf_counter()
            window.show()
            _wait_loaded(app, window)
            shown.append(time.perf_counter() - start)
            first.append(_keystroke(app, window, "Е"))
            if run == 0:
                for phrase in TYPED_BEFORE:
                    busy += [_keystroke(app, window, phrase[:n]) for n in range(1, len(phrase) + 1)]
                while context.vault.pages.busy:  # the page check, then the daily copy
                    app.processEvents()
                    time.sleep(0.05)
                for phrase in TYPED:
                    keystrokes += [_keystroke(app, window, phrase[:n]) for n in range(1, len(phrase) + 1)]
            window.close()
            vault = context.vault
            context.vault = None
            if vault is not None:
                vault.close()
            context.tasks.shutdown()
    keystrokes.sort()
    busy.sort()
    return {"shown": median(shown), "first keystroke": median(first),
            "p50": keystrokes[len(keystrokes) // 2], "p95": keystrokes[int(len(keystrokes) * 0.95)],
            "busy p50": busy[len(busy) // 2], "busy p95": busy[int(len(busy) * 0.95)],
            "keystrokes": float(len(keystrokes))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--import-rows", default="100000", help="rows for the import's peak memory (comma list)")
    parser.add_argument("--merge", default="1000x99", help="BUNDLESxRECORDS for the merge figure")
    parser.add_argument("--skip", default="", help="figures to leave out: startup,import,merge,stats,window,check")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    skip = set(args.skip.split(","))
    print(f"kzdesk scale bench: {', '.join(f'{s:,}' for s in sizes)} acts, medians of {args.runs}")

    if "startup" not in skip:
        from gui import startup_ratio

        bare, ours = startup_ratio(max(args.runs, 5))
        print(f"\nstart to the unlock window: {ms(ours)}; bare PySide6 window {ms(bare)}; "
              f"ratio {ours / bare:.2f} (goal <= 1.5)")

    rows: list[tuple[str, list[str]]] = []
    per_size: dict[int, dict[str, float]] = {}
    for size in sizes:
        path = vault_path(size)
        figures: dict[str, float] = {}
        if "check" not in skip:
            figures.update(open_and_check(path, args.runs))
        if "stats" not in skip:
            from reports import stats_all_years

            figures["stats"] = median([stats_all_years(path, PASSPHRASE) for _ in range(args.runs)])
        if "window" not in skip:
            figures.update(window_figures(path, args.runs))
        per_size[size] = figures
        print(f"  measured {size:,} acts", file=sys.stderr, flush=True)

    for figures in per_size.values():
        if "bytes" in figures:
            figures["bytes"] /= sizes[list(per_size.values()).index(figures)]

    def row(label: str, key: str, goal: str = "", show: Callable[[float], str] = ms) -> None:
        if all(key in per_size[s] for s in sizes):
            rows.append((label, [show(per_size[s][key]) for s in sizes] + [goal]))

    row("search keystroke p50", "p50")
    row("search keystroke p95", "p95", "< 100 ms")
    row("  the same while the page check runs: p50", "busy p50")
    row("  p95", "busy p95")
    row("first keystroke after unlock", "first keystroke", "< 100 ms")
    row("records list shown", "shown", "< 0.5 s")
    row("open after the key is unwrapped", "open", "< 0.2 s")
    row("page check (kzdesk check), cold", "check", "~ disk read")
    row("  baseline: reading the file, cold", "read")
    row("page check, file in memory", "warm check")
    row("  baseline: reading it from memory", "warm read")
    row("statistics report, all years", "stats", "< 2 s")
    row("database bytes per act", "bytes", show=lambda b: f"{b:,.0f} B")
    if rows:
        width = max(len(label) for label, _ in rows)
        print()
        print("at".ljust(width) + "".join(f"{s:,} acts".rjust(16) for s in sizes) + "goal".rjust(12))
        for label, values in rows:
            print(label.ljust(width) + "".join(v.rjust(16) for v in values[:-1]) + values[-1].rjust(12))

    if "import" not in skip:
        from import_memory import peak_rss

        print()
        for count in [int(r) for r in args.import_rows.split(",")]:
            peak, bare_open = peak_rss(count)
            print(f"CSV import of {count:,} rows: peak {peak:,.0f} MiB (goal < 500); a bare vault open "
                  f"{bare_open:,.0f} MiB in the same run")
    if "merge" not in skip:
        from merge import measure

        bundles, records = (int(n) for n in args.merge.split("x"))
        merged, raw = measure(bundles, records, 50)
        print(f"\nmerge of {bundles:,} bundles x {records} records: {merged:,.0f} records/s; raw insert of the "
              f"same rows {raw:,.0f} records/s; ratio {merged / raw:.2f} (goal >= 0.5)")


if __name__ == "__main__":
    main()
