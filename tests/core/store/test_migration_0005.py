"""Migration 5 gives a version-4 database its search keys and the last characters of former ID numbers,
after backing it up: afterwards every form of the search works on the old data, and the keys are the
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


def _keys(path: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT key, session_day, certificate_id FROM search_key ORDER BY 1, 2, 3")
        return list(rows)


def _as_version_4(path: Path) -> None:
    """The demo database as version 4 left it: no search keys, no former-number tails."""
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE search_key")
        connection.execute("DROP INDEX holder_identity_id_tail")
        connection.execute("ALTER TABLE holder_identity DROP COLUMN id_tail")
        connection.execute("DELETE FROM schema_migration WHERE version = 5")
    connection.close()


def test_a_version_4_database_gets_its_search_keys_after_a_backup(demo_db: Path) -> None:
    kept = _keys(demo_db)
    _as_version_4(demo_db)
    assert inspect_sqlite_file(demo_db) == 4
    opened = open_database(str(demo_db))
    try:
        assert current_version(opened.database) == LATEST_VERSION == 5
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
