"""Screenshots of the main screens for docs/screenshots/, taken on a virtual screen.

    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python packaging/screenshots.py

Uses a throw-away vault with the December 2021 test month; nothing of the user's is touched.
Falls back to Qt's offscreen platform when there is no display.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


def settle(app: QApplication, context: object, rounds: int = 60) -> None:
    import time

    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)
        if getattr(context, "tasks").pending == 0:  # noqa: B009
            app.processEvents()
            break


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    widget.show()
    widget.raise_()
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def main() -> None:
    from kzdesk.core.ingest.csv_import import import_csv
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params
    from kzdesk.ui.context import AppContext
    from kzdesk.ui.editor import EventEditor
    from kzdesk.ui.main_window import MainWindow
    from kzdesk.ui.settings import Settings
    from kzdesk.ui.tasks import Tasks
    from kzdesk.ui.translations import Translations
    from kzdesk.ui.unlock import UnlockDialog
    from kzdesk.ui.wizard import FirstRunWizard

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        vault_path = Path(tmp) / "vault"
        store = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        translations = Translations(app)
        translations.apply("ru")
        context = AppContext(vault_path, Settings(store), Tasks(), translations)

        wizard = FirstRunWizard(context)
        wizard.resize(720, 480)
        wizard.next()
        wizard.passphrase_page.first.setText("Жаңа өмір басталды")
        wizard.passphrase_page.second.setText("Жаңа өмір басталды")
        shoot(app, wizard, "1-first-run-wizard-ru")
        wizard.close()

        Vault.create(vault_path, "Жаңа өмір басталды", Profile("volunteer", "Айгүл", "Орал"),
                     kdf=floor_params()).close()
        dialog = UnlockDialog(context)
        dialog.ui.message.setText(dialog.tr("That passphrase did not open the vault. Check the keyboard "
                                            "language and Caps Lock, and try again."))
        shoot(app, dialog, "2-unlock-ru")
        dialog.close()

        context.vault = Vault.open(vault_path, "Жаңа өмір басталды")
        import_csv(context.vault, ROOT / "tests" / "data" / "monitoring_2021_12.csv")
        window = MainWindow(context)
        window.resize(1200, 720)
        window.show()
        settle(app, context)
        shoot(app, window, "3-records-ru")

        window.set_language("kk")
        window.tabs.setCurrentIndex(1)
        window.person_search.setText("Айтбаев")
        settle(app, context)
        window.persons_view.selectRow(0)
        settle(app, context)
        shoot(app, window, "4-person-chronology-kk")

        window.set_language("ru")
        window.tabs.setCurrentIndex(0)
        from kzdesk.core.model.editing import load_event

        with context.vault.engine.connect() as conn:
            event = conn.exec_driver_sql("SELECT uuid FROM event WHERE description LIKE 'Арест%'").scalar()
            draft = load_event(conn, event)
        editor = EventEditor(context, draft, window)
        editor.resize(1000, 860)
        shoot(app, editor, "5-record-editor-ru")
        editor.dirty = False
        editor.close()

        window.lock()
        settle(app, context)
        shoot(app, window, "6-locked")
        window.close()
        context.tasks.shutdown()


if __name__ == "__main__":
    main()
