"""A vault: a directory holding the key header (vault.json), the SQLCipher database and backups.

    vault.json       format version, vault id, key slots (no case data)
    kzdesk.db        SQLCipher 4 database, keyed with the random DEK
    backups/         encrypted copies taken before schema migrations
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlmodel import Session

from kzdesk.core.errors import InputError, PassphraseError, VaultDamaged, VaultError
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

log = logging.getLogger(__name__)


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
        if dek is None:
            if passphrase is None:
                raise VaultError("No passphrase given.")
            dek = cls.unwrap(path, passphrase)
        header = VaultHeader.load(path / HEADER_FILE)
        from kzdesk.core.vault import repair

        started = time.perf_counter()
        try:
            engine = open_engine(path / DATABASE_FILE, dek, hooks=(register_functions,))
        except VaultDamaged:
            raise repair.damaged_error(path) from None
        try:
            # Every page's MAC, before anything is read or migrated: a damaged database is never
            # written to, and the user is offered a backup copy instead (see repair.py).
            try:
                damaged = bool(repair.page_problems(engine))  # also the first, keying connection
            except VaultDamaged:
                damaged = True
            if damaged:
                raise repair.damaged_error(path)
            log.debug("vault pages checked in %.0f ms", (time.perf_counter() - started) * 1000)
            if migrate.current(engine) is None:
                raise VaultError("The vault database {path} has no kzdesk schema; it is damaged or foreign. "
                                 "Nothing was changed.", path=str(path / DATABASE_FILE))
            migrate.upgrade(engine, path / BACKUP_DIR, dek)
            return cls(path, header, engine, dek)
        except BaseException:
            engine.dispose()
            raise

    @staticmethod
    def unwrap(path: Path, passphrase: str) -> bytes:
        """The data key from the passphrase slot (raises PassphraseError when it does not fit).

        With erase-after-N turned on, each wrong passphrase is counted in vault.json, and the Nth in
        a row erases the vault (see erase.py); the right one sets the count back to zero.
        """
        header = VaultHeader.load(path / HEADER_FILE)
        check_passphrase(passphrase)  # an empty or oversized entry is not a guess: never counted
        try:
            dek = header.unlock(passphrase)
        except PassphraseError:
            if header.erase_after is None:
                raise
            counted = header.copy()
            counted.failures += 1
            if counted.failures >= header.erase_after:
                from kzdesk.core.vault.erase import erase

                erase(path)
                raise VaultError("Too many wrong passphrases in a row: this vault has been erased, as it was "
                                 "set to be. Its data cannot be opened any more.") from None
            counted.save(path / HEADER_FILE)
            raise PassphraseError("Wrong passphrase. After {left} more wrong attempts this vault erases itself.",
                                  left=header.erase_after - counted.failures) from None
        if header.failures:
            reset = header.copy()
            reset.failures = 0
            reset.save(path / HEADER_FILE)
        return dek

    def set_erase_after(self, attempts: int | None) -> None:
        """Turn erase-after-N-wrong-passphrases on (3–99) or off (None)."""
        from kzdesk.core.vault.keyslots import ERASE_AFTER_MAX, ERASE_AFTER_MIN

        if attempts is not None and not ERASE_AFTER_MIN <= attempts <= ERASE_AFTER_MAX:
            raise InputError("Choose between {low} and {high} attempts, or off.", low=ERASE_AFTER_MIN,
                             high=ERASE_AFTER_MAX)
        header = self.header.copy()
        header.erase_after, header.failures = attempts, 0
        header.save(self.path / HEADER_FILE)
        self.header = header
        self._drop_leftover_headers()

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
        A failed write (disk full, I/O error) changes nothing, on disk or in this open vault.
        """
        header = self.header.copy()
        header.set_passphrase(self._dek, new_passphrase, kdf or calibrate())
        try:
            header.save(self.path / HEADER_FILE)
        except VaultError as exc:
            raise VaultError("Cannot write {path}: {reason}. The passphrase was not changed: the old one "
                             "still opens the vault.", **exc.params) from None
        self.header = header
        self._drop_leftover_headers()

    def remember_on_this_computer(self, enable: bool) -> None:
        """Add or remove the optional keyring slot (see remember.py).

        If vault.json cannot be written, the header on disk, this open vault and the keyring entry
        stay as they were, so the key is remembered exactly as before.
        """
        from kzdesk.core.vault import remember

        header = self.header.copy()
        if enable:
            with remember.remembering(header, self._dek):
                header.save(self.path / HEADER_FILE)
        else:
            header.drop_keyring_slot()
            header.save(self.path / HEADER_FILE)
            # Only now: until the new header is written, the old one's slot needs the entry.
            remember.forget(header)
        self.header = header
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
