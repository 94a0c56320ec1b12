"""The committed generated files match their sources: forms/*.ui and resources/i18n/*.ts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import build_ui  # noqa: E402


def _strip_version(text: str) -> str:
    return re.sub(r"## Created by: Qt User Interface Compiler version .*\n", "", text)


@pytest.mark.parametrize("ui", sorted((ROOT / "forms").glob("*.ui")), ids=lambda p: p.name)
def test_forms_are_compiled(ui: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "form.py"
    build_ui.compile_form(ui, fresh)
    committed = ROOT / "src" / "kzdesk" / "ui" / "forms" / f"ui_{ui.stem}.py"
    assert committed.exists(), "run: python packaging/build_ui.py"
    assert _strip_version(committed.read_text()) == _strip_version(fresh.read_text()), \
        "run: python packaging/build_ui.py"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_translations_are_released(lang: str, tmp_path: Path) -> None:
    ts = ROOT / "resources" / "i18n" / f"kzdesk_{lang}.ts"
    fresh = tmp_path / "x.qm"
    build_ui.release(ts, fresh)
    assert (ROOT / "resources" / "i18n" / f"kzdesk_{lang}.qm").read_bytes() == fresh.read_bytes()


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_interface_string_is_translated(lang: str) -> None:
    ts = (ROOT / "resources" / "i18n" / f"kzdesk_{lang}.ts").read_text(encoding="utf-8")
    assert ts.count("<message") > 50
    assert 'type="unfinished"' not in ts
    assert "<translation></translation>" not in ts
