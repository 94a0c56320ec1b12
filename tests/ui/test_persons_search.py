"""After a person search the chronology shows only the person still selected."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzdesk.ui.main_window import PERSONS, MainWindow

from .helpers import context_idle, type_text


def open_persons(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(PERSONS)
    qtbot.waitUntil(lambda: window.persons_tab.persons.rowCount() == 42 and context_idle(window), timeout=10_000)
    return window


def select(qtbot, window: MainWindow, name: str) -> str:
    tab = window.persons_tab
    row = next(i for i, p in enumerate(tab.persons.rows) if name in p.name)
    tab.persons_view.setFocus()
    tab.persons_view.selectRow(row)
    qtbot.waitUntil(lambda: tab.chronology.rowCount() > 0 and context_idle(window), timeout=10_000)
    return tab.persons.rows[row].uuid


def test_a_search_that_drops_the_person_clears_the_chronology(qtbot, month_context) -> None:
    window = open_persons(qtbot, month_context)
    tab = window.persons_tab
    select(qtbot, window, "Жақсылықов")
    assert window.case_action.isEnabled()
    tab.person_search.setFocus()
    type_text(qtbot, "Өтепов")
    qtbot.waitUntil(lambda: context_idle(window) and tab.persons.rowCount() >= 1
                    and all("Жақсылықов" not in p.name for p in tab.persons.rows), timeout=10_000)
    assert tab.chronology.rowCount() == 0 and tab.selected_person is None
    assert not window.case_action.isEnabled()  # no case summary of someone no longer shown


def test_the_same_person_still_listed_stays_selected(qtbot, month_context) -> None:
    window = open_persons(qtbot, month_context)
    tab = window.persons_tab
    uuid = select(qtbot, window, "Жақсылықов")
    tab.person_search.setFocus()
    type_text(qtbot, "Жақсы")
    qtbot.waitUntil(lambda: context_idle(window) and tab.persons.rowCount() < 42, timeout=10_000)
    assert tab.selected_person == uuid and tab.chronology.rowCount() > 0
    rows = tab.persons_view.selectionModel().selectedRows()
    assert [tab.persons.rows[r.row()].uuid for r in rows] == [uuid]
    tab.person_search.clear()
    qtbot.keyClick(tab.person_search, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: context_idle(window) and tab.persons.rowCount() == 42, timeout=10_000)
    assert tab.selected_person == uuid and tab.chronology.rowCount() > 0
