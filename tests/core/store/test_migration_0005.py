"""Migrations 5 to 7 give a version-4 database its search index and the last characters of former ID
numbers, after backing it up; a version-5 or version-6 database gets its index kept by name (its initials
keys with the names) and the short words counted. Afterwards every form of the search works on the old
data, and the index and counts are the ones the program keeps for new data."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.names import contains_cjk, name_syllables
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.database import inspect_sqlite_file
from ruankao_desktop.core.store.lifecycle import open_database
from ruankao_desktop.core.store.migrations import LATEST_VERSION, current_version
from ruankao_desktop.core.store.models import Holder, HolderIdentity
from tests.core.store.test_migration_0010 import back_to_version_9
from tests.engines import sqlite_only
from tests.helpers import TODAY

# Each older layout is rebuilt here with SQLite's own DDL (WITHOUT ROWID tables, DROP COLUMN on a file);
# the migrations themselves are engine-neutral peewee and run on PostgreSQL in every test's `db init`.
pytestmark = sqlite_only("the older layouts are rebuilt from the demo file with SQLite's DDL")

_EVERY_KEY = (
    "SELECT k.key, c.session_day, c.certificate_id, c.qualification_id FROM search_key k "
    "JOIN search_certificate c ON c.name_id = k.name_id"
)
_NEW_TABLES = ("search_certificate", "search_key", "search_name")


def _keys(path: Path) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    """Every certificate's keys, however they are kept, and the counts."""
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        every = (
            _EVERY_KEY
            if "search_name" in tables
            else "SELECT key, session_day, certificate_id FROM search_key"
        )
        keys = connection.execute(
            f"SELECT DISTINCT key, session_day, certificate_id FROM ({every}) ORDER BY 1, 2, 3"
        )
        counts = connection.execute("SELECT word, session_day, n FROM search_count ORDER BY 1, 2")
        return list(keys), list(counts)


def _keys_per_certificate(connection: sqlite3.Connection, table: str, primary_key: str, columns: str) -> None:
    """An older layout's `search_key`, a row per certificate and key, in place of the index by name."""
    connection.execute(f"CREATE TABLE old_key AS SELECT DISTINCT {columns} FROM ({_EVERY_KEY})")
    for name in _NEW_TABLES:
        connection.execute(f"DROP TABLE {name}")
    connection.execute(
        f"CREATE TABLE {table} (key VARCHAR(255) NOT NULL, session_day DATE NOT NULL, "
        "certificate_id INTEGER NOT NULL REFERENCES certificate (id) ON DELETE CASCADE, "
        f"{'qualification_id INTEGER NOT NULL, ' if 'qualification_id' in columns else ''}"
        f"PRIMARY KEY ({primary_key})) WITHOUT ROWID"
    )
    connection.execute(f"INSERT INTO {table} SELECT {columns} FROM old_key")
    connection.execute("DROP TABLE old_key")
    connection.execute(f"CREATE INDEX search_key_certificate_id ON {table} (certificate_id)")


def _as_version_4(path: Path) -> None:
    """The demo database as version 4 left it: no search keys, no former-number tails."""
    with sqlite3.connect(path) as connection:
        for name in (*_NEW_TABLES, "search_count"):
            connection.execute(f"DROP TABLE {name}")
        connection.execute("DROP INDEX holder_identity_id_tail")
        connection.execute("ALTER TABLE holder_identity DROP COLUMN id_tail")
        back_to_version_9(connection)
        connection.execute("DELETE FROM schema_migration WHERE version >= 5")
    connection.close()


def _as_version_5(path: Path) -> None:
    """The demo database as version 5 left it: its keys per certificate in key order, nothing counted."""
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE search_count")
        _keys_per_certificate(
            connection, "search_key", "key, session_day, certificate_id", "key, session_day, certificate_id"
        )
        back_to_version_9(connection)
        connection.execute("DELETE FROM schema_migration WHERE version >= 6")
    connection.close()


