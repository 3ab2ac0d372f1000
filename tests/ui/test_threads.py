"""The guard behind every GUI test (tests/ui/conftest.py) really catches database work on the GUI
thread: interface code that queries there fails the test."""

from __future__ import annotations

import pytest

from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.panes import advanced_search


def test_a_query_from_interface_code_on_the_gui_thread_is_caught(window: MainWindow) -> None:
    with pytest.raises(AssertionError, match="database query on the GUI thread"):
        advanced_search._load_choices()  # what the pane runs on a worker, called here on the GUI thread


def test_a_closed_window_starts_no_more_background_work(window: MainWindow) -> None:
    """A result delivered while the window closes may want to start a follow-up (a refresh, a drain of
    queued audit events): once closed, nothing starts, so no worker touches a database being closed."""
    window.close()
    started: list[object] = []
    window.desk.runner.run(
        lambda: started.append("ran"), on_success=started.append, on_failure=started.append, write=True
    )
    assert window.desk.runner.wait_for_done()
    assert started == []  # not run, and nothing delivered
