"""Report commands: `kzdesk report person …` and `kzdesk verify-report …`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import language, tr

Opener = Callable[[argparse.Namespace], Any]


def write_report(path: Path, data: bytes) -> None:
    """Write a report atomically (or nothing), then say plainly that it is not encrypted."""
    from kzdesk.core.files import write_output

    write_output(path, data)
    print(tr("Written to {path}. The file is not encrypted: keep it as safe as the case files.", path=str(path)))


def cmd_report(args: argparse.Namespace, open_vault: Opener) -> int:
    from kzdesk.core.model.persons import one_person
    from kzdesk.core.reports.case import build_pdf, gather

    lang = language()  # the common --lang option sets both the messages and the report
    with open_vault(args) as vault, vault.engine.connect() as conn:
        person = one_person(conn, args.query)
        data = build_pdf(gather(conn, person, args.profile), lang)
    write_report(Path(args.out), data)
    return 0


def _period(args: argparse.Namespace) -> tuple[str, str]:
    from kzdesk.core.model.fields import Problem, parse_period

    try:
        return parse_period(args.start, args.end)
    except Problem as problem:
        raise InputError(problem.msgid, **problem.params) from None


def cmd_chronology(args: argparse.Namespace, open_vault: Opener) -> int:
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
    data = as_text(chron, lang).encode("utf-8") if out.suffix.lower() == ".txt" else as_pdf(chron, lang)
    write_report(out, data)
    return 0


def cmd_stats(args: argparse.Namespace, open_vault: Opener) -> int:
    from kzdesk.core.reports.period_stats import as_pdf, compute

    start, end = _period(args)
    with open_vault(args) as vault, vault.engine.connect() as conn:
        stats = compute(conn, start, end)
    write_report(Path(args.out), as_pdf(stats, language()))
    return 0


def cmd_prisoners(args: argparse.Namespace, open_vault: Opener) -> int:
    from kzdesk.core.reports.prisoners import as_csv, as_pdf, gather

    lang, out = language(), Path(args.out)
    with open_vault(args) as vault, vault.engine.connect() as conn:
        listed = gather(conn, args.profile, lang)
    write_report(out, as_csv(listed, lang, args.profile) if out.suffix.lower() == ".csv"
                 else as_pdf(listed, lang, args.profile))
    return 0


def cmd_verify_report(args: argparse.Namespace, open_vault: Opener) -> int:
    from kzdesk.core.files import read_input
    from kzdesk.core.reports.case import verify_report

    data = read_input(Path(args.file))
    with open_vault(args) as vault, vault.engine.connect() as conn:
        verdict = verify_report(conn, data)
    print(tr(verdict.reason))
    return 0 if verdict.ok else 1


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None], open_vault: Opener) -> None:
    """Add the report commands to the main parser."""
    p = sub.add_parser("report", help=tr("reports: case summaries, chronologies, statistics, lists"),
                       description=tr("reports: case summaries, chronologies, statistics, lists"))
    kinds = p.add_subparsers(dest="report", required=True, metavar="KIND")
    person = kinds.add_parser("person", help=tr("everything recorded about one person, for a lawyer"))
    common(person)
    person.add_argument("query", metavar="QUERY", help=tr("a person id, or part of a name in any spelling"))
    person.add_argument("--out", metavar="FILE.pdf", required=True)
    person.add_argument("--profile", choices=("lawyer", "full", "public"), default="lawyer",
                        help=tr("who the report is for (default: lawyer)"))
    person.set_defaults(func=lambda args: cmd_report(args, open_vault))
    chron = kinds.add_parser("chronology", help=tr("the chronology of a period, for publication (PDF or .txt)"))
    common(chron)
    chron.add_argument("--from", dest="start", metavar="DATE", required=True)
    chron.add_argument("--to", dest="end", metavar="DATE", required=True)
    chron.add_argument("--city", metavar="CITY", help=tr("only events in this city (any spelling)"))
    chron.add_argument("--out", metavar="FILE", required=True, help=tr("FILE.pdf, or FILE.txt for plain text"))
    chron.set_defaults(func=lambda args: cmd_chronology(args, open_vault))
    stats = kinds.add_parser("stats", help=tr("counts, days of arrest and fines of a period, with charts"))
    common(stats)
    stats.add_argument("--from", dest="start", metavar="DATE", required=True)
    stats.add_argument("--to", dest="end", metavar="DATE", required=True)
    stats.add_argument("--out", metavar="FILE.pdf", required=True)
    stats.set_defaults(func=lambda args: cmd_stats(args, open_vault))
    prisoners = kinds.add_parser("prisoners", help=tr("the list of political prisoners and persecuted persons"))
    common(prisoners)
    prisoners.add_argument("--out", metavar="FILE", required=True, help=tr("FILE.pdf, or FILE.csv for a table"))
    prisoners.add_argument("--profile", choices=("public", "lawyer", "full"), default="public",
                           help=tr("who the list is for (default: public)"))
    prisoners.set_defaults(func=lambda args: cmd_prisoners(args, open_vault))
    p = sub.add_parser("verify-report", help=tr("check that a case summary still matches the vault"),
                       description=tr("check that a case summary still matches the vault"))
    common(p)
    p.add_argument("file", metavar="FILE.pdf")
    p.set_defaults(func=lambda args: cmd_verify_report(args, open_vault))
