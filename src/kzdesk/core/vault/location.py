"""Where the vault lives: --vault, then KZDESK_VAULT, then the stick (portable) or the per-user
data directory."""

from __future__ import annotations

import os
from pathlib import Path

from kzdesk.core.install import default_vault_dir

__all__ = ["default_vault_dir", "vault_dir"]


def vault_dir(option: str | None) -> Path:
    if option:
        return Path(option).expanduser()
    env = os.environ.get("KZDESK_VAULT")
    return Path(env).expanduser() if env else default_vault_dir()
