"""What the running process must not leave behind: memory dumps, and logs that carry case data.

A crash dump is a copy of the process memory: the data key, the passphrase just typed and every
record on screen. So kzdesk asks the operating system for none, before a vault is opened.

Logging is for the program's behaviour, never its content: kzdesk's own loggers record kinds,
counts and durations only (no names, texts, paths chosen for case files, keys or key ids), and
the libraries that would echo SQL rows at DEBUG (SQLAlchemy, Alembic) are held at WARNING. Logs go
to standard error only, when asked (KZDESK_DEBUG=1); kzdesk never writes a log file.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sys

# Loggers of libraries that print statement parameters or result rows at DEBUG/INFO.
_QUIET = ("sqlalchemy", "alembic", "PIL", "fontTools", "keyring", "pypdf")
_PR_SET_DUMPABLE = 4


def disable_crash_dumps() -> None:
    """No core file (POSIX), not dumpable or ptrace-able by other user processes (Linux), no error
    report box that would offer to send a dump (Windows). Best effort: each step that the system
    refuses leaves the others in place."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    elif sys.platform == "win32":
        with contextlib.suppress(OSError, AttributeError):
            sem_failcriticalerrors, sem_nogpfaulterrorbox = 0x0001, 0x0002
            ctypes.windll.kernel32.SetErrorMode(  # type: ignore[attr-defined]
                sem_failcriticalerrors | sem_nogpfaulterrorbox)


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time of the record (it may be replaced later)."""


    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def debug_requested() -> bool:
    return bool(os.environ.get("KZDESK_DEBUG"))


def configure_logging(debug: bool | None = None) -> None:
    """Warnings to standard error; DEBUG too when asked. Libraries that echo data stay quiet."""
    level = logging.DEBUG if (debug_requested() if debug is None else debug) else logging.WARNING
    root = logging.getLogger()
    if not any(isinstance(h, _Stderr) for h in root.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
