"""Screenshots of the main window (records, persons with a chronology, probable duplicates, conflicts)
and the record editor on a 1024×600 screen, in Russian and Kazakh, for docs/screenshots/ (run again after
a layout change, and look at them):

    xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python packaging/small_screenshots.py

Other screens and languages go elsewhere, to check a layout without touching the documentation:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python packaging/small_screenshots.py /tmp/shots ru kk en

A throw-away vault (floor KDF parameters, as the tests make them) holds the December 2021 test month, two
spellings of one person (a probable duplicate) and one open conflict; nothing of the user's is read or written.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "screenshots"
PASSPHRASE = "Жаңа өмір басталды 2021"  # noqa: S105  # a throw-away vault deleted at the end


def settle(app: QApplication, rounds: int = 40) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    widget.raise_()
    settle(app)
    screen = widget.screen() or app.primaryScreen()
    # The whole screen, so what a window pushes off the edge shows as missing.
    screen.grabWindow(0).save(str(out / f"{name}.png"))
    print("wrote", out / f"{name}.png", "window", widget.frameGeometry().getRect())


def add_review_work(vault: object) -> None:
    """What the coordinator's tabs show: one person under two spellings, and one field two saves disputed."""
    from kzdesk.core.model.editing import ActDraft, EventDraft, PersonDraft, load_event, save_draft, save_event

    for name, date in (("Жақсылықов Ерлан", "2021-12-05"), ("Zhaksylykov Erlan", "2021-12-16")):
        save_event(vault, EventDraft(date, "Уральск", consent="public", persons=[PersonDraft(  # type: ignore[arg-type]
            name, "public", [ActDraft("administrative_arrest", "administrative_offences_code", "488", "11",
                                      arrest_days="15")])]))
    event = save_event(vault, EventDraft("2021-12-17", "Уральск", persons=[PersonDraft(  # type: ignore[arg-type]
        "Ким Виктор", "public", [ActDraft("administrative_arrest", "administrative_offences_code", "488", "11",
                                          arrest_days="15")])]))
    # Two editors of the same arrest: the one saved last started from 15 days, so its 10 meets the 12.
    with vault.engine.connect() as conn:  # type: ignore[attr-defined]
        stale = load_event(conn, event)
    with vault.engine.connect() as conn:  # type: ignore[attr-defined]
        fresh = load_event(conn, event)
    fresh.persons[0].acts[0].arrest_days = "12"
    save_draft(vault, fresh)  # type: ignore[arg-type]
    stale.persons[0].acts[0].arrest_days = "10"
    save_draft(vault, stale)  # type: ignore[arg-type]


def main() -> None:
    from kzdesk.core.ingest.csv_import import import_csv
    from kzdesk.core.model.editing import load_event
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params
    from kzdesk.ui.context import AppContext
    from kzdesk.ui.editor import EventEditor
    from kzdesk.ui.main_window import CONFLICTS, DUPLICATES, PERSONS, RECORDS, MainWindow
    from kzdesk.ui.settings import Settings
    from kzdesk.ui.tasks import Tasks
    from kzdesk.ui.translations import Translations

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS
    languages = sys.argv[2:] or ["ru", "kk"]
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        vault_path = Path(tmp) / "vault"
        Vault.create(vault_path, PASSPHRASE, Profile("volunteer", "Айгүл", "Орал"), kdf=floor_params()).close()
        store = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        translations = Translations(app)
        context = AppContext(vault_path, Settings(store), Tasks(), translations)
        context.vault = Vault.open(vault_path, PASSPHRASE)
        import_csv(context.vault, ROOT / "tests" / "data" / "monitoring_2021_12.csv")
        add_review_work(context.vault)
        with context.vault.engine.connect() as conn:
            event = conn.exec_driver_sql(
                "SELECT event FROM act GROUP BY event ORDER BY count(*) DESC, event LIMIT 1").scalar()
        for lang in languages:
            translations.apply(lang)
            window = MainWindow(context)
            settle(app, 80)
            shoot(app, window, out, f"small-main-window-{lang}")
            window.tabs.setCurrentIndex(PERSONS)
            settle(app, 40)
            persons = window.persons_tab
            persons.persons_view.selectRow(next(
                (row for row, p in enumerate(persons.persons.rows) if p.acts > 1), 0))
            shoot(app, window, out, f"small-persons-{lang}")
            persons.print_case_summary()  # built on the worker: wait for its preview
            for _ in range(500):
                if persons.preview is not None:
                    break
                settle(app, 5)
            if persons.preview is not None:
                shoot(app, persons.preview, out, f"small-case-summary-{lang}")
                persons.preview.close()
            window.tabs.setCurrentIndex(DUPLICATES)
            shoot(app, window, out, f"small-duplicates-{lang}")
            window.tabs.setCurrentIndex(CONFLICTS)
            shoot(app, window, out, f"small-conflicts-{lang}")
            window.tabs.setCurrentIndex(RECORDS)
            with context.vault.engine.connect() as conn:
                draft = load_event(conn, str(event))
            editor = EventEditor(context, draft, window)
            editor.ui.persons.setCurrentRow(0)
            shoot(app, editor, out, f"small-record-editor-{lang}")
            editor.dirty = False
            editor.close()
            window.hide()
            window.deleteLater()
        context.vault.close()
        context.tasks.shutdown()


if __name__ == "__main__":
    main()
