"""Screenshots of the main window and the record editor on a 1024×600 screen, in Russian and Kazakh,
for docs/screenshots/ (run again after a layout change, and look at them):

    xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python packaging/small_screenshots.py

A throw-away vault (floor KDF parameters, as the tests make them) holds the December 2021 test month;
nothing of the user's is read or written.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PASSPHRASE = "Жаңа өмір басталды 2021"  # noqa: S105  # a throw-away vault deleted at the end


def settle(app: QApplication, rounds: int = 40) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    widget.show()
    widget.raise_()
    settle(app)
    screen = widget.screen() or app.primaryScreen()
    # The whole screen, so what a window pushes off the edge shows as missing.
    screen.grabWindow(0).save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png", "window", widget.frameGeometry().getRect())


def main() -> None:
    from kzdesk.core.ingest.csv_import import import_csv
    from kzdesk.core.model.editing import load_event
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params
    from kzdesk.ui.context import AppContext
    from kzdesk.ui.editor import EventEditor
    from kzdesk.ui.main_window import MainWindow
    from kzdesk.ui.settings import Settings
    from kzdesk.ui.tasks import Tasks
    from kzdesk.ui.translations import Translations

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        vault_path = Path(tmp) / "vault"
        Vault.create(vault_path, PASSPHRASE, Profile("volunteer", "Айгүл", "Орал"), kdf=floor_params()).close()
        store = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        translations = Translations(app)
        context = AppContext(vault_path, Settings(store), Tasks(), translations)
        context.vault = Vault.open(vault_path, PASSPHRASE)
        import_csv(context.vault, ROOT / "tests" / "data" / "monitoring_2021_12.csv")
        with context.vault.engine.connect() as conn:
            event = conn.exec_driver_sql(
                "SELECT event FROM act GROUP BY event ORDER BY count(*) DESC, event LIMIT 1").scalar()
        for lang in ("ru", "kk"):
            translations.apply(lang)
            window = MainWindow(context)
            settle(app, 80)
            shoot(app, window, f"small-main-window-{lang}")
            with context.vault.engine.connect() as conn:
                draft = load_event(conn, str(event))
            editor = EventEditor(context, draft, window)
            editor.ui.persons.setCurrentRow(0)
            shoot(app, editor, f"small-record-editor-{lang}")
            editor.dirty = False
            editor.close()
            window.hide()
            window.deleteLater()
        context.vault.close()
        context.tasks.shutdown()


if __name__ == "__main__":
    main()