def _as_version_6(path: Path) -> None:
    """The demo database as version 6 left it: its keys per certificate by session, initials keys
    without the name they are of."""
    with sqlite3.connect(path) as connection:
        _keys_per_certificate(
            connection,
            "search_key",
            "session_day, key, certificate_id",
            "key, session_day, certificate_id, qualification_id",
        )
        connection.execute(
            "UPDATE search_key SET key = substr(key, 1, instr(key, '/') - 1) "
            "WHERE key >= 'i:' AND key < 'i;' AND instr(key, '/') > 0"
        )
        back_to_version_9(connection)
        connection.execute("DELETE FROM schema_migration WHERE version >= 7")
    connection.close()


def _primary_key(path: Path, table: str = "search_key") -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(f"SELECT name, pk FROM pragma_table_info('{table}') WHERE pk > 0")
        ordered = [name for name, _ in sorted(rows, key=lambda row: row[1])]
    connection.close()
    return ordered


def test_a_version_4_database_gets_its_search_keys_after_a_backup(demo_db: Path) -> None:
    kept = _keys(demo_db)
    _as_version_4(demo_db)
    assert inspect_sqlite_file(demo_db) == 4
    opened = open_database(str(demo_db))
    try:
        assert current_version(opened.database) == LATEST_VERSION
        assert _keys(demo_db) == kept  # what the seeder built for new data, built for old data
        former = HolderIdentity.select().where(HolderIdentity.kind == "id_number").first()
        assert former is not None and former.id_tail == former.value[-4:]
        result = LookupService(Settings(), today=lambda: TODAY).search(former.value[-4:])
        assert former.holder.name in {hit.summary.name for hit in result.hits}
    finally:
        opened.close()
    [backup] = demo_db.parent.glob("centre.db.v4-*.bak")
    assert inspect_sqlite_file(backup) == 4
    with sqlite3.connect(backup) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    connection.close()
    assert "search_key" not in tables


def test_a_version_5_database_gets_its_keys_by_session_and_its_counts_after_a_backup(
    demo_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    kept = _keys(demo_db)
    _as_version_5(demo_db)
    assert inspect_sqlite_file(demo_db) == 5
    assert _primary_key(demo_db) == ["key", "session_day", "certificate_id"]
    opened = open_database(str(demo_db))
    try:
        assert current_version(opened.database) == LATEST_VERSION
        assert _primary_key(demo_db) == ["key", "name_id"]
        assert _primary_key(demo_db, "search_certificate") == ["name_id", "session_day", "certificate_id"]
        assert _keys(demo_db) == kept and kept[1]
        result = LookupService(Settings(), today=lambda: TODAY).search("王")
        assert result.total == sum(n for word, _, n in kept[1] if word == "n:王") > 0
    finally:
        opened.close()
    [backup] = demo_db.parent.glob("centre.db.v5-*.bak")
    assert inspect_sqlite_file(backup) == 5
    assert sum(message.startswith("search keys built") for message in caplog.messages) == 1  # by 7 only


def test_a_version_6_database_gets_its_index_by_name_after_a_backup(demo_db: Path) -> None:
    kept = _keys(demo_db)
    holder = next(h for h in Holder.select() if len(h.name) == 3 and all(map(contains_cjk, h.name)))
    typed = "".join(syllable[0] for syllable in name_syllables(holder.name)[:2]) + holder.name[2]  # wx明
    _as_version_6(demo_db)
    assert _keys(demo_db) != kept  # the initials without the names
    assert _primary_key(demo_db) == ["session_day", "key", "certificate_id"]
    opened = open_database(str(demo_db))
    try:
        assert current_version(opened.database) == LATEST_VERSION
        assert _keys(demo_db) == kept
        result = LookupService(Settings(), today=lambda: TODAY).search(typed)
        assert holder.name in {hit.summary.name for hit in result.hits}
    finally:
        opened.close()
    [backup] = demo_db.parent.glob("centre.db.v6-*.bak")
    assert inspect_sqlite_file(backup) == 6
