"""The command line: a headless face over the same core and vault as the GUI.

Exit statuses: 0 ok, 1 bad input (nothing stored), 2 passphrase, 3 vault missing/damaged/too new.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kzdesk import __version__, passphrase
from kzdesk.core.errors import EXIT_VAULT, InputError, KzdeskError, VaultError, full_disk
from kzdesk.core.i18n import detect_language, set_language, tr
from kzdesk.core.install import enter_portable_mode
from kzdesk.core.process import configure_logging, disable_crash_dumps
from kzdesk.core.vault.location import vault_dir


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _unwrap(args: argparse.Namespace) -> tuple[Path, bytes]:
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


def _open(args: argparse.Namespace) -> Any:
    from kzdesk.core.model.vault import Vault

    path, dek = _unwrap(args)
    return Vault.open(path, dek=dek)


# --- commands -------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault import remember

    path = vault_dir(args.vault)
    if Vault.exists(path):
        raise VaultError("A vault already exists at {path}.", path=str(path))
    if args.remember and not remember.available():
        raise VaultError("No secure system keyring is available; the passphrase will be asked each time.")
    secret = passphrase.obtain(args.passphrase_file, confirm=True)
    vault = Vault.create(path, secret, Profile(args.role, args.name or "", args.city or ""))
    with vault:
        if args.remember:
            vault.remember_on_this_computer(True)
        print(tr("Vault created at {path}.", path=str(path)))
        print(tr("Signing key: {key}", key=vault.identity.key_id))
        print(tr("Keep the passphrase safe: without it the data cannot be recovered."))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        secret = passphrase.obtain_new(args.new_passphrase_file)
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


def cmd_import_csv(args: argparse.Namespace) -> int:
    from kzdesk.core.ingest.csv_import import read_plan, store

    # Check the file before asking for the passphrase: a bad file never needs the vault.
    plan = read_plan(Path(args.file))
    with _open(args) as vault:
        report = store(vault, plan.rows)
    if args.json:
        _print_json(report.__dict__)
    else:
        print(tr("Imported {rows} rows: {events} events, {acts} acts, {persons} new persons "
                 "({existing} already known), {sources} new sources.", rows=report.rows,
                 events=report.events, acts=report.acts, persons=report.persons_new,
                 existing=report.persons_existing, sources=report.sources_new))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kzdesk.core.reports.stats import vault_stats

    with _open(args) as vault, vault.engine.connect() as conn:
        stats = vault_stats(conn)
    if args.json:
        _print_json(stats.to_json())
        return 0
    print(f"{tr('Persons')}: {stats.persons}\n{tr('Events')}: {stats.events}\n{tr('Acts')}: {stats.acts}")
    for title, table in ((tr("Acts by type"), stats.acts_by_type), (tr("Acts by city"), stats.acts_by_city)):
        print(f"\n{title}")
        width = max((len(k or tr("(no city)")) for k in table), default=0)
        for key, n in sorted(table.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {(key or tr('(no city)')).ljust(width)}  {n:>7}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from kzdesk.core.i18n import language
    from kzdesk.core.model.search import search

    with _open(args) as vault, vault.engine.connect() as conn:
        hits = search(conn, args.text, language(), limit=args.limit)
    if args.json:
        _print_json([h.__dict__ for h in hits])
    else:
        for hit in hits:
            print(f"{tr(hit.kind):<8} {hit.uuid}  {hit.summary}")
        if not hits:
            print(tr("Nothing found."))
    return 0


def cmd_persons(args: argparse.Namespace) -> int:
    from kzdesk.core.reports.lists import persons

    with _open(args) as vault, vault.engine.connect() as conn:
        rows = persons(conn)
    if args.json:
        _print_json([r.__dict__ for r in rows])
    else:
        for row in rows:
            print(f"{row.acts:>5}  {row.name}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from kzdesk.core.exchange.authorship import UNPROVEN, proven_authors
    from kzdesk.core.model.revisions import audit_trail

    with _open(args) as vault, vault.engine.connect() as conn:
        trail = audit_trail(conn, args.uuid)
        # Only proven authors are shown: a name a bundle merely claimed is "author not proven".
        proven = proven_authors(conn, [e.revision for e in trail])
    if not trail:
        raise KzdeskError("No record {uuid}.", uuid=args.uuid)
    if args.json:
        _print_json([{**e.__dict__, "author": proven.get(e.revision),
                      "changed": {k: list(v) for k, v in e.changed.items()}} for e in trail])
        return 0
    for entry in trail:
        when = datetime.fromtimestamp(entry.wall_ms / 1000, UTC).isoformat(timespec="seconds")
        author = (proven.get(entry.revision) or "")[:12] or tr(UNPROVEN)
        print(f"{when}  {author}  {tr(entry.action)}  {', '.join(sorted(entry.changed))}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from kzdesk.app import main as gui_main

    return gui_main(vault_dir(args.vault), getattr(args, "lang", None))


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        problems = vault.integrity_problems()
    if problems:
        print("\n".join(problems[:50]), file=sys.stderr)
        raise VaultError("The vault database is damaged ({count} problems). Restore it from a backup.",
                         count=len(problems))
    print(tr("The vault is intact."))
    return 0


def cmd_about(args: argparse.Namespace) -> int:
    """Version, licence, where it runs from, and the fingerprint of this copy's files."""
    from kzdesk.core import install

    root = install.portable_root()
    print(f"kzdesk {__version__}")
    print(tr("Licence: GNU GPL version 3 or later. This program comes with no warranty."))
    print(tr("Program files: {path}", path=str(install.program_dir())))
    print(tr("Portable: data, settings and temporary files in {path}", path=str(root)) if root is not None
          else tr("Installed: data in the per-user folders of this computer"))
    print(tr("Fingerprint of this copy (compare with a trusted copy): {fingerprint}",
             fingerprint=install.fingerprint()))
    return 0


