"""Freed memory goes back to the system: what a search for every id of a common surname drops does not
stay in the window's resident memory. The tables loaded at start are out of the collector's way."""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pytest
from pypinyin.constants import PHRASES_DICT
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.connections import WINDOW_CACHE_KIB
from ruankao_desktop.core.store.database import db
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.memory import release_freed_memory, release_read_memory
from tests.engines import ON_POSTGRES


def resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's; elsewhere a no-op")
def test_memory_freed_by_many_small_rows_is_returned() -> None:
    rows = [bytes(1_000) + i.to_bytes(4, "little") for i in range(100_000)]  # ~100 MB, each from malloc
    kept = rows[::1000]  # a few survive, so the heap cannot simply shrink from its top
    del rows
    before = resident_kib()
    release_freed_memory()
    assert resident_kib() < before - 50_000  # most of the 100 MB is back with the system
    assert len(kept) == 100


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's; elsewhere a no-op")
@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's page cache: PostgreSQL's is the server's")
def test_the_page_cache_a_big_read_filled_is_returned(empty_centre: Centre) -> None:
    db.execute_sql("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)")
    with db.atomic():
        db.execute_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) "
            "INSERT INTO filler (body) SELECT printf('%.1000d', i) FROM n"
        )
    db.close()
    freed: list[int] = []

    def read_then_release() -> None:  # on a worker thread with a connection of its own, as the window reads
        db.execute_sql("SELECT SUM(LENGTH(body)) FROM filler").fetchone()  # some 40 MB of pages
        before = resident_kib()
        release_read_memory()
        freed.append(before - resident_kib())
        db.close()

    worker = threading.Thread(target=read_then_release)
    worker.start()
    worker.join()
    assert freed[0] > 25_000


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's page cache: PostgreSQL's is the server's")
def test_the_windows_read_threads_keep_small_page_caches(window: MainWindow, qtbot: QtBot) -> None:
    sizes: list[int] = []
    for _ in range(2):  # each read thread, whichever runs the task
        window.desk.runner.run(
            lambda: db.execute_sql("PRAGMA cache_size").fetchone()[0],
            on_success=sizes.append,
            on_failure=lambda problem: sizes.append(0),
        )
    qtbot.waitUntil(lambda: len(sizes) == 2, timeout=10_000)
    assert sizes == [-WINDOW_CACHE_KIB] * 2


def test_the_tables_loaded_at_start_are_set_aside_from_the_collector(
    window: MainWindow, qtbot: QtBot
) -> None:
    gc.unfreeze()  # whatever an earlier test set aside
    assert gc.is_tracked(PHRASES_DICT)
    window._warm_up()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=10_000)
    window.desk.runner.wait_for_done()
    assert not any(obj is PHRASES_DICT for obj in gc.get_objects())  # no longer walked by a collection
    gc.unfreeze()
