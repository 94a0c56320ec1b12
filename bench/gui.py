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


def list_and_search(vault_path: Path, settings: Path, acts: int) -> None:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from generate import write_csv
    from kzdesk.core.ingest.csv_import import read_plan, store
    from kzdesk.core.model.vault import Vault
    from kzdesk.ui.context import AppContext, open_for_search
    from kzdesk.ui.main_window import MainWindow
    from kzdesk.ui.settings import Settings
    from kzdesk.ui.tasks import Tasks
    from kzdesk.ui.translations import Translations

    csv_path = write_csv(vault_path.parent / "rows.csv", acts)
    with Vault.open(vault_path, "bench") as vault:
        store(vault, read_plan(csv_path).rows)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    translations = Translations(app)
    translations.apply("ru")
    context = AppContext(vault_path, Settings(QSettings(str(settings), QSettings.Format.IniFormat)), Tasks(),
                         translations)

    def wait_loaded(window: MainWindow) -> None:
        loop = QEventLoop()
        window.records.loaded.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
        window.records.loaded.disconnect(loop.quit)
        app.processEvents()  # let the view paint the rows

    context.vault = open_for_search(vault_path, "bench")  # what the unlock dialog does
    start = time.perf_counter()
    window = MainWindow(context)
    window.show()
    wait_loaded(window)
    shown = time.perf_counter() - start
    total = window.records.total
    print(f"records list after unlock: {shown:.3f} s for {total:,} events / {acts:,} acts (target < 0.5 s)")
    keystrokes: list[float] = []
    queries: list[str] = []
    for query in ("Ж", "Жа", "Жақ", "Жақс", "Жақсы", "Жақсыл", "Жақсылықов", "Жақсылықов Е", "Жақсылықов Ер",
                  "z", "zh", "zha", "zhak", "zhaks", "Орал", "арест", "488"):
        window.search.blockSignals(True)
        window.search.setText(query)
        window.search.blockSignals(False)
        start = time.perf_counter()
        window.apply_filter()
        wait_loaded(window)
        keystrokes.append(time.perf_counter() - start)
        queries.append(query)
    print(f"search per keystroke: median {statistics.median(keystrokes) * 1000:.0f} ms, "
          f"max {max(keystrokes) * 1000:.0f} ms over {len(keystrokes)} keystrokes (target < 100 ms)")
    slowest = sorted(zip(keystrokes, queries, strict=True), reverse=True)[:3]
    print("slowest: " + ", ".join(f"{q!r} {t * 1000:.0f} ms" for t, q in slowest))
    window.close()
    context.tasks.shutdown()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    acts = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    startup(runs)
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        settings = Path(tmp) / "settings.ini"
        Vault.create(vault, "bench", Profile("volunteer", "", ""), kdf=floor_params()).close()
        list_and_search(vault, settings, acts)


if __name__ == "__main__":
    main()
