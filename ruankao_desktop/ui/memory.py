"""The window's memory (docs/architecture.md "Threads").

Reading every id of a common surname builds and drops hundreds of thousands of small rows. On Linux,
glibc keeps what they took in its free lists, so the window's resident memory only grows (measured with
five million certificates: 320 MB after eight such searches, 260 MB once trimmed). `release_freed_memory`
hands it back (`malloc_trim`); elsewhere it does nothing.

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


def set_aside_loaded() -> None:
    """Collect once, then leave every object alive now out of later collections (`gc.freeze`): what is
    loaded at start lives as long as the window. Holds the interpreter for a full collection: call it
    once, at start, off the GUI thread."""
    gc.collect()
    gc.freeze()
