"""main() of the desktop program: builds the explicit AppContext and shows the first window.

Heavy modules (SQLAlchemy, the vault, Argon2id) are imported only when the vault is opened, after
the unlock window is on screen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from kzdesk.ui.context import AppContext


def main(vault_path: Path, language: str | None = None) -> int:
    # Before the first Qt import: on a plain Linux the system libraries Qt's xcb platform needs may
    # be missing, and Qt would stop with an ImportError or abort naming one of them at a time.
    from kzdesk.desktop_deps import ensure_desktop_libraries

    stopped = ensure_desktop_libraries()
    if stopped is not None:
        return stopped
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from kzdesk.ui.context import AppContext
    from kzdesk.ui.settings import LANGUAGE, Settings
    from kzdesk.ui.tasks import Tasks
    from kzdesk.ui.translations import Translations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kzdesk")
    app.setOrganizationName("kzdesk")
    # The icon the title bar and the task bar show; the desktop file's name lets a Wayland
    # compositor match the window to org.kzdesk.kzdesk.desktop (and its icon) once installed.
    from PySide6.QtGui import QIcon

    from kzdesk.core.resources import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "org.kzdesk.kzdesk.png"))))
    app.setDesktopFileName("org.kzdesk.kzdesk")
    from kzdesk.core.install import settings_file

    portable = settings_file()
    store = (QSettings(str(portable), QSettings.Format.IniFormat) if portable is not None else
             QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "kzdesk", "kzdesk"))
    settings = Settings(store)
    translations = Translations(app)
    translations.apply(language or settings.get(LANGUAGE))
    from kzdesk.ui.clipboard import ClipboardGuard

    guard = ClipboardGuard(app)
    app.aboutToQuit.connect(guard.clear)
    context = AppContext(vault_path, settings, Tasks(), translations, clipboard=guard)
    try:
        first = _first_dialog(context)
        if os.environ.get("KZDESK_STARTUP_PROBE"):
            _probe(first)
        if first.exec() != QDialog.DialogCode.Accepted:
            return 0
        from kzdesk.ui.main_window import MainWindow

        window = MainWindow(context)
        geometry = settings.geometry()
        if geometry is not None:
            window.restoreGeometry(geometry)
        window.show()
        if getattr(first, "shares_wanted", False):  # asked for on the first run's last page
            window.safety.show_shares()
        return app.exec()
    finally:
        if context.vault is not None:
            context.vault.close()
        context.tasks.shutdown()


def _first_dialog(context: AppContext) -> QDialog:
    """The unlock dialog for an existing vault, the first-run wizard otherwise."""
    if (context.vault_path / "vault.json").exists():
        from kzdesk.ui.unlock import UnlockDialog

        return UnlockDialog(context)
    from kzdesk.ui.wizard import FirstRunWizard

    return FirstRunWizard(context)


def _probe(dialog: QDialog) -> None:
    """For packaging/smoke.sh and bench/gui.py: say when the first window is painted, then leave."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                dialog.removeEventFilter(self)
                print("ready", flush=True)
                QTimer.singleShot(0, dialog.reject)
            return False

    dialog.installEventFilter(Painted(dialog))
