"""A passphrase change killed at any moment: the old or the new passphrase opens, never neither."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kzdesk.core.errors import PassphraseError
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.layout import HEADER_FILE

from ..vaults import PASSPHRASE

CHANGER = """
import sys
from pathlib import Path
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.model.vault import Vault
path, start, first = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
vault = Vault.open(path, start)
print("open", flush=True)
for i in range(first, first + 1000):
    vault.change_passphrase(f"pass-{i}", kdf=floor_params())
    print(i, flush=True)
"""


def opens(path: Path, passphrase: str) -> bool:
    try:
        VaultHeader.load(path / HEADER_FILE).unlock(passphrase)
    except PassphraseError:
        return False
    return True


@pytest.mark.slow
def test_kill_during_passphrase_changes(vault_path: Path) -> None:
    rnd = random.Random(20211216)
    current, first = PASSPHRASE, 0
    kills = 0
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", CHANGER, str(vault_path), current, str(first)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "open"
        time.sleep(rnd.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        done = [int(line) for line in proc.stdout.read().split()]
        proc.wait()
        kills += 1
        last = f"pass-{done[-1]}" if done else current
        following = f"pass-{done[-1] + 1}" if done else f"pass-{first}"
        candidates = [p for p in (last, following) if opens(vault_path, p)]
        assert len(candidates) == 1, (last, following)
        current = candidates[0]
        first = (done[-1] + 2) if done else first + 1
    assert kills == 12
    Vault.open(vault_path, current).close()  # and the database opens with it
