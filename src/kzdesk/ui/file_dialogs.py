"""Qt's own file dialogs, opened so that they leave no folder or file name anywhere.

Every kzdesk window picks files through these four functions; nothing else opens a QFileDialog.

Why not QFileDialog's static functions: the native dialogs they may show add the file to the desktop's
recent-files list, and Qt's own dialog, when it is destroyed, writes the folders it visited (history,
lastVisited, sidebar shortcuts) to QSettings(UserScope, "QtProject") — ~/.config/QtProject.conf, or the
registry on Windows — for every program to read. A seized laptop would show where the bundles went
(`usb-…-<name>`). So each dialog here is built by hand with DontUseNativeDialog set first, starts in the
home folder with an empty history, forgets every path before it is destroyed, and afterwards the
"FileDialog" group is put back exactly as it was before (or removed, if there was none): other Qt
programs keep their own state, and kzdesk adds nothing to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDir, QSettings, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

GROUP = "FileDialog"  # the group Qt's QFileDialog reads and writes in the "QtProject" settings


def open_file(parent: QWidget | None, caption: str, name_filter: str = "") -> str:
    """One existing file, or "" when cancelled."""
    chosen = _run(parent, caption, QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen,
                  name_filter)
    return chosen[0] if chosen else ""


def open_files(parent: QWidget | None, caption: str, name_filter: str = "") -> list[str]:
    """Existing files, or [] when cancelled."""
    return _run(parent, caption, QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen,
                name_filter)


def save_file(parent: QWidget | None, caption: str, default_name: str, name_filter: str = "") -> str:
    """A file to write (overwriting is confirmed by the dialog), or "" when cancelled."""
    chosen = _run(parent, caption, QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave,
                  name_filter, default_name)
    return chosen[0] if chosen else ""


def existing_folder(parent: QWidget | None, caption: str) -> str:
    """An existing folder, or "" when cancelled."""
    chosen = _run(parent, caption, QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen)
    return chosen[0] if chosen else ""


def _run(parent: QWidget | None, caption: str, mode: QFileDialog.FileMode, accept: QFileDialog.AcceptMode,
         name_filter: str = "", default_name: str = "") -> list[str]:
    before = _saved_state()
    file_before = _settings_file().is_file()
    dialog = QFileDialog(parent)
    try:
        # First of all: the option only holds if set before any other property (Qt's documentation).
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setWindowTitle(caption)
        dialog.setFileMode(mode)
        dialog.setAcceptMode(accept)
        if name_filter:
            dialog.setNameFilter(name_filter)
        # The dialog has just loaded another program's (or an older kzdesk's) folders from QtProject:
        # start instead in a neutral place, with Qt's default sidebar and no history.
        home = QDir.homePath()
        dialog.setDirectory(home)
        dialog.setHistory([])
        dialog.setSidebarUrls([QUrl("file:"), QUrl.fromLocalFile(home)])
        if default_name:
            dialog.selectFile(default_name)
        return list(dialog.selectedFiles()) if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        _forget(dialog)
        _restore(before, file_before)


def _forget(dialog: QFileDialog) -> None:
    """Empty what the destructor saves, then destroy the dialog now, not at some later collection."""
    if shiboken6.isValid(dialog):
        dialog.setHistory([])
        dialog.setSidebarUrls([])
        # Qt keeps the last folder of any dialog process-wide and saves it as lastVisited: point it at nothing.
        dialog.setDirectory("")
        shiboken6.delete(dialog)


def _settings() -> QSettings:
    # The very location QFileDialog uses (QSettings::UserScope, "QtProject", native format).
    return QSettings(QSettings.Scope.UserScope, "QtProject")


def _settings_file() -> Path:
    # A registry key on Windows (never a file there), a plist on macOS, an INI file elsewhere.
    return Path(_settings().fileName())


def _saved_state() -> dict[str, Any] | None:
    store = _settings()
    if GROUP not in store.childGroups():
        return None
    store.beginGroup(GROUP)
    return {key: store.value(key) for key in store.allKeys()}


def _restore(before: dict[str, Any] | None, file_before: bool) -> None:
    store = _settings()
    store.remove(GROUP)
    if before is not None:
        store.beginGroup(GROUP)
        for key, value in before.items():
            store.setValue(key, value)
        store.endGroup()
    store.sync()
    # Qt leaves an empty QtProject.conf behind; if the dialog created it, it goes, so not even that remains.
    path = _settings_file()
    if not file_before and not store.allKeys() and path.is_file() and path.stat().st_size == 0:
        path.unlink()
