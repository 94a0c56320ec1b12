"""The command line as a user meets it: help, init, passphrase sources, locations, history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ..vaults import DATA, PASSPHRASE


def test_help_lists_the_commands(kz) -> None:
    import pytest

    with pytest.raises(SystemExit) as info:
        kz("--help")
    assert info.value.code == 0


def test_no_arguments_opens_the_window(monkeypatch, kz, tmp_path: Path) -> None:
    import kzdesk.app

    opened = []
    monkeypatch.setattr(kzdesk.app, "main", lambda path, lang=None: opened.append((path, lang)) or 0)
    assert kz(vault=tmp_path / "v").code == 0
    assert kz("gui", "--vault", str(tmp_path / "w"), "--lang", "kk").code == 0
    assert opened == [(tmp_path / "v", None), (tmp_path / "w", "kk")]


def test_real_init_in_default_location_then_use(tmp_path: Path) -> None:
    """`kzdesk init` as a new user runs it: calibrated KDF, default per-user directory."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "KZDESK_PASSPHRASE": PASSPHRASE,
           "KZDESK_LANG": "en"}
    env.pop("KZDESK_VAULT", None)
    run = lambda *a: subprocess.run([sys.executable, "-m", "kzdesk", *a], capture_output=True, text=True,  # noqa: E731
                                    env=env, timeout=300)
    init = run("init", "--role", "coordinator", "--name", "Айгүл Серікбаева", "--city", "Орал")
    assert init.returncode == 0, init.stderr
    vault = tmp_path / "data" / "kzdesk" / "vault"
    assert (vault / "vault.json").exists() and (vault / "kzdesk.db").exists()
    slot = json.loads((vault / "vault.json").read_text())["slots"][0]["kdf"]
    assert slot["m"] >= 65536 and slot["t"] >= 3
    assert "Айгүл" not in (vault / "vault.json").read_text()
    again = run("init")
    assert again.returncode == 3 and "already exists" in again.stderr
    imported = run("import-csv", str(DATA / "monitoring_2021_12.csv"))
    assert imported.returncode == 0, imported.stderr
    assert json.loads(run("stats", "--json").stdout)["acts"] == 82


