"""Encryption at rest and failing closed: no plaintext on disk, damaged files never replaced."""

from __future__ import annotations

import base64
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import String

from kzdesk.core.vault.layout import DATABASE_FILE, HEADER_FILE

from ..vaults import PASSPHRASE, snapshot

COLUMNS = ["date", "city", "region", "person", "event_type", "legal_code", "article", "part", "arrest_days",
           "fine_amount", "fine_unit", "description", "source_url", "event_ref"]


def is_text(table: type, name: str) -> bool:
    column_type = table.__table__.columns[name].type
    return isinstance(getattr(column_type, "impl", column_type), String)


def forms(canary: str) -> list[bytes]:
    raw = canary.encode()
    return [raw, canary.encode("utf-16-le"), canary.encode("utf-16-be"), base64.b64encode(raw),
            base64.b64encode(raw)[:-4], canary.lower().encode(), canary.upper().encode()]


def test_canary_in_every_field_is_in_no_file(kz, vault_path: Path, tmp_path: Path) -> None:
    canary = f"KZCANARY-{uuid.uuid4().hex}"
    row = {c: f"{canary}-{c}" for c in ("city", "region", "person", "description", "event_ref")}
    row.update(date="2021-12-01", event_type="fine", legal_code="criminal_code", article="174", part="1",
               arrest_days="3", fine_amount="5", fine_unit="MCI", source_url=f"https://example.kz/{canary}")
    csv_path = tmp_path / "import" / "canary.csv"
    csv_path.parent.mkdir()
    csv_path.write_text(",".join(COLUMNS) + "\n" + ",".join(row[c] for c in COLUMNS) + "\n", encoding="utf-8")
    assert kz("import-csv", str(csv_path), vault=vault_path).code == 0
    assert canary in kz("search", canary, "--json", vault=vault_path).out
    assert kz("persons", vault=vault_path).code == 0
    assert kz("stats", vault=vault_path).code == 0
    assert kz("backup", vault=vault_path).code == 0
    files = [p for p in vault_path.rglob("*") if p.is_file()]
    assert any(p.parent.name == "backups" for p in files)
    for path in files:
        data = path.read_bytes()
        for form in forms(canary):
            assert form not in data, f"{form!r} found in {path.name}"
    db = (vault_path / DATABASE_FILE).read_bytes()
    assert not db.startswith(b"SQLite format 3")
    # The passphrase itself is nowhere either.
    for path in files:
        assert PASSPHRASE.encode() not in path.read_bytes()


def test_plaintext_sqlite_file_is_refused(kz, vault_path: Path) -> None:
    db = vault_path / DATABASE_FILE
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = snapshot(vault_path)
    result = kz("stats", vault=vault_path)
    assert result.code == 3 and "not encrypted" in result.err
    assert snapshot(vault_path) == before


@pytest.mark.parametrize("damage", ["truncate_odd", "truncate_page", "empty", "random", "missing", "flip_page1"])
def test_damaged_database_is_refused_never_recreated(kz, vault_path: Path, damage: str) -> None:
    db = vault_path / DATABASE_FILE
    data = db.read_bytes()
    if damage == "truncate_odd":
        db.write_bytes(data[: len(data) // 2 + 123])
    elif damage == "truncate_page":
        db.write_bytes(data[:4096])
    elif damage == "empty":
        db.write_bytes(b"")
    elif damage == "random":
        db.write_bytes(os.urandom(len(data)))
    elif damage == "missing":
        db.unlink()
    elif damage == "flip_page1":
        db.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])
    before = snapshot(vault_path)
    result = kz("import-csv", str(Path(__file__).parents[1] / "data" / "monitoring_2021_12.csv"),
                vault=vault_path)
    assert result.code == 3, result.err
    assert result.err.startswith("kzdesk: ") and len(result.err.strip().splitlines()) == 1
    assert snapshot(vault_path) == before


