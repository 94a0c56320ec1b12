"""The core's message catalogue: resources/i18n/core.pot, core.<lang>.po and the compiled core.<lang>.mo.

    python packaging/core_catalogue.py extract   # the code's message ids -> core.pot
    python packaging/core_catalogue.py update    # core.pot -> core.ru.po, core.kk.po (new entries untranslated)
    python packaging/core_catalogue.py compile   # core.<lang>.po -> core.<lang>.mo (the files the program reads)
    python packaging/core_catalogue.py check     # all of the above is up to date and every entry translated

After adding or changing a core message: extract, update, translate the new entries in the .po files
(ru: three plural forms, kk: one), compile. tests/unit/test_core_catalogue.py runs `check`.

Message ids are found with Babel's extractor in every module that uses the core's tr/ntr: the core,
the command line and the desktop modules that import kzdesk.core.i18n. A message id kept as data
(a reason code, a label table, a template chosen at run time) is marked with N_() or, for a plural
template, Nn_(singular, plural), so that extraction sees it too.
"""

from __future__ import annotations

import ast
import contextlib
import io
import string
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "kzdesk"
I18N = ROOT / "resources" / "i18n"
POT = I18N / "core.pot"
DOMAIN = "core"
# Plural forms: Russian has three (1 год, 2 года, 5 лет); Kazakh one (1 жыл, 5 жыл), as in the Qt catalogue.
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "kk": "nplurals=1; plural=0;",
}
LANGUAGES = tuple(PLURAL_FORMS)
# Fixed dates keep the files byte for byte the same from run to run (git shows only real changes).
STAMP = datetime(2024, 1, 1, tzinfo=timezone.utc)  # noqa: UP017 (Babel's own type hints)

# The calls whose arguments are message ids (Babel keyword specs: argument positions, 1-based).
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "tr": None, "ntr": (1, 2), "N_": None, "Nn_": (1, 2), "core_tr": None,
    # Errors and problems carry a msgid that is translated when shown.
    "KzdeskError": None, "InputError": None, "VaultError": None, "VaultDamaged": None, "PassphraseError": None,
    "BundleRejected": None, "Problem": None, "FieldProblem": (2,), "RowProblem": (3,),
    "__init__": None,  # super().__init__("…") in an error subclass
}
# In the desktop modules `tr` is also Qt's self.tr, whose messages live in the .ts files: there the
# core's messages are found by the names that are the core's alone (and every tr() there takes a msgid
# kept as data, which is marked where it is defined).
UI_KEYWORDS = {name: KEYWORDS[name] for name in ("ntr", "N_", "Nn_", "core_tr")}
EXCLUDED = ("migrations", "forms")


def imports_core_i18n(path: Path) -> bool:
    """Whether a module imports from kzdesk.core.i18n (anywhere in it, also inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.ImportFrom) and node.module == "kzdesk.core.i18n" for node in ast.walk(tree))


def sources() -> list[Path]:
    """Every module whose messages the core catalogue holds: the core, the command line, and the other
    modules (desktop ones included) that use the core's tr/ntr."""
    found = [path for path in SRC.rglob("*.py") if not set(EXCLUDED) & set(path.relative_to(SRC).parts)
             and (path.relative_to(SRC).parts[0] == "core" or path.name.startswith("cli")
                  or imports_core_i18n(path))]
    return sorted(found)


def keywords_for(path: Path) -> dict[str, tuple[int, ...] | None]:
    return UI_KEYWORDS if path.relative_to(SRC).parts[0] == "ui" else KEYWORDS


def _babel(source: IO[bytes], keywords: dict[str, tuple[int, ...] | None]) -> Iterator[tuple[int, Any]]:
    # Babel warns of every f-string argument it skips, also where the argument is not a message id
    # (a field path beside one); an f-string given as a msgid is found by the tests' AST scan instead.
    with contextlib.redirect_stderr(io.StringIO()):
        found = list(extract("python", source, keywords=keywords))
    for lineno, message, _comments, _context in found:
        yield lineno, message


