"""Coordinator import: bundles from many signers verified and merged, against raw inserts.

    python bench/merge.py [BUNDLES] [RECORDS_PER_BUNDLE] [SIGNERS] [RUNS]

measure(bundles, per_bundle, signers) gives (merged records/s, raw insert records/s) of one run,
for other benchmarks to call.

Defaults: 1,000 bundles × 100 records from 50 signers, 3 runs (target: >= 5,000 records/s). The
bundles are made once; each run imports them into its own copy of the coordinator as it was before
the import. The baseline is the raw executemany insert of the same database rows (the records and
their revisions) into a fresh vault, in the same run. Shared machines are noisy: the median of the
runs' ratios is the figure to compare.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kzdesk.core.exchange import trust
from kzdesk.core.exchange.card import Card
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.exchange.own import own_card
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params

NAMES = ["Жақсылықов Ерлан", "Серікбаева Айгүл", "Ким Виктор", "Оспанова Динара", "Өтепов Ғалымжан"]
PASSPHRASE = "bench"


def new_vault(path: Path, role: str) -> Vault:
    return Vault.create(path, "bench", Profile(role, path.name, ""), kdf=floor_params())


@dataclass(frozen=True)
class Run:
    """One run: how many records, how long the coordinator took to verify and merge them, and how
    long the raw insert of the very rows it wrote took into a fresh vault."""

    records: int
    merged_s: float
    raw_s: float

    @property
    def merged_rate(self) -> float:
        return self.records / self.merged_s

    @property
    def raw_rate(self) -> float:
        return self.records / self.raw_s


def make_bundles(base: Path, bundles: int, per_bundle: int, signers: int) -> tuple[Path, list[Path], int]:
    """A coordinator who trusts the signers (closed, as it was before any import) and their bundles,
    in the order they arrive; and how many records the bundles hold."""
    rnd = random.Random(7)
    coordinator = new_vault(base / "coordinator", "coordinator")
    card = Card.parse(own_card(coordinator).export(coordinator.identity))
    volunteers = []
    for i in range(signers):
        volunteer = new_vault(base / f"v{i}", "volunteer")
        with volunteer.transaction() as conn:
            trust.add(conn, card, volunteer.identity.key_id)
        with coordinator.transaction() as conn:
            trust.add(conn, Card.parse(own_card(volunteer).export(volunteer.identity)), coordinator.identity.key_id)
        volunteers.append(volunteer)
    files = []
    for n in range(bundles):
        volunteer = volunteers[n % signers]
        changes = volunteer.changeset()
        for _ in range(per_bundle // 3):  # a person, an event and an act against them
            name = f"{rnd.choice(NAMES)} {n}-{rnd.randrange(10**6)}"
            person = changes.create("person", {"name": name, "name_key": name.casefold()})
            event = changes.create("event", {"date": "2021-12-05", "date_precision": "day",
                                             "date_start": "2021-12-05", "date_end": "2021-12-05",
                                             "city": "oral"})
            changes.create("act", {"event": event, "person": person, "act_type": "fine", "article": "488",
                                   "legal_code": "administrative_offences_code", "part": "11",
                                   "fine_amount": "50", "fine_unit": "MCI", "fine_kzt": 145850})
        volunteer.commit(changes)
        path = base / f"b{n}.kzb"
        export_bundle(volunteer, path)
        files.append(path)
    for vault in (coordinator, *volunteers):
        vault.close()
    rnd.shuffle(files)  # bundles arrive in any order
    return base / "coordinator", files, bundles * (per_bundle // 3) * 3


def import_once(base: Path, pristine: Path, files: list[Path], records: int, label: str) -> Run:
    """Merge the bundles into a copy of the pristine coordinator (timed), then insert the same rows
    raw into a fresh vault (timed)."""
    shutil.copytree(pristine, base / f"coordinator-{label}")
    coordinator = Vault.open(base / f"coordinator-{label}", PASSPHRASE)
    start = time.perf_counter()
    outcomes = import_bundles(coordinator, files)
    elapsed = time.perf_counter() - start
    assert all(o.status == "merged" for o in outcomes), {o.status for o in outcomes}
    with coordinator.engine.connect() as conn:
        rows = {t: conn.exec_driver_sql(f"SELECT * FROM {t}").fetchall() for t in ("person", "event", "act")}
        revs = conn.exec_driver_sql("SELECT * FROM revision").fetchall()
    coordinator.close()
    raw = new_vault(base / f"raw-{label}", "coordinator")
    start = time.perf_counter()
    with raw.engine.begin() as conn:
        for table, table_rows in rows.items():
            marks = ",".join("?" * len(table_rows[0]))
            conn.exec_driver_sql(f"INSERT INTO {table} VALUES ({marks})", [tuple(r) for r in table_rows])
        conn.exec_driver_sql(f"INSERT INTO revision VALUES ({','.join('?' * len(revs[0]))})",
                             [tuple(r) for r in revs])
    raw_elapsed = time.perf_counter() - start
    raw.close()
    shutil.rmtree(base / f"coordinator-{label}")
    shutil.rmtree(base / f"raw-{label}")
    return Run(records, elapsed, raw_elapsed)


def runs(bundles: int, per_bundle: int, signers: int, count: int) -> list[Run]:
    """Make the bundles once, then import them count times."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        pristine, files, records = make_bundles(base, bundles, per_bundle, signers)
        return [import_once(base, pristine, files, records, str(i)) for i in range(count)]


def measure(bundles: int, per_bundle: int, signers: int) -> tuple[float, float]:
    """(records merged per second, records inserted raw per second), both from the same run."""
    result = runs(bundles, per_bundle, signers, 1)[0]
    return result.merged_rate, result.raw_rate


def main() -> None:
    args = [int(a) for a in sys.argv[1:]]
    bundles, per_bundle, signers, count = [*args, *(1000, 100, 50, 3)[len(args):]]
    results = runs(bundles, per_bundle, signers, count)
    print(f"{bundles} bundles x {per_bundle} records from {signers} signers: {results[0].records:,} records")
    for result in results:
        print(f"verified and merged: {result.merged_s:.2f} s, {result.merged_rate:,.0f} records/s (target >= 5,000); "
              f"raw insert of the same rows: {result.raw_s:.2f} s, {result.raw_rate:,.0f} records/s; "
              f"ratio {result.raw_s / result.merged_s:.2f}")
    print(f"median of {count}: merged {statistics.median(r.merged_rate for r in results):,.0f} records/s, "
          f"ratio {statistics.median(r.raw_s / r.merged_s for r in results):.2f} (goal >= 0.5)")


if __name__ == "__main__":
    main()
