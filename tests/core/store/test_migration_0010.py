"""Migrations 10 to 13 give a version-9 database the details of its handovers (a unit, a courier, an
attachment, an undo) and the reissue workflow's, after backing it up: every handover and application
recorded before keeps its row and its state."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.handover import ByProxy
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.store.database import inspect_sqlite_file
from ruankao_desktop.core.store.lifecycle import open_database
from ruankao_desktop.core.store.migrations import (
    LATEST_VERSION,
    current_version,
    m0010_handover_details,
    m0011_reissue_workflow,
    m0013_state_indexes,
)
from ruankao_desktop.core.store.models import Certificate, Distribution, Holder
from tests.engines import sqlite_only
from tests.helpers import TEST_ACTOR, TODAY
from tests.scans import pdf_scan

pytestmark = sqlite_only("the version-9 layout is rebuilt from the demo file with SQLite's DDL")


def back_to_version_9(connection: sqlite3.Connection) -> None:
    """Take back what migrations 10 to 13 added: the layout of version 9."""
    for statement in m0013_state_indexes.INDEXES:
        connection.execute(f"DROP INDEX {statement.split()[2]}")
    connection.execute("DROP TABLE enquiry")
    for statement in m0011_reissue_workflow.INDEXES:
        connection.execute(f"DROP INDEX {statement.split()[-4]}")
    for column in m0011_reissue_workflow.COLUMNS:
        connection.execute(f"ALTER TABLE reissue_request DROP COLUMN {column.split()[0]}")
    connection.execute("DROP TABLE reissue_batch")
    connection.execute("DROP INDEX distribution_attachment_id")
    connection.execute("DROP INDEX distribution_at")
    for column in m0010_handover_details.COLUMNS:
        connection.execute(f"ALTER TABLE distribution DROP COLUMN {column.split()[0]}")
    connection.execute("DROP TABLE handover_attachment")


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT id, certificate_id, event, method, recipient_name, recipient_id_number, address, "
            "tracking_no, operator, terminal, at FROM distribution ORDER BY id"
        ).fetchall()
    connection.close()
    return rows


def test_a_version_9_database_keeps_its_handovers_and_takes_the_new_kinds(demo_db: Path) -> None:
    kept = _rows(demo_db)
    with sqlite3.connect(demo_db) as connection:
        back_to_version_9(connection)
        connection.execute("DELETE FROM schema_migration WHERE version >= 10")
    connection.close()
    assert inspect_sqlite_file(demo_db) == 9
    opened = open_database(str(demo_db))
    try:
        assert current_version(opened.database) == LATEST_VERSION
        assert _rows(demo_db) == kept and kept
        assert Distribution.select().where(Distribution.undone_at.is_null(False)).count() == 0
        lookup = LookupService(Settings(), today=lambda: TODAY)
        [waiting, *_] = lookup.search_ids(Criteria(state=CertificateState.AWAITING_PICKUP)).ids
        certificate = Certificate.get_by_id(waiting)
        other = Holder.select().where(Holder.id != certificate.holder_id).first()
        HandoverService(Settings(), today=lambda: TODAY).record(
            certificate.id,
            ByProxy("李四", other.id_number, pdf_scan(), holder_id_copy=True),
            expected_version=certificate.version,
            actor=TEST_ACTOR,
        )
        [summary] = lookup.summaries([certificate.id])
        assert summary.state is CertificateState.COLLECTED_BY_PROXY
    finally:
        opened.close()
    [backup] = demo_db.parent.glob("centre.db.v9-*.bak")
    assert inspect_sqlite_file(backup) == 9
