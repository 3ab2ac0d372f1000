"""Migration 7: the search index kept per name (docs/architecture.md "Search").

A name's keys are held once (`search_name`, `search_key`), and each certificate has one row per name it
can be found by (`search_certificate`, led by the name, then the session's date), instead of every key
once per certificate: at a million certificates some 80 MB instead of 440, and an import writes one row
per certificate instead of seven. A row says whether its certificate has `several` names (a former one),
so that a total counts the others without sorting them. The indexes on the end of an ID number and on a
holder's certificates cover what a search reads of them. The index is data derived from the names: the
old keys are dropped and everything is built by the program's current rules (`store.search_index
.rebuild`), with its progress in the log. In each engine's SQL as it shipped."""

from __future__ import annotations

import logging

from peewee import Database, SqliteDatabase

from ruankao_desktop.core.store import search_index

VERSION = 7
NAME = "search_by_name"

log = logging.getLogger(__name__)


def apply(database: Database) -> None:
    sqlite = isinstance(database, SqliteDatabase)
    collate = "" if sqlite else ' COLLATE "C"'
    rowid = " WITHOUT ROWID" if sqlite else ""
    serial = "INTEGER PRIMARY KEY" if sqlite else "SERIAL PRIMARY KEY"
    database.execute_sql("DROP TABLE search_key")
    database.execute_sql(
        f"CREATE TABLE search_name (id {serial}, name VARCHAR(255){collate} NOT NULL UNIQUE)"
    )
    database.execute_sql(
        f"CREATE TABLE search_key (key VARCHAR(255){collate} NOT NULL, "
        "name_id INTEGER NOT NULL REFERENCES search_name (id) ON DELETE CASCADE, "
        "PRIMARY KEY (key, name_id))" + rowid
    )
    database.execute_sql("CREATE INDEX search_key_name_id ON search_key (name_id, key)")
    database.execute_sql(
        "CREATE TABLE search_certificate ("
        "name_id INTEGER NOT NULL REFERENCES search_name (id) ON DELETE CASCADE, "
        "session_day DATE NOT NULL, "
        "certificate_id INTEGER NOT NULL REFERENCES certificate (id) ON DELETE CASCADE, "
        "qualification_id INTEGER NOT NULL, several INTEGER NOT NULL, "
        "PRIMARY KEY (name_id, session_day, certificate_id))" + rowid
    )
    database.execute_sql(
        "CREATE INDEX search_certificate_certificate_id ON search_certificate (certificate_id)"
    )
    # The end of an ID number, and a holder's certificates with their sessions, read off the indexes
    # alone (at five million certificates a random row each of two big tables otherwise).
    database.execute_sql("DROP INDEX holder_id_tail")
    database.execute_sql("CREATE INDEX holder_id_tail ON holder (id_tail, id_number)")
    database.execute_sql("DROP INDEX certificate_holder_id")
    database.execute_sql("CREATE INDEX certificate_holder_id ON certificate (holder_id, session_id)")
    keys = search_index.rebuild(database, progress=search_index.log_progress)
    log.info("search keys built: %d", keys)
