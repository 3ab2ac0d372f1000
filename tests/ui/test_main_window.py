"""The staff main window opens on a database and says where the data lives."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ruankao_desktop.app import create_main_window
from ruankao_desktop.core.store.database import parse_location


def test_the_window_shows_its_title_and_database(qtbot: QtBot, demo_db: Path) -> None:
    window = create_main_window(str(demo_db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "软考证书服务台"
    status_texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert f"数据库：{parse_location(str(demo_db)).display()}" in status_texts
    password = urlparse(str(demo_db)).password  # a server's URL may carry one: never shown
    assert not password or not any(password in text for text in status_texts)
    assert not window.grab().isNull()
