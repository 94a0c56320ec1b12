"""Where the vault lives: --vault, then KZDESK_VAULT, then the per-user data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def default_vault_dir() -> Path:
    return Path(user_data_dir("kzdesk", appauthor=False)) / "vault"


def vault_dir(option: str | None) -> Path:
    if option:
        return Path(option).expanduser()
    env = os.environ.get("KZDESK_VAULT")
    return Path(env).expanduser() if env else default_vault_dir()
