"""GUI composition root: the QApplication, its look and language, and the staff main window
(docs/architecture.md "The window").

The database is opened and checked (and migrated, after a backup) here, once, before the first window
exists; the main thread then closes its connection and the GUI thread never touches the database again:
every query runs on the `TaskRunner`'s workers.
"""

from __future__ import annotations

import gc
import os
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ruankao_desktop.core.config import config_file
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language
from ruankao_desktop.core.services.centre import limit_page_cache, open_centre
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.i18n import I18n
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.resources import app_icon, stylesheet
from ruankao_desktop.ui.workers import TaskRunner

APP_NAME = "ruankao-desktop"


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("软考证书服务台")
    app.setWindowIcon(app_icon())
    app.setStyleSheet(stylesheet())
    return app


def window_settings() -> QSettings:
    """Window geometry, splitter sizes and language, beside the configuration file."""
    return QSettings(str(config_file().with_name("window.ini")), QSettings.Format.IniFormat)


def create_main_window(db_url: str, *, lang: Language | None = None) -> MainWindow:
    """The staff main window for `db_url`, without entering the event loop (tests and embedding)."""
    app = create_application()
    centre = open_centre(db_url)
    limit_page_cache(centre.opened.database)  # one kept connection per read thread, for the window's life
    centre.close()  # from here on only worker threads hold connections
    settings = window_settings()
    i18n = I18n(app)
    desk = DeskContext(
        runner=TaskRunner(app),
        i18n=i18n,
        settings=centre.settings,
        actor=centre.actor,
    )
    chosen = lang or settings.value("window/language", "zh")
    i18n.set_language("en" if chosen == "en" else "zh")
    window = MainWindow(desk, database=centre.opened.location.display(), settings=settings)
    # What exists now lives as long as the window: keeping it out of the collector's full passes keeps
    # those from stalling the event loop while the operator types.
    gc.freeze()
    return window


def check_display() -> None:
    """On Linux without a screen Qt would abort with a core dump; say what to do instead."""
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless and not os.environ.get("QT_QPA_PLATFORM"):
        raise KnownError("gui.no_display")


def run_gui(db_url: str, *, lang: Language | None = None) -> int:
    check_display()
    app = create_application()
    window = create_main_window(db_url, lang=lang)
    window.show()
    return app.exec()
