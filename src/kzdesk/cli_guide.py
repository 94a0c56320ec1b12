"""`kzdesk guide`: where the user guide PDF that ships with the program is, or a copy of it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import language, tr


def cmd_guide(args: argparse.Namespace) -> int:
    from kzdesk.core.files import read_input, write_output
    from kzdesk.core.reports.guide import shipped_guide

    # The common --lang option picks the guide's language, like every command's messages.
    source = shipped_guide(language())
    if not source.is_file():
        raise InputError("The user guide is missing from this installation ({path}).", path=str(source))
    if not args.out:
        print(source)
        return 0
    out = Path(args.out).expanduser()
    write_output(out, read_input(source), mode=0o644)  # the guide holds no case data
    print(tr("The user guide was copied to {path}.", path=str(out)))
    return 0


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None], open_vault: Any) -> None:
    """Add the guide command to the main parser (it needs no vault)."""
    help_text = tr("the user guide (PDF) in the --lang language: print where it is, or copy it with --out")
    parser: argparse.ArgumentParser = sub.add_parser("guide", help=help_text, description=help_text)
    common(parser)
    parser.set_defaults(func=cmd_guide)
    parser.add_argument("--out", metavar="FILE", help=tr("copy the guide to this file"))
