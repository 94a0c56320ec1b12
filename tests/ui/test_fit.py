"""Every window and dialog fits a 1024×600 netbook screen (100 % scaling) in Russian, Kazakh and English:
its minimum size fits, and shown at that size its buttons are on screen, not clipped or pushed off."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QMainWindow, QWidget, QWizard

from kzdesk.core.model.editing import load_event
from kzdesk.ui.about import AboutDialog
from kzdesk.ui.editor import EventEditor
from kzdesk.ui.erase_after import EraseAfterDialog
from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.passphrase_change import PassphraseChangeDialog
from kzdesk.ui.recover_dialog import RecoverDialog
from kzdesk.ui.report_preview import ReportPreview
from kzdesk.ui.restore_dialog import RestoreDialog
from kzdesk.ui.screen import FRAME, SMALLEST
from kzdesk.ui.shares_dialog import SharesDialog
from kzdesk.ui.unlock import UnlockDialog
from kzdesk.ui.wizard import FirstRunWizard

from .helpers import context_idle

# The client area a window has on a 1024×600 screen once the title bar and a panel are taken.
ROOM = QSize(SMALLEST.width() - FRAME.width(), SMALLEST.height() - FRAME.height())
LANGUAGES = ("ru", "kk", "en")


def busiest_event(context) -> str:
    """The event with the most persons and acts in the month: the fullest editor."""
    with context.vault.engine.connect() as conn:
        return str(conn.exec_driver_sql(
            "SELECT event FROM act GROUP BY event ORDER BY count(*) DESC, event LIMIT 1").scalar())


def editor(context, host: QWidget | None = None) -> EventEditor:
    with context.vault.engine.connect() as conn:
        draft = load_event(conn, busiest_event(context))
    dialog = EventEditor(context, draft, host)
    dialog.ui.persons.setCurrentRow(0)  # the act form filled and enabled, as when working
    return dialog


def report_preview(context, host: QWidget) -> ReportPreview:
    from kzdesk.core.reports.case import case_summary
    from kzdesk.core.reports.preview import page_images

    with context.vault.engine.connect() as conn:
        person = conn.exec_driver_sql("SELECT uuid FROM person WHERE name LIKE 'Айтбаев%'").scalar()
        summary = case_summary(conn, person, context.translations.language)
    return ReportPreview(host, context, summary.pdf, page_images(summary.pdf), "case-summary.pdf")


def shares(page: int) -> Callable[[object, QWidget], QWidget]:
    def make(context, host: QWidget) -> QWidget:
        words = " ".join(f"слово{n}" for n in range(33))
        dialog = SharesDialog(host, context, [words] * 3)
        dialog.show_page(page)
        return dialog
    return make


# Each is made over a host window (dialogs that need a parent get it), as the program opens them.
WINDOWS: dict[str, Callable[[object, QWidget], QWidget]] = {
    "main window": lambda context, _host: MainWindow(context),
    "record editor": editor,
    "unlock": lambda context, host: UnlockDialog(context, host),
    "report preview": report_preview,
    "shares intro": shares(0),
    "share 1": shares(1),
    "recover": lambda context, host: RecoverDialog(context, host),
    "restore": lambda context, host: RestoreDialog(context, host),
    "passphrase change": lambda context, host: PassphraseChangeDialog(host, context),
    "about": lambda context, host: AboutDialog(context, host),
    "erase after": lambda _context, host: EraseAfterDialog(host, None),
}


def buttons(window: QWidget) -> Iterator[QAbstractButton]:
    """The buttons that close or confirm a window: those of its button boxes, or a wizard's own."""
    for box in window.findChildren(QDialogButtonBox):
        if box.isVisibleTo(window):
            yield from (b for b in box.buttons() if b.isVisibleTo(window))
    if isinstance(window, QWizard):
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            button = window.button(which)
            if button is not None and button.isVisibleTo(window):
                yield button


