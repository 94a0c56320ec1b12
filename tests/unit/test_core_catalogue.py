"""The core's gettext catalogue holds every message of the code, translated, and is compiled as committed.

A failure here names the command of packaging/core_catalogue.py that brings the catalogue up to date."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kzdesk.core.i18n import plural_index

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
SCRIPT = "python packaging/core_catalogue.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("core_catalogue", ROOT / "packaging" / "core_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("core_catalogue", module)
    spec.loader.exec_module(module)
    return module


cc = _load()


@pytest.fixture(scope="module")
def in_code() -> dict[str, tuple[str, ...]]:
    """msgid -> (msgid,) or (singular, plural), as extraction finds them in the code now."""
    return dict(cc.msgids(cc.template()))


def pot() -> dict[str, tuple[str, ...]]:
    return dict(cc.msgids(cc.read_catalog(I18N / "core.pot")))


def test_the_template_holds_exactly_the_messages_of_the_code(in_code: dict[str, tuple[str, ...]]) -> None:
    template = pot()
    new, gone = sorted(set(in_code) - set(template)), sorted(set(template) - set(in_code))
    assert not new, f"messages not in core.pot: {new}. Run `{SCRIPT} extract`, `update`, translate them, `compile`"
    assert not gone, f"core.pot has messages the code no longer uses: {gone}. Run `{SCRIPT} extract`, `update`"
    changed = sorted(k for k in in_code if in_code[k] != template[k])
    assert not changed, f"plural changed: {changed}. Run `{SCRIPT} extract`, `update`, translate, `compile`"
    assert len(in_code) > 400
    assert sum(len(ids) == 2 for ids in in_code.values()) > 30  # the plural messages


def test_extraction_finds_the_messages_chosen_at_run_time(in_code: dict[str, tuple[str, ...]]) -> None:
    # Marked where they are defined: revision actions, roles, duplicate reasons, a call inside an f-string.
    for msgid in ("created", "edited", "deleted", "volunteer", "coordinator", "similar spelling", "same city",
                  "Share {n} of 3:", "bundles not arrived", "serving a prison term", "merged"):
        assert msgid in in_code, msgid
    assert in_code["{n} year"] == ("{n} year", "{n} years")
    # Qt's self.tr() in the desktop modules belongs to the .ts catalogues, not to the core's.
    assert "Statuses proposed from acts" not in in_code


@pytest.mark.parametrize(("lang", "forms"), [("ru", 3), ("kk", 1)])
def test_every_message_is_translated_in_its_plural_forms_with_its_placeholders(lang: str, forms: int) -> None:
    catalog = cc.read_catalog(I18N / f"core.{lang}.po", lang)
    assert catalog.num_plurals == forms
    assert cc.msgids(catalog) == pot(), f"run `{SCRIPT} update`"
    assert cc.untranslated(catalog) == [], "translate these (and no fuzzy flags), then compile"
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        texts = message.string if message.pluralizable else (message.string,)
        if message.pluralizable:
            assert len(texts) == forms, ids
        want = set().union(*(cc.placeholders(i) for i in ids))
        for text in texts:
            assert cc.placeholders(text) == want, (lang, ids[0], text)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_header_says_the_language_utf8_and_the_plural_rule(lang: str) -> None:
    header = dict(cc.read_catalog(I18N / f"core.{lang}.po", lang).mime_headers)
    assert header["Language"] == lang
    assert header["Content-Type"] == "text/plain; charset=utf-8"
    assert header["Plural-Forms"].strip() == cc.PLURAL_FORMS[lang]
    assert "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)" in \
        cc.PLURAL_FORMS["ru"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_committed_mo_is_what_the_po_compiles_to(lang: str) -> None:
    assert (I18N / f"core.{lang}.mo").read_bytes() == cc.compiled(lang), f"run `{SCRIPT} compile`"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_plural_index_follows_the_catalogues_plural_forms(lang: str) -> None:
    with (I18N / f"core.{lang}.mo").open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    assert [catalogue.plural(n) for n in range(250)] == [plural_index(n, lang) for n in range(250)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_catalogues_are_in_their_script(lang: str) -> None:
    catalog = cc.read_catalog(I18N / f"core.{lang}.po", lang)
    cyrillic = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
    texts = {(m.id[0] if m.pluralizable else m.id): " ".join(m.string) if m.pluralizable else m.string
             for m in catalog if m.id}
    assert [k for k, v in texts.items() if re.search(r"[a-z]{4}", k) and not cyrillic.search(v)] == []
    if lang == "kk":
        assert sum(bool(re.search(r"[әғқңөұүһі]", v)) for v in texts.values()) > len(texts) // 3


def _core_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> tr/ntr for the names a module imports from kzdesk.core.i18n."""
    return {alias.asname or alias.name: alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module == "kzdesk.core.i18n" for alias in node.names if alias.name in ("tr", "ntr")}


def test_no_message_id_is_built_at_run_time() -> None:
    """A msgid chosen at run time is a name for a marked literal (N_/Nn_ where it is defined), never text
    put together then (an f-string, a concatenation, a .format()): that can have no catalogue entry."""
    built = []
    for path in cc.sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _core_names(tree)
        in_ui = path.relative_to(cc.SRC).parts[0] == "ui"
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names):
                continue
            count = 2 if names[node.func.id] == "ntr" else 1
            for arg in node.args[:count]:
                if isinstance(arg, ast.JoinedStr | ast.BinOp) or (
                        isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute)
                        and arg.func.attr == "format"):
                    built.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}")
                # In the desktop modules a literal given to the core's tr would not be extracted (tr is
                # Qt's there): mark it with N_ where it is defined.
                if in_ui and isinstance(arg, ast.Constant):
                    built.append(f"{path.relative_to(ROOT)}:{node.lineno}: a literal: use N_()")
    assert built == []


def test_check_names_what_is_out_of_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` on a copy whose template lacks a message, whose Russian lacks a translation and whose
    Kazakh .mo is stale: each is named with the command that fixes it."""
    for path in I18N.glob("core.*"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(cc, "I18N", tmp_path)
    monkeypatch.setattr(cc, "POT", tmp_path / "core.pot")
    template = cc.read_catalog(tmp_path / "core.pot")
    del template["similar spelling"]
    cc.write_catalog(template, tmp_path / "core.pot")
    ru = cc.read_catalog(tmp_path / "core.ru.po", "ru")
    ru["same city"].string = ""
    cc.write_catalog(ru, tmp_path / "core.ru.po")
    (tmp_path / "core.kk.mo").write_bytes(b"")
    found = "\n".join(cc.problems())
    assert "'similar spelling'" in found and f"{SCRIPT} extract" in found
    assert "core.ru.po: untranslated or fuzzy: ['same city']" in found
    assert f"core.kk.mo is not compiled from core.kk.po: run `{SCRIPT} compile`" in found
    assert cc.main(["check"]) == 1
