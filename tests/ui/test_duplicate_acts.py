"""The Duplicates tab's second list: acts of one person reported twice, side by side, decided from the
keyboard, and a decision that sticks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kzdesk.core.exchange.links import decide
from kzdesk.core.model.vault import Vault
from kzdesk.ui.main_window import MainWindow

from ..vaults import PASSPHRASE, record_case
from .helpers import context_idle

DAY = "2022-03-09"


def _window(qtbot, context, vault_path) -> tuple[MainWindow, Vault, list[str]]:
    context.vault_path = vault_path
    context.vault = vault = Vault.open(vault_path, PASSPHRASE)
    a = record_case(vault, "Жақсылықов Ерлан", "Oral", DAY, "public")
    b = record_case(vault, "Zhaksylykov Erlan", "Oral", DAY, "public")
    record_case(vault, "Ли Анна", "Almaty", DAY, "public")  # another human on the same day: no pair
    decide(vault, a, b, "link")
    with vault.engine.connect() as conn:
        acts = [str(conn.exec_driver_sql("SELECT uuid FROM act WHERE person = ?", (p,)).scalar()) for p in (a, b)]
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    window.tabs.setCurrentIndex(3)
    return window, vault, acts


def test_acts_reported_twice_are_shown_side_by_side_and_decided_from_the_keyboard(qtbot, context,
                                                                                    vault_path) -> None:
    window, vault, acts = _window(qtbot, context, vault_path)
    page = window.duplicates_page
    view = page.acts
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and context_idle(window), timeout=10_000)
    assert page.stack.currentIndex() == 0 and not view.isVisible()
    # Alt+R (the switch's mnemonic) shows the acts; the list has the focus, so arrows and Tab work.
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.isVisible(), timeout=5_000)
    assert page.acts_switch.isChecked() and QApplication.focusWidget() is view.view
    pair = view.current()
    assert pair is not None and (pair.a.uuid, pair.b.uuid) == tuple(acts)  # the first recorded on the left
    cells = {view.sides.headerData(r, Qt.Orientation.Vertical): tuple(view.sides.rows[r])
             for r in range(view.sides.rowCount())}
    assert list(cells) == ["Date", "City", "Act", "Legal basis", "Sanction", "Recorded by"]
    assert cells["Date"] == ("9\u00a0Mar 2022",) * 2 and cells["City"] == ("Oral", "Oral")
    assert cells["Sanction"] == ("10 days", "10 days") and "488" in cells["Legal basis"][0]
    assert view.model.data(view.model.index(0, 1)) == "Жақсылықов Ерлан ~ Zhaksylykov Erlan"
    # Tab leaves the list for the decisions (it used to walk the list's cells and never get out).
    qtbot.keyClick(view.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.same_button
    view.view.setFocus()
    # Alt+A: "Same act: count it once".
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and context_idle(window), timeout=10_000)
    assert not view.same_button.isEnabled() and view.sides.rowCount() == 0
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT act_a, act_b, decision FROM act_link").one() == (
            min(acts), max(acts), "same")
    # Back to the persons with Alt+P; locking forgets what was shown.
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 0, timeout=5_000)
    window.lock()
    assert view.model.rowCount() == 0


def test_different_acts_leave_the_list_and_the_labels_follow_the_language(qtbot, context, vault_path) -> None:
    window, vault, _acts = _window(qtbot, context, vault_path)
    view = window.duplicates_page.acts
    window.duplicates_page.show_queue(1)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and context_idle(window), timeout=10_000)
    window.set_language("kk")
    qtbot.waitUntil(lambda: context_idle(window) and view.current() is not None, timeout=10_000)
    assert window.duplicates_page.acts_switch.text() != "Acts &reported twice"
    assert view.sides.rows[0][0] == "09.03.2022"  # the date as Kazakh lists write it
    view.different_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and context_idle(window), timeout=10_000)
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT decision FROM act_link").scalar() == "different"
    window.set_language("en")
