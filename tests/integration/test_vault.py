"""The vault: creation, unlocking, passphrase change, keyring slot, backups, fail-closed refusals."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import keyring
import pytest

from kzdesk.core.errors import PassphraseError, VaultError
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault import migrate
from kzdesk.core.vault.engine import PLAINTEXT_HEADER
from kzdesk.core.vault.kdf import MIN_ITERATIONS, MIN_MEMORY_KIB, floor_params
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.layout import DATABASE_FILE, HEADER_FILE

from ..vaults import PASSPHRASE, MemoryKeyring, snapshot


def test_new_vault_is_encrypted_and_holds_identity(vault_path: Path) -> None:
    db = vault_path / DATABASE_FILE
    assert db.read_bytes()[:16] != PLAINTEXT_HEADER
    assert db.stat().st_mode & 0o077 == 0
    header = json.loads((vault_path / HEADER_FILE).read_text())
    assert [s["kind"] for s in header["slots"]] == ["passphrase"]
    assert header["slots"][0]["kdf"]["m"] >= MIN_MEMORY_KIB and header["slots"][0]["kdf"]["t"] >= MIN_ITERATIONS
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert len(vault.identity.key_id) == 32
        assert vault.identity.verify(vault.identity.sign(b"m"), b"m")
        assert vault.profile == Profile("volunteer", "Айгүл", "Oral")


@pytest.mark.parametrize("wrong", ["wrong", PASSPHRASE + " ", PASSPHRASE.upper(), "x" * 10_000, "\x00",
                                   "'; DROP TABLE person; --", "\u202eesrever"])
def test_wrong_passphrase_is_refused_and_changes_nothing(vault_path: Path, wrong: str) -> None:
    before = snapshot(vault_path)
    with pytest.raises(PassphraseError) as info:
        Vault.open(vault_path, wrong)
    assert info.value.exit_code == 2
    assert "Wrong passphrase" in info.value.message()
    assert snapshot(vault_path) == before


def test_empty_passphrase_is_refused(vault_path: Path, tmp_path: Path) -> None:
    with pytest.raises(PassphraseError):
        Vault.open(vault_path, "")
    with pytest.raises(PassphraseError):
        Vault.create(tmp_path / "other", "", Profile("volunteer", "", ""), kdf=floor_params())
    assert not (tmp_path / "other" / HEADER_FILE).exists()


def test_change_passphrase_rewraps_without_rewriting_database(vault_path: Path) -> None:
    db_before = (vault_path / DATABASE_FILE).read_bytes()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.change_passphrase("новый пароль ә", kdf=floor_params())
    assert (vault_path / DATABASE_FILE).read_bytes() == db_before
    with pytest.raises(PassphraseError):
        Vault.open(vault_path, PASSPHRASE)
    Vault.open(vault_path, "новый пароль ә").close()


def test_passphrase_is_unicode_normalised(vault_path: Path, tmp_path: Path) -> None:
    # "й" typed as one code point or as и + combining breve is the same passphrase.
    path = tmp_path / "nfc"
    created = Vault.create(path, "\u0439", Profile("volunteer", "", ""), kdf=floor_params())
    created.close()
    with Vault.open(path, "\u0438\u0306") as reopened:
        assert reopened.identity.key_id == created.identity.key_id


def test_tampered_kdf_parameters_are_refused(vault_path: Path) -> None:
    header = json.loads((vault_path / HEADER_FILE).read_text())
    header["slots"][0]["kdf"]["t"] = 1
    (vault_path / HEADER_FILE).write_text(json.dumps(header))
    with pytest.raises(VaultError):
        Vault.open(vault_path, PASSPHRASE)


def test_slot_cannot_be_moved_to_another_vault(vault_path: Path, tmp_path: Path) -> None:
    header = json.loads((vault_path / HEADER_FILE).read_text())
    header["vault"] = "0" * 32
    (vault_path / HEADER_FILE).write_text(json.dumps(header))
    with pytest.raises(PassphraseError):
        Vault.open(vault_path, PASSPHRASE)


def test_keyring_slot_is_off_by_default_and_optional(vault_path: Path) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    header = VaultHeader.load(vault_path / HEADER_FILE)
    assert header.keyring_slot() is None
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.remember_on_this_computer(True)
    from kzdesk.core.vault import remember

    header = VaultHeader.load(vault_path / HEADER_FILE)
    dek = remember.recall(header)
    assert dek is not None
    Vault.open(vault_path, dek=dek).close()
    # The passphrase slot stays: the keyring is never the only copy.
    Vault.open(vault_path, PASSPHRASE).close()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.remember_on_this_computer(False)
    assert memory.items == {}
    assert VaultHeader.load(vault_path / HEADER_FILE).keyring_slot() is None


def test_no_keyring_backend_means_passphrase(vault_path: Path) -> None:
    # conftest installs the `fail` backend: remembering is refused and nothing is written.
    before = snapshot(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault, pytest.raises(VaultError):
        vault.remember_on_this_computer(True)
    assert VaultHeader.load(vault_path / HEADER_FILE).keyring_slot() is None
    assert {k: v for k, v in snapshot(vault_path).items() if k == HEADER_FILE} == {
        HEADER_FILE: before[HEADER_FILE]}


def _migration(name: str):
    import importlib.util

    path = Path(migrate.__file__).parent / "migrations" / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schema_matches_models(vault: Vault) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import kzdesk.core.exchange.tables  # noqa: F401
    from kzdesk.core.model.records import SQLModel

    # partial, expression and covering indexes, kept by hand
    listing_indexes = {**_migration("0007_list_indexes").INDEXES, **_migration("0008_tallies").INDEXES}

    def include(obj: object, name: str | None, type_: str, *_: object) -> bool:
        if type_ == "index" and name in listing_indexes:
            return False
        # FTS tables, and the running counts of 0008 (kept by triggers, no model writes them)
        return not (type_ == "table" and name is not None and (name.endswith(("_fts", "_data", "_idx",
                    "_docsize", "_config")) or name.startswith("tally_") or name == "alembic_version"))

    with vault.engine.connect() as conn, warnings.catch_warnings():
        # SQLAlchemy cannot reflect the expression index of 0007 (listing's place order) and says so.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        ctx = MigrationContext.configure(conn, opts={"include_object": include})
        assert compare_metadata(ctx, SQLModel.metadata) == []
        assert migrate.current(vault.engine) == migrate.head()


def test_newer_schema_is_refused_unchanged(vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    before = snapshot(vault_path)
    with pytest.raises(VaultError) as info:
        Vault.open(vault_path, PASSPHRASE)
    assert "newer version" in info.value.message()
    assert snapshot(vault_path) == before


MIGRATION_0002 = """
from alembic import op
import sqlalchemy as sa

