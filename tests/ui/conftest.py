"""What the GUI tests share: the staff window on a private copy of the demo database."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from peewee import Database
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from ruankao_desktop.app import create_main_window
from ruankao_desktop.ui.main_window import MainWindow
from tests.helpers import TODAY


@pytest.fixture(autouse=True)
def no_database_work_on_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/architecture.md "Threads": fail any query that the interface's own code runs on the GUI
    thread (the tests' own checks of the database run there and are allowed)."""
    original: Callable[..., Any] = Database.execute_sql

    def guarded(self: Database, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() == app.thread():
            callers = [frame.filename for frame in traceback.extract_stack()]
            interface = [f for f in callers if f"{os.sep}ruankao_desktop{os.sep}ui{os.sep}" in f]
            assert not interface, f"database query on the GUI thread from {interface[-1]}"
        return original(self, sql, params, *args, **kwargs)

    monkeypatch.setattr(Database, "execute_sql", guarded)


@pytest.fixture
def window(qtbot: QtBot, demo_db: Path) -> Iterator[MainWindow]:
    main = create_main_window(str(demo_db), lang="zh")
    main.desk.today = lambda: TODAY
    main.desk.__post_init__()  # services with the fixed day of the demo data
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.desk.runner.wait_for_done()
    main.close()
