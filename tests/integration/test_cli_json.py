"""`--json` on every command that reports something: one JSON document on standard output with the keys
docs/JSON.md promises, notes for people on standard error; and the document's list of commands is the
parser's, so neither can drift from the other."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

import pytest

from kzdesk.cli import build_parser
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.layout import DATABASE_FILE

from ..vaults import DATA, PASSPHRASE, introduce, make_vault, record, stale_save_conflict

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "JSON.md"
MONTH = DATA / "monitoring_2021_12.csv"


# --- the document and the parser ---------------------------------------------------------------------------
def _commands(parser: argparse.ArgumentParser, path: str = "") -> dict[str, argparse.ArgumentParser]:
    """Every runnable command by its name ("check", "report person"), older names left out."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            listed = {choice.dest for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if name in listed:
                    found.update(_commands(sub, f"{path} {name}".strip()))
    return found or {path: parser}


def _with_json() -> set[str]:
    return {name for name, p in _commands(build_parser()).items()
            if any("--json" in a.option_strings for a in p._actions)}


def _documented(section: str, pattern: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(pattern, body, flags=re.MULTILINE)


def test_the_document_lists_exactly_the_commands_that_take_json() -> None:
    documented = _documented("Commands with --json", r"^### `kzdesk ([a-z -]+)`$")
    assert len(documented) == len(set(documented))
    assert set(documented) == _with_json()


def test_every_command_either_takes_json_or_is_documented_as_reporting_nothing() -> None:
    """A new command cannot slip by: it is in one list of docs/JSON.md or the other, and only those
    without --json are in the second list (gui, and commands that only confirm a change of a secret)."""
    without = _documented("Commands without --json", r"^- `kzdesk ([a-z -]+)` — ")
    commands = set(_commands(build_parser()))
    assert set(without) | _with_json() == commands
    assert not set(without) & _with_json()
    assert len(without) <= 6  # anything that reports a result, a count, a path or a verdict has --json


# --- each command ----------------------------------------------------------------------------------------
def _json(result: Any) -> Any:
    assert result.code == 0, result.err
    return result.json()


def _keys(text: str) -> set[str]:
    """The keys docs/JSON.md gives for a command: each `name` it writes as code in that section."""
    body = DOC.read_text(encoding="utf-8").split(f"### `kzdesk {text}`\n", 1)[1].split("\n### ", 1)[0]
    return set(re.findall(r"`([a-z_]+)`", body))


def _has_documented_keys(command: str, found: dict[str, Any]) -> None:
    assert set(found) <= _keys(command), set(found) - _keys(command)


@pytest.fixture
def month(kz, vault_path: Path) -> Path:
    assert kz("import-csv", str(MONTH), vault=vault_path).code == 0
    return vault_path


def test_check_json_intact_and_damaged(kz, month: Path) -> None:
    found = _json(kz("check", "--structure", "--json", vault=month))
    assert found["intact"] is True and found["structure_checked"] is True and found["pages"] > 0
    assert found["damaged_pages"] == [] and found["problems"] == [] and found["recounted"] is False
    _has_documented_keys("check", found)
    assert set(found) == {"intact", "pages", "damaged_pages", "truncated", "structure_checked", "problem_count",
                          "problems", "recounted"}

    assert kz("backup", vault=month).code == 0
    db = month / DATABASE_FILE
    data = bytearray(db.read_bytes())
    data[3 * 4096 + 1000] ^= 0x40
    db.write_bytes(bytes(data))
    damaged = kz("check", "--json", vault=month)
    assert damaged.code == 3 and "damaged" in damaged.err  # the error as without --json
    verdict = damaged.json()
    assert verdict["intact"] is False and verdict["damaged_pages"] == [4] and verdict["structure_checked"] is False

    repaired = _json(kz("repair", "--json", vault=month))
    _has_documented_keys("repair", repaired)
    assert repaired["taken"] and repaired["from_file"] is None and Path(repaired["kept"]).is_file()
    assert _json(kz("check", "--json", vault=month))["intact"] is True


def test_reports_json(kz, month: Path, tmp_path: Path) -> None:
    person = _json(kz("persons", "--json", vault=month))[0]["uuid"]
    pdf = tmp_path / "case.pdf"
    found = _json(kz("report", "person", person, "--out", str(pdf), "--profile", "full", "--json", vault=month))
    assert found == {"written": str(pdf), "kind": "person", "person": person, "profile": "full", "archival": False}

    checked = kz("verify-report", str(pdf), "--json", vault=month)
    assert _json(checked) == {"ok": True, "reason": "The report matches the vault.", "person": person}
    assert "not encrypted" not in checked.out
    bogus = tmp_path / "bogus.pdf"
    bogus.write_bytes(b"not a pdf")
    refused = kz("verify-report", str(bogus), "--json", vault=month)
    assert refused.code == 1 and refused.json() == {"ok": False, "reason": "This file is not a readable PDF.",
                                                    "person": None}

    chronology = kz("report", "chronology", "--from", "2021-12-01", "--to", "2021-12-31", "--out",
                    str(tmp_path / "c.txt"), "--json", vault=month)
    found = _json(chronology)
    _has_documented_keys("report chronology", found)
    assert found["format"] == "txt" and found["withheld"] == 82 and found["from"] == "2021-12-01"
    assert "not encrypted" in chronology.err  # the note for people, on standard error

    found = _json(kz("report", "stats", "--from", "2021-12-01", "--to", "2021-12-31", "--out",
                     str(tmp_path / "s.pdf"), "--json", vault=month))
    _has_documented_keys("report stats", found)
    assert (found["acts"], found["undated"]) == (67, 8) and found["by_month"] == {"2021-12": 67}

    found = _json(kz("report", "prisoners", "--out", str(tmp_path / "p.xlsx"), "--profile", "full", "--json",
                     vault=month))
    _has_documented_keys("report prisoners", found)
    assert found["format"] == "xlsx" and found["persons"] == sum(found["by_group"].values()) > 0
    assert found["withheld"] == {"persons": 0, "acts": 0}


def test_files_written_json(kz, month: Path, tmp_path: Path) -> None:
    out = tmp_path / "partners.csv"
    exported = kz("export-csv", "--out", str(out), "--profile", "full", "--json", vault=month)
    assert _json(exported) == {"written": str(out), "format": "csv", "profile": "full", "lang": "en", "rows": 82,
                               "withheld": 0}
    assert "NOT encrypted" in exported.err

    sheet = tmp_path / "template.xlsx"
    assert _json(kz("template", "--out", str(sheet), "--json")) == {"written": str(sheet), "format": "xlsx",
                                                                   "lang": "en"}
    guide = _json(kz("--lang", "kk", "guide", "--json"))
    assert guide["lang"] == "kk" and guide["written"] is None and Path(guide["guide"]).is_file()

    backup = tmp_path / "carried.kzbackup"
    assert _json(kz("backup", "--out", str(backup), "--json", vault=month)) == {"written": str(backup)}
    assert Path(_json(kz("backup", "--json", vault=month))["written"]).is_file()
    target = tmp_path / "restored"
    assert _json(kz("restore", str(backup), "--json", vault=target)) == {"restored": str(target),
                                                                         "file": str(backup)}

    about = _json(kz("about", "--json"))
    _has_documented_keys("about", about)
    assert about["portable"] is False and about["portable_root"] is None and about["fingerprint"]

    shares = _json(kz("recovery-shares", "--json", vault=month))["shares"]
    assert [s["number"] for s in shares] == [1, 2, 3] and all(s["words"] and not s["written"] for s in shares)
    (tmp_path / "shares").mkdir()
    written = _json(kz("recovery-shares", "--out", str(tmp_path / "shares"), "--json", vault=month))["shares"]
    assert [s["words"] for s in written] == [None] * 3
    assert all(Path(s["written"][0]).read_text(encoding="utf-8").strip() for s in written)


def test_status_and_decisions_json(kz, month: Path) -> None:
    persons = _json(kz("persons", "--json", vault=month))
    found = _json(kz("status", "set", persons[0]["uuid"], "pre_trial", "--date", "2021-12-29", "--json",
                     vault=month))
    assert found == {"person": persons[0]["uuid"], "code": "pre_trial", "date": "2021-12-29",
                     "reason": None, "note": None}
    a, b = persons[1]["uuid"], persons[2]["uuid"]
    assert _json(kz("duplicates", "different", a, b, "--json", vault=month)) == {"decision": "different",
                                                                               "persons": [a, b]}


def test_init_json(kz, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kzdesk.core.vault.vault as vault_module
    from kzdesk.core.vault.kdf import floor_params

    monkeypatch.setattr(vault_module, "calibrate", floor_params)
    path = tmp_path / "new"
    result = kz("init", "--role", "coordinator", "--json", vault=path)
    found = _json(result)
    assert found["vault"] == str(path) and found["role"] == "coordinator" and found["remembered"] is False
    with Vault.open(path, PASSPHRASE) as vault:
        assert found["key_id"] == vault.identity.key_id
    assert "Keep the passphrase safe" in result.err


def test_exchange_json(kz, tmp_path: Path) -> None:
    """A volunteer's bundle, the coordinator's receipt, the volunteer's purge; trusting and revoking a card."""
    volunteer = make_vault(tmp_path / "volunteer", "volunteer", "Айгүл")
    coordinator = make_vault(tmp_path / "coordinator", "coordinator", "Ерлан")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    record(volunteer, "Жақсылықов Ерлан")
    volunteer_key = volunteer.identity.key_id
    stranger = make_vault(tmp_path / "stranger", "volunteer", "Stranger")
    introduce(stranger, coordinator)  # the coordinator does not know the stranger: set aside
    for vault in (volunteer, coordinator, stranger):
        vault.close()
    v, c = tmp_path / "volunteer", tmp_path / "coordinator"

    bundle = tmp_path / "to-coordinator.kzb"
    sent = _json(kz("export-bundle", "--out", str(bundle), "--json", passphrase="pass phrase", vault=v))
    assert sent["written"] == str(bundle) and sent["seq"] == 1 and sent["revisions"] > 0
    assert sent["everything"] is False and sent["attachments"] == 0
    _has_documented_keys("export-bundle", sent)
    assert _json(kz("import-bundle", str(bundle), "--json", passphrase="pass phrase", vault=c))[0]["status"] \
        == "merged"

    receipt = tmp_path / "receipt.kzr"
    assert _json(kz("receipt", "--for", volunteer_key, "--out", str(receipt), "--json", passphrase="pass phrase",
                    vault=c)) == {"written": str(receipt), "volunteer": volunteer_key}
    purged = kz("purge", "--receipt", str(receipt), "--yes", "--json", passphrase="pass phrase", vault=v)
    found = _json(purged)
    _has_documented_keys("purge", found)
    assert found["purged"] is True and found["erased_total"] == sum(found["erased"].values()) > 0
    assert "can be erased" in purged.err  # what it would erase, for people, on standard error

    card = tmp_path / "card.json"
    assert kz("identity", "export-card", "--out", str(card), passphrase="pass phrase", vault=v).code == 0
    other = tmp_path / "other"
    make_vault(other, "coordinator", "Сәуле").close()
    added = kz("trust", "add", str(card), "--yes", "--json", passphrase="pass phrase", vault=other)
    found = _json(added)
    assert found["added"] is True and found["key_id"] == volunteer_key and found["display_name"] == "Айгүл"
    assert "fingerprint" in added.err
    assert _json(kz("trust", "revoke", volunteer_key, "--after-seq", "0", "--json", passphrase="pass phrase",
                    vault=other)) == {"revoked": volunteer_key, "after_seq": 0}

    for name in ("Ким Виктор", "Құрманова Ольга"):
        record_vault = Vault.open(tmp_path / "stranger", "pass phrase")
        record(record_vault, name)
        record_vault.close()
        assert kz("export-bundle", "--out", str(tmp_path / f"{name}.kzb"), passphrase="pass phrase",
                  vault=tmp_path / "stranger").code == 0
        outcome = _json(kz("import-bundle", str(tmp_path / f"{name}.kzb"), "--json", passphrase="pass phrase",
                           vault=c))
        assert outcome[0]["status"] == "quarantined"
    listed = [q["bundle"] for q in _json(kz("quarantine", "list", "--json", passphrase="pass phrase", vault=c))]
    accepted = _json(kz("quarantine", "accept", listed[0], "--json", passphrase="pass phrase", vault=c))
    assert accepted["new"] > 0 and set(accepted) >= {"new", "updated", "unchanged", "conflicts", "future"}
    assert _json(kz("quarantine", "drop", listed[1], "--json", passphrase="pass phrase", vault=c)) \
        == {"dropped": listed[1]}


def test_conflict_resolved_json(kz, vault: Vault, vault_path: Path) -> None:
    _act, conflict = stale_save_conflict(vault)
    vault.close()
    assert _json(kz("conflicts", "resolve", conflict, "--pick", "1", "--json", vault=vault_path))["resolved"] \
        == conflict
    assert _json(kz("conflicts", "--json", vault=vault_path)) == []
