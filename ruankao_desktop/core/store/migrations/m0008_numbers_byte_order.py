"""Migration 8: 证书编号 and 管理号 compared byte by byte on PostgreSQL (docs/architecture.md "Storage
engines").

A number is found by its start as a range of its column (`>= 'C1612000' AND < 'C1612001'`), which is its
prefix only in the order of its bytes: SQLite's, and a server database made with the C locale. A server
database made with another locale (zh_CN.UTF-8, en_US.UTF-8, an ICU one) orders text by language rules,
which pass over `-` and `/`, so that such a range could hold numbers that do not start with what was
typed, and ranks them differently from SQLite. The two columns (and their indexes) are given the "C"
collation, as the search keys have had since migration 5. SQLite needs nothing."""

from __future__ import annotations

from peewee import Database, SqliteDatabase

VERSION = 8
NAME = "numbers_byte_order"


def apply(database: Database) -> None:
    if isinstance(database, SqliteDatabase):
        return
    for column in ("cert_no", "management_no"):
        database.execute_sql(f'ALTER TABLE certificate ALTER COLUMN {column} TYPE VARCHAR(255) COLLATE "C"')
