"""Opening the SQLCipher 4 database: driver checks, keying, pragmas, and fail-closed refusals."""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import QueuePool

from kzdesk.core.errors import VaultDamaged, VaultError, full_disk

PLAINTEXT_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4 default; every intact database file is a whole number of pages

ConnectionHook = Callable[[Any], None]


def load_driver() -> ModuleType:
    """Import sqlcipher3 or refuse: there is no fallback to the unencrypted sqlite3 module."""
    try:
        driver = importlib.import_module("sqlcipher3.dbapi2")
    except ImportError:
        raise VaultError("The encryption driver sqlcipher3 is not installed; kzdesk refuses to run "
                         "without it. Reinstall kzdesk (pip install sqlcipher3).") from None
    return driver


def check_file(path: Path) -> None:
    """Refuse a missing, empty, truncated or plaintext database before SQLCipher touches it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise VaultDamaged("The vault database {path} is missing; nothing was opened.", path=str(path)) from None
    except OSError as exc:
        raise VaultError("Cannot read the vault database: {reason}", reason=exc.strerror) from None
    if head == PLAINTEXT_HEADER:
        raise VaultError("The vault database {path} is not encrypted; kzdesk refuses to open it.",
                         path=str(path))
    if size == 0 or size % PAGE_SIZE:
        raise VaultDamaged("The vault database {path} is damaged (truncated); nothing was opened. "
                         "Restore it from a backup.", path=str(path))


def _apply_pragmas(conn: Any, dek: bytes, driver: ModuleType, path: Path) -> None:
    cur = conn.cursor()
    # SQLCipher's own log would print page numbers of failed MACs on the terminal; the checks
    # report damage to the user instead.
    cur.execute("PRAGMA cipher_log_level = NONE")
    # The raw-key form skips SQLCipher's own PBKDF2: the DEK is already a full-entropy key.
    cur.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    cur.execute("PRAGMA cipher_compatibility = 4")
    try:
        cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        # On a full disk the WAL index cannot be made and this first read fails too: say so, since
        # a repair would be the wrong remedy (and would need space as well).
        full = full_disk(exc, path.parent)
        if full is not None:
            raise full from None
        raise VaultDamaged("The vault database {path} is damaged or does not belong to this vault; "
                         "nothing was opened.", path=str(path)) from None
    version = cur.execute("PRAGMA cipher_version").fetchone()
    if not version or not str(version[0]).startswith("4."):
        raise VaultError("SQLCipher 4 is required, found {version}.", version=version and version[0])
    # A cache of up to 128 MiB of decrypted pages: what search as one types touches in a million-act
    # vault (the full-text indexes, the list's date index, acts by event) stays decrypted between
    # keystrokes (p95 88 -> 80 ms there). It only fills as pages are read, so a small vault never
    # takes more than its file.
    for pragma in ("temp_store = MEMORY", "secure_delete = ON", "journal_mode = WAL", "cache_size = -131072",
                   "synchronous = FULL", "foreign_keys = ON"):
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def open_engine(path: Path, dek: bytes, *, create: bool = False,
                hooks: tuple[ConnectionHook, ...] = ()) -> Engine:
    """Return an engine whose every connection is keyed with the DEK and checked.

    With create=False the file must already exist and look like an encrypted database; SQLite is
    opened with mode=rw so that it can never silently create a fresh database in its place.
    """
    driver = load_driver()
    if create:
        if path.exists():
            raise VaultError("A database already exists at {path}.", path=str(path))
    else:
        check_file(path)
    first = [create]

    def connect() -> Any:
        mode = "rwc" if first[0] else "rw"
        first[0] = False
        uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
        conn = driver.connect(uri, uri=True, check_same_thread=False)
        try:
            _apply_pragmas(conn, dek, driver, path)
            for hook in hooks:
                hook(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    engine = create_engine("sqlite+pysqlite://", module=driver, creator=connect,
                           poolclass=QueuePool, pool_size=2, hide_parameters=True, echo=False)

    @event.listens_for(engine, "connect")
    def _assert_driver(dbapi_conn: Any, _record: Any) -> None:
        # Belt and braces: a connection that is not SQLCipher must never be used.
        if not type(dbapi_conn).__module__.startswith("sqlcipher3"):
            raise VaultError("The database connection is not encrypted; refusing.")

    @event.listens_for(engine, "handle_error")
    def _tell_full_disk(context: ExceptionContext) -> None:
        # Every statement and commit passes here: a full disk becomes DiskFull, never "damaged".
        full = full_disk(context.original_exception, path.parent)
        if full is not None:
            raise full from None

    if create:
        with engine.connect():
            pass
        with contextlib.suppress(OSError):  # FAT/exFAT sticks have no Unix permissions to set
            os.chmod(path, 0o600)
    return engine


def integrity_problems(dbapi_conn: Any, pages_only: bool = False) -> list[str]:
    """The one integrity check: every page's MAC (SQLCipher's cipher_integrity_check, which finds a
    page that was changed, truncated or written by another key), then SQLite's own structure check
    (unless pages_only). Empty when all is well. Any DB-API connection or cursor keyed to the file."""
    problems = [str(r[0]) for r in dbapi_conn.execute("PRAGMA cipher_integrity_check")]
    if problems or pages_only:
        return problems  # over a damaged page the structure check would only fail to read it
    return structure_problems(dbapi_conn)


def structure_problems(dbapi_conn: Any) -> list[str]:
    """SQLite's own structure check (every b-tree well formed, every index agreeing with its table):
    what no MAC can tell, such as a page an interrupted write left from an earlier moment."""
    return [str(r[0]) for r in dbapi_conn.execute("PRAGMA integrity_check") if r[0] != "ok"]


PARAMETER_SLICE = 500  # well under SQLite's limit on bound parameters per statement


def raw(conn: Any) -> Any:
    """The DB-API connection under a SQLAlchemy connection (same transaction): merging issues
    thousands of small statements, and SQLAlchemy's per-statement bookkeeping would cost more than
    SQLite's work."""
    return conn.connection.dbapi_connection


def sql_slices(values: Sequence[str], size: int = PARAMETER_SLICE) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Values in slices a statement can take as parameters (a tuple: one set of parameters, never
    read as many rows), each with its run of placeholders ("?,?,?") for an IN (...) clause."""
    for start in range(0, len(values), size):
        chunk = tuple(values[start:start + size])
        yield ",".join("?" * len(chunk)), chunk
