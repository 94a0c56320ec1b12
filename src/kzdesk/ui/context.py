"""The application context, built once in app.main() and passed down (no configuration by import)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kzdesk.ui.settings import Settings
from kzdesk.ui.tasks import Tasks
from kzdesk.ui.translations import Translations

if TYPE_CHECKING:
    from kzdesk.core.model.vault import Vault
    from kzdesk.ui.clipboard import ClipboardGuard


@dataclass
class AppContext:
    vault_path: Path
    settings: Settings
    tasks: Tasks
    translations: Translations
    vault: Vault | None = None  # set while unlocked, None while locked
    clipboard: ClipboardGuard | None = None  # takes back copied case data (see ui/clipboard.py)


def open_for_search(path: Path, passphrase: str) -> Vault:
    """Unlock (on the database thread) and prepare the search vocabulary while we are there, so
    the first keystroke in the search box does not pay for it."""
    from kzdesk.core.model.textindex import prepare
    from kzdesk.core.model.vault import Vault

    vault = Vault.open(path, passphrase)
    prepare()
    return vault
