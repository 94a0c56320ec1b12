"""Consent a coordinator can actually set: CSV columns for the person's and the event's level, bulk
changes that are audited and travel in bundles, and public outputs that say what consent withheld."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.model.vault import Vault

from ..vaults import DATA, PASSPHRASE, import_bundle, introduce, make_vault

MONTH = DATA / "monitoring_2021_12.csv"


def month_with(tmp_path: Path, name: str, **columns: str) -> Path:
    """The December fixture with extra columns set to the same value on every row."""
    rows = list(csv.DictReader(io.StringIO(MONTH.read_text(encoding="utf-8"), newline="")))
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*rows[0], *columns])
        writer.writeheader()
        writer.writerows({**row, **columns} for row in rows)
    return path


def small_csv(tmp_path: Path, name: str, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / name
    header = ["date", "city", "person", "event_type", "consent", "person_consent", "event_consent", "event_ref"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def levels(vault_path: Path, table: str) -> dict[str, str]:
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        key = "name" if table == "person" else "uuid"
        rows = conn.exec_driver_sql(f"SELECT {key}, consent FROM {table} WHERE deleted = 0")
        return {str(k): str(v) for k, v in rows}


def test_a_public_month_gives_a_public_chronology_and_export(kz, vault_path: Path, tmp_path: Path) -> None:
    path = month_with(tmp_path, "public.csv", consent="public", person_consent="public", event_consent="public")
    assert kz("import-csv", str(path), vault=vault_path).code == 0
    assert set(levels(vault_path, "person").values()) == {"public"}
    assert set(levels(vault_path, "event").values()) == {"public"}
    out = tmp_path / "chronology.txt"
    result = kz("report", "chronology", "--from", "2021-12-01", "--to", "2021-12-31", "--out", str(out),
                vault=vault_path)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "Жақсылықов Ерлан" in text and "Nothing that may be published" not in text
    assert "not shown" not in result.err  # nothing withheld: nothing said
    export = tmp_path / "public.csv.out.csv"
    result = kz("export-csv", "--out", str(export), vault=vault_path)
    assert result.code == 0 and "not shown" not in result.err
    assert len(export.read_text(encoding="utf-8-sig").splitlines()) == 83  # header + every act


def test_consent_alone_sets_new_persons_and_events_only(kz, vault_path: Path, tmp_path: Path) -> None:
    first = small_csv(tmp_path, "first.csv", [
        {"date": "2021-12-05", "city": "Almaty", "person": "Ким Виктор", "event_type": "detention",
         "person_consent": "confidential"}])
    assert kz("import-csv", str(first), vault=vault_path).code == 0
    second = small_csv(tmp_path, "second.csv", [
        {"date": "2021-12-06", "city": "Almaty", "person": "Ким Виктор", "event_type": "fine", "consent": "public",
         "event_ref": "e1"},
        {"date": "2021-12-06", "city": "Almaty", "person": "Ли Анна", "event_type": "fine", "consent": "anonymised",
         "event_ref": "e1"},
        {"date": "2021-12-06", "city": "Almaty", "person": "Нуров Ахмет", "event_type": "fine", "consent": "public",
         "event_ref": "e1"}])
    result = kz("import-csv", str(second), vault=vault_path)
    assert result.code == 0, result.err
    # The existing person keeps their level without a word (the row did not ask about the person);
    # new persons take the row's level; the event of three rows takes the loosest act level.
    assert levels(vault_path, "person") == {"Ким Виктор": "confidential", "Ли Анна": "anonymised",
                                            "Нуров Ахмет": "public"}
    assert sorted(levels(vault_path, "event").values()) == ["confidential", "public"]
    assert "stays" not in result.out
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        acts = sorted(str(r[0]) for r in conn.exec_driver_sql("SELECT consent FROM act WHERE consent IS NOT NULL"))
    assert acts == ["anonymised", "public", "public"]


def test_an_import_never_loosens_a_persons_consent_and_says_so(kz, vault_path: Path, tmp_path: Path) -> None:
    first = small_csv(tmp_path, "first.csv", [
        {"date": "2021-12-05", "city": "Almaty", "person": "Ким Виктор", "event_type": "detention",
         "person_consent": "anonymised"},
        {"date": "2021-12-05", "city": "Almaty", "person": "Ли Анна", "event_type": "detention",
         "person_consent": "public"}])
    assert kz("import-csv", str(first), vault=vault_path).code == 0
    second = small_csv(tmp_path, "second.csv", [
        {"date": "2021-12-07", "city": "Almaty", "person": "Ким Виктор", "event_type": "fine",
         "person_consent": "public", "consent": "public"},
        {"date": "2021-12-07", "city": "Almaty", "person": "Ли Анна", "event_type": "fine",
         "person_consent": "confidential"}])
    result = kz("import-csv", str(second), vault=vault_path)
    assert result.code == 0, result.err
    assert levels(vault_path, "person") == {"Ким Виктор": "anonymised", "Ли Анна": "confidential"}
    assert "Row 2: Ким Виктор stays anonymised; the file asked for public" in result.out
    assert "Ли Анна" not in result.out  # made stricter: applied, nothing to report
    third = small_csv(tmp_path, "third.csv", [
        {"date": "2021-12-08", "city": "Almaty", "person": "Ли Анна", "event_type": "fine",
         "person_consent": "public"}])
    result = kz("import-csv", str(third), "--json", vault=vault_path)
    report = result.json()
    assert isinstance(report, dict)
    assert report["consent_kept_count"] == 1
    assert report["consent_kept"] == [{"row": 2, "person": "Ли Анна", "kept": "confidential", "asked": "public"}]
    result = kz("import-csv", str(third), "--lang", "ru", vault=vault_path)
    assert "Строка 2: Ли Анна" in result.out and "конфиденциально" in result.out
    # The person's history shows the stricter level set by the second import, audited.
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        anna = conn.exec_driver_sql("SELECT uuid FROM person WHERE name = 'Ли Анна'").scalar_one()
    history = kz("history", str(anna), "--json", vault=vault_path).json()
    assert isinstance(history, list)
    assert [e["changed"].get("consent") for e in history][-1] == ["public", "confidential"]


def test_consent_set_over_each_kind_of_selection(kz, vault_path: Path, tmp_path: Path) -> None:
    assert kz("import-csv", str(MONTH), vault=vault_path).code == 0
    empty = tmp_path / "empty.txt"
    result = kz("report", "chronology", "--from", "2021-12-01", "--to", "2021-12-31", "--out", str(empty),
                vault=vault_path)
    # Every act of December, its vaguely dated section included.
    assert "82 acts not shown: their consent is not public. Change it with 'kzdesk consent set'" in result.err
    assert "82 acts not shown" in empty.read_text(encoding="utf-8")
    dry = kz("consent", "set", "public", "--person", "Жақсылықов", "--dry-run", "--json", vault=vault_path).json()
    assert isinstance(dry, dict) and dry["persons"] == 1 and dry["dry_run"]
    assert set(levels(vault_path, "person").values()) == {"confidential"}
    result = kz("consent", "set", "public", "--person", "Жаксылыков Ерлан", vault=vault_path)
    assert result.code == 0 and "Changed 1 persons, 0 events and 0 acts to public." in result.out
    result = kz("consent", "set", "public", "--from", "2021-12-01", "--to", "2021-12-10", "--city", "Алматы",
                "--json", vault=vault_path)
    changed = result.json()
    assert isinstance(changed, dict) and changed["events"] > 0 and changed["persons"] == 0
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        almaty = {str(r[0]) for r in conn.exec_driver_sql(
            "SELECT consent FROM event WHERE city = 'almaty' AND date_start <= '2021-12-10'")}
        others = {str(r[0]) for r in conn.exec_driver_sql("SELECT consent FROM event WHERE city != 'almaty'")}
        act = conn.exec_driver_sql("SELECT uuid FROM act ORDER BY rowid LIMIT 1").scalar_one()
    assert almaty == {"public"} and others == {"confidential"}
    result = kz("consent", "set", "anonymised", str(act), vault=vault_path)
    assert "Changed 0 persons, 0 events and 1 acts to anonymised." in result.out
    history = kz("history", str(act), "--json", vault=vault_path).json()
    assert isinstance(history, list) and history[-1]["changed"] == {"consent": [None, "anonymised"]}
    # A whole month, with its persons and acts.
    result = kz("consent", "set", "public", "--from", "2021-12", "--to", "2021-12", "--what", "all", vault=vault_path)
    assert result.code == 0
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        december = {str(r[0]) for r in conn.exec_driver_sql(
            "SELECT p.consent FROM act a JOIN person p ON p.uuid = a.person JOIN event e ON e.uuid = a.event "
            "WHERE e.date_start >= '2021-12-01'")}
    assert december == {"public"}
    full = tmp_path / "full.txt"
    result = kz("report", "chronology", "--from", "2021-12-01", "--to", "2021-12-31", "--out", str(full),
                vault=vault_path)
    # Left out now: only the acts of events dated no closer than "2021" (not selected by a December period).
    assert "15 acts not shown" in result.err and "15 acts not shown" in full.read_text(encoding="utf-8")


def test_consent_set_refuses_bad_input_and_changes_nothing(kz, vault_path: Path) -> None:
    from ..vaults import snapshot

    before = snapshot(vault_path)
    assert kz("consent", "set", "open", "--person", "x", vault=vault_path).code == 1
    assert kz("consent", "set", "public", vault=vault_path).code == 1
    result = kz("consent", "set", "public", "0123456789abcdef0123456789abcdef", vault=vault_path)
    assert result.code == 1 and "No record 0123456789abcdef0123456789abcdef." in result.err
    result = kz("consent", "set", "public", "--city", "Атлантида", vault=vault_path)
    assert result.code == 1 and "Unknown city" in result.err
    assert snapshot(vault_path) == before


def test_a_consent_change_travels_to_a_coordinator(tmp_path: Path) -> None:
    from kzdesk.core.ingest.csv_import import import_csv
    from kzdesk.core.model.consent import choose, set_consent

    first = make_vault(tmp_path / "first", "coordinator", "Almaty")
    second = make_vault(tmp_path / "second", "coordinator", "Oral")
    introduce(first, second)
    introduce(second, first)
    import_csv(first, MONTH)
    export_bundle(first, tmp_path / "1.kzb")
    assert import_bundle(second, tmp_path / "1.kzb").status == "merged"
    with first.engine.connect() as conn:
        chosen = choose(conn, start="2021-12-01", end="2021-12-31", what="all")
    done = set_consent(first, "public", chosen)
    assert done.persons > 0 and done.events > 0 and done.acts == 67
    report = export_bundle(first, tmp_path / "2.kzb")
    assert report.revisions == done.changed
    assert import_bundle(second, tmp_path / "2.kzb").status == "merged"
    with second.engine.connect() as conn:
        assert {str(r[0]) for r in conn.exec_driver_sql(
            "SELECT p.consent FROM act a JOIN person p ON p.uuid = a.person JOIN event e ON e.uuid = a.event "
            "WHERE e.date_start >= '2021-12-01'")} == {"public"}
        assert {str(r[0]) for r in conn.exec_driver_sql(
            "SELECT consent FROM event WHERE date_start >= '2021-12-01'")} == {"public"}
    first.close()
    second.close()


def test_a_volunteer_changes_only_their_own_records(tmp_path: Path) -> None:
    """A record another author created (as a merged one would be) is left as it is and counted."""
    from kzdesk.core.model.consent import Selection, set_consent
    from kzdesk.core.model.revisions import Changeset

    volunteer = make_vault(tmp_path / "v", "volunteer", "Oral")
    foreign = Changeset("c" * 64, volunteer.clock)
    theirs = foreign.create("person", {"name": "Ким Виктор", "name_key": "ким виктор"})
    volunteer.commit(foreign)
    changes = volunteer.changeset()
    mine = changes.create("person", {"name": "Ли Анна", "name_key": "ли анна"})
    volunteer.commit(changes)
    done = set_consent(volunteer, "public", Selection(person={theirs, mine}))
    assert (done.persons, done.not_yours) == (1, 1)
    with volunteer.engine.connect() as conn:
        levels = dict(conn.exec_driver_sql("SELECT uuid, consent FROM person").fetchall())
        revisions = conn.exec_driver_sql("SELECT count(*) FROM revision WHERE record = ?", (theirs,)).scalar_one()
    assert levels == {theirs: "confidential", mine: "public"} and revisions == 1
    volunteer.close()


def test_public_export_says_what_it_withheld(kz, vault_path: Path, tmp_path: Path) -> None:
    assert kz("import-csv", str(MONTH), vault=vault_path).code == 0
    out = tmp_path / "x.xlsx"
    result = kz("export-csv", "--out", str(out), vault=vault_path)
    assert result.code == 0
    assert "0 rows written" in result.out
    assert "82 acts not shown: their consent is not public." in result.err
    result = kz("export-csv", "--out", str(out), "--lang", "ru", vault=vault_path)
    assert "82 действия не показаны" in result.err
    result = kz("export-csv", "--out", str(out), "--profile", "lawyer", vault=vault_path)
    assert "not shown" not in result.err
