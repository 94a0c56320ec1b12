"""Getting a passphrase: --passphrase-file, KZDESK_PASSPHRASE, or an interactive prompt.

Never from a command-line argument (it would show in the process list and shell history).
"""

from __future__ import annotations

import getpass
import os
import sys

from kzdesk.core.errors import InputError, PassphraseError
from kzdesk.core.i18n import tr

MAX_FILE = 64 * 1024 + 2


def _from_file(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE + 1)
    except OSError as exc:
        raise InputError("Cannot read the passphrase file {path}: {reason}", path=path,
                         reason=exc.strerror) from None
    if len(data) > MAX_FILE:
        raise PassphraseError("The passphrase is too long (more than 64 KiB).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PassphraseError("The passphrase file is not UTF-8 text.") from None
    # One trailing line break is the editor's, not the passphrase's.
    return text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text


def given(file_option: str | None, env_var: str = "KZDESK_PASSPHRASE") -> str | None:
    """The passphrase from a file or the environment, if one was given."""
    if file_option:
        return _from_file(file_option)
    return os.environ.get(env_var)


def prompt(confirm: bool = False, new: bool = False) -> str:
    """Ask on the terminal; refuse when there is none."""
    if not sys.stdin.isatty():
        raise PassphraseError("No passphrase given: use --passphrase-file FILE or KZDESK_PASSPHRASE, "
                              "or run kzdesk in a terminal.")
    first = getpass.getpass(tr("New passphrase: ") if new else tr("Passphrase: "))
    if confirm:
        second = getpass.getpass(tr("Repeat the passphrase: "))
        if first != second:
            raise PassphraseError("The two passphrases differ.")
    return first


def obtain(file_option: str | None, confirm: bool = False) -> str:
    value = given(file_option)
    return value if value is not None else prompt(confirm=confirm, new=confirm)


def obtain_new(file_option: str | None) -> str:
    value = given(file_option, "KZDESK_NEW_PASSPHRASE")
    return value if value is not None else prompt(confirm=True, new=True)
