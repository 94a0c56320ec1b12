"""A volunteer's and a coordinator's whole working day on the command line, with a canary in every
field a monitor can type, for the sweeps of files and logs that follow it."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from kzdesk.core.vault.kdf import floor_params

from ..vaults import PASSPHRASE

COLUMNS = ["date", "city", "region", "person", "event_type", "legal_code", "article", "part", "arrest_days",
           "fine_amount", "fine_unit", "description", "source_url", "event_ref"]


def canary_forms(canary: str) -> list[bytes]:
    raw = canary.encode()
    return [raw, canary.encode("utf-16-le"), canary.encode("utf-16-be"), base64.b64encode(raw)[:-4],
            canary.lower().encode(), canary.upper().encode()]


@dataclass
class Day:
    canary: str
    volunteer: Path
    coordinator: Path
    plaintext: set[Path] = field(default_factory=set)  # files the user asked for as plain text
    secrets: list[str] = field(default_factory=list)  # passphrases and keys that must appear nowhere


def canary_csv(path: Path, canary: str) -> Path:
    """Two spellings of one detained man, the canary in every text column."""
    rows = []
    for n, spelling in enumerate((f"{canary} Жақсылықов Ерлан", f"{canary} Zhaksylykov Erlan")):
        rows.append({"date": f"2021-12-{5 + n:02d}", "city": f"{canary}-city", "region": f"{canary}-region",
                     "person": spelling, "event_type": "administrative_arrest",
                     "legal_code": "administrative_offences_code", "article": "488", "part": "6",
                     "arrest_days": "15", "fine_amount": "", "fine_unit": "",
                     "description": f"{canary} detained after the rally", "source_url": f"https://e.kz/{canary}",
                     "event_ref": f"{canary}-event-{n}"})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(",".join(COLUMNS) + "\n" + "\n".join(",".join(r[c] for c in COLUMNS) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def run_day(kz, root: Path, monkeypatch) -> Day:
    canary = f"KZCANARY{uuid.uuid4().hex[:16]}"
    day = Day(canary, root / "volunteer", root / "coordinator")
    new_passphrase = "жаңа құпия сөз KZSECRET 2021"
    day.secrets += [PASSPHRASE, new_passphrase]
    # Argon2id at its floor: the working day is about what is written where, not about the KDF.
    monkeypatch.setattr("kzdesk.core.vault.vault.calibrate", floor_params)
    inputs = root / "inputs"
    inputs.mkdir(parents=True)
    for path, role, name in ((day.volunteer, "volunteer", "Айгүл"), (day.coordinator, "coordinator", "Мұрат")):
        assert kz("init", "--role", role, "--name", name, "--city", "Орал", vault=path).code == 0
    # Each side takes the other's public card (compared by fingerprint in real life).
    for mine, theirs in ((day.volunteer, day.coordinator), (day.coordinator, day.volunteer)):
        card = inputs / f"{theirs.name}.card"
        assert kz("identity", "export-card", "--out", str(card), vault=theirs).code == 0
        assert kz("trust", "add", str(card), "--yes", vault=mine).code == 0
    csv_path = canary_csv(inputs / "canary.csv", canary)
    day.plaintext.add(csv_path)
    v, c = day.volunteer, day.coordinator
    assert kz("import-csv", str(csv_path), vault=v).code == 0
    assert canary in kz("search", canary, vault=v).out
    assert kz("persons", vault=v).code == 0
    assert kz("stats", vault=v).code == 0
    assert kz("search", "Жақсылықов", "--json", vault=v).code == 0
    summary = root / "exports" / "summary.pdf"
    summary.parent.mkdir()
    both = kz("report", "person", f"{canary} Жақсылықов", "--out", str(summary), vault=v)
    assert both.code == 1 and not summary.exists()  # two spellings match: the volunteer picks one by id
    chosen = next(line.split()[0] for line in both.err.splitlines() if "Жақсылықов Ерлан" in line)
    report = kz("report", "person", chosen, "--out", str(summary), vault=v)
    assert report.code == 0, report.err
    day.plaintext.add(summary)
    assert kz("verify-report", str(summary), vault=v).code == 0
    assert kz("stats", passphrase="a wrong guess", vault=v).code == 2
    bundle = root / "usb" / "bundle.kzb"
    bundle.parent.mkdir()
    assert kz("export-bundle", "--out", str(bundle), vault=v).code == 0
    assert kz("import-bundle", str(bundle), vault=c).code == 0
    pairs = kz("duplicates", "--json", vault=c)
    assert pairs.code == 0
    listed = json.loads(pairs.out)
    assert listed, "the two spellings should be a probable duplicate"
    first = listed[0]
    assert kz("duplicates", "merge", first["a"], first["b"], "--note", f"{canary} same man", vault=c).code == 0
    assert kz("report", "stats", "--from", "2021-12", "--to", "2021-12", "--out",
              str(root / "exports" / "stats.pdf"), vault=c).code == 0
    day.plaintext.add(root / "exports" / "stats.pdf")
    monkeypatch.setenv("KZDESK_NEW_PASSPHRASE", new_passphrase)
    assert kz("passwd", vault=v).code == 0
    assert kz("backup", "--out", str(root / "usb" / "volunteer.kzbackup"), passphrase=new_passphrase,
              vault=v).code == 0
    assert kz("check", passphrase=new_passphrase, vault=v).code == 0
    return day
