"""The packaging files say what the build needs: pinned with hashes, desktop metadata well formed."""

from __future__ import annotations

import configparser
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def test_build_requirements_are_pinned_with_hashes() -> None:
    text = (PACKAGING / "requirements-build-linux.txt").read_text()
    entries = [e for e in re.split(r"\n(?=\S)", text) if e and not e.startswith("#")]
    assert len(entries) > 20
    for entry in entries:
        assert re.match(r"^[A-Za-z0-9_.\-]+==[^ ]+ \\\n    --hash=sha256:[0-9a-f]{64}", entry), entry
    names = {e.split("==")[0].lower().replace("_", "-") for e in entries}
    assert {"pyside6-essentials", "sqlcipher3-wheels", "pyinstaller", "hatchling"} <= names
    assert "PySide6_Essentials==6.12.0" not in text and "kzdesk" not in names


def test_desktop_entry_and_appstream() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "org.kzdesk.kzdesk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "kzdesk" and desktop["Type"] == "Application"
    assert "Қудалау" in desktop["GenericName[kk]"]
    meta = ET.parse(PACKAGING / "linux" / "org.kzdesk.kzdesk.metainfo.xml").getroot()
    assert meta.findtext("id") == "org.kzdesk.kzdesk"
    assert meta.find("launchable").text == "org.kzdesk.kzdesk.desktop"  # type: ignore[union-attr]


def test_spec_ships_resources_migrations_and_licence() -> None:
    spec = (PACKAGING / "kzdesk.spec").read_text()
    for needed in ('ROOT / "resources"', '"migrations"', '"LICENSE"', 'collect_submodules("kzdesk"',
                   'name="kzdesk-cli", console=True'):
        assert needed in spec, needed
    iss = (PACKAGING / "windows" / "kzdesk.iss").read_text()
    assert "PrivilegesRequired=lowest" in iss and "{localappdata}" in iss
