"""The core never imports Qt: the command line and tests run it without a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "kzdesk" / "core"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def test_no_qt_import_statement_in_core() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in QT]
    assert list(CORE.rglob("*.py")), "core sources not found"
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(p.relative_to(CORE.parent.parent).with_suffix("").parts)
        for p in CORE.rglob("*.py") if "migrations" not in p.parts
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert len(modules) > 10
    assert out.strip() == "[]"


def test_first_window_needs_no_heavy_modules() -> None:
    """The unlock window and the wizard come up before SQLAlchemy, Alembic or the crypto load."""
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import kzdesk.cli, kzdesk.app, kzdesk.ui.unlock, kzdesk.ui.wizard\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'alembic', 'cryptography', 'sqlcipher3')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- floors -----------------------------------------------------------------------------------
# From the ground up; a floor imports only floors below it and the small modules at the core's
# root (errors, i18n, files, atomic, resources, install, process), never a floor beside it.
FLOORS = {"vault": 1, "model": 2, "ingest": 3, "exchange": 3, "reports": 4}

def _core_imports() -> dict[str, set[str]]:
    """Every core module and the core modules it imports, at the top or inside a function."""
    modules = {".".join(p.relative_to(CORE.parent.parent).with_suffix("").parts).removesuffix(".__init__"): p
               for p in CORE.rglob("*.py") if "migrations" not in p.parts}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            edges[module].update(t for t in targets if t in modules and t != module)
    return edges


def _floor(module: str) -> tuple[int, str]:
    parts = module.split(".")
    return (FLOORS[parts[2]], parts[2]) if len(parts) > 3 and parts[2] in FLOORS else (0, "root")


def test_core_floors_import_only_downward() -> None:
    wrong = []
    for module, targets in _core_imports().items():
        level, name = _floor(module)
        for target in targets:
            t_level, t_name = _floor(target)
            upward = t_level > level or (t_level == level and t_name != name) if t_level else False
            if (upward or (name == "root" and t_name != "root")):
                wrong.append(f"{module} -> {target}")
    assert sorted(wrong) == []


def test_no_import_loop_between_core_files() -> None:
    edges = _core_imports()
    loops = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                loops.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert loops == []


def test_one_writer_and_one_reader_of_revisions() -> None:
    """Revisions are written (INSERT INTO revision) and rebuilt from rows (RevisionRow(...)) only in
    model/revisions.py: store_revisions() and revision_from_row(), whoever writes or reads them."""
    elsewhere = []
    for path in CORE.rglob("*.py"):
        if path == CORE / "model" / "revisions.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and "insert into revision " in node.value.lower():
                elsewhere.append(f"{path.name}:{node.lineno} writes revisions")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "RevisionRow":
                elsewhere.append(f"{path.name}:{node.lineno} builds a RevisionRow")
    assert elsewhere == []


def test_tests_import_helpers_not_other_tests() -> None:
    """A test module takes shared code from a helper module (tests/vaults.py, tests/ui/helpers.py, ...),
    never from a test_* module or a conftest: importing one would collect (and run the module code of)
    another, and fixtures are found by pytest, not imported."""
    tests = CORE.parents[2] / "tests"
    offenders = []
    for path in sorted(tests.rglob("*.py")):
        package = path.relative_to(tests.parent).parent.parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package[:len(package) - node.level + 1] if node.level else ()
                targets = [(*base, *(node.module or "").split("."))]
                if not node.module:  # from . import test_x
                    targets = [(*base, a.name) for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [tuple(a.name.split(".")) for a in node.names]
            else:
                continue
            for target in targets:
                last = [part for part in target if part][-1:]
                if target[:1] == ("tests",) and last and (last[0].startswith("test_") or last[0] == "conftest"):
                    offenders.append(f"{path.relative_to(tests)}:{node.lineno} imports {'.'.join(target)}")
    assert len(list(tests.rglob("test_*.py"))) > 50
    assert offenders == []
