"""Command-line faces of the exchange: identity, trust, bundles, quarantine, conflicts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kzdesk.cli_commands import Commands, arg, ask, open_vault, print_json, reply, tell
from kzdesk.core.errors import InputError
from kzdesk.core.files import read_input
from kzdesk.core.i18n import N_, tr

if TYPE_CHECKING:
    from kzdesk.core.exchange.receipts import PurgeResult

COMMANDS = Commands()


@COMMANDS.command("identity", N_("show this vault's key and fingerprint, or export its public card or "
                                 "(a coordinator's) age key"),
                  arg("action", nargs="?", choices=("show", "export-card", "export-age-key"), default="show"),
                  arg("--out", metavar="FILE"), json=True)
def cmd_identity(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange.own import age_key_file, own_card
    from kzdesk.core.files import write_output

    with open_vault(args) as vault:
        card = own_card(vault)
        if args.action == "export-card":
            if not args.out:
                raise InputError("Say where to write the card: --out FILE.")
            write_output(Path(args.out), card.export(vault.identity), mode=0o644)
            reply(args, {"written": args.out, "key_id": card.key_id}, tr("Card written to {path}.", path=args.out))
            return 0
        if args.action == "export-age-key":
            if not args.out:
                raise InputError("Say where to write the age key: --out FILE.")
            with vault.transaction() as conn:
                data = age_key_file(vault, conn)
            write_output(Path(args.out), data)  # readable by its owner only
            reply(args, {"written": args.out, "age_recipient": card.age_recipient},
                  tr("Written to {path}. The file is not encrypted: keep it as safe as the case files.", path=args.out),
                  tr("Anyone who has this file can open every bundle sent to this coordinator, with kzdesk or "
                     "with the age tool (age -d -i FILE). Delete it once you no longer need it."))
            return 0
    info = {"key_id": card.key_id, "fingerprint": card.fingerprint, "role": card.role,
            "display_name": card.display_name, "age_recipient": card.age_recipient}
    if args.json:
        print_json(info)
    else:
        print(tr("Key id: {key}", key=card.key_id))
        print(tr("Fingerprint: {fingerprint}", fingerprint=card.fingerprint))
    return 0


@COMMANDS.command("trust", N_("trust a card, list trusted keys, or revoke one"),
                  arg("action", choices=("add", "list", "revoke")),
                  arg("target", nargs="?", metavar="CARD|KEYID"),
                  arg("--yes", action="store_true", help=N_("the fingerprint was compared: do not ask")),
                  arg("--after-seq", type=int, metavar="N"), json=True)
def cmd_trust(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange import trust
    from kzdesk.core.exchange.card import Card
    from kzdesk.core.exchange.chain import missing_bundles

    if args.action == "add":
        if not args.target:
            raise InputError("Name the card file: kzdesk trust add CARD.")
        card = Card.parse(read_input(Path(args.target)))
        tell(args, tr("{role} {name}, fingerprint: {fingerprint}", role=tr(card.role), name=card.display_name,
                      fingerprint=card.fingerprint))
        told = {"key_id": card.key_id, "fingerprint": card.fingerprint, "role": card.role,
                "display_name": card.display_name}
        if not args.yes:
            if not sys.stdin.isatty():
                raise InputError("Compare the fingerprint with its owner, then confirm with --yes.")
            answer = ask(args, tr("Does it match what its owner reads out? [y/N] ")).strip().lower()
            if answer not in ("y", "yes", "д", "да", "и", "иә"):
                reply(args, {"added": False, **told}, tr("Not added."))
                return 1
        with open_vault(args) as vault, vault.transaction() as conn:
            trust.add(conn, card, vault.identity.key_id)
        reply(args, {"added": True, **told}, tr("Trusted."))
        return 0
    with open_vault(args) as vault, vault.transaction() as conn:
        if args.action == "revoke":
            if not args.target or args.after_seq is None:
                raise InputError("Use: kzdesk trust revoke KEYID --after-seq N.")
            trust.revoke(conn, args.target, args.after_seq)
            reply(args, {"revoked": args.target, "after_seq": args.after_seq},
                  tr("Revoked after bundle {seq}.", seq=args.after_seq))
            return 0
        keys = trust.all_trusted(conn)
        missing = missing_bundles(conn)
    rows = [{"key_id": k.key_id, "role": k.role, "display_name": k.display_name, "fingerprint": k.fingerprint,
             "age_recipient": k.age_recipient, "revoked_after_seq": k.revoked_after_seq,
             "missing_bundles": missing.get(k.key_id, [])} for k in keys]
    if args.json:
        print_json(rows)
    else:
        for k in keys:
            gaps = missing.get(k.key_id)
            print(f"{k.key_id}  {tr(k.role):<12} {k.fingerprint}  {k.display_name}"
                  + (f"  ({tr('bundles not arrived')}: {', '.join(map(str, gaps))})" if gaps else ""))
    return 0


@COMMANDS.command("export-bundle", N_("write what was recorded since the last bundle"),
                  arg("--out", metavar="FILE", required=True),
                  arg("--all", action="store_true", help=N_("everything, not only what is new")), json=True)
def cmd_export_bundle(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange.exporting import export_bundle

    with open_vault(args) as vault:
        report = export_bundle(vault, Path(args.out), everything=args.all)
    reply(args, {"written": args.out, "seq": report.seq, "revisions": report.revisions,
                 "attachments": report.attachments, "everything": args.all},
          tr("Bundle {seq} written: {revisions} revisions, {attachments} attachments.", seq=report.seq,
             revisions=report.revisions, attachments=report.attachments))
    return 0


@COMMANDS.command("import-bundle", N_("verify and merge bundles from volunteers"),
                  arg("files", nargs="+", metavar="FILE|FOLDER"), json=True)
def cmd_import_bundle(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange.importing import bundle_files, import_bundles

    files = bundle_files([Path(name) for name in args.files])
    if not files:
        raise InputError("No bundles (*.kzb) in {path}.", path=", ".join(args.files))
    with open_vault(args) as vault:
        outcomes = import_bundles(vault, files)
    if args.json:
        print_json([o.to_json() for o in outcomes])
    else:
        for o in outcomes:
            print(o.describe())
    return 1 if any(o.status == "rejected" for o in outcomes) else 0


@COMMANDS.command("quarantine", N_("bundles set aside: list, accept or drop"),
                  arg("action", choices=("list", "accept", "drop")), arg("bundle", nargs="?"), json=True)
def cmd_quarantine(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange.quarantine import accept_quarantined, drop_quarantined, quarantined

    with open_vault(args) as vault:
        if args.action == "list":
            with vault.engine.connect() as conn:
                rows = quarantined(conn)
            if args.json:
                print_json([row.to_json() for row in rows])
            else:
                for row in rows:
                    print(f"{row.bundle}  {row.signer}  #{row.seq}  {tr(row.reason)}")
            return 0
        if not args.bundle:
            raise InputError("Name the bundle id.")
        if args.action == "accept":
            report = accept_quarantined(vault, args.bundle)
            reply(args, report.to_json(), json.dumps(report.to_json()))
        else:
            drop_quarantined(vault, args.bundle)
            reply(args, {"dropped": args.bundle}, tr("Dropped."))
    return 0


@COMMANDS.command("receipt", N_("confirm to a volunteer which bundles arrived"),
                  arg("--for", dest="volunteer", metavar="KEYID", required=True),
                  arg("--out", metavar="FILE", required=True), json=True)
def cmd_receipt(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange.receipts import write_receipt
    from kzdesk.core.files import write_output

    with open_vault(args) as vault, vault.engine.connect() as conn:
        data = write_receipt(conn, vault.identity, args.volunteer)
    write_output(Path(args.out), data, mode=0o644)
    reply(args, {"written": args.out, "volunteer": args.volunteer}, tr("Receipt written to {path}.", path=args.out))
    return 0


@COMMANDS.command("purge", N_("erase from this computer what the coordinator confirmed receiving"),
                  arg("--receipt", metavar="FILE", required=True),
                  arg("--yes", action="store_true", help=N_("do not ask (erasing is final)")), json=True)
def cmd_purge(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange.receipts import preview, purge, read_receipt

    data = read_input(Path(args.receipt))
    with open_vault(args) as vault:
        with vault.engine.connect() as conn:
            receipt = read_receipt(conn, data, vault.identity.key_id)
            planned = preview(conn, receipt)
        tell(args, tr("{count} records were received by the coordinator and can be erased from this computer.",
                      count=planned.erased_total))
        for line in planned.details():
            tell(args, line)
        if not planned.erased_total:
            if args.json:
                print_json(_purge_json(planned, purged=False))
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise InputError("Erasing is final: confirm with --yes.")
            if ask(args, tr("Erase them for good? Type yes: ")).strip().lower() not in ("yes", "да", "иә"):
                reply(args, _purge_json(planned, purged=False), tr("Nothing was erased."))
                return 1
        done = purge(vault, receipt)
    reply(args, _purge_json(done, purged=True), tr("{count} records erased.", count=done.erased_total),
          *done.details())
    return 0


def _purge_json(result: PurgeResult, purged: bool) -> dict[str, object]:
    """`purge --json`: what was erased (or, not purged, what would be), and what stays by reason code."""
    from kzdesk.core.exchange.receipts import NOT_CONFIRMED, NOT_SENT, STILL_NEEDED

    codes = {NOT_SENT: "not_sent", NOT_CONFIRMED: "not_confirmed", STILL_NEEDED: "still_needed"}
    return {"purged": purged, "erased_total": result.erased_total, "erased": dict(result.erased),
            "kept_total": result.kept_total,
            "kept": {codes[reason]: dict(counts) for reason, counts in result.kept.items()}}


@COMMANDS.command("duplicates", N_("persons probably recorded twice under different spellings; "
                                    "link, merge or mark them as different people"),
                  arg("action", nargs="?", choices=("list", "decisions", "link", "merge", "different", "same"),
                      default="list"),
                  arg("persons", nargs="*", metavar="ID",
                      help=N_("two person ids (for merge, the first is kept), or two act ids with --acts")),
                  arg("--acts", action="store_true",
                      help=N_("acts of one person probably reported twice (same date, type and article): "
                              "list them, or mark two acts as the same act or different acts")),
                  arg("--note", metavar="TEXT", help=N_("why you decided so")), json=True)
def cmd_duplicates(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange.duplicates import find_duplicates
    from kzdesk.core.exchange.links import decide, decisions
    from kzdesk.core.model.persons import one_person

    if args.acts:
        return _duplicate_acts(args)
    if args.action == "same":
        raise InputError("'same' is for acts: kzdesk duplicates --acts same ID ID. For persons: link or merge.")
    if args.action in ("link", "merge", "different"):
        if len(args.persons) != 2:
            raise InputError("Name two persons: kzdesk duplicates {action} ID ID.", action=args.action)
        with open_vault(args) as vault:
            with vault.engine.connect() as conn:
                a, b = (one_person(conn, p) for p in args.persons)
            decide(vault, a, b, args.action, args.note)
        reply(args, {"decision": args.action, "persons": [a, b]},
              {"link": tr("Linked as one person."), "merge": tr("Merged into the first person."),
               "different": tr("Marked as different people.")}[args.action])
        return 0
    with open_vault(args) as vault, vault.engine.connect() as conn:
        if args.action == "decisions":
            made = decisions(conn)
            if args.json:
                print_json([d.to_json() for d in made])
            else:
                for d in made:
                    label = tr("same person") if d.decision == "same" else tr("different people")
                    print(f"{d.person_a[:8]} {d.name_a}  ~  {d.person_b[:8]} {d.name_b}: {label}")
            return 0
        pairs = find_duplicates(conn)
    if args.json:
        print_json([p.to_json() for p in pairs])
    else:
        for p in pairs:
            print(f"{p.score:5.1f}  {p.a[:8]} {p.name_a}  ~  {p.b[:8]} {p.name_b}  "
                  f"({'; '.join(tr(r) for r in p.reasons)})")
    return 0


def _duplicate_acts(args: argparse.Namespace) -> int:
    """`kzdesk duplicates --acts [list | decisions | same ID ID | different ID ID]`."""
    from kzdesk.core.exchange.duplicate_acts import act_decisions, decide_acts, find_double_acts, one_act
    from kzdesk.core.i18n import language
    from kzdesk.core.reports.double_text import lines

    if args.action in ("link", "merge"):
        raise InputError("Acts are decided with same or different: kzdesk duplicates --acts same ID ID.")
    if args.action in ("same", "different"):
        if len(args.persons) != 2:
            raise InputError("Name two acts: kzdesk duplicates --acts {action} ID ID.", action=args.action)
        with open_vault(args) as vault:
            with vault.engine.connect() as conn:
                a, b = (one_act(conn, act) for act in args.persons)
            decide_acts(vault, a, b, args.action, args.note)
        reply(args, {"decision": args.action, "acts": [a, b]},
              tr("Marked as one act reported twice: it is counted once.") if args.action == "same"
              else tr("Marked as different acts."))
        return 0
    with open_vault(args) as vault, vault.engine.connect() as conn:
        if args.action == "decisions":
            made = act_decisions(conn)
            if args.json:
                print_json([d.to_json() for d in made])
            else:
                for d in made:
                    label = tr("same act") if d.decision == "same" else tr("different acts")
                    print(f"{d.act_a[:8]} ~ {d.act_b[:8]}: {label}" + (f" ({d.note})" if d.note else ""))
            return 0
        pairs = find_double_acts(conn)
    if args.json:
        print_json([p.to_json() for p in pairs])
    else:
        for p in pairs:
            print("\n".join(lines(p, language())))
    return 0


@COMMANDS.command("conflicts", N_("fields two vaults changed differently; resolve one"),
                  arg("action", nargs="?", choices=("list", "resolve"), default="list"),
                  arg("conflict", nargs="?", metavar="ID"),
                  arg("--pick", type=int, metavar="N", help=N_("keep the N-th value shown")),
                  arg("--value", metavar="TEXT", help=N_("or write a combined value")), json=True)
def cmd_conflicts(args: argparse.Namespace) -> int:
    from kzdesk.core.exchange.conflicts import open_conflicts, resolve_conflict

    if args.action == "resolve":
        if not args.conflict or (args.pick is None and args.value is None):
            raise InputError("Use: kzdesk conflicts resolve ID --pick N, or --value TEXT.")
        with open_vault(args) as vault:
            with vault.engine.connect() as conn:
                found = [c for c in open_conflicts(conn) if c.id == args.conflict]
            if not found:
                raise InputError("No open conflict {conflict}.", conflict=args.conflict)
            candidates = found[0].candidates
            if args.pick is not None and not 1 <= args.pick <= len(candidates):
                raise InputError("Pick a number from 1 to {count}.", count=len(candidates))
            value = candidates[args.pick - 1].value if args.pick is not None else args.value
            resolve_conflict(vault, args.conflict, value)
        reply(args, {"resolved": args.conflict, "value": value}, tr("Resolved."))
        return 0
    with open_vault(args) as vault, vault.engine.connect() as conn:
        rows = open_conflicts(conn)
    if args.json:
        print_json([row.to_json() for row in rows])
    else:
        from kzdesk.core.i18n import language
        from kzdesk.core.reports.conflict_text import lines

        for row in rows:
            print("\n".join(lines(row, language())))
    return 0
