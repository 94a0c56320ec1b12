"""Every file dialog of kzdesk, answered in a folder named like a volunteer's USB stick, leaves that
folder in no file: not in Qt's QtProject settings (history, lastVisited, sidebar), not in kzdesk's
settings, not anywhere under HOME or the XDG folders.

The dialogs are the real ones, opened from the real menus and buttons; what a dialog hands on (the
export, the import, the backup…) is recorded instead of done: those steps have their own tests, this
one is about what the dialogs themselves remember.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtCore import QDir, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit

from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.layout import DATABASE_FILE
from kzdesk.ui.context import AppContext
from kzdesk.ui.settings import Settings
from kzdesk.ui.tasks import Tasks
from kzdesk.ui.translations import Translations

from ..vaults import PASSPHRASE

SURNAME = "Жанболатов"


@pytest.fixture
def qt_places(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """HOME and the config folder of this test, for Qt as well as for the environment."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    config = tmp_path / "xdg-config"  # XDG_CONFIG_HOME, set by the shared conftest
    # Qt reads XDG_CONFIG_HOME once per process: point its per-user settings here for this test.
    previous = Path(QSettings(QSettings.Scope.UserScope, "QtProject").fileName()).parent
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(config))
    try:
        yield home, config
    finally:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(previous))


@pytest.fixture
def window_context(qapp, tmp_path: Path, vault_path: Path) -> Iterator[AppContext]:
    translations = Translations(qapp)
    translations.apply("en")
    store = QSettings(str(tmp_path / "settings" / "kzdesk.ini"), QSettings.Format.IniFormat)
    context = AppContext(vault_path, Settings(store), Tasks(), translations)
    context.vault = Vault.open(vault_path, PASSPHRASE)
    yield context
    if context.vault is not None:
        context.vault.close()
    context.tasks.shutdown()


class User:
    """Answers kzdesk's file dialogs by hand: opens the stick's folder, picks a file there, or cancels."""

    def __init__(self, qtbot, folder: Path) -> None:
        self.qtbot, self.folder = qtbot, folder
        self.titles: list[str] = []
        self.started_in: list[str] = []  # the folder each dialog showed first
        self.histories: list[list[str]] = []

    def answer(self, trigger: Callable[[], object], name: str = "", cancel: bool = False) -> None:
        answered: list[bool] = []
        timer = QTimer()
        timer.setInterval(10)

        def look() -> None:
            modal = QApplication.activeModalWidget()
            if isinstance(modal, QInputDialog):  # the coordinator's "Receipt for which volunteer?"
                modal.accept()
                return
            if not isinstance(modal, QFileDialog) or not modal.isVisible():
                return  # not up yet (some dialogs wait for the database thread)
            timer.stop()
            self.titles.append(modal.windowTitle())
            self.started_in.append(modal.directory().absolutePath())
            self.histories.append(list(modal.history()))
            modal.setDirectory(str(self.folder))  # what a double-click on the folder does
            if cancel:
                modal.reject()
            else:
                if name:  # typed into the file name box
                    modal.findChild(QLineEdit, "fileNameEdit").setText(name)
                modal.accept()
            answered.append(True)

        timer.timeout.connect(look)
        timer.start()
        trigger()
        self.qtbot.waitUntil(lambda: bool(answered), timeout=20_000)
        timer.stop()


def canary_forms(canary: str) -> list[bytes]:
    return [canary.encode(), canary.encode("utf-16-le"), SURNAME.encode(), SURNAME.encode("utf-16-le"),
            quote(SURNAME).encode()]


def qtproject_values() -> str:
    store = QSettings(QSettings.Scope.UserScope, "QtProject")
    return repr({key: store.value(key) for key in store.allKeys()})


