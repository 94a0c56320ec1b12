"""File → Save a spreadsheet template: the window writes `kzdesk template`'s file in its own language, through
the file dialog that keeps no trace, and says where it went."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from kzdesk.core.ingest.template import headers, template
from kzdesk.ui import file_dialogs
from kzdesk.ui.main_window import MainWindow

from .helpers import context_idle


@pytest.fixture
def window(qtbot, month_context) -> MainWindow:
    shown = MainWindow(month_context)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_file_menu_saves_a_template_in_the_window_language(qtbot, window: MainWindow, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.spreadsheets.template_action in window.file_menu.actions()
    assert window.spreadsheets.template_action.text() == "Save a spreadsheet &template…"
    window.set_language("kk")
    assert window.spreadsheets.template_action.text() == "Кесте &үлгісін сақтау…"
    asked: list[str] = []

    def save_file(_parent, caption: str, default_name: str, _filter: str = "") -> str:
        asked.append(default_name)
        return str(tmp_path / "үлгі")  # no suffix: a workbook

    monkeypatch.setattr(file_dialogs, "save_file", save_file)
    window.spreadsheets.template_action.trigger()
    written = tmp_path / "үлгі.xlsx"
    qtbot.waitUntil(lambda: context_idle(window) and bool(window.spreadsheets.last_message), timeout=10_000)
    assert asked == ["kzdesk-template-kk.xlsx"]
    assert str(written) in window.spreadsheets.last_message
    sheet = load_workbook(written).worksheets[0]
    assert [c.value for c in sheet[1]] == headers("kk")


def test_a_csv_name_gives_the_csv_template(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.spreadsheets.save_template(str(tmp_path / "template.csv"))
    qtbot.waitUntil(lambda: context_idle(window) and bool(window.spreadsheets.last_message), timeout=10_000)
    assert (tmp_path / "template.csv").read_bytes() == template("csv", "en")


def test_a_folder_that_is_gone_is_said_and_nothing_is_written(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.spreadsheets.save_template(str(tmp_path / "gone" / "template.xlsx"))
    qtbot.waitUntil(lambda: context_idle(window) and bool(window.spreadsheets.last_message), timeout=10_000)
    assert "does not exist" in window.spreadsheets.last_message and not (tmp_path / "gone").exists()
