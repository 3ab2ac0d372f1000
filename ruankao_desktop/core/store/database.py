"""The database proxy and how a URL or a path becomes an open, migrated database (docs/architecture.md
"Storage engines").

Before peewee touches a SQLite file, the file is inspected read-only: a file that is not a database, or
one written by a newer schema, is refused without a single byte written to it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import peewee
from peewee import Database, DatabaseProxy, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import connect as connect_url

from ruankao_desktop.core.errors import StoreError

db = DatabaseProxy()

BUSY_TIMEOUT_MS = 5000  # how long a desk waits for another desk's write before saying so
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
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
    if not has_sqlite_header(path):
        raise StoreError("db.not_a_database", path=str(path))
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
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


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER


def check_sqlite_path(path: Path) -> None:
    """A database file is a regular file, or nothing yet: not a folder, not a device such as /dev/null."""
    if path.is_dir():
        raise StoreError("db.is_directory", path=str(path))
    if path.exists() and not path.is_file():
        raise StoreError("db.not_a_file", path=str(path))


def check_sqlite_folder(path: Path) -> bool:
    """The path must be a file (`check_sqlite_path`) in a folder that exists. Returns whether the
    database can be written: SQLite needs the file and its -wal and -shm files beside it. An existing
    database that cannot be written (a read-only medium or file) is opened read-only; a new one in a
    folder that takes no files is refused."""
    check_sqlite_path(path)
    folder = path.parent
    if not folder.is_dir():
        raise StoreError("db.folder_missing", folder=str(folder))
    exists = path.exists() and path.stat().st_size > 0
    writable = folder_takes_files(folder) and (not exists or os.access(path, os.W_OK))
    if not writable and not exists:
        raise StoreError("db.folder_read_only", folder=str(folder))
    return writable


def folder_takes_files(folder: Path) -> bool:
    """Whether a new file can be made in `folder`, tried for real: permission bits do not stop an
    administrator account, a read-only medium stops everyone."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


