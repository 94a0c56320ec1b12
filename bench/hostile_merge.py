"""What a hostile bundle can cost a coordinator: time for many concurrent versions, memory for size.

    python bench/hostile_merge.py versions [N ...]     # default 400 800 1600 3200
    python bench/hostile_merge.py memory [MB ...]      # default 25 100

versions: N concurrent versions of one record (each a child of the same revision, as a bundle from a
trusted coordinator key could carry them) merged in one transaction. Printed per N: the median of 3
runs, the ratio to the raw executemany insert of the same revision rows into a fresh vault (the
baseline, measured in the same run), and the growth from the previous N (2.0 is linear, 4.0 is
quadratic).

memory: a bundle of MB megabytes of attachments from a key the coordinator does not trust (anyone
with the coordinator's public card can make one), imported in a child process; printed: the
child's peak resident memory, the baseline child's peak (the same interpreter and imports, reading
the same file once), and how much the vault grew.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kzdesk.core.exchange import trust
from kzdesk.core.exchange.card import Card
from kzdesk.core.exchange.merge import merge_revisions
from kzdesk.core.exchange.own import own_card
from kzdesk.core.model.attachments import attach
from kzdesk.core.model.revisions import RevisionRow, make_revision
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params


def new_vault(path: Path, role: str) -> Vault:
    return Vault.create(path, "bench", Profile(role, path.name, ""), kdf=floor_params())


def versions_of_one_record(vault: Vault, n: int) -> list[RevisionRow]:
    with vault.transaction() as conn:
        changes = vault.changeset()
        person = changes.create("person", {"name": "Ким Виктор", "name_key": "ким виктор"})
        vault.commit(changes, conn)
        rev, body = conn.exec_driver_sql("SELECT r.id, r.body FROM person p JOIN revision r ON r.id = p.rev "
                                         "WHERE p.uuid = ?", (person,)).one()
    base = json.loads(body)
    return [make_revision("person", person, {**base, "occupation": f"version {i}"}, (rev,),
                          f"{1_700_000_000_000 + i:013d}-00000000-bench", vault.identity.key_id)
            for i in range(n)]


def raw_insert(vault: Vault, revisions: list[RevisionRow]) -> None:
    with vault.transaction() as conn:
        conn.exec_driver_sql(
            "INSERT INTO revision (id, kind, record, parents, hlc, author, content_hash, deleted, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, r.kind, r.record, json.dumps(list(r.parents)), r.hlc, r.author, r.content_hash, r.deleted,
              r.body) for r in revisions])


def bench_versions(sizes: list[int]) -> None:
    print(f"{'versions':>9} {'merge s':>9} {'raw s':>8} {'ratio':>7} {'growth':>7}")
    previous = None
    for n in sizes:
        merged, raw = [], []
        for _ in range(3):
            with tempfile.TemporaryDirectory() as tmp:
                vault = new_vault(Path(tmp) / "c", "coordinator")
                revisions = versions_of_one_record(vault, n)
                start = time.perf_counter()
                with vault.transaction() as conn:
                    merge_revisions(conn, revisions)
                merged.append(time.perf_counter() - start)
                other = new_vault(Path(tmp) / "raw", "coordinator")
                start = time.perf_counter()
                raw_insert(other, revisions)
                raw.append(time.perf_counter() - start)
                vault.close()
                other.close()
        m, r = statistics.median(merged), statistics.median(raw)
        growth = f"{m / previous:7.2f}" if previous else "      -"
        print(f"{n:>9} {m:>9.3f} {r:>8.3f} {m / r:>7.1f} {growth}")
        previous = m


CHILD = """
import sys, time
from pathlib import Path
mode, vault_dir, bundle = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
from kzdesk.core.model.vault import Vault
from kzdesk.core.exchange.importing import import_bundles
vault = Vault.open(vault_dir, "bench")
start = time.perf_counter()
if mode == "import":
    outcome = import_bundles(vault, [bundle])[0]
    status = outcome.status
else:
    status = str(len(bundle.read_bytes()))
vault.close()
# VmHWM belongs to this program's own memory map (ru_maxrss would carry the parent's over exec).
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(status, time.perf_counter() - start, hwm)
"""


def child(mode: str, vault: Path, bundle: Path) -> tuple[str, float, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(vault), str(bundle)], check=True,
                         capture_output=True, text=True).stdout.split()
    return out[0], float(out[1]), int(out[2])


def db_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir() if f.name.startswith("kzdesk.db"))


def bench_memory(sizes: list[int]) -> None:
    print(f"{'bundle MB':>9} {'status':>12} {'peak MiB':>9} {'base MiB':>9} {'extra/size':>10} {'vault +MB':>9}")
    for mb in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            coordinator = new_vault(base / "c", "coordinator")
            stranger = new_vault(base / "s", "volunteer")
            with stranger.transaction() as conn:
                trust.add(conn, Card.parse(own_card(coordinator).export(coordinator.identity)),
                          stranger.identity.key_id)
                changes = stranger.changeset()
                person = changes.create("person", {"name": "X", "name_key": "x"})
                for i in range(mb // 5 or 1):
                    attach(changes, conn, os.urandom(5 * 1024 * 1024), f"{i}.bin", "person", person)
                stranger.commit(changes, conn)
            from kzdesk.core.exchange.exporting import export_bundle

            bundle = base / "stranger.kzb"
            export_bundle(stranger, bundle)
            stranger.close()
            coordinator.close()
            size = bundle.stat().st_size
            before = db_size(base / "c")
            _, _, baseline = child("read", base / "c", bundle)
            status, _, peak = child("import", base / "c", bundle)
            grown = (db_size(base / "c") - before) / 1e6
            extra = (peak - baseline) * 1024 / size
            print(f"{size / 1e6:>9.0f} {status:>12} {peak / 1024:>9.0f} {baseline / 1024:>9.0f} {extra:>10.2f} "
                  f"{grown:>9.1f}")


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "versions"
    numbers = [int(a) for a in sys.argv[2:]]
    if what == "versions":
        bench_versions(numbers or [400, 800, 1600, 3200])
    else:
        bench_memory(numbers or [25, 100])


if __name__ == "__main__":
    main()
