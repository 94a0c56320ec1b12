"""A vault: a directory holding the key header (vault.json), the SQLCipher database and backups.

    vault.json       format version, vault id, key slots (no case data)
    kzdesk.db        SQLCipher 4 database, keyed with the random DEK
    backups/         encrypted copies (before schema migrations, `kzdesk backup`, daily)
    partial/         copies being made (see scratch.py): what a crash leaves there is removed
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import ExceptionContext

from kzdesk.core.atomic import fsync_dir, leftover_temps
from kzdesk.core.errors import InputError, PassphraseError, VaultDamaged, VaultError
from kzdesk.core.i18n import N_
from kzdesk.core.vault import erase as erasing
from kzdesk.core.vault import migrate, remember, repair, scratch
from kzdesk.core.vault import settings as vault_settings
from kzdesk.core.vault.engine import load_driver, open_engine, structure_problems
from kzdesk.core.vault.identity import SigningIdentity
from kzdesk.core.vault.kdf import KdfParams, calibrate
from kzdesk.core.vault.keyslots import ERASE_AFTER_MAX, ERASE_AFTER_MIN, VaultHeader, check_passphrase
from kzdesk.core.vault.layout import BACKUP_DIR, DAMAGED_DIR, DATABASE_FILE, HEADER_FILE
from kzdesk.core.vault.pages import PageWatch
from kzdesk.core.vault.recovery import make_shares, recover_dek

ROLES = (N_("volunteer"), N_("coordinator"))  # also the msgids of the roles as shown

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Profile:
    """Who keeps this vault: stored encrypted, shown in the program, put on public cards later."""

    role: str
    display_name: str
    city: str


ConnectionHook = Callable[[Any], None]


class KeyedVault:
    """An open (unlocked) vault as the vault floor knows it: its keys, files and keyed database.

    Records are written through kzdesk.core.model.vault.Vault, its subclass on the model floor, which
    adds the text functions the search triggers call (CONNECTION_HOOKS), the device's clock and the
    revision writer: the keys never need to know what a record is."""

    CONNECTION_HOOKS: tuple[ConnectionHook, ...] = ()

    def __init__(self, path: Path, header: VaultHeader, engine: Engine, dek: bytes,
                 pages: PageWatch | None = None) -> None:
        self.path = path
        self.header = header
        self.engine = engine
        self._dek = dek
        # The page check of this opening (pages.py); a database this process has just written whole
        # (a new vault, a new data key) has nothing to check.
        self.pages = pages or _checked(path)
        with engine.connect() as conn:
            settings = vault_settings.all_of(conn)
            row = conn.exec_driver_sql("SELECT public_key, secret_key FROM identity").fetchone()
        if row is None:
            raise VaultError("The vault has no signing identity; it is damaged.")
        self.identity = SigningIdentity(row[0], row[1])
        self.profile = Profile(settings.get("role", "volunteer"), settings.get("display_name", ""),
                               settings.get("city", ""))
        self.settings_at_open = settings  # what a subclass needs of the setting table (the clock's state)

    # --- creating and opening --------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str, profile: Profile, kdf: KdfParams | None = None) -> Self:
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
        engine = open_engine(path / DATABASE_FILE, dek, create=True, hooks=cls.CONNECTION_HOOKS)
        try:
            migrate.upgrade(engine, None, dek)
            identity = SigningIdentity.generate()
            now = datetime.now(UTC).isoformat(timespec="seconds")
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "INSERT INTO identity (key_id, public_key, secret_key, created) VALUES (?, ?, ?, ?)",
                    (identity.key_id, identity.public_key, identity.secret_key, now))
                for key, value in (("role", profile.role), ("display_name", profile.display_name),
                                   ("city", profile.city), ("device", header.vault_id[:12]), ("created", now)):
                    vault_settings.put(conn, key, value)
        except BaseException:
            engine.dispose()
            raise
        # The header is written last: a crash before this leaves no vault that looks complete.
        header.save(path / HEADER_FILE)
        return cls(path, header, engine, dek)

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, dek: bytes | None = None) -> Self:
        """Unlock with a passphrase (or an already unwrapped DEK) and migrate the schema if needed."""
        if dek is None:
            if passphrase is None:
                raise VaultError("No passphrase given.")
            dek = cls.unwrap(path, passphrase)
        header = VaultHeader.load(path / HEADER_FILE)
        watch = PageWatch(path / DATABASE_FILE, dek, lambda: repair.damaged_error(path))
        try:
            engine = open_engine(path / DATABASE_FILE, dek, hooks=(*cls.CONNECTION_HOOKS, watch.gate))
        except VaultDamaged:
            raise repair.damaged_error(path) from None
        _tell_damage(engine, watch)
        try:
            # The first connection keyed the database and read page 1 and the schema (open_engine
            # refuses a key that does not fit). Every other page is checked by the watch on its own
            # thread while the user reads; any write waits for it, and a damaged page refuses it,
            # so a damaged database is still never written to (see pages.py and repair.py).
            try:
                with engine.connect():
                    pass
            except VaultDamaged:
                if header.pending:
                    # Most likely the key does not fit rather than a damaged file: a change of the data
                    # key was cut short, and the database is under the other passphrase's key.
                    raise PassphraseError("A change of the data key was cut short. Open the vault with the "
                                          "other passphrase: the new one if you typed the old, the old one if "
                                          "you typed the new. Nothing was changed.") from None
                raise repair.damaged_error(path) from None
            schema = migrate.current(engine)
            if schema is None:
                raise VaultError("The vault database {path} has no kzdesk schema; it is damaged or foreign. "
                                 "Nothing was changed.", path=str(path / DATABASE_FILE))
            header = _settle_key_change(path, header, dek)
            scratch.sweep(path)  # copies a killed backup, restore or key change left behind
            watch.start()
            if schema != migrate.head():
                # A migration rewrites tables and copies the database first: all pages are checked before.
                report = watch.wait()
                if report is None or not report.intact:
                    raise repair.damaged_error(path)
                migrate.upgrade(engine, path / BACKUP_DIR, dek)
            return cls(path, header, engine, dek, watch)
        except BaseException:
            watch.cancel()
            engine.dispose()
            raise

    @classmethod
    def open_with_shares(cls, path: Path, shares: list[str]) -> Self:
        """The vault at `path` opened with the key two recovery shares give (then set a new passphrase).

        Nothing is written when the shares do not fit or belong to another vault."""
        dek = recover_dek(shares)
        VaultHeader.load(path / HEADER_FILE)  # a missing or damaged header says so in its own words
        try:
            return cls.open(path, dek=dek)
        except VaultError:
            raise InputError("These recovery shares do not open the vault at {path}.", path=str(path)) from None

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
                erasing.erase(path)
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
        """Stop the page check and upkeep, close every connection and forget the key."""
        self.pages.cancel()
        self.engine.dispose()
        self._dek = b""

    def __enter__(self) -> Self:
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

    def last_backup(self) -> str | None:
        """The day the last backup file was written (by the window or `kzdesk backup --out`), if ever."""
        with self.engine.connect() as conn:
            return vault_settings.get(conn, vault_settings.LAST_BACKUP)

    def page_problems(self) -> list[str]:
        """Pages whose MAC does not match, as the check begun on open finds them (waiting for it)."""
        report = self.pages.wait()
        if report is None:
            raise VaultError("The vault was closed.")
        return report.problems()

    def integrity_problems(self) -> list[str]:
        """What the page check and then SQLite's structure check report (empty when all is well)."""
        problems = self.page_problems()
        if problems:
            return problems
        with self.engine.connect() as conn:
            return structure_problems(conn.connection.dbapi_connection)

    def recovery_shares(self) -> list[str]:
        """Three shares of the data key, any two of which recover it (see recovery.py)."""
        return make_shares(self._dek)

    def keep_daily_copy_when_checked(self) -> None:
        """Once every page has passed the check begun on open, make the daily copy when one is due
        (repair.keep_daily_copy), on the check's low-priority thread with a connection of its own, so
        the user's queries never queue behind it; closing the vault interrupts it, and what it left
        half made is removed (scratch.py)."""
        path, dek, hooks = self.path, self._dek, self.CONNECTION_HOOKS

        def daily_copy(cancelled: Callable[[], bool], on_cancel: Callable[[Callable[[], None]], None]) -> None:
            engine = open_engine(path / DATABASE_FILE, dek, hooks=hooks)
            opened: list[Any] = []
            event.listen(engine, "connect", lambda dbapi_conn, _record: opened.append(dbapi_conn))

            def interrupt() -> None:
                for conn in opened:
                    conn.interrupt()

            on_cancel(interrupt)
            try:
                if not cancelled():
                    repair.keep_daily_copy(path, lambda label: migrate.backup_encrypted(
                        engine, path / BACKUP_DIR, dek, label))
            finally:
                engine.dispose()

        self.pages.after_check(daily_copy)

    def backup(self, label: str = "manual") -> Path:
        """An encrypted copy of the database (same key) in the vault's backups/."""
        return migrate.backup_encrypted(self.engine, self.path / BACKUP_DIR, self._dek, label)

    def export_copy(self, target: Path) -> None:
        """An encrypted copy of the database (same key) into `target`, an empty file in partial/."""
        raw = self.engine.raw_connection()
        try:
            migrate.export_into(raw, target, self._dek)
        finally:
            raw.close()

    def change_data_key(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Re-encrypt the database and its copies in backups/ under a new random data key, with a new
        passphrase (after coercion: an old copy of vault.json with the old passphrase, or old recovery
        shares, then open nothing here). Copies in damaged/ cannot be re-encrypted and are erased.

        Crash-safe: the new database and copies are made in partial/ first; vault.json then gets the
        new passphrase's slot beside the old ones (pending); the database is swapped in with one
        rename; the old files are overwritten; and only then do the new slots replace the old ones.
        After a kill at any point the old or the new passphrase opens the vault, and opening it
        finishes or undoes the change (see _settle_key_change).
        """
        staged = self.header.copy()
        new_dek = os.urandom(32)
        staged.begin_key_change(new_dek, new_passphrase, kdf or calibrate())  # Argon2id before any lock
        remembered = self.header.keyring_slot() is not None
        database = self.path / DATABASE_FILE
        copies = sorted((self.path / BACKUP_DIR).glob("*.db"))
        damaged = sorted(p for p in (self.path / DAMAGED_DIR).glob("*") if p.is_file())
        scratch.sweep(self.path)
        self.engine.dispose()
        try:
            conn = _exclusive(database, self._dek)
        except BaseException:
            self.engine = open_engine(database, self._dek, hooks=self.CONNECTION_HOOKS)
            raise
        swapped = False
        try:
            with scratch.new_copies(self.path, "rekey", 1 + len(copies)) as fresh:
                migrate.export_into(conn, fresh[0], new_dek)
                redone = [_reencrypt(copy, self._dek, into, new_dek) for copy, into in zip(copies, fresh[1:],
                                                                                             strict=True)]
                staged.save(self.path / HEADER_FILE)
                with database.open("r+b") as old:
                    if os.name == "nt":  # Windows cannot rename over a file that is open
                        conn.close()
                    os.replace(fresh[0], database)  # the one step from the old key to the new
                    fsync_dir(self.path)
                    swapped = True
                    conn.close()
                    scratch.overwrite(old)
                for copy, into, done in zip(copies, fresh[1:], redone, strict=True):
                    if done:
                        with copy.open("r+b") as old:
                            os.replace(into, copy)
                            scratch.overwrite(old)
                    else:
                        scratch.remove(copy)  # damaged or foreign: it cannot move to the new key
                fsync_dir(self.path / BACKUP_DIR)
                for item in damaged:
                    scratch.remove(item)
                scratch.remove(self.path / f"{DATABASE_FILE}-journal")
            final = staged.copy()
            final.finish_key_change()
            if remembered and remember.available():
                with remember.remembering(final, new_dek):  # a new keyring key as well
                    final.save(self.path / HEADER_FILE)
            else:
                final.save(self.path / HEADER_FILE)
        except BaseException as exc:
            with contextlib.suppress(Exception):
                conn.close()
            if not swapped:
                with contextlib.suppress(VaultError):  # the header as it was; if that fails, opening undoes it
                    self.header.save(self.path / HEADER_FILE)
                self.engine = open_engine(database, self._dek, hooks=self.CONNECTION_HOOKS)
                raise
            self._dek = b""
            if isinstance(exc, Exception):
                raise VaultError("The vault is under its new key, but the change did not finish: open it "
                                 "with the new passphrase to finish it.") from None
            raise
        self._dek, self.header = new_dek, final
        self.engine = open_engine(database, new_dek, hooks=self.CONNECTION_HOOKS)
        self.pages.cancel()
        self.pages = _checked(self.path)  # every page was just written, under the new key, by this process
        self._drop_leftover_headers()

    # --- writing ---------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn



def _checked(path: Path) -> PageWatch:
    watch = PageWatch(path / DATABASE_FILE, b"", lambda: repair.damaged_error(path))
    watch.passed_without_check()
    return watch


def _tell_damage(engine: Engine, watch: PageWatch) -> None:
    """A write the gate refused, or a read that met a page whose MAC failed, is told as damage with
    the way back (kzdesk repair), not as a bare SQLite error."""
    @event.listens_for(engine, "handle_error")
    def _damaged(context: ExceptionContext) -> None:
        text = str(context.original_exception)
        if "not a database" in text or "malformed" in text:
            raise watch.damaged_error() from None  # the key fits (page 1 was read): a page is damaged
        if "not authorized" in text:
            refusal = watch.refusal()
            if refusal is not None:
                raise refusal from None


def _settle_key_change(path: Path, header: VaultHeader, dek: bytes) -> VaultHeader:
    """Finish or undo a change of the data key that was cut short, now that `dek` opened the database.

    Under the new key: the new slots become the slots, and copies still under the old key (which no
    slot opens any more, but an old header copy would) are overwritten and removed. Under the old key:
    the pending slots go. Either way the keyring entry goes (the pending header had no keyring slot)."""
    if not header.pending:
        return header
    settled = header.copy()
    if settled.is_pending_key(dek):
        settled.finish_key_change()
        for copy in sorted((path / BACKUP_DIR).glob("*.db")):
            if not repair.is_intact(copy, dek):
                scratch.remove(copy)
        for item in sorted(p for p in (path / DAMAGED_DIR).glob("*") if p.is_file()):
            scratch.remove(item)
        scratch.remove(path / f"{DATABASE_FILE}-journal")
    else:
        settled.cancel_key_change()
    remember.forget(settled)
    settled.save(path / HEADER_FILE)
    return settled


def _exclusive(database: Path, dek: bytes) -> Any:
    """A connection that alone may write the database (rollback journal, exclusive locking), or an
    InputError when another kzdesk window or command has the vault open."""

    driver = load_driver()
    conn = driver.connect(f"file:{quote(database.resolve().as_posix())}?mode=rw", uri=True,
                          isolation_level=None, check_same_thread=False, timeout=0.5)
    try:
        cur = conn.cursor()
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        cur.execute("PRAGMA cipher_compatibility = 4")
        cur.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            # Leaving WAL needs every other connection gone; then the exclusive lock stays ours.
            mode = cur.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except driver.OperationalError:
            mode = "busy"
        if str(mode).lower() != "delete":
            raise InputError("The vault is open in another kzdesk window or command. Close it, then try "
                             "again. Nothing was changed.")
        cur.execute("BEGIN EXCLUSIVE")
        cur.execute("COMMIT")
    except BaseException:
        conn.close()
        raise
    return conn


def _reencrypt(copy: Path, dek: bytes, into: Path, new_dek: bytes) -> bool:
    """A copy in backups/ exported under the new key into `into`; False when it is not an intact copy
    of this vault (it is erased instead)."""
    if not repair.is_intact(copy, dek):
        return False
    driver = load_driver()
    conn = driver.connect(f"file:{quote(copy.resolve().as_posix())}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        migrate.export_into(conn, into, new_dek)
    finally:
        conn.close()
    return True
