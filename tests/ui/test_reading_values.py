"""The window reads and writes dates, articles, fines and languages the way its user does, and a stored
value an older version let through ("12 суток" days of arrest) is shown as text, never a crash."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from kzdesk.ui.act_form import ActForm
from kzdesk.ui.file_dialogs import open_file
from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.settings import LANGUAGE
from kzdesk.ui.translations import Translations
from kzdesk.ui.wizard import FirstRunWizard

from .helpers import context_idle

ODD = "12 суток"


def shown(window: MainWindow) -> None:
    window.show()


def rows(window: MainWindow) -> list[list[str]]:
    model = window.records_tab.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def filtered(qtbot, window: MainWindow, **fields: str) -> list[list[str]]:
    tab = window.records_tab
    for name, text in fields.items():
        getattr(tab, name).setText(text)
    before = tab.model._generation
    tab.apply_filter()
    qtbot.waitUntil(lambda: tab.model._generation > before and context_idle(window), timeout=10_000)
    return rows(window)


def test_the_date_filter_reads_what_the_list_shows(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.set_language("ru")
    qtbot.waitUntil(lambda: window.records_tab.model.total > 0 and context_idle(window), timeout=10_000)
    tab = window.records_tab
    assert "ДД.ММ.ГГГГ" in tab.date_from.placeholderText()
    iso = filtered(qtbot, window, date_from="2021-12-20", date_to="2021-12-31")
    dotted = filtered(qtbot, window, date_from="20.12.2021", date_to="31.12.2021")
    assert iso and dotted == iso
    assert all(re.fullmatch(r"(\d\d\.)?(\d\d\.)?2021", r[0]) for r in dotted)  # 24.12.2021: four-digit year
    assert tab.date_from.toolTip() == ""
    # A date that cannot be read says so on the field and does not narrow the list to something else.
    wrong = filtered(qtbot, window, date_from="20.12.21")
    assert wrong == dotted
    assert "четырьмя цифрами" in tab.date_from.toolTip()
    window.set_language("en")


def test_the_article_filter_reads_what_the_list_shows(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.records_tab.model.total > 0 and context_idle(window), timeout=10_000)
    listed = filtered(qtbot, window, article="488.6")
    assert listed and all("488.6" in r[4] for r in listed)
    for typed in ("488 ч. 6", "488-6", "488 part 6"):
        assert filtered(qtbot, window, article=typed) == listed, typed
    assert window.records_tab.article.toolTip() == ""


def test_english_and_kazakh_dates_never_mix_styles(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.records_tab.model.total > 0 and context_idle(window), timeout=10_000)
    english = {r[0] for r in rows(window)}
    assert "24\u00a0Dec 2021" in english and not any("/" in d for d in english)
    window.set_language("kk")
    assert "24.12.2021" in {r[0] for r in rows(window)}
    window.set_language("en")


def test_a_fine_reads_as_one_penalty_in_the_list_and_chronology(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.set_language("ru")
    qtbot.waitUntil(lambda: window.records_tab.model.total > 0 and context_idle(window), timeout=10_000)
    cells = [r[5] for r in rows(window)]
    assert "145\u00a0850\u00a0₸ (50 МРП)" in cells
    assert not any("₸; " in c and "МРП" in c for c in cells)
    window.set_language("en")


def store_odd_days(vault) -> str:
    with vault.transaction() as conn:
        act, person = conn.exec_driver_sql(
            "SELECT uuid, person FROM act WHERE arrest_days = 15 AND deleted = 0 ORDER BY uuid LIMIT 1").one()
        conn.exec_driver_sql("UPDATE act SET arrest_days = ? WHERE uuid = ?", (ODD, act))
    return person


def test_odd_stored_days_show_as_text_in_every_view(qtbot, month_context) -> None:
    person = store_odd_days(month_context.vault)
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.set_language("ru")
    qtbot.waitUntil(lambda: window.records_tab.model.total > 0 and context_idle(window), timeout=10_000)
    cells = [r[5] for r in rows(window)]  # a raise here used to be a ValueError on every repaint
    assert any(ODD in c for c in cells)
    assert any("15 сут." in c for c in cells)  # the other persons' sanctions are still there
    chronology = window.persons_tab.chronology
    chronology.show_person(person)
    qtbot.waitUntil(lambda: chronology.rowCount() > 0 and context_idle(window), timeout=10_000)
    texts = [chronology.data(chronology.index(r, 4)) for r in range(chronology.rowCount())]
    assert ODD in texts
    # The duplicates pane shows the same chronology beside each candidate.
    left = window.duplicates_page.left
    left.show_person(person)
    qtbot.waitUntil(lambda: left.rowCount() > 0 and context_idle(window), timeout=10_000)
    assert ODD in [left.data(left.index(r, 4)) for r in range(left.rowCount())]
    window.set_language("en")


def test_the_statistics_tab_follows_a_language_switch(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    dashboard = window.dashboard
    dashboard.start.setText("01.12.2021")
    dashboard.end.setText("31.12.2021")
    dashboard.load()
    qtbot.waitUntil(lambda: bool(dashboard.pdf) and context_idle(window), timeout=30_000)
    english = dashboard.summary.text()
    assert english.startswith("Acts:")
    first_pdf = dashboard.pdf
    window.set_language("ru")
    qtbot.waitUntil(lambda: dashboard.pdf != first_pdf and context_idle(window), timeout=30_000)
    assert dashboard.summary.text().startswith("Меры") or dashboard.summary.text() != english
    assert dashboard.start.text() == "01.12.2021"
    assert "ДД.ММ.ГГГГ" in dashboard.start.placeholderText()
    window.set_language("en")
    qtbot.waitUntil(lambda: dashboard.summary.text() == english and context_idle(window), timeout=30_000)
    assert dashboard.start.text() == "1\u00a0Dec 2021"  # the English form, which the core reads back
    dashboard.load()
    qtbot.waitUntil(lambda: context_idle(window), timeout=30_000)
    assert dashboard.summary.text() == english


def test_the_mci_hint_in_the_editor_follows_a_language_switch(qtbot, month_context) -> None:
    from kzdesk.core.model.editing import ActDraft

    form = ActForm("en", lambda: "2021-12-10")
    qtbot.addWidget(form)
    form.show_act(ActDraft(act_type="fine", fine_amount="50", fine_unit="MCI"))
    assert "₸" in form.ui.fineOther.text()
    form.show_act(ActDraft(act_type="fine", fine_amount="145850", fine_unit="KZT"))
    assert form.ui.fineOther.text().endswith("MCI")
    month_context.translations.apply("ru")
    qtbot.waitUntil(lambda: form.ui.fineOther.text().endswith("МРП"), timeout=5_000)
    assert form.ui.fineUnit.itemText(form.ui.fineUnit.findData("MCI")) == "МРП"
    assert form.ui.fineUnit.currentData() == "KZT"  # what was chosen stays chosen
    month_context.translations.apply("en")


def test_qt_file_dialog_labels_are_all_in_russian(qtbot, context) -> None:
    context.translations.apply("ru")
    seen: list[str] = []

    def look() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible())
        seen.extend(label.text() for label in dialog.findChildren(QLabel) if label.text())
        dialog.reject()

    QTimer.singleShot(0, look)
    open_file(None, "x")
    assert seen and "&Look in:" not in seen and "Files of &type:" not in seen
    context.translations.apply("en")


def test_the_wizards_language_is_the_next_starts(qtbot, context, settings_file: Path) -> None:
    # The wizard opened in Kazakh (the system's language or --lang kk) and the user kept it.
    context.translations.apply("kk")
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentPage() is wizard.passphrase_page
    # The next start reads the settings file afresh, as app.main does.
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat).value(LANGUAGE.key)
    assert stored == "kk"
    fresh = Translations(QApplication.instance())
    try:
        fresh.apply(stored)
        assert fresh.language == "kk"
    finally:
        fresh.remove()  # its Kazakh catalogues must not stay on the application for the next tests
        context.translations.apply("en")