def assert_fits(qtbot, window: QWidget, what: str) -> None:
    """Shown as the program shows it, on the small screen: within the room, every button whole."""
    for size in (window.minimumSizeHint(), window.minimumSize()):
        assert size.width() <= ROOM.width() and size.height() <= ROOM.height(), (what, size)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() <= ROOM.width() and window.height() <= ROOM.height(), (what, window.size())
    inside = QRect(QPoint(0, 0), window.size())
    found = list(buttons(window))
    assert found, what
    for button in found:
        assert button.isVisible(), (what, button.text())
        where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert inside.contains(where), (what, button.text(), where, inside)
        # Not clipped by a scroll area or a squeezed parent: the whole button is drawn.
        assert button.visibleRegion().boundingRect().size() == button.size(), (what, button.text())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(WINDOWS))
def test_window_fits_a_small_screen(qtbot, small_screen, month_context, language: str, name: str) -> None:
    month_context.translations.apply(language)
    host = QMainWindow()
    qtbot.addWidget(host)  # closing it at teardown closes the dialog over it
    window = WINDOWS[name](month_context, host)
    if window.parent() is None:
        qtbot.addWidget(window)
    if isinstance(window, MainWindow):
        # The main window has no button box: it fills the screen, its filters and status line whole.
        window.show()
        qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
        for size in (window.minimumSizeHint(), window.minimumSize()):
            assert size.width() <= ROOM.width() and size.height() <= ROOM.height(), size
        assert window.size() == ROOM
        tab = window.records_tab
        for widget in (tab.search, tab.date_from, tab.date_to, tab.city, tab.act_type, tab.article, window.count):
            assert widget.visibleRegion().boundingRect().size() == widget.size(), widget.objectName()
        return
    if isinstance(window, EventEditor):
        window.dirty = False  # closing at teardown asks nothing
    assert_fits(qtbot, window, name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_wizard_pages_fit_a_small_screen(qtbot, small_screen, context, language: str) -> None:
    context.translations.apply(language)
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    seen = set()
    while wizard.currentId() not in seen:
        seen.add(wizard.currentId())
        assert_fits(qtbot, wizard, f"wizard page {wizard.currentId()}")
        if wizard.currentId() == wizard.startId():
            wizard.next()
        elif hasattr(wizard, "passphrase_page") and wizard.currentPage() is wizard.passphrase_page:
            wizard.passphrase_page.first.setText("Жаңа өмір басталды 2021")
            wizard.passphrase_page.second.setText("Жаңа өмір басталды 2021")
            wizard.next()
        else:
            break  # the profile page would create the vault: its fit is enough
    assert len(seen) >= 3


def test_editor_opens_within_the_screen_and_scrolls_its_fields(qtbot, small_screen, month_context) -> None:
    """At 1024×600 the editor's Save/Cancel stay put while its fields scroll to the focused one."""
    month_context.translations.apply("kk")
    dialog = editor(month_context)
    dialog.dirty = False
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= ROOM.width() and dialog.height() <= ROOM.height()
    paid = dialog.act_form.ui.finePaid
    assert paid.visibleRegion().isEmpty()  # below the fold at first
    paid.setFocus()
    qtbot.waitUntil(lambda: not paid.visibleRegion().isEmpty(), timeout=5_000)
    save = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.visibleRegion().boundingRect().size() == save.size()


def test_main_window_opens_sized_to_the_screen_and_remembers(qtbot, small_screen, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    # Sized to the screen less its frame, not to the few hundred pixels its contents ask for.
    assert window.size() == ROOM
    window.show()
    qtbot.waitExposed(window)
    window.resize(700, 450)
    window.move(20, 30)
    qtbot.waitUntil(lambda: window.size() == QSize(700, 450), timeout=5_000)
    window.close()
    again = MainWindow(month_context)
    qtbot.addWidget(again)
    assert again.size() == QSize(700, 450)
