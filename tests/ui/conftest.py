"""What the GUI tests share: the staff window on a private copy of the demo database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ruankao_desktop.app import create_main_window
from ruankao_desktop.ui.main_window import MainWindow
from tests.helpers import TODAY


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
