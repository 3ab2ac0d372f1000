"""A backup carries the chain's anchor; a restore keeps the events recorded since the backup, archived
and still verifiable, and records itself as the next event of the live chain."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.messages import Notice
from ruankao_desktop.core.services import audit, audit_anchor
from ruankao_desktop.core.services.backup import BackupService
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.models import AuditArchive, AuditEvent
from tests.engines import sqlite_only
from tests.helpers import TEST_ACTOR
from tests.write_lock import write_lock_held

pytestmark = sqlite_only("`db backup` and `restore` copy the SQLite file; a server is backed up with pg_dump")


def _lookups(count: int) -> list[AuditEvent]:
    return [audit.record(TEST_ACTOR, "lookup", "name", {"results": n}) for n in range(count)]


def test_a_backup_carries_its_signed_head(empty_centre: Centre, tmp_path: Path) -> None:
    events = _lookups(3)
    backup = tmp_path / "backup.db"
    BackupService(empty_centre.opened).backup(backup, TEST_ACTOR)
    sidecar = audit_anchor.sidecar_file(backup)
    anchor = audit_anchor.read_anchor(sidecar, audit_anchor.load_key() or b"")
    assert anchor is not None
    head = anchor.head
    assert (head.count, head.last_id, head.last_hash) == (3, events[-1].id, events[-1].hash)
    assert anchor.database_id == audit.database_id()


def test_a_restore_keeps_the_later_events_and_records_itself(empty_centre: Centre, tmp_path: Path) -> None:
    _lookups(3)
    backup = tmp_path / "backup.db"
    service = BackupService(empty_centre.opened)
    service.backup(backup, TEST_ACTOR)
    later = [event.hash for event in AuditEvent.select().order_by(AuditEvent.id)][3:] + [
        event.hash for event in _lookups(2)
    ]
    service.restore(backup, TEST_ACTOR)
    live = list(AuditEvent.select().order_by(AuditEvent.id))
    assert [event.action for event in live] == ["lookup"] * 3 + ["db.restore"]
    restore = live[-1]
    assert restore.prev_hash == live[2].hash  # the next event of the restored chain
    details = json.loads(restore.details)
    assert (details["archived"], details["archived_head"]) == (3, later[-1])
    archived = list(AuditArchive.select().order_by(AuditArchive.id))
    assert [row.hash for row in archived] == later  # db.backup and the two lookups after it
    assert {row.restore_hash for row in archived} == {restore.hash}
    report = audit.verify_trail()
    assert (report.ok, report.count, report.archived, report.warnings) == (True, 4, 3, ())


def test_a_second_restore_keeps_the_first_ones_archive(empty_centre: Centre, tmp_path: Path) -> None:
    service = BackupService(empty_centre.opened)
    _lookups(1)
    first_backup, second_backup = tmp_path / "one.db", tmp_path / "two.db"
    service.backup(first_backup, TEST_ACTOR)
    _lookups(2)
    service.backup(second_backup, TEST_ACTOR)
    _lookups(1)
    service.restore(second_backup, TEST_ACTOR)  # archives the db.backup and one lookup
    for safety in tmp_path.glob("*.before-restore-*.bak"):  # named to the second: two restores in one
        safety.rename(safety.with_name(f"first-{safety.name}"))
    service.restore(first_backup, TEST_ACTOR)
    report = audit.verify_trail()
    assert report.ok
    assert report.count == 2  # the first lookup, then the second restore
    # The first restore archived its db.backup and lookup; the second, the four events since the first
    # backup (the first restore among them) and, carried over, the first restore's archive.
    assert report.archived == 4 + 2
    assert AuditArchive.select(AuditArchive.restore_hash).distinct().count() == 2


def test_archived_events_removed_or_edited_are_found(empty_centre: Centre, tmp_path: Path) -> None:
    service = BackupService(empty_centre.opened)
    _lookups(1)
    backup = tmp_path / "backup.db"
    service.backup(backup, TEST_ACTOR)
    _lookups(3)
    service.restore(backup, TEST_ACTOR)
    restore = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    where = {"event": restore.id, "at": audit.at_text(restore.at), "expected": 4}
    first = AuditArchive.select().order_by(AuditArchive.id).get()
    AuditArchive.update(actor="mallory").where(AuditArchive.id == first.id).execute()
    assert audit.verify_trail().problems == (Notice("audit.archive_altered", {**where, "found": 4}),)
    AuditArchive.delete().where(AuditArchive.id == first.id).execute()
    assert audit.verify_trail().problems == (Notice("audit.archive_incomplete", {**where, "found": 3}),)


def test_a_backup_cut_short_after_it_was_made_is_refused(empty_centre: Centre, tmp_path: Path) -> None:
    _lookups(3)
    backup = tmp_path / "backup.db"
    service = BackupService(empty_centre.opened)
    service.backup(backup, TEST_ACTOR)
    with sqlite3.connect(backup) as connection:
        connection.execute("DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)")
    connection.close()
    events = AuditEvent.select().count()
    with pytest.raises(StoreError) as caught:
        service.restore(backup, TEST_ACTOR)
    assert caught.value.code == "audit.backup_trail_cut"
    assert "nothing was restored" in caught.value.message("en")
    assert AuditEvent.select().count() == events
    assert not list(tmp_path.glob("*.before-restore-*.bak"))


def test_a_backup_while_another_desk_writes_says_so_before_copying_anything(
    empty_centre: Centre, tmp_path: Path
) -> None:
    _lookups(2)
    events = AuditEvent.select().count()
    backup = tmp_path / "out" / "backup.db"
    backup.parent.mkdir()
    database = empty_centre.opened.location.path
    assert database is not None
    with write_lock_held(database), pytest.raises(StoreError) as caught:
        BackupService(empty_centre.opened).backup(backup, TEST_ACTOR)
    assert caught.value.code == "db.locked"
    assert "另一个窗口" in caught.value.message() or "其他" in caught.value.message()
    assert list(backup.parent.iterdir()) == []
    assert AuditEvent.select().count() == events


def test_a_backup_whose_event_cannot_be_written_leaves_no_copy(
    empty_centre: Centre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lookups(1)
    backup = tmp_path / "out" / "backup.db"
    backup.parent.mkdir()

    def refused(*_args: object, **_kwargs: object) -> None:
        raise StoreError("db.locked")

    monkeypatch.setattr("ruankao_desktop.core.services.backup.audit.record", refused)
    with pytest.raises(StoreError):
        BackupService(empty_centre.opened).backup(backup, TEST_ACTOR)
    assert list(backup.parent.iterdir()) == []
