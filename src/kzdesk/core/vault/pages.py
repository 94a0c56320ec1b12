"""Every page's MAC, checked by reading the database file itself, off the database thread.

SQLCipher 4 ends every 4,096-byte page with a 16-byte IV and a 64-byte HMAC-SHA512 over the page's
ciphertext, its IV and its page number (little-endian); the MAC key comes from the data key by
PBKDF2-HMAC-SHA512 over the file's salt (its first 16 bytes) XOR 0x3a, 2 rounds. Checking that here,
instead of with `PRAGMA cipher_integrity_check`, needs no database connection, reports progress, can
be cancelled between chunks, and runs beside the user's queries: a million acts (2.9 GB) used to hold
the one database thread for seconds on every open. The test suite checks that this check and
SQLCipher's own find the same pages (tests/unit/test_pages.py).

`PageWatch` runs the check for an open vault: reads go on at once (SQLCipher verifies the MAC of every
page it reads anyway), but any write to the vault waits until every page has passed — a damaged page
is still refused before anything is written — and is refused if one failed. After a pass the watch
runs the vault's upkeep (the daily copy) on the same thread, cancelled when the vault is closed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from kzdesk.core.errors import VaultError
from kzdesk.core.i18n import N_

log = logging.getLogger(__name__)

PAGE_SIZE = 4096
SALT_SIZE = 16  # page 1 starts with the salt, in the clear, outside the MAC
IV_SIZE = 16
MAC_SIZE = 64
MAC_INPUT_END = PAGE_SIZE - MAC_SIZE  # the MAC covers the ciphertext and the IV before it
# SQLite never uses the page holding the byte at 1 GiB (its file locks live there), so SQLCipher never
# writes a MAC on it: in a database over 1 GiB that page is skipped, as SQLite skips it.
LOCK_BYTE_PAGE = 0x40000000 // PAGE_SIZE + 1
CHUNK_PAGES = 256  # 1 MiB read at a time: the cancel flag and the progress are looked at this often

# SQLite's authorizer action codes that change the database (sqlite3.h); reads, pragmas, functions,
# transactions and savepoints are not among them.
_CHANGES = frozenset({1, 2, 7, 8, 9, 10, 11, 16, 17, 18, 23, 26, 27, 28, 29, 30})
_SQLITE_OK, _SQLITE_DENY = 0, 1


class Cancelled(VaultError):
    """The check was stopped before its end (the vault was closed, or the user cancelled)."""


def mac_key(dek: bytes, salt: bytes) -> bytes:
    """SQLCipher 4's HMAC key for a raw data key and the file's salt."""
    return hashlib.pbkdf2_hmac("sha512", dek, bytes(b ^ 0x3A for b in salt), 2, 32)


@dataclass(frozen=True)
class PageReport:
    """What the page check found: the number of pages and those whose MAC does not match."""

    pages: int
    damaged: tuple[int, ...] = ()
    truncated: bool = False  # the file is not a whole number of pages

    @property
    def intact(self) -> bool:
        return not self.damaged and not self.truncated

    def problems(self) -> list[str]:
        found = [f"HMAC verification failed for page {page}" for page in self.damaged[:1000]]
        if self.truncated:
            found.append("the file is not a whole number of pages (truncated)")
        return found


def check_pages(database: Path, dek: bytes, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] = lambda: False, workers: int = 2) -> PageReport:
    """Read `database` from start to end and check every page's MAC under `dek`.

    The file is cut into `workers` runs of pages checked side by side (hashlib lets go of the
    interpreter while it hashes a page, so two cores read and hash at once). `progress(done, total)`
    is called after every chunk; Cancelled is raised as soon as `cancelled()` says so. A file that
    cannot be read raises VaultError."""
    try:
        size = database.stat().st_size
        with database.open("rb", buffering=0) as fh:
            salt = fh.read(SALT_SIZE)
    except OSError as exc:
        raise VaultError("Cannot read the vault database: {reason}", reason=exc.strerror or str(exc)) from None
    total = size // PAGE_SIZE
    if len(salt) < SALT_SIZE:
        return PageReport(total, truncated=True)
    base = hmac.new(mac_key(dek, salt), digestmod=hashlib.sha512)
    share = -(-total // max(1, workers))
    runs = [(first, min(first + share, total)) for first in range(0, total, share)] or [(0, 0)]
    done = [0] * len(runs)
    lock = threading.Lock()

    def tell(run: int, pages: int) -> None:
        if progress is not None:
            with lock:
                done[run] = pages
                progress(sum(done), total)

    if len(runs) == 1:
        found = [_check_run(database, base, *runs[0], lambda pages: tell(0, pages), cancelled)]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(len(runs), thread_name_prefix="kzdesk-pages") as pool:
            futures = [pool.submit(_check_run, database, base, first, end, partial(tell, i), cancelled)
                       for i, (first, end) in enumerate(runs)]
            found = [future.result() for future in futures]
    damaged = tuple(page for pages, _read in found for page in pages)
    short = sum(read for _pages, read in found) < total
    return PageReport(total, damaged, truncated=bool(size % PAGE_SIZE) or short)


def _lower_priority() -> None:
    """A check and the upkeep after it give way to the user's work (nice 10) without being slower
    when nothing else runs. Linux only, where a thread is a task of its own."""
    if sys.platform == "linux" and threading.current_thread() is not threading.main_thread():
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def _check_run(database: Path, base: Any, first: int, end: int, tell: Callable[[int], None],
               cancelled: Callable[[], bool]) -> tuple[list[int], int]:
    """Pages first+1 .. end (1-based numbers) of the file: those whose MAC fails, and how many were read."""
    _lower_priority()
    damaged: list[int] = []
    buffer = bytearray(CHUNK_PAGES * PAGE_SIZE)
    view = memoryview(buffer)
    page = first
    try:
        with database.open("rb", buffering=0) as fh:
            fh.seek(first * PAGE_SIZE)
            while page < end:
                if cancelled():
                    raise Cancelled(N_("The check was cancelled."))
                got = fh.readinto(view[:min(CHUNK_PAGES, end - page) * PAGE_SIZE])
                if not got:
                    break  # the file shrank under us: what is missing counts as truncated
                for start in range(0, got - got % PAGE_SIZE, PAGE_SIZE):
                    page += 1
                    if page == LOCK_BYTE_PAGE:
                        continue
                    mac = base.copy()
                    mac.update(view[start + (SALT_SIZE if page == 1 else 0):start + MAC_INPUT_END])
                    mac.update(page.to_bytes(4, "little"))
                    if mac.digest() != view[start + MAC_INPUT_END:start + PAGE_SIZE]:
                        damaged.append(page)
                tell(page - first)
    except OSError as exc:
        raise VaultError("Cannot read the vault database: {reason}", reason=exc.strerror or str(exc)) from None
    return damaged, page - first


Upkeep = Callable[[Callable[[], bool], Callable[[Callable[[], None]], None]], None]


class PageWatch:
    """The page check of one open vault on its own thread, the gate that holds writes until it has
    passed, and the upkeep that follows a pass. Nothing here touches the vault's connections."""

    def __init__(self, database: Path, dek: bytes, damaged_error: Callable[[], VaultError]) -> None:
        self.database = database
        self._dek = dek
        self._damaged_error = damaged_error
        self._done = threading.Event()
        self._report: PageReport | None = None
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._upkeep: list[Upkeep] = []
        self._interrupts: list[Callable[[], None]] = []
        self._listeners: list[Callable[[PageReport], None]] = []
        self._threads: list[threading.Thread] = []
        self._running = 0  # threads of this watch still at work (the check, or upkeep after it)
        self.progress = (0, 0)  # pages checked, pages in all (read from any thread)

    # --- the check ----------------------------------------------------------------------------
    def start(self) -> None:
        self._spawn(self._run)

    def _spawn(self, target: Callable[[], None]) -> None:
        def low_priority() -> None:
            _lower_priority()
            try:
                target()
            finally:
                with self._lock:
                    self._running -= 1

        with self._lock:
            self._running += 1

        thread = threading.Thread(target=low_priority, name="kzdesk-pages", daemon=True)
        self._threads.append(thread)
        thread.start()

    def passed_without_check(self) -> None:
        """A database made a moment ago by this process: there is nothing to check."""
        self._finish(PageReport(0))

    def _run(self) -> None:
        try:
            report = check_pages(self.database, self._dek, self._progress, self._cancel.is_set)
        except Cancelled:
            self._dek = b""
            self._done.set()
            return
        except VaultError as exc:
            log.warning("the page check could not read the database: %s", exc)
            report = PageReport(0, truncated=True)
        if report.intact:
            log.debug("every page of the vault database passed its check (%d pages)", report.pages)
        else:
            log.error("the vault database failed its page check (%d pages damaged)", len(report.damaged))
        self._finish(report)
        if report.intact:
            self._run_upkeep()
        self._dek = b""

    def _progress(self, done: int, total: int) -> None:
        self.progress = (done, total)

    def _finish(self, report: PageReport) -> None:
        self._report = report
        self._done.set()
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(report)
            except Exception:  # a listener's failure must not stop the upkeep or the others
                log.exception("a page check listener failed")

    def wait(self, timeout: float | None = None) -> PageReport | None:
        """The report once the check has run (None if cancelled, or not done within `timeout`)."""
        self._done.wait(timeout)
        return self._report

    def wait_reporting(self, progress: Callable[[int, int], None], stop: Callable[[], None] = lambda: None,
                       every: float = 0.25) -> PageReport:
        """Wait for the check's report, passing its progress on every `every` seconds; `stop()` may
        raise to stop waiting (a Cancel). Raises Cancelled when the vault is closed meanwhile."""
        while (report := self.wait(every)) is None:
            if self._cancel.is_set():
                raise Cancelled(N_("The vault was closed."))
            progress(*self.progress)
            stop()
        return report

    def when_done(self, listener: Callable[[PageReport], None]) -> None:
        """Call `listener(report)` when the check ends (at once, here, if it already has); it runs on
        the watch's thread, so a window hands it on to its own thread."""
        with self._lock:
            report = self._report
            if report is None:
                self._listeners.append(listener)
                return
        listener(report)

    @property
    def busy(self) -> bool:
        """Whether the check or upkeep after it is still at work (what a test waits for)."""
        with self._lock:
            return self._running > 0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def damaged(self) -> bool:
        return self._report is not None and not self._report.intact

    # --- holding writes -----------------------------------------------------------------------
    def gate(self, dbapi_conn: Any) -> None:
        """Connection hook: statements that change the vault wait for the check, and are refused
        (SQLITE_DENY, told as damage by `refusal`) if it did not pass."""
        dbapi_conn.set_authorizer(self._authorize)

    def _authorize(self, action: int, _arg1: Any, _arg2: Any, database: Any, _trigger: Any) -> int:
        if action not in _CHANGES or database not in (None, "main"):
            return _SQLITE_OK  # reads, and writes to the in-memory temp store or an attached copy
        if self._threads and not self._done.is_set():
            self._done.wait()  # (a write before the check has even begun is refused, not held)
        report = self._report
        return _SQLITE_OK if report is not None and report.intact else _SQLITE_DENY

    def refusal(self) -> VaultError | None:
        """The error to raise for a refused write, once damage has been found."""
        return self._damaged_error() if self.damaged else None

    def damaged_error(self) -> VaultError:
        """The error for a page SQLCipher refused to read: damage, whatever the check has got to."""
        return self._damaged_error()

    # --- upkeep after a pass ------------------------------------------------------------------
    def after_check(self, job: Upkeep) -> None:
        """Run `job(cancelled, on_cancel)` on the watch's thread once every page has passed (at once
        on a new thread if the check is already over). `on_cancel(fn)` registers what stops the job
        early (an interrupt of its own connection) when the vault is closed."""
        with self._lock:
            if self._report is None:
                self._upkeep.append(job)
                return
        if self._report.intact and not self._cancel.is_set():
            self._spawn(lambda: self._run_jobs([job]))

    def _run_upkeep(self) -> None:
        with self._lock:
            jobs, self._upkeep = self._upkeep, []
        self._run_jobs(jobs)

    def _run_jobs(self, jobs: list[Upkeep]) -> None:
        for job in jobs:
            if self._cancel.is_set():
                return
            try:
                job(self._cancel.is_set, self._on_cancel)
            except Exception as exc:  # upkeep never takes the window down; the next open tries again
                if not self._cancel.is_set():
                    log.warning("vault upkeep failed: %s", type(exc).__name__)
            finally:
                with self._lock:
                    self._interrupts.clear()

    def _on_cancel(self, interrupt: Callable[[], None]) -> None:
        with self._lock:
            self._interrupts.append(interrupt)
        if self._cancel.is_set():
            interrupt()

    # --- closing ------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop the check and any upkeep, and wait for the thread (a chunk, or an interrupted copy)."""
        self._cancel.set()
        with self._lock:
            interrupts = list(self._interrupts)
        for interrupt in interrupts:
            interrupt()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join()
        self._done.set()  # a write still waiting is let go, and refused (no report)
        self._dek = b""
