"""Every message the core and the command line produce has a Russian and a Kazakh translation."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The core's own catalogue covers the core and the command line; the Qt interface uses .ts files.
SOURCES = [*(ROOT / "src" / "kzdesk" / "core").rglob("*.py"), *(ROOT / "src" / "kzdesk").glob("cli*.py"),
           ROOT / "src" / "kzdesk" / "passphrase.py", ROOT / "src" / "kzdesk" / "desktop_deps.py"]
MESSAGE_CALLS = {"tr", "N_", "KzdeskError", "VaultError", "VaultDamaged", "PassphraseError", "InputError", "Problem",
                 "BundleRejected"}


def plural_messages() -> set[str]:
    """Message ids of ntr(singular, plural, count): their catalogue entries are plural forms joined by "|"."""
    found: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "ntr" \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


@pytest.mark.parametrize(("lang", "forms"), [("ru", 3), ("kk", 1)])
def test_every_plural_message_has_its_languages_forms(lang: str, forms: int) -> None:
    """Russian says 1 запись, 2 записи, 5 записей; Kazakh has one form: each with the msgid's placeholders."""
    catalogue = json.loads((ROOT / "resources" / "i18n" / f"core.{lang}.json").read_text(encoding="utf-8"))
    found = plural_messages()
    assert found, "no ntr() message found: the scan is broken"
    missing = sorted(m for m in found if m not in catalogue)
    assert missing == []
    wrong = sorted(m for m in found if len(catalogue[m].split("|")) < forms or
                   any(placeholders(form) - {"n"} != placeholders(m) - {"n"} for form in catalogue[m].split("|")))
    assert wrong == []


def messages() -> set[str]:
    """Message ids: first string argument of tr()/error constructors, third of RowProblem()."""
    found: set[str] = set()
    for path in SOURCES:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            index = 0 if name in MESSAGE_CALLS or name == "__init__" else 2 if name == "RowProblem" else None
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.strip():
                found.add(arg.value)
    return found


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_message_is_translated_with_its_placeholders(lang: str) -> None:
    catalogue = json.loads((ROOT / "resources" / "i18n" / f"core.{lang}.json").read_text(encoding="utf-8"))
    found = messages()
    assert len(found) > 40
    missing = sorted(m for m in found if m not in catalogue)
    assert missing == []
    wrong = [m for m in found if placeholders(catalogue[m]) != placeholders(m)]
    assert wrong == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_kazakh_and_russian_catalogues_are_in_their_script(lang: str) -> None:
    catalogue = json.loads((ROOT / "resources" / "i18n" / f"core.{lang}.json").read_text(encoding="utf-8"))
    cyrillic = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
    assert all(cyrillic.search(v) for k, v in catalogue.items() if re.search(r"[a-z]{4}", k))
    if lang == "kk":
        assert sum(bool(re.search(r"[әғқңөұүһі]", v)) for v in catalogue.values()) > len(catalogue) // 3
