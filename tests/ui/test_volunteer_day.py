"""A volunteer's day with the keyboard only, in Kazakh, on a 1024×600 netbook: unlock, record an
arrest, find it again, lock — every step by keys, every window inside the screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.screen import SMALLEST

from ..vaults import PASSPHRASE
from .helpers import context_idle, focused, key, type_text


def inside_the_screen(widget) -> bool:
    frame = widget.frameGeometry()
    return QRect(0, 0, SMALLEST.width(), SMALLEST.height()).contains(QRect(0, 0, frame.width(), frame.height()))


def test_a_keyboard_only_day_in_kazakh_at_1024x600(qtbot, small_screen, month_context) -> None:
    month_context.translations.apply("kk")
    try:
        window = MainWindow(month_context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.records_tab.model.total == 75 and context_idle(window), timeout=10_000)
        assert inside_the_screen(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)

        # Morning: the laptop was locked (Ctrl+L); the passphrase and Enter open it again.
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: month_context.vault is None, timeout=10_000)
        assert window.stack.currentWidget() is window.locked
        qtbot.waitUntil(lambda: focused() is window.locked.passphrase, timeout=5_000)
        type_text(qtbot, PASSPHRASE)
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: month_context.vault is not None and context_idle(window), timeout=20_000)
        assert window.stack.currentWidget() is window.tabs

        # A new record (Ctrl+N): the date as the window shows dates in Kazakh, DD.MM.YYYY.
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.editor is not None and window.editor.isVisible(), timeout=10_000)
        editor = window.editor
        assert inside_the_screen(editor)
        editor.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is editor, timeout=5_000)
        ui, act = editor.ui, editor.act_form.ui
        ui.date.setFocus()
        qtbot.waitUntil(lambda: focused() is ui.date, timeout=5_000)
        assert "КК.АА.ЖЖЖЖ" in ui.date.placeholderText()
        type_text(qtbot, "17.12.2021")
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() is ui.city or focused() is ui.city.lineEdit()
        type_text(qtbot, "Орал")
        while focused() is not ui.personName:  # place, occasion, description, confidentiality
            key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "Нұрланов Ғалым")
        key(qtbot, Qt.Key.Key_Return)  # adds the person and starts the first act
        assert focused() is act.actType
        type_text(qtbot, "Әкімшілік қ")  # the act type by its Kazakh name
        assert act.actType.currentData() == "administrative_arrest"
        while focused() is not act.article:
            key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "488")
        key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "11")
        while focused() is not act.arrestDays:
            key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "15 тәулік")  # the field takes the number; the word is not typed in
        assert act.arrestDays.text() == "15"
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.editor is None, timeout=10_000)
        qtbot.waitUntil(lambda: window.records_tab.model.total == 76 and context_idle(window), timeout=10_000)

        # Find it again (Ctrl+F), by the person's name typed in capitals.
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert isinstance(focused(), QLineEdit) and focused() is window.records_tab.search
        type_text(qtbot, "ҒАЛЫМ НҰРЛАНОВ")
        qtbot.waitUntil(lambda: window.records_tab.model.total == 1 and context_idle(window), timeout=10_000)
        model = window.records_tab.model
        assert model.data(model.index(0, 0)) == "17.12.2021"  # shown as it was typed
        assert "15" in model.data(model.index(0, 5)) and "488.11" in model.data(model.index(0, 4))
        assert "жазба" in window.count.text()  # the count in Kazakh

        # Evening: Ctrl+L, and nothing of the day stays on screen.
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: month_context.vault is None and context_idle(window), timeout=10_000)
        assert window.records_tab.search.text() == "" and model.rowCount() == 0
        assert window.windowTitle() == "kzdesk"
        assert QGuiApplication.primaryScreen().availableGeometry().size() == SMALLEST
    finally:
        month_context.translations.apply("en")
