"""Compile the Qt Designer forms and the translations (run after editing forms/ or *.ts).

    python packaging/build_ui.py            # forms/*.ui -> src/kzdesk/ui/forms/ui_*.py, *.ts -> *.qm
    python packaging/build_ui.py --lupdate  # also refresh the .ts sources from the code first

The generated files are committed so that an install needs no Qt tools; tests/ui/test_build.py
fails when they are out of date with their sources.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
GENERATED = ROOT / "src" / "kzdesk" / "ui" / "forms"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("ru", "kk", "en")
TOOLS = Path(sys.executable).parent


def tool(name: str) -> str:
    return str(TOOLS / name)


def compile_form(ui: Path, target: Path) -> None:
    subprocess.run([tool("pyside6-uic"), "--no-autoconnection", str(ui), "-o", str(target)], check=True)
    target.write_text(_used_imports_only(target.read_text(encoding="utf-8")), encoding="utf-8")


def _used_imports_only(source: str) -> str:
    """The form with its PySide6 imports cut to the names it uses. uic imports some 40 names whatever
    the form needs, and each is a type PySide6 sets up on first import; `Qt` alone, the namespace of
    every enum, costs about 25 ms, before the unlock window can paint (bench/gui.py measures it)."""
    tree = ast.parse(source)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    lines = source.splitlines(keepends=True)
    imports = [n for n in tree.body if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("PySide6")]
    for node in sorted(imports, key=lambda n: n.lineno, reverse=True):
        names = [alias.name for alias in node.names if (alias.asname or alias.name) in used]
        end = node.end_lineno or node.lineno
        kept = [f"from {node.module} import {', '.join(names)}\n"] if names else []
        lines[node.lineno - 1:end] = kept
    return "".join(lines)


def compile_forms(target_dir: Path = GENERATED) -> list[Path]:
    target_dir.mkdir(parents=True, exist_ok=True)
    (target_dir / "__init__.py").write_text('"""Generated from forms/*.ui by packaging/build_ui.py — do not edit."""\n')
    out = []
    for ui in sorted(FORMS.glob("*.ui")):
        target = target_dir / f"ui_{ui.stem}.py"
        compile_form(ui, target)
        out.append(target)
    return out


def update_ts() -> None:
    sources = [str(p) for p in sorted((ROOT / "src" / "kzdesk" / "ui").rglob("*.py")) if "forms" not in p.parts]
    sources += [str(p) for p in sorted(FORMS.glob("*.ui"))]
    for lang in LANGUAGES:
        subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
                        "-target-language", lang, "-ts", str(I18N / f"kzdesk_{lang}.ts")], check=True,
                       capture_output=True)


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> None:
    if "--lupdate" in sys.argv:
        update_ts()
    compile_forms()
    for lang in LANGUAGES:
        ts = I18N / f"kzdesk_{lang}.ts"
        if ts.exists():
            release(ts, I18N / f"kzdesk_{lang}.qm")


if __name__ == "__main__":
    main()
