"""Migrations 5 and 6 give a version-4 database its search keys and the last characters of former ID
numbers, after backing it up; migration 6 lays a version-5 database's keys out by session and counts the
short words. Afterwards every form of the search works on the old data, and the keys and counts are the
ones the program keeps for new data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.database import inspect_sqlite_file
from ruankao_desktop.core.store.lifecycle import open_database
from ruankao_desktop.core.store.migrations import LATEST_VERSION, current_version
from ruankao_desktop.core.store.models import HolderIdentity
from tests.helpers import TODAY


def _keys(path: Path) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    with sqlite3.connect(path) as connection:
        keys = connection.execute("SELECT key, session_day, certificate_id FROM search_key ORDER BY 1, 2, 3")
        counts = connection.execute("SELECT word, session_day, n FROM search_count ORDER BY 1, 2")
        return list(keys), list(counts)


def _as_version_4(path: Path) -> None:
    """The demo database as version 4 left it: no search keys, no former-number tails."""
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE search_key")
        connection.execute("DROP TABLE search_count")
        connection.execute("DROP INDEX holder_identity_id_tail")
        connection.execute("ALTER TABLE holder_identity DROP COLUMN id_tail")
        connection.execute("DELETE FROM schema_migration WHERE version >= 5")
    connection.close()


def _as_version_5(path: Path) -> None:
    """The demo database as version 5 left it: its keys in key order, nothing counted."""
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE search_count")
        connection.execute("ALTER TABLE search_key RENAME TO search_key_new")
        connection.execute("DROP INDEX search_key_certificate_id")
        connection.execute(
            "CREATE TABLE search_key (key VARCHAR(255) NOT NULL, session_day DATE NOT NULL, "
            "certificate_id INTEGER NOT NULL REFERENCES certificate (id) ON DELETE CASCADE, "
            "PRIMARY KEY (key, session_day, certificate_id)) WITHOUT ROWID"
        )
        connection.execute(
            "INSERT INTO search_key SELECT key, session_day, certificate_id FROM search_key_new"
        )
        connection.execute("DROP TABLE search_key_new")
        connection.execute("CREATE INDEX search_key_certificate_id ON search_key (certificate_id)")
        connection.execute("DELETE FROM schema_migration WHERE version = 6")
    connection.close()


def _primary_key(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name, pk FROM pragma_table_info('search_key') WHERE pk > 0")
        ordered = [name for name, _ in sorted(rows, key=lambda row: row[1])]
    connection.close()
    return ordered


def test_a_version_4_database_gets_its_search_keys_after_a_backup(demo_db: Path) -> None:
    kept = _keys(demo_db)
    _as_version_4(demo_db)
    assert inspect_sqlite_file(demo_db) == 4
    opened = open_database(str(demo_db))
    try:
        assert current_version(opened.database) == LATEST_VERSION == 6
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


def test_a_version_5_database_gets_its_keys_by_session_and_its_counts_after_a_backup(demo_db: Path) -> None:
    kept = _keys(demo_db)
    _as_version_5(demo_db)
    assert inspect_sqlite_file(demo_db) == 5
    assert _primary_key(demo_db) == ["key", "session_day", "certificate_id"]
    opened = open_database(str(demo_db))
    try:
        assert current_version(opened.database) == 6
        assert _primary_key(demo_db) == ["session_day", "key", "certificate_id"]
        assert _keys(demo_db) == kept and kept[1]
        result = LookupService(Settings(), today=lambda: TODAY).search("王")
        assert result.total == sum(n for word, _, n in kept[1] if word == "n:王") > 0
    finally:
        opened.close()
    [backup] = demo_db.parent.glob("centre.db.v5-*.bak")
    assert inspect_sqlite_file(backup) == 5
