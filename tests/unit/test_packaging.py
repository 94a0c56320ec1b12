"""The packaging files hold together: what they name exists, the desktop metadata passes the desktop's
own validators, and the hash-pinned build requirements install what kzdesk declares it needs.

The build itself (PyInstaller, Inno Setup) cannot run here; these checks read its inputs as the
tools do (the spec as Python, the requirements as pip's format) and look every path up on disk."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path, PureWindowsPath

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..system import debian_tool

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "linux" / "org.kzdesk.kzdesk.desktop"
ICONS = ROOT / "resources" / "icons"
METAINFO = PACKAGING / "linux" / "org.kzdesk.kzdesk.metainfo.xml"


# --- requirements ------------------------------------------------------------------------------------
PLATFORMS = ("linux", "windows", "macos")


def target_environment(platform: str) -> dict[str, str]:
    """The marker environment of a build platform, as packaging/pin.py walks it (Linux: this machine)."""
    if platform == "linux":
        return {**default_environment(), "extra": ""}
    loader = importlib.util.spec_from_file_location("pin", PACKAGING / "pin.py")
    assert loader is not None and loader.loader is not None
    pin = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(pin)
    _tags, markers = pin.TARGETS[platform]
    return {**default_environment(), "python_version": pin.PYTHON, **markers, "extra": ""}


def pins(platform: str = "linux") -> dict[str, tuple[Version, list[str]]]:
    """The build requirements as pip reads them: name==version, then one or more --hash options."""
    text = (PACKAGING / f"requirements-build-{platform}.txt").read_text()
    logical = re.sub(r"\\\n", " ", text)  # pip joins continued lines first
    found: dict[str, tuple[Version, list[str]]] = {}
    for line in logical.splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        spec, *options = line.split(" --hash=")
        requirement = Requirement(spec.strip())
        [pinned] = list(requirement.specifier)
        assert pinned.operator == "==" and not requirement.extras and requirement.marker is None, line
        hashes = [o.strip() for o in options]
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), line
        name = canonicalize_name(requirement.name)
        assert name not in found, f"{name} pinned twice"
        found[name] = (Version(pinned.version), hashes)
    return found


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_declared_dependency_is_pinned_with_a_version_it_accepts(platform: str) -> None:
    pinned = pins(platform)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    declared = [Requirement(r) for r in project["project"]["dependencies"] + project["build-system"]["requires"]]
    for requirement in declared:
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement} is not pinned for the build"
        version, _ = pinned[name]
        assert requirement.specifier.contains(version, prereleases=True), f"{name}=={version} breaks {requirement}"
    assert "pyinstaller" in pinned and "kzdesk" not in pinned  # kzdesk itself goes in with --no-deps


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_pins_are_closed_under_their_own_requirements(platform: str) -> None:
    """pip --require-hashes refuses to install anything not in the file: every requirement of a pinned
    distribution (as this machine's copy of that same version declares it, with the markers of the
    platform the file is for: pywin32-ctypes on Windows, macholib on macOS) must be pinned too."""
    pinned = pins(platform)
    environment = target_environment(platform)
    checked = 0
    for name, (version, _) in pinned.items():
        try:
            installed = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        if Version(installed.version) != version:
            continue
        checked += 1
        for line in installed.requires or []:
            needed = Requirement(line)
            if needed.marker is not None and not needed.marker.evaluate(environment):
                continue
            assert canonicalize_name(needed.name) in pinned, f"{name} needs {needed}, which is not pinned"
    assert checked >= 10  # the check ran on most of the runtime set, not on nothing


def test_the_platforms_agree_on_every_version_they_share() -> None:
    """One reviewed set of versions: a package pinned for two platforms is the same version on both
    (the hashes differ where the files do)."""
    linux = pins("linux")
    for platform in ("windows", "macos"):
        other = pins(platform)
        assert {n: v for n, (v, _) in other.items() if n in linux} == \
            {n: linux[n][0] for n in other if n in linux}, platform


# --- the PyInstaller spec ----------------------------------------------------------------------------
def spec_tree() -> ast.Module:
    return ast.parse((PACKAGING / "kzdesk.spec").read_text(), "kzdesk.spec")


def spec_value(node: ast.expr, names: dict[str, object]) -> object:
    """One expression of the spec (our own file) evaluated with no builtins, only the given names."""
    code = compile(ast.Expression(node), "kzdesk.spec", "eval")
    return eval(code, {"__builtins__": {}, "str": str, **names})


def spec_paths(tree: ast.Module) -> dict[str, object]:
    """ROOT and SRC as the spec computes them, with SPECPATH = the spec's folder (as PyInstaller sets it)."""
    names: dict[str, object] = {"Path": Path, "SPECPATH": str(PACKAGING)}
    for node in tree.body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] in (["ROOT"], ["SRC"]):
            names[ast.unparse(node.targets[0])] = spec_value(node.value, names)
    return names


