"""Bundles between vaults: the coordinator gets exactly the union, whatever the order, and refuses
or quarantines anything forged, tampered with, replayed, forked or meant for someone else."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kzdesk.core.exchange.chain import missing_bundles
from kzdesk.core.exchange.conflicts import open_conflicts
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.i18n import set_language
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.stats import vault_stats

from ..vaults import DATA, import_bundle, introduce, make_vault, record, snapshot

MONTH = DATA / "monitoring_2021_12.csv"


def split_month(tmp_path: Path, parts: int) -> list[Path]:
    rows = list(csv.DictReader(io.StringIO(MONTH.read_text(encoding="utf-8"), newline="")))
    out = []
    for i in range(parts):
        path = tmp_path / f"part{i}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(r for j, r in enumerate(rows) if j % parts == i)
        out.append(path)
    return out


def content(vault: Vault) -> dict[str, list[tuple[object, ...]]]:
    """Canonical content: every record table's rows (without stamps), sorted."""
    out = {}
    with vault.engine.connect() as conn:
        for table in ("person", "event", "act", "source", "citation", "attachment", "participation"):
            rows = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY uuid").fetchall()
            out[table] = [tuple(r) for r in rows]
        out["conflict"] = [tuple(r) for r in conn.exec_driver_sql("SELECT id, status FROM conflict ORDER BY id")]
    return out


@pytest.fixture
def network(tmp_path: Path):
    coordinator = make_vault(tmp_path / "coordinator", "coordinator", "Coordinator Almaty")
    volunteers = [make_vault(tmp_path / f"v{i}", "volunteer", name)
                  for i, name in enumerate(("Oral", "Shymkent", "Aktobe"))]
    for volunteer in volunteers:
        introduce(volunteer, coordinator)
        introduce(coordinator, volunteer)
    yield coordinator, volunteers
    for vault in (coordinator, *volunteers):
        vault.close()


def test_coordinator_gets_the_union_in_any_order(network, tmp_path: Path) -> None:
    coordinator, volunteers = network
    bundles = []
    for volunteer, part in zip(volunteers, split_month(tmp_path, 3), strict=True):
        import_csv(volunteer, part)
        bundles.append(tmp_path / f"{volunteer.profile.display_name}.kzb")
        assert export_bundle(volunteer, bundles[-1]).seq == 1
    outcomes = [import_bundle(coordinator, b) for b in bundles]
    assert [o.status for o in outcomes] == ["merged"] * 3
    with coordinator.engine.connect() as conn:
        got = vault_stats(conn)
    expected = {"persons": 0, "events": 0, "acts": 0}
    for volunteer in volunteers:
        with volunteer.engine.connect() as conn:
            stats = vault_stats(conn)
        for key in expected:
            expected[key] += getattr(stats, key)
    assert (got.persons, got.events, got.acts) == (expected["persons"], expected["events"], expected["acts"])
    assert got.acts == 82
    before = content(coordinator)
    again = [import_bundle(coordinator, b) for b in reversed(bundles)]
    assert [o.status for o in again] == ["unchanged"] * 3
    assert content(coordinator) == before
    # Another coordinator importing in another order ends with the very same records.
    other = make_vault(tmp_path / "other", "coordinator", "Other")
    for volunteer in volunteers:
        introduce(other, volunteer)
    for volunteer in volunteers:
        introduce(volunteer, other)
    for order in ([2, 0, 1],):
        fresh = [tmp_path / f"all-{i}.kzb" for i in range(3)]
        for i, volunteer in enumerate(volunteers):
            export_bundle(volunteer, fresh[i], everything=True)
        for i in order:
            assert import_bundle(other, fresh[i]).status == "merged"
    assert content(other) == before
    other.close()


def test_bundle_reveals_nothing_outside(network, tmp_path: Path) -> None:
    _coordinator, volunteers = network
    import_csv(volunteers[0], MONTH)
    path = tmp_path / "x.kzb"
    steps: list[tuple[int, int]] = []
    report = export_bundle(volunteers[0], path, progress=lambda done, total: steps.append((done, total)))
    # Progress is reported record by record, never backwards, and ends at the total.
    total = report.revisions + report.attachments + 1
    assert len(steps) > 10 and steps[-1] == (total, total)
    assert all(t == total for _, t in steps) and [d for d, _ in steps] == sorted(d for d, _ in steps)
    data = path.read_bytes()
    for secret in ("Жақсылықов".encode(), b"kzdesk", volunteers[0].identity.key_id.encode(), b"manifest"):
        assert secret not in data
    assert data.startswith(b"age-encryption.org/v1")


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x40]) + data[index + 1:]


