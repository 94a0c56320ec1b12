"""Vaults written by every released schema still open, migrate and read back (one fixture each)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kzdesk.core.model import tallies
from kzdesk.core.model.attachments import read_attachment
from kzdesk.core.model.textindex import match_expression
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.stats import vault_stats
from kzdesk.core.vault import migrate

from ..vaults import DATA

FIXTURES = sorted((DATA / "schema").glob("vault-*"))
PASSPHRASE = "fixture passphrase әғқ"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_released_schema_opens_and_migrates(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copytree(fixture, path)  # never touch the committed fixture
    with Vault.open(path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        assert migrate.current(vault.engine) == migrate.head()
        if fixture.name != f"vault-{migrate.head()}":
            # An older schema was migrated: an encrypted backup of it was taken first.
            backups = list((path / "backups").iterdir())
            assert len(backups) == 1 and not backups[0].read_bytes().startswith(b"SQLite format 3")
        stats = vault_stats(conn)
        assert (stats.persons, stats.events, stats.acts) == (2, 1, 2)
        assert stats.acts_by_city == {"Oral": 2}
        fine = conn.exec_driver_sql("SELECT fine_kzt FROM act WHERE act_type = 'fine'").scalar()
        assert fine == 50 * 2917
        attachment = conn.exec_driver_sql("SELECT uuid FROM attachment").scalar()
        assert read_attachment(conn, attachment) == ("ruling.pdf", b"ruling bytes")
        assert [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")] == ["ok"]
        assert tallies.differing(conn) == []  # 0008 counted what the older schema held
        # 0009 indexed the records again, with one- and two-letter prefixes: each person is found by
        # the first two letters of each word of their name
        for rowid, name in conn.exec_driver_sql("SELECT rowid, name FROM person").all():
            found = conn.exec_driver_sql("SELECT rowid FROM person_fts WHERE person_fts MATCH ?",
                                         (match_expression(" ".join(w[:2] for w in name.split())),)).scalars().all()
            assert rowid in found, name
        prefixes = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name LIKE '%\\_fts' ESCAPE '\\' "
                                        "AND sql LIKE '%prefix=''1 2''%'").scalar_one()
        assert prefixes == 3


def test_every_schema_revision_has_a_fixture() -> None:
    from alembic.script import ScriptDirectory

    revisions = {r.revision for r in ScriptDirectory.from_config(migrate._config()).walk_revisions()}
    assert revisions and {f.name for f in FIXTURES} == {f"vault-{r}" for r in revisions}
