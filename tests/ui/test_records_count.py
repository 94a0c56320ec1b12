"""The records count while typing: "more than N" past the limit, the exact number once typing pauses."""

from __future__ import annotations

from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.records_model import RecordsModel

from .helpers import context_idle


def test_more_than_while_typing_then_the_exact_number(qtbot, month_context, monkeypatch) -> None:
    monkeypatch.setattr(RecordsModel, "COUNT_UP_TO", 10)
    monkeypatch.setattr(RecordsModel, "PAGE", 4)
    monkeypatch.setattr(RecordsModel, "FIRST_PAGE", 3)
    monkeypatch.setattr(RecordsModel, "COUNT_WHEN_IDLE_MS", 60_000)  # the pause is made by hand below
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    model = window.records_tab.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and context_idle(window), timeout=10_000)
    assert model.more and model.total == 10
    assert window.count.text() == "more than 10 records"
    assert model.canFetchMore()  # every record stays reachable past the count's limit
    model._count_timer.timeout.emit()  # typing has paused
    qtbot.waitUntil(lambda: not model.more and context_idle(window), timeout=10_000)
    with month_context.vault.engine.connect() as conn:
        events = conn.exec_driver_sql("SELECT count(*) FROM event WHERE deleted = 0").scalar_one()
    assert model.total == events > 10 and window.count.text() == f"{events} records"
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert model.rowCount() == events


def test_a_new_filter_drops_a_count_under_way(qtbot, month_context, monkeypatch) -> None:
    monkeypatch.setattr(RecordsModel, "COUNT_UP_TO", 10)
    monkeypatch.setattr(RecordsModel, "PAGE", 4)
    monkeypatch.setattr(RecordsModel, "FIRST_PAGE", 3)
    monkeypatch.setattr(RecordsModel, "COUNT_WHEN_IDLE_MS", 60_000)
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    model = window.records_tab.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and context_idle(window), timeout=10_000)
    model._count_timer.timeout.emit()
    window.records_tab.search.setText("Жақсылықов")  # a new search before the count's answer is shown
    qtbot.waitUntil(lambda: model.filter.text == "Жақсылықов" and context_idle(window), timeout=10_000)
    assert not model.more and 0 < model.total < 10 and window.count.text() == f"{model.total} record"
