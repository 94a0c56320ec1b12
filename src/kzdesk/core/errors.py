"""Errors the user sees: each carries a translatable message and the exit status of the CLI."""

from __future__ import annotations

from typing import Any

from kzdesk.core.i18n import tr

# Exit statuses of the command line, one per kind of failure a script may want to tell apart.
EXIT_INPUT = 1
EXIT_PASSPHRASE = 2
EXIT_VAULT = 3


class KzdeskError(Exception):
    """A failure with a message for the user; rendered in the language current when printed."""

    exit_code = EXIT_INPUT

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    def message(self, lang: str | None = None) -> str:
        """The message in the user's language."""
        return tr(self.msgid, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class PassphraseError(KzdeskError):
    """Wrong, empty or unavailable passphrase."""

    exit_code = EXIT_PASSPHRASE


class VaultError(KzdeskError):
    """The vault is missing, damaged, foreign, too new, or the encryption driver is absent."""

    exit_code = EXIT_VAULT


class VaultDamaged(VaultError):
    """The database is missing, truncated or fails its page check: nothing was opened, and the
    program offers to put back a backup copy instead (see vault/repair.py)."""


class InputError(KzdeskError):
    """Bad input from the user (a file, a value); nothing was stored."""

    exit_code = EXIT_INPUT
