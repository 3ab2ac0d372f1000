"""Migration 5: the search keys (docs/architecture.md "Search"), and the last characters of former ID
numbers, so that a surname, partial pinyin or the end of an ID number is found by an index.

The tables as they shipped, in each engine's SQL: SQLite keeps the keys in their primary key alone
(WITHOUT ROWID); PostgreSQL compares them byte by byte (COLLATE "C"), so a range of keys is a prefix. The
keys themselves are worked out by the program's current rules (`store.search_index.rebuild`): they are
data derived from the names, rebuilt by `db reindex` whenever those rules change.
"""

from __future__ import annotations

import logging

from peewee import Database, SqliteDatabase

from ruankao_desktop.core.store import search_index

VERSION = 5
NAME = "search_keys"

PROGRESS_EVERY = 100_000  # names between two lines of progress in the log

log = logging.getLogger(__name__)


def apply(database: Database) -> None:
    sqlite = isinstance(database, SqliteDatabase)
    collate = "" if sqlite else ' COLLATE "C"'
    database.execute_sql(
        f"CREATE TABLE search_key (key VARCHAR(255){collate} NOT NULL, session_day DATE NOT NULL, "
        "certificate_id INTEGER NOT NULL REFERENCES certificate (id) ON DELETE CASCADE, "
        "PRIMARY KEY (key, session_day, certificate_id))" + (" WITHOUT ROWID" if sqlite else "")
    )
    database.execute_sql(search_index.secondary_index_sql(database))
    database.execute_sql("ALTER TABLE holder_identity ADD COLUMN id_tail VARCHAR(255)")
    database.execute_sql(
        "UPDATE holder_identity SET id_tail = substr(value, length(value) - 3) WHERE kind = 'id_number'"
    )
    database.execute_sql("CREATE INDEX holder_identity_id_tail ON holder_identity (id_tail)")
    keys = search_index.rebuild(database, progress=_progress)
    log.info("search keys built: %d", keys)


def _progress(done: int, total: int) -> None:
    if done == total or done % PROGRESS_EVERY < search_index.BATCH:
        log.info("building search keys: %d of %d names", done, total)
