"""Migration 6: the search keys in session order, and the hits of short words counted ahead
(docs/architecture.md "Search").

The keys' table is laid out anew, its primary key led by the session's date, and `search_count` is
created to hold, per session date, how many certificates a search for a short word alone finds (`n:王`,
`p:wang`). Both are data derived from the names and are filled by migration 7, which lays the index out
by name; in each engine's SQL as it shipped.
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase

VERSION = 6
NAME = "search_by_session"


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
    database.execute_sql("CREATE INDEX search_key_certificate_id ON search_key (certificate_id)")
    database.execute_sql(
        f"CREATE TABLE search_count (word VARCHAR(255){collate} NOT NULL, session_day DATE NOT NULL, "
        "n INTEGER NOT NULL, PRIMARY KEY (word, session_day))" + rowid
    )
