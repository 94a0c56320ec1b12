"""Report speed: case summaries against a bare reportlab document of the same size, and a year's
statistics over many acts.

    python bench/reports.py [PERSONS] [ACTS_FOR_STATS]
    python bench/reports.py --vault PATH [PASSPHRASE]

Defaults: 1,000 persons (about ten acts each) and 100,000 acts. For every person the case summary
(read from the vault, hashed, laid out, QR code, PDF) and, right after it, a bare reportlab
document holding the same texts in the same font are built, so both see the same machine state;
the medians and their ratio are printed (target: within 3x). Then the statistics report of one
year over ACTS_FOR_STATS acts (SQL aggregates, charts, PDF) is timed.

With --vault, an existing vault (a scale bench vault: passphrase "bench") is only read: the
statistics report over all its years (stats_all_years), the overall counts of `kzdesk stats`, a
month's report and a case summary are timed, three times each, and the medians printed.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_csv
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.reports import period_stats, stats
from kzdesk.core.reports.case import build_pdf, compose, gather
from kzdesk.core.reports.pdf import esc, styles
from kzdesk.core.vault.kdf import floor_params


def bare(texts: list[str]) -> bytes:
    """The same words in the same font, with nothing else: no vault, no hash, no frame, no tables."""
    buffer = io.BytesIO()
    style = styles()["body"]
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(esc(t), style) for t in texts])
    return buffer.getvalue()


def vault_with(base: Path, name: str, rows: int) -> Vault:
    vault = Vault.create(base / name, "bench", Profile("coordinator", name, ""), kdf=floor_params())
    import_csv(vault, write_csv(base / f"{name}.csv", rows, seed=5))
    return vault


def case_summaries(base: Path, persons: int) -> None:
    vault = vault_with(base, "cases", persons * 10)
    ours, theirs, sizes = [], [], []
    with vault.engine.connect() as conn:
        people = [r[0] for r in conn.exec_driver_sql(
            "SELECT person FROM act GROUP BY person ORDER BY person LIMIT ?", (persons,))]
        for person in people:
            start = time.perf_counter()
            data = build_pdf(gather(conn, person), "ru")
            ours.append(time.perf_counter() - start)
            texts = compose(gather(conn, person), "ru").texts
            start = time.perf_counter()
            plain = bare(texts)
            theirs.append(time.perf_counter() - start)
            sizes.append((len(data), len(plain)))
    vault.close()
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"case summaries: {len(people):,} persons, median {a * 1000:.1f} ms each, {1 / a:,.1f} per second "
          f"(total {sum(ours):.1f} s); median PDF {statistics.median(s for s, _ in sizes) / 1024:.0f} KiB")
    print(f"bare reportlab document of the same texts: median {b * 1000:.1f} ms, {1 / b:,.1f} per second; "
          f"ratio {a / b:.2f}x (target <= 3x)")


def year_statistics(base: Path, acts: int) -> None:
    start = time.perf_counter()
    vault = vault_with(base, "year", acts)
    print(f"statistics vault: {acts:,} acts imported in {time.perf_counter() - start:.1f} s")
    with vault.engine.connect() as conn:
        total = conn.exec_driver_sql("SELECT count(*) FROM act").scalar()
        for first, last in (("2021-01-01", "2021-12-31"), ("2000-01-01", "2099-12-31")):
            times = []
            for _ in range(3):
                start = time.perf_counter()
                stats = period_stats.compute(conn, first, last)
                data = period_stats.as_pdf(stats, "kk")
                times.append(time.perf_counter() - start)
            print(f"statistics report {first}..{last} ({stats.acts:,} of {total:,} acts, {len(data) / 1024:.0f} KiB):"
                  f" median {statistics.median(times):.2f} s of 3")
    vault.close()


def all_years(vault: Vault) -> tuple[str, str]:
    """From 1 January of the first year with a dated event to 31 December of the last."""
    with vault.engine.connect() as conn:
        first, last = conn.exec_driver_sql(
            "SELECT min(date_start), max(date_start) FROM event WHERE date_start > ''").one()
    return (f"{str(first)[:4]}-01-01", f"{str(last)[:4]}-12-31") if first else ("2000-01-01", "2000-12-31")


def statistics_report(vault: Vault, first: str, last: str) -> float:
    """Seconds of one statistics report as `kzdesk report stats --from FIRST --to LAST` makes it: the
    figures from the vault, then the PDF with its charts."""
    start = time.perf_counter()
    with vault.engine.connect() as conn:
        figures = period_stats.compute(conn, first, last)
    period_stats.as_pdf(figures, "ru")
    return time.perf_counter() - start


def stats_all_years(vault_path: Path, passphrase: str) -> float:
    """Seconds of one statistics report over every year of the vault at vault_path (figures and PDF,
    opening the vault not counted). The vault is only read."""
    vault = Vault.open(vault_path, passphrase)
    try:
        return statistics_report(vault, *all_years(vault))
    finally:
        vault.close()


def existing_vault(path: Path, passphrase: str) -> None:
    """Report speed on a vault that exists (read only): three runs of each report, medians."""
    vault = Vault.open(path, passphrase)
    try:
        first, last = all_years(vault)
        with vault.engine.connect() as conn:
            acts = conn.exec_driver_sql("SELECT count(*) FROM act").scalar_one()
            month = conn.exec_driver_sql("SELECT substr(date_start, 1, 7) FROM event WHERE date_start > '' "
                                         "GROUP BY 1 ORDER BY count(*), 1 LIMIT 1 OFFSET 10").scalar()
            person = conn.exec_driver_sql("SELECT person FROM act ORDER BY rowid LIMIT 1").scalar()

        def overall() -> float:
            start = time.perf_counter()
            with vault.engine.connect() as conn:
                stats.vault_stats(conn)
            return time.perf_counter() - start

        def case_summary() -> float:
            start = time.perf_counter()
            with vault.engine.connect() as conn:
                build_pdf(gather(conn, str(person)), "ru")
            return time.perf_counter() - start

        runs = {f"statistics report {first}..{last} (all years)": lambda: statistics_report(vault, first, last),
                "kzdesk stats (overall counts)": overall,
                f"statistics report of {month} (a month)": lambda: statistics_report(
                    vault, f"{month}-01", f"{month}-31"),
                "case summary of one person": case_summary}
        print(f"{path}: {acts:,} acts")
        for name, run in runs.items():
            times, cpu = [], []
            for _ in range(3):
                started = time.process_time()
                times.append(run())
                cpu.append(time.process_time() - started)
            # CPU seconds of this process too: on a shared machine they move less than the wall clock.
            print(f"{name}: median {statistics.median(times):.2f} s of 3 ({', '.join(f'{t:.2f}' for t in times)}), "
                  f"CPU {statistics.median(cpu):.2f} s")
    finally:
        vault.close()


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--vault":
        existing_vault(Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "bench")
        return
    persons = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    acts = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        case_summaries(Path(tmp), persons)
        year_statistics(Path(tmp), acts)


if __name__ == "__main__":
    main()
