"""The record editor driven from the keyboard, in Kazakh and Russian, as a volunteer enters a day's acts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from kzdesk.ui.main_window import MainWindow

from ..vaults import PASSPHRASE
from .helpers import focused, key, open_editor, type_text


def test_arrest_and_mci_fine_entered_by_keyboard(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.records_tab.model.total == 75, timeout=10_000)
    editor = open_editor(qtbot, window)
    ui, act = editor.ui, editor.act_form.ui
    type_text(qtbot, "2021-12-17")
    assert ui.precision.currentData() == "day"
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is ui.city or focused() is ui.city.lineEdit()
    type_text(qtbot, "Орал")
    for _ in range(4):  # place, occasion, description, confidentiality
        key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is ui.personName
    type_text(qtbot, "Нұрланов Ғалым")
    key(qtbot, Qt.Key.Key_Return)  # adds the person and starts the first act
    assert [p.name for p in editor.draft.persons] == ["Нұрланов Ғалым"]
    assert focused() is act.actType
    qtbot.keyClicks(act.actType, "Administrative")
    assert act.actType.currentData() == "administrative_arrest"
    key(qtbot, Qt.Key.Key_Tab)  # legal code: left for the article to fill in
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is act.article
    qtbot.keyClicks(act.article, "488")
    assert act.legalCode.currentData() == "administrative_offences_code"  # 488 exists only in the KoAP
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(act.part, "11")
    assert act.articleTitle.text()  # the article's title in the interface language
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(act.arrestDays, "15")
    # A second act for the same person: a fine of 50 MCI.
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert focused() is act.actType and len(editor.draft.persons[0].acts) == 2
    qtbot.wait(QApplication.keyboardInputInterval() + 100)  # a new keyboard search, as a person would type
    qtbot.keyClicks(act.actType, "Fine")
    assert act.actType.currentData() == "fine"
    for _ in range(5):  # legal code, article, part, arrest days, fine amount
        key(qtbot, Qt.Key.Key_Tab)
    assert focused() is act.fineAmount
    qtbot.keyClicks(act.fineAmount, "50")
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.wait(QApplication.keyboardInputInterval() + 100)
    qtbot.keyClicks(act.fineUnit, "MCI")
    assert act.fineUnit.currentData() == "MCI"
    assert "145,850" in act.fineOther.text() or "145 850" in act.fineOther.text()
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editor is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.records_tab.model.total == 76, timeout=10_000)
    # Find it again by a Kazakh word typed in another case, and see the person's chronology.
    window.records_tab.search.setText("ҒАЛЫМ НҰРЛАНОВ")
    qtbot.waitUntil(lambda: window.records_tab.model.total == 1, timeout=10_000)
    assert "Oral" in window.records_tab.model.data(window.records_tab.model.index(0, 1))
    # One act, one sanction text: the days, then the fine once, in tenge with its MCI in brackets.
    assert window.records_tab.model.data(window.records_tab.model.index(0, 5)) == "15 days; 145,850\u00a0₸ (50 MCI)"
    window.tabs.setCurrentIndex(1)
    window.persons_tab.person_search.setText("nurlanov galym")
    qtbot.waitUntil(lambda: window.persons_tab.persons.rowCount() == 1, timeout=10_000)
    window.persons_tab.persons_view.selectRow(0)
    qtbot.waitUntil(lambda: window.persons_tab.chronology.rowCount() == 2, timeout=10_000)
    articles = {window.persons_tab.chronology.data(window.persons_tab.chronology.index(r, 3)) for r in range(2)}
    assert articles == {"488.11", ""}  # the fine was entered without an article


def test_validation_is_inline_and_keeps_everything(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    editor = open_editor(qtbot, window)
    type_text(qtbot, "2021-02-30")
    editor.ui.personName.setFocus()
    type_text(qtbot, "Ким Виктор")
    key(qtbot, Qt.Key.Key_Return)
    editor.act_form.ui.arrestDays.setFocus()
    type_text(qtbot, "400")  # letters do not get in (test_editor_keys.py); a year of arrest is out of range
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    text = editor.ui.problems.text()
    assert "not a real calendar date" in text and "out of range" in text and "Ким Виктор" in text
    assert window.editor is editor and editor.ui.date.text() == "2021-02-30"
    assert editor.act_form.ui.arrestDays.text() == "400"
    editor.ui.date.selectAll()
    editor.ui.date.setFocus()
    type_text(qtbot, "2021-02-20")
    editor.act_form.ui.arrestDays.selectAll()
    editor.act_form.ui.arrestDays.setFocus()
    type_text(qtbot, "10")
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editor is None, timeout=10_000)


def test_unsaved_work_survives_a_lock_encrypted(qtbot, month_context, tmp_path: Path) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    editor = open_editor(qtbot, window)
    canary = "KZCANARY-draft-Әлихан"
    editor.ui.personName.setFocus()
    type_text(qtbot, canary)
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # lock from inside the open editor
    qtbot.waitUntil(lambda: window.editor is None and window.context.tasks.pending == 0, timeout=10_000)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert canary.encode() not in path.read_bytes(), path
    window.locked.passphrase.setText(PASSPHRASE)
    window.locked.button.click()
    qtbot.waitUntil(lambda: window.context.vault is not None, timeout=10_000)
    restored = open_editor(qtbot, window)
    assert [p.name for p in restored.draft.persons] == [canary] and restored.dirty


def test_closing_with_changes_asks(qtbot, month_context, monkeypatch) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    editor = open_editor(qtbot, window)
    type_text(qtbot, "2021")
    asked = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        box.setProperty("clicked", None)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    editor.close()  # "Go back" (no button clicked): the editor stays with its text
    assert asked == ["This record has unsaved changes."]
    assert editor.isVisible() and editor.ui.date.text() == "2021"
