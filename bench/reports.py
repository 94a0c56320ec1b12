"""Report speed: case summaries against a bare reportlab document of the same size, and a year's
statistics over many acts.

    python bench/reports.py [PERSONS] [ACTS_FOR_STATS]

Defaults: 1,000 persons (about ten acts each) and 100,000 acts. For every person the case summary
(read from the vault, hashed, laid out, QR code, PDF) and, right after it, a bare reportlab
document holding the same texts in the same font are built, so both see the same machine state;
the medians and their ratio are printed (target: within 3x). Then the statistics report of one
year over ACTS_FOR_STATS acts (SQL aggregates, charts, PDF) is timed.
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
from kzdesk.core.reports import period_stats
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


def main() -> None:
    persons = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    acts = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        case_summaries(Path(tmp), persons)
        year_statistics(Path(tmp), acts)


if __name__ == "__main__":
    main()
