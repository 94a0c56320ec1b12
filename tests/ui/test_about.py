"""Help → About shows the version and this copy's fingerprint.

The fingerprint is checked against one computed here, independently of kzdesk.core.install, from
what its documentation promises: SHA-256 over (path relative to the program folder, NUL, SHA-256
of the contents) of every program file — files of a folder before its subfolders, each in name
order — leaving out caches and the portable marker, shown as 16 groups of four hex digits."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kzdesk import __version__
from kzdesk.core import install
from kzdesk.ui.about import AboutDialog
from kzdesk.ui.main_window import MainWindow


def expected_fingerprint(root: Path) -> str:
    total = hashlib.sha256()

    def walk(folder: Path) -> None:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
        for path in entries:
            if path.is_file() and path.suffix not in (".pyc", ".pyo") and path.name != "kzdesk-portable":
                relative = path.relative_to(root).as_posix()
                total.update(relative.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        for path in entries:
            if path.is_dir() and path.name not in ("__pycache__", "kzdesk-data"):
                walk(path)

    walk(root)
    hexed = total.hexdigest()
    return " ".join(hexed[i:i + 4] for i in range(0, 64, 4))


def shown_fingerprint(qtbot, window: MainWindow) -> str:
    """Open Help → About, wait for the fingerprint, close the dialog again; return what it showed."""
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog, "about_dialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.fingerprint.text().split()) == 16, timeout=20_000)
    assert any(__version__ in label.text() for label in dialog.findChildren(type(dialog.fingerprint)))
    text = dialog.fingerprint.text()
    dialog.close()  # deleted on close: the next About is a new dialog
    qtbot.waitUntil(lambda: window.findChild(AboutDialog, "about_dialog") is None, timeout=10_000)
    return text


def test_about_shows_the_fingerprint_of_the_program_files(qtbot, month_context) -> None:
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    assert shown_fingerprint(qtbot, window) == expected_fingerprint(install.program_dir())


def test_the_fingerprint_follows_names_and_contents(qtbot, month_context, tmp_path: Path, monkeypatch) -> None:
    program = tmp_path / "program"
    (program / "core" / "__pycache__").mkdir(parents=True)
    (program / "zz.py").write_text("first = 1\n")
    (program / "core" / "vault.py").write_bytes(b"key = b'\\x00'\n")
    (program / "core" / "__pycache__" / "vault.cpython-311.pyc").write_bytes(b"cache")
    monkeypatch.setattr(install, "program_dir", lambda: program)
    window = MainWindow(month_context)
    qtbot.addWidget(window)
    window.show()
    first = shown_fingerprint(qtbot, window)
    assert first == expected_fingerprint(program)
    # One byte of one file changes it.
    (program / "core" / "vault.py").write_bytes(b"key = b'\\x01'\n")
    second = shown_fingerprint(qtbot, window)
    assert second == expected_fingerprint(program) and second != first
    # So does a file's name with the same contents, and a new file.
    (program / "core" / "vault.py").rename(program / "core" / "vault2.py")
    third = shown_fingerprint(qtbot, window)
    assert third == expected_fingerprint(program) and third not in (first, second)
    (program / "core" / "extra.txt").write_text("")
    fourth = shown_fingerprint(qtbot, window)
    assert fourth == expected_fingerprint(program) and fourth not in (first, second, third)
    # Caches are not the program.
    (program / "core" / "__pycache__" / "vault.cpython-311.pyc").write_bytes(b"other cache")
    assert shown_fingerprint(qtbot, window) == fourth
