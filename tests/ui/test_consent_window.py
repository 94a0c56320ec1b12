"""Set consent… in the window: several persons or events selected as a user selects them (Ctrl+click),
one level chosen, the change made by the core's set_consent (audited, in the public export), and the
CSV import message naming the persons whose stricter consent the import kept."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTableView

from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.revisions import Changeset, audit_trail
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports.export import build_table
from kzdesk.ui.main_window import PERSONS, RECORDS, MainWindow

from ..vaults import PASSPHRASE
from .helpers import context_idle

HEADER = ["date", "city", "person", "event_type", "consent", "person_consent", "event_consent", "event_ref"]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


def four_persons(tmp_path: Path, person: str, event: str) -> Path:
    """Four persons in three events (one act each), with the persons' and the events' levels given."""
    cases = [("2021-12-01", "Жақсылықов Ерлан", "e1"), ("2021-12-01", "Серікбаева Айгүл", "e1"),
             ("2021-12-05", "Тәжібаев Нұрлан", "e2"), ("2021-12-09", "Ким Виктор", "e3")]
    return write_csv(tmp_path / "month.csv", [
        {"date": day, "city": "Almaty", "person": name, "event_type": "fine", "consent": "public",
         "person_consent": person, "event_consent": event, "event_ref": ref} for day, name, ref in cases])


def open_window(qtbot, context, vault_path: Path, csv_path: Path) -> MainWindow:
    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)
    import_csv(context.vault, csv_path)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def public_names(context) -> list[str]:
    with context.vault.engine.connect() as conn:
        table = build_table(conn, "public")
    column = next(i for i, header in enumerate(table.headers) if header == "Person")
    return sorted(str(row[column]) for row in table.rows)


def click(qtbot, view: QTableView, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def set_level(qtbot, window: MainWindow, level: str) -> str:
    """Edit → Set consent…, the level chosen from the keyboard, OK; returns the question asked."""
    window.consent.set_action.trigger()
    qtbot.waitUntil(lambda: window.consent.dialog is not None and window.consent.dialog.isVisible(), timeout=10_000)
    dialog = window.consent.dialog
    assert dialog is not None
    combo = dialog.level
    assert combo.hasFocus() or dialog.focusWidget() is combo
    while combo.currentData() != level:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    question = dialog.question.text()
    assert level in question  # the English label is the code
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.consent.last_message != "" and context_idle(window), timeout=10_000)
    return question


def test_three_persons_made_public_are_audited_and_exported(qtbot, context, vault_path: Path,
                                                            tmp_path: Path) -> None:
    window = open_window(qtbot, context, vault_path, four_persons(tmp_path, "confidential", "public"))
    assert public_names(context) == []  # the persons' consent withholds every act
    window.tabs.setCurrentIndex(PERSONS)
    persons = window.persons_tab.persons
    qtbot.waitUntil(lambda: len(persons.rows) == 4, timeout=10_000)
    view = window.persons_tab.persons_view
    names = [p.name for p in persons.rows]
    chosen = [names.index(n) for n in ("Жақсылықов Ерлан", "Тәжібаев Нұрлан", "Ким Виктор")]
    click(qtbot, view, chosen[0])
    for row in chosen[1:]:
        click(qtbot, view, row, Qt.KeyboardModifier.ControlModifier)
    assert len(window.persons_tab.selected_persons()) == 3
    # Offered where the user is: the Edit menu and the list's own context menu.
    assert window.consent.set_action in window.edit_menu.actions() and window.consent.set_action in view.actions()
    question = set_level(qtbot, window, "public")
    assert "Selected persons: 3" in question
    assert window.consent.last_message.startswith("Consent set to public. Changed: persons 3, events 0, acts 0.")
    qtbot.waitUntil(lambda: len(persons.rows) == 4, timeout=10_000)  # the list reloaded after the change
    uuids = {p.name: p.uuid for p in persons.rows}
    with context.vault.engine.connect() as conn:
        for name in ("Жақсылықов Ерлан", "Тәжібаев Нұрлан", "Ким Виктор"):
            trail = audit_trail(conn, uuids[name])
            assert [e.action for e in trail] == ["created", "edited"]
            assert trail[-1].changed == {"consent": ("confidential", "public")}
            assert trail[-1].author == context.vault.identity.key_id
        assert [e.action for e in audit_trail(conn, uuids["Серікбаева Айгүл"])] == ["created"]
    assert public_names(context) == sorted(["Жақсылықов Ерлан", "Тәжібаев Нұрлан", "Ким Виктор"])
    assert len(window.persons_tab.selected_persons()) == 3  # still selected after the reload


def test_events_selected_in_records_are_set_with_their_acts(qtbot, context, vault_path: Path,
                                                             tmp_path: Path) -> None:
    window = open_window(qtbot, context, vault_path, four_persons(tmp_path, "public", "confidential"))
    vault = context.vault
    # An event someone else created (merged from another device): a volunteer leaves it as it is.
    foreign = Changeset("c" * 64, vault.clock)
    person = foreign.create("person", {"name": "Ли Анна", "name_key": "ли анна", "consent": "public"})
    event = foreign.create("event", {"date": "2021-12-20", "date_precision": "day", "date_start": "2021-12-20",
                                     "date_end": "2021-12-20", "city": "almaty"})
    foreign.create("act", {"event": event, "person": person, "act_type": "fine", "consent": "public"})
    vault.commit(foreign)
    window.refresh()
    window.tabs.setCurrentIndex(RECORDS)
    model, view = window.records_tab.model, window.records_tab.view
    qtbot.waitUntil(lambda: len(model.rows) == 4 and context_idle(window), timeout=10_000)
    with vault.engine.connect() as conn:
        days = dict(conn.exec_driver_sql("SELECT uuid, date_start FROM event").fetchall())
    rows = {days[model.uuid_at(row)]: row for row in range(4)}
    click(qtbot, view, rows["2021-12-01"])
    click(qtbot, view, rows["2021-12-20"], Qt.KeyboardModifier.ControlModifier)
    click(qtbot, view, rows["2021-12-05"], Qt.KeyboardModifier.ControlModifier)
    assert len(window.records_tab.selected_events()) == 3
    assert window.consent.set_action in view.actions()
    question = set_level(qtbot, window, "public")
    assert "Selected events: 3. Their acts: 4." in question
    message = window.consent.last_message
    assert "Changed: persons 0, events 2, acts 0." in message  # the acts were public already
    assert "someone else created them: 1." in message  # the foreign event
    with vault.engine.connect() as conn:
        levels = dict(conn.exec_driver_sql("SELECT date_start, consent FROM event").fetchall())
        persons = {str(c) for (c,) in conn.exec_driver_sql("SELECT consent FROM person")}
    assert levels == {"2021-12-01": "public", "2021-12-05": "public", "2021-12-09": "confidential",
                      "2021-12-20": "confidential"}
    assert persons == {"public"}
    assert public_names(context) == sorted(["Жақсылықов Ерлан", "Серікбаева Айгүл", "Тәжібаев Нұрлан"])


def test_without_a_selection_the_action_says_how_to_select(qtbot, context, vault_path: Path,
                                                           tmp_path: Path) -> None:
    window = open_window(qtbot, context, vault_path, four_persons(tmp_path, "public", "public"))
    window.tabs.setCurrentIndex(RECORDS)
    qtbot.waitUntil(lambda: len(window.records_tab.model.rows) == 3 and context_idle(window), timeout=10_000)
    window.records_tab.view.clearSelection()
    window.consent.set_action.trigger()
    assert window.consent.dialog is None and "Ctrl+click" in window.consent.last_message


def test_import_message_names_a_person_whose_stricter_consent_was_kept(qtbot, context, vault_path: Path,
                                                                       tmp_path: Path) -> None:
    first = write_csv(tmp_path / "first.csv", [
        {"date": "2021-12-05", "city": "Almaty", "person": "Ким Виктор", "event_type": "detention",
         "person_consent": "confidential"}])
    window = open_window(qtbot, context, vault_path, first)
    second = write_csv(tmp_path / "second.csv", [
        {"date": "2021-12-06", "city": "Almaty", "person": "Ли Анна", "event_type": "fine", "consent": "public",
         "person_consent": "public"},
        {"date": "2021-12-06", "city": "Almaty", "person": "Ким Виктор", "event_type": "fine", "consent": "public",
         "person_consent": "public"}])
    window.set_language("ru")
    window.spreadsheets.import_file(str(second))
    qtbot.waitUntil(lambda: window.spreadsheets.last_message != "" and context_idle(window), timeout=10_000)
    message = window.spreadsheets.last_message
    assert message.startswith("Импортировано строк: 2.")
    assert "Строка 3: Ким Виктор" in message and "конфиденциально" in message and "Ли Анна" not in message
    assert "Правка → Задать согласие…" in message
