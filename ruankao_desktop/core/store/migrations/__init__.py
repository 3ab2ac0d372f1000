"""Numbered schema migrations and the runner that applies them.

Each migration is a module `mNNNN_name.py` with `VERSION`, `NAME` and `apply(database)`; it holds a frozen
copy of what it creates, so that later edits to `models.py` never change what an old migration does.
The version applied last is recorded in `schema_migration`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from peewee import Database

from ruankao_desktop.core.store.migrations import (
    m0001_initial,
    m0002_reissue_request,
    m0003_printing,
    m0004_audit_key,
    m0005_search_keys,
    m0006_search_by_session,
    m0007_search_by_name,
)


class Migration(Protocol):
    """What a migration module provides."""

    VERSION: int
    NAME: str

    def apply(self, database: Database) -> None: ...


MIGRATIONS: tuple[Migration, ...] = (
    m0001_initial,
    m0002_reissue_request,
    m0003_printing,
    m0004_audit_key,
    m0005_search_keys,
    m0006_search_by_session,
    m0007_search_by_name,
)
LATEST_VERSION = MIGRATIONS[-1].VERSION


def current_version(database: Database) -> int:
    if not database.table_exists("schema_migration"):
        return 0
    row = database.execute_sql("SELECT MAX(version) FROM schema_migration").fetchone()
    return int(row[0] or 0)


def migrate(
    database: Database,
    *,
    backup: Callable[[int], object],
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction.

    `backup(version)` runs first whenever a database that already holds data (version ≥ 1) is upgraded.
    Returns the versions applied.
    """
    version = current_version(database)
    pending = [m for m in migrations if version < m.VERSION]
    if pending and version > 0:
        backup(version)
    applied = []
    for migration in pending:
        with database.atomic():
            migration.apply(database)
            p = database.param
            database.execute_sql(
                f"INSERT INTO schema_migration (version, name, applied_at) VALUES ({p}, {p}, {p})",
                (migration.VERSION, migration.NAME, datetime.now().isoformat(timespec="seconds")),
            )
        applied.append(migration.VERSION)
    return applied