def calls(tree: ast.Module, function: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == function]


def test_the_spec_ships_data_that_exists_where_kzdesk_looks_for_it(tmp_path: Path, monkeypatch) -> None:
    tree = spec_tree()
    names = spec_paths(tree)
    assert names["ROOT"] == ROOT and names["SRC"] == ROOT / "src" / "kzdesk"
    [datas] = [n.value for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "datas"]
    assert isinstance(datas, ast.List)
    shipped = {}
    for item in datas.elts:
        source, dest = spec_value(item, names)  # type: ignore[misc]
        assert Path(source).exists(), source
        shipped[dest] = Path(source)
    assert shipped["resources"] == ROOT / "resources" and (ROOT / "LICENSE") in shipped.values()
    # Alembic loads its scripts by path: the frozen copy must sit where the package keeps them.
    migrations = [dest for dest, source in shipped.items() if source.name == "migrations"]
    assert migrations and all((ROOT / "src" / dest / "env.py").exists() for dest in migrations)
    # A frozen build's data folder laid out as the spec says is where kzdesk finds its resources.
    from kzdesk.core import resources

    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.resources_dir.cache_clear()
    try:
        assert resources.resources_dir() == tmp_path / "resources"
    finally:
        resources.resources_dir.cache_clear()
    # The entry script and what the spec asks PyInstaller to collect are real.
    [analysis] = calls(tree, "Analysis")
    [script] = spec_value(analysis.args[0], names)  # type: ignore[misc]
    assert Path(script).is_file()
    for helper in ("collect_data_files", "collect_dynamic_libs", "copy_metadata"):
        for call in calls(tree, helper):
            package = ast.literal_eval(call.args[0])
            assert importlib.util.find_spec(package) is not None, package
            if helper == "copy_metadata":
                assert importlib.metadata.distribution(package).files, package
    [hidden] = [n for n in ast.walk(tree) if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "hiddenimports"]
    for module in ast.literal_eval(hidden.value.right):  # type: ignore[attr-defined]
        assert importlib.util.find_spec(module) is not None, module


def test_the_spec_makes_a_window_and_a_console_program() -> None:
    tree = spec_tree()
    executables = {}
    for call in calls(tree, "EXE"):
        keywords = {k.arg: k.value for k in call.keywords}
        executables[ast.literal_eval(keywords["name"])] = ast.unparse(keywords["console"])
    assert executables == {"kzdesk": "not (WINDOWS or MACOS)", "kzdesk-cli": "True"}
    # Windows and macOS collect both; Linux collects the one, which is a terminal program there.
    two, one = calls(tree, "COLLECT")
    assert [ast.unparse(a) for a in two.args[:2]] == ["window", "cli"] and ast.unparse(one.args[0]) == "window"
    assert ast.unparse(one.args[1]) == "a.binaries"
    for collect in (two, one):
        assert [ast.literal_eval(k.value) for k in collect.keywords if k.arg == "name"] == ["kzdesk"]


