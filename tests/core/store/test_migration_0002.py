"""Migration 2 adds the reissue_request table to a version-1 database, after backing it up."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from peewee import IntegrityError, SqliteDatabase

from ruankao_desktop.core.store.database import inspect_sqlite_file
from ruankao_desktop.core.store.lifecycle import open_database
from ruankao_desktop.core.store.migrations import MIGRATIONS, current_version
from ruankao_desktop.core.store.models import ALL_MODELS, AuditEvent, ReissueRequest


def _columns(path: Path, table: str) -> list[tuple[str, str, int]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(f"PRAGMA table_info({table})").fetchall()
    connection.close()
    return [(row[1], row[2], row[3]) for row in rows]  # name, type, not null


def _version_1_database(path: Path) -> None:
    opened = open_database(str(path), migrations=MIGRATIONS[:1])
    try:
        assert current_version(opened.database) == 1
        assert not opened.database.table_exists("reissue_request")
        # The columns of version 1: the current model has more (`scheme`, migration 4).
        opened.database.execute_sql(
            "INSERT INTO audit_event (at, actor, terminal, action, target, details, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (datetime(2026, 1, 5, 9), "desk", "t1", "lookup", "name", "{}", "0" * 64, "a" * 64),
        )
    finally:
        opened.close()


def test_a_version_1_database_upgrades_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    _version_1_database(path)
    opened = open_database(str(path), migrations=MIGRATIONS[:2])
    try:
        assert current_version(opened.database) == 2
        assert opened.database.table_exists("reissue_request")
        assert AuditEvent.select().count() == 1  # the data of version 1 is still there
    finally:
        opened.close()
    [backup] = tmp_path.glob("centre.db.v1-*.bak")
    assert inspect_sqlite_file(backup) == 1
    with sqlite3.connect(backup) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    connection.close()
    assert "reissue_request" not in tables
    assert "audit_event" in tables


def test_the_migrated_table_is_the_one_the_model_describes(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.db"
    _version_1_database(migrated)
    open_database(str(migrated)).close()
    fresh = tmp_path / "fresh.db"
    database = SqliteDatabase(str(fresh))
    with database.bind_ctx(ALL_MODELS):
        database.create_tables(ALL_MODELS)
    database.close()
    assert _columns(migrated, "reissue_request") == _columns(fresh, "reissue_request")
    names = [name for name, _, _ in _columns(migrated, "reissue_request")]
    assert names == [field.column_name for field in ReissueRequest._meta.sorted_fields]


def test_the_new_table_refuses_a_request_for_a_certificate_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    _version_1_database(path)
    opened = open_database(str(path))
    try:
        now = datetime(2026, 11, 29, 10)
        with pytest.raises(IntegrityError):
            ReissueRequest.create(
                certificate=999,
                kind="lost",
                status="draft",
                applicant_name="张伟",
                operator="desk",
                terminal="t1",
                created_at=now,
                updated_at=now,
            )
        assert ReissueRequest.select().count() == 0
    finally:
        opened.close()