def cmd_remember(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        vault.remember_on_this_computer(args.state == "on")
    print(tr("The key is remembered on this computer.") if args.state == "on"
          else tr("The key is no longer remembered on this computer."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from kzdesk.core.vault.backup_file import write_backup

    with _open(args) as vault:
        if args.out:
            write_backup(vault, Path(args.out))
            path = Path(args.out)
        else:
            path = vault.backup()
    print(tr("Encrypted backup written to {path}.", path=str(path)))
    return 0


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


def cmd_erase_after(args: argparse.Namespace) -> int:
    """Turn on (or off) erasing the vault after N wrong passphrases in a row."""
    if args.attempts == "off":
        attempts = None
    else:
        try:
            attempts = int(args.attempts)
        except ValueError:
            raise InputError("Give a number of attempts, or off.") from None
    with _open(args) as vault:
        vault.set_erase_after(attempts)
    if attempts is None:
        print(tr("Wrong passphrases no longer erase this vault."))
    else:
        print(tr("After {n} wrong passphrases in a row this vault erases itself, for good. A forgotten "
                 "passphrase, a child at the keyboard or anyone guessing can set it off: keep a backup "
                 "and recovery shares elsewhere.", n=attempts))
    return 0


def cmd_recovery_shares(args: argparse.Namespace) -> int:
    """Print (or write, as text or as PDFs to print) three recovery shares of the data key."""
    from kzdesk.core.files import check_destination, write_output

    folders = [(Path(folder), suffix) for folder, suffix in ((args.out, "txt"), (args.pdf, "pdf")) if folder]
    for folder, suffix in folders:
        check_destination(folder / f"share-1.{suffix}")  # before the passphrase is asked
    with _open(args) as vault:
        shares = vault.recovery_shares()
    print(tr("Three recovery shares. Any two of them open this vault without the passphrase; one alone "
             "reveals nothing. Write each on paper and give them to different people you trust."))
    for number, share in enumerate(shares, 1):
        for folder, suffix in folders:
            target = folder / f"share-{number}.{suffix}"
            write_output(target, _share_pdf(share, number) if suffix == "pdf" else (share + "\n").encode())
            print(tr("Share {n} written to {path}.", n=number, path=str(target)))
        if not folders:
            print(f"\n{tr('Share {n} of 3:', n=number)}\n{share}")
    if args.pdf:
        print(tr("The PDF files are not encrypted: print them or copy each to its own USB stick, then "
                 "delete them from this computer."))
    return 0


def _share_pdf(share: str, number: int) -> bytes:
    from kzdesk.core.i18n import language
    from kzdesk.core.reports.shares import share_pdf

    return share_pdf(share, number, language())  # the common --lang option sets the paper's language


def cmd_recover(args: argparse.Namespace) -> int:
    """Open the vault with two recovery shares and set a new passphrase."""
    from kzdesk.core.model.vault import Vault

    shares = []
    for given in args.shares:
        path = Path(given)
        try:
            shares.append(path.read_text(encoding="utf-8") if path.is_file() else given)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError("Cannot read {path}: {reason}", path=given, reason=str(exc)) from None
    with Vault.open_with_shares(vault_dir(args.vault), shares) as vault:
        vault.change_passphrase(passphrase.obtain_new(args.new_passphrase_file))
    print(tr("The vault is open again with the new passphrase. The recovery shares stay valid."))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Unpack a backup into an empty vault folder, then prove it opens (and is whole) before saying so."""
    from kzdesk.core.files import read_input
    from kzdesk.core.model.vault import Vault
    from kzdesk.core.vault.backup_file import restore_vault

    data = read_input(Path(args.file))
    target = vault_dir(args.vault)
    restore_vault(data, target, lambda: passphrase.obtain(args.passphrase_file, confirm=False), Vault).close()
    print(tr("Restored into {path}; it opens with the passphrase that was in use when the backup was taken.",
             path=str(target)))
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    """Put back the newest intact backup copy (or a backup file) over a damaged database."""
    from kzdesk.core.files import read_input
    from kzdesk.core.vault.repair import repair

    data = read_input(Path(args.source)) if args.source else None
    path, dek = _unwrap(args)
    done = repair(path, dek, data)
    if done.taken:
        print(tr("The backup copy from {date} is back in place; changes made after it are not in it. "
                 "The damaged file is kept in {kept}.", date=done.taken, kept=str(done.kept)))
    else:
        print(tr("The database from the backup file is back in place; changes made after the backup are "
                 "not in it. The damaged file is kept in {kept}.", kept=str(done.kept)))
    return 0


# --- parser ---------------------------------------------------------------------------------
def _common(parser: argparse.ArgumentParser, top: bool) -> None:
    # On the top parser the options have defaults; on each command they may be given again.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--vault", metavar="DIR", default=default,
                        help=tr("vault directory (default: KZDESK_VAULT or the per-user data directory)"))
    parser.add_argument("--passphrase-file", metavar="FILE", default=default,
                        help=tr("read the passphrase from FILE (or set KZDESK_PASSPHRASE)"))
    parser.add_argument("--lang", choices=("ru", "kk", "en"), default=default,
                        help=tr("language of messages"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kzdesk", description=tr(
        "Encrypted offline recording of political persecution for human-rights monitors."))
    parser.add_argument("--version", action="version", version=f"kzdesk {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands: list[tuple[str, Callable[[argparse.Namespace], int], str]] = [
        ("gui", cmd_gui, tr("open the desktop window (also what plain 'kzdesk' does)")),
        ("init", cmd_init, tr("create a new vault")),
        ("passwd", cmd_passwd, tr("change the passphrase")),
        ("import-csv", cmd_import_csv, tr("import a monitoring spreadsheet (CSV)")),
        ("stats", cmd_stats, tr("counts of persons, events and acts")),
        ("search", cmd_search, tr("full-text search over persons, events and acts")),
        ("persons", cmd_persons, tr("list persons with their number of acts")),
        ("history", cmd_history, tr("who changed a record, what and when")),
        ("check", cmd_check, tr("check the vault database for damage")),
        ("about", cmd_about, tr("version, licence and the fingerprint of this copy of kzdesk")),
        ("remember", cmd_remember, tr("remember the key in the system keyring, or forget it")),
        ("backup", cmd_backup, tr("write an encrypted backup of the vault")),
        ("restore", cmd_restore, tr("restore a backup file into an empty vault folder")),
        ("repair", cmd_repair, tr("put back the newest intact backup copy over a damaged database")),
        ("recovery-shares", cmd_recovery_shares, tr("split the vault's key into 3 shares, any 2 of which recover it")),
        ("recover", cmd_recover, tr("forgot the passphrase: open the vault with 2 recovery shares, set a new one")),
        ("erase-after", cmd_erase_after, tr("erase the vault after N wrong passphrases in a row (off by default)")),
        ("erase", cmd_erase, tr("emergency erase: make this vault unreadable at once (no passphrase needed)")),
    ]
    subs = {}
    for name, func, help_text in commands:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common(p, top=False)
        p.set_defaults(func=func)
        subs[name] = p
    from kzdesk import cli_exchange, cli_export, cli_guide, cli_reports

    for module in (cli_exchange, cli_reports, cli_export, cli_guide):
        module.register(sub, lambda p: _common(p, top=False), _open)
    subs["backup"].add_argument("--out", metavar="FILE",
                                help=tr("write the whole vault to this one file (to keep elsewhere)"))
    subs["restore"].add_argument("file", metavar="FILE")
    subs["repair"].add_argument("--from", dest="source", metavar="FILE",
                                help=tr("a backup file of this vault to take the database from"))
    subs["recovery-shares"].add_argument("--out", metavar="DIR",
                                         help=tr("write share-1.txt … share-3.txt into DIR instead of printing"))
    subs["recovery-shares"].add_argument("--pdf", metavar="DIR",
                                         help=tr("write share-1.pdf … share-3.pdf (words and QR code) into DIR"))
    subs["recover"].add_argument("shares", nargs="+", metavar="SHARE",
                                 help=tr("a share's words (quoted) or a file holding them"))
    subs["recover"].add_argument("--new-passphrase-file", metavar="FILE")
    subs["erase-after"].add_argument("attempts", metavar="N|off", help=tr("3 to 99 attempts, or off"))
    subs["erase"].add_argument("--yes", action="store_true", help=tr("do not ask (erasing cannot be undone)"))
    subs["init"].add_argument("--role", choices=("volunteer", "coordinator"), default="volunteer")
    subs["init"].add_argument("--name", help=tr("your display name as a monitor"))
    subs["init"].add_argument("--city", help=tr("the city you work in"))
    subs["init"].add_argument("--remember", action="store_true",
                              help=tr("also remember the key in the system keyring (off by default)"))
    subs["passwd"].add_argument("--new-passphrase-file", metavar="FILE",
                                help=tr("read the new passphrase from FILE (or set KZDESK_NEW_PASSPHRASE)"))
    subs["passwd"].add_argument("--new-key", action="store_true",
                                help=tr("also change the data key and re-encrypt the vault (after being made "
                                        "to reveal the passphrase); old recovery shares stop working"))
    subs["import-csv"].add_argument("file", metavar="FILE")
    subs["search"].add_argument("text", metavar="TEXT")
    subs["search"].add_argument("--limit", type=int, default=100)
    subs["history"].add_argument("uuid", metavar="UUID")
    subs["remember"].add_argument("state", choices=("on", "off"))
    for name in ("import-csv", "stats", "search", "persons", "history"):
        subs[name].add_argument("--json", action="store_true", help=tr("print JSON"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    enter_portable_mode()  # before any per-user location is looked up
    # Before anything is unlocked: no memory dump of this process, and logs without content.
    disable_crash_dumps()
    configure_logging()
    # The language must be known before the parser builds its (translated) help texts.
    lang = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), None)
    set_language(lang or detect_language())
    parser = build_parser()
    args = parser.parse_args(argv)
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
