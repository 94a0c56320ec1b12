"""Where this copy of kzdesk runs from: frozen or not, portable or installed, and what it is made of.

- **Frozen** (the PyInstaller one-folder build): the program files sit in one folder; the data
  files (`resources/`) are unpacked beside the modules, at `sys._MEIPASS`.
- **Portable**: a file named `kzdesk-portable` next to the executable (or `KZDESK_PORTABLE=DIR`
  for a run from a checkout) makes kzdesk keep everything — the vault, settings, caches and temp
  files — in a `kzdesk-data` folder beside it on the stick, and nothing in the user profile.
  Nothing there relies on symlinks or Unix permissions, so a FAT32/exFAT stick works.
- **Fingerprint**: a SHA-256 over the names and contents of the program's own files, for a
  coordinator to compare a volunteer's copy with a trusted one (About, `kzdesk about`).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

PORTABLE_MARKER = "kzdesk-portable"
PORTABLE_DATA = "kzdesk-data"


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def program_dir() -> Path:
    """The folder of the executable (frozen) or of the kzdesk package (a checkout or a wheel)."""
    if frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def bundled_data_dir() -> Path | None:
    """Where PyInstaller put the data files of a frozen build."""
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else None


def portable_root() -> Path | None:
    """The data folder on the stick when running portable, else None."""
    override = os.environ.get("KZDESK_PORTABLE")
    if override:
        return Path(override).expanduser().resolve() / PORTABLE_DATA
    if frozen() and (program_dir() / PORTABLE_MARKER).exists():
        return program_dir() / PORTABLE_DATA
    return None


def enter_portable_mode() -> Path | None:
    """Point every per-user location at the stick, before anything looks them up.

    The vault and the settings ask `portable_root()` themselves; the environment variables catch
    what libraries and Qt would otherwise write under the profile (font caches, temp files).
    """
    root = portable_root()
    if root is None:
        return None
    places = {"XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "settings", "XDG_CACHE_HOME": "cache",
              "XDG_STATE_HOME": "state", "TMPDIR": "tmp", "TEMP": "tmp", "TMP": "tmp"}
    for variable, sub in places.items():
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(folder)
    tempfile.tempdir = None  # recomputed from TMPDIR on next use
    return root


def default_vault_dir() -> Path:
    root = portable_root()
    if root is not None:
        return root / "vault"
    from platformdirs import user_data_dir

    return Path(user_data_dir("kzdesk", appauthor=False)) / "vault"


def settings_file() -> Path | None:
    """The INI file for the window's settings when portable (None: Qt's per-user location)."""
    root = portable_root()
    return None if root is None else root / "settings" / "kzdesk.ini"


def program_files() -> list[Path]:
    """The files whose contents make up this build: the whole folder when frozen; the kzdesk
    package (with its shipped resources) otherwise. Caches and the portable data are left out."""
    base = program_dir()
    skip_dirs = {"__pycache__", PORTABLE_DATA}
    found = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in skip_dirs)
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")) or name == PORTABLE_MARKER:
                continue
            found.append(Path(folder) / name)
    return found


def fingerprint() -> str:
    """SHA-256 over (relative path, SHA-256 of contents) of every program file, in a stable order,
    shown as 16 groups of four hex digits."""
    base = program_dir()
    total = hashlib.sha256()
    for path in program_files():
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        total.update(path.relative_to(base).as_posix().encode() + b"\0" + digest.digest())
    hexed = total.hexdigest()
    return " ".join(hexed[i:i + 4] for i in range(0, len(hexed), 4))
