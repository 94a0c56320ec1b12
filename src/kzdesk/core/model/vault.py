"""The vault the faces open: the keyed database of the vault floor, ready for records.

kzdesk.core.vault.vault.KeyedVault knows keys, files and the encrypted database, and nothing of
records. This subclass, on the model floor, adds what writing records needs: the text functions
the full-text triggers call on every connection, the device's hybrid logical clock, and the one
door revisions are written through (changeset, then commit). Keeping those here is what lets the
vault floor import nothing from above it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from kzdesk.core.model.revisions import Changeset, Clock
from kzdesk.core.model.textindex import register_functions
from kzdesk.core.vault import settings
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.pages import PageWatch
from kzdesk.core.vault.vault import KeyedVault, Profile

__all__ = ["Profile", "Vault"]


class Vault(KeyedVault):
    """An open (unlocked) vault whose records can be read and written."""

    CONNECTION_HOOKS = (register_functions,)

    def __init__(self, path: Path, header: VaultHeader, engine: Engine, dek: bytes,
                 pages: PageWatch | None = None) -> None:
        super().__init__(path, header, engine, dek, pages)
        stored: dict[str, Any] = self.settings_at_open
        self.clock = Clock(stored["device"], stored.get("hlc"))

    def changeset(self) -> Changeset:
        return Changeset(self.identity.key_id, self.clock)

    def commit(self, changes: Changeset, conn: Connection | None = None) -> None:
        """Write a changeset and the clock state in one transaction (or in the caller's)."""
        if conn is None:
            with self.engine.begin() as own:
                self.commit(changes, own)
            return
        changes.write(conn)
        settings.put(conn, "hlc", self.clock.stamp())
