"""`kzdesk export-csv`: the vault's acts as a CSV or XLSX file for partners, under a consent profile."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kzdesk.core.i18n import language, tr
from kzdesk.core.reports.consent import PROFILES

Opener = Callable[[argparse.Namespace], Any]


def cmd_export_csv(args: argparse.Namespace, open_vault: Opener) -> int:
    from kzdesk.core.files import check_destination, write_output
    from kzdesk.core.reports.export import build_table, encode, format_for

    out = Path(args.out).expanduser()
    fmt = args.format or format_for(out)
    # A destination that cannot be written is refused before the passphrase is asked for.
    check_destination(out)
    # The common --lang option sets the language of the messages and of the file alike.
    with open_vault(args) as vault, vault.engine.connect() as conn:
        table = build_table(conn, args.profile, language())
    write_output(out, encode(table, fmt))
    print(tr("{count} rows written to {path} (profile: {profile}). The file is NOT encrypted: keep it safe "
             "and delete it when it is no longer needed.", count=len(table.rows), path=str(out),
             profile=table.profile))
    return 0


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None], open_vault: Opener) -> None:
    """Add the export command to the main parser."""
    help_text = tr("write the acts to a CSV or XLSX file for partners (the file is not encrypted)")
    parser: argparse.ArgumentParser = sub.add_parser("export-csv", help=help_text, description=help_text)
    common(parser)
    parser.set_defaults(func=lambda args: cmd_export_csv(args, open_vault))
    parser.add_argument("--out", metavar="FILE", required=True, help=tr("the file to write (.csv or .xlsx)"))
    parser.add_argument("--profile", choices=PROFILES, default="public",
                        help=tr("who appears and how: full, lawyer or public (the default)"))
    parser.add_argument("--format", choices=("csv", "xlsx"),
                        help=tr("csv or xlsx (by default from the file name)"))
