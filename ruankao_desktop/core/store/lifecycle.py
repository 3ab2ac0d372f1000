"""Opening, checking, backing up and restoring the database.

`open_database` is the one way in: it validates the location, refuses what it must refuse before writing
anything, binds the `db` proxy and brings the schema up to date (after a backup when data exists).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import Database, OperationalError

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.store.database import (
    DatabaseLocation,
    check_sqlite_folder,
    connect,
    db,
    inspect_sqlite_file,
    parse_location,
)
from ruankao_desktop.core.store.migrations import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    current_version,
    migrate,
)

log = logging.getLogger(__name__)


@dataclass
class OpenDatabase:
    """A database bound to the proxy, with where it lives."""

    database: Database
    location: DatabaseLocation

    @property
    def is_sqlite(self) -> bool:
        return self.location.is_sqlite

    def close(self) -> None:
        if not self.database.is_closed():
            self.database.close()


def open_database(target: str, *, migrations: Sequence[Migration] = MIGRATIONS) -> OpenDatabase:
    """Open `target` (a URL or a path), refusing a non-database or a newer schema before writing, and
    apply `migrations` it lacks (tests pass an extended list to exercise an upgrade)."""
    latest = migrations[-1].VERSION
    location = parse_location(target)
    if location.path is not None:
        check_sqlite_folder(location.path)
        found = inspect_sqlite_file(location.path)
        if found is not None and found > latest:
            raise StoreError("db.too_new", path=str(location.path), found=found, supported=latest)
    database = connect(location)
    try:
        database.connect(reuse_if_open=True)
    except OperationalError as exc:
        raise StoreError("db.unavailable", path=location.display(), reason=str(exc).strip()) from exc
    db.initialize(database)
    opened = OpenDatabase(database, location)
    if not opened.is_sqlite:
        found = current_version(database)
        if found > latest:
            database.close()
            raise StoreError("db.too_new", path=location.display(), found=found, supported=latest)
    migrate(database, backup=lambda version: backup_before_migration(opened, version), migrations=migrations)
    return opened


def backup_before_migration(opened: OpenDatabase, version: int) -> Path | None:
    """A copy of a SQLite file beside it, named after the version it had; PostgreSQL migrates in one
    transaction per step and relies on the server's own backups (pg_dump)."""
    if opened.location.path is None:
        log.info("PostgreSQL database at schema %s: migrating without a file backup", version)
        return None
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = opened.location.path.with_name(f"{opened.location.path.name}.v{version}-{stamp}.bak")
    backup_to(opened, target)
    log.info("backed up schema %s to %s before migrating", version, target)
    return target


def backup_to(opened: OpenDatabase, target: Path) -> None:
    """A consistent copy of a live SQLite database (sqlite3's online backup), never overwriting a file."""
    if opened.location.path is None:
        raise StoreError("db.not_sqlite")
    target = target.expanduser().absolute()
    if target.exists():
        raise StoreError("db.backup_exists", path=str(target))
    if not target.parent.is_dir():
        raise StoreError("db.backup_folder_missing", folder=str(target.parent))
    destination = sqlite3.connect(target)
    try:
        opened.database.connection().backup(destination)
    finally:
        destination.close()


def restore_from(opened: OpenDatabase, source: Path) -> Path:
    """Replace the database's content with a backup's, after a safety copy of the current content.

    The backup is checked first (a SQLite file of ours, not newer, intact); then it is copied in with the
    online backup API and brought up to the current schema. Returns the safety copy's path.
    """
    if opened.location.path is None:
        raise StoreError("db.not_sqlite")
    source = source.expanduser().absolute()
    if not source.is_file():
        raise StoreError("db.restore_missing", path=str(source))
    if source == opened.location.path:
        raise StoreError("db.restore_same")
    found = inspect_sqlite_file(source)
    if found is None:
        raise StoreError("db.not_a_database", path=str(source))
    if found > LATEST_VERSION:
        raise StoreError("db.too_new", path=str(source), found=found, supported=LATEST_VERSION)
    problems = integrity_problems(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True))
    if problems:
        raise StoreError("db.integrity_failed", details="; ".join(problems[:5]))
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    safety = opened.location.path.with_name(f"{opened.location.path.name}.before-restore-{stamp}.bak")
    backup_to(opened, safety)
    origin = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        origin.backup(opened.database.connection())
    finally:
        origin.close()
    migrate(opened.database, backup=lambda version: None)
    return safety


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """What `PRAGMA integrity_check` and `foreign_key_check` report; empty when all is well."""
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [
            f"foreign key {row[0]}#{row[1]} → {row[2]}"
            for row in connection.execute("PRAGMA foreign_key_check")
        ]
    finally:
        connection.close()
    return problems


@dataclass(frozen=True)
class CheckReport:
    location: str
    schema_version: int
    latest_version: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and self.schema_version == self.latest_version


def check_database(opened: OpenDatabase) -> CheckReport:
    """Integrity (SQLite: page and foreign-key checks; PostgreSQL keeps its own) and schema version."""
    version = current_version(opened.database)
    path = opened.location.path
    problems = integrity_problems(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) if path else []
    return CheckReport(opened.location.display(), version, LATEST_VERSION, tuple(problems))
