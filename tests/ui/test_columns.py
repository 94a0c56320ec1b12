"""The lists of the main window on a 1024×600 screen with a month of records, in Russian, Kazakh and
English: no column title is cut ("гно, то же лиц" for "Вероятно, то же лицо, что"), a long name is cut
with "…" on its one line instead of wrapping, and no filter hides its own hint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QScreen
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView, QWidget

from kzdesk.ui.main_window import CONFLICTS, DUPLICATES, PERSONS, RECORDS, MainWindow
from kzdesk.ui.screen import SMALLEST

from ..vaults import record_case, stale_save_conflict
from .helpers import context_idle

LANGUAGES = ("ru", "kk", "en")


@pytest.fixture
def small_screen(monkeypatch):
    """A 1024×600 netbook's screen (offscreen Qt has one of 800×800), asked for as the program asks."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(QPoint(0, 0), SMALLEST))


@pytest.fixture
def review_month(month_context):
    """The December month, plus what a coordinator reviews: one person under two spellings and one
    arrest whose days two saves disputed."""
    vault = month_context.vault
    record_case(vault, "Жақсылықов Ерлан", "Oral", "2021-12-05", "public")
    record_case(vault, "Zhaksylykov Erlan", "Oral", "2021-12-16", "public")
    stale_save_conflict(vault)
    return month_context


def title_need(header: QHeaderView, logical: int) -> tuple[str, int]:
    """The title's width as drawn (bold when the list's rows are selected) between the header's margins."""
    text = str(header.model().headerData(logical, Qt.Orientation.Horizontal))
    bold = QFont(header.font())
    bold.setBold(True)
    advance = max(QFontMetrics(header.font()).horizontalAdvance(text), QFontMetrics(bold).horizontalAdvance(text))
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return text, advance + 2 * margin


def assert_titles_whole(page: QWidget, what: str) -> None:
    views = [v for v in page.findChildren(QTableView) if v.isVisible()]
    assert views, what
    for view in views:
        header = view.horizontalHeader()
        assert header.count() > 0, (what, view.objectName())
        for logical in range(header.count()):
            if header.isSectionHidden(logical):
                continue
            text, need = title_need(header, logical)
            assert need <= header.sectionSize(logical), (what, text, need, header.sectionSize(logical))
        # One line per row: a long name ends in "…" rather than wrapping into a cut second line.
        assert not view.wordWrap() and view.textElideMode() == Qt.TextElideMode.ElideRight, what
        rows = {view.rowHeight(r) for r in range(view.model().rowCount())}
        assert len(rows) <= 1, (what, rows)


def open_tabs(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: context_idle(window) and window.records_tab.model.rowCount() > 0, timeout=10_000)
    return window


def assert_every_tab(qtbot, window: MainWindow, language: str) -> None:
    tabs = window.tabs
    tabs.setCurrentIndex(RECORDS)
    assert_titles_whole(window.records_tab, f"records {language}")
    records = window.records_tab
    city = records.city.lineEdit()
    assert city is not None
    for edit, text in ((records.date_from, records.date_from.placeholderText()),
                       (records.date_to, records.date_to.placeholderText()),
                       (records.article, records.article.placeholderText()), (city, city.placeholderText()),
                       (records.act_type, records.act_type.itemText(0))):
        # The text area of a combo box is its line edit, or the box less its arrow.
        room = edit.width() - (24 if edit is records.act_type else 0)
        hint = QFontMetrics(edit.font()).horizontalAdvance(text)
        assert hint < room, (language, text, hint, room)
        assert edit.visibleRegion().boundingRect().size() == edit.size(), edit.objectName()
    tabs.setCurrentIndex(PERSONS)
    persons = window.persons_tab
    qtbot.waitUntil(lambda: context_idle(window) and persons.persons.rowCount() > 0, timeout=10_000)
    persons.persons_view.clearSelection()  # a row selected already would send no signal when selected again
    persons.persons_view.selectRow(next(r for r, p in enumerate(persons.persons.rows) if p.acts > 1))
    qtbot.waitUntil(lambda: context_idle(window) and persons.chronology.rowCount() > 1, timeout=10_000)
    assert_titles_whole(persons, f"persons {language}")
    tabs.setCurrentIndex(CONFLICTS)
    qtbot.waitUntil(lambda: context_idle(window) and window.conflicts_tab.model.rowCount() == 1, timeout=10_000)
    assert_titles_whole(window.conflicts_tab, f"conflicts {language}")
    tabs.setCurrentIndex(DUPLICATES)
    page = window.duplicates_page
    qtbot.waitUntil(lambda: context_idle(window) and page.model.rowCount() > 0 and page.left.rowCount() > 0,
                    timeout=10_000)
    assert_titles_whole(page, f"duplicates {language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_title_is_cut_on_a_small_screen(qtbot, small_screen, review_month, language: str) -> None:
    review_month.translations.apply(language)
    window = open_tabs(qtbot, review_month)
    assert window.width() <= SMALLEST.width()
    assert_every_tab(qtbot, window, language)


def test_titles_follow_a_language_switch(qtbot, small_screen, review_month) -> None:
    """Opened in English (short titles), switched to Russian and Kazakh: the columns grow with them."""
    review_month.translations.apply("en")
    window = open_tabs(qtbot, review_month)
    assert_every_tab(qtbot, window, "en")
    for language in ("ru", "kk"):
        window.set_language(language)
        qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
        assert_every_tab(qtbot, window, language)


def test_a_dragged_column_keeps_its_title(qtbot, small_screen, review_month) -> None:
    review_month.translations.apply("ru")
    window = open_tabs(qtbot, review_month)
    window.tabs.setCurrentIndex(DUPLICATES)
    header = window.duplicates_page.view.horizontalHeader()
    header.resizeSection(2, 30)  # as a drag of the column's edge to the left would
    text, need = title_need(header, 2)
    assert text == "Вероятно, то же лицо, что"
    assert header.sectionSize(2) >= need
