"""Numbered schema migrations and the runner that applies them.

Each migration is a module `mNNNN_name.py` with `VERSION`, `NAME` and `apply(database)`; it holds a frozen
copy of what it creates, so that later edits to `models.py` never change what an old migration does.
The version applied last is recorded in `schema_migration`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Protocol

from peewee import Database, PostgresqlDatabase

from ruankao_desktop.core.store.migrations import (
    m0001_initial,
    m0002_reissue_request,
    m0003_printing,
    m0004_audit_key,
    m0005_search_keys,
    m0006_search_by_session,
    m0007_search_by_name,
    m0008_numbers_byte_order,
    m0009_announcements,
    m0010_handover_details,
    m0011_reissue_workflow,
    m0012_enquiries,
    m0013_state_indexes,
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
    m0008_numbers_byte_order,
    m0009_announcements,
    m0010_handover_details,
    m0011_reissue_workflow,
    m0012_enquiries,
    m0013_state_indexes,
)
LATEST_VERSION = MIGRATIONS[-1].VERSION


def current_version(database: Database) -> int:
    if not database.table_exists("schema_migration"):
        return 0
    row = database.execute_sql("SELECT MAX(version) FROM schema_migration").fetchone()
    return int(row[0] or 0)


# The key of PostgreSQL's advisory lock that one migration at a time holds (any number of our own).
MIGRATION_LOCK = 0x7275616E6B616F  # "ruankao"


@contextmanager
def _one_at_a_time(database: Database) -> Iterator[None]:
    """A migration's transaction, taken by one process at a time. On PostgreSQL it waits as long as the
    other's step takes (a step may rebuild an index of millions of rows); on SQLite the busy timeout
    applies, after which opening says that another desk is writing."""
    if isinstance(database, PostgresqlDatabase):
        with database.atomic():
            database.execute_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            yield
        return
    with database.atomic("IMMEDIATE"):
        yield


def migrate(
    database: Database,
    *,
    backup: Callable[[int], object],
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction, which holds the
    database's write lock (SQLite) or the migrations' lock (PostgreSQL) from its start: desks started
    together after an upgrade wait for the one migrating, then find the step done.

    `backup(version)` runs first whenever a database that already holds data (version ≥ 1) is upgraded.
    Returns the versions applied.
    """
    version = current_version(database)
    pending = [m for m in migrations if version < m.VERSION]
    if pending and version > 0:
        backup(version)
    applied = []
    for migration in pending:
        with _one_at_a_time(database):
            if current_version(database) >= migration.VERSION:
                continue  # another desk, starting at the same moment, applied it meanwhile
            migration.apply(database)
            p = database.param
            database.execute_sql(
                f"INSERT INTO schema_migration (version, name, applied_at) VALUES ({p}, {p}, {p})",
                (migration.VERSION, migration.NAME, datetime.now().isoformat(timespec="seconds")),
            )
        applied.append(migration.VERSION)
    return applied
