"""The command line: a headless face over the same core and vault as the GUI.

Exit statuses: 0 ok, 1 bad input (nothing stored), 2 passphrase, 3 vault missing/damaged/too new.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzdesk import __version__, cli_commands, passphrase
from kzdesk.cli_commands import Commands, arg, open_vault, print_json, reply, tell, unwrap_vault
from kzdesk.core.errors import EXIT_VAULT, InputError, KzdeskError, VaultError, full_disk
from kzdesk.core.i18n import N_, detect_language, ntr, set_language, tr
from kzdesk.core.install import enter_portable_mode
from kzdesk.core.process import configure_logging, disable_crash_dumps
from kzdesk.core.vault.location import vault_dir

if TYPE_CHECKING:
    from kzdesk.core.ingest.columns import Mapping
    from kzdesk.core.vault.pages import PageReport, PageWatch

COMMANDS = Commands()


# --- commands -------------------------------------------------------------------------------
@COMMANDS.command("gui", N_("open the desktop window (also what plain 'kzdesk' does)"))
def cmd_gui(args: argparse.Namespace) -> int:
    from kzdesk.app import main as gui_main

    return gui_main(vault_dir(args.vault), getattr(args, "lang", None))


@COMMANDS.command("init", N_("create a new vault"),
                  arg("--role", choices=("volunteer", "coordinator"), default="volunteer"),
                  arg("--name", help=N_("your display name as a monitor")),
                  arg("--city", help=N_("the city you work in")),
                  arg("--remember", action="store_true",
                      help=N_("also remember the key in the system keyring (off by default)")), json=True)
def cmd_init(args: argparse.Namespace) -> int:
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault import remember
    from kzdesk.core.vault.strength import require

    path = vault_dir(args.vault)
    if Vault.exists(path):
        raise VaultError("A vault already exists at {path}.", path=str(path))
    secret = passphrase.obtain(args.passphrase_file, confirm=True)
    # The window's rule, with the name and city given here as words an attacker tries first.
    require(secret, (args.name or "", args.city or ""), N_("No vault was created."))
    # No keyring is no reason to refuse the vault: the key is only not remembered (the safer default).
    remembered = args.remember and remember.available()
    vault = Vault.create(path, secret, Profile(args.role, args.name or "", args.city or ""))
    with vault:
        if remembered:
            vault.remember_on_this_computer(True)
        reply(args, {"vault": str(path), "key_id": vault.identity.key_id, "role": args.role,
                     "remembered": bool(remembered)},
              tr("Vault created at {path}.", path=str(path)), tr("Signing key: {key}", key=vault.identity.key_id))
        tell(args, tr("Keep the passphrase safe: without it the data cannot be recovered."))
    if args.remember and not remembered:
        print("kzdesk: " + tr("No secure system keyring is available: the key is not remembered on this computer, "
                              "and the passphrase will be asked each time."), file=sys.stderr)
    return 0


@COMMANDS.command("passwd", N_("change the passphrase"),
                  arg("--new-passphrase-file", metavar="FILE",
                      help=N_("read the new passphrase from FILE (or set KZDESK_NEW_PASSPHRASE)")),
                  arg("--new-key", action="store_true",
                      help=N_("also change the data key and re-encrypt the vault (after being made "
                              "to reveal the passphrase); old recovery shares stop working")))
def cmd_passwd(args: argparse.Namespace) -> int:
    from kzdesk.core.vault.strength import require

    with open_vault(args) as vault:
        secret = passphrase.obtain_new(args.new_passphrase_file)
        require(secret, (vault.profile.display_name, vault.profile.city), N_("The passphrase was not changed."))
        if args.new_key:
            vault.change_data_key(secret)
        else:
            vault.change_passphrase(secret)
    if not args.new_key:
        print(tr("Passphrase changed."))
        return 0
    print(tr("Passphrase and data key changed: the database and its copies in the vault folder are now "
             "encrypted under a new key. An old copy of vault.json with the old passphrase opens nothing here."))
    print(tr("Recovery shares made before no longer open this vault: make new ones now with "
             "'kzdesk recovery-shares' and destroy the old ones. Backup files made before still open with "
             "the old passphrase: delete them, or keep them as safe as that passphrase."))
    return 0


@COMMANDS.command("import", N_("import a monitoring spreadsheet (Excel .xlsx or CSV)"), arg("file", metavar="FILE"),
                  arg("--mapping", metavar="FILE",
                      help=N_("a mapping file (JSON or TOML) for a spreadsheet from another tool: its columns and "
                              "values as kzdesk's fields")),
                  arg("--check", action="store_true",
                      help=N_("say what each row would create, match or be refused for; store nothing")),
                  json=True, aliases=("import-csv",))
def cmd_import(args: argparse.Namespace) -> int:
    from kzdesk.core.ingest.columns import read_mapping
    from kzdesk.core.ingest.csv_import import read_plan, store

    mapping = read_mapping(Path(args.mapping)) if args.mapping else None
    if args.check:
        return _check_import(args, mapping)
    # Check the file before asking for the passphrase: a bad file never needs the vault.
    plan = read_plan(Path(args.file), mapping)
    with open_vault(args) as vault:
        report = store(vault, plan.rows)
    reply(args, report.to_json(), *report.notes_lines(),
          tr("Imported {rows} rows: {events} events, {acts} acts, {persons} new persons "
             "({existing} already known), {sources} new sources.", rows=report.rows,
             events=report.events, acts=report.acts, persons=report.persons_new,
             existing=report.persons_existing, sources=report.sources_new),
          *([report.statuses_line()] if report.statuses else []), *report.consent_lines(), *report.facts_lines())
    return 0


def _check_import(args: argparse.Namespace, mapping: Mapping | None) -> int:
    """--check: each row's outcome as it is read; 1 if any row would be refused (nothing is stored)."""
    from kzdesk.core.ingest.dry_run import RowOutcome, check_import

    refused = 0
    found: list[dict[str, object]] = []
    notes: list[str] = []
    with open_vault(args) as vault:
        for item in check_import(vault, Path(args.file), mapping):
            if not isinstance(item, RowOutcome):
                notes.append(item.message())
                continue
            refused += bool(item.problems)
            if args.json:
                found.append(item.to_json())
            else:
                print(item.message())
    reply(args, {"rows": found, "notes": notes}, *notes, tr("Nothing was stored (--check).") + " " + (
        ntr("{n} row would be refused.", "{n} rows would be refused.", refused) if refused
        else tr("Every row would be imported.")))
    return 1 if refused else 0