def extracted() -> Iterator[tuple[Path, int, str | tuple[str, ...]]]:
    """(module, line, msgid or (singular, plural)) for every message in the code."""
    for path in sources():
        keywords = keywords_for(path)
        with path.open("rb") as fh:
            for lineno, message in _babel(fh, keywords):
                yield path, lineno, message
        # A call inside an f-string ("{tr('Share {n} of 3:', n=n)}") is one string token to Babel's
        # extractor before Python 3.12: each f-string expression is given to it on its own.
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FormattedValue):
                expression = io.BytesIO(ast.unparse(node.value).encode("utf-8"))
                for lineno, message in _babel(expression, keywords):
                    yield path, node.lineno + lineno - 1, message


class _Catalog(Catalog):
    """A Babel catalogue whose header does not name the Babel version, so that the committed files do
    not change (and the .mo check does not fail) when another Babel release writes them."""

    @property  # type: ignore[override]
    def mime_headers(self) -> list[tuple[str, str]]:
        headers = [(k, v) for k, v in Catalog.mime_headers.fget(self) if k != "Generated-By"]  # type: ignore[attr-defined]
        return [*headers[:-1], (headers[-1][0], headers[-1][1] + "\n")]  # the header ends with a newline

    @mime_headers.setter
    def mime_headers(self, headers: list[tuple[str, str]]) -> None:
        Catalog.mime_headers.fset(self, headers)  # type: ignore[attr-defined]


def new_catalog(locale: str | None = None) -> Catalog:
    name = {"ru": "Russian", "kk": "Kazakh"}.get(locale or "", "")
    catalog = _Catalog(locale=locale, domain=DOMAIN, project="kzdesk", version="0.1",
                       copyright_holder="kzdesk maintainers", msgid_bugs_address="kzdesk maintainers",
                       creation_date=STAMP, revision_date=STAMP, charset="utf-8", fuzzy=False,
                       last_translator="kzdesk maintainers", language_team=name or "LANGUAGE",
                       header_comment=f"# kzdesk: the core's messages{' in ' + name if name else ''}.\n"
                                      "# Written by packaging/core_catalogue.py (extract, update): edit msgstr only.\n"
                                      "# Plural entries: msgstr[0..] in the forms of the Plural-Forms header.\n#")
    if locale is not None:
        catalog.mime_headers = [*catalog.mime_headers, ("Plural-Forms", PLURAL_FORMS[locale])]
    return catalog


def template() -> Catalog:
    """The catalogue template as the code gives it now."""
    catalog = new_catalog()
    for path, lineno, message in extracted():
        catalog.add(message, locations=[(path.relative_to(ROOT).as_posix(), lineno)])
    return catalog


def write_catalog(catalog: Catalog, target: Path) -> None:
    """Write a .pot or .po, sorted, with the fixed header whatever catalogue the messages come from."""
    out = new_catalog(str(catalog.locale) if catalog.locale else None)
    for m in catalog:
        if m.id:
            out.add(m.id, m.string, locations=m.locations, flags=m.flags, auto_comments=m.auto_comments,
                    user_comments=m.user_comments, context=m.context)
    buf = io.BytesIO()
    write_po(buf, out, width=116, sort_output=True, include_lineno=False, ignore_obsolete=True)
    target.write_bytes(buf.getvalue())


def read_catalog(source: Path, locale: str | None = None) -> Catalog:
    with source.open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


def po_path(lang: str) -> Path:
    return I18N / f"core.{lang}.po"


def mo_path(lang: str) -> Path:
    return I18N / f"core.{lang}.mo"


def extract_command() -> None:
    write_catalog(template(), POT)
    print(f"{POT.relative_to(ROOT)}: {sum(1 for m in read_catalog(POT) if m.id)} messages")


def merged(pot: Catalog, old: Catalog | None, lang: str) -> Catalog:
    """A language's catalogue with the template's entries: kept translations, new entries empty.

    No fuzzy matching: a changed English text is a new message to translate, never a guess."""
    catalog = new_catalog(lang)
    for message in pot:
        if not message.id:
            continue
        before = old.get(message.id) if old is not None else None
        forms = PLURAL_FORMS[lang].split(";")[0].split("=")[1]
        text: str | tuple[str, ...] = ("",) * int(forms) if message.pluralizable else ""
        if before is not None and not before.fuzzy and before.pluralizable == message.pluralizable:
            text = before.string
        catalog.add(message.id, text, locations=message.locations, flags=message.flags - {"fuzzy"},
                    user_comments=message.user_comments)
    return catalog


