"""The editor by keyboard alone: number fields take only numbers, Tab walks the shown fields in reading order."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from kzdesk.ui.main_window import MainWindow

from .helpers import key, open_editor, type_text


def editor_with_act(qtbot, month_context):
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    editor = open_editor(qtbot, window)
    editor.ui.personName.setFocus()
    type_text(qtbot, "Ким Виктор")
    key(qtbot, Qt.Key.Key_Return)  # adds the person and a first act, focus on the act type
    qtbot.waitUntil(lambda: editor.act_form.isEnabled(), timeout=5_000)
    return window, editor


def test_number_fields_take_only_numbers(qtbot, month_context) -> None:
    _window, editor = editor_with_act(qtbot, month_context)
    form = editor.act_form.ui
    for field, typed, kept in ((form.arrestDays, "12 суток", "12"), (form.years, "2 года", "2"),
                               (form.months, "x6", "6"), (form.hours, "40ч", "40"),
                               (form.fineAmount, "145 850 тг", "145 850 "), (form.article, "488ч", "488"),
                               (form.part, "7a", "7")):
        field.setFocus()
        qtbot.waitUntil(lambda f=field: QApplication.focusWidget() is f, timeout=5_000)
        type_text(qtbot, typed)
        assert field.text() == kept, field.objectName()
    act = editor.act_form.act
    assert act is not None and act.arrest_days == "12" and act.fine_amount.strip() == "145 850"


def test_tab_walks_shown_fields_in_reading_order(qtbot, month_context) -> None:
    _window, editor = editor_with_act(qtbot, month_context)
    body = editor.ui.body
    sections = [editor.ui.eventBox, editor.ui.personsBox, editor.ui.actsBox, editor.ui.sourcesBox]
    editor.ui.date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.ui.date, timeout=5_000)
    walked = []
    for _ in range(80):
        widget = QApplication.focusWidget()
        if widget in walked:
            break
        walked.append(widget)
        key(qtbot, Qt.Key.Key_Tab)
    names = [w.objectName() for w in walked]
    assert names[0] == "date" and "finePaid" in names and "sourceUrl" in names, names
    last_section, last = -1, QRect()
    for widget in walked:
        # Only shown, enabled fields get the focus, and each is scrolled into view when it does.
        assert widget.isVisible() and widget.isEnabled(), widget.objectName()
        if not body.isAncestorOf(widget):
            continue  # Save and Cancel, below the scrolling fields
        section = next(i for i, s in enumerate(sections) if s.isAncestorOf(widget))
        here = QRect(widget.mapTo(sections[section], QPoint(0, 0)), widget.size())
        assert section >= last_section, names
        if section == last_section:
            # Reading order: down the section; on one row (the boxes overlap in height), left to right.
            assert here.center().y() >= last.top(), (widget.objectName(), names)
            if here.top() < last.bottom() and here.bottom() > last.top():
                assert here.left() > last.left(), (widget.objectName(), names)
        last_section, last = section, here
    assert "scroll" not in names  # the scroll area itself is no stop on the way
