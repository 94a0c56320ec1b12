"""A newcomer's first start: the README's first command brings the window up on a minimal Debian.

PySide6's wheel carries Qt but not the system libraries its xcb platform links against; the
window's start path (kzdesk.desktop_deps) finds what is missing, installs it as root or prints the
command. These tests check that its package table is exactly what the installed wheel needs, that
a start with nothing missing does nothing (no process, no Qt import), what a start with something
missing says, and, in a `debootstrap --variant=minbase` Debian 12 with only python3 and
python3-venv, that the start installs the packages and the window comes up on a real X server.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzdesk import desktop_deps
from kzdesk.core.i18n import tr

from ..catalogue import translations
from ..system import apt_install

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
PYSIDE = desktop_deps.pyside_dir()
# Libraries every Debian has before anything is installed (apt and dpkg need them), so the table
# need not name them.
BASE = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2",
        "ld-linux-aarch64.so.1", "libgcc_s.so.1", "libstdc++.so.6", "libz.so.1", "libzstd.so.1"}

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux") or PYSIDE is None,
                                reason="Qt's xcb platform is a Linux matter")


def needed(path: Path) -> list[str]:
    """DT_NEEDED entries of an ELF64 little-endian shared object (read here, not by a tool)."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, path
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][4]
        for at in range(offset, offset + size, entsize or 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strtab + value)
                names.append(data[strtab + value:end].decode())
    return names


def system_libraries(pyside: Path) -> dict[str, set[str]]:
    """Every soname outside the wheel that the audited Qt files, or wheel libraries they load, need."""
    inside = [pyside / "Qt" / "lib", pyside, pyside.parent / "shiboken6"]
    todo = [*desktop_deps.audit_files(pyside), *(pyside / name for name in
                                                 ("QtCore.abi3.so", "QtGui.abi3.so", "QtWidgets.abi3.so"))]
    seen: set[Path] = set()
    outside: dict[str, set[str]] = {}
    while todo:
        path = todo.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        for soname in needed(path):
            local = next((folder / soname for folder in inside if (folder / soname).exists()), None)
            if local is not None:
                todo.append(local)
            else:
                outside.setdefault(soname, set()).add(path.name)
    return outside


@linux_only
def test_the_package_table_names_exactly_the_system_libraries_the_wheel_links() -> None:
    assert PYSIDE is not None
    outside = system_libraries(PYSIDE)
    assert "libxcb-cursor.so.0" in outside and "libglib-2.0.so.0" in outside  # the two
    wanted = {name: users for name, users in outside.items() if name not in BASE}
    assert sorted(set(wanted) - set(desktop_deps.DEBIAN_PACKAGES)) == []  # a new PySide6 needs a new row
    assert sorted(set(desktop_deps.DEBIAN_PACKAGES) - set(wanted)) == []  # no stale rows


# --- the start path on this machine, in a fresh process (no Qt loaded yet) -------------------------
SCENARIO = r"""
import json, sys
from pathlib import Path
from kzdesk import desktop_deps
calls = []
def run(args, **kwargs):
    calls.append(list(args))
    if args[0] != "ldd":
        raise AssertionError("only ldd may run here")
    import subprocess
    return subprocess.run(args, **kwargs)
class Out:
    text = ""
    def write(self, s): Out.text += s
    def flush(self): pass
spec = json.loads(sys.argv[1])
table = {**desktop_deps.DEBIAN_PACKAGES, **spec.get("table", {})}
result = desktop_deps.ensure_desktop_libraries(spec["environ"], Out(), pyside=Path(spec["pyside"]), run=run,
                                               root=spec.get("root"), table=table)
print(json.dumps({"result": result, "out": Out.text, "calls": calls,
                  "qt_imported": "PySide6.QtCore" in sys.modules}))
"""


def scenario(pyside: Path, environ: dict[str, str], **spec: object) -> dict:
    done = subprocess.run([sys.executable, "-c", SCENARIO, json.dumps({"pyside": str(pyside), "environ": environ,
                                                                       **spec})],
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(SRC)})
    return json.loads(done.stdout)


def fake_pyside(tmp_path: Path, plugin: bytes) -> Path:
    """A PySide6 folder whose xcb plugin is the given file and whose Qt libraries are the real ones."""
    assert PYSIDE is not None
    folder = tmp_path / "PySide6"
    (folder / "Qt" / "plugins" / "platforms").mkdir(parents=True)
    (folder / "Qt" / "lib").symlink_to(PYSIDE / "Qt" / "lib")  # the plugin's RUNPATH: $ORIGIN/../../lib
    (folder / "Qt" / "plugins" / "platforms" / "libqxcb.so").write_bytes(plugin)
    return folder


