"""A vault: a directory holding the key header (vault.json), the SQLCipher database and backups.

    vault.json       format version, vault id, key slots (no case data)
    kzdesk.db        SQLCipher 4 database, keyed with the random DEK
    backups/         encrypted copies taken before schema migrations
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlmodel import Session

from kzdesk.core.errors import VaultError
from kzdesk.core.exchange.identity import SigningIdentity
from kzdesk.core.model.revisions import Changeset, Clock
from kzdesk.core.model.textindex import register_functions
from kzdesk.core.vault import migrate
from kzdesk.core.vault.atomic import leftover_temps
from kzdesk.core.vault.engine import load_driver, open_engine
from kzdesk.core.vault.kdf import KdfParams, calibrate
from kzdesk.core.vault.keyslots import VaultHeader, check_passphrase

HEADER_FILE = "vault.json"
DATABASE_FILE = "kzdesk.db"
BACKUP_DIR = "backups"
ROLES = ("volunteer", "coordinator")


@dataclass(frozen=True)
class Profile:
    """Who keeps this vault: stored encrypted, shown in the program, put on public cards later."""

    role: str
    display_name: str
    city: str


class Vault:
    """An open (unlocked) vault."""

    def __init__(self, path: Path, header: VaultHeader, engine: Engine, dek: bytes) -> None:
        self.path = path
        self.header = header
        self.engine = engine
        self._dek = dek
        with engine.connect() as conn:
            settings: dict[str, str] = dict(conn.exec_driver_sql("SELECT key, value FROM setting").fetchall())
            row = conn.exec_driver_sql("SELECT public_key, secret_key FROM identity").fetchone()
        if row is None:
            raise VaultError("The vault has no signing identity; it is damaged.")
        self.identity = SigningIdentity(row[0], row[1])
        self.profile = Profile(settings.get("role", "volunteer"), settings.get("display_name", ""),
                               settings.get("city", ""))
        self.clock = Clock(settings["device"], settings.get("hlc"))

    # --- creating and opening --------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str, profile: Profile, kdf: KdfParams | None = None) -> Vault:
        """Create a new vault in path (which must not hold one)."""
        load_driver()  # refuse before anything is written
        check_passphrase(passphrase)
        if profile.role not in ROLES:
            raise VaultError("Unknown role {role}.", role=profile.role)
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if (path / HEADER_FILE).exists():
            raise VaultError("A vault already exists at {path}.", path=str(path))
        if (path / DATABASE_FILE).exists():
            raise VaultError("An unfinished or foreign vault database is in {path}; move it away first.",
                             path=str(path))
        header = VaultHeader.new()
        dek = os.urandom(32)
        header.set_passphrase(dek, passphrase, kdf or calibrate())
        engine = open_engine(path / DATABASE_FILE, dek, create=True, hooks=(register_functions,))
        try:
            migrate.upgrade(engine, None, dek)
            identity = SigningIdentity.generate()
            now = datetime.now(UTC).isoformat(timespec="seconds")
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "INSERT INTO identity (key_id, public_key, secret_key, created) VALUES (?, ?, ?, ?)",
                    (identity.key_id, identity.public_key, identity.secret_key, now))
                conn.exec_driver_sql(
                    "INSERT INTO setting (key, value) VALUES (?, ?)",
                    [("role", profile.role), ("display_name", profile.display_name), ("city", profile.city),
                     ("device", header.vault_id[:12]), ("created", now)])
        except BaseException:
            engine.dispose()
            raise
        # The header is written last: a crash before this leaves no vault that looks complete.
        header.save(path / HEADER_FILE)
        return cls(path, header, engine, dek)

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, dek: bytes | None = None) -> Vault:
        """Unlock with a passphrase (or an already unwrapped DEK) and migrate the schema if needed."""
        header = VaultHeader.load(path / HEADER_FILE)
        if dek is None:
            if passphrase is None:
                raise VaultError("No passphrase given.")
            dek = header.unlock(passphrase)
        engine = open_engine(path / DATABASE_FILE, dek, hooks=(register_functions,))
        try:
            if migrate.current(engine) is None:
                raise VaultError("The vault database {path} has no kzdesk schema; it is damaged or foreign. "
                                 "Nothing was changed.", path=str(path / DATABASE_FILE))
            migrate.upgrade(engine, path / BACKUP_DIR, dek)
            return cls(path, header, engine, dek)
        except BaseException:
            engine.dispose()
            raise

    @staticmethod
    def exists(path: Path) -> bool:
        return (path / HEADER_FILE).exists()

    def close(self) -> None:
        """Close every connection and forget the key."""
        self.engine.dispose()
        self._dek = b""

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- keys ------------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Re-wrap the DEK under a new passphrase; the database itself is not rewritten.

        The header is replaced atomically, so after a crash either the old or the new passphrase opens.
        """
        self.header.set_passphrase(self._dek, new_passphrase, kdf or calibrate())
        self.header.save(self.path / HEADER_FILE)
        self._drop_leftover_headers()

    def remember_on_this_computer(self, enable: bool) -> None:
        """Add or remove the optional keyring slot (see remember.py)."""
        from kzdesk.core.vault import remember

        if enable:
            remember.remember(self.header, self._dek)
        else:
            remember.forget(self.header)
        self.header.save(self.path / HEADER_FILE)
        self._drop_leftover_headers()

    def _drop_leftover_headers(self) -> None:
        # A write of vault.json killed before its rename leaves a copy of the slots of that moment;
        # kept, it would go on opening with a passphrase that has just been replaced.
        for stale in leftover_temps(self.path):
            stale.unlink(missing_ok=True)

    def recovery_shares(self) -> list[str]:
        """Three shares of the data key, any two of which recover it (see recovery.py)."""
        from kzdesk.core.vault.recovery import make_shares

        return make_shares(self._dek)

    def backup(self, label: str = "manual", directory: Path | None = None) -> Path:
        """An encrypted copy of the database (same key) in `directory`, by default the vault's backups/."""
        return migrate.backup_encrypted(self.engine, directory or self.path / BACKUP_DIR, self._dek, label)

    # --- writing ---------------------------------------------------------------------------
    def changeset(self) -> Changeset:
        return Changeset(self.identity.key_id, self.clock)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def commit(self, changes: Changeset, conn: Connection | None = None) -> None:
        """Write a changeset and the clock state in one transaction (or in the caller's)."""
        if conn is None:
            with self.engine.begin() as own:
                self.commit(changes, own)
            return
        changes.write(conn)
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('hlc', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (self.clock.stamp(),))

    def session(self) -> Session:
        """An ORM session for reading with the SQLModel classes."""
        return Session(self.engine)
