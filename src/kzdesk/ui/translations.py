"""Loading the interface language: our .qm catalogues plus Qt's own (dialog buttons and the like)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kzdesk.core.i18n import LANGUAGES, set_language
from kzdesk.core.resources import resource_path

NAMES = {"ru": "Русский", "kk": "Қазақша", "en": "English"}
# Labels of Qt's own (non-native) file dialog that Qt's Russian catalogue leaves in English. Declared
# here so lupdate puts them into our catalogues under Qt's context; Qt asks our translator when its own
# has no text, so the dialog reads wholly in the user's language.
QT_GAPS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"), QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def system_language() -> str:
    name = QLocale.system().name().split("_")[0]
    return name if name in LANGUAGES else "en"


class Translations:
    """Installs and swaps translators so the language can change while the program runs."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> None:
        language = language if language in LANGUAGES else system_language()
        self.remove()
        set_language(language)  # messages that come from the core
        QLocale.setDefault(QLocale(language))
        catalogues = [("kzdesk", str(resource_path("i18n")))]  # English too: its plural forms ("1 record")
        if language != "en":
            catalogues.append(("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
        for name, folder in catalogues:
            translator = QTranslator(self._app)
            if translator.load(f"{name}_{language}", folder):
                self._app.installTranslator(translator)
                self._installed.append(translator)
        self.language = language

    def remove(self) -> None:
        """Take this object's catalogues off the application (before it is dropped)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
