"""The command line is declared one way, and declaring it so changed no command, option or help text."""

from __future__ import annotations

import argparse
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
                found.update(describe(sub, f"{path} {name}".strip()))
                found[f"{path} {name}".strip()]["help"] = listed[name]
        elif not isinstance(action, argparse._VersionAction):  # its text carries the version number
            found[path]["arguments"].append(_action(action))
    return found


def test_every_command_option_and_help_text_is_as_it_was() -> None:
    """tests/data/cli_parser.json was written from the parser as it stood before the declarations moved
    next to their handlers: command names and order, options, defaults, choices and (English) help."""
    assert describe(build_parser()) == json.loads(EXPECTED.read_text(encoding="utf-8"))
