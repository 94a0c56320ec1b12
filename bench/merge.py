"""Coordinator import: bundles from many signers verified and merged, against raw inserts.

    python bench/merge.py [BUNDLES] [RECORDS_PER_BUNDLE] [SIGNERS]

measure(bundles, per_bundle, signers) gives (merged records/s, raw insert records/s) of one run,
for other benchmarks to call.

Defaults: 1,000 bundles × 100 records from 50 signers (target: >= 5,000 records/s). The baseline
is the raw executemany insert of the same database rows (the records and their revisions) into a
fresh vault, in the same run.
"""

from __future__ import annotations

import random
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


def run(bundles: int, per_bundle: int, signers: int) -> Run:
    """Make the bundles, merge them at a coordinator (timed), then insert the same rows raw (timed)."""
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
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
        records = bundles * (per_bundle // 3) * 3
        rnd.shuffle(files)  # bundles arrive in any order
        start = time.perf_counter()
        outcomes = import_bundles(coordinator, files)
        elapsed = time.perf_counter() - start
        assert all(o.status == "merged" for o in outcomes), {o.status for o in outcomes}
        with coordinator.engine.connect() as conn:
            rows = {t: conn.exec_driver_sql(f"SELECT * FROM {t}").fetchall() for t in ("person", "event", "act")}
            revs = conn.exec_driver_sql("SELECT * FROM revision").fetchall()
        raw = new_vault(base / "raw", "coordinator")
        start = time.perf_counter()
        with raw.engine.begin() as conn:
            for table, table_rows in rows.items():
                marks = ",".join("?" * len(table_rows[0]))
                conn.exec_driver_sql(f"INSERT INTO {table} VALUES ({marks})", [tuple(r) for r in table_rows])
            conn.exec_driver_sql(f"INSERT INTO revision VALUES ({','.join('?' * len(revs[0]))})",
                                 [tuple(r) for r in revs])
        raw_elapsed = time.perf_counter() - start
        for vault in (coordinator, raw, *volunteers):
            vault.close()
    return Run(records, elapsed, raw_elapsed)


def measure(bundles: int, per_bundle: int, signers: int) -> tuple[float, float]:
    """(records merged per second, records inserted raw per second), both from the same run."""
    result = run(bundles, per_bundle, signers)
    return result.merged_rate, result.raw_rate


def main() -> None:
    bundles = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    per_bundle = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    signers = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    result = run(bundles, per_bundle, signers)
    print(f"{bundles} bundles x {per_bundle} records from {signers} signers: {result.records:,} records")
    print(f"verified and merged: {result.merged_s:.2f} s, {result.merged_rate:,.0f} records/s (target >= 5,000)")
    print(f"raw insert of the same rows: {result.raw_s:.2f} s, {result.raw_rate:,.0f} records/s; "
          f"ratio {result.raw_s / result.merged_s:.2f}")


if __name__ == "__main__":
    main()
