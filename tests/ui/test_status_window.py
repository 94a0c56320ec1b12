"""A person's status in the window, as a coordinator meets it in Russian: Set status… by keyboard (a
wrong date refused in the dialog, nothing stored), the history and today's status shown, the same
record `kzdesk status list` reads; statuses proposed from acts chosen by check box; a status
conflict named in Russian in the Conflicts tab; the import message counting the statuses set."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.model.derived_ids import status_id
from kzdesk.core.model.status import set_status
from kzdesk.core.model.vault import Vault
from kzdesk.ui.main_window import CONFLICTS, PERSONS, MainWindow

from ..vaults import PASSPHRASE, import_bundle, introduce, make_vault, record, snapshot
from .helpers import context_idle, focused, type_text


def _window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.set_language("ru")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    return window


def _persons(qtbot, window: MainWindow, count: int):
    window.tabs.setCurrentIndex(PERSONS)
    tab = window.persons_tab
    qtbot.waitUntil(lambda: len(tab.persons.rows) == count and context_idle(window), timeout=10_000)
    return tab


def _stored(vault: Vault) -> dict[str, str]:
    return {k: v for k, v in snapshot(vault.path).items() if not k.endswith("-shm")}


def test_set_a_status_by_keyboard_in_russian(qtbot, context, vault_path: Path, kz, monkeypatch) -> None:
    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)
    who = record(context.vault, "Ахметов Марат")["person"]
    window = _window(qtbot, context)
    tab = _persons(qtbot, window, 1)
    panel = tab.status
    assert not panel.set_action.isEnabled()  # nobody selected yet
    tab.persons_view.setFocus()
    qtbot.keyClick(tab.persons_view, Qt.Key.Key_Space)  # the current (first) person, from the keyboard
    qtbot.waitUntil(lambda: panel.set_action.isEnabled() and context_idle(window), timeout=10_000)
    # Offered where the user is: a button, the Edit menu and the list's context menu (the Menu key).
    assert panel.set_action in window.edit_menu.actions() and panel.set_action in tab.persons_view.actions()
    assert panel.set_button.text() == "Задать статус…"
    assert panel.today.text() == "Статус на сегодня не задан."
    panel.set_action.trigger()
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=10_000)
    dialog = panel.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.code, timeout=5_000)
    assert dialog.code.itemText(0) == "отбывает срок лишения свободы"  # the core's words, in Russian
    while dialog.code.currentData() != "pre_trial":
        qtbot.keyClick(dialog.code, Qt.Key.Key_Down)
    assert dialog.code.currentText() == "в предварительном заключении"
    assert not dialog.reason.isEnabled()  # pre-trial detention takes no reason
    qtbot.keyClick(dialog.code, Qt.Key.Key_Tab)
    assert focused() is dialog.day and dialog.day.placeholderText() == "ДД.ММ.ГГГГ"
    before = _stored(context.vault)
    type_text(qtbot, "31.02.2021")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.problem.text() == "'31.02.2021' — такой даты в календаре нет"
    assert _stored(context.vault) == before  # refused before the vault was asked
    dialog.day.selectAll()
    type_text(qtbot, "02.03.2021")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert focused() is dialog.note  # the disabled reason is skipped
    type_text(qtbot, "по решению суда")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None and context_idle(window) and panel.history.rowCount() == 1,
                    timeout=10_000)
    row = [panel.history.item(0, c).text() for c in range(4)]
    assert row == ["02.03.2021", "в предварительном заключении", "", "по решению суда"]
    assert panel.today.text() == "Статус на сегодня: в предварительном заключении (с 02.03.2021)"
    assert panel.history.horizontalHeaderItem(1).text() == "Статус"
    monkeypatch.setenv("KZDESK_VAULT", str(vault_path))
    listed = kz("status", "list", who, "--json")
    assert listed.code == 0 and json.loads(listed.out) == [
        {"status": status_id(who, "2021-03-02"), "person": who, "date": "2021-03-02", "code": "pre_trial",
         "reason": None, "note": "по решению суда"}]
    window.set_language("ru")  # the CLI, run in this process, set the core's language to its own
    # A release takes a reason, in Russian too.
    panel.set_action.trigger()
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=10_000)
    dialog = panel.dialog
    dialog.code.setCurrentIndex(dialog.code.findData("released"))
    assert dialog.reason.isEnabled() and dialog.reason.itemText(dialog.reason.findData("pardon")) == "помилован"
    dialog.reason.setCurrentIndex(dialog.reason.findData("pardon"))
    dialog.day.setText("01.02.2022")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: panel.history.rowCount() == 2 and context_idle(window), timeout=10_000)
    assert [panel.history.item(1, c).text() for c in range(3)] == ["01.02.2022", "освобождён", "помилован"]
    assert panel.today.text() == "Статус на сегодня: освобождён (помилован) (с 01.02.2022)"
    window.lock()
    assert panel.history.rowCount() == 0 and panel.today.text() == "" and not panel.set_action.isEnabled()
    window.set_language("en")


def test_statuses_proposed_from_acts_are_chosen_by_check_box(qtbot, context, vault_path: Path) -> None:
    context.vault_path = vault_path
    vault = context.vault = Vault.open(vault_path, PASSPHRASE)
    for name, act_type, day in (("Балтабай Асель", "imprisonment", "2021-09-20"),
                                ("Нурланов Ербол", "house_arrest", "2021-10-01")):
        case = record(vault, name)
        with vault.transaction() as conn:
            changes = vault.changeset()
            changes.update(conn, "act", case["act"], {"act_type": act_type, "decision_date": day})
            vault.commit(changes, conn)
    window = _window(qtbot, context)
    panel = _persons(qtbot, window, 2).status
    assert panel.propose_action in window.edit_menu.actions()
    panel.propose_action.trigger()
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=10_000)
    dialog = panel.dialog
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts == ["20.09.2021 — Балтабай Асель — отбывает срок лишения свободы (Лишение свободы)",
                     "01.10.2021 — Нурланов Ербол — под домашним арестом (Домашний арест)"]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.list, timeout=5_000)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Space)  # the second one is not wanted
    assert [p.name for p in dialog.chosen()] == ["Балтабай Асель"]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None and context_idle(window), timeout=10_000)
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT p.name, s.date, s.code FROM status s JOIN person p "
                                    "ON p.uuid = s.person").fetchall() == [("Балтабай Асель", "2021-09-20", "prison")]
    window.set_language("en")


def test_a_status_conflict_is_named_in_russian(qtbot, context, tmp_path: Path) -> None:
    first = make_vault(tmp_path / "c1", "coordinator", "Almaty")
    second = make_vault(tmp_path / "c2", "coordinator", "Shymkent")
    introduce(first, second)
    introduce(second, first)
    who = record(first, "Жақсылықов Ерлан")["person"]
    export_bundle(first, tmp_path / "1.kzb")
    assert import_bundle(second, tmp_path / "1.kzb").status == "merged"
    set_status(first, who, "prison", "2022-03-01")
    set_status(second, who, "house_arrest", "2022-03-01")
    export_bundle(second, tmp_path / "2.kzb")
    assert import_bundle(first, tmp_path / "2.kzb").counts["conflicts"] == 1
    second.close()
    context.vault_path, context.vault = tmp_path / "c1", first
    window = _window(qtbot, context)
    window.tabs.setCurrentIndex(CONFLICTS)
    tab = window.conflicts_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and context_idle(window), timeout=10_000)
    row = [tab.model.data(tab.model.index(0, c)) for c in range(4)]
    assert row[0] == "Жақсылықов Ерлан"
    assert row[1] == "статус с 01.03.2022"  # which of the person's statuses: not an empty event column
    assert row[2] == "Статус"  # not the column's name "code"
    assert sorted(row[3].split("  |  ")) == ["отбывает срок лишения свободы", "под домашним арестом"]
    values = [b.text().split("  —  ")[0] for b in tab.group.buttons() if b is not tab.typed_choice]
    assert sorted(values) == ["отбывает срок лишения свободы", "под домашним арестом"]
    assert tab.heading.text().startswith("Статус — Жақсылықов Ерлан")
    assert "house_arrest" not in " ".join(row) and "code" not in " ".join(row)
    window.set_language("en")


def test_the_import_message_counts_the_statuses_set(qtbot, context, vault_path: Path, tmp_path: Path) -> None:
    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)
    table = tmp_path / "list.csv"
    table.write_text("date,city,person,event_type,status,status_date\n"
                     "2021-03-01,Almaty,Балтабай Асель,criminal_charge,pre_trial,02.03.2021\n"
                     "2021-09-20,Almaty,Нурланов Ербол,imprisonment,prison,20.09.2021\n", encoding="utf-8")
    window = _window(qtbot, context)
    window.spreadsheets.import_file(str(table))
    qtbot.waitUntil(lambda: window.spreadsheets.last_message != "" and context_idle(window), timeout=10_000)
    assert window.spreadsheets.last_message.splitlines()[1] == "Установлено 2 статуса людей."
    window.set_language("en")
