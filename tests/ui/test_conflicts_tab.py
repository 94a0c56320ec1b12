"""The Conflicts tab as a coordinator meets it: whose fact, which event, which field, who wrote each
value and when; resolved by keyboard, by choosing a value or typing one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kzdesk.core.exchange.conflicts import open_conflicts
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.vault.identity import fingerprint
from kzdesk.ui.main_window import CONFLICTS, MainWindow

from ..vaults import import_bundle, introduce, make_vault, record
from .helpers import context_idle, focused


@pytest.fixture
def disputed(context, tmp_path: Path):
    """A coordinator's window context with one open conflict: the coordinator made an arrest 12 days,
    the volunteer Айгүл who recorded it made it 15."""
    volunteer = make_vault(tmp_path / "volunteer", "volunteer", "Айгүл")
    coordinator = make_vault(tmp_path / "coordinator", "coordinator", "Бақыт")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    case = record(volunteer, "Ким Виктор")
    export_bundle(volunteer, tmp_path / "1.kzb")
    assert import_bundle(coordinator, tmp_path / "1.kzb").status == "merged"
    for vault, days in ((coordinator, 12), (volunteer, 15)):
        with vault.transaction() as conn:
            edit = vault.changeset()
            edit.update(conn, "act", case["act"], {"arrest_days": days})
            vault.commit(edit, conn)
    export_bundle(volunteer, tmp_path / "2.kzb")
    assert import_bundle(coordinator, tmp_path / "2.kzb").counts["conflicts"] == 1
    context.vault_path = tmp_path / "coordinator"
    context.vault = coordinator
    yield context, case, volunteer
    volunteer.close()


def open_tab(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(CONFLICTS)
    qtbot.waitUntil(lambda: window.conflicts_tab.model.rowCount() == 1 and context_idle(window), timeout=10_000)
    return window


def test_a_conflict_names_the_person_event_field_and_who_wrote_each_value(qtbot, disputed) -> None:
    context, _case, volunteer = disputed
    window = open_tab(qtbot, context)
    window.set_language("ru")
    tab = window.conflicts_tab
    model = tab.model
    row = [model.data(model.index(0, c)) for c in range(4)]
    assert row[0] == "Ким Виктор"
    assert "05.12.2021" in row[1] and "Уральск" in row[1]  # the event's date and city, in Russian
    assert row[2] == "Дни ареста"  # the field's label, not "arrest_days"
    assert "12" in row[3] and "15" in row[3]
    short = " ".join(fingerprint(volunteer.identity.public_key).split()[:2])
    texts = [b.text() for b in tab.group.buttons() if b is not tab.typed_choice]
    assert len(texts) == 2
    by_value = {t.split()[0]: t for t in texts}
    assert f"Айгүл ({short})" in by_value["15"]  # the volunteer's card name and the start of the fingerprint
    assert "Бақыт" in by_value["12"]  # the coordinator's own value under their own name
    year = str(__import__("datetime").date.today().year)
    assert all(year in t for t in texts)  # when each value was written
    assert "Дни ареста" in tab.heading.text() and "Ким Виктор" in tab.heading.text()
    assert "553b" not in " ".join(row) and "arrest_days" not in " ".join(row)
    window.set_language("en")


def test_choose_a_value_by_keyboard(qtbot, disputed) -> None:
    context, case, _volunteer = disputed
    window = open_tab(qtbot, context)
    tab = window.conflicts_tab
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    tab.view.setFocus()
    qtbot.waitUntil(lambda: focused() is tab.view, timeout=5_000)
    qtbot.keyClick(tab.view, Qt.Key.Key_Tab)
    assert tab.choice.isAncestorOf(focused())  # Tab leaves the list for the values
    assert tab.group.button(0).isChecked()  # the first value is chosen until another one is
    for _ in range(3):  # the arrow keys move between the values, as in any group of choices
        if tab.group.checkedButton().text().startswith("15"):
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Up if focused() is tab.typed_choice else Qt.Key.Key_Down)
    assert tab.group.checkedButton().text().startswith("15")
    while focused() is not tab.resolve_button:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(tab.resolve_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and context_idle(window), timeout=10_000)
    with context.vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT arrest_days FROM act WHERE uuid = ?", (case["act"],)).scalar() == 15
        assert open_conflicts(conn) == []
    assert tab.pages.currentWidget() is tab.empty and "No conflicts" in tab.empty.text()


def test_a_reload_keeps_the_choice_being_made(qtbot, disputed) -> None:
    """The list reloads behind the coordinator's back (an import, a lock timer, a language): the conflict
    they are looking at stays selected with the value they chose and the text they typed."""
    context, _case, _volunteer = disputed
    window = open_tab(qtbot, context)
    tab = window.conflicts_tab
    tab.group.button(1).setChecked(True)
    chosen = tab.group.checkedButton()
    tab.model.load()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert tab.group.checkedButton() is chosen and not chosen.isHidden()
    tab.typed.setText("14")
    tab.typed_choice.setChecked(True)
    window.set_language("ru")  # the texts anew, the choice and the typed value kept
    assert tab.group.checkedButton() is tab.typed_choice and tab.typed.text() == "14"
    window.set_language("en")


def test_type_another_value(qtbot, disputed) -> None:
    context, case, _volunteer = disputed
    window = open_tab(qtbot, context)
    tab = window.conflicts_tab
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    tab.typed.setFocus()
    qtbot.waitUntil(lambda: focused() is tab.typed, timeout=5_000)
    qtbot.keyClicks(tab.typed, "14")
    assert tab.typed_choice.isChecked()
    qtbot.keyClick(tab.typed, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and context_idle(window), timeout=10_000)
    with context.vault.engine.connect() as conn:
        assert open_conflicts(conn) == []
        stored = conn.exec_driver_sql("SELECT arrest_days FROM act WHERE uuid = ?", (case["act"],)).scalar()
    assert str(stored) == "14"



def test_a_refused_value_is_said_and_nothing_is_stored(qtbot, disputed) -> None:
    from PySide6.QtWidgets import QMessageBox

    context, case, _volunteer = disputed
    window = open_tab(qtbot, context)
    tab = window.conflicts_tab
    with context.vault.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT arrest_days, rev FROM act WHERE uuid = ?", (case["act"],)).one()
    tab.typed.setFocus()
    qtbot.waitUntil(lambda: focused() is tab.typed, timeout=5_000)
    tab.typed.setText("12 суток")
    tab.typed.textEdited.emit("12 суток")  # typed as a person does (keyClicks cannot send Cyrillic)
    qtbot.keyClick(tab.typed, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: context_idle(window) and bool(window.findChildren(QMessageBox)), timeout=10_000)
    [box] = window.findChildren(QMessageBox)
    assert box.icon() == QMessageBox.Icon.Warning and "not resolved" in box.text().lower()
    assert tab.model.rowCount() == 1 and tab.typed.text() == "12 суток"  # the text stays, to be corrected
    with context.vault.engine.connect() as conn:
        after = conn.exec_driver_sql("SELECT arrest_days, rev FROM act WHERE uuid = ?", (case["act"],)).one()
        assert len(open_conflicts(conn)) == 1
    assert tuple(after) == tuple(before)


def test_no_conflicts_says_what_the_tab_is_for(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(CONFLICTS)
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    tab = window.conflicts_tab
    assert tab.pages.currentWidget() is tab.empty and tab.empty.isVisible()
    assert "No conflicts" in tab.empty.text() and "choose" in tab.empty.text()