def test_passphrase_file_and_options_after_the_command(kz, vault_path: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    result = kz("stats", "--json", "--vault", str(vault_path), "--passphrase-file", str(secret), passphrase=None)
    assert result.code == 0, result.err
    assert result.json()["persons"] == 0


def test_passwd_changes_the_passphrase(kz, vault_path: Path, monkeypatch) -> None:
    import kzdesk.core.vault.vault as vault_module
    from kzdesk.core.vault.kdf import floor_params

    monkeypatch.setattr(vault_module, "calibrate", floor_params)
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", "жаңа құпия фраза")
    assert kz("passwd", vault=vault_path).code == 0
    assert kz("stats", vault=vault_path).code == 2
    assert kz("stats", passphrase="жаңа құпия фраза", vault=vault_path).code == 0


def test_kazakh_letters_in_paths(kz, tmp_path: Path) -> None:
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    vault = tmp_path / "Қойма әңғөұүһі"
    Vault.create(vault, PASSPHRASE, Profile("volunteer", "", ""), kdf=floor_params()).close()
    csv_path = tmp_path / "желтоқсан ақпан.csv"
    csv_path.write_text("person,event_type,city\nӘлия Ұзақбаева,warning,Өскемен\n", encoding="utf-8")
    assert kz("import-csv", str(csv_path), vault=vault).code == 0
    stats = kz("stats", "--json", vault=vault).json()
    assert stats["acts_by_city"] == {"Oskemen": 1}


def test_history_shows_who_changed_what(kz, vault_path: Path) -> None:
    assert kz("import-csv", str(DATA / "monitoring_2021_12.csv"), vault=vault_path).code == 0
    person = kz("search", "Жақсылықов", "--json", vault=vault_path).json()[0]
    history = kz("history", person["uuid"], "--json", vault=vault_path).json()
    assert [h["action"] for h in history] == ["created"]
    assert history[0]["changed"]["name"] == [None, "Жақсылықов Ерлан"]
    assert kz("history", "0" * 32, vault=vault_path).code == 1


def test_stats_table_and_persons_text(kz, vault_path: Path) -> None:
    assert kz("import-csv", str(DATA / "monitoring_2021_12.csv"), vault=vault_path).code == 0
    table = kz("stats", vault=vault_path).out
    assert "Acts: 82" in table and "Oral" in table and "(no city)" in table
    ru = kz("--lang", "ru", "stats", vault=vault_path).out
    assert "(без города)" in ru or "без города" in ru
    persons = kz("persons", vault=vault_path).out.splitlines()
    assert len(persons) == kz("stats", "--json", vault=vault_path).json()["persons"]
    assert kz("check", vault=vault_path).code == 0


def test_exchange_through_the_command_line(kz, tmp_path: Path) -> None:
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    volunteer, coordinator = tmp_path / "volunteer", tmp_path / "coordinator"
    Vault.create(volunteer, PASSPHRASE, Profile("volunteer", "Айгүл", "Oral"), kdf=floor_params()).close()
    Vault.create(coordinator, PASSPHRASE, Profile("coordinator", "Ерлан", "Almaty"), kdf=floor_params()).close()
    shown = kz("identity", "--json", vault=coordinator).json()
    assert shown["age_recipient"].startswith("age1") and len(shown["fingerprint"].split()) == 6
    for vault, card in ((coordinator, tmp_path / "c.card"), (volunteer, tmp_path / "v.card")):
        assert kz("identity", "export-card", "--out", str(card), vault=vault).code == 0
    refused = kz("trust", "add", str(tmp_path / "c.card"), vault=volunteer)  # no terminal, no --yes
    assert refused.code == 1 and "--yes" in refused.err
    added = kz("trust", "add", str(tmp_path / "c.card"), "--yes", vault=volunteer)
    assert added.code == 0 and shown["fingerprint"] in added.out
    assert kz("trust", "add", str(tmp_path / "v.card"), "--yes", vault=coordinator).code == 0
    assert [k["role"] for k in kz("trust", "list", "--json", vault=volunteer).json()] == ["coordinator"]
    assert kz("import-csv", str(DATA / "monitoring_2021_12.csv"), vault=volunteer).code == 0
    bundle = tmp_path / "usb" / "a.kzb"
    bundle.parent.mkdir()
    assert kz("export-bundle", "--out", str(bundle), vault=volunteer).code == 0
    nothing = kz("export-bundle", "--out", str(tmp_path / "b.kzb"), vault=volunteer)
    assert nothing.code == 1 and "Nothing new" in nothing.err
    report = kz("import-bundle", str(bundle), "--json", vault=coordinator).json()
    assert report[0]["status"] == "merged" and report[0]["new"] > 0 and report[0]["quarantined"] == 0
    assert kz("stats", "--json", vault=coordinator).json()["acts"] == 82
    again = kz("import-bundle", str(bundle), "--json", vault=coordinator).json()
    assert again[0]["status"] == "unchanged"
    assert kz("conflicts", "--json", vault=coordinator).json() == []
    assert kz("quarantine", "list", "--json", vault=coordinator).json() == []
    key = kz("identity", "--json", vault=volunteer).json()["key_id"]
    assert kz("trust", "revoke", key, "--after-seq", "1", vault=coordinator).code == 0


def test_a_coordinators_age_key_opens_its_bundles_with_the_age_tool(kz, tmp_path: Path) -> None:
    """`identity export-age-key` writes the coordinator's age identity in the age tool's own form,
    readable by its owner only; `age -d -i` then opens a bundle as kzdesk does. A volunteer has
    no such key and gets nothing written."""
    from kzdesk.core.exchange.bundle import decrypt
    from kzdesk.core.exchange.own import age_identity
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    from ..system import debian_tool

    age = debian_tool("age", "age")
    volunteer, coordinator = tmp_path / "volunteer", tmp_path / "coordinator"
    Vault.create(volunteer, PASSPHRASE, Profile("volunteer", "Айгүл", "Oral"), kdf=floor_params()).close()
    Vault.create(coordinator, PASSPHRASE, Profile("coordinator", "Ерлан", "Almaty"), kdf=floor_params()).close()
    for vault, card in ((coordinator, tmp_path / "c.card"), (volunteer, tmp_path / "v.card")):
        assert kz("identity", "export-card", "--out", str(card), vault=vault).code == 0
    assert kz("trust", "add", str(tmp_path / "c.card"), "--yes", vault=volunteer).code == 0
    assert kz("import-csv", str(DATA / "monitoring_2021_12.csv"), vault=volunteer).code == 0
    bundle = tmp_path / "a.kzb"
    assert kz("export-bundle", "--out", str(bundle), vault=volunteer).code == 0

    refused = kz("identity", "export-age-key", "--out", str(tmp_path / "v.age"), vault=volunteer)
    assert refused.code == 1 and "coordinator" in refused.err and not (tmp_path / "v.age").exists()
    key = tmp_path / "c.age"
    written = kz("identity", "export-age-key", "--out", str(key), "--json", vault=coordinator).json()
    assert written["age_recipient"] == kz("identity", "--json", vault=coordinator).json()["age_recipient"]
    assert key.stat().st_mode & 0o777 == 0o600
    lines = key.read_text().splitlines()
    assert lines[0] == f"# public key: {written['age_recipient']}" and lines[1].startswith("AGE-SECRET-KEY-1")
    opened = subprocess.run([age, "-d", "-i", str(key), str(bundle)], capture_output=True, check=True).stdout
    vault = Vault.open(coordinator, PASSPHRASE)
    with vault.engine.connect() as conn:
        assert opened == decrypt(bundle.read_bytes(), age_identity(conn, create=False))
    vault.close()
    assert opened[:4] == b"PK\x03\x04"
    told = kz("--lang", "ru", "identity", "export-age-key", "--out", str(tmp_path / "again.age"), vault=coordinator)
    assert told.code == 0 and "age -d -i" in told.out
