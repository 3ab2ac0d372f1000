"""Migration 5: the search keys (docs/architecture.md "Search"), and the last characters of former ID
numbers, so that a surname, partial pinyin or the end of an ID number is found by an index.

The tables as they shipped, in each engine's SQL: SQLite keeps the keys in their primary key alone
(WITHOUT ROWID); PostgreSQL compares them byte by byte (COLLATE "C"), so a range of keys is a prefix. The
keys themselves are built by migration 6, which laid the table out anew: they are data derived from the
names, rebuilt by `db reindex` whenever the rules change.
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase

VERSION = 5
NAME = "search_keys"


def apply(database: Database) -> None:
    sqlite = isinstance(database, SqliteDatabase)
    collate = "" if sqlite else ' COLLATE "C"'
    database.execute_sql(
        f"CREATE TABLE search_key (key VARCHAR(255){collate} NOT NULL, session_day DATE NOT NULL, "
        "certificate_id INTEGER NOT NULL REFERENCES certificate (id) ON DELETE CASCADE, "
        "PRIMARY KEY (key, session_day, certificate_id))" + (" WITHOUT ROWID" if sqlite else "")
    )
    columns = "certificate_id" if sqlite else "certificate_id, key"
    database.execute_sql(f"CREATE INDEX search_key_certificate_id ON search_key ({columns})")
    database.execute_sql("ALTER TABLE holder_identity ADD COLUMN id_tail VARCHAR(255)")
    database.execute_sql(
        "UPDATE holder_identity SET id_tail = substr(value, length(value) - 3) WHERE kind = 'id_number'"
    )
    database.execute_sql("CREATE INDEX holder_identity_id_tail ON holder_identity (id_tail)")
