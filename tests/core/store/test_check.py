"""`db check` and `db restore` against damaged files: a corrupt page, a missing table, an altered table,
a broken audit chain; and the environment's failures (full disk, read-only file) as known errors."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import peewee
import pytest

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.messages import Notice, render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.backup import check_target
from ruankao_desktop.core.store import database as store_database
from ruankao_desktop.core.store.database import db, known_problem
from ruankao_desktop.core.store.lifecycle import (
    expected_schema,
    open_database,
    restore_from,
)
from ruankao_desktop.core.store.migrations import LATEST_VERSION, MIGRATIONS, migrate
from ruankao_desktop.core.store.models import ALL_MODELS, AuditEvent
from tests.damage import corrupt_table, drop_column, drop_table, sha256
from tests.engines import Target, database_dump, execute, scalar, sqlite_only
from tests.helpers import TEST_ACTOR

FILE_BACKUPS = sqlite_only("the .bak files beside a SQLite file; a server is backed up with pg_dump")


def _codes(problems: tuple[Notice, ...]) -> list[str]:
    return [problem.code for problem in problems]


def test_a_sound_database_passes(demo_db: Path) -> None:
    report = check_target(str(demo_db))
    assert report.ok
    assert not report.damaged
    assert report.problems == ()
    assert report.schema_version == LATEST_VERSION


def test_the_check_writes_nothing(demo_db: Target, tmp_path: Path) -> None:
    before = database_dump(demo_db)
    check_target(str(demo_db))
    assert database_dump(demo_db) == before
    assert not list(tmp_path.glob("*.bak"))


@pytest.mark.parametrize("table", ["certificate", "audit_event"])
@sqlite_only("a page of the file overwritten: PostgreSQL's own files are the server's")
def test_a_corrupt_page_is_reported_not_raised(demo_db: Path, table: str) -> None:
    corrupt_table(demo_db, table)
    report = check_target(str(demo_db))
    assert not report.ok
    assert report.damaged
    assert "db.check.integrity" in _codes(report.problems)
    assert "malformed" in report.problems[0].message("en")


@pytest.mark.parametrize("table", ["certificate", "audit_event", "holder"])
def test_a_missing_table_is_reported(demo_db: Path, table: str) -> None:
    drop_table(demo_db, table)
    report = check_target(str(demo_db))
    assert report.damaged
    assert Notice("db.check.table_missing", {"table": table}) in report.problems
    assert table in report.damaged_tables


def test_an_altered_table_is_reported_with_its_columns(demo_db: Path) -> None:
    drop_column(demo_db, "audit_event", "details")
    report = check_target(str(demo_db))
    altered = [p for p in report.problems if p.code == "db.check.table_altered"]
    assert altered == [
        Notice("db.check.table_altered", {"table": "audit_event", "missing": "details", "extra": "—"})
    ]


def test_a_missing_schema_table_is_reported(demo_db: Path) -> None:
    drop_table(demo_db, "schema_migration")
    report = check_target(str(demo_db))
    assert "db.check.no_version" in _codes(report.problems)
    assert report.damaged


def test_an_edited_audit_event_is_reported(demo_db: Target) -> None:
    first = scalar(demo_db, "SELECT MIN(id) FROM audit_event")
    execute(demo_db, "UPDATE audit_event SET actor = 'mallory' WHERE id = ?", (first,))
    report = check_target(str(demo_db))
    assert report.damaged
    at = report.problems[-1].params["at"]
    assert report.problems == (Notice("audit.event_altered", {"event": first, "at": at}),)


def test_an_older_schema_asks_for_a_migration_not_a_restore(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_database(str(path), migrations=MIGRATIONS[:2]).close()
    report = check_target(str(path))
    assert _codes(report.problems) == ["db.check.old_schema"]
    assert not report.damaged
    assert report.schema_version == 2


@FILE_BACKUPS
def test_backups_beside_the_file_are_named_newest_first(demo_db: Path, tmp_path: Path) -> None:
    older, newer = tmp_path / "centre.db.1.bak", tmp_path / "centre.db.2.bak"
    for age, path in ((200, older), (100, newer)):
        shutil.copyfile(demo_db, path)
        stamp = path.stat().st_mtime - age
        os.utime(path, (stamp, stamp))
    drop_table(demo_db, "certificate")
    assert check_target(str(demo_db)).backups == (newer, older)


def test_the_models_are_what_the_migrations_create() -> None:
    """The check compares a current database with the models: they must agree with the migrations."""
    scratch = peewee.SqliteDatabase(":memory:")
    migrate(scratch, backup=lambda version: None)
    built = {table: frozenset(c.name for c in scratch.get_columns(table)) for table in scratch.get_tables()}
    assert built == expected_schema(LATEST_VERSION)
    assert len(built) == len(ALL_MODELS)


def test_nothing_to_check_is_said_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        check_target(str(tmp_path / "absent.db"))
    assert caught.value.code == "db.check_missing"
    assert not (tmp_path / "absent.db").exists()


@FILE_BACKUPS
@pytest.mark.parametrize(
    "damage",
    [
        lambda path: drop_table(path, "certificate"),
        lambda path: drop_table(path, "audit_event"),
        lambda path: corrupt_table(path, "certificate"),
        lambda path: drop_column(path, "holder", "phone"),
    ],
    ids=["missing certificate", "missing audit_event", "corrupt page", "altered holder"],
)
def test_a_damaged_backup_is_refused_and_the_live_file_is_unchanged(
    demo_db: Path, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    backup = tmp_path / "damaged.bak"
    shutil.copyfile(demo_db, backup)
    damage(backup)
    opened = open_database(str(demo_db))
    try:
        before = sha256(demo_db)
        events = AuditEvent.select().count()
        with pytest.raises(StoreError) as caught:
            restore_from(opened, backup)
        assert caught.value.code == "db.restore_damaged"
        assert AuditEvent.select().count() == events
    finally:
        opened.close()
    assert sha256(demo_db) == before
    assert not list(tmp_path.glob("*.before-restore-*.bak"))
    assert str(backup) in caught.value.message("en")
    assert "was not restored" in caught.value.message("en")


@sqlite_only("a page limit on the connection stands for the full disk; a server's disk is the server's")
def test_a_full_disk_is_a_known_error_and_undoes_the_write(empty_centre: object) -> None:
    """SQLite's own SQLITE_FULL, from a page limit on the connection."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    events = AuditEvent.select().count()
    recorded = 0
    with pytest.raises(peewee.OperationalError) as caught:
        for _ in range(2000):
            audit.record(TEST_ACTOR, "test.fill", "disk", {"padding": "x" * 2000})
            recorded += 1
    known = known_problem(caught.value)
    assert known is not None
    assert known.code == "db.disk_full"
    assert "磁盘已满" in known.message("zh")
    assert AuditEvent.select().count() == events + recorded  # the event that did not fit left nothing
    assert audit.verify_trail().ok


@sqlite_only("a file on a read-only medium; a server's read-only state is the server's")
def test_a_read_only_file_is_opened_to_read_and_refuses_writes(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated: permission bits do not stop root, so the probe that finds a read-only medium is told
    so (tests/cli/test_cli_mistakes.py uses a real read-only mount where it may)."""
    monkeypatch.setattr(store_database, "folder_takes_files", lambda folder: False)
    before = sha256(demo_db)
    opened = open_database(str(demo_db))
    try:
        assert opened.read_only
        assert AuditEvent.select().count() > 0
        with pytest.raises(peewee.OperationalError) as caught:
            audit.record(TEST_ACTOR, "test.write", "database", {})
    finally:
        opened.close()
    known = known_problem(caught.value)
    assert known is not None
    assert known.message("en") == render("db.read_only", "en")
    assert sha256(demo_db) == before
