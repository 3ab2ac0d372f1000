"""The guard behind every GUI test (tests/ui/conftest.py) really catches database work on the GUI
thread: interface code that queries there fails the test. Reads keep their worker's connection; writes,
and a read that left a transaction open, close theirs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import cast

import pytest
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate
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


def _connection_after(qtbot: QtBot, window: MainWindow, work: Callable[[], object], *, write: bool) -> bool:
    """Whether a worker's connection was still open when the next task on that thread began."""
    runner = window.desk.runner

    def run(fn: Callable[[], object]) -> object:
        results: list[object] = []
        runner.run(fn, on_success=results.append, on_failure=results.append, write=write)
        qtbot.waitUntil(lambda: bool(results))
        return results[0]

    thread = run(lambda: (work(), threading.get_ident())[1])
    for _ in range(20):  # the pool may hand the next task to its other thread
        ident, was_open = cast(tuple[int, bool], run(lambda: (threading.get_ident(), not db.is_closed())))
        if ident == thread:
            return was_open
    raise AssertionError("no task ran on the same thread again")


def _count() -> int:
    return int(Certificate.select().count())


def _left_open() -> None:
    db.begin()  # a read that forgot to end its transaction
    Certificate.select().count()


def test_a_read_keeps_its_connection_for_the_next_read(qtbot: QtBot, window: MainWindow) -> None:
    assert _connection_after(qtbot, window, _count, write=False)


def test_a_write_and_a_read_left_in_a_transaction_close_theirs(qtbot: QtBot, window: MainWindow) -> None:
    assert not _connection_after(qtbot, window, _count, write=True)
    assert not _connection_after(qtbot, window, _left_open, write=False)
