"""`kzdesk export-csv`: the vault's acts as a CSV or XLSX file for partners, under a consent profile; and
`kzdesk template`: an empty spreadsheet in the user's language that `kzdesk import` reads as it is."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kzdesk.cli_commands import Commands, arg, open_vault, print_json, reply, tell
from kzdesk.core.i18n import N_, language, tr
from kzdesk.core.reports.profiles import PROFILES

COMMANDS = Commands()
# A CSV file's separator: a comma, or the semicolon a Russian- or Kazakh-locale Excel expects.
DELIMITERS = {"comma": ",", "semicolon": ";"}
DELIMITER = arg("--delimiter", choices=tuple(DELIMITERS), default="comma",
                help=N_("CSV only: comma (the default) or semicolon, which Excel with Russian or Kazakh settings "
                        "opens directly"))


@COMMANDS.command("export-csv", N_("write the acts to a CSV or XLSX file for partners (the file is not encrypted)"),
                  arg("--out", metavar="FILE", required=True, help=N_("the file to write (.csv or .xlsx)")),
                  arg("--profile", choices=PROFILES, default="public",
                      help=N_("who appears and how: full, lawyer or public (the default)")),
                  arg("--format", choices=("csv", "xlsx"), help=N_("csv or xlsx (by default from the file name)")),
                  DELIMITER, json=True)
def cmd_export_csv(args: argparse.Namespace) -> int:
    from kzdesk.core.files import check_destination, write_output
    from kzdesk.core.reports.consent import withheld_note
    from kzdesk.core.reports.export import build_table, encode, format_for

    out = Path(args.out).expanduser()
    fmt = args.format or format_for(out)
    # A destination that cannot be written is refused before the passphrase is asked for.
    check_destination(out)
    # The common --lang option sets the language of the messages and of the file alike.
    with open_vault(args) as vault, vault.engine.connect() as conn:
        table = build_table(conn, args.profile, language())
    write_output(out, encode(table, fmt, DELIMITERS[args.delimiter]))
    if args.json:
        print_json({"written": args.out, "format": fmt, "profile": table.profile, "lang": table.lang,
                    "rows": len(table.rows), "withheld": table.withheld})
    tell(args, tr("{count} rows written to {path} (profile: {profile}). The file is NOT encrypted: keep it safe "
             "and delete it when it is no longer needed.", count=len(table.rows), path=str(out),
             profile=table.profile))
    if table.withheld:
        # On standard error: a script reading the message line still sees what was left out.
        print(withheld_note(table.withheld), file=sys.stderr)
    return 0


@COMMANDS.command("template", N_("write an empty spreadsheet for 'kzdesk import', with an example row and, in "
                                 "XLSX, drop-down lists (in the --lang language)"),
                  arg("--out", metavar="FILE", required=True, help=N_("the file to write (.csv or .xlsx)")),
                  arg("--format", choices=("csv", "xlsx"), help=N_("csv or xlsx (by default from the file name)")),
                  DELIMITER, json=True)
def cmd_template(args: argparse.Namespace) -> int:
    """Needs no vault: the template holds no case data."""
    from kzdesk.core.files import write_output
    from kzdesk.core.ingest.template import template
    from kzdesk.core.reports.export import format_for

    out = Path(args.out).expanduser()
    fmt = args.format or format_for(out)
    write_output(out, template(fmt, language(), DELIMITERS[args.delimiter]), mode=0o644)
    reply(args, {"written": args.out, "format": fmt, "lang": language()},
          tr("The template was written to {path}. Fill in one row per act, then: kzdesk import {path}",
             path=str(out)))
    return 0
