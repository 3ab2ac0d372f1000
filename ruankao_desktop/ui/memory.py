"""The window's memory (docs/architecture.md "Threads").

Reading every id of a common surname builds and drops hundreds of thousands of small rows, and fills the
worker connection's page cache (up to 64 MB, on each of the two read threads in turn) with pages the next
searches will not need. On Linux, glibc keeps what the rows took in its free lists, so the window's
resident memory only grows. `release_read_memory` hands both back: the page cache (`PRAGMA
shrink_memory`; the pages stay in the system's file cache) and, as `release_freed_memory` does, the heap's
free pages (`malloc_trim`, Linux only). Measured by tests/benchmarks/bench_memory.py.

The pinyin tables loaded at start are some 270,000 objects that live as long as the window. Python's
collector walks all of them at each full collection, which the rows of a big search set off: 40–70 ms
holding the interpreter, a stall of the typing. `set_aside_loaded` takes them out of its way once loaded.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Callable
from functools import cache

from ruankao_desktop.core.services.centre import release_page_cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    trim: Callable[[int], int] | None = getattr(libc, "malloc_trim", None)
    return trim


def release_freed_memory() -> None:
    """Return the heap's free pages to the system (a few milliseconds: call it off the GUI thread)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def release_read_memory() -> None:
    """After a big read, on the worker thread that read: its connection's page cache, then the heap's
    free pages, back to the system."""
    release_page_cache()
    release_freed_memory()


def set_aside_loaded() -> None:
    """Collect once, then leave every object alive now out of later collections (`gc.freeze`): what is
    loaded at start lives as long as the window. Holds the interpreter for a full collection: call it
    once, at start, off the GUI thread."""
    gc.collect()
    gc.freeze()