def test_tampered_truncated_replayed_and_misaddressed_bundles(network, tmp_path: Path) -> None:
    coordinator, volunteers = network
    import_csv(volunteers[0], DATA / "monitoring_2021_12.csv")
    good = tmp_path / "good.kzb"
    export_bundle(volunteers[0], good)
    data = good.read_bytes()
    coordinator.close()
    before = snapshot(coordinator.path)
    reopened = Vault.open(coordinator.path, "pass phrase")
    bad = tmp_path / "bad.kzb"
    for index in [0, 30, 100, len(data) // 2, len(data) - 1, *range(200, len(data), max(1, len(data) // 40))]:
        bad.write_bytes(flip(data, index))
        outcome = import_bundle(reopened, bad)
        assert outcome.status == "rejected" and outcome.reason, index
    for cut in (0, 10, len(data) // 3, len(data) - 1):
        bad.write_bytes(data[:cut])
        assert import_bundle(reopened, bad).status == "rejected"
    reopened.close()
    assert snapshot(coordinator.path) == before  # not a byte changed
    coordinator_again = Vault.open(coordinator.path, "pass phrase")
    assert import_bundle(coordinator_again, good).status == "merged"
    assert import_bundle(coordinator_again, good).status == "unchanged"  # replay
    coordinator_again.close()


def test_unknown_signer_is_quarantined_then_accepted(network, tmp_path: Path) -> None:
    from kzdesk.core.exchange.quarantine import accept_quarantined, quarantined

    coordinator, _volunteers = network
    stranger = make_vault(tmp_path / "stranger", "volunteer", "Stranger")
    introduce(stranger, coordinator)  # the stranger knows the coordinator, not the other way round
    import_csv(stranger, MONTH)
    path = tmp_path / "s.kzb"
    export_bundle(stranger, path)
    outcome = import_bundle(coordinator, path)
    assert (outcome.status, outcome.reason) == ("quarantined", "unknown signer")
    with coordinator.engine.connect() as conn:
        assert vault_stats(conn).acts == 0
        listed = quarantined(conn)
    assert [q.bundle for q in listed] == [outcome.bundle]
    report = accept_quarantined(coordinator, outcome.bundle)
    assert report.new > 0
    with coordinator.engine.connect() as conn:
        assert vault_stats(conn).acts == 82
    stranger.close()


def test_bundle_for_another_coordinator_is_refused(network, tmp_path: Path) -> None:
    from pyrage import encrypt, x25519

    from kzdesk.core.exchange.bundle import decrypt
    from kzdesk.core.exchange.own import age_identity

    coordinator, volunteers = network
    second = make_vault(tmp_path / "second", "coordinator", "Second")
    introduce(second, volunteers[0])
    import_csv(volunteers[0], MONTH)
    path = tmp_path / "b.kzb"
    export_bundle(volunteers[0], path)  # encrypted to the first coordinator only
    assert import_bundle(second, path).status == "rejected"
    # The first coordinator re-encrypts it to the second: the signed recipients give it away.
    with coordinator.engine.connect() as conn:
        secret = age_identity(conn, create=False)
    with second.transaction() as conn:
        second_secret = age_identity(conn, create=True)
    payload = decrypt(path.read_bytes(), secret)
    recipient = x25519.Identity.from_str(second_secret).to_public()
    moved = tmp_path / "moved.kzb"
    moved.write_bytes(encrypt(payload, [recipient]))
    outcome = import_bundle(second, moved)
    assert outcome.status == "rejected" and "not made for this coordinator" in outcome.reason
    second.close()


def test_fork_and_gap(network, tmp_path: Path) -> None:
    coordinator, volunteers = network
    volunteer = volunteers[0]
    parts = split_month(tmp_path, 4)
    import_csv(volunteer, parts[0])
    first = tmp_path / "1.kzb"
    export_bundle(volunteer, first)
    with volunteer.transaction() as conn:  # the laptop is restored from an old backup…
        saved = dict(conn.exec_driver_sql("SELECT key, value FROM setting WHERE key LIKE 'export_%'").fetchall())
    import_csv(volunteer, parts[1])
    second = tmp_path / "2.kzb"
    export_bundle(volunteer, second)
    with volunteer.transaction() as conn:
        for key, value in saved.items():
            conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = ?", (value, key))
    import_csv(volunteer, parts[2])
    forked = tmp_path / "2b.kzb"
    assert export_bundle(volunteer, forked).seq == 2  # …and numbers a different bundle 2
    import_csv(volunteer, parts[3])
    fourth = tmp_path / "3.kzb"
    export_bundle(volunteer, fourth)
    assert import_bundle(coordinator, first).status == "merged"
    assert import_bundle(coordinator, second).status == "merged"
    outcome = import_bundle(coordinator, forked)
    assert (outcome.status, outcome.reason) == ("quarantined", "fork")


def test_a_gap_is_flagged_until_the_missing_bundle_arrives(network, tmp_path: Path) -> None:
    coordinator, volunteers = network
    volunteer = volunteers[0]
    bundles = []
    for i, part in enumerate(split_month(tmp_path, 3)):
        import_csv(volunteer, part)
        bundles.append(tmp_path / f"{i}.kzb")
        export_bundle(volunteer, bundles[-1])
    assert import_bundle(coordinator, bundles[0]).missing == []
    late = import_bundle(coordinator, bundles[2])
    assert (late.status, late.missing) == ("merged", [2]) and late.reason
    with coordinator.engine.connect() as conn:
        assert missing_bundles(conn) == {volunteer.identity.key_id: [2]}
        # Acts of bundle 3 against persons first recorded in bundle 2 wait instead of breaking.
        assert conn.exec_driver_sql("SELECT count(*) FROM pending_record").scalar() > 0
        assert [r[0] for r in conn.exec_driver_sql("PRAGMA foreign_key_check")] == []
    set_language("ru")
    assert "не получены" in late.describe() and ": 2" in late.describe()
    set_language("en")
    filled = import_bundle(coordinator, bundles[1])
    assert (filled.status, filled.missing, filled.reason) == ("merged", [], None)
    with coordinator.engine.connect() as conn:
        assert missing_bundles(conn) == {}
        assert conn.exec_driver_sql("SELECT count(*) FROM pending_record").scalar() == 0
        got = vault_stats(conn)
    with volunteer.engine.connect() as conn:
        assert vault_stats(conn) == got  # nothing lost on the way


def test_concurrent_edits_become_conflicts(network, tmp_path: Path) -> None:
    coordinator, volunteers = network
    second = make_vault(tmp_path / "second", "coordinator", "Second")
    for a, b in ((volunteers[0], second), (second, volunteers[0]), (coordinator, second), (second, coordinator)):
        introduce(a, b)
    changes = volunteers[0].changeset()
    person = changes.create("person", {"name": "Ким Виктор", "name_key": "ким виктор"})
    volunteers[0].commit(changes)
    path = tmp_path / "v.kzb"
    export_bundle(volunteers[0], path)  # to both coordinators
    assert import_bundle(coordinator, path).status == "merged"
    assert import_bundle(second, path).status == "merged"
    for vault, occupation in ((coordinator, "журналист"), (second, "активист")):
        with vault.transaction() as conn:
            edit = vault.changeset()
            edit.update(conn, "person", person, {"occupation": occupation, "consent": "public"})
            vault.commit(edit, conn)
    c_to_s, s_to_c = tmp_path / "cs.kzb", tmp_path / "sc.kzb"
    export_bundle(coordinator, c_to_s)
    export_bundle(second, s_to_c)
    assert import_bundle(second, c_to_s).counts["conflicts"] == 1
    assert import_bundle(coordinator, s_to_c).counts["conflicts"] == 1
    for vault in (coordinator, second):
        with vault.engine.connect() as conn:
            conflicts = open_conflicts(conn)
            consent = conn.exec_driver_sql("SELECT consent FROM person WHERE uuid = ?", (person,)).scalar()
        assert [c.field for c in conflicts] == ["occupation"]
        assert sorted(c.value for c in conflicts[0].candidates) == ["активист", "журналист"]
        assert consent == "public"  # the same change on both sides is not a conflict
    assert content(coordinator)["person"] == content(second)["person"]
    second.close()


def test_a_resolution_settles_the_conflict_everywhere(network, tmp_path: Path) -> None:
    from kzdesk.core.exchange.conflicts import resolve_conflict

    coordinator, volunteers = network
    second = make_vault(tmp_path / "second", "coordinator", "Second")
    for a, b in ((volunteers[0], second), (second, volunteers[0]), (coordinator, second), (second, coordinator)):
        introduce(a, b)
    changes = volunteers[0].changeset()
    person = changes.create("person", {"name": "Ли Анна", "name_key": "ли анна"})
    volunteers[0].commit(changes)
    export_bundle(volunteers[0], tmp_path / "v.kzb")
    for vault, occupation in ((coordinator, "журналист"), (second, "блогер")):
        import_bundle(vault, tmp_path / "v.kzb")
        with vault.transaction() as conn:
            edit = vault.changeset()
            edit.update(conn, "person", person, {"occupation": occupation})
            vault.commit(edit, conn)
    export_bundle(coordinator, tmp_path / "c1.kzb")
    export_bundle(second, tmp_path / "s1.kzb")
    import_bundle(second, tmp_path / "c1.kzb")
    import_bundle(coordinator, tmp_path / "s1.kzb")
    with coordinator.engine.connect() as conn:
        [conflict] = open_conflicts(conn)
    resolve_conflict(coordinator, conflict.id, "журналист и блогер")
    export_bundle(coordinator, tmp_path / "c2.kzb")
    assert import_bundle(second, tmp_path / "c2.kzb").status == "merged"
    for vault in (coordinator, second):
        with vault.engine.connect() as conn:
            assert open_conflicts(conn) == []
            value = conn.exec_driver_sql("SELECT occupation FROM person WHERE uuid = ?", (person,)).scalar()
        assert value == "журналист и блогер"
    assert content(coordinator)["person"] == content(second)["person"]
    second.close()


def test_good_bundles_merge_beside_a_bad_one(network, tmp_path: Path) -> None:
    from kzdesk.core.exchange.importing import import_bundles

    coordinator, volunteers = network
    paths = []
    for volunteer, part in zip(volunteers, split_month(tmp_path, 3), strict=True):
        import_csv(volunteer, part)
        paths.append(tmp_path / f"{volunteer.profile.display_name}.kzb")
        export_bundle(volunteer, paths[-1])
    data = paths[1].read_bytes()
    paths[1].write_bytes(data[: len(data) // 2])
    outcomes = import_bundles(coordinator, paths)
    assert [o.status for o in outcomes] == ["merged", "rejected", "merged"]
    with coordinator.engine.connect() as conn:
        logged = conn.exec_driver_sql("SELECT count(*) FROM bundle_log WHERE status = 'merged'").scalar()
    assert logged == 2


def test_same_person_from_two_volunteers_is_a_probable_duplicate(network, tmp_path: Path) -> None:
    from kzdesk.core.exchange.duplicates import find_duplicates

    coordinator, volunteers = network
    for volunteer, name, city in ((volunteers[0], "Жақсылықов Ерлан", "Орал"),
                                  (volunteers[1], "Yerlan Zhaksylykov", "Uralsk"),
                                  (volunteers[2], "Ким Виктор", "Almaty")):
        path = tmp_path / f"{volunteer.profile.display_name}.csv"
        path.write_text(f"person,event_type,city\n{name},detention,{city}\n", encoding="utf-8")
        import_csv(volunteer, path)
        export_bundle(volunteer, tmp_path / f"{volunteer.profile.display_name}.kzb")
        import_bundle(coordinator, tmp_path / f"{volunteer.profile.display_name}.kzb")
    with coordinator.engine.connect() as conn:
        pairs = find_duplicates(conn)
    assert [{p.name_a, p.name_b} for p in pairs] == [{"Жақсылықов Ерлан", "Yerlan Zhaksylykov"}]
    assert "same city" in pairs[0].reasons and pairs[0].score >= 90


def test_receipt_lets_the_volunteer_erase_what_arrived(network, tmp_path: Path) -> None:
    import base64

    from kzdesk.core.exchange.receipts import purge, read_receipt, write_receipt

    coordinator, volunteers = network
    volunteer = volunteers[0]
    canary = "KZCANARYpurge"
    first = tmp_path / "first.csv"
    first.write_text(f"person,event_type,description\n{canary} Әлихан,detention,{canary} detail\n", encoding="utf-8")
    import_csv(volunteer, first)
    export_bundle(volunteer, tmp_path / "1.kzb")
    later = tmp_path / "later.csv"
    later.write_text("person,event_type\nКим Виктор,warning\n", encoding="utf-8")
    import_csv(volunteer, later)  # recorded after the bundle: must stay
    assert import_bundle(coordinator, tmp_path / "1.kzb").status == "merged"
    with coordinator.engine.connect() as conn:
        data = write_receipt(conn, coordinator.identity, volunteer.identity.key_id)
    assert canary.encode() not in data
    with volunteer.engine.connect() as conn:
        receipt = read_receipt(conn, data, volunteer.identity.key_id)
    assert purge(volunteer, receipt).erased_total == 3  # the event, the person and the act
    from kzdesk.core.model.search import search

    with volunteer.engine.connect() as conn:
        assert vault_stats(conn).persons == 1 and vault_stats(conn).acts == 1
        assert search(conn, canary) == [] and search(conn, "Әлихан") == []
        for table in ("revision", "setting", "person_fts_data", "event_fts_data", "act_fts_data"):
            rows = conn.exec_driver_sql(f"SELECT * FROM {table}").fetchall()
            blobs = b"".join(v for r in rows for v in r if isinstance(v, bytes))
            assert canary not in repr(rows) and canary.lower().encode() not in blobs.lower(), table
    volunteer.close()
    for path in volunteer.path.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert canary.encode() not in blob and canary.encode("utf-16-le") not in blob
            assert base64.b64encode(canary.encode())[:10] not in blob
    tampered = data.replace(b'"volunteer"', b'"volunteeR"')
    reopened = Vault.open(volunteer.path, "pass phrase")
    with reopened.engine.connect() as conn, pytest.raises(Exception):
        read_receipt(conn, tampered, reopened.identity.key_id)
    reopened.close()


def test_a_folder_of_bundles_from_the_command_line(network, tmp_path: Path, kz) -> None:
    coordinator, volunteers = network
    stick = tmp_path / "stick"
    (stick / "old").mkdir(parents=True)
    for volunteer, part in zip(volunteers, split_month(tmp_path, 3), strict=True):
        import_csv(volunteer, part)
        export_bundle(volunteer, stick / f"{volunteer.profile.display_name}.KZB")
    (stick / "notes.txt").write_text("not a bundle")
    (stick / "old" / "x.kzb").write_bytes(b"ignored: subfolders are not searched")
    run = {"vault": coordinator.path, "passphrase": "pass phrase"}
    result = kz("import-bundle", str(stick), "--json", **run)
    assert result.code == 0
    assert [(Path(o["file"]).name, o["status"]) for o in result.json()] == [
        ("Aktobe.KZB", "merged"), ("Oral.KZB", "merged"), ("Shymkent.KZB", "merged")]
    empty = kz("import-bundle", str(stick / "old" / ".."), str(tmp_path / "xdg-data"), **run)
    assert empty.code == 0  # the stick again: everything already imported
    nothing = kz("import-bundle", str(tmp_path / "xdg-data"), **run)
    assert nothing.code == 1 and "No bundles" in nothing.err


def test_a_bundle_no_coordinator_would_accept_is_not_written(tmp_path: Path, monkeypatch) -> None:
    """A coordinator refuses a bundle over the size limit unread; the volunteer hears it at export,
    with nothing written and the bundle's number not taken."""
    from kzdesk.core.errors import InputError
    from kzdesk.core.exchange import exporting

    v = make_vault(tmp_path / "v", "volunteer", "V")
    c = make_vault(tmp_path / "c", "coordinator", "C")
    introduce(v, c)  # v trusts c's card
    record(v, "Серікбаева Айгүл")
    monkeypatch.setattr(exporting, "MAX_BUNDLE_BYTES", 1 << 10)
    with pytest.raises(InputError, match="more than the 0 MiB a coordinator accepts"):
        export_bundle(v, tmp_path / "big.kzb")
    assert not (tmp_path / "big.kzb").exists()
    monkeypatch.undo()
    assert export_bundle(v, tmp_path / "ok.kzb").seq == 1
    for vault in (v, c):
        vault.close()
