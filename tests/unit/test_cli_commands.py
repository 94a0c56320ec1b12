"""The command line is declared one way, and declaring it so changed no command, option or help text."""

from __future__ import annotations

import argparse
import ast
import inspect
import json
from pathlib import Path
from typing import Any

from kzdesk.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
FACES = sorted((ROOT / "src" / "kzdesk").glob("cli*.py"))
EXPECTED = ROOT / "tests" / "data" / "cli_parser.json"


def _action(action: argparse.Action) -> dict[str, Any]:
    return {"options": list(action.option_strings), "dest": action.dest, "nargs": action.nargs,
            "required": action.required, "choices": None if action.choices is None else list(action.choices),
            "default": action.default, "metavar": action.metavar, "type": getattr(action.type, "__name__", None),
            "help": action.help}


def describe(parser: argparse.ArgumentParser, path: str = "") -> dict[str, Any]:
    """Every parser reachable from `parser`, by its command path: its texts and its arguments in order."""
    found: dict[str, Any] = {path: {"description": parser.description, "arguments": []}}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            listed = {choice.dest: choice.help for choice in action._choices_actions}
            found[path]["arguments"].append({"commands": list(action.choices), "dest": action.dest,
                                             "required": action.required, "metavar": action.metavar})
            for name, sub in action.choices.items():
                if name not in listed:  # an older name of a command listed under its new one
                    found[path]["arguments"][-1].setdefault("aliases", {})[name] = next(
                        n for n, s in action.choices.items() if s is sub and n in listed)
                    continue
                found.update(describe(sub, f"{path} {name}".strip()))
                found[f"{path} {name}".strip()]["help"] = listed[name]
        elif not isinstance(action, argparse._VersionAction):  # its text carries the version number
            found[path]["arguments"].append(_action(action))
    return found


def test_every_command_option_and_help_text_is_as_it_was() -> None:
    """tests/data/cli_parser.json was written from the parser as it stood before the declarations moved
    next to their handlers: command names and order, options, defaults, choices and (English) help."""
    assert describe(build_parser()) == json.loads(EXPECTED.read_text(encoding="utf-8"))


def _calls(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for node in ast.walk(tree) if isinstance(node, ast.Call)}


def test_every_command_is_declared_one_way() -> None:
    """Parsers and options are made only by the builder in cli_commands.py, from declarations; every
    cmd_* handler of every face module is declared, and every handler takes the parsed arguments alone."""
    from kzdesk import cli, cli_exchange, cli_export, cli_guide, cli_reports, cli_status

    builder = {"add_parser", "add_subparsers", "add_argument", "set_defaults", "ArgumentParser"}
    elsewhere = {path.name: sorted(builder & _calls(path)) for path in FACES if path.name != "cli_commands.py"}
    assert elsewhere == {path.name: [] for path in FACES if path.name != "cli_commands.py"}

    faces = (cli, cli_exchange, cli_reports, cli_status, cli_export, cli_guide)
    assert {path.stem for path in FACES} == {face.__name__.split(".")[-1] for face in faces} | {"cli_commands"}
    declared = [c for face in faces for top in face.COMMANDS.declared for c in (top.kinds or [top])]
    handlers = {c.run for c in declared}
    written = {getattr(face, name) for face in faces for name in vars(face) if name.startswith("cmd_")}
    assert written == handlers
    assert all(list(inspect.signature(run).parameters) == ["args"] for run in written)
    # Each name once, and the parser the builder makes from them is the one the program uses.
    assert len({(c.name, c.run) for c in declared}) == len(declared) == len(handlers)


def test_the_command_line_finds_a_person_only_through_one_person() -> None:
    """Every command that names a person resolves the name with model.persons.one_person: no query of its own."""
    imported = set()
    for path in FACES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "kzdesk.core.model.persons":
                imported |= {alias.name for alias in node.names}
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "select " not in node.value.lower(), path.name
        assert {"select", "text", "execute"}.isdisjoint(_calls(path)), path.name
    assert imported == {"one_person"}
