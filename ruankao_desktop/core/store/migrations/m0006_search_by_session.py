"""Migration 6: the search keys in session order, and the hits of short words counted ahead
(docs/architecture.md "Search").

The keys' table is laid out anew, its primary key led by the session's date, so that a page of hits,
newest session first, is read off the index session by session instead of sorting every hit of a common
surname; each key carries its certificate's qualification, so that a filter on it (or on a level) is
tested on the key itself. `search_count` holds, per session date, how many certificates a search for a
short word alone finds (`n:王`, `p:wang`), so that the exact total of a surname is a sum of a few rows.
Both are data derived from the names: the old keys are dropped and everything is built by the program's
current rules (`store.search_index.rebuild`), with its progress in the log. In each engine's SQL as it
shipped.
"""

from __future__ import annotations

import logging

from peewee import Database, SqliteDatabase

from ruankao_desktop.core.store import search_index

VERSION = 6
NAME = "search_by_session"

PROGRESS_EVERY = 100_000  # names between two lines of progress in the log

log = logging.getLogger(__name__)


def apply(database: Database) -> None:
    sqlite = isinstance(database, SqliteDatabase)
    collate = "" if sqlite else ' COLLATE "C"'
    rowid = " WITHOUT ROWID" if sqlite else ""
    database.execute_sql("DROP TABLE search_key")
    database.execute_sql(
        f"CREATE TABLE search_key (key VARCHAR(255){collate} NOT NULL, session_day DATE NOT NULL, "
        "certificate_id INTEGER NOT NULL REFERENCES certificate (id) ON DELETE CASCADE, "
        "qualification_id INTEGER NOT NULL, PRIMARY KEY (session_day, key, certificate_id))" + rowid
    )
    database.execute_sql(search_index.secondary_index_sql(database))
    database.execute_sql(
        f"CREATE TABLE search_count (word VARCHAR(255){collate} NOT NULL, session_day DATE NOT NULL, "
        "n INTEGER NOT NULL, PRIMARY KEY (word, session_day))" + rowid
    )
    keys = search_index.rebuild(database, progress=_progress)
    log.info("search keys built: %d", keys)


def _progress(done: int, total: int) -> None:
    if done == total or done % PROGRESS_EVERY < search_index.BATCH:
        log.info("building search keys: %d of %d names", done, total)
