"""Nothing typed is lost: one editor per record, and a save joins what changed while it was open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kzdesk.core.model.editing import ActDraft, EventDraft, PersonDraft, load_event, save_event
from kzdesk.core.model.revisions import audit_trail
from kzdesk.core.model.vault import Vault
from kzdesk.ui.editor import EventEditor
from kzdesk.ui.main_window import MainWindow

from ..vaults import PASSPHRASE
from .helpers import context_idle, type_text


def _window(qtbot, context, vault_path: Path) -> tuple[MainWindow, str]:
    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)
    arrest = ActDraft("administrative_arrest", "administrative_offences_code", "488", "11", arrest_days="15",
                      court="СМАС ЗКО")
    event = save_event(context.vault, EventDraft("2021-12-17", "Уральск", occasion="митинг",
                                                 persons=[PersonDraft("Жақсылықов Ерлан", "public", [arrest])]))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.records_tab.model.total == 1 and context_idle(window), timeout=10_000)
    return window, event


def _double_click_first_row(qtbot, window: MainWindow) -> None:
    """As a mouse does it: a click, then the second press that makes it a double-click."""
    view = window.records_tab.view
    centre = view.visualRect(window.records_tab.model.index(0, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def _editors(window: MainWindow) -> list[EventEditor]:
    return [e for e in window.findChildren(EventEditor) if e.isVisible()]


def test_double_clicking_a_record_twice_opens_one_editor(qtbot, context, vault_path: Path) -> None:
    window, event = _window(qtbot, context, vault_path)
    # Twice, fast: the second double-click arrives before the first editor has loaded.
    _double_click_first_row(qtbot, window)
    _double_click_first_row(qtbot, window)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.isVisible() and context_idle(window),
                    timeout=10_000)
    qtbot.wait(50)  # let any late result arrive: a second editor would show itself now
    assert len(_editors(window)) == 1 and window.editor.draft.uuid == event
    # Opening it again once it is on screen brings that editor forward; still one.
    first = window.editor
    window.activateWindow()
    window.edit_record(event)
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert _editors(window) == [first] and window.editor is first
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first, timeout=5_000)


def _open(qtbot, window: MainWindow, event: str) -> EventEditor:
    _double_click_first_row(qtbot, window)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.isVisible() and context_idle(window),
                    timeout=10_000)
    editor = window.editor
    assert editor is not None and editor.draft.uuid == event
    return editor


def _save(qtbot, window: MainWindow, editor: EventEditor) -> None:
    editor.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: editor.isEnabled() and context_idle(window), timeout=10_000)


def _change_meanwhile(vault: Vault, kind: str, uuid: str, fields: dict[str, object]) -> None:
    """Another window or the command line commits a change while the editor is open."""
    with vault.transaction() as conn:
        changes = vault.changeset()
        changes.update(conn, kind, uuid, fields)
        vault.commit(changes, conn)


def test_a_save_joins_what_changed_while_the_editor_was_open(qtbot, context, vault_path: Path) -> None:
    window, event = _window(qtbot, context, vault_path)
    vault = context.vault
    with vault.engine.connect() as conn:
        act = load_event(conn, event).persons[0].acts[0].uuid
    assert act is not None

    # 1. The editor changes the place; meanwhile the court was corrected elsewhere. Both stay.
    editor = _open(qtbot, window, event)
    _change_meanwhile(vault, "act", act, {"court": "Суд г. Уральска"})
    editor.ui.place.setFocus()
    type_text(qtbot, "Akimat square")
    _save(qtbot, window, editor)
    assert "changed elsewhere while you edited it" in editor.ui.problems.text()
    assert "Conflicts" not in editor.ui.problems.text()
    assert editor.isVisible() and not editor.dirty  # it stays to show what the save became
    with vault.engine.connect() as conn:
        place = conn.exec_driver_sql("SELECT place FROM event WHERE uuid = ?", (event,)).scalar()
        court = conn.exec_driver_sql("SELECT court FROM act WHERE uuid = ?", (act,)).scalar()
        opened = conn.exec_driver_sql("SELECT count(*) FROM conflict").scalar()
    assert (place, court, opened) == ("Akimat square", "Суд г. Уральска", 0)
    assert editor.act_form.ui.court.text() == "Суд г. Уральска"  # the editor shows the joined record
    editor.close()
    qtbot.waitUntil(lambda: window.editor is None, timeout=10_000)

    # 2. A second editor save: arrest days set to 10 here, to 12 elsewhere meanwhile → a conflict.
    editor = _open(qtbot, window, event)
    _change_meanwhile(vault, "act", act, {"arrest_days": 12})
    editor.act_form.ui.arrestDays.setFocus()
    editor.act_form.ui.arrestDays.selectAll()
    type_text(qtbot, "10")
    _save(qtbot, window, editor)
    text = editor.ui.problems.text()
    assert "changed elsewhere" in text and "1 field was changed differently on both sides" in text
    with vault.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT kind, record, field, candidates, status FROM conflict").fetchall()
        trail = audit_trail(conn, act)
        court = conn.exec_driver_sql("SELECT court FROM act WHERE uuid = ?", (act,)).scalar()
    assert [(k, r, f, s) for k, r, f, _c, s in rows] == [("act", act, "arrest_days", "open")]
    assert sorted(c["value"] for c in __import__("json").loads(rows[0][3])) == [10, 12]
    assert court == "Суд г. Уральска"  # the first join was not undone by the second save
    assert [e.action for e in trail].count("edited") >= 4  # every side's revision is in the history
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: window.conflicts_tab.model.rowCount() == 1, timeout=10_000)


def test_the_conflicts_tab_refuses_12_days_as_text(qtbot, context, vault_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ..vaults import stale_save_conflict

    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)
    act, conflict = stale_save_conflict(context.vault)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(2)
    tab = window.conflicts_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and context_idle(window), timeout=10_000)

    def stored() -> tuple[object, str]:
        with context.vault.engine.connect() as conn:
            return (conn.exec_driver_sql("SELECT arrest_days FROM act WHERE uuid = ?", (act,)).scalar(),
                    conn.exec_driver_sql("SELECT status FROM conflict WHERE id = ?", (conflict,)).scalar())

    before = stored()
    tab.resolve(conflict, "12 суток")
    qtbot.waitUntil(lambda: context_idle(window) and any(
        b.isVisible() for b in window.findChildren(QMessageBox)), timeout=10_000)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert any("12 суток" in b.text() and "not a whole number" in b.text() for b in boxes), [b.text() for b in boxes]
    assert stored() == before and before[1] == "open"  # nothing stored
    for box in boxes:
        box.close()
    tab.resolve(conflict, "12")  # typed as in the editor: a whole number
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and context_idle(window), timeout=10_000)
    days, status = stored()
    assert (days, type(days), status) == (12, int, "resolved")
