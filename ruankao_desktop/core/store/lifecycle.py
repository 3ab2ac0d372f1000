"""Opening, checking, backing up and restoring the database.

`open_database` is the one way in: it validates the location, refuses what it must refuse before writing
anything, binds the `db` proxy and brings the schema up to date (after a backup when data exists).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from peewee import Database, DatabaseError, ImproperlyConfigured, OperationalError, SqliteDatabase

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.messages import Language, Notice
from ruankao_desktop.core.store.database import (
    BUSY_TIMEOUT_MS,
    DatabaseLocation,
    check_server_version,
    check_sqlite_folder,
    check_sqlite_path,
    connect,
    connect_read_only,
    db,
    has_sqlite_header,
    inspect_sqlite_file,
    parse_location,
    read_only_uri,
    server_problem,
)
from ruankao_desktop.core.store.migrations import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    current_version,
    migrate,
)
from ruankao_desktop.core.store.models import ALL_MODELS

# Problems about the schema's version: `db migrate` or a newer program fixes them, not a restore.
VERSION_PROBLEMS = frozenset({"db.check.old_schema", "db.check.too_new"})
SHOWN_PROBLEMS = 5
_LOCKED_RETRY_S = 0.05  # between tries to open a SQLite file another desk holds locked

log = logging.getLogger(__name__)


@dataclass
class OpenDatabase:
    """A database bound to the proxy, with where it lives; `read_only` when it was opened only to read
    (a file on a read-only medium, or opened for `db check`)."""

    database: Database
    location: DatabaseLocation
    read_only: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.location.is_sqlite

    def close(self) -> None:
        if not self.database.is_closed():
            self.database.close()


def open_database(target: str, *, migrations: Sequence[Migration] = MIGRATIONS) -> OpenDatabase:
    """Open `target` (a URL or a path), refusing a non-database or a newer schema before writing, and
    apply `migrations` it lacks (tests pass an extended list to exercise an upgrade). A SQLite file that
    cannot be written (a read-only medium) is opened read-only when its schema is current: reading works,
    a write is refused with `db.read_only`."""
    latest = migrations[-1].VERSION
    location = parse_location(target)
    if location.path is not None:
        writable = check_sqlite_folder(location.path)
        found = inspect_sqlite_file(location.path) or 0
        if found > latest:
            raise StoreError("db.too_new", path=str(location.path), found=found, supported=latest)
        if not writable:
            if found < latest:
                raise StoreError("db.read_only_old", path=str(location.path), found=found, latest=latest)
            return _bind(connect_read_only(location.path), location, read_only=True)
    opened = _bind(connect(location), location)
    database = opened.database
    if not opened.is_sqlite:
        found = current_version(database)
        if found > latest:
            database.close()
            raise StoreError("db.too_new", path=location.display(), found=found, supported=latest)
    migrate(database, backup=lambda version: backup_before_migration(opened, version), migrations=migrations)
    return opened


def open_for_check(target: str) -> OpenDatabase:
    """`target` opened to be examined as it is: a SQLite file read-only (so that a damaged file, or one on a
    read-only medium, can be checked), never migrated. Refuses only what is not a database at all."""
    location = parse_location(target)
    if location.path is None:
        return _bind(connect(location), location)
    path = location.path
    check_sqlite_path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise StoreError("db.check_missing", path=str(path))
    if not has_sqlite_header(path):
        raise StoreError("db.not_a_database", path=str(path))
    return _bind(connect_read_only(path), location, read_only=True)


def _bind(database: Database, location: DatabaseLocation, *, read_only: bool = False) -> OpenDatabase:
    """Connect `database` and bind the proxy to it, a failure to connect being a known error."""
    db.initialize(connected(database, location))
    return OpenDatabase(database, location, read_only)


def connected(database: Database, location: DatabaseLocation) -> Database:
    """`database` connected (not bound to the proxy), a failure to connect being a known error, and a
    server too old refused before anything is written to it."""
    try:
        _connect(database)
    except ImproperlyConfigured as exc:  # peewee's words for "psycopg is not installed"
        raise StoreError("db.driver_missing", url=location.display()) from exc
    except OperationalError as exc:
        if location.path is None:
            raise server_problem(location, exc) from exc
        raise StoreError("db.unavailable", path=location.display(), reason=str(exc).strip()) from exc
    try:
        check_server_version(database, location)
    except StoreError:
        database.close()
        raise
    return database


def _connect(database: Database) -> None:
    """Connect, waiting up to the busy timeout while another desk holds a SQLite file locked: its
    connection settings (WAL) are applied as it opens, and SQLite answers "database is locked" at once,
    without waiting, while another process creates or migrates the file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            database.connect(reuse_if_open=True)
            return
        except OperationalError as exc:
            locked = isinstance(database, SqliteDatabase) and "locked" in str(exc)
            if not locked or time.monotonic() >= deadline:
                raise
        time.sleep(_LOCKED_RETRY_S)


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
    try:
        destination = sqlite3.connect(target)
    except sqlite3.OperationalError as exc:  # a read-only folder or medium
        raise StoreError("db.backup_unwritable", path=str(target), reason=str(exc)) from exc
    try:
        opened.database.connection().backup(destination)
        # One self-contained file: in the live database's WAL mode, every later reader of the copy
        # would leave -wal and -shm files beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        destination.close()
        # No half-written copy (a full disk) that looks like a backup, nor its rollback journal.
        for leftover in (target, target.with_name(f"{target.name}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    destination.close()


def restore_from(opened: OpenDatabase, source: Path) -> Path:
    """Replace the database's content with a backup's, after a safety copy of the current content.

    The backup is checked first — a SQLite file of ours, not newer, intact pages and foreign keys, every
    table with its columns — and refused before anything is written; then it is copied in with the online
    backup API and brought up to the current schema. Returns the safety copy's path.
    """
    if opened.location.path is None:
        raise StoreError("db.not_sqlite")
    if opened.read_only:
        raise StoreError("db.read_only")
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
    problems = [Notice("db.check.integrity", {"detail": detail}) for detail in integrity_problems(source)]
    backup = connect_read_only(source)
    try:
        problems += schema_problems(backup, found)[0]
    finally:
        backup.close()
    if problems:
        raise StoreError("db.restore_damaged", path=str(source), details=ProblemList(tuple(problems)))
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    safety = opened.location.path.with_name(f"{opened.location.path.name}.before-restore-{stamp}.bak")
    backup_to(opened, safety)
    origin = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        origin.backup(opened.database.connection())
    finally:
        origin.close()
    migrate(opened.database, backup=lambda version: None)
    return safety


@dataclass(frozen=True)
class ProblemList:
    """Problems as one parameter of a message, rendered in that message's language (the first few)."""

    notices: tuple[Notice, ...]

    def text(self, lang: Language) -> str:
        shown = [notice.message(lang) for notice in self.notices[:SHOWN_PROBLEMS]]
        if len(self.notices) > SHOWN_PROBLEMS:
            shown.append("…")
        return ("；" if lang == "zh" else "; ").join(shown)


def integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` and `foreign_key_check` report on the SQLite file `path`, read
    read-only; empty when all is well. A page too damaged to be checked is itself the problem."""
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [
            f"foreign key {row[0]}#{row[1]} → {row[2]}"
            for row in connection.execute("PRAGMA foreign_key_check")
        ]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    finally:
        connection.close()
    return problems


def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """The tables, with their columns, of a database at `version`: the models' for the current schema,
    what the migrations up to `version` create for an older one (a backup taken before an upgrade)."""
    if version >= LATEST_VERSION:
        return {
            model._meta.table_name: frozenset(field.column_name for field in model._meta.sorted_fields)
            for model in ALL_MODELS
        }
    scratch = SqliteDatabase(":memory:")
    try:
        migrate(scratch, backup=lambda old: None, migrations=MIGRATIONS[:version])
        return {
            table: frozenset(column.name for column in scratch.get_columns(table))
            for table in scratch.get_tables()
        }
    finally:
        scratch.close()


def schema_problems(database: Database, version: int) -> tuple[list[Notice], frozenset[str]]:
    """Each table of the schema at `version` (the current one when unknown) that is missing or has other
    columns; and the names of those tables, which cannot be read as the program expects."""
    expected = expected_schema(version or LATEST_VERSION)
    try:
        present = set(database.get_tables())
        found = {table: {column.name for column in database.get_columns(table)} for table in present}
    except DatabaseError as exc:
        return [Notice("db.check.unreadable", {"reason": str(exc)})], frozenset(expected)
    problems = []
    damaged = set()
    for table, columns in sorted(expected.items()):
        if table not in present:
            problems.append(Notice("db.check.table_missing", {"table": table}))
            damaged.add(table)
        elif found[table] != columns:
            missing = ", ".join(sorted(columns - found[table])) or "—"
            extra = ", ".join(sorted(found[table] - columns)) or "—"
            problems.append(
                Notice("db.check.table_altered", {"table": table, "missing": missing, "extra": extra})
            )
            damaged.add(table)
    return problems, frozenset(damaged)


@dataclass(frozen=True)
class CheckReport:
    """What `db check` found: the schema version, each problem as a message with its parameters, the
    tables that cannot be read as expected, and the backups beside a SQLite file, newest first."""

    location: str
    schema_version: int
    latest_version: int
    problems: tuple[Notice, ...]
    damaged_tables: frozenset[str] = frozenset()
    backups: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def damaged(self) -> bool:
        """Something a migration cannot fix: the newest good backup should be restored."""
        return any(problem.code not in VERSION_PROBLEMS for problem in self.problems)

    def with_problems(self, more: Sequence[Notice]) -> CheckReport:
        return replace(self, problems=(*self.problems, *more))


def check_database(opened: OpenDatabase) -> CheckReport:
    """Schema version, SQLite's page and foreign-key checks (PostgreSQL keeps its own), and every table
    with the columns the schema gives it. A damaged database is reported, never raised: the report is how
    a clerk learns that a backup must be restored."""
    problems: list[Notice] = []
    try:
        version = current_version(opened.database)
    except DatabaseError as exc:
        version = 0
        problems.append(Notice("db.check.unreadable", {"reason": str(exc)}))
    else:
        if not opened.database.table_exists("schema_migration"):
            problems.append(Notice("db.check.no_version"))
        elif version < LATEST_VERSION:
            problems.append(Notice("db.check.old_schema", {"version": version, "latest": LATEST_VERSION}))
        elif version > LATEST_VERSION:
            problems.append(Notice("db.check.too_new", {"version": version, "latest": LATEST_VERSION}))
    path = opened.location.path
    backups: tuple[Path, ...] = ()
    if path is not None:
        problems += [Notice("db.check.integrity", {"detail": detail}) for detail in integrity_problems(path)]
        backups = tuple(
            sorted(path.parent.glob("*.bak"), key=lambda file: file.stat().st_mtime, reverse=True)
        )
    structure, damaged = schema_problems(opened.database, min(version, LATEST_VERSION))
    return CheckReport(
        opened.location.display(),
        version,
        LATEST_VERSION,
        (*problems, *structure),
        damaged,
        backups,
    )
