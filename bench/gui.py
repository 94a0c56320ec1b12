"""GUI speed: start-up to the unlock window, and the records list over 100,000 acts.

    python bench/gui.py [RUNS] [ACTS]

1. Process start to the unlock window painted (`kzdesk gui`, command line included), against a bare
   PySide6 window in the same run (both fresh processes, offscreen; medians of RUNS). Target: within
   1.5x of the bare window. startup_ratio() gives the two medians to other benches.
2. With ACTS acts imported (default 100,000): time from the vault being open to the first page
   of the records list shown (target < 0.5 s), and per search keystroke, the time from the
   keystroke's query to the list showing its result (target < 100 ms), medians.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True); app.quit()
        return False
w = QLabel("kzdesk"); w.resize(420, 180); f = Painted(); w.installEventFilter(f); w.show()
app.exec()
"""


def time_to_paint(command: list[str], env: dict[str, str] | None = None, expect: str = "painted") -> float:
    """Seconds from starting the process to its line saying the first window was painted."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait()
    assert line.strip() == expect, line
    return elapsed


def startup_ratio(runs: int) -> tuple[float, float]:
    """Medians (bare PySide6 window, `kzdesk gui` up to its unlock window painted), in seconds: the whole
    process, from the interpreter's start, through the command line, to the first paint."""
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        Vault.create(vault, "bench", Profile("volunteer", "", ""), kdf=floor_params()).close()
        # Both read compiled bytecode, as an installed copy does (pip and the frozen build compile it);
        # the first, uncounted run of each writes it.
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # Installed mode, with its settings in a folder of this run's own.
        ours_env = {**env, "KZDESK_STARTUP_PROBE": "1", "XDG_CONFIG_HOME": str(Path(tmp) / "config")}
        ours_env.pop("KZDESK_PORTABLE", None)
        bare_command = [sys.executable, "-c", BARE]
        ours_command = [sys.executable, "-m", "kzdesk", "gui", "--vault", str(vault), "--lang", "ru"]
        time_to_paint(bare_command, env)
        time_to_paint(ours_command, ours_env, expect="ready")
        bare, ours = [], []
        for _ in range(runs):
            bare.append(time_to_paint(bare_command, env))
            ours.append(time_to_paint(ours_command, ours_env, expect="ready"))
    return statistics.median(bare), statistics.median(ours)


def startup(runs: int) -> None:
    b, o = startup_ratio(runs)
    print(f"start-up to first paint: bare PySide6 window {b:.3f} s, kzdesk gui to its unlock window {o:.3f} s, "
          f"ratio {o / b:.2f} (target <= 1.5)")


def list_and_search(vault_path: Path, acts: int) -> None:
    """The records list and search in the window over a fresh vault of ACTS imported acts (the same
    measurement bench/scale.py makes on its kept vaults)."""
    from generate import write_csv
    from kzdesk.core.ingest.csv_import import read_plan, store
    from kzdesk.core.model.vault import Vault
    from scale import window_figures

    csv_path = write_csv(vault_path.parent / "rows.csv", acts)
    with Vault.open(vault_path, "bench") as vault:
        store(vault, read_plan(csv_path).rows)
    figures = window_figures(vault_path, 1)
    print(f"records list after unlock: {figures['shown']:.3f} s for {acts:,} acts (target < 0.5 s)")
    print(f"first keystroke after unlock: {figures['first keystroke'] * 1000:.0f} ms; search per keystroke: "
          f"median {figures['p50'] * 1000:.0f} ms, p95 {figures['p95'] * 1000:.0f} ms over "
          f"{figures['keystrokes']:.0f} keystrokes (target < 100 ms)")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    acts = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    startup(runs)
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        Vault.create(vault, "bench", Profile("volunteer", "", ""), kdf=floor_params()).close()
        list_and_search(vault, acts)


if __name__ == "__main__":
    main()