def test_the_mac_app_asks_for_the_macos_the_pinned_wheels_need() -> None:
    """A Mac older than the wheels' platform tag would start the app and fail on the first import."""
    tags = re.findall(r'"macosx_(\d+)_(\d+)_arm64"', (PACKAGING / "pin.py").read_text())
    minimum = re.search(r'"LSMinimumSystemVersion": "(\d+)\.(\d+)"', (PACKAGING / "kzdesk.spec").read_text())
    assert tags and minimum and max(tags) == minimum.groups()


def test_the_linux_kzdesk_cli_runs_kzdesk_beside_it(tmp_path: Path) -> None:
    """From the folder, from elsewhere, and through a link in ~/bin: the arguments arrive whole."""
    script = PACKAGING / "linux" / "kzdesk-cli"
    assert script.stat().st_mode & 0o111 and "kzdesk-cli" in (PACKAGING / "build.sh").read_text()
    folder = tmp_path / "kzdesk әғ folder"
    folder.mkdir()
    shutil.copy2(script, folder / "kzdesk-cli")
    (folder / "kzdesk").write_text('#!/bin/sh\nprintf "%s|" "$0" "$@"\n')
    (folder / "kzdesk").chmod(0o755)
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "kzdesk-cli").symlink_to(folder / "kzdesk-cli")
    for command in (folder / "kzdesk-cli", tmp_path / "bin" / "kzdesk-cli"):
        ran = subprocess.run([str(command), "report", "person", "Жақсылықов Ә.", "--out", "a b.pdf"],
                             capture_output=True, text=True, check=True, cwd=tmp_path)
        assert ran.stdout == f"{folder / 'kzdesk'}|report|person|Жақсылықов Ә.|--out|a b.pdf|"


# --- Windows installer ------------------------------------------------------------------------------
def inno_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (PACKAGING / "windows" / "kzdesk.iss").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith((";", "#")):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def inno_entry(line: str) -> dict[str, str]:
    """One `Name: "x"; Source: "y"; Flags: z` line of a [Files]/[Icons]/[Run] section."""
    return {k.strip(): v.strip().strip('"') for k, v in (p.split(":", 1) for p in line.split(";") if ":" in p)}


def test_the_windows_installer_points_at_the_build() -> None:
    sections = inno_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    here = PACKAGING / "windows"

    def local(path: str) -> Path:
        return (here / Path(*PureWindowsPath(path).parts)).resolve()

    assert local(setup["LicenseFile"]) == ROOT / "LICENSE" and (ROOT / "LICENSE").is_file()
    assert setup["PrivilegesRequired"] == "lowest" and setup["DefaultDirName"].startswith("{localappdata}")
    # What build.sh/PyInstaller write: --distpath build/dist, COLLECT(name="kzdesk").
    build = (PACKAGING / "build.sh").read_text()
    distpath = re.search(r"--distpath (\S+)", build)
    assert distpath is not None
    [files] = [inno_entry(line) for line in sections["Files"]]
    assert files["Source"].endswith("\\*") and local(files["Source"][:-2]) == ROOT / distpath[1] / "kzdesk"
    assert local(setup["OutputDir"]) == ROOT / "build"
    # Every shortcut, the uninstall icon and the run-after-install start the window program of the spec.
    started = [inno_entry(line)["Filename"] for line in sections["Icons"] + sections["Run"]]
    assert set(started) == {"{app}\\kzdesk.exe"} and setup["UninstallDisplayIcon"] == "{app}\\kzdesk.exe"
    assert set(sections) >= {"Setup", "Languages", "Files", "Icons", "Tasks", "Run"}


# --- Linux desktop metadata --------------------------------------------------------------------------
def desktop_value(key: str) -> str:
    [value] = [line.split("=", 1)[1] for line in DESKTOP.read_text().splitlines() if line.startswith(f"{key}=")]
    return value


