"""The window's strength meter gives the core's verdict, the one `kzdesk init`, `passwd` and `recover` give:
in the first-run wizard, File → Change passphrase… and the recovery dialog, with real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget, QWizard

from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.strength import HINT_PERSONAL, judge
from kzdesk.ui.passphrase_change import PassphraseChangeDialog
from kzdesk.ui.recover_dialog import RecoverDialog
from kzdesk.ui.unlock import UnlockDialog
from kzdesk.ui.wizard import FirstRunWizard

from ..vaults import PASSPHRASE, snapshot

STRONG = "тұман қасқыр виолончель 47 зонтик"
WEAK = ["x", "abc", "йцукенгш", "йцукен123", "qwerty123", "12345678"]
OWNER = ("Айгүл", "Oral")  # the profile of the `vault_path` fixture
OWNERS_OWN = "aigul oral 2024"  # long enough for the old meter, guessable for anyone who knows her


def _type(page, first: str, second: str | None = None) -> None:
    page.first.setText(first)
    page.second.setText(first if second is None else second)


def _wizard_at_passphrase(qtbot, context) -> FirstRunWizard:
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentPage() is wizard.passphrase_page
    return wizard


def test_the_wizards_meter_shows_the_cores_verdict(qtbot, context) -> None:
    wizard = _wizard_at_passphrase(qtbot, context)
    page, next_button = wizard.passphrase_page, wizard.button(QWizard.WizardButton.NextButton)
    for weak in WEAK:
        _type(page, weak)
        verdict = judge(weak)
        assert not verdict.accepted
        assert page.strength.text() == verdict.text() and page.meter.value() == verdict.score
        assert not page.isComplete() and not next_button.isEnabled()
    _type(page, STRONG)
    assert page.strength.text() == judge(STRONG).text() == "Strength: strong." and page.meter.value() == 4
    assert page.isComplete() and next_button.isEnabled()
    # In Russian, the same verdict in Russian, never zxcvbn's English.
    context.translations.apply("ru")
    _type(page, "йцукен123")
    assert page.strength.text() == judge("йцукен123").text("ru")
    assert page.strength.text().startswith("Слишком легко подобрать.")


def test_the_wizard_judges_the_passphrase_again_with_the_name_and_city(qtbot, context, monkeypatch) -> None:
    import kzdesk.core.vault.vault as vault_module
    from kzdesk.core.vault.kdf import floor_params

    monkeypatch.setattr(vault_module, "calibrate", floor_params)
    wizard = _wizard_at_passphrase(qtbot, context)
    page = wizard.passphrase_page
    _type(page, "Айгүл Орал 2021")
    assert page.isComplete()  # nothing on this page says who she is yet
    wizard.next()
    wizard.profile_page.name.setText("Айгүл")
    wizard.profile_page.city.setEditText("Орал")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    # Back to the passphrase, which the meter now refuses, saying why; nothing was created or started.
    assert wizard.currentPage() is page and wizard.isVisible()
    assert "too easy to guess" in wizard.status.text()
    verdict = judge("Айгүл Орал 2021", ("Айгүл", "Орал"))
    assert page.strength.text() == verdict.text() and verdict.hints[0] == HINT_PERSONAL
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert context.tasks.pending == 0 and context.vault is None and not context.vault_path.exists()
    # A passphrase of her own choosing, not of her own name: created.
    _type(page, STRONG)
    assert wizard.status.text() == ""
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: context.vault is not None, timeout=20_000)
    assert context.vault.profile.display_name == "Айгүл"


def _change_dialog(qtbot, context, vault_path: Path) -> tuple[QWidget, PassphraseChangeDialog]:
    context.vault_path = vault_path
    context.vault = Vault.open(vault_path, PASSPHRASE)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = PassphraseChangeDialog(parent, context)
    dialog.show()
    return parent, dialog  # the caller keeps the parent, which owns the dialog


@pytest.mark.parametrize("weak", ["йцукен123", OWNERS_OWN])
def test_change_passphrase_refuses_what_the_command_line_refuses(qtbot, context, vault_path: Path,
                                                                 weak: str) -> None:
    before = snapshot(vault_path)
    _parent, dialog = _change_dialog(qtbot, context, vault_path)
    page = dialog.passphrase_page
    _type(page, weak)
    verdict = judge(weak, OWNER)
    assert not verdict.accepted and page.strength.text() == verdict.text()
    assert not dialog.save.isEnabled()
    dialog.change()  # even called directly, nothing happens
    assert not dialog.working
    _type(page, STRONG)
    assert page.strength.text() == judge(STRONG, OWNER).text() and dialog.save.isEnabled()
    dialog.reject()
    context.vault.close()
    context.vault = None
    assert snapshot(vault_path) == before


def test_the_recovery_dialog_judges_with_the_owner_of_the_recovered_vault(qtbot, context, vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        shares = vault.recovery_shares()
    context.vault_path = vault_path
    unlock = UnlockDialog(context)
    qtbot.addWidget(unlock)
    unlock.show()
    unlock.forgot.click()
    recover = unlock.findChild(RecoverDialog, "recover_dialog")
    recover.share_edits[0].setPlainText(shares[0])
    recover.share_edits[1].setPlainText(shares[1])
    recover.ok.click()
    qtbot.waitUntil(lambda: recover.vault is not None, timeout=10_000)
    page = recover.passphrase_page
    _type(page, OWNERS_OWN)
    assert page.strength.text() == judge(OWNERS_OWN, OWNER).text() and not recover.ok.isEnabled()
    assert HINT_PERSONAL in judge(OWNERS_OWN, OWNER).hints
    _type(page, STRONG)
    assert recover.ok.isEnabled()
    recover.reject()
    qtbot.waitUntil(lambda: context.tasks.pending == 0, timeout=10_000)
