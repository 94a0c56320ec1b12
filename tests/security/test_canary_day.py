"""After a whole working day on the command line, the canary typed into every field is in no file
except those the user asked for as plain text: not in the vaults, their backups, the bundle, the
one-file backup, the settings, the cache or the temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from .workflow import canary_forms, run_day


@pytest.mark.slow
def test_canary_sweep_after_a_working_day(kz, tmp_path: Path, monkeypatch) -> None:
    day = run_day(kz, tmp_path, monkeypatch)
    swept: list[Path] = []
    for path in sorted(tmp_path.rglob("*")):
        if not path.is_file() or path in day.plaintext:
            continue
        data = path.read_bytes()
        swept.append(path)
        for form in canary_forms(day.canary):
            assert form not in data, f"{form!r} in {path.relative_to(tmp_path)}"
        for secret in day.secrets:
            assert secret.encode() not in data, path
    names = {p.name for p in swept}
    # The sweep saw what matters: both vaults, the bundle and the one-file backup.
    assert {"kzdesk.db", "vault.json", "bundle.kzb", "volunteer.kzbackup"} <= names
    # And the plain-text exports really hold the canary, so a broken sweep cannot pass unnoticed.
    assert any(day.canary.encode() in p.read_bytes() for p in day.plaintext if p.suffix == ".csv")
