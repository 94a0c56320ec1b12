"""Recovery shares and restoring, as a new user would meet them in the window: make the shares, print
them, forget the passphrase and come back with two of them; lose the laptop and restore a backup."""

from __future__ import annotations

import io
import zipfile
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWizard

from kzdesk.core.errors import PassphraseError
from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.reports.pdf import QrCode
from kzdesk.core.reports.qr import qr_modules
from kzdesk.core.reports.shares import qr_text
from kzdesk.core.reports.stats import vault_stats
from kzdesk.core.vault.backup_file import write_backup
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.recovery import recover_dek
from kzdesk.ui.main_window import MainWindow
from kzdesk.ui.recover_dialog import RecoverDialog
from kzdesk.ui.restore_dialog import RestoreDialog
from kzdesk.ui.shares_dialog import SharesDialog
from kzdesk.ui.unlock import UnlockDialog
from kzdesk.ui.wizard import FirstRunWizard

from ..vaults import DATA, PASSPHRASE, snapshot
from .helpers import context_idle, wizard_at_profile

NEW_PASSPHRASE = "жаңа құпия сөз, new words 7"


def painted(view) -> list[list[bool]]:
    """The modules as painted on screen: the colour at the centre of each module's square."""
    image = view.grab().toImage()
    left, top, box = view.module_box()
    size = len(view.modules)
    return [[QColor(image.pixel(left + c * box + box // 2, top + r * box + box // 2)).lightness() < 128
             for c in range(size)] for r in range(size)]


def test_shares_shown_printed_and_forgotten_on_lock(qtbot, month_context, tmp_path: Path) -> None:
    from pypdf import PdfReader

    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    dek = month_context.vault._dek
    window.safety.shares_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(SharesDialog, "recovery_shares") is not None, timeout=10_000)
    dialog = window.findChild(SharesDialog, "recovery_shares")
    assert dialog.windowTitle() == "kzdesk"
    assert "any two of them open the vault" in dialog.intro.text() and not dialog.save_button.isVisible()
    assert "not encrypted" in dialog.warning.text()
    shown = []
    for number in (1, 2, 3):
        dialog.next_button.click()
        assert dialog.heading.text() == f"Share {number} of 3" and dialog.save_button.isVisible()
        words = [dialog.findChild(type(dialog.heading), f"word_{n}").text() for n in range(1, 34)]
        assert [w.split(". ")[0].strip() for w in words] == [str(n) for n in range(1, 34)]
        share = " ".join(w.split(". ")[1] for w in words)
        shown.append(share)
        # The widget paints the matrix core computes, which is what the PDF's flowable draws.
        assert dialog.qr.modules == qr_modules(qr_text(share)) == QrCode(qr_text(share), 50).modules
        dialog.resize(900, 700)
        assert painted(dialog.qr) == dialog.qr.modules
    assert not dialog.next_button.isEnabled()
    assert len(set(shown)) == 3 and all(len(s.split()) == 33 for s in shown)
    for pair in combinations(shown, 2):
        assert recover_dek(list(pair)) == dek
    with pytest.raises(Exception, match="Two"):
        recover_dek(shown[:1])
    # Nothing is written unless asked: no file anywhere holds a share yet.
    def files_holding(share: str) -> list[Path]:
        forms = [share.encode(), qr_text(share).encode(), share.encode("utf-16-le")]
        return [p for p in tmp_path.rglob("*") if p.is_file() and any(f in p.read_bytes() for f in forms)]

    assert all(files_holding(share) == [] for share in shown)
    stick = tmp_path / "stick"
    stick.mkdir()
    for number in (1, 2, 3):
        dialog.save_pdf(number, str(stick / f"share-{number}.pdf"))
    qtbot.waitUntil(lambda: len(dialog.saved) == 3, timeout=20_000)
    assert "not encrypted" in dialog.warning.text()
    assert sorted(p.name for p in stick.iterdir()) == ["share-1.pdf", "share-2.pdf", "share-3.pdf"]
    for number, share in enumerate(shown, 1):
        pdf = PdfReader(stick / f"share-{number}.pdf")
        text = " ".join(page.extract_text() for page in pdf.pages)
        assert f"Recovery share {number} of 3" in text
        assert all(word in text.split() for word in share.split())
        others = [s for s in shown if s != share]
        assert not all(word in text.split() for word in set(others[0].split()) - set(share.split()))
    window.lock()
    qtbot.waitUntil(lambda: window.findChild(SharesDialog) is None, timeout=5_000)
    assert dialog.shares == [] if _alive(dialog) else True


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_shares_are_not_shown_when_locked_meanwhile(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    window.safety.show_shares()
    window.lock()  # before the worker has split the key
    qtbot.waitUntil(lambda: context_idle(window), timeout=10_000)
    assert window.findChild(SharesDialog) is None


def _open_recover(qtbot, context) -> tuple[UnlockDialog, RecoverDialog]:
    unlock = UnlockDialog(context)
    qtbot.addWidget(unlock)
    unlock.show()
    assert unlock.forgot.text() == "Forgot the passphrase?"
    unlock.forgot.click()
    recover = unlock.findChild(RecoverDialog, "recover_dialog")
    assert recover is not None and recover.isVisible()
    return unlock, recover


def _try(qtbot, recover: RecoverDialog, first: str, second: str) -> str:
    recover.share_edits[0].setPlainText(first)
    recover.share_edits[1].setPlainText(second)
    recover.ok.click()
    qtbot.waitUntil(lambda: not recover.working, timeout=10_000)
    return recover.message.text()


def test_forgot_passphrase_two_shares_and_a_new_one(qtbot, context, vault_path: Path, tmp_path: Path,
                                                    fast_kdf) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        shares = vault.recovery_shares()
    other = tmp_path / "other"
    with Vault.create(other, "another vault's passphrase", Profile("volunteer", "x", ""), kdf=floor_params()) as v:
        foreign = v.recovery_shares()
    context.vault_path = vault_path
    before = snapshot(vault_path)
    unlock, recover = _open_recover(qtbot, context)
    assert recover.ok.text().replace("&", "") == "Check the shares"
    assert _try(qtbot, recover, shares[0], "") == "Two recovery shares are needed."
    assert "same recovery share was given twice" in _try(qtbot, recover, shares[1], shares[1].upper())
    typo = shares[1].split()
    typo[7] = "academic" if typo[7] != "academic" else "acid"
    assert "do not fit together" in _try(qtbot, recover, shares[0], " ".join(typo))
    assert "do not open the vault" in _try(qtbot, recover, foreign[0], foreign[1])
    assert context.vault is None and recover.stack.currentIndex() == 0
    assert snapshot(vault_path) == before  # nothing changed by any of it
    # The right shares, one typed and one loaded from the text file `kzdesk recovery-shares --out` wrote.
    paper = tmp_path / "share-3.txt"
    paper.write_text(shares[2] + "\n", encoding="utf-8")
    recover.load_file(recover.share_edits[1], paper)
    assert recover.share_edits[1].toPlainText() == shares[2]
    assert _try(qtbot, recover, shares[0], recover.share_edits[1].toPlainText()) == ""
    assert recover.stack.currentIndex() == 1 and recover.share_edits[0].toPlainText() == ""
    assert not recover.ok.isEnabled() and recover.ok.text().replace("&", "") == "Set the new passphrase"
    page = recover.passphrase_page
    page.first.setText(NEW_PASSPHRASE)
    page.second.setText(NEW_PASSPHRASE + "!")
    assert not recover.ok.isEnabled() and "differ" in page.strength.text()
    page.second.setText(NEW_PASSPHRASE)
    assert recover.ok.isEnabled()
    with qtbot.waitSignal(unlock.accepted, timeout=20_000):  # continues as an ordinary unlock
        recover.ok.click()
    assert context.vault is not None and context.vault.profile.display_name == "Айгүл"
    assert page.first.text() == "" and page.second.text() == ""
    context.vault.close()
    context.vault = None
    Vault.open(vault_path, NEW_PASSPHRASE).close()
    with pytest.raises(PassphraseError):
        Vault.open(vault_path, PASSPHRASE)


def test_recovery_cancelled_after_the_shares_changes_nothing(qtbot, context, vault_path: Path, tmp_path: Path,
                                                             fast_kdf) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        shares = vault.recovery_shares()
    context.vault_path = vault_path
    before = snapshot(vault_path)
    unlock, recover = _open_recover(qtbot, context)
    not_a_share = tmp_path / "photo.txt"
    not_a_share.write_bytes(b"\xff\xd8\xff" * 10)
    recover.load_file(recover.share_edits[0], not_a_share)
    assert "does not hold a recovery share" in recover.message.text()
    assert _try(qtbot, recover, shares[1], shares[2]) == ""
    assert recover.vault is not None
    opened = recover.vault
    recover.reject()
    qtbot.waitUntil(lambda: context.tasks.pending == 0, timeout=10_000)
    assert opened._dek == b"" and context.vault is None and not unlock.result()
    assert snapshot(vault_path) == before
    Vault.open(vault_path, PASSPHRASE).close()


def _backup_of_month(vault_path: Path, out: Path) -> dict[str, object]:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        import_csv(vault, DATA / "monitoring_2021_12.csv")
        write_backup(vault, out)
        with vault.engine.connect() as conn:
            return vault_stats(conn).to_json()


def _restore(qtbot, dialog: RestoreDialog, source: Path, secret: str) -> str:
    dialog.file.setText(str(source))
    dialog.passphrase.setText(secret)
    dialog.ok.click()
    qtbot.waitUntil(lambda: not _alive(dialog) or not dialog.working, timeout=20_000)
    return dialog.message.text() if _alive(dialog) else ""


def test_first_run_restores_a_backup_into_the_window(qtbot, context, vault_path: Path, tmp_path: Path) -> None:
    backup = tmp_path / "stick" / "vault.kzbackup"
    backup.parent.mkdir()
    before = _backup_of_month(vault_path, backup)
    context.vault_path = target = tmp_path / "new-laptop" / "vault"
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    restore_button = wizard.button(QWizard.WizardButton.CustomButton1)
    assert restore_button.isVisible() and restore_button.text() == "Restore from a backup file…"
    restore_button.click()
    dialog = wizard.findChild(RestoreDialog, "restore_dialog")
    assert dialog is not None and dialog.isVisible()
    dialog.ok.click()
    assert dialog.message.text() == "Choose the backup file first."

    def empty() -> bool:
        return not target.exists() or not any(target.iterdir())

    garbage = tmp_path / "stick" / "notes.zip"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    assert "not a kzdesk backup" in _restore(qtbot, dialog, garbage, PASSPHRASE) and empty()
    assert dialog.passphrase.text() == ""  # never left in the field after a try
    assert "did not open the backup" in _restore(qtbot, dialog, backup, "not the passphrase") and empty()
    damaged = tmp_path / "stick" / "damaged.kzbackup"
    damaged.write_bytes(_damaged(backup.read_bytes()))
    assert "backup is damaged" in _restore(qtbot, dialog, damaged, PASSPHRASE) and empty()
    assert context.vault is None and wizard.isVisible()
    with qtbot.waitSignal(wizard.accepted, timeout=20_000):
        _restore(qtbot, dialog, backup, PASSPHRASE)
    assert context.vault is not None and not wizard.shares_wanted
    window = MainWindow(context)  # what app.main shows next
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.records_tab.model.total == 75 and context_idle(window), timeout=10_000)
    with context.vault.engine.connect() as conn:
        assert vault_stats(conn).to_json() == before


def _damaged(data: bytes) -> bytes:
    """The same backup with a few bytes of one database page changed (the page's MAC no longer fits)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    database = bytearray(members["kzdesk.db"])
    offset = 4096 * 3 + 500
    database[offset:offset + 8] = bytes(b ^ 0xFF for b in database[offset:offset + 8])
    members["kzdesk.db"] = bytes(database)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_first_run_offers_recovery_shares_last(qtbot, context, fast_kdf) -> None:
    wizard = wizard_at_profile(qtbot, context)
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()  # the shares page may be skipped
    wizard.next()
    assert wizard.currentPage() is wizard.shares_page and wizard.shares_page.wanted.isChecked()
    assert "File → Recovery shares" in wizard.shares_page.text.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: context.vault is not None, timeout=20_000)
    assert wizard.shares_wanted
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.safety.show_shares()  # what app.main does when the box was left ticked
    qtbot.waitUntil(lambda: window.findChild(SharesDialog) is not None, timeout=10_000)
    window.findChild(SharesDialog).close()
    qtbot.waitUntil(lambda: window.findChild(SharesDialog) is None, timeout=5_000)


def test_recovery_dialogs_speak_russian_and_kazakh(qtbot, month_context, vault_path: Path) -> None:
    for lang, forgot in (("ru", "Забыли парольную фразу?"), ("kk", "Құпия фразаны ұмыттыңыз ба?")):
        month_context.translations.apply(lang)
        unlock = UnlockDialog(month_context)
        qtbot.addWidget(unlock)
        assert unlock.forgot.text() == forgot
        dialog = SharesDialog(unlock, month_context, ["one two", "three four", "five six"])
        assert "33" in dialog.intro.text() and "Recovery" not in dialog.heading.text()
        recover = RecoverDialog(month_context, unlock)
        assert recover.ok.text() != "&Check the shares" and recover.intro.text()
        restore = RestoreDialog(month_context, unlock)
        assert restore.ok.text() != "&Restore"
