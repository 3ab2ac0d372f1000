"""GUI composition root: the QApplication, its look, and the main window (DESIGN.md §5).

The database has already been opened and migrated by the caller (`cli.start_gui`) before any window
exists; the window itself never touches it on the GUI thread.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.ui.main_window import MainWindow

APP_NAME = "ruankao-desktop"


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("软考证书服务台")
    return app


def create_main_window(db_url: str) -> MainWindow:
    """The staff main window for `db_url`, without entering the event loop (tests and embedding)."""
    create_application()
    return MainWindow(db_url)


def check_display() -> None:
    """On Linux without a screen Qt would abort with a core dump; say what to do instead."""
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless and not os.environ.get("QT_QPA_PLATFORM"):
        raise KnownError("gui.no_display")


def run_gui(db_url: str) -> int:
    check_display()
    app = create_application()
    window = create_main_window(db_url)
    window.show()
    return app.exec()
