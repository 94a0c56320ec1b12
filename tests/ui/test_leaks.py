"""After a GUI session, case data is in no file outside the encrypted database."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

from PySide6.QtCore import Qt

from kzdesk.ui.main_window import MainWindow

from .helpers import key, open_editor, type_text, wizard_at_profile


def test_canary_typed_in_the_gui_is_in_no_file(qtbot, month_context, tmp_path: Path) -> None:
    canary = f"KZCANARY{uuid.uuid4().hex[:12]}"
    evidence = tmp_path / "outside" / "ruling.txt"  # the user's own file, chosen for attaching
    evidence.parent.mkdir()
    evidence.write_text(f"court ruling {canary}")
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    editor = open_editor(qtbot, window)
    type_text(qtbot, "2021-12-20")
    editor.ui.place.setFocus()
    type_text(qtbot, f"{canary} place")
    editor.ui.description.setFocus()
    type_text(qtbot, f"{canary} description")
    editor.ui.personName.setFocus()
    type_text(qtbot, f"{canary} Әлихан")
    key(qtbot, Qt.Key.Key_Return)
    editor.act_form.ui.court.setFocus()
    type_text(qtbot, f"{canary} court")
    editor.attach_file(evidence)
    qtbot.waitUntil(lambda: len(editor.draft.attachments) == 1, timeout=10_000)
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editor is None, timeout=10_000)
    window.records_tab.search.setText(canary)
    qtbot.waitUntil(lambda: window.records_tab.model.total == 1, timeout=10_000)
    assert canary in window.records_tab.model.data(window.records_tab.model.index(0, 2))
    assert window.windowTitle() == "kzdesk"
    # A shortcut fires only in the active window; a window left by an earlier test may hold that.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.context.tasks.pending == 0, timeout=10_000)
    window.close()
    forms = [canary.encode(), canary.encode("utf-16-le"), canary.encode("utf-16-be"),
             base64.b64encode(canary.encode())[:12]]
    swept = 0
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != evidence:
            swept += 1
            data = path.read_bytes()
            assert not any(f in data for f in forms), path
    assert swept >= 3  # vault header, database, settings at least


def dismiss(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    for box in window.findChildren(QMessageBox):
        box.close()


def test_canary_through_a_whole_gui_session(qtbot, context, tmp_path: Path, monkeypatch) -> None:
    """Create, import, edit, search, preview a case summary, merge duplicates, export a bundle, lock,
    quit: afterwards the canary is only in the spreadsheet the user brought."""
    from PySide6.QtWidgets import QWizard

    from kzdesk.core.vault.kdf import floor_params

    from ..security.workflow import canary_csv
    from ..vaults import introduce, make_vault

    monkeypatch.setattr("kzdesk.core.vault.vault.calibrate", floor_params)
    canary = f"KZCANARY{uuid.uuid4().hex[:12]}"
    wizard = wizard_at_profile(qtbot, context)
    wizard.profile_page.name.setText("Айгүл")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: context.vault is not None, timeout=20_000)
    coordinator = make_vault(tmp_path / "coordinator", "coordinator", "C")
    introduce(context.vault, coordinator)
    coordinator.close()

    brought = canary_csv(tmp_path / "inputs" / "canary.csv", canary)
    monkeypatch.setattr("kzdesk.ui.file_dialogs.open_file", lambda *a, **k: str(brought))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.spreadsheets.import_action.trigger()
    qtbot.waitUntil(lambda: window.records_tab.model.total == 2 and window.context.tasks.pending == 0, timeout=20_000)
    dismiss(window)  # "Imported 2 rows…"

    editor = open_editor(qtbot, window)
    type_text(qtbot, "2021-12-20")
    editor.ui.description.setFocus()
    type_text(qtbot, f"{canary} typed description")
    editor.ui.personName.setFocus()
    type_text(qtbot, f"{canary} Әлихан")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editor is None, timeout=10_000)

    window.records_tab.search.setText(canary)
    qtbot.waitUntil(lambda: window.records_tab.model.total == 3, timeout=10_000)

    with context.vault.engine.connect() as conn:
        person = conn.exec_driver_sql("SELECT uuid FROM person WHERE name LIKE ?", (f"{canary} Ж%",)).scalar()
    window.persons_tab.selected_person = person
    window.persons_tab.print_case_summary()
    qtbot.waitUntil(lambda: window.persons_tab.preview is not None, timeout=20_000)
    window.persons_tab.preview.close()
    dismiss(window)

    window.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: window.duplicates_page.model.rowCount() >= 1 and window.context.tasks.pending == 0,
                    timeout=10_000)
    window.duplicates_page.view.selectRow(0)
    qtbot.waitUntil(lambda: window.duplicates_page.current() is not None, timeout=10_000)
    window.duplicates_page.apply("merge")
    qtbot.waitUntil(lambda: window.context.tasks.pending == 0, timeout=10_000)

    bundle = tmp_path / "usb" / "bundle.kzb"
    bundle.parent.mkdir()
    window.bundles.export_to(str(bundle))
    qtbot.waitUntil(lambda: bundle.exists() and window.context.tasks.pending == 0, timeout=20_000)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: context.vault is None and window.context.tasks.pending == 0, timeout=10_000)
    assert window.windowTitle() == "kzdesk"
    window.close()

    forms = [canary.encode(), canary.encode("utf-16-le"), canary.encode("utf-16-be"), canary.lower().encode(),
             base64.b64encode(canary.encode())[:12]]
    swept = set()
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != brought:
            swept.add(path.name)
            data = path.read_bytes()
            assert not any(f in data for f in forms), path
    assert {"kzdesk.db", "vault.json", "bundle.kzb", "kzdesk.ini"} <= swept
    assert canary.encode() in brought.read_bytes()
