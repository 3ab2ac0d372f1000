"""The guard behind every GUI test (tests/ui/conftest.py) really catches database work on the GUI
thread: interface code that queries there fails the test."""

from __future__ import annotations

import pytest

from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.panes import advanced_search


def test_a_query_from_interface_code_on_the_gui_thread_is_caught(window: MainWindow) -> None:
    with pytest.raises(AssertionError, match="database query on the GUI thread"):
        advanced_search._load_choices()  # what the pane runs on a worker, called here on the GUI thread
