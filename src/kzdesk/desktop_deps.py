"""Before the window's first Qt import on Linux: can Qt's xcb platform load? If not, fix it or say how.

PySide6's wheels carry Qt itself but not the system libraries Qt links against on an X11 desktop
(GLib, xcb and its utility libraries, xkbcommon, OpenGL/EGL, fontconfig, freetype, D-Bus). A plain
Debian has none of them, so a newcomer's first `kzdesk` stopped with `ImportError:
libglib-2.0.so.0`, then with Qt's abort about xcb-cursor0, one library at a time. This module runs
first in the window's start path: one dlopen of the xcb plugin (the dynamic loader then resolves
everything Qt needs, and those libraries are loaded moments later by Qt anyway), so when nothing is
missing it costs nearly nothing and starts no process. Only when that fails does it ask `ldd` for
every missing library, map them to Debian packages, and as root install them with apt-get (saying
so first); otherwise it prints the exact command to run and the window does not start.

Not part of the core: it is about the desktop platform, and it must not import Qt (Qt is what may
not load). It never runs in a session: once Qt is loaded in the process it does nothing.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO

from kzdesk.core.i18n import tr

# Every system library (soname) that PySide6's Qt, its xcb platform plugin and the plugins Qt loads
# with it (xcb GL integrations, the portal theme, input contexts, image formats, SVG icons) link
# against directly, with the Debian package that ships it (bookworm; Ubuntu 22.04 and later use
# the same names, apt picks the "t64" variant where one replaced it). Libraries every Debian has
# (libc, libstdc++, libgcc_s, zlib, zstd: apt and dpkg need them) are not listed. What these
# packages need in turn apt brings; fontconfig-config brings a font (fonts-dejavu-core), which
# covers Cyrillic and Kazakh letters. tests/integration/test_first_start.py checks that this
# table covers exactly what the installed wheel needs, and that with these packages a minimal
# Debian resolves every library of that set.
DEBIAN_PACKAGES: dict[str, str] = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}

# What the window cannot start without: the widgets library (PySide6.QtWidgets: Qt Core, Gui and
# GLib behind it) and the xcb platform plugin (everything X11). Relative to the PySide6 folder.
REQUIRED = ("Qt/lib/libQt6Widgets.so.6", "Qt/plugins/platforms/libqxcb.so")
# Plugins Qt loads beside it when present; a missing library there only loses a feature (OpenGL
# through EGL, the desktop's file dialogs, compose keys, an image format), so they are not probed
# at start, but once something is missing anyway their libraries are installed in the same go.
OPTIONAL = ("Qt/plugins/xcbglintegrations/*.so", "Qt/plugins/platformthemes/libqxdgdesktopportal.so",
            "Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
            "Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
            "Qt/plugins/imageformats/libq[!p]*.so",  # not libqpdf: it needs Qt Pdf, not in this wheel
            "Qt/plugins/iconengines/*.so")

Run = Callable[..., "subprocess.CompletedProcess[str]"]


def pyside_dir() -> Path | None:
    """The PySide6 package folder (a venv's site-packages or the built app's), without importing it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def platform_name(environ: Mapping[str, str]) -> str:
    """The platform plugin Qt will try first, as Qt picks it on Linux."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    # Qt prefers Wayland in a Wayland session; anywhere else (an X11 desktop, or no desktop at all,
    # where xcb then says it cannot open the display) it uses xcb.
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def required_files(pyside: Path) -> list[Path]:
    return [pyside / rel for rel in REQUIRED]


def audit_files(pyside: Path) -> list[Path]:
    """Every Qt file whose libraries the window may load on an X11 desktop: required and optional."""
    optional = sorted(path for pattern in OPTIONAL for path in pyside.glob(pattern))
    return [*required_files(pyside), *optional]


def load_error(files: Sequence[Path]) -> str | None:
    """Load each file as Qt would; None when all load, else the dynamic loader's first complaint.

    A failed dlopen leaves nothing loaded; a successful one is what Qt does next anyway."""
    for path in files:
        if not path.exists():
            continue  # an unusual build without this file: Qt will say what it lacks
        try:
            ctypes.CDLL(str(path))
        except OSError as exc:
            return str(exc)
    return None


def missing_libraries(files: Sequence[Path], run: Run = subprocess.run) -> list[str]:
    """The sonames ldd cannot resolve for these files (and for every library they load)."""
    present = [str(path) for path in files if path.exists()]
    if not present or shutil.which("ldd") is None:
        return []
    result = run(["ldd", *present], capture_output=True, text=True, check=False)
    found: set[str] = set()
    for line in result.stdout.splitlines():
        name, sep, where = line.strip().partition("=>")
        if sep and where.strip() == "not found":
            found.add(name.strip())
    return sorted(found)


def packages_for(sonames: Sequence[str], table: Mapping[str, str] = DEBIAN_PACKAGES) -> tuple[list[str], list[str]]:
    """(Debian packages that provide these libraries, libraries the table does not know)."""
    packages = sorted({table[name] for name in sonames if name in table})
    unknown = sorted(name for name in sonames if name not in table)
    return packages, unknown


def is_debian_like(os_release: Path = Path("/etc/os-release")) -> bool:
    if shutil.which("apt-get") is None or shutil.which("dpkg") is None:
        return False
    try:
        text = os_release.read_text(encoding="utf-8")
    except OSError:
        return Path("/etc/debian_version").exists()
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    ids = (fields.get("ID", "") + " " + fields.get("ID_LIKE", "")).replace('"', "").split()
    return "debian" in ids or "ubuntu" in ids


def install_command(packages: Sequence[str], *, root: bool) -> str:
    """The one line a person runs (or that is run as root) to install these packages."""
    line = "apt-get install -y --no-install-recommends " + " ".join(packages)
    if root:
        return line
    if shutil.which("sudo"):
        return "sudo " + line
    return "su -c " + shlex.quote(line)  # a Debian installed with a root password has no sudo


def ensure_desktop_libraries(environ: Mapping[str, str] | None = None, out: IO[str] | None = None, *,
                             pyside: Path | None = None, run: Run = subprocess.run,
                             root: bool | None = None, table: Mapping[str, str] = DEBIAN_PACKAGES) -> int | None:
    """Make sure Qt's xcb platform can load; None to go on with the window, else the exit status.

    Does nothing off Linux, for another platform (offscreen, wayland, ...), once Qt is loaded in this
    process, or when the files load. Otherwise installs the missing packages as root on Debian or
    Ubuntu (printing the command first), or prints the command to run and returns 1."""
    env = os.environ if environ is None else environ
    stream = sys.stderr if out is None else out
    if not sys.platform.startswith("linux") or platform_name(env) != "xcb":
        return None
    if "PySide6.QtCore" in sys.modules:
        return None  # Qt already runs in this process: never in the middle of a session
    folder = pyside if pyside is not None else pyside_dir()
    if folder is None:
        return None
    error = load_error(required_files(folder))
    if error is None:
        return None
    missing = missing_libraries(audit_files(folder), run)
    if not missing:
        # The loader refused for another reason (a damaged file, a wrong architecture): say it.
        print("kzdesk: " + tr("The window cannot start: {error}", error=error), file=stream, flush=True)
        return 1
    packages, _unknown = packages_for(missing, table)
    print("kzdesk: " + tr("The window needs system libraries that are missing on this computer: {libraries}.",
                          libraries=", ".join(missing)), file=stream, flush=True)
    if not packages or not is_debian_like():
        print(tr("Install the packages of your system that provide them, then start kzdesk again."),
              file=stream, flush=True)
        return 1
    is_root = (os.geteuid() == 0) if root is None else root
    if not is_root:
        print(tr("Install them, then start kzdesk again:") + "\n    " + install_command(packages, root=False),
              file=stream, flush=True)
        return 1
    command = install_command(packages, root=True)
    print(tr("Installing them: {command}", command=command), file=stream, flush=True)
    if not _apt_install(packages, run):
        print(tr("Installing failed; run it yourself, then start kzdesk again:") + "\n    " + command,
              file=stream, flush=True)
        return 1
    error = load_error(required_files(folder))
    if error is not None:
        still = missing_libraries(required_files(folder), run) or [error]
        print(tr("Still missing after the install: {libraries}", libraries=", ".join(still)), file=stream, flush=True)
        return 1
    return None


def _apt_install(packages: Sequence[str], run: Run) -> bool:
    """apt-get install, after refreshing the package lists if apt does not know a package yet."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    # apt's own progress goes to the terminal (stdout kept free for the program's own output).
    if run(install, env=env, check=False, stdout=sys.stderr).returncode == 0:
        return True
    # A fresh system (or container) may hold no package lists yet.
    if run(["apt-get", "update", "-q"], env=env, check=False, stdout=sys.stderr).returncode != 0:
        return False
    return run(install, env=env, check=False, stdout=sys.stderr).returncode == 0
