"""Which engine the suite runs on, and databases for tests on either (README "Running the tests on
PostgreSQL").

By default every database is a SQLite file in the test's folder. With `RUANKAO_TEST_DB` set to a
PostgreSQL URL (a role that may create databases; `scripts/pg-test-server start` prints one), each test
gets its own database on that server instead, made from a template seeded once per run, and dropped after
the test. A test of something only a SQLite file has (its bytes, its -wal file, a read-only medium, a
damaged page) is marked `sqlite_only` with the reason.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest

from ruankao_desktop.core.store.database import DatabaseLocation

SERVER_URL = os.environ.get("RUANKAO_TEST_DB", "")
ON_POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))

# A database's target, as `--db` and `open_centre` take it: a SQLite file's path or a server's URL.
Target = Path | str

_names = itertools.count(1)


def sqlite_only(reason: str) -> pytest.MarkDecorator:
    """Skip on PostgreSQL: the test is about something only a SQLite file has (`reason` says what)."""
    return pytest.mark.skipif(ON_POSTGRES, reason=f"SQLite only: {reason}")


def database_url(name: str) -> str:
    """The server URL with another database's name in it."""
    return urlunparse(urlparse(SERVER_URL)._replace(path=f"/{name}"))


def admin() -> Any:
    import psycopg

    return psycopg.connect(SERVER_URL, autocommit=True)


def unique_name(prefix: str) -> str:
    return f"rk_{prefix}_{os.getpid()}_{next(_names)}"


def create_database(name: str, *, template: str | None = None) -> str:
    """A new database on the test server (a copy of `template` when given); its URL."""
    with admin() as connection:
        copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return database_url(name)


def drop_database(name: str) -> None:
    with admin() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def new_database(folder: Path, file_name: str) -> Target:
    """An empty database for one test: a file in `folder` on SQLite, a new database on the server (the
    caller drops it: see the `new_db` fixture)."""
    if not ON_POSTGRES:
        return folder / file_name
    return create_database(unique_name(Path(file_name).stem))


def name_of(target: Target) -> str:
    """A server database's name (from its URL)."""
    return urlparse(str(target)).path.lstrip("/")


def query(target: Target, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows of one statement, read through a connection of its own (not the application's): `?` marks
    the parameters on both engines."""
    if not str(target).startswith("postgres"):
        with sqlite3.connect(target) as connection:
            rows = connection.execute(sql, tuple(params)).fetchall()
        connection.close()
        return rows
    import psycopg

    with psycopg.connect(str(target)) as server:
        return server.execute(sql.replace("?", "%s"), tuple(params)).fetchall()


def execute(target: Target, sql: str, params: Sequence[Any] = ()) -> None:
    """One statement that writes, committed, through a connection of its own (`?` marks parameters)."""
    if not str(target).startswith("postgres"):
        with sqlite3.connect(target) as connection:
            connection.execute(sql, tuple(params))
        connection.close()
        return
    import psycopg

    with psycopg.connect(str(target)) as server:
        server.execute(sql.replace("?", "%s"), tuple(params))


def scalar(target: Target, sql: str, params: Sequence[Any] = ()) -> Any:
    [(value,)] = query(target, sql, params)
    return value


def target_of(location: DatabaseLocation) -> Target:
    """The target of an opened database's location: its file, or its URL."""
    return location.path if location.path is not None else location.url


def database_dump(target: Target) -> list[tuple[Any, ...]]:
    """The schema and every row of every table (audit trail included), each table's rows in the order of
    all its columns: equal dumps, unchanged database."""
    if not str(target).startswith("postgres"):
        return _sqlite_dump(Path(target))
    import psycopg

    with psycopg.connect(str(target)) as connection:
        dump: list[tuple[Any, ...]] = list(
            connection.execute(
                "SELECT table_name, column_name, data_type, is_nullable, column_default "
                "FROM information_schema.columns WHERE table_schema = 'public' "
                "ORDER BY table_name, ordinal_position"
            )
        )
        dump.extend(
            connection.execute(
                "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "ORDER BY tablename, indexname"
            )
        )
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}" LIMIT 0')
            every = ", ".join(str(n) for n in range(1, len(cursor.description or ()) + 1))
            dump.append((table,))
            dump.extend(connection.execute(f'SELECT * FROM "{table}" ORDER BY {every}'))
    return dump


def _sqlite_dump(path: Path) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        listed = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        tables = [(name, "WITHOUT ROWID" in sql) for name, sql in listed]
        dump: list[tuple[Any, ...]] = list(
            connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        )
        for table, without_rowid in tables:
            dump.append((table,))
            columns = len(connection.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
            every = ", ".join(str(n) for n in range(1, columns + 1))
            order = every if without_rowid else "rowid"  # the search index: by all its columns
            dump.extend(connection.execute(f'SELECT * FROM "{table}" ORDER BY {order}'))
        return dump
    finally:
        connection.close()