revision = "0002_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("setting", sa.Column("test_column", sa.String(), nullable=True))
    op.execute("INSERT INTO setting (key, value) VALUES ('migrated', 'yes')")


def downgrade() -> None:
    op.drop_column("setting", "test_column")
"""


def test_migration_takes_encrypted_backup_first(vault_path: Path, tmp_path: Path) -> None:
    import shutil

    from kzdesk.core.vault.engine import open_engine

    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_test.py").write_text(MIGRATION_0002.format(head=migrate.head()))
    with Vault.open(vault_path, PASSPHRASE) as vault:
        backup = migrate.upgrade(vault.engine, vault_path / "backups", vault._dek, location=scripts)
        assert migrate.current(vault.engine) == "0002_test"
        with vault.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT value FROM setting WHERE key = 'migrated'").scalar() == "yes"
        dek = vault._dek
    assert backup is not None and backup.parent == vault_path / "backups"
    assert backup.read_bytes()[:16] != PLAINTEXT_HEADER
    old = open_engine(backup, dek)
    assert migrate.current(old) == migrate.head()  # the backup is the schema before the migration
    old.dispose()
    # This program does not know 0002_test: the migrated vault is now refused as too new.
    with pytest.raises(VaultError):
        Vault.open(vault_path, PASSPHRASE)


def test_backup_is_encrypted_and_opens_with_the_same_key(vault: Vault) -> None:
    path = vault.backup("test")
    assert path.read_bytes()[:16] != PLAINTEXT_HEADER
    from kzdesk.core.vault.engine import open_engine

    engine = open_engine(path, vault._dek)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM identity").scalar() == 1
    engine.dispose()


def test_init_refuses_existing_vault(vault_path: Path) -> None:
    before = snapshot(vault_path)
    with pytest.raises(VaultError):
        Vault.create(vault_path, PASSPHRASE, Profile("volunteer", "", ""), kdf=floor_params())
    assert snapshot(vault_path) == before
