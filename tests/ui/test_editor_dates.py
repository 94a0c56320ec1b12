"""The editor shows a stored date as the window shows dates (05.12.2021 in Russian), its placeholders say
that format, and saving what it showed changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from kzdesk.core.model.editing import load_event
from kzdesk.core.model.fields import short_date
from kzdesk.ui.editor import EventEditor

from ..vaults import head

PLACEHOLDERS = {"ru": ("ДД.ММ.ГГГГ, ММ.ГГГГ или ГГГГ", "ДД.ММ.ГГГГ"),
                "kk": ("КК.АА.ЖЖЖЖ, АА.ЖЖЖЖ немесе ЖЖЖЖ", "КК.АА.ЖЖЖЖ"),
                "en": ("DD.MM.YYYY, MM.YYYY or YYYY", "DD.MM.YYYY")}


def day_event(context) -> str:
    """An event of the month with a full date; its first act is given a court decision the day after."""
    vault = context.vault
    with vault.engine.connect() as conn:
        event, act, date = conn.exec_driver_sql(
            "SELECT e.uuid, a.uuid, e.date FROM event e JOIN act a ON a.event = e.uuid "
            "WHERE e.deleted = 0 AND length(e.date) = 10 ORDER BY e.date, a.uuid LIMIT 1").one()
    with vault.transaction() as conn:
        changes = vault.changeset()
        changes.update(conn, "act", act, {"decision_date": date[:8] + f"{int(date[8:]) + 1:02d}"})
        vault.commit(changes, conn)
    return str(event)


def open_editor(qtbot, context, event: str) -> EventEditor:
    with context.vault.engine.connect() as conn:
        draft = load_event(conn, event)
    dialog = EventEditor(context, draft)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("language", PLACEHOLDERS)
def test_date_fields_say_the_format_the_window_shows(qtbot, month_context, language: str) -> None:
    month_context.translations.apply(language)
    dialog = open_editor(qtbot, month_context, day_event(month_context))
    dialog.dirty = False
    event_hint, decision_hint = PLACEHOLDERS[language]
    assert dialog.ui.date.placeholderText() == event_hint
    assert dialog.act_form.ui.decisionDate.placeholderText() == decision_hint
    assert dialog.ui.date.text() == short_date(dialog.draft.date, language)


def test_an_unchanged_record_saved_in_russian_keeps_its_date(qtbot, month_context) -> None:
    month_context.translations.apply("ru")
    vault = month_context.vault
    event = day_event(month_context)
    before = head(vault, "event", event)
    with vault.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT date FROM event WHERE uuid = ?", (event,)).scalar()
        decided = conn.exec_driver_sql("SELECT decision_date FROM act WHERE event = ? AND decision_date IS NOT NULL",
                                       (event,)).scalar()
    dialog = open_editor(qtbot, month_context, event)
    year, month, day = stored.split("-")
    assert dialog.ui.date.text() == f"{day}.{month}.{year}"  # 05.12.2021, not 2021-12-05
    act = next(a for p in dialog.draft.persons for a in p.acts if a.decision_date)
    dialog.ui.persons.setCurrentRow(next(i for i, p in enumerate(dialog.draft.persons) if act in p.acts))
    dialog.ui.acts.setCurrentRow(next(i for p in dialog.draft.persons for i, a in enumerate(p.acts) if a is act))
    assert dialog.act_form.ui.decisionDate.text() == short_date(decided, "ru")  # 02.12.2021
    # As a user who retypes the date as it is shown: the field's text goes through the core's parser.
    shown = dialog.ui.date.text()
    dialog.ui.date.setText(shown)
    dialog.ui.date.textEdited.emit(shown)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT date FROM event WHERE uuid = ?", (event,)).scalar() == stored
    assert head(vault, "event", event) == before  # no new revision of the event: nothing changed


def test_a_decision_date_typed_as_shown_sets_the_fine_rate_of_that_day(qtbot, month_context) -> None:
    """The MCI of the decision day turns 50 MCI into tenge, whether the date is typed 05.01.2022 or ISO
    (2021: 2,917 ₸; 2022: 3,063 ₸) — a date in the shown form must not fall back to the event's day."""
    month_context.translations.apply("ru")
    try:
        dialog = open_editor(qtbot, month_context, day_event(month_context))
        dialog.ui.persons.setCurrentRow(0)
        dialog.ui.acts.setCurrentRow(0)
        form = dialog.act_form.ui
        form.fineAmount.setText("50")
        form.fineAmount.textEdited.emit("50")
        form.fineUnit.setCurrentIndex(form.fineUnit.findData("MCI"))
        for typed in ("05.01.2022", "2022-01-05"):
            form.decisionDate.setText(typed)
            form.decisionDate.textEdited.emit(typed)
            assert "153" in form.fineOther.text() and "150" in form.fineOther.text(), (typed, form.fineOther.text())
        dialog.dirty = False
    finally:
        month_context.translations.apply("en")
