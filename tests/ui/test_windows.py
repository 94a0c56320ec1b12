"""The real windows, driven as a user would (offscreen): wizard, unlock, list, search, persons, lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWizard

from kzdesk.core.vault.kdf import floor_params
from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.unlock import UnlockDialog
from kzdesk.ui.wizard import FirstRunWizard

from ..vaults import PASSPHRASE
from .helpers import context_idle


def test_first_run_wizard_creates_the_vault(qtbot, context, monkeypatch) -> None:
    import kzdesk.core.vault.vault as vault_module

    monkeypatch.setattr(vault_module, "calibrate", floor_params)
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.passphrase_page
    page.first.setText("қысқа")
    assert not page.isComplete() and "short" in page.strength.text()
    page.first.setText("Жаңа өмір басталды 2021")
    page.second.setText("Жаңа өмір басталды 2022")
    assert not page.isComplete() and "differ" in page.strength.text()
    page.second.setText("Жаңа өмір басталды 2021")
    assert page.isComplete() and "Strength" in page.strength.text()
    assert "lost" in page.warning.text()
    wizard.next()
    wizard.profile_page.name.setText("Айгүл")
    wizard.profile_page.city.setEditText("Орал")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: context.vault is not None, timeout=20_000)
    assert context.vault.profile.display_name == "Айгүл" and context.vault.profile.city == "Орал"
    assert (context.vault_path / "vault.json").exists()
    assert page.first.text() == "" and page.second.text() == ""  # the passphrase does not linger in widgets


def test_unlock_dialog_wrong_then_right(qtbot, context, vault_path: Path) -> None:
    context.vault_path = vault_path
    dialog = UnlockDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.passphrase.setText("not the passphrase")
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "did not open" in dialog.ui.message.text(), timeout=10_000)
    assert context.vault is None and dialog.ui.passphrase.text() == ""
    dialog.ui.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.ui.passphrase, Qt.Key.Key_Return)
    assert context.vault is not None


def wait_loaded(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)


def test_records_list_search_in_any_case(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.records_tab.model.total == 75, timeout=10_000)
    assert window.windowTitle() == "kzdesk"
    window.records_tab.search.setText("ЖАҚСЫЛЫҚОВ")  # typed in capitals; stored as Жақсылықов
    qtbot.waitUntil(lambda: window.records_tab.model.total == 1, timeout=10_000)
    persons = window.records_tab.model.data(window.records_tab.model.index(0, 2))
    assert "Жақсылықов Ерлан" in persons and "Серікбаева Айгүл" in persons
    window.records_tab.search.setText("zhaksylykov")
    qtbot.waitUntil(lambda: window.records_tab.model.total == 1 and context_idle(window), timeout=10_000)
    window.records_tab.search.setText("")
    window.records_tab.act_type.setCurrentIndex(window.records_tab.act_type.findData("administrative_arrest"))
    qtbot.waitUntil(lambda: 0 < window.records_tab.model.total < 75 and context_idle(window), timeout=10_000)
    assert all("arrest" in window.records_tab.model.data(window.records_tab.model.index(r, 3)).lower()
               for r in range(window.records_tab.model.rowCount()))
    assert window.windowTitle() == "kzdesk"


def test_persons_chronology(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    window.persons_tab.person_search.setText("айтбаев")
    qtbot.waitUntil(lambda: window.persons_tab.persons.rowCount() == 1, timeout=10_000)
    window.persons_tab.persons_view.selectRow(0)
    qtbot.waitUntil(lambda: window.persons_tab.chronology.rowCount() == 4, timeout=10_000)
    acts = {window.persons_tab.chronology.data(window.persons_tab.chronology.index(r, 3)) for r in range(4)}
    assert acts == {"", "174", "256", "405.2"}


def test_lock_clears_everything_and_unlock_needs_the_passphrase(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.records_tab.model.total == 75, timeout=10_000)
    vault = month_context.vault
    # A shortcut fires only in the active window; a window left by an earlier test may hold that.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert month_context.vault is None
    assert window.records_tab.model.rowCount() == 0 and window.persons_tab.persons.rowCount() == 0
    assert window.stack.currentWidget() is window.locked
    qtbot.waitUntil(lambda: vault._dek == b"", timeout=10_000)  # engine disposed, key forgotten
    window.locked.passphrase.setText("wrong")
    window.locked.button.click()
    qtbot.waitUntil(lambda: "did not open" in window.locked.message.text(), timeout=10_000)
    assert window.stack.currentWidget() is window.locked
    window.locked.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(window.locked.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.records_tab.model.total == 75, timeout=10_000)
    assert window.stack.currentWidget() is window.tabs


def test_idle_lock(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    assert window.idle.timer.interval() == 5 * 60_000  # the default: five minutes
    window.idle.timer.start(50)
    qtbot.waitUntil(lambda: month_context.vault is None, timeout=5_000)
    assert window.stack.currentWidget() is window.locked


@pytest.mark.parametrize("model_name", ["records", "persons", "chronology", "conflicts", "duplicates"])
def test_item_models(qtbot, qtmodeltester, month_context, model_name: str) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.records_tab.model.total == 75 and context_idle(window), timeout=10_000)
    window.tabs.setCurrentIndex(1)  # the persons list loads when it is looked at
    qtbot.waitUntil(lambda: window.persons_tab.persons.rowCount() == 42, timeout=10_000)
    if model_name == "chronology":
        window.persons_tab.chronology.show_person(window.persons_tab.persons.rows[0].uuid)
        qtbot.waitUntil(lambda: window.persons_tab.chronology.rowCount() > 0, timeout=10_000)
    if model_name in ("conflicts", "duplicates"):
        window.tabs.setCurrentIndex(2 if model_name == "conflicts" else 3)
        qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    models = {"records": window.records_tab.model, "persons": window.persons_tab.persons,
              "chronology": window.persons_tab.chronology, "conflicts": window.conflicts_tab.model,
              "duplicates": window.duplicates_page.model}
    qtmodeltester.check(models[model_name])


def test_language_switch_at_run_time(qtbot, month_context, settings_file: Path) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.set_language("kk")
    assert window.tabs.tabText(0) != "Records"
    header = window.records_tab.model.headerData(0, Qt.Orientation.Horizontal)
    assert header != "Date"
    window.set_language("ru")
    assert window.tabs.tabText(1) == "Лица"
    window.set_language("en")
    assert window.tabs.tabText(0) == "Records"
    keys = QSettings(str(settings_file), QSettings.Format.IniFormat).allKeys()
    assert set(keys) <= {"ui/language", "security/idle_lock_minutes", "ui/geometry"}


def test_settings_hold_nothing_sensitive(qtbot, month_context, settings_file: Path) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.records_tab.search.setText("Жақсылықов")
    qtbot.waitUntil(lambda: window.records_tab.model.total == 1, timeout=10_000)
    window.close()
    text = settings_file.read_bytes() if settings_file.exists() else b""
    for secret in ("Жақсылықов".encode(), PASSPHRASE.encode(), str(month_context.vault_path).encode(),
                   json.dumps("Жақсылықов").encode()):
        assert secret not in text


def test_idle_minutes_are_a_setting(qtbot, month_context, settings_file: Path) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.set_idle_minutes(2)
    assert window.idle.timer.interval() == 2 * 60_000
    assert QSettings(str(settings_file), QSettings.Format.IniFormat).value("security/idle_lock_minutes") in (2, "2")
    window.set_idle_minutes(0)
    assert not window.idle.timer.isActive()


def test_dates_and_numbers_in_the_locale(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.set_language("ru")
    window.records_tab.search.setText("Өтепов")
    qtbot.waitUntil(lambda: window.records_tab.model.total == 1 and context_idle(window), timeout=10_000)
    assert window.records_tab.model.data(window.records_tab.model.index(0, 0)) == "10.12.2021"
    assert window.records_tab.model.data(window.records_tab.model.index(0, 5)) == "145\u00a0850\u00a0₸"
    window.set_language("en")


def test_wizard_speaks_the_chosen_language(qtbot, context) -> None:
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.language_page.findChild(type(wizard.language_page.group.buttons()[0]), "language_kk").click()
    qtbot.waitUntil(lambda: wizard.language_page.title() == "Тіл", timeout=5_000)
    wizard.next()
    assert wizard.passphrase_page.title() != "Passphrase"
    assert "қойма" in wizard.passphrase_page.warning.text().lower() or "құпия" in wizard.passphrase_page.warning.text()
    from kzdesk.ui.settings import LANGUAGE

    assert context.settings.get(LANGUAGE) == "kk"  # the next start opens in Kazakh


def test_restart_in_kazakh(qtbot, qapp, settings_file: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from kzdesk.core.i18n import language
    from kzdesk.ui.settings import LANGUAGE, Settings
    from kzdesk.ui.translations import Translations

    Settings(QSettings(str(settings_file), QSettings.Format.IniFormat)).set(LANGUAGE, "kk")
    stored = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat)).get(LANGUAGE)
    translations = Translations(qapp)
    translations.apply(stored)  # what app.main() does at start
    try:
        assert language() == "kk"
        assert QCoreApplication.translate("MainWindow", "Records") == "Жазбалар"
    finally:
        translations.apply("en")


def test_coordinator_imports_bundles_and_resolves_a_conflict(qtbot, context, tmp_path: Path) -> None:
    from kzdesk.core.exchange import trust
    from kzdesk.core.exchange.card import Card
    from kzdesk.core.exchange.exporting import export_bundle
    from kzdesk.core.exchange.importing import import_bundles
    from kzdesk.core.exchange.own import own_card
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    def vault(name: str, role: str) -> Vault:
        return Vault.create(tmp_path / name, PASSPHRASE, Profile(role, name, ""), kdf=floor_params())

    def introduce(a: Vault, b: Vault) -> None:
        with a.transaction() as conn:
            trust.add(conn, Card.parse(own_card(b).export(b.identity)), a.identity.key_id)

    volunteer, other = vault("volunteer", "volunteer"), vault("other", "coordinator")
    context.vault_path = tmp_path / "coordinator"
    context.vault = vault("coordinator", "coordinator")
    for a, b in ((volunteer, context.vault), (volunteer, other), (context.vault, volunteer), (other, volunteer),
                 (context.vault, other), (other, context.vault)):
        introduce(a, b)
    changes = volunteer.changeset()
    person = changes.create("person", {"name": "Ли Анна", "name_key": "ли анна"})
    volunteer.commit(changes)
    export_bundle(volunteer, tmp_path / "v.kzb")
    import_bundles(other, [tmp_path / "v.kzb"])
    with other.transaction() as conn:
        edit = other.changeset()
        edit.update(conn, "person", person, {"occupation": "блогер"})
        other.commit(edit, conn)
    export_bundle(other, tmp_path / "o.kzb")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    stick = tmp_path / "stick"
    stick.mkdir()
    window.bundles.import_folder(str(stick))  # nothing there yet: a plain warning, nothing imported
    assert window.bundles.import_report == []
    (tmp_path / "v.kzb").rename(stick / "v.kzb")
    window.bundles.import_folder(str(stick))
    qtbot.waitUntil(lambda: len(window.bundles.import_report) == 1 and context_idle(window), timeout=10_000)
    assert window.bundles.import_report[0].status == "merged"
    with context.vault.transaction() as conn:
        edit = context.vault.changeset()
        edit.update(conn, "person", person, {"occupation": "журналист"})
        context.vault.commit(edit, conn)
    window.bundles.import_files([str(tmp_path / "o.kzb")])
    qtbot.waitUntil(lambda: len(window.bundles.import_report) == 1 and context_idle(window), timeout=10_000)
    assert "merged" in window.bundles.last_message
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: window.conflicts_tab.model.rowCount() == 1, timeout=10_000)
    assert "журналист" in window.conflicts_tab.model.data(window.conflicts_tab.model.index(0, 3))
    window.conflicts_tab.resolve(window.conflicts_tab.model.rows[0].id, "журналист, блогер")
    qtbot.waitUntil(lambda: window.conflicts_tab.model.rowCount() == 0 and context_idle(window), timeout=10_000)
    window.bundles.export_to(str(tmp_path / "out.kzb"))
    qtbot.waitUntil(lambda: (tmp_path / "out.kzb").exists() and context_idle(window), timeout=10_000)
    assert not (tmp_path / "out.kzb").read_bytes().count("журналист".encode())
    written = int(window.bundles.last_message.split(":")[1].split()[0])  # "Bundle 1 written: N records."
    operation = window.bundles.operation
    assert written > 1 and operation.total == written + 1  # one step per record, one for the encryption
    window.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert window.duplicates_page.model.rowCount() == 0
    for v in (volunteer, other):
        v.close()
