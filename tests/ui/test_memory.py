"""Freed memory goes back to the system: what a search for every id of a common surname drops does not
stay in the window's resident memory. The tables loaded at start are out of the collector's way."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from pypinyin.constants import PHRASES_DICT
from pytestqt.qtbot import QtBot

from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.memory import release_freed_memory


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
