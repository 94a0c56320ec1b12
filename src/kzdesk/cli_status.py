"""Status commands: `kzdesk status set|list|propose` — a person's status over time."""

from __future__ import annotations

import argparse

from kzdesk.cli_commands import Commands, arg, open_vault, print_json
from kzdesk.core.i18n import N_, ntr, tr
from kzdesk.core.model.status_codes import STATUS_CODES

COMMANDS = Commands()
# `kzdesk status KIND …`: each kind is declared on STATUS, next to its handler.
STATUS = COMMANDS.group("status", N_("a person's status over time: prison, pre-trial detention, released…"))


@STATUS.command("set", N_("record a person's status from a date on"),
                arg("query", metavar="PERSON", help=N_("a person id, or part of a name in any spelling")),
                arg("code", metavar="CODE", choices=STATUS_CODES, help=N_("the status code")),
                arg("--date", metavar="DATE", required=True, help=N_("the day the status began")),
                arg("--reason", metavar="REASON",
                    help=N_("why (released: parole, end_of_term, acquittal, amnesty, pardon; "
                            "died: in_custody, killed)")),
                arg("--note", metavar="TEXT"), json=True)
def cmd_status_set(args: argparse.Namespace) -> int:
    from kzdesk.core.model.persons import one_person
    from kzdesk.core.model.status import set_status, status_label

    with open_vault(args) as vault:
        with vault.engine.connect() as conn:
            person = one_person(conn, args.query)
        set_status(vault, person, args.code, args.date, args.reason, args.note)
    if args.json:
        print_json({"person": person, "code": args.code, "date": args.date, "reason": args.reason,
                    "note": args.note})
        return 0
    print(tr("Status recorded: {status} from {date}.", status=status_label(args.code, None, args.reason),
             date=args.date))
    return 0


@STATUS.command("list", N_("a person's statuses, oldest first"),
                arg("query", metavar="PERSON", help=N_("a person id, or part of a name in any spelling")), json=True)
def cmd_status_list(args: argparse.Namespace) -> int:
    from kzdesk.core.model.persons import one_person
    from kzdesk.core.model.status import history, status_label

    with open_vault(args) as vault, vault.engine.connect() as conn:
        entries = history(conn, one_person(conn, args.query))
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print(tr("No status is recorded for this person."))
    for e in entries:
        print("  ".join(x for x in (e.date, e.code, status_label(e.code, None, e.reason), e.note or "") if x))
    return 0


@STATUS.command("propose", N_("statuses the acts imply (a prison sentence, a release…) that are not recorded"),
                arg("--apply", action="store_true", help=N_("record the proposed statuses")), json=True)
def cmd_status_propose(args: argparse.Namespace) -> int:
    from kzdesk.core.model.status import apply, propose, status_label

    with open_vault(args) as vault:
        with vault.engine.connect() as conn:
            proposals = propose(conn)
        written = apply(vault, proposals) if args.apply and proposals else 0
    if args.json:
        print_json({"proposals": [p.to_json() for p in proposals], "applied": written})
        return 0
    for p in proposals:
        print("  ".join((p.date, p.person[:12], p.name, p.code, status_label(p.code))))
    if args.apply:
        print(ntr("{n} status recorded.", "{n} statuses recorded.", written, n=written))
    elif proposals:
        print(tr("Run again with --apply to record them."))
    else:
        print(tr("Nothing to propose: every status the acts imply is recorded."))
    return 0
