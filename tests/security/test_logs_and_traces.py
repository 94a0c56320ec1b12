"""Logs at DEBUG and tracebacks carry no case data, passphrase or key; kzdesk writes no log file."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError

from kzdesk.core.model.vault import Vault

from .workflow import canary_forms, run_day


def secrets_of(day, root: Path) -> list[bytes]:
    found = [s.encode() for s in day.secrets]
    for path in (day.volunteer, day.coordinator):
        opened = Vault.open(path, dek=None, passphrase=day.secrets[-1]) if path == day.volunteer \
            else Vault.open(path, day.secrets[0])
        with opened:
            found += [opened._dek.hex().encode(), opened.identity.key_id.encode(),
                      opened.identity.secret_key.hex().encode() if isinstance(opened.identity.secret_key, bytes)
                      else str(opened.identity.secret_key).encode()]
    return found


@pytest.mark.slow
def test_a_working_day_at_debug_logs_nothing_sensitive(kz, tmp_path: Path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("KZDESK_DEBUG", "1")
    caplog.set_level(logging.DEBUG)
    day = run_day(kz, tmp_path / "day", monkeypatch)
    records = [r for r in caplog.records]
    kzdesk_records = [r for r in records if r.name.startswith("kzdesk")]
    # The test can only fail if something is logged at all: the core does log its work.
    assert len(kzdesk_records) >= 10 and {r.levelno for r in kzdesk_records} == {logging.DEBUG}
    text = "\n".join(f"{r.name} {r.getMessage()}" for r in records).encode()
    for form in canary_forms(day.canary) + secrets_of(day, tmp_path):
        assert form not in text, form
    assert b"\xd0\x96\xd0\xb0\xd2\x9b" not in text  # "Жақ": no person name either
    # Libraries that would echo SQL rows at DEBUG are held back.
    assert not [r for r in records if r.name.startswith(("sqlalchemy", "alembic")) and r.levelno < logging.WARNING]
    assert not list(tmp_path.rglob("*.log"))


def test_a_database_error_shows_no_values(vault: Vault) -> None:
    """A failing statement's text reaches a traceback; the values bound to it never do."""
    canary = "KZCANARY-traceback-Әлихан"
    with vault.transaction() as conn:
        conn.exec_driver_sql("CREATE TEMP TRIGGER refuse BEFORE INSERT ON person BEGIN "
                             "SELECT RAISE(ABORT, 'refused'); END")
        changes = vault.changeset()
        changes.create("person", {"name": canary, "name_key": canary.lower()})
        with pytest.raises(SQLAlchemyError) as caught:
            vault.commit(changes, conn)
    shown = "".join(traceback.format_exception(caught.value))
    assert "refused" in shown and "INSERT" in shown  # the statement is there, to debug with
    assert canary not in shown and canary.lower() not in shown
