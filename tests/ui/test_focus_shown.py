"""Every kind of control in the record editor shows when it has the keyboard focus: a keyboard-only
volunteer always sees where the next key goes (the text-less "fine paid" box too)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from kzdesk.core.model.editing import load_event
from kzdesk.ui.editor import EventEditor

from .helpers import key


def picture(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


def test_each_kind_of_control_shows_focus(qtbot, month_context) -> None:
    month_context.translations.apply("kk")
    with month_context.vault.engine.connect() as conn:
        event = conn.exec_driver_sql(
            "SELECT event FROM act GROUP BY event ORDER BY count(*) DESC, event LIMIT 1").scalar()
        draft = load_event(conn, str(event))
    dialog = EventEditor(month_context, draft)
    dialog.dirty = False
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    ui, act = dialog.ui, dialog.act_form.ui
    ui.persons.setCurrentRow(0)
    controls = {"check box without text": act.finePaid, "button": ui.addAct, "combo box": ui.consent,
                "editable combo box": ui.city, "line edit": ui.place, "list": ui.persons,
                "text area": ui.description}
    assert not act.finePaid.text()
    for kind, control in controls.items():
        # As a keyboard user meets it: Tab leaves the control, Shift+Tab comes back to it (the styles
        # draw focus once a window is navigated by keyboard).
        control.setFocus()
        qtbot.waitUntil(lambda c=control: has_focus(c), timeout=5_000)
        key(qtbot, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda c=control: not has_focus(c), timeout=5_000)
        dialog.ui.scroll.ensureWidgetVisible(control)
        without = picture(control)
        key(qtbot, Qt.Key.Key_Backtab)
        qtbot.waitUntil(lambda c=control: has_focus(c), timeout=5_000)
        assert dialog.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        assert picture(control) != without, kind


def has_focus(control: QWidget) -> bool:
    return QApplication.focusWidget() in (control, control.focusProxy())


def test_a_filter_marked_wrong_still_shows_focus(qtbot, month_context) -> None:
    """A date filter framed red for a wrong date keeps a visible focus (a style sheet replaces the style's)."""
    from kzdesk.ui.main_window import MainWindow

    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    tab = window.records_tab
    tab.date_from.setText("32.13.2021")
    tab.apply_filter()
    assert tab.date_from.property("problem")
    tab.date_from.setFocus()
    qtbot.waitUntil(lambda: has_focus(tab.date_from), timeout=5_000)
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not has_focus(tab.date_from), timeout=5_000)
    without = picture(tab.date_from)
    key(qtbot, Qt.Key.Key_Backtab)
    qtbot.waitUntil(lambda: has_focus(tab.date_from), timeout=5_000)
    assert picture(tab.date_from) != without