def update_command() -> None:
    pot = read_catalog(POT)
    for lang in LANGUAGES:
        old = read_catalog(po_path(lang), lang) if po_path(lang).exists() else None
        catalog = merged(pot, old, lang)
        write_catalog(catalog, po_path(lang))
        print(f"{po_path(lang).relative_to(ROOT)}: {len(untranslated(catalog))} untranslated")


def translated(message: Message) -> bool:
    forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(message.id) and not message.fuzzy and all(forms)


def untranslated(catalog: Catalog) -> list[str]:
    return [m.id[0] if m.pluralizable else m.id for m in catalog if m.id and not translated(m)]


def compiled(lang: str) -> bytes:
    """The .mo bytes of a language's .po: only whole, non-fuzzy translations (the rest reads as English)."""
    source = read_catalog(po_path(lang), lang)
    catalog = new_catalog(lang)
    catalog.mime_headers = source.mime_headers
    for message in source:
        if translated(message):
            catalog.add(message.id, message.string)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def compile_command() -> None:
    for lang in LANGUAGES:
        mo_path(lang).write_bytes(compiled(lang))
        print(f"{mo_path(lang).relative_to(ROOT)} written")


def placeholders(text: str) -> set[str]:
    """The {named} fields of a message."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def msgids(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """msgid -> (msgid,) or (singular, plural), header left out."""
    return {m.id[0] if m.pluralizable else m.id: tuple(m.id) if m.pluralizable else (m.id,) for m in catalog if m.id}


def problems() -> list[str]:
    """What is out of date or missing, each with the command that fixes it (empty: all good)."""
    found: list[str] = []
    code, pot = msgids(template()), msgids(read_catalog(POT))
    if code != pot:
        new = sorted(set(code) - set(pot))
        gone = sorted(set(pot) - set(code))
        changed = sorted(k for k in set(code) & set(pot) if code[k] != pot[k])
        found.append(f"core.pot is not what the code says (new: {new}, gone: {gone}, plural changed: {changed}):"
                     " run `python packaging/core_catalogue.py extract` then `update`, translate, `compile`")
    for lang in LANGUAGES:
        catalog = read_catalog(po_path(lang), lang)
        if catalog.num_plurals != int(PLURAL_FORMS[lang].split(";")[0].split("=")[1]) \
                or catalog.plural_expr.replace(" ", "") not in PLURAL_FORMS[lang].replace(" ", ""):
            found.append(f"core.{lang}.po: its Plural-Forms header is not {PLURAL_FORMS[lang]!r}")
        if msgids(catalog) != pot:
            found.append(f"core.{lang}.po does not hold exactly the entries of core.pot:"
                         " run `python packaging/core_catalogue.py update`")
        missing = untranslated(catalog)
        if missing:
            found.append(f"core.{lang}.po: untranslated or fuzzy: {missing}")
        for message in catalog:
            if not message.id or not translated(message):
                continue
            ids = message.id if message.pluralizable else (message.id,)
            forms = message.string if message.pluralizable else (message.string,)
            if message.pluralizable and len(forms) != catalog.num_plurals:
                found.append(f"core.{lang}.po: {ids[0]!r} has {len(forms)} forms, not {catalog.num_plurals}")
            want = set().union(*(placeholders(i) for i in ids))
            for form in forms:
                if placeholders(form) != want:
                    found.append(f"core.{lang}.po: {ids[0]!r} -> {form!r}: the placeholders differ")
        if not mo_path(lang).exists() or mo_path(lang).read_bytes() != compiled(lang):
            found.append(f"core.{lang}.mo is not compiled from core.{lang}.po:"
                         " run `python packaging/core_catalogue.py compile`")
    return found


def check_command() -> int:
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


COMMANDS = {"extract": extract_command, "update": update_command, "compile": compile_command}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in {*COMMANDS, "check"}:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "check":
        return check_command()
    COMMANDS[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
