"""Another desk holding the write lock, as a long import or a backup does, until the test lets it go.

On SQLite that is the database's one write lock: a second connection to the same file inside `BEGIN
IMMEDIATE`. On PostgreSQL it is the lock an audited write holds on the audit trail for the rest of its
transaction (`serialise_appends`): a second connection inside a transaction that took it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.engines import Target


class WriteLock:
    def __init__(self, target: Target) -> None:
        self._connection: Any
        if str(target).startswith("postgres"):
            import psycopg

            self._connection = psycopg.connect(str(target), autocommit=True)
            self._connection.execute("BEGIN")
            self._connection.execute('LOCK TABLE "audit_event" IN SHARE ROW EXCLUSIVE MODE')
        else:
            self._connection = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
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
def write_lock_held(target: Target) -> Iterator[WriteLock]:
    lock = WriteLock(target)
    try:
        yield lock
    finally:
        lock.close()