@linux_only
def test_nothing_missing_means_one_load_no_process_and_no_qt(tmp_path: Path) -> None:
    assert PYSIDE is not None
    # The offscreen plugin loads wherever the suite runs; standing in for xcb, it is "nothing missing".
    offscreen = (PYSIDE / "Qt" / "plugins" / "platforms" / "libqoffscreen.so").read_bytes()
    outcome = scenario(fake_pyside(tmp_path, offscreen), {"QT_QPA_PLATFORM": "xcb"})
    assert outcome == {"result": None, "out": "", "calls": [], "qt_imported": False}


@linux_only
def test_a_missing_library_is_named_with_the_command_to_install_it(tmp_path: Path) -> None:
    assert PYSIDE is not None
    plugin = (PYSIDE / "Qt" / "plugins" / "platforms" / "libqxcb.so").read_bytes()
    # The same plugin, asking for a library no system has (the name has the same length).
    broken = plugin.replace(b"libxcb-cursor.so.0\0", b"libkzd-absent.so.0\0", 1)
    assert broken != plugin
    folder = fake_pyside(tmp_path, broken)
    table = {"libkzd-absent.so.0": "kzdesk-absent0"}
    outcome = scenario(folder, {"QT_QPA_PLATFORM": "xcb"}, root=False, table=table)
    assert outcome["result"] == 1 and not outcome["qt_imported"]
    assert [call[0] for call in outcome["calls"]] == ["ldd"]  # diagnosed, nothing installed
    out = outcome["out"]
    assert "libkzd-absent.so.0" in out and "then start kzdesk again" in out
    if desktop_deps.is_debian_like():
        command = out.splitlines()[-1].strip()
        assert "apt-get install -y --no-install-recommends" in command
        assert "kzdesk-absent0" in command.replace("'", " ").split()
        assert command.startswith(("sudo ", "su -c "))
    # Another platform, or a different desktop, is left to Qt: nothing is checked.
    for environ in ({"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "wayland"},
                    {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}):
        assert scenario(folder, environ, table=table) == {"result": None, "out": "", "calls": [],
                                                          "qt_imported": False}


@linux_only
def test_never_in_the_middle_of_a_session(tmp_path: Path) -> None:
    import PySide6.QtCore  # noqa: F401  Qt runs in this process, as in a session

    assert PYSIDE is not None
    folder = fake_pyside(tmp_path, b"not a library")
    assert desktop_deps.ensure_desktop_libraries({"QT_QPA_PLATFORM": "xcb"}, pyside=folder) is None


def test_the_window_start_path_runs_the_check_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from kzdesk import app

    seen: list[bool] = []

    def stop() -> int:
        seen.append(True)
        return 1

    monkeypatch.setattr(desktop_deps, "ensure_desktop_libraries", stop)
    assert app.main(tmp_path / "vault") == 1
    assert seen == [True]
    assert not (tmp_path / "vault").exists()


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_messages_are_translated_with_their_placeholders(lang: str) -> None:
    import ast
    import string

    catalogue = translations(lang)
    tree = ast.parse((SRC / "kzdesk" / "desktop_deps.py").read_text(encoding="utf-8"))
    msgids = {node.args[0].value for node in ast.walk(tree) if isinstance(node, ast.Call)
              and getattr(node.func, "id", "") == "tr" and isinstance(node.args[0], ast.Constant)}
    assert len(msgids) >= 6

    def fields(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}

    assert sorted(m for m in msgids if m not in catalogue) == []
    assert [m for m in msgids if fields(catalogue[m]) != fields(m)] == []
    assert tr("Install them, then start kzdesk again:", lang) != "Install them, then start kzdesk again:"


# --- a minimal Debian 12: debootstrap --variant=minbase with python3 and python3-venv ------------------
def _mounted_under(root: Path) -> list[str]:
    lines = Path("/proc/self/mountinfo").read_text().splitlines()
    return [line.split()[4] for line in lines if line.split()[4].startswith(str(root) + "/")]


@pytest.fixture(scope="module")
def minimal_debian() -> Iterator[Path]:
    """A Debian 12 minbase tree with python3 and python3-venv, this checkout and its installed
    packages (the same wheels the README's pip would fetch) bind-mounted read-only, and the X
    server's socket folder: as root, on a Python 3.11 (Debian 12's) Linux."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or PYSIDE is None:
        pytest.skip("debootstrap and chroot need root on Linux")
    if sys.version_info[:2] != (3, 11) or platform.machine() != "x86_64":
        pytest.skip("the tree's python3 (3.11) runs this interpreter's installed wheels")
    if shutil.which("debootstrap") is None or shutil.which("Xvfb") is None:
        apt_install("debootstrap", "xvfb")
    base = Path(tempfile.mkdtemp(prefix="kzdesk-minbase-", dir="/var/tmp"))
    tree = base / "root"
    binds = [(ROOT, tree / "opt" / "kz"), (Path(sysconfig.get_paths()["purelib"]), tree / "opt" / "site"),
             (Path("/tmp/.X11-unix"), tree / "tmp" / ".X11-unix")]
    try:
        subprocess.run(["debootstrap", "--variant=minbase", "--include=python3,python3-venv", "bookworm", str(tree)],
                       check=True, capture_output=True)
        shutil.copy("/etc/resolv.conf", tree / "etc" / "resolv.conf")  # apt inside reaches the mirror
        Path("/tmp/.X11-unix").mkdir(mode=0o1777, exist_ok=True)
        for source, target in binds:
            target.mkdir(parents=True, exist_ok=True)
            # Read-only, so nothing done inside (or a cleanup gone wrong) can touch this machine's files.
            subprocess.run(["mount", "--bind", str(source), str(target)], check=True)
            subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)
        subprocess.run(["mount", "-t", "proc", "proc", str(tree / "proc")], check=True)
        yield tree
    finally:
        for mount in sorted(_mounted_under(tree), reverse=True):
            subprocess.run(["umount", "-l", mount], check=False)
        if not _mounted_under(tree):
            shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def display() -> Iterator[str]:
    """A real X server (Xvfb) for the window."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x600x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


def in_tree(tree: Path, args: list[str], *, user: bool = False, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/tmp/home", "LANG": "C.UTF-8",
             "PYTHONPATH": "/opt/kz/src:/opt/site", **env}
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if user else []
    return subprocess.run(["chroot", str(tree), "env", "-i", *(f"{k}={v}" for k, v in clean.items()), *drop, *args],
                          capture_output=True, text=True, timeout=600, check=False)


AUDIT = ("from pathlib import Path; from kzdesk import desktop_deps as d; "
         "print(' '.join(d.missing_libraries(d.audit_files(Path('/opt/site/PySide6')))))")


def test_the_readme_first_command_is_the_start_checked_here() -> None:
    """The minimal-Debian test starts `python3 -m kzdesk gui`: the same cli.main -> app.main path as
    the README's first command's `.venv/bin/kzdesk` (a bare `kzdesk` opens the window)."""
    commands = [line.strip() for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("    python3 -m venv")]
    assert commands[0] == "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/kzdesk"
    assert "Python 3.11" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_first_command_brings_the_window_up_on_a_minimal_debian(minimal_debian: Path, display: str) -> None:
    tree = minimal_debian
    table_packages = sorted(set(desktop_deps.DEBIAN_PACKAGES.values()))
    start = ["python3", "-m", "kzdesk", "gui", "--vault", "/tmp/vault"]
    # Bare minbase: Qt's plugin is missing libraries (the ldd audit sees them all).
    assert set(in_tree(tree, ["python3", "-c", AUDIT]).stdout.split()) >= {"libglib-2.0.so.0", "libxcb-cursor.so.0"}

    # Not root: the same start says exactly what to run, in the user's language, and stops.
    refused = in_tree(tree, start, user=True, DISPLAY=display, KZDESK_LANG="ru")
    assert refused.returncode == 1, refused.stderr
    assert "нет на этом компьютере" in refused.stderr
    command = refused.stderr.strip().splitlines()[-1].strip()
    assert command == "su -c 'apt-get install -y --no-install-recommends " + " ".join(table_packages) + "'"

    # Root: the start installs exactly the table's packages (apt adds what they depend on), and the
    # window comes up on the X server in the same run.
    started = in_tree(tree, start, DISPLAY=display, KZDESK_STARTUP_PROBE="1")
    assert started.returncode == 0, started.stderr[-3000:]
    assert started.stdout.split() == ["ready"]
    assert "Installing them: apt-get install -y --no-install-recommends " + " ".join(table_packages) in started.stderr

    # With exactly those packages nothing Qt's xcb plugin and the plugins beside it load is missing,
    # and the next start goes straight to the window, silently.
    assert in_tree(tree, ["python3", "-c", AUDIT]).stdout.split() == []
    again = in_tree(tree, start, DISPLAY=display, KZDESK_STARTUP_PROBE="1")
    assert (again.returncode, again.stdout.split()) == (0, ["ready"])
    assert "kzdesk:" not in again.stderr
