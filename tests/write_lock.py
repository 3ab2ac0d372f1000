"""Another desk holding SQLite's write lock, as a long import or a backup does: a second connection to
the same file inside `BEGIN IMMEDIATE`, until the test lets it go."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WriteLock:
    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._connection.execute("BEGIN IMMEDIATE")
        self.held = True

    def release(self) -> None:
        if self.held:
            self._connection.execute("ROLLBACK")
            self.held = False

    def close(self) -> None:
        self.release()
        self._connection.close()


@contextmanager
def write_lock_held(path: Path) -> Iterator[WriteLock]:
    lock = WriteLock(path)
    try:
        yield lock
    finally:
        lock.close()
