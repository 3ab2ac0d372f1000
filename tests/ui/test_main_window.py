"""The staff main window opens on a database and says where the data lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ruankao_desktop.app import create_main_window


def test_the_window_shows_its_title_and_database(qtbot: QtBot, demo_db: Path) -> None:
    window = create_main_window(str(demo_db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "软考证书服务台"
    status_texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert f"数据库：{demo_db}" in status_texts
    assert not window.grab().isNull()
