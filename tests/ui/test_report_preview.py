"""Print case summary: built on the database thread, seen in the window, saved only when asked."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from kzdesk.ui.main_window import MainWindow

from .helpers import context_idle


def test_case_summary_preview_then_save(qtbot, month_context, tmp_path: Path) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    assert not window.case_action.isEnabled()  # nobody selected yet
    window.persons_tab.person_search.setText("айтбаев")
    qtbot.waitUntil(lambda: window.persons_tab.persons.rowCount() == 1, timeout=10_000)
    window.persons_tab.persons_view.selectRow(0)
    assert window.case_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.persons_tab.preview is not None and context_idle(window), timeout=20_000)
    preview = window.persons_tab.preview
    assert preview.windowTitle() == "kzdesk" and "not be encrypted" in preview.warning.text()
    assert len(preview.page_labels) >= 1 and not preview.page_labels[0].pixmap().isNull()
    before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    out = tmp_path / "айтбаев_іс.pdf"
    preview.save(str(out))
    qtbot.waitUntil(lambda: preview.saved_to is not None and context_idle(window), timeout=10_000)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Айтбаев Мұрат" in text and "Case summary" in text
    assert "/Metadata" not in PdfReader(out).trailer["/Root"]
    # Ticked, the box saves the archival form of the very pages shown.
    assert preview.archival_box.isVisible() and not preview.archival_box.isChecked()
    assert preview.archival_box.nextInFocusChain() is preview.save_button  # Tab goes as the row reads
    qtbot.mouseClick(preview.archival_box, Qt.MouseButton.LeftButton)
    archived = tmp_path / "айтбаев_іс_архив.pdf"
    preview.saved_to = None
    preview.save(str(archived))
    qtbot.waitUntil(lambda: preview.saved_to is not None and context_idle(window), timeout=10_000)
    reader = PdfReader(archived)
    assert b"<pdfaid:part>2</pdfaid:part>" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert "".join(page.extract_text() for page in reader.pages) == text
    after = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert set(after) - set(before) == {out.name, archived.name}  # nothing else was written on the way
    window.lock()
    assert window.persons_tab.preview is None or not window.persons_tab.preview.isVisible()
    assert not window.case_action.isEnabled()


def test_dashboard_shows_the_period_and_forgets_it_on_lock(qtbot, month_context) -> None:
    from kzdesk.ui.report_preview import ReportPreview

    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    board = window.dashboard
    board.start.setText("2021-12-01")
    board.end.setText("2021-12-31")
    window.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: board.pdf != b"" and context_idle(window), timeout=20_000)
    assert "Acts: 67" in board.summary.text() and len(board.page_labels) >= 2
    board.start.setText("2021-13-01")
    board.load()
    qtbot.waitUntil(lambda: "2021-13-01" in board.summary.text() and context_idle(window), timeout=10_000)
    board.save_button.click()
    preview = board.findChild(ReportPreview)
    assert preview is not None and not preview.archival_box.isVisible()  # the archival form is for case summaries
    window.lock()
    assert board.pdf == b"" and board.summary.text() == "" and not board.save_button.isEnabled()
    assert not any(d.isVisible() for d in window.findChildren(ReportPreview))
