"""The window when its PostgreSQL server goes away mid-session: a restart between two searches goes
unseen (the read is run again on a new connection); a server that stays away is said plainly, with
which server, while the window stays open with what the clerk typed; once the server is back, the
next search answers."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.messages import render
from ruankao_desktop.ui.main_window import MainWindow
from tests.engines import ON_POSTGRES, Target, admin, name_of
from tests.ui.test_search_pane import complete_search

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL only: a server to lose")


def _as_administrator(sql: str) -> None:
    with admin() as connection:
        connection.execute(sql)


def _end_sessions(target: Target) -> None:
    """What a server restart does to the window's open connections."""
    _as_administrator(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name_of(target)}' AND pid <> pg_backend_pid()"
    )


def test_a_server_restart_between_two_searches_goes_unseen(
    qtbot: QtBot, window: MainWindow, demo_db: Target
) -> None:
    found = complete_search(qtbot, window, "张伟")
    assert found > 0
    _end_sessions(demo_db)
    assert complete_search(qtbot, window, "张伟") == found
    assert window.lookup_pane.summary.text() != "无法查询"


def test_a_server_away_is_said_and_the_window_answers_again_once_it_is_back(
    qtbot: QtBot, window: MainWindow, demo_db: Target
) -> None:
    name = name_of(demo_db)
    found = complete_search(qtbot, window, "张伟")
    _end_sessions(demo_db)
    _as_administrator(f'ALTER DATABASE "{name}" RENAME TO "{name}_away"')  # gone, as a stopped server
    try:
        assert complete_search(qtbot, window, "王芳") == 0
        parsed = urlparse(str(demo_db))
        said = render("db.server_lost", server=f"{parsed.hostname}:{parsed.port}")
        assert said in window.lookup_pane.guidance_text.text()
        assert parsed.password is None or parsed.password not in window.lookup_pane.guidance_text.text()
        assert window.isVisible() and window.lookup_pane.input.text() == "王芳"
    finally:
        _as_administrator(f'ALTER DATABASE "{name}_away" RENAME TO "{name}"')
    assert complete_search(qtbot, window, "张伟") == found
