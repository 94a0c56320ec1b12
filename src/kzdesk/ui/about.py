"""Help → About kzdesk: the version, the licence, and the fingerprint of this copy's files, so a
coordinator can compare a volunteer's copy with a trusted one before trusting its bundles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from kzdesk import __version__
from kzdesk.ui.context import AppContext
from kzdesk.ui.widgets import named


class AboutDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from kzdesk.core import install

        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About kzdesk"))
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>kzdesk {__version__}</b>")
        layout.addWidget(title)
        text = QLabel(self.tr(
            "Encrypted offline recording of political persecution for human-rights monitors.\n"
            "Licence: GNU General Public License, version 3 or later. This program comes with no "
            "warranty; you may share and change it under the terms of that licence."))
        text.setWordWrap(True)
        layout.addWidget(text)
        root = install.portable_root()
        mode = (self.tr("Portable: everything is kept in {path}").replace("{path}", str(root)) if root is not None
                else self.tr("Installed: data in this computer's per-user folders"))
        layout.addWidget(QLabel(mode))
        layout.addWidget(QLabel(self.tr("Fingerprint of this copy's files (compare with a trusted copy):")))
        self.fingerprint = named(QLabel(self.tr("computing…")), "fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setStyleSheet("font-family: monospace")
        self.fingerprint.setWordWrap(True)
        layout.addWidget(self.fingerprint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        # Hashing the program folder takes a moment; the window stays responsive meanwhile.
        context.tasks.run(install.fingerprint, self.fingerprint.setText, owner=self)
