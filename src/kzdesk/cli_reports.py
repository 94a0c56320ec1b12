"""Report commands: `kzdesk report person …` and `kzdesk verify-report …`."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from kzdesk.cli_commands import Commands, arg, open_vault, print_json, reply, tell
from kzdesk.core.errors import InputError
from kzdesk.core.i18n import N_, language, tr

COMMANDS = Commands()
# `kzdesk report KIND …`: each kind is declared on REPORT, next to its handler.
REPORT = COMMANDS.group("report", N_("reports: case summaries, chronologies, statistics, lists"))


def write_report(path: Path, data: bytes, args: argparse.Namespace | None = None) -> None:
    """Write a report atomically (or nothing), then say plainly that it is not encrypted (on standard
    error under --json)."""
    from kzdesk.core.files import write_output

    write_output(path, data)
    tell(args, tr("Written to {path}. The file is not encrypted: keep it as safe as the case files.", path=str(path)))


@REPORT.command("person", N_("everything recorded about one person, for a lawyer"),
                arg("query", metavar="QUERY", help=N_("a person id, or part of a name in any spelling")),
                arg("--out", metavar="FILE.pdf", required=True),
                arg("--profile", choices=("lawyer", "full", "public"), default="lawyer",
                    help=N_("who the report is for (default: lawyer)")),
                arg("--archival", action="store_true",
                    help=N_("an archival PDF/A-2b file, for the records of a court or an archive")), json=True)
def cmd_report(args: argparse.Namespace) -> int:
    from kzdesk.core.reports.case import case_summary

    lang = language()  # the common --lang option sets both the messages and the report
    with open_vault(args) as vault, vault.engine.connect() as conn:
        summary = case_summary(conn, args.query, lang, args.profile, args.archival)
    write_report(Path(args.out), summary.pdf, args)
    if args.json:
        print_json({"written": args.out, "kind": "person", "person": summary.person, "profile": args.profile,
                    "archival": args.archival})
    return 0


def _period(args: argparse.Namespace) -> tuple[str, str]:
    from kzdesk.core.model.fields import Problem, parse_period

    try:
        return parse_period(args.start, args.end)
    except Problem as problem:
        raise InputError(problem.msgid, **problem.params) from None


@REPORT.command("chronology", N_("the chronology of a period, for publication (PDF or .txt)"),
                arg("--from", dest="start", metavar="DATE", required=True),
                arg("--to", dest="end", metavar="DATE", required=True),
                arg("--city", metavar="CITY", help=N_("only events in this city (any spelling)")),
                arg("--out", metavar="FILE", required=True, help=N_("FILE.pdf, or FILE.txt for plain text")),
                json=True)
def cmd_chronology(args: argparse.Namespace) -> int:
    from kzdesk.core.model.vocab import vocabulary
    from kzdesk.core.reports.chronology import as_pdf, as_text, gather

    start, end = _period(args)
    city = None
    if args.city:
        city = vocabulary().city(args.city)
        if city is None:
            raise InputError("Unknown city: {city}", city=args.city)
    lang = language()
    with open_vault(args) as vault, vault.engine.connect() as conn:
        chron = gather(conn, start, end, city, lang)
    out = Path(args.out)
    text = out.suffix.lower() == ".txt"
    write_report(out, as_text(chron, lang).encode("utf-8") if text else as_pdf(chron, lang), args)
    _say_withheld(chron.withheld)
    if args.json:
        print_json({"written": args.out, "kind": "chronology", "format": "txt" if text else "pdf",
                    "from": chron.start, "to": chron.end, "city": chron.city, "events": len(chron.entries),
                    "undated": len(chron.undated), "sources": len(chron.sources), "withheld": chron.withheld,
                    "possible_doubles": chron.possible_doubles})
    return 0


def _say_withheld(count: int) -> None:
    """What a public report left out for consent, on standard error (the report itself says it too)."""
    from kzdesk.core.reports.consent import withheld_note

    if count:
        print(withheld_note(count), file=sys.stderr)


@REPORT.command("stats", N_("counts, days of arrest and fines of a period, with charts"),
                arg("--from", dest="start", metavar="DATE", required=True),
                arg("--to", dest="end", metavar="DATE", required=True),
                arg("--out", metavar="FILE.pdf", required=True), json=True)
def cmd_stats(args: argparse.Namespace) -> int:
    from kzdesk.core.reports.period_stats import as_pdf, compute

    start, end = _period(args)
    with open_vault(args) as vault, vault.engine.connect() as conn:
        stats = compute(conn, start, end)
    write_report(Path(args.out), as_pdf(stats, language()), args)
    if stats.undated:  # in no period: the report says so too, never drops them silently
        tell(args, tr("Acts with no date (in no period, not counted above)") + f": {stats.undated}")
    if args.json:
        print_json({"written": args.out, "kind": "stats", "from": stats.start, "to": stats.end, "acts": stats.acts,
                    "persons": stats.persons, "arrest_days": stats.arrest_days, "fines_kzt": stats.fines_kzt,
                    "unreadable": stats.unreadable, "undated": stats.undated, "doubles": stats.doubles,
                    "possible_doubles": stats.possible_doubles, "by_month": stats.by_month,
                    "by_city": stats.by_city, "by_type": stats.by_type, "by_article": stats.by_article})
    return 0


@REPORT.command("prisoners", N_("the list of political prisoners and persecuted persons"),
                arg("--out", metavar="FILE", required=True,
                    help=N_("FILE.pdf, or FILE.csv or FILE.xlsx for a table")),
                arg("--as-of", dest="as_of", metavar="DATE", help=N_("the day the list is for (default: today)")),
                arg("--profile", choices=("public", "lawyer", "full"), default="public",
                    help=N_("who the list is for (default: public)")), json=True)
def cmd_prisoners(args: argparse.Namespace) -> int:
    from kzdesk.core.model.fields import Problem, parse_day
    from kzdesk.core.reports.prisoners import as_csv, as_pdf, as_xlsx, gather, utc_day, withheld

    try:
        as_of = parse_day(args.as_of or "")
    except Problem as problem:
        raise InputError(problem.msgid, **problem.params) from None
    lang, out = language(), Path(args.out)
    with open_vault(args) as vault, vault.engine.connect() as conn:
        listed = gather(conn, args.profile, lang, as_of)
        kept_out = withheld(conn, args.profile, as_of)
    suffix = out.suffix.lower()
    write_report(out, as_csv(listed, lang, args.profile) if suffix == ".csv"
                 else as_xlsx(listed, lang, args.profile) if suffix == ".xlsx"
                 else as_pdf(listed, lang, args.profile, as_of, kept_out=kept_out), args)
    for line in kept_out.lines():  # the PDF says it too; a table has one row per person and nothing else
        print(line, file=sys.stderr)
    if args.json:
        groups = dict(Counter(x.group for x in listed))
        print_json({"written": args.out, "kind": "prisoners",
                    "format": suffix.lstrip(".") if suffix in (".csv", ".xlsx") else "pdf",
                    "as_of": as_of or utc_day(), "profile": args.profile, "persons": len(listed), "by_group": groups,
                    "withheld": {"persons": kept_out.persons, "acts": kept_out.acts}})
    return 0


@COMMANDS.command("verify-report", N_("check that a case summary still matches the vault"),
                  arg("file", metavar="FILE.pdf"), json=True)
def cmd_verify_report(args: argparse.Namespace) -> int:
    from kzdesk.core.files import read_input
    from kzdesk.core.reports.case import verify_report

    data = read_input(Path(args.file))
    with open_vault(args) as vault, vault.engine.connect() as conn:
        verdict = verify_report(conn, data)
    reply(args, {"ok": verdict.ok, "reason": verdict.reason, "person": verdict.person}, tr(verdict.reason))
    return 0 if verdict.ok else 1