@COMMANDS.command("stats", N_("counts of persons, events and acts"), json=True)
def cmd_stats(args: argparse.Namespace) -> int:
    from kzdesk.core.i18n import language
    from kzdesk.core.reports.stats import city_label, type_label, vault_stats

    with open_vault(args) as vault, vault.engine.connect() as conn:
        stats = vault_stats(conn)
    if args.json:
        print_json(stats.to_json())  # codes, not labels: what scripts compare
        return 0
    lang = language()
    print(f"{tr('Persons')}: {stats.persons}\n{tr('Events')}: {stats.events}\n{tr('Acts')}: {stats.acts}")
    if stats.unreadable:
        print(tr("Acts with days or a fine that could not be read (not counted)") + f": {stats.unreadable}")
    if stats.undated:
        print(tr("Acts with no date (counted above)") + f": {stats.undated}")
    if stats.doubles or stats.possible_doubles:
        from kzdesk.core.exchange.duplicate_acts import counted_once_note, doubles_note

        print("\n".join(([counted_once_note(stats.doubles)] if stats.doubles else [])
                        + ([doubles_note(stats.possible_doubles)] if stats.possible_doubles else [])))
    # Labels in the user's language, as the window shows them ("Задержание", "Алматы"), not codes.
    tables = ((tr("Acts by type"), _by_label(stats.acts_by_type, lambda k: type_label(k, lang))),
              (tr("Acts by city"), _by_label(stats.acts_by_city,
                                             lambda k: city_label(k, lang) if k else tr("(no city)"))))
    for title, table in tables:
        print(f"\n{title}")
        width = max((len(k) for k in table), default=0)
        for key, n in sorted(table.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {key.ljust(width)}  {n:>7}")
    return 0


def _by_label(table: dict[str, int], name: Callable[[str], str]) -> dict[str, int]:
    """Counts keyed by label; two keys that read the same (a city written two ways) are added up."""
    out: dict[str, int] = {}
    for key, n in table.items():
        out[name(key)] = out.get(name(key), 0) + n
    return out


@COMMANDS.command("search", N_("full-text search over persons, events and acts"),
                  arg("text", metavar="TEXT"), arg("--limit", type=int, default=100), json=True)
def cmd_search(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from kzdesk.core.i18n import language
    from kzdesk.core.model.search import search

    with open_vault(args) as vault, vault.engine.connect() as conn:
        hits = search(conn, args.text, language(), limit=args.limit)
    if args.json:
        print_json([asdict(h) for h in hits])
    else:
        for hit in hits:
            print(f"{tr(hit.kind):<8} {hit.uuid}  {hit.summary}")
            # An event's persons and what was done to them, as the window's records list shows it.
            for who in hit.persons:
                acts = ", ".join(who.act_labels)
                print(f"{'':<8} {'':<32}    {who.name}" + (f": {acts}" if acts else ""))
        if not hits:
            print(tr("Nothing found."))
    return 0


@COMMANDS.command("persons", N_("list persons with their number of acts"), json=True)
def cmd_persons(args: argparse.Namespace) -> int:
    from kzdesk.core.reports.lists import persons

    with open_vault(args) as vault, vault.engine.connect() as conn:
        rows = persons(conn)
    reply(args, [r.__dict__ for r in rows], *(f"{row.acts:>5}  {row.name}" for row in rows))
    return 0


@COMMANDS.command("history", N_("who changed a record, what and when"), arg("uuid", metavar="UUID"), json=True)
def cmd_history(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from kzdesk.core.exchange.authorship import UNPROVEN, proven_authors
    from kzdesk.core.model.revisions import audit_trail

    with open_vault(args) as vault, vault.engine.connect() as conn:
        trail = audit_trail(conn, args.uuid)
        # Only proven authors are shown: a name a bundle merely claimed is "author not proven".
        proven = proven_authors(conn, [e.revision for e in trail])
    if not trail:
        raise KzdeskError("No record {uuid}.", uuid=args.uuid)
    if args.json:
        print_json([{**e.__dict__, "author": proven.get(e.revision),
                     "changed": {k: list(v) for k, v in e.changed.items()}} for e in trail])
        return 0
    for entry in trail:
        when = datetime.fromtimestamp(entry.wall_ms / 1000, UTC).isoformat(timespec="seconds")
        author = (proven.get(entry.revision) or "")[:12] or tr(UNPROVEN)
        print(f"{when}  {author}  {tr(entry.action)}  {', '.join(sorted(entry.changed))}")
    return 0


@COMMANDS.command("check", N_("check the vault database for damage"),
                  arg("--structure", action="store_true",
                      help=N_("also run SQLite's structure check and compare the statistics' running counts "
                              "with the records (slow on a large vault)")), json=True)
def cmd_check(args: argparse.Namespace) -> int:
    """Every page's MAC (the check begun on open, at the speed of reading the file, with progress on a
    terminal), then with --structure SQLite's own check of every table and index, and the running
    counts of the statistics against the records."""
    from kzdesk.core.model import tallies

    recounted = False
    with open_vault(args) as vault:
        report = _wait_for_pages(vault.pages)
        if not report.intact:
            if args.json:
                print_json(_check_json(args, report, report.problems(), recounted))
            print("\n".join(report.problems()[:50]), file=sys.stderr)
            refusal = vault.pages.refusal()
            assert refusal is not None
            raise refusal
        problems = vault.integrity_problems() if args.structure else []
        if args.structure and not problems:
            with vault.engine.begin() as conn:
                if tallies.differing(conn):  # kept by triggers: never expected, and cheap to mend
                    tallies.recount(conn)
                    recounted = True
                    tell(args, tr("The running counts of the statistics differed from the records and were "
                                  "counted again."))
    if args.json:
        print_json(_check_json(args, report, problems, recounted))
    if problems:
        print("\n".join(problems[:50]), file=sys.stderr)
        raise VaultError("The vault database is damaged ({count} problems). Restore it from a backup.",
                         count=len(problems))
    if not args.json:
        print(tr("The vault is intact."))
    return 0


def _check_json(args: argparse.Namespace, pages: PageReport, problems: list[str], recounted: bool) -> dict[str, Any]:
    """What `check --json` prints: the verdict, what was checked and what was found (damaged or not)."""
    return {"intact": pages.intact and not problems, "pages": pages.pages, "damaged_pages": list(pages.damaged),
            "truncated": pages.truncated, "structure_checked": bool(args.structure) and pages.intact,
            "problem_count": len(problems), "problems": problems[:50], "recounted": recounted}


def _wait_for_pages(watch: PageWatch) -> PageReport:
    shown = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if shown and total:
            print("\r" + tr("Checked {done} of {total} pages ({percent}%)", done=done, total=total,
                            percent=done * 100 // total), end="", file=sys.stderr, flush=True)

    report = watch.wait_reporting(progress)
    if shown:
        print(file=sys.stderr)
    return report


@COMMANDS.command("about", N_("version, licence and the fingerprint of this copy of kzdesk"), json=True)
def cmd_about(args: argparse.Namespace) -> int:
    """Version, licence, where it runs from, and the fingerprint of this copy's files."""
    from kzdesk.core import install

    root = install.portable_root()
    if args.json:
        print_json({"version": __version__, "licence": "GPL-3.0-or-later", "program_dir": str(install.program_dir()),
                    "portable": root is not None, "portable_root": None if root is None else str(root),
                    "fingerprint": install.fingerprint()})
        return 0
    print(f"kzdesk {__version__}")
    print(tr("Licence: GNU GPL version 3 or later. This program comes with no warranty."))
    print(tr("Program files: {path}", path=str(install.program_dir())))
    print(tr("Portable: data, settings and temporary files in {path}", path=str(root)) if root is not None
          else tr("Installed: data in the per-user folders of this computer"))
    print(tr("Fingerprint of this copy (compare with a trusted copy): {fingerprint}",
             fingerprint=install.fingerprint()))
    return 0


@COMMANDS.command("remember", N_("remember the key in the system keyring, or forget it"),
                  arg("state", choices=("on", "off")))
def cmd_remember(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.remember_on_this_computer(args.state == "on")
    print(tr("The key is remembered on this computer.") if args.state == "on"
          else tr("The key is no longer remembered on this computer."))
    return 0


@COMMANDS.command("backup", N_("write an encrypted backup of the vault"),
                  arg("--out", metavar="FILE", help=N_("write the whole vault to this one file (to keep elsewhere)")),
                  json=True)
def cmd_backup(args: argparse.Namespace) -> int:
    from kzdesk.core.vault.backup_file import write_backup

    with open_vault(args) as vault:
        if args.out:
            write_backup(vault, Path(args.out))
            path = Path(args.out)
        else:
            path = vault.backup()
    reply(args, {"written": args.out or str(path)}, tr("Encrypted backup written to {path}.", path=str(path)))
    return 0


@COMMANDS.command("restore", N_("restore a backup file into an empty vault folder"), arg("file", metavar="FILE"),
                  json=True)
def cmd_restore(args: argparse.Namespace) -> int:
    """Unpack a backup into an empty vault folder, then prove it opens (and is whole) before saying so."""
    from kzdesk.core.files import read_input
    from kzdesk.core.model.vault import Vault
    from kzdesk.core.vault.backup_file import restore_vault

    data = read_input(Path(args.file))
    target = vault_dir(args.vault)
    restore_vault(data, target, lambda: passphrase.obtain(args.passphrase_file, confirm=False), Vault).close()
    reply(args, {"restored": str(target), "file": args.file},
          tr("Restored into {path}; it opens with the passphrase that was in use when the backup was taken.",
             path=str(target)))
    return 0


@COMMANDS.command("repair", N_("put back the newest intact backup copy over a damaged database"),
                  arg("--from", dest="source", metavar="FILE",
                      help=N_("a backup file of this vault to take the database from")), json=True)
def cmd_repair(args: argparse.Namespace) -> int:
    """Put back the newest intact backup copy (or a backup file) over a damaged database."""
    from kzdesk.core.files import read_input
    from kzdesk.core.vault.repair import repair

    data = read_input(Path(args.source)) if args.source else None
    path, dek = unwrap_vault(args)
    done = repair(path, dek, data)
    if args.json:
        print_json({"taken": done.taken or None, "from_file": args.source, "kept": str(done.kept)})
    elif done.taken:
        print(tr("The backup copy from {date} is back in place; changes made after it are not in it. "
                 "The damaged file is kept in {kept}.", date=done.taken, kept=str(done.kept)))
    else:
        print(tr("The database from the backup file is back in place; changes made after the backup are "
                 "not in it. The damaged file is kept in {kept}.", kept=str(done.kept)))
    return 0


@COMMANDS.command("recovery-shares", N_("split the vault's key into 3 shares, any 2 of which recover it"),
                  arg("--out", metavar="DIR", help=N_("write share-1.txt … share-3.txt into DIR instead of printing")),
                  arg("--pdf", metavar="DIR", help=N_("write share-1.pdf … share-3.pdf (words and QR code) into DIR")),
                  json=True)
def cmd_recovery_shares(args: argparse.Namespace) -> int:
    """Print (or write, as text or as PDFs to print) three recovery shares of the data key."""
    from kzdesk.core.files import check_destination, write_output

    folders = [(Path(folder), suffix) for folder, suffix in ((args.out, "txt"), (args.pdf, "pdf")) if folder]
    for folder, suffix in folders:
        check_destination(folder / f"share-1.{suffix}")  # before the passphrase is asked
    with open_vault(args) as vault:
        shares = vault.recovery_shares()
    tell(args, tr("Three recovery shares. Any two of them open this vault without the passphrase; one alone "
                  "reveals nothing. Write each on paper and give them to different people you trust."))
    told: list[dict[str, Any]] = []
    for number, share in enumerate(shares, 1):
        written = []
        for folder, suffix in folders:
            target = folder / f"share-{number}.{suffix}"
            write_output(target, _share_pdf(share, number) if suffix == "pdf" else (share + "\n").encode())
            written.append(str(target))
            tell(args, tr("Share {n} written to {path}.", n=number, path=str(target)))
        # Written to files, a share's words are not printed: under --json as on the terminal.
        told.append({"number": number, "words": None if folders else share, "written": written})
        if not folders and not args.json:
            print(f"\n{tr('Share {n} of 3:', n=number)}\n{share}")
    if args.pdf:
        tell(args, tr("The PDF files are not encrypted: print them or copy each to its own USB stick, then "
                      "delete them from this computer."))
    if args.json:
        print_json({"shares": told})
    return 0


def _share_pdf(share: str, number: int) -> bytes:
    from kzdesk.core.i18n import language
    from kzdesk.core.reports.shares import share_pdf

    return share_pdf(share, number, language())  # the common --lang option sets the paper's language


@COMMANDS.command("recover", N_("forgot the passphrase: open the vault with 2 recovery shares, set a new one"),
                  arg("shares", nargs="+", metavar="SHARE", help=N_("a share's words (quoted) or a file holding them")),
                  arg("--new-passphrase-file", metavar="FILE"))
def cmd_recover(args: argparse.Namespace) -> int:
    """Open the vault with two recovery shares and set a new passphrase."""
    from kzdesk.core.model.vault import Vault
    from kzdesk.core.vault.strength import require

    shares = []
    for given in args.shares:
        path = Path(given)
        try:
            shares.append(path.read_text(encoding="utf-8") if path.is_file() else given)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError("Cannot read {path}: {reason}", path=given, reason=str(exc)) from None
    with Vault.open_with_shares(vault_dir(args.vault), shares) as vault:
        secret = passphrase.obtain_new(args.new_passphrase_file)
        require(secret, (vault.profile.display_name, vault.profile.city),
                N_("The passphrase was not changed; the recovery shares stay valid."))
        vault.change_passphrase(secret)
    print(tr("The vault is open again with the new passphrase. The recovery shares stay valid."))
    return 0


@COMMANDS.command("erase-after", N_("erase the vault after N wrong passphrases in a row (off by default)"),
                  arg("attempts", metavar="N|off", help=N_("3 to 99 attempts, or off")))
def cmd_erase_after(args: argparse.Namespace) -> int:
    """Turn on (or off) erasing the vault after N wrong passphrases in a row."""
    if args.attempts == "off":
        attempts = None
    else:
        try:
            attempts = int(args.attempts)
        except ValueError:
            raise InputError("Give a number of attempts, or off.") from None
    with open_vault(args) as vault:
        vault.set_erase_after(attempts)
    if attempts is None:
        print(tr("Wrong passphrases no longer erase this vault."))
    else:
        print(tr("After {n} wrong passphrases in a row this vault erases itself, for good. A forgotten "
                 "passphrase, a child at the keyboard or anyone guessing can set it off: keep a backup "
                 "and recovery shares elsewhere.", n=attempts))
    return 0


@COMMANDS.command("erase", N_("emergency erase: make this vault unreadable at once (no passphrase needed)"),
                  arg("--yes", action="store_true", help=N_("do not ask (erasing cannot be undone)")))
def cmd_erase(args: argparse.Namespace) -> int:
    """Emergency erase: no passphrase needed, a plain confirmation unless --yes."""
    from kzdesk.core.vault.erase import erase

    path = vault_dir(args.vault)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError("Erasing cannot be undone: confirm with --yes.")
        answer = input(tr("Everything in this vault becomes unreadable for good. Type ERASE to go on: "))
        if answer.strip().upper() not in ("ERASE", "СТЕРЕТЬ", "ӨШІРУ"):
            print(tr("Nothing was erased."))
            return 1
    erase(path, _erase_progress())
    print(tr("The vault at {path} can no longer be opened by anyone.", path=str(path)))
    return 0


def _erase_progress() -> Callable[[int, int], None]:
    """How far the overwriting is, on standard error: in place on a terminal, every 10% elsewhere."""
    terminal = sys.stderr.isatty()
    shown = [-1]

    def show(done: int, total: int) -> None:
        percent = 100 if total == 0 else done * 100 // total
        if percent == shown[0] or (not terminal and percent % 10 and percent != 100):
            return
        shown[0] = percent
        text = tr("The key is destroyed; overwriting every copy of the data: {percent}%", percent=percent)
        print(f"\r{text}" if terminal else text, end="\n" if not terminal or percent == 100 else "",
              file=sys.stderr, flush=True)

    return show


CONSENT = COMMANDS.group("consent", N_("consent levels of many records at once"))


@CONSENT.command("set", N_("set the consent level of a selection of records (audited, sent in the next bundle)"),
                 arg("level", metavar="LEVEL", help=N_("public, anonymised or confidential")),
                 arg("ids", metavar="UUID", nargs="*", help=N_("records (persons, events, acts) by id")),
                 arg("--person", metavar="QUERY", help=N_("persons whose name matches (any spelling), or an id")),
                 arg("--from", dest="start", metavar="DATE", help=N_("events from this date")),
                 arg("--to", dest="end", metavar="DATE", help=N_("events up to this date")),
                 arg("--city", metavar="CITY", help=N_("events in this city (any spelling)")),
                 arg("--what", choices=("persons", "events", "acts", "all"),
                     help=N_("change these kinds among the selected records and those related to them through "
                             "acts (default: only the records selected)")),
                 arg("--dry-run", action="store_true", help=N_("say what would change, change nothing")),
                 json=True)
def cmd_consent_set(args: argparse.Namespace) -> int:
    from kzdesk.core.model.consent import check_level, choose, set_consent
    from kzdesk.core.model.fields import Problem, parse_date
    from kzdesk.core.model.vocab import vocabulary

    level = check_level(args.level)  # a wrong level is refused before the passphrase is asked for
    if not (args.ids or args.person or args.start or args.end or args.city):
        raise InputError("Name the records: --person, --from/--to, --city or ids.")
    try:
        start = parse_date(args.start).start if args.start else None
        end = parse_date(args.end).end if args.end else None
    except Problem as problem:
        raise InputError(problem.msgid, **problem.params) from None
    city = vocabulary().city(args.city) if args.city else None
    if args.city and city is None:
        raise InputError("Unknown city: {city}", city=args.city)
    with open_vault(args) as vault:
        with vault.engine.connect() as conn:
            chosen = choose(conn, person=args.person, start=start, end=end, city=city, ids=args.ids, what=args.what)
        done = set_consent(vault, level, chosen, dry_run=args.dry_run)
    if args.json:
        print_json({"level": done.level, "selected": done.selected, "changed": done.changed, "persons": done.persons,
                    "events": done.events, "acts": done.acts, "not_yours": done.not_yours, "dry_run": done.dry_run})
        return 0
    counts: dict[str, Any] = {"persons": done.persons, "events": done.events, "acts": done.acts,
                              "level": tr(done.level)}
    print(tr("Would change {persons} persons, {events} events and {acts} acts to {level}; nothing was changed.",
             **counts) if done.dry_run else
          tr("Changed {persons} persons, {events} events and {acts} acts to {level}.", **counts))
    if done.not_yours:
        print(tr("{count} selected records were created by someone else and were left as they are: only a "
                 "coordinator decides about other people's records.", count=done.not_yours))
    return 0


# --- parser ---------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """Every command, as each face module declares it next to its handler, listed in this order."""
    from kzdesk import cli_exchange, cli_export, cli_guide, cli_reports, cli_status

    return cli_commands.build_parser((COMMANDS, cli_exchange.COMMANDS, cli_reports.COMMANDS, cli_status.COMMANDS,
                                      cli_export.COMMANDS, cli_guide.COMMANDS))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    enter_portable_mode()  # before any per-user location is looked up
    # Before anything is unlocked: no memory dump of this process, and logs without content.
    disable_crash_dumps()
    configure_logging()
    # The language must be known before the parser builds its (translated) help texts.
    lang = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), None)
    set_language(lang or detect_language())
    # A plain start of the window is read without building every command's parser.
    args = cli_commands.plain_start(argv, cmd_gui) or build_parser().parse_args(argv)
    if args.command is None:
        args.command, args.func = "gui", cmd_gui
    try:
        result: int = args.func(args)
        return result
    except KzdeskError as exc:
        print(f"kzdesk: {exc.message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed: not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        from sqlalchemy.exc import DatabaseError

        # A full disk (met in SQLite through a raw connection, as backups use) is not damage:
        # the remedy is free space, and nothing was changed.
        full = full_disk(exc, vault_dir(getattr(args, "vault", None)))
        if full is not None:
            print(f"kzdesk: {full.message()}", file=sys.stderr)
            return full.exit_code
        if isinstance(exc, DatabaseError):
            # A damaged page found mid-command: the transaction was rolled back, nothing written.
            print("kzdesk: " + tr("The vault database is damaged; the command was stopped and nothing "
                                  "was changed. Run 'kzdesk check'."), file=sys.stderr)
            return EXIT_VAULT
        if os.environ.get("KZDESK_DEBUG"):
            raise
        # No exception text: it could carry case data into a terminal log.
        print("kzdesk: " + tr("Unexpected error ({kind}). Set KZDESK_DEBUG=1 for details.",
                              kind=type(exc).__name__), file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
