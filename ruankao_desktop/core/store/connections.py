"""Connections kept between a worker thread's reads (docs/architecture.md "Threads").

A fresh SQLite connection parses the schema and starts with an empty page cache: about 0.8 ms, more than
an exact lookup. peewee keeps a connection per thread in thread-local state, but the GUI's worker
threads enter Python anew for every task, and their thread-local state goes with each task. So a read's
connection is kept here, by thread, and handed back to peewee when the next read starts on that thread.
A kept connection is outside any transaction: it holds no lock, and sees every commit.
"""

from __future__ import annotations

import threading
from typing import Any

from peewee import Database, SqliteDatabase

from ruankao_desktop.core.store.database import db

_kept: dict[int, tuple[Database, Any]] = {}
_lock = threading.Lock()


def resume_thread_connection() -> None:
    """Give this thread back the connection its last read kept, if it is still for the open database."""
    real = db.obj
    with _lock:
        kept = _kept.pop(threading.get_ident(), None)
    if kept is not None and real is not None and kept[0] is real and real.is_closed():
        real._state.set_connection(kept[1])  # type: ignore[attr-defined]  # peewee's per-thread state


def keep_thread_connection() -> None:
    """Keep this thread's connection for its next read; one inside a transaction is closed instead (it
    would hold back the write-ahead log's checkpoints)."""
    real = db.obj
    if real is None or real.is_closed():
        return
    connection = real._state.conn
    if real.in_transaction() or _left_in_transaction(connection) or getattr(connection, "broken", False):
        real.close()  # a broken one (the server went away) is not kept: the next read connects afresh
        return
    with _lock:
        _kept[threading.get_ident()] = (real, connection)


def _left_in_transaction(connection: object) -> bool:
    """Whether the driver's connection is inside a transaction nobody ended (sqlite3 says so itself;
    psycopg tells its transaction status: IDLE when none is open)."""
    if getattr(connection, "in_transaction", False):
        return True
    status = getattr(getattr(connection, "info", None), "transaction_status", None)
    return status is not None and status.name != "IDLE"


def close_thread_connection() -> None:
    """Close the calling thread's connection, if it opened one, and forget any kept for it."""
    with _lock:
        _kept.pop(threading.get_ident(), None)
    if db.obj is not None and not db.is_closed():
        db.close()


# A kept connection's page cache in the window, per read thread (two): the hot pages of a search (the
# index's inner pages, the search keys) fit in it, and what a read sweeps once (every id of a surname)
# does not stay (tests/benchmarks/bench_memory.py and bench_search.py measure it).
WINDOW_CACHE_KIB = 16 * 1024


def limit_page_cache(database: Database, kib: int = WINDOW_CACHE_KIB) -> None:
    """Give every connection `database` opens from now on a page cache of `kib` KiB (SQLite; nothing on
    PostgreSQL): a window keeps one connection per read thread for its whole life, each with a cache of
    its own."""
    if isinstance(database, SqliteDatabase):
        database.pragma("cache_size", -kib, permanent=True)


def release_page_cache() -> None:
    """Hand back the page cache of this thread's SQLite connection (`PRAGMA shrink_memory`), after a read
    that filled it with pages the next reads will not need: the ids of a common surname fill the whole
    cache, on each worker thread in turn. The pages stay in the system's file cache, so the next
    read of them costs a copy, not a disk read. Nothing on PostgreSQL, whose cache is the server's."""
    real = db.obj
    if isinstance(real, SqliteDatabase) and not real.is_closed():
        real.execute_sql("PRAGMA shrink_memory")
