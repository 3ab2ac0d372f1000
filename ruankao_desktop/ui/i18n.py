"""The interface language: Qt translators for our own strings and Qt's dialogs, switchable at run time.

Our sources are written in Chinese (the default); `resources/translations/ruankao_en.ts` holds the English
and is compiled to `.qm` by `scripts/build-translations` (the quick start runs it). Texts that come from
the core (domain messages shared with the command line) are rendered in `I18n.lang` by the core's own
catalogue. Switching sends every widget a LanguageChange event; each one re-runs its `retranslate_ui()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from ruankao_desktop.core.config import resources_dir
from ruankao_desktop.core.messages import Language

QM_NAME = "ruankao_{lang}.qm"


def translations_dir() -> Path:
    return resources_dir() / "translations"


# Qt's list of installed translators is global to the application, so the ones we installed are too.
_installed: list[QTranslator] = []


class I18n(QObject):
    """Holds the current language of one window and switches the application's translators."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang: Language = "zh"

    def available(self, lang: Language) -> bool:
        return lang == "zh" or (translations_dir() / QM_NAME.format(lang=lang)).is_file()

    def set_language(self, lang: Language) -> bool:
        """Switch to `lang`; False (and no change) when its translation file is missing."""
        if not self.available(lang):
            return False
        app = QCoreApplication.instance()
        while _installed:
            QCoreApplication.removeTranslator(_installed.pop())
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_locale = "zh_CN" if lang == "zh" else "en"
        candidates = [(qt_folder, f"qtbase_{qt_locale}.qm")]
        if lang != "zh":
            candidates.append((str(translations_dir()), QM_NAME.format(lang=lang)))
        for folder, name in candidates:
            translator = QTranslator(app)
            if translator.load(name, folder):
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese if lang == "zh" else QLocale.Language.English))
        self.lang = lang
        self.language_changed.emit(lang)
        return True
