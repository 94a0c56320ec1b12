"""`kzdesk gui` puts the unlock window on screen before any database, crypto or report library loads.

Those libraries cost more than Qt itself to import; the vault is opened only after the passphrase is
typed, so the start-up path (the command line with its parser, the application, the unlock window)
must not reach them. Structural, not timed: bench/gui.py measures the time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kzdesk.core import install

from ..vaults import make_vault

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "sqlcipher3", "cryptography", "pyrage", "argon2",
         "keyring", "reportlab", "pypdf", "openpyxl")

# The real start: the command line's main(), as `kzdesk gui` runs it; the probe leaves once the first
# window is painted, so the process then holds exactly what the start-up path imported.
START = f"""
import json, sys
from kzdesk.cli import main
code = main(sys.argv[1:])
print(json.dumps({{"code": code, "heavy": sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))}}))
"""


def start(args: list[str], env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", START, *args], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    lines = done.stdout.splitlines()
    assert "ready" in lines, done.stderr
    result: dict[str, object] = json.loads(lines[-1])
    return result


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KZDESK_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", KZDESK_STARTUP_PROBE="1", **extra)
    return env


def test_installed_start_reaches_the_unlock_window_without_heavy_modules(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    make_vault(vault, "volunteer", "Айгүл").close()
    result = start(["gui", "--vault", str(vault), "--lang", "kk"], clean_env(tmp_path / "home"))
    assert result == {"code": 0, "heavy": []}


def test_portable_start_reaches_the_unlock_window_without_heavy_modules(tmp_path: Path) -> None:
    home, stick = tmp_path / "home", tmp_path / "stick"
    home.mkdir()
    make_vault(stick / install.PORTABLE_DATA / "vault", "coordinator", "Ерлан").close()
    result = start(["--lang", "ru"], clean_env(home, KZDESK_PORTABLE=str(stick)))  # plain `kzdesk`
    assert result == {"code": 0, "heavy": []}
    assert list(home.iterdir()) == []  # the start wrote nothing to the computer's profile


@pytest.mark.parametrize("args", [["--help"], ["export-csv", "--help"], ["status", "set", "--help"]])
def test_the_command_line_builds_without_heavy_modules(args: list[str]) -> None:
    """Help for every command comes from the parser alone: its choices (consent profiles, status codes)
    live in light modules, and handlers import what they need when they run."""
    code = ("import sys\nfrom kzdesk.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60,
                          check=True, env={**os.environ, "KZDESK_LANG": "en"})
    assert "usage: kzdesk" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("argv", [[], ["gui"], ["--vault", "A"], ["gui", "--vault", "A", "--lang", "kk"],
                                  ["--vault", "A", "gui", "--vault", "B"], ["--vault=", "gui"], ["--vault", "gui"],
                                  ["--lang=ru", "gui", "--passphrase-file", "F"], ["--vault=-x"]])
def test_a_plain_start_reads_as_the_whole_parser_reads_it(argv: list[str]) -> None:
    from kzdesk.cli import build_parser, cmd_gui
    from kzdesk.cli_commands import plain_start

    fast = plain_start(argv, cmd_gui)
    assert fast is not None and vars(fast) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["--help"], ["gui", "-h"], ["gui", "gui"], ["--lang", "de"], ["--vault"],
                                  ["--vault", "-x"], ["--va", "A"], ["init"], ["--version"], ["--", "gui"]])
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    from kzdesk.cli import cmd_gui
    from kzdesk.cli_commands import plain_start

    assert plain_start(argv, cmd_gui) is None