def test_wrong_and_empty_passphrase_from_cli(kz, vault_path: Path, tmp_path: Path) -> None:
    before = snapshot(vault_path)
    wrong = kz("stats", passphrase="not it", vault=vault_path)
    assert wrong.code == 2 and wrong.err.strip() == "kzdesk: Wrong passphrase."
    empty = kz("stats", passphrase="", vault=vault_path)
    assert empty.code == 2 and "empty" in empty.err
    none = kz("stats", passphrase=None, vault=vault_path)  # no terminal in tests: refuse, do not hang
    assert none.code == 2
    ru = kz("--lang", "ru", "stats", passphrase="not it", vault=vault_path)
    assert ru.code == 2 and "Неверная" in ru.err
    assert snapshot(vault_path) == before


def test_damaged_header_is_refused(kz, vault_path: Path) -> None:
    (vault_path / HEADER_FILE).write_text('{"format": "kzdesk-vault", "version": 1, "vault": "zz"}')
    before = snapshot(vault_path)
    result = kz("stats", vault=vault_path)
    assert result.code == 3 and "damaged" in result.err
    assert snapshot(vault_path) == before


def test_missing_vault_says_how_to_create(kz, tmp_path: Path) -> None:
    result = kz("stats", vault=tmp_path / "nowhere")
    assert result.code == 3 and "kzdesk init" in result.err
    assert not (tmp_path / "nowhere").exists()


def test_refuses_to_run_without_sqlcipher(vault_path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'sqlcipher3':\n"
        "            raise ImportError('blocked for the test')\n"
        "sys.meta_path.insert(0, Block())\n")
    env = {**os.environ, "PYTHONPATH": str(blocker), "KZDESK_PASSPHRASE": PASSPHRASE, "KZDESK_LANG": "en"}
    before = snapshot(vault_path)
    out = subprocess.run([sys.executable, "-m", "kzdesk", "--vault", str(vault_path), "stats"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 3
    assert "sqlcipher3 is not installed" in out.stderr
    new = tmp_path / "new"
    out = subprocess.run([sys.executable, "-m", "kzdesk", "--vault", str(new), "init"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 3
    assert not (new / DATABASE_FILE).exists() and not (new / HEADER_FILE).exists()
    assert snapshot(vault_path) == before


def test_canary_in_every_field_of_every_table(vault_path: Path) -> None:
    """Write a canary into every text field of every record kind and into an attachment."""
    from kzdesk.core.model.attachments import attach
    from kzdesk.core.model.records import RECORD_TABLES, field_names
    from kzdesk.core.model.vault import Vault

    canary = f"KZCANARY-{uuid.uuid4().hex}"
    with Vault.open(vault_path, PASSPHRASE) as vault:
        with vault.transaction() as conn:
            changes = vault.changeset()
            ids: dict[str, str] = {}
            for kind in ("person", "event", "source"):
                table = RECORD_TABLES[kind]
                fields = {n: f"{canary} {n}" for n in field_names(table)
                          if is_text(table, n)}
                ids[kind] = changes.create(kind, fields)
            act_fields = {n: f"{canary} {n}" for n in field_names(RECORD_TABLES["act"])
                          if is_text(RECORD_TABLES["act"], n)}
            act_fields.update(event=ids["event"], person=ids["person"])
            ids["act"] = changes.create("act", act_fields)
            changes.create("citation", {"source": ids["source"], "target_kind": "act", "target": ids["act"],
                                        "locator": canary})
            changes.create("participation", {"event": ids["event"], "person": ids["person"], "role": canary})
            attach(changes, conn, f"evidence {canary}".encode() * 50, f"{canary}.txt", "act", ids["act"],
                   description=canary)
            vault.commit(changes, conn)
        with vault.transaction() as conn:
            changes = vault.changeset()
            changes.update(conn, "person", ids["person"], {"name": f"{canary} renamed"})
            vault.commit(changes, conn)
        vault.backup("canary")
    files = [p for p in vault_path.rglob("*") if p.is_file()]
    assert len(files) >= 3
    for path in files:
        data = path.read_bytes()
        for form in forms(canary):
            assert form not in data, f"{form!r} found in {path.name}"
