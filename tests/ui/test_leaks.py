"""After a GUI session, case data is in no file outside the encrypted database."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

from PySide6.QtCore import Qt

from kzdesk.ui.main_window import MainWindow

from .test_editor import key, open_editor, type_text


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
    window.search.setText(canary)
    qtbot.waitUntil(lambda: window.records.total == 1, timeout=10_000)
    assert canary in window.records.data(window.records.index(0, 2))
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
