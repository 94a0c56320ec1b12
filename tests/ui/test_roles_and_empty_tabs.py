"""The File menu follows the vault's role (known once it is unlocked); empty tabs say what they are for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kzdesk.core.model.vault import Vault
from kzdesk.ui.main_window import CONFLICTS, DUPLICATES, MainWindow

from ..vaults import PASSPHRASE, make_vault
from .helpers import context_idle


def shown(window: MainWindow) -> list[str]:
    return [a.text() for a in window.file_menu.actions() if a.isVisible() and not a.isSeparator()]


def test_a_volunteer_file_menu_offers_what_a_volunteer_does(qtbot, context, vault_path: Path) -> None:
    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)  # a volunteer's vault
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    items = shown(window)
    assert "&Export a bundle for the coordinator…" in items
    assert window.receipts.purge_action.text() in items
    for action in (window.bundles.import_action, window.bundles.folder_action, window.receipts.write_action):
        assert action.text() not in items


def test_a_coordinator_file_menu_changes_on_unlock(qtbot, context, tmp_path: Path) -> None:
    make_vault(tmp_path / "coordinator", "coordinator", "Бақыт").close()
    context.vault_path = tmp_path / "coordinator"
    window = MainWindow(context)  # locked: the role is not known yet
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.locked.passphrase, "pass phrase")
    qtbot.keyClick(window.locked.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: context.vault is not None and context_idle(window), timeout=10_000)
    items = shown(window)
    for action in (window.bundles.import_action, window.bundles.folder_action, window.receipts.write_action):
        assert action.text() in items
    assert window.receipts.purge_action.text() not in items
    assert "&Export a bundle for the coordinator…" not in items  # a coordinator sends to the other coordinators
    assert window.bundles.export_action.text() in items


def test_empty_tabs_say_what_they_are_for(qtbot, context, vault_path: Path) -> None:
    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)  # nothing recorded yet
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: context_idle(window) and window.records_empty.isVisible(), timeout=10_000)
    assert "No records yet" in window.records_empty.text() and "Ctrl+N" in window.records_empty.text()
    window.tabs.setCurrentIndex(CONFLICTS)
    qtbot.waitUntil(lambda: context_idle(window) and window.conflicts_tab.empty.isVisible(), timeout=10_000)
    assert window.conflicts_tab.empty.text().startswith("No conflicts.")
    window.tabs.setCurrentIndex(DUPLICATES)
    empty = window.duplicates_page.empty
    qtbot.waitUntil(lambda: context_idle(window) and empty.isVisible(), timeout=10_000)
    assert "No probable duplicates" in empty.text()
    window.set_language("kk")
    assert empty.isVisible() and "No probable duplicates" not in empty.text()
    window.set_language("en")


def test_a_search_that_finds_nothing_says_so(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.records_tab.model.total == 75 and context_idle(window), timeout=10_000)
    assert not window.records_empty.isVisible()
    window.records_tab.search.setText("zzqqxx")
    qtbot.waitUntil(lambda: window.records_tab.model.total == 0 and context_idle(window), timeout=10_000)
    assert window.records_empty.isVisible() and "No record matches" in window.records_empty.text()
    window.lock()
    assert not window.records_empty.isVisible()
