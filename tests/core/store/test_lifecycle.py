"""Opening, refusing, migrating, backing up and restoring real SQLite files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from peewee import Database, OperationalError

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.store.database import db, inspect_sqlite_file, parse_location
from ruankao_desktop.core.store.lifecycle import (
    backup_to,
    check_database,
    open_database,
    restore_from,
)
from ruankao_desktop.core.store.migrations import LATEST_VERSION, MIGRATIONS, Migration, current_version
from ruankao_desktop.core.store.models import AuditEvent, Certificate
from tests.engines import ON_POSTGRES, Target, sqlite_only


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


FILE_COPY = sqlite_only("`db backup` and `restore` copy the SQLite file; a server is backed up with pg_dump")


@dataclass
class _TestMigration:
    """A numbered migration beyond the shipped schema, to exercise an upgrade."""

    VERSION: int
    statements: tuple[str, ...]
    NAME: str = "test"

    def apply(self, database: Database) -> None:
        for statement in self.statements:
            database.execute_sql(statement)


def _migration(version: int, *statements: str) -> Migration:
    return _TestMigration(version, statements)


def test_new_file_gets_the_current_schema_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    opened = open_database(str(tmp_path / "centre.db"))
    try:
        assert current_version(opened.database) == LATEST_VERSION
        assert opened.database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert opened.database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert opened.database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
    finally:
        opened.close()


def test_urls_and_bare_paths_name_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    assert parse_location(str(path)).path == path
    assert parse_location(f"sqlite:///{path}").path == path
    assert parse_location("postgresql://desk:secret@10.0.0.5:5432/centre").display() == (
        "postgresql://desk@10.0.0.5:5432/centre"
    )


@pytest.mark.parametrize("url", ["mysql://x/y", "sqlite://", "sqlite:///:memory:"])
def test_unsupported_urls_are_refused(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        parse_location(url)
    assert caught.value.code == "db.bad_url"


def test_a_folder_that_does_not_exist_is_refused_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "centre.db"
    with pytest.raises(StoreError) as caught:
        open_database(str(target))
    assert str(caught.value) == render("db.folder_missing", folder=str(tmp_path / "missing"))
    assert "不存在" in str(caught.value)
    assert not (tmp_path / "missing").exists()


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder nobody can write: permission bits for an ordinary account; /proc for root, which
    permission bits do not stop."""
    if os.geteuid() == 0:
        return Path("/proc")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return folder


def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = _read_only_folder(tmp_path)
    with pytest.raises(StoreError) as caught:
        open_database(str(folder / "centre.db"))
    assert str(caught.value) == render("db.folder_read_only", folder=str(folder))
    assert "不可写" in str(caught.value)
    assert not (folder / "centre.db").exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    path.write_bytes(os.urandom(4096))
    before = _digest(path)
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert str(caught.value) == render("db.not_a_database", path=str(path))
    assert _digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_someone_elses_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = _digest(path)
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert caught.value.code == "db.not_a_database"
    assert _digest(path) == before


def test_a_database_from_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    open_database(str(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO schema_migration (version, name, applied_at) VALUES (99, 'future', '2030-01-01')"
        )
    connection.close()
    before = _digest(path)
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert str(caught.value) == render("db.too_new", path=str(path), found=99, supported=LATEST_VERSION)
    assert "升级本程序" in str(caught.value)
    assert _digest(path) == before


def test_opening_an_older_database_backs_it_up_then_migrates(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    open_database(str(path)).close()
    upgrade = (*MIGRATIONS, _migration(LATEST_VERSION + 1, "CREATE TABLE notice (id INTEGER PRIMARY KEY)"))
    opened = open_database(str(path), migrations=upgrade)
    try:
        assert current_version(opened.database) == LATEST_VERSION + 1
        assert opened.database.table_exists("notice")
    finally:
        opened.close()
    backups = list(tmp_path.glob(f"centre.db.v{LATEST_VERSION}-*.bak"))
    assert len(backups) == 1
    assert inspect_sqlite_file(backups[0]) == LATEST_VERSION


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    open_database(str(path)).close()
    broken = (
        *MIGRATIONS,
        _migration(LATEST_VERSION + 1, "CREATE TABLE half (id INTEGER)", "SELECT nonsense("),
    )
    with pytest.raises(OperationalError):
        open_database(str(path), migrations=broken)
    db.obj.close()
    assert inspect_sqlite_file(path) == LATEST_VERSION
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables
    assert len(list(tmp_path.glob("centre.db.v*.bak"))) == 1


@FILE_COPY
def test_backup_and_restore_round_trip(demo_db: Path, tmp_path: Path) -> None:
    opened = open_database(str(demo_db))
    try:
        copy = tmp_path / "copy.db"
        backup_to(opened, copy)
        Certificate.update(issuer="changed after the backup").execute()
        safety = restore_from(opened, copy)
        assert not Certificate.select().where(Certificate.issuer == "changed after the backup").exists()
        assert Certificate.select().count() > 0
        assert inspect_sqlite_file(safety) == LATEST_VERSION
        assert check_database(opened).ok
    finally:
        opened.close()


@FILE_COPY
def test_backup_never_overwrites(demo_db: Path, tmp_path: Path) -> None:
    opened = open_database(str(demo_db))
    try:
        existing = tmp_path / "taken.db"
        existing.write_text("keep me")
        with pytest.raises(StoreError) as caught:
            backup_to(opened, existing)
        assert caught.value.code == "db.backup_exists"
        assert existing.read_text() == "keep me"
    finally:
        opened.close()


@FILE_COPY
def test_restoring_from_a_non_database_changes_nothing(demo_db: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"PK\x03\x04 not a database")
    opened = open_database(str(demo_db))
    try:
        events = AuditEvent.select().count()
        with pytest.raises(StoreError) as caught:
            restore_from(opened, bogus)
        assert caught.value.code == "db.not_a_database"
        assert AuditEvent.select().count() == events
        assert not list(tmp_path.glob("*.before-restore-*.bak"))
    finally:
        opened.close()


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL only: SQLite files are backed up above")
def test_a_server_database_is_not_copied_as_a_file_but_pointed_to_pg_dump(
    demo_db: Target, tmp_path: Path
) -> None:
    opened = open_database(str(demo_db))
    try:
        events = AuditEvent.select().count()
        with pytest.raises(StoreError) as caught:
            backup_to(opened, tmp_path / "copy.db")
        assert caught.value.code == "db.not_sqlite" and "pg_dump" in caught.value.message("en")
        assert AuditEvent.select().count() == events
        assert not (tmp_path / "copy.db").exists()
    finally:
        opened.close()


def test_check_reports_integrity_and_version(demo_db: Path) -> None:
    opened = open_database(str(demo_db))
    try:
        report = check_database(opened)
    finally:
        opened.close()
    assert report.ok
    assert report.schema_version == LATEST_VERSION
    assert report.problems == ()