def test_the_icon_is_there_in_every_form_the_platforms_take() -> None:
    from PIL import Image

    name = desktop_value("Icon")
    assert ET.parse(METAINFO).getroot().findtext("icon") == name
    with Image.open(ICONS / f"{name}.png") as png:  # the window's icon and the Linux menu's
        assert png.format == "PNG" and png.size == (256, 256) and png.mode == "RGBA"
        assert png.getpixel((0, 0))[3] == 0 and png.getpixel((128, 128))[3] == 255  # rounded, not a square
    with Image.open(ICONS / "kzdesk.ico") as ico:  # Windows: the executables, the installer, the menu
        assert ico.format == "ICO" and {16, 32, 48, 256} <= {w for w, h in ico.info["sizes"]}
    with Image.open(ICONS / "kzdesk.icns") as icns:  # macOS: the application bundle
        assert icns.format == "ICNS" and icns.size[0] >= 512
    spec = (PACKAGING / "kzdesk.spec").read_text()
    assert '"icons" / "kzdesk.ico"' in spec and '"icons" / "kzdesk.icns"' in spec
    setup = dict(line.split("=", 1) for line in inno_sections()["Setup"])
    setup_icon = PACKAGING / "windows" / Path(*PureWindowsPath(setup["SetupIconFile"]).parts)
    assert setup_icon.resolve() == ICONS / "kzdesk.ico"
    # The desktop program shows it: app.py loads it from the shipped resources.
    assert f'"icons", "{name}.png"' in (ROOT / "src" / "kzdesk" / "app.py").read_text()


def test_the_desktop_entry_validates(tmp_path: Path) -> None:
    validate = debian_tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout + done.stderr == "", done.stdout + done.stderr
    # The validator does refuse a broken entry here (so the pass above means something).
    broken = tmp_path / DESKTOP.name
    broken.write_text(DESKTOP.read_text().replace("Type=Application\n", ""))
    assert subprocess.run([validate, str(broken)], capture_output=True).returncode != 0


def test_the_menu_entry_the_script_installs_validates(tmp_path: Path) -> None:
    validate = debian_tool("desktop-file-validate", "desktop-file-utils")
    folder = tmp_path / "kzdesk"  # the unpacked build: build.sh copies both files beside the program
    folder.mkdir()
    for name in (DESKTOP.name, "install-desktop-entry.sh"):
        shutil.copy(PACKAGING / "linux" / name, folder / name)
    (folder / "kzdesk").write_text("#!/bin/sh\n")
    (folder / "kzdesk").chmod(0o755)
    (folder / "_internal" / "resources").mkdir(parents=True)  # where PyInstaller puts the data files
    shutil.copytree(ICONS, folder / "_internal" / "resources" / "icons")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    done = subprocess.run(["bash", str(folder / "install-desktop-entry.sh")], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    installed = tmp_path / "data" / "applications" / DESKTOP.name
    assert f"\nExec={folder}/kzdesk\n" in installed.read_text()
    # The icon the entry names, under that name in the icon theme every desktop falls back to.
    icon = tmp_path / "data" / "icons" / "hicolor" / "256x256" / "apps" / f"{desktop_value('Icon')}.png"
    assert icon.read_bytes() == (ICONS / icon.name).read_bytes()
    checked = subprocess.run([validate, str(installed)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout + checked.stderr == "", checked.stdout + checked.stderr


def test_the_appstream_metadata_validates_and_names_the_desktop_entry() -> None:
    appstreamcli = debian_tool("appstreamcli", "appstream")
    done = subprocess.run([appstreamcli, "validate", "--no-net", "--strict", str(METAINFO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == DESKTOP.stem
    launchable = meta.find("launchable")
    assert launchable is not None and (PACKAGING / "linux" / str(launchable.text)).is_file()
    assert meta.findtext("provides/binary") == "kzdesk"