def test_no_file_dialog_leaves_the_folder_it_was_answered_in(qtbot, qt_places, window_context, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from kzdesk.ui.main_window import MainWindow
    from kzdesk.ui.recover_dialog import RecoverDialog
    from kzdesk.ui.report_preview import ReportPreview
    from kzdesk.ui.restore_dialog import RestoreDialog
    from kzdesk.ui.shares_dialog import SharesDialog

    from ..ui.helpers import open_editor, unlock_damaged
    from ..vaults import introduce, make_vault

    home, config = qt_places
    canary = f"KZCANARY{uuid.uuid4().hex[:12]}"
    stick = tmp_path / "media" / f"usb-{canary}-{SURNAME}"
    stick.mkdir(parents=True)
    for name in ("bundle-in.kzb", "receipt-in.kzr", "ruling.jpg", "share-1.txt", "vault-in.kzbackup", "month.csv"):
        (stick / name).write_bytes(b"the user's own file")
    context = window_context
    other = make_vault(tmp_path / "other-volunteer", "volunteer", "Ерлан")
    introduce(context.vault, other)  # so the coordinator's receipt has a volunteer to be for
    other.close()

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    handed: dict[str, object] = {}

    def record(key: str) -> Callable[..., None]:
        return lambda *args: handed.__setitem__(key, args[-1])

    for target, method in ((window.bundles, "export_to"), (window.bundles, "import_files"),
                           (window.bundles, "import_folder"), (window.receipts, "write_for"),
                           (window.receipts, "check"), (window.safety, "backup_to")):
        monkeypatch.setattr(target, method, record(method))
    user = User(qtbot, stick)

    # Several in a row, from the File menu: the first cancelled after opening the stick.
    user.answer(window.spreadsheets.import_action.trigger, cancel=True)
    user.answer(window.bundles.export_action.trigger, "bundle.kzb")
    user.answer(window.bundles.import_action.trigger, "bundle-in.kzb")
    user.answer(window.bundles.folder_action.trigger)
    user.answer(window.receipts.write_action.trigger, "receipt.kzr")
    user.answer(window.receipts.purge_action.trigger, "receipt-in.kzr")
    user.answer(window.safety.backup_action.trigger, "vault.kzbackup")

    editor = open_editor(qtbot, window)
    monkeypatch.setattr(editor, "attach_file", record("attach_file"))
    user.answer(editor.ui.addAttachment.click, "ruling.jpg")

    preview = ReportPreview(window, context, b"%PDF-1.4", [], "case-summary.pdf")  # deletes itself on close
    monkeypatch.setattr(preview, "save", record("save_report"))
    preview.show()
    user.answer(preview.save_button.click, "case-summary.pdf")

    # These three delete themselves when closed, so the test closes them rather than qtbot.
    shares = SharesDialog(window, context, ["alpha beta gamma", "delta epsilon zeta", "eta theta iota"])
    monkeypatch.setattr(shares, "save_pdf", record("save_pdf"))
    shares.show()
    shares.show_page(1)
    user.answer(shares.save_button.click, "share-1.pdf")

    recover = RecoverDialog(context)
    monkeypatch.setattr(recover, "load_file", record("load_file"))
    recover.show()
    user.answer(recover.load_buttons[0].click, "share-1.txt")

    restore = RestoreDialog(context)
    restore.show()
    user.answer(restore.choose.click, "vault-in.kzbackup")
    handed["restore_file"] = restore.file.text()

    # The unlock window of a damaged vault with no copy asks for a backup file; cancelled.
    Vault.create(tmp_path / "damaged-vault", PASSPHRASE, Profile("volunteer", "Айгүл", ""), kdf=floor_params()).close()
    db = tmp_path / "damaged-vault" / DATABASE_FILE
    db.write_bytes(db.read_bytes()[:4096] + bytes(4096) + db.read_bytes()[8192:])
    unlock_context = AppContext(tmp_path / "damaged-vault", context.settings, context.tasks, context.translations)
    unlock = unlock_damaged(qtbot, unlock_context, tmp_path / "damaged-vault")
    user.answer(unlock.repair_button.click, cancel=True)

    qtbot.waitUntil(lambda: context.tasks.pending == 0, timeout=10_000)
    for widget in (editor, preview, shares, recover, restore, unlock, window):
        widget.close()

    # Nothing under this test's folders (HOME, XDG config/data/cache, TMPDIR, settings, vaults) holds
    # the stick's name, apart from the stick itself.
    swept = []
    for path in sorted(tmp_path.rglob("*")):
        if not path.is_file() or stick in path.parents:
            continue
        swept.append(path.relative_to(tmp_path))
        data = path.read_bytes()
        for form in canary_forms(canary):
            assert form not in data, f"{form!r} in {path.relative_to(tmp_path)}"
    assert canary not in qtproject_values() and SURNAME not in qtproject_values()
    assert Path("settings/kzdesk.ini") in swept or not (tmp_path / "settings" / "kzdesk.ini").exists()
    assert Path("vault") / DATABASE_FILE in swept  # the sweep did look where kzdesk writes
    assert not (config / "QtProject.conf").exists()  # there was none; kzdesk added none

    # Every dialog was really answered in the stick, with its own title.
    assert user.titles == [
        "Import spreadsheet", "Export a bundle", "Import bundles", "Import every bundle in a folder",
        "Save the receipt", "Open the coordinator's receipt", "Back up the vault", "Attach a file",
        "Save the report", "Save share 1 as PDF", "Load a recovery share", "Restore from a backup file",
        "Backup file of this vault"]
    assert handed == {
        "export_to": str(stick / "bundle.kzb"), "import_files": [str(stick / "bundle-in.kzb")],
        "import_folder": str(stick), "write_for": stick / "receipt.kzr", "check": stick / "receipt-in.kzr",
        "backup_to": stick / "vault.kzbackup", "attach_file": stick / "ruling.jpg",
        "save_report": str(stick / "case-summary.pdf"), "save_pdf": str(stick / "share-1.pdf"),
        "load_file": stick / "share-1.txt", "restore_file": str(stick / "vault-in.kzbackup")}
    # And none of them opened where the previous one was answered: each starts at home, no history.
    assert user.started_in == [QDir(str(home)).absolutePath()] * len(user.titles)
    assert all(history == [QDir.toNativeSeparators(str(home))] for history in user.histories), user.histories


def test_another_programs_dialog_state_is_kept_and_not_shown(qtbot, qt_places, window_context,
                                                             tmp_path: Path) -> None:
    """Qt's dialogs of other programs share QtProject.conf: kzdesk neither shows nor changes what they keep."""
    from kzdesk.ui.report_preview import ReportPreview

    home, config = qt_places
    elsewhere = tmp_path / "Pictures of another program"
    elsewhere.mkdir()
    url = f"file://{quote(str(elsewhere))}"
    conf = config / "QtProject.conf"
    conf.write_text(f"[FileDialog]\nhistory={url}\nlastVisited={url}\nqtVersion=6.5.0\n"
                    f"shortcuts=file:, {url}\nsidebarWidth=120\nviewMode=List\n\n[Other]\nkept=1\n")
    before = conf.read_bytes()
    stick = tmp_path / f"usb-{SURNAME}"
    stick.mkdir()
    preview = ReportPreview(None, window_context, b"%PDF-1.4", [], "case-summary.pdf")  # type: ignore[arg-type]
    qtbot.addWidget(preview)
    saved: list[str] = []
    preview.save = saved.append  # type: ignore[method-assign]
    user = User(qtbot, stick)
    for _ in range(2):
        user.answer(preview.save_button.click, "case-summary.pdf")
    assert saved == [str(stick / "case-summary.pdf")] * 2
    assert conf.read_bytes() == before
    assert user.started_in == [QDir(str(home)).absolutePath()] * 2
    assert not any(str(elsewhere) in h for history in user.histories for h in history)


def test_file_dialogs_are_opened_in_one_place_only() -> None:
    """A QFileDialog opened anywhere else would write its folders to QtProject.conf again."""
    import ast

    package = Path(__file__).resolve().parents[2] / "src" / "kzdesk"

    def uses_the_class(path: Path) -> bool:
        # The class named in code (imported, called, its statics used); a translation context that
        # merely names it in a string ("QFileDialog" in translations.py) opens nothing.
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        names |= {node.name.split(".")[-1] for node in ast.walk(tree) if isinstance(node, ast.alias)}
        return "QFileDialog" in names

    elsewhere = [p.name for p in sorted(package.rglob("*.py")) if p.name != "file_dialogs.py" and uses_the_class(p)]
    assert elsewhere == []
    assert uses_the_class(package / "ui" / "file_dialogs.py")  # the check sees a real use
