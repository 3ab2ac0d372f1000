"""The database proxy and how a URL or a path becomes an open, migrated database (docs/architecture.md
"Storage engines").

Before peewee touches a SQLite file, the file is inspected read-only: a file that is not a database, or
one written by a newer schema, is refused without a single byte written to it.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import peewee
from peewee import Database, DatabaseProxy, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import connect as connect_url

from ruankao_desktop.core.errors import StoreError

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    # FULL: a handover or an audit event acknowledged to the operator survives a power cut.
    "synchronous": "full",
    "cache_size": -64 * 1024,
}
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class DatabaseLocation:
    """Where a database lives: a SQLite file (`path`) or a server (`url`)."""

    url: str
    path: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def display(self) -> str:
        """For status bars and messages: the file path, or the server URL without its password."""
        if self.path is not None:
            return str(self.path)
        parsed = urlparse(self.url)
        host = parsed.hostname or ""
        port = f":{parsed.port}" if parsed.port else ""
        user = f"{parsed.username}@" if parsed.username else ""
        return f"{parsed.scheme}://{user}{host}{port}{parsed.path}"


def parse_location(target: str) -> DatabaseLocation:
    """`sqlite:////abs.db`, `sqlite:///rel.db`, `postgresql://…`, or a bare file path (a SQLite file)."""
    if "://" not in target:
        return DatabaseLocation(url=target, path=Path(target).expanduser().absolute())
    scheme = target.split("://", 1)[0].lower()
    if scheme == "sqlite":
        raw = unquote(target[len("sqlite:///") :]) if target.lower().startswith("sqlite:///") else ""
        if not raw or raw == ":memory:":
            raise StoreError("db.bad_url", url=target)
        return DatabaseLocation(url=target, path=Path(raw).absolute())
    if scheme in {"postgres", "postgresql", "postgresext", "postgresqlext"}:
        return DatabaseLocation(url=target)
    raise StoreError("db.bad_url", url=DatabaseLocation(url=target).display())


def inspect_sqlite_file(path: Path) -> int | None:
    """The schema version of an existing SQLite file, read without writing; None for a new/empty file.

    Raises `StoreError` for a file that is not a SQLite database, or not one of ours.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise StoreError("db.not_a_database", path=str(path))
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError("db.unavailable", path=str(path), reason=str(exc)) from exc
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if "schema_migration" not in tables:
            raise StoreError("db.not_a_database", path=str(path))
        row = connection.execute("SELECT MAX(version) FROM schema_migration").fetchone()
        return int(row[0] or 0)
    except sqlite3.DatabaseError as exc:
        raise StoreError("db.not_a_database", path=str(path)) from exc
    finally:
        connection.close()


def check_sqlite_folder(path: Path) -> None:
    """The folder must exist and take new files: SQLite writes its -wal and -shm files beside the
    database. Permission bits do not stop an administrator account, so a real file is tried."""
    folder = path.parent
    if not folder.is_dir():
        raise StoreError("db.folder_missing", folder=str(folder))
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError("db.folder_read_only", folder=str(folder))
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        raise StoreError("db.folder_read_only", folder=str(folder)) from None


def known_problem(error: BaseException) -> StoreError | None:
    """The known error an environment failure stands for (a database locked by another desk), or None
    for a bug."""
    if isinstance(error, (peewee.OperationalError, sqlite3.OperationalError)) and "locked" in str(error):
        return StoreError("db.locked")
    return None


@contextmanager
def write_transaction(database: Database | DatabaseProxy = db) -> Iterator[Database]:
    """A transaction for a write: on SQLite it takes the write lock at once (BEGIN IMMEDIATE), so that
    a read-then-write never fails half-way because another desk wrote in between. Nested calls become
    savepoints of the outer transaction. Yields the real database behind the proxy."""
    real: Database = database.obj if isinstance(database, DatabaseProxy) else database
    if isinstance(real, SqliteDatabase) and not real.in_transaction():
        with real.atomic("IMMEDIATE"):
            yield real
    else:
        with real.atomic():
            yield real


def serialise_appends(database: Database, table: str) -> None:
    """Inside a write transaction, make other writers wait before appending to `table`, so that two desks
    never both read the same "last row" (the audit chain's previous hash, the day's last serial). SQLite's
    write lock, taken by `write_transaction`, already does this; PostgreSQL needs a table lock."""
    if isinstance(database, PostgresqlDatabase):
        database.execute_sql(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')


def connect(location: DatabaseLocation) -> Database:
    """An engine for `location`, not yet bound to the proxy."""
    if location.path is not None:
        return SqliteDatabase(str(location.path), pragmas=SQLITE_PRAGMAS)
    database: Database = connect_url(location.url)
    if not isinstance(database, PostgresqlDatabase):
        raise StoreError("db.bad_url", url=location.display())
    return database


def bulk_insert(
    database: Database, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert many rows with one prepared statement (`executemany`): the fast path for seeding and
    imports. Values must already be in database form (ISO text for dates). Call inside a transaction."""
    names = ", ".join(f'"{column}"' for column in columns)
    marks = ", ".join([database.param] * len(columns))
    cursor = database.cursor()
    cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


def reset_sequences(database: Database, tables: Iterable[str]) -> None:
    """After rows were inserted with explicit ids, let PostgreSQL's sequences continue after them
    (SQLite needs nothing: it continues after the largest rowid)."""
    if not isinstance(database, PostgresqlDatabase):
        return
    for table in tables:
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
        )
