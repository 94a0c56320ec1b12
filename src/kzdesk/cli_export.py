"""`kzdesk export-csv`: the vault's acts as a CSV or XLSX file for partners, under a consent profile."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kzdesk.cli_commands import Commands, arg, open_vault
from kzdesk.core.i18n import N_, language, tr
from kzdesk.core.reports.consent import PROFILES, withheld_note

COMMANDS = Commands()


@COMMANDS.command("export-csv", N_("write the acts to a CSV or XLSX file for partners (the file is not encrypted)"),
                  arg("--out", metavar="FILE", required=True, help=N_("the file to write (.csv or .xlsx)")),
                  arg("--profile", choices=PROFILES, default="public",
                      help=N_("who appears and how: full, lawyer or public (the default)")),
                  arg("--format", choices=("csv", "xlsx"), help=N_("csv or xlsx (by default from the file name)")))
def cmd_export_csv(args: argparse.Namespace) -> int:
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
    if table.withheld:
        # On standard error: a script reading the message line still sees what was left out.
        print(withheld_note(table.withheld), file=sys.stderr)
    return 0
