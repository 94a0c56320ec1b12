"""kill -9 while a coordinator imports bundles: afterwards every bundle is fully merged and logged,
or not at all, and the database passes its integrity checks."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kzdesk.core.exchange import trust
from kzdesk.core.exchange.card import Card
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.own import own_card
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params

IMPORTER = """
import sys
from pathlib import Path
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.model.vault import Vault
vault = Vault.open(Path(sys.argv[1]), "pass phrase")
print("open", flush=True)
for name in sys.argv[2:]:
    import_bundles(vault, [Path(name)])
print("done", flush=True)
"""


@pytest.mark.slow
def test_kill_during_import(tmp_path: Path) -> None:
    coordinator = Vault.create(tmp_path / "c", "pass phrase", Profile("coordinator", "C", ""), kdf=floor_params())
    volunteer = Vault.create(tmp_path / "v", "pass phrase", Profile("volunteer", "V", ""), kdf=floor_params())
    with volunteer.transaction() as conn:
        trust.add(conn, Card.parse(own_card(coordinator).export(coordinator.identity)), volunteer.identity.key_id)
    with coordinator.transaction() as conn:
        trust.add(conn, Card.parse(own_card(volunteer).export(volunteer.identity)), coordinator.identity.key_id)
    bundles: dict[str, set[str]] = {}
    paths = []
    for n in range(20):
        changes = volunteer.changeset()
        for i in range(300):
            changes.create("person", {"name": f"Тұлға {n}-{i}", "name_key": f"тұлға {n}-{i}"})
        volunteer.commit(changes)
        path = tmp_path / f"{n}.kzb"
        export_bundle(volunteer, path)
        with volunteer.engine.connect() as conn:
            ids = {r[0] for r in conn.exec_driver_sql(
                "SELECT record FROM revision WHERE id IN (SELECT revision FROM export_mark WHERE bundle_id = "
                "(SELECT bundle_id FROM export_mark ORDER BY rowid DESC LIMIT 1))")}
        bundles[str(path)] = ids
        paths.append(path)
    volunteer.close()
    coordinator.close()
    rnd = random.Random(11)
    remaining = list(paths)
    kills = 0
    while remaining and kills < 8:
        proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(tmp_path / "c"), *map(str, remaining)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
        time.sleep(rnd.uniform(0.05, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        with Vault.open(tmp_path / "c", "pass phrase") as vault, vault.engine.connect() as conn:
            assert [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")] == ["ok"]
            assert [r for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")] == []
            persons = {r[0] for r in conn.exec_driver_sql("SELECT uuid FROM person")}
            logged = conn.exec_driver_sql("SELECT count(*) FROM bundle_log").scalar()
        complete = [p for p in paths if bundles[str(p)] <= persons]
        for path in paths:
            present = bundles[str(path)] & persons
            assert present in (set(), bundles[str(path)]), path  # all or nothing
        assert logged == len(complete)
        remaining = [p for p in paths if p not in complete]
    assert kills >= 3
    with Vault.open(tmp_path / "c", "pass phrase") as vault:
        from kzdesk.core.exchange.importing import import_bundles

        assert all(o.status in ("merged", "unchanged") for o in import_bundles(vault, paths))
        with vault.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 20 * 300