def read_only_uri(path: Path) -> str:
    """A URI that reads the SQLite file `path` without writing a byte. On a read-only medium SQLite cannot
    make the -shm file it needs to read a WAL database, so the file is read as immutable there (nobody can
    change it); unless a -wal file holds writes not yet in the file, which would then be missed."""
    if folder_takes_files(path.parent):
        return f"{path.as_uri()}?mode=ro"
    wal = path.with_name(f"{path.name}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError("db.read_only_unclosed", path=str(path))
    return f"{path.as_uri()}?mode=ro&immutable=1"


def known_problem(error: BaseException) -> StoreError | None:
    """The known error an environment failure stands for (a database locked by another desk, a full
    disk, a read-only medium, a damaged file), or None for a bug.

    The exceptions the error was raised in handling count too: on a full disk SQLite rolls the
    transaction back itself, and the rollback peewee then tries fails with "no transaction is active"."""
    cause: BaseException | None = error
    while cause is not None:
        known = _known_problem(cause)
        if known is not None:
            return known
        cause = cause.__cause__ or cause.__context__
    return None


def _known_problem(error: BaseException) -> StoreError | None:
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return StoreError("db.disk_full")
    state = getattr(error, "sqlstate", None)  # PostgreSQL's own code for what happened
    if state == _PG_LOCK_NOT_AVAILABLE:
        return StoreError("db.locked")
    if state == _PG_DISK_FULL:
        return StoreError("db.disk_full")
    if _lost_server(error):
        return StoreError("db.server_lost", server=_server_of(db.obj))
    if not isinstance(error, (peewee.DatabaseError, sqlite3.DatabaseError)):
        return None
    text = str(error)
    if "locked" in text:
        return StoreError("db.locked")
    if "database or disk is full" in text:
        return StoreError("db.disk_full")
    if "readonly database" in text:
        return StoreError("db.read_only")
    if "malformed" in text:
        return StoreError("db.damaged")
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
    elif isinstance(real, PostgresqlDatabase) and not real.in_transaction():
        with real.atomic():
            # As long as SQLite's busy timeout: a lock another desk holds longer is "another desk writes".
            real.execute_sql(f"SET LOCAL lock_timeout = {SQLITE_PRAGMAS['busy_timeout']}")
            yield real
    else:
        with real.atomic():
            yield real


class WriteLockBusy(StoreError):
    """Another desk holds SQLite's write lock right now (`write_transaction_if_free`)."""

    def __init__(self) -> None:
        super().__init__("db.locked")


@contextmanager
def write_transaction_if_free(database: Database | DatabaseProxy = db, *, wait_ms: int) -> Iterator[Database]:
    """`write_transaction`, but waiting at most `wait_ms` for another desk's lock instead of the 5 s busy
    timeout: raises `WriteLockBusy` when another desk still holds it (a long import, a backup), for work
    that can be done later rather than make a person wait (the audit spool). On SQLite that is the
    database's write lock; on PostgreSQL any lock the transaction meets, such as the audit trail's while
    another desk's audited write runs (`serialise_appends`)."""
    real: Database = database.obj if isinstance(database, DatabaseProxy) else database
    if real.in_transaction():
        with write_transaction(real):
            yield real
        return
    if isinstance(real, PostgresqlDatabase):
        try:
            with real.atomic():
                real.execute_sql(f"SET LOCAL lock_timeout = {int(wait_ms)}")
                yield real
        except peewee.OperationalError as error:
            known = known_problem(error)
            if known is not None and known.code == "db.locked":
                raise WriteLockBusy from error
            raise
        return
    with ExitStack() as stack:
        real.execute_sql(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            stack.enter_context(real.atomic("IMMEDIATE"))
        except peewee.OperationalError as error:
            if "locked" in str(error):
                raise WriteLockBusy from error
            raise
        finally:
            real.execute_sql(f"PRAGMA busy_timeout = {SQLITE_PRAGMAS['busy_timeout']}")
        yield real


_PG_LOCK_NOT_AVAILABLE = "55P03"
_PG_DISK_FULL = "53100"
# The server went away under an open connection: restarted, shut down, its network gone (SQLSTATE class
# 08, and 57P01–57P03: terminated by the administrator, crash shutdown, cannot connect now).
_PG_LOST = ("08", "57P01", "57P02", "57P03")
_PG_LOST_WORDS = (
    "server closed the connection",
    "connection is lost",
    "connection is closed",
    "consuming input failed",
    "connection failed",
    "terminating connection",
)


def _lost_server(error: BaseException) -> bool:
    """Whether a PostgreSQL driver error means the server cannot be reached now (psycopg's own errors:
    a lost connection often has no SQLSTATE, only its words)."""
    if type(error).__module__.split(".")[0] != "psycopg":
        return False
    state = getattr(error, "sqlstate", None) or ""
    return state.startswith(_PG_LOST) or any(words in str(error) for words in _PG_LOST_WORDS)


def lost_server(error: BaseException) -> bool:
    """`_lost_server` for an error or any error it was raised from (peewee wraps psycopg's)."""
    cause: BaseException | None = error
    while cause is not None:
        if _lost_server(cause):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _server_of(database: Database | None) -> str:
    """The server a PostgreSQL engine talks to (never its password)."""
    params = getattr(database, "connect_params", {}) or {}
    return _server_name(params.get("host"), params.get("port"))


def _server_name(host: str | None, port: int | str | None) -> str:
    """`host:port` as the messages name a server, with PostgreSQL's defaults filled in."""
    return f"{host or 'localhost'}:{port or 5432}"


def serialise_appends(database: Database, table: str) -> None:
    """Inside a write transaction, make other writers wait before appending to `table`, so that two desks
    never both read the same "last row" (the audit chain's previous hash, the day's last serial). SQLite's
    write lock, taken by `write_transaction`, already does this; PostgreSQL needs a table lock."""
    if isinstance(database, PostgresqlDatabase):
        database.execute_sql(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')


def connect(location: DatabaseLocation) -> Database:
    """An engine for `location`, not yet bound to the proxy. A server that does not answer is given up
    after `CONNECT_TIMEOUT_S` (unless the URL says otherwise), not after the system's minutes."""
    if location.path is not None:
        return SqliteDatabase(str(location.path), pragmas=SQLITE_PRAGMAS)
    options = {} if "connect_timeout=" in location.url else {"connect_timeout": CONNECT_TIMEOUT_S}
    database: Database = connect_url(location.url, **options)
    if not isinstance(database, PostgresqlDatabase):
        raise StoreError("db.bad_url", url=location.display())
    return database


CONNECT_TIMEOUT_S = 5
# The oldest server tested: Debian 12's. Older ones lack what the schema uses (STRATEGY, FORCE are only
# the tests'), and are out of their makers' support.
OLDEST_SERVER = 13


def server_problem(location: DatabaseLocation, error: BaseException) -> StoreError:
    """What a failed connection to a PostgreSQL server means for the person at the desk: which server,
    and what to check. The URL is shown without its password."""
    parsed = urlparse(location.url)
    server = _server_name(parsed.hostname, parsed.port)
    cause = error.__cause__ or error.__context__ or error
    state = getattr(cause, "sqlstate", None)
    text = str(error)
    if state in ("28P01", "28000") or "password authentication failed" in text:
        return StoreError("db.server_password", server=server, user=unquote(parsed.username or ""))
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return StoreError("db.server_no_database", server=server, name=parsed.path.lstrip("/"))
    if "resolve host" in text or "could not translate host name" in text:
        return StoreError("db.server_unknown_host", host=parsed.hostname or "")
    return StoreError("db.server_unreachable", server=server)


def check_server_version(database: Database, location: DatabaseLocation) -> None:
    """Refuse a server older than `OLDEST_SERVER` before anything is written to it."""
    if not isinstance(database, PostgresqlDatabase):
        return
    number = int(database.execute_sql("SHOW server_version_num").fetchone()[0])
    if number // 10000 < OLDEST_SERVER:
        parsed = urlparse(location.url)
        raise StoreError(
            "db.server_too_old",
            server=_server_name(parsed.hostname, parsed.port),
            version=f"{number // 10000}",
            supported=OLDEST_SERVER,
        )


def connect_read_only(path: Path) -> SqliteDatabase:
    """An engine that only reads the SQLite file `path` (a write fails with SQLite's "readonly
    database", which `known_problem` turns into `db.read_only`)."""
    pragmas = {name: SQLITE_PRAGMAS[name] for name in ("foreign_keys", "busy_timeout", "cache_size")}
    return SqliteDatabase(read_only_uri(path), uri=True, pragmas=pragmas)


def bulk_insert(
    database: Database, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert many rows at once: the fast path for seeding and imports. SQLite runs one prepared
    statement for every row (`executemany`); PostgreSQL takes them as one `COPY … FROM STDIN` stream,
    several times faster than row-by-row inserts over the network. Values must already be in database
    form (ISO text for dates). Call inside a transaction."""
    names = ", ".join(f'"{column}"' for column in columns)
    cursor = database.cursor()
    if isinstance(database, PostgresqlDatabase):
        with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join([database.param] * len(columns))
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


def refresh_statistics(database: Database | DatabaseProxy = db) -> None:
    """After a bulk load (a copy, a seed, a large import), let PostgreSQL's planner see the tables' new
    sizes at once (`ANALYZE`, a sample of each table): until autovacuum comes round, a freshly loaded
    table is planned as if it were nearly empty, and an exact look-up on a million rows became a scan.
    SQLite's planner reads its indexes directly and needs nothing. Call after the load committed."""
    if isinstance(database, DatabaseProxy):
        database = database.obj
    if isinstance(database, PostgresqlDatabase):
        tables = ", ".join(f'"{table}"' for table in database.get_tables())  # the application's own
        if tables:
            database.execute_sql(f"ANALYZE {tables}")
