"""`kzdesk guide`: where the user guide PDF that ships with the program is, or a copy of it."""

from __future__ import annotations

import argparse
from pathlib import Path

from kzdesk.cli_commands import Commands, arg, reply
from kzdesk.core.errors import InputError
from kzdesk.core.i18n import N_, language, tr

COMMANDS = Commands()


@COMMANDS.command("guide", N_("the user guide (PDF) in the --lang language: print where it is, or copy it with --out"),
                  arg("--out", metavar="FILE", help=N_("copy the guide to this file")), json=True)
def cmd_guide(args: argparse.Namespace) -> int:
    """Needs no vault: the guide ships with the program."""
    from kzdesk.core.files import read_input, write_output
    from kzdesk.core.reports.guide import shipped_guide

    # The common --lang option picks the guide's language, like every command's messages.
    source = shipped_guide(language())
    if not source.is_file():
        raise InputError("The user guide is missing from this installation ({path}).", path=str(source))
    if not args.out:
        reply(args, {"guide": str(source), "lang": language(), "written": None}, str(source))
        return 0
    out = Path(args.out).expanduser()
    write_output(out, read_input(source), mode=0o644)  # the guide holds no case data
    reply(args, {"guide": str(source), "lang": language(), "written": args.out},
          tr("The user guide was copied to {path}.", path=str(out)))
    return 0
