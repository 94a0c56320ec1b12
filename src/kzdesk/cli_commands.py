"""How a command of the command line is declared, and the one place that turns declarations into argparse.

Every face module (cli.py, cli_exchange.py, cli_reports.py, cli_export.py, cli_guide.py) keeps a
`COMMANDS = Commands()` and declares each command right above its handler::

    @COMMANDS.command("search", N_("full-text search over persons, events and acts"),
                      arg("text", metavar="TEXT"), arg("--limit", type=int, default=100), json=True)
    def cmd_search(args: argparse.Namespace) -> int: ...

Every handler takes the parsed arguments and returns the exit status; one that needs the vault opens
it with `open_vault(args)`. Help texts are msgids, translated when the parser is built (the language
is known by then). `json=True` adds the one shared `--json` option; `Commands.group` declares a
command made of kinds (`kzdesk report person|chronology|…`). Nothing else adds parsers or options.
This module stays light: importing the command line must not load the database or crypto libraries.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzdesk import __version__, passphrase
from kzdesk.core.i18n import LANGUAGES, N_, tr
from kzdesk.core.vault.location import vault_dir

if TYPE_CHECKING:  # only for the type: the vault's libraries load when a command opens it
    from kzdesk.core.model.vault import Vault

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Arg:
    """One argument, as argparse's add_argument takes it; its `help` is a msgid."""

    flags: tuple[str, ...]
    options: Mapping[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


# The one `--json` option, for every command that can print what it found as JSON.
JSON = arg("--json", action="store_true", help=N_("print JSON"))


@dataclass(frozen=True)
class Command:
    """A command: its name, its help (a msgid), its arguments and the handler that runs it.

    A command made of kinds (`report`) has no handler of its own: each kind is a Command.
    """

    name: str
    help: str
    run: Handler | None
    arguments: tuple[Arg, ...] = ()
    kinds: list[Command] = field(default_factory=list)
    aliases: tuple[str, ...] = ()  # older names that still work (a renamed command keeps its old name)


class Commands:
    """The commands of one face module, in the order `kzdesk --help` lists them."""

    def __init__(self) -> None:
        self.declared: list[Command] = []

    def command(self, name: str, help: str, *arguments: Arg, json: bool = False,
                aliases: tuple[str, ...] = ()) -> Callable[[Handler], Handler]:
        """Declare the decorated handler as command `name`; `json` adds the shared --json option last."""

        def declare(run: Handler) -> Handler:
            self.declared.append(Command(name, help, run, (*arguments, JSON) if json else arguments,
                                         aliases=aliases))
            return run

        return declare

    def group(self, name: str, help: str) -> Commands:
        """Declare a command made of kinds; the kinds are declared with `.command` on what this returns."""
        kinds = Commands()
        self.declared.append(Command(name, help, None, kinds=kinds.declared))
        return kinds


# --- building the parser --------------------------------------------------------------------
def _common(parser: argparse.ArgumentParser, top: bool) -> None:
    # On the top parser the options have defaults; on each command they may be given again.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--vault", metavar="DIR", default=default,
                        help=tr("vault directory (default: KZDESK_VAULT or the per-user data directory)"))
    parser.add_argument("--passphrase-file", metavar="FILE", default=default,
                        help=tr("read the passphrase from FILE (or set KZDESK_PASSPHRASE)"))
    parser.add_argument("--lang", choices=LANGUAGES, default=default,
                        help=tr("language of messages"))


def _add(parser: argparse.ArgumentParser, command: Command) -> None:
    """The common options, then the command's own arguments, then its handler."""
    _common(parser, top=False)
    for argument in command.arguments:
        options = dict(argument.options)
        if options.get("help"):
            options["help"] = tr(options["help"])
        parser.add_argument(*argument.flags, **options)
    parser.set_defaults(func=command.run)


def build_parser(faces: Iterable[Commands]) -> argparse.ArgumentParser:
    """The whole command line, from the declarations of each face module in turn."""
    parser = argparse.ArgumentParser(prog="kzdesk", description=tr(
        "Encrypted offline recording of political persecution for human-rights monitors."))
    parser.add_argument("--version", action="version", version=f"kzdesk {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for face in faces:
        for command in face.declared:
            text = tr(command.help)
            p = sub.add_parser(command.name, help=text, description=text, aliases=list(command.aliases))
            if command.run is not None:
                _add(p, command)
                continue
            # A command made of kinds takes the common options after the kind, as each kind's own.
            kinds = p.add_subparsers(dest=command.name, required=True, metavar="KIND")
            for kind in command.kinds:
                _add(kinds.add_parser(kind.name, help=tr(kind.help)), kind)
    return parser


def plain_start(argv: Sequence[str], gui: Handler) -> argparse.Namespace | None:
    """What the whole parser makes of a plain start of the window (`kzdesk`, `kzdesk gui`, with only
    --vault, --passphrase-file and --lang), read without building it: the window's start does not pay
    for every command's parser. None for anything else, which the whole parser then reads."""
    common = {"--vault": "vault", "--passphrase-file": "passphrase_file", "--lang": "lang"}
    values: dict[str, Any] = dict.fromkeys(common.values())
    command: str | None = None
    tokens = iter(argv)
    for word in tokens:
        if word == "gui" and command is None:
            command = "gui"
            continue
        flag, joined, value = word.partition("=")
        dest = common.get(flag)
        given = value if joined else next(tokens, None)
        # Anything argparse would refuse or read otherwise (help, an abbreviation, a missing value).
        if dest is None or given is None or (not joined and given.startswith("-")):
            return None
        if dest == "lang" and given not in LANGUAGES:
            return None
        values[dest] = given
    if command is None:
        return argparse.Namespace(**values, command=None)
    return argparse.Namespace(**values, command=command, func=gui)


# --- what handlers share --------------------------------------------------------------------
def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def reply(args: argparse.Namespace, data: Any, *lines: str) -> None:
    """A command's answer: DATA as the one JSON document under --json, the LINES for people otherwise."""
    if getattr(args, "json", False):
        print_json(data)
    else:
        for line in lines:
            print(line)


def tell(args: argparse.Namespace | None, text: str) -> None:
    """A line for people: on standard output, or on standard error under --json, where standard
    output holds the one JSON document and nothing else."""
    print(text, file=sys.stderr if getattr(args, "json", False) else sys.stdout)


def ask(args: argparse.Namespace, prompt: str) -> str:
    """input(prompt), with the prompt on standard error under --json (standard output is the JSON's)."""
    if not getattr(args, "json", False):
        return input(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    return input()


def unwrap_vault(args: argparse.Namespace) -> tuple[Path, bytes]:
    """The vault folder and its data key: from the keyring slot if remembered, else the passphrase."""
    from kzdesk.core.model.vault import Vault
    from kzdesk.core.vault import remember
    from kzdesk.core.vault.keyslots import VaultHeader
    from kzdesk.core.vault.layout import HEADER_FILE

    path = vault_dir(args.vault)
    secret = passphrase.given(args.passphrase_file)
    if secret is None:
        header = VaultHeader.load(path / HEADER_FILE)  # says "no vault" before asking for a passphrase
        dek = remember.recall(header)
        if dek is not None:
            return path, dek
        secret = passphrase.prompt()
    return path, Vault.unwrap(path, secret)


def open_vault(args: argparse.Namespace) -> Vault:
    """The vault named by --vault, open (a context manager that closes it)."""
    from kzdesk.core.model.vault import Vault

    path, dek = unwrap_vault(args)
    return Vault.open(path, dek=dek)
