"""The audit trail cannot be quietly rewritten: each way of rewriting it — truncating, appending, editing
then recomputing, reordering, in the old unkeyed scheme or keyed without the key — is found at its
position; an old database still verifies; a crash before the anchor write is a warning."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import datetime
from pathlib import Path

import pytest

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Notice
from ruankao_desktop.core.services import audit, audit_anchor
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.lifecycle import open_database
from ruankao_desktop.core.store.migrations import MIGRATIONS
from ruankao_desktop.core.store.models import AuditEvent
from tests.helpers import TEST_ACTOR

EVENTS = 8


def _record(count: int) -> list[AuditEvent]:
    return [audit.record(TEST_ACTOR, "lookup", "name", {"results": n}) for n in range(count)]


def _where(event: AuditEvent) -> dict[str, object]:
    return {"event": event.id, "at": audit.at_text(event.at)}


def _rehash(event: AuditEvent, *, scheme: int, key: bytes | None, prev_hash: str) -> str:
    """The hash a forger computes: the old unkeyed SHA-256, or HMAC with a key of their own."""
    payload = json.dumps(
        [
            prev_hash,
            audit.at_text(event.at),
            event.actor,
            event.terminal,
            event.action,
            event.target,
            event.details,
        ],
        ensure_ascii=False,
    ).encode("utf-8")
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def _recompute_from(first_id: int, *, scheme: int, key: bytes | None) -> None:
    """Recompute every hash from `first_id` on, as someone with write access to the database would."""
    prev = AuditEvent.select(AuditEvent.hash).where(AuditEvent.id < first_id).order_by(AuditEvent.id.desc())
    prev_hash = prev.scalar() or audit.GENESIS
    for event in AuditEvent.select().where(AuditEvent.id >= first_id).order_by(AuditEvent.id):
        hashed = _rehash(event, scheme=scheme, key=key, prev_hash=prev_hash)
        AuditEvent.update(prev_hash=prev_hash, hash=hashed, scheme=scheme).where(
            AuditEvent.id == event.id
        ).execute()
        prev_hash = hashed


def test_an_intact_trail_passes_with_its_count_and_head(empty_centre: Centre) -> None:
    events = _record(3)
    report = audit.verify_trail()
    assert report.ok
    assert report.warnings == ()
    assert report.count == 3
    assert (report.head.last_id, report.head.last_hash) == (events[-1].id, events[-1].hash)
    assert [event.scheme for event in events] == [audit.KEYED] * 3
    assert events[0].prev_hash == audit.GENESIS
    assert events[1].prev_hash == events[0].hash


def test_the_key_is_created_once_readable_by_its_owner_only(empty_centre: Centre) -> None:
    _record(2)
    key_file = audit_anchor.key_file()
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text()
    _record(1)
    assert key_file.read_text() == key


@pytest.mark.parametrize("removed", [1, 5, EVENTS])
def test_removing_the_newest_events_is_found(empty_centre: Centre, removed: int) -> None:
    events = _record(EVENTS)
    AuditEvent.delete().where(AuditEvent.id > events[-1 - removed].id if removed < EVENTS else True).execute()
    after = events[-1 - removed].id if removed < EVENTS else 0
    report = audit.verify_trail()
    assert report.problems == (Notice("audit.events_missing", {"count": removed, "after": after}),)
    message = report.problems[0].message("en")
    assert message == f"{removed} events missing after #{after}: the newest events were removed."


def test_a_write_after_a_truncation_does_not_hide_it(empty_centre: Centre) -> None:
    events = _record(EVENTS)
    AuditEvent.delete().where(AuditEvent.id > events[2].id).execute()
    _record(1)
    report = audit.verify_trail()
    assert not report.ok
    assert report.problems[0].code in {"audit.events_missing", "audit.anchor_mismatch"}


def test_an_appended_event_with_the_old_hash_is_found(empty_centre: Centre) -> None:
    events = _record(3)
    forged = AuditEvent.create(
        at=datetime(2026, 12, 1, 9),
        actor="mallory",
        terminal="desk-9",
        action="handover.self",
        target="certificate:1",
        details="{}",
        prev_hash=events[-1].hash,
        hash="pending",
        scheme=audit.LEGACY,
    )
    _recompute_from(forged.id, scheme=audit.LEGACY, key=None)
    report = audit.verify_trail()
    assert report.problems == (Notice("audit.event_downgraded", _where(forged)),)
    assert "uses the old unkeyed hash after keyed events" in report.problems[0].message("en")


def test_an_appended_event_keyed_without_the_key_is_found(empty_centre: Centre) -> None:
    events = _record(3)
    forged = AuditEvent.create(
        at=datetime(2026, 12, 1, 9),
        actor="mallory",
        terminal="desk-9",
        action="handover.self",
        target="certificate:1",
        details="{}",
        prev_hash=events[-1].hash,
        hash="pending",
    )
    _recompute_from(forged.id, scheme=audit.KEYED, key=b"a guess at the key")
    report = audit.verify_trail()
    assert report.problems == (Notice("audit.event_altered", _where(forged)),)
    assert report.problems[0].message("zh") == (
        f"审计记录 #{forged.id}（{audit.at_text(forged.at)}）与其校验值不符：内容被改动，或是伪造的。"
    )


@pytest.mark.parametrize(
    ("scheme", "key", "code"),
    [(audit.LEGACY, None, "audit.event_downgraded"), (audit.KEYED, b"not the key", "audit.event_altered")],
    ids=["unkeyed", "keyed without the key"],
)
def test_an_edit_with_every_later_hash_recomputed_is_found_where_it_was_made(
    empty_centre: Centre, scheme: int, key: bytes | None, code: str
) -> None:
    events = _record(EVENTS)
    edited = events[3]
    AuditEvent.update(details='{"results": 99}').where(AuditEvent.id == edited.id).execute()
    _recompute_from(edited.id, scheme=scheme, key=key)
    assert audit.verify_trail().problems == (Notice(code, _where(edited)),)


def test_the_whole_trail_rewritten_in_the_old_scheme_is_found_by_the_anchor(empty_centre: Centre) -> None:
    events = _record(EVENTS)
    _recompute_from(events[0].id, scheme=audit.LEGACY, key=None)
    [problem] = audit.verify_trail().problems
    assert problem.code == "audit.anchor_mismatch"
    assert problem.params["event"] == events[-1].id


def test_reordered_events_are_found_at_the_first_moved(empty_centre: Centre) -> None:
    events = _record(EVENTS)
    first, second = events[2], events[3]
    fields = ("at", "actor", "terminal", "action", "target", "details", "prev_hash", "hash", "scheme")
    AuditEvent.update(hash="moving").where(AuditEvent.id == first.id).execute()  # hashes are unique
    for target, source in ((second, first), (first, second)):
        AuditEvent.update({name: getattr(source, name) for name in fields}).where(
            AuditEvent.id == target.id
        ).execute()
    assert audit.verify_trail().problems == (
        Notice("audit.event_out_of_place", {"event": first.id, "at": audit.at_text(second.at)}),
    )


def test_a_crash_before_the_anchor_write_is_a_warning_not_tampering(empty_centre: Centre) -> None:
    _record(2)
    anchor = audit_anchor.anchor_file(audit.database_id())
    before = anchor.read_bytes()
    last = audit.record(TEST_ACTOR, "lookup", "name", {"results": 1})
    anchor.write_bytes(before)  # the commit reached the disk, the anchor write did not
    report = audit.verify_trail()
    assert report.ok
    assert report.warnings == (
        Notice("audit.anchor_behind", {"count": 1, "event": last.id, "at": audit.at_text(last.at)}),
    )
    message = report.warnings[0].message("en")
    assert message.startswith(f"Note: the anchor is behind by 1 event(s), last event #{last.id} at")


def test_a_rolled_back_transaction_is_not_a_truncation(empty_centre: Centre) -> None:
    _record(3)
    with pytest.raises(RuntimeError), write_transaction():
        _record(2)
        raise RuntimeError("the change the events describe failed")
    report = audit.verify_trail()
    assert (report.ok, report.count, report.warnings) == (True, 3, ())
    _record(1)
    assert audit.verify_trail().ok


def test_events_of_one_transaction_are_anchored_once_it_commits(empty_centre: Centre) -> None:
    with write_transaction():
        _record(3)
    with write_transaction():
        _record(1)
    events = _record(1)
    AuditEvent.delete().where(AuditEvent.id > events[0].id - 2).execute()
    assert audit.verify_trail().problems[0].code == "audit.events_missing"


def test_a_missing_key_says_what_to_do_and_refuses_writes(empty_centre: Centre) -> None:
    _record(2)
    audit_anchor.key_file().unlink()
    report = audit.verify_trail()
    assert report.problems == (Notice("audit.key_missing", {"path": str(audit_anchor.key_file())}),)
    assert "Restore keys/audit.key from a backup of the data folder" in report.problems[0].message("en")
    events = AuditEvent.select().count()
    with pytest.raises(KnownError) as caught:
        audit.record(TEST_ACTOR, "lookup", "name", {})
    assert caught.value.code == "audit.key_missing"
    assert AuditEvent.select().count() == events
    assert not audit_anchor.key_file().exists()


def test_a_missing_anchor_is_reported(empty_centre: Centre) -> None:
    _record(2)
    path = audit_anchor.anchor_file(audit.database_id())
    path.unlink()
    assert audit.verify_trail().problems == (Notice("audit.anchor_missing", {"path": str(path)}),)


def test_an_altered_anchor_is_reported(empty_centre: Centre) -> None:
    _record(2)
    path = audit_anchor.anchor_file(audit.database_id())
    path.write_text(path.read_text().replace('"count": 2', '"count": 1'))
    assert audit.verify_trail().problems == (Notice("audit.anchor_invalid", {"path": str(path)}),)


def _old_database(path: Path) -> list[int]:
    """A database of schema 3 whose events were written the old way: unkeyed, no anchor."""
    opened = open_database(str(path), migrations=MIGRATIONS[:3])
    try:
        prev_hash, ids = audit.GENESIS, []
        for n in range(3):
            event = AuditEvent(
                at=datetime(2026, 6, 1, 9, n), actor="desk", terminal="t1", action="lookup", target="name"
            )
            event.details = json.dumps({"results": n})
            hashed = _rehash(event, scheme=audit.LEGACY, key=None, prev_hash=prev_hash)
            cursor = opened.database.execute_sql(
                "INSERT INTO audit_event (at, actor, terminal, action, target, details, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (audit.at_text(event.at), "desk", "t1", "lookup", "name", event.details, prev_hash, hashed),
            )
            ids.append(cursor.lastrowid)
            prev_hash = hashed
    finally:
        opened.close()
    return ids


def test_an_old_database_still_verifies_and_continues_keyed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    legacy = _old_database(path)
    opened = open_database(str(path))
    try:
        assert list(tmp_path.glob("old.db.v3-*.bak"))  # the migration backed up first
        assert [e.scheme for e in AuditEvent.select().order_by(AuditEvent.id)] == [audit.LEGACY] * 3
        report = audit.verify_trail()
        assert (report.ok, report.count, report.warnings) == (True, 3, (Notice("audit.no_anchor_yet"),))
        new = audit.record(TEST_ACTOR, "lookup", "name", {})
        assert new.scheme == audit.KEYED
        report = audit.verify_trail()
        assert (report.ok, report.count, report.warnings) == (True, 4, ())
        AuditEvent.update(actor="mallory").where(AuditEvent.id == legacy[1]).execute()
        [problem] = audit.verify_trail().problems
        assert (problem.code, problem.params["event"]) == ("audit.event_altered", legacy[1])
    finally:
        opened.close()


def test_a_record_runs_a_handful_of_queries_and_never_counts_the_trail(
    empty_centre: Centre, caplog: pytest.LogCaptureFixture
) -> None:
    """No full-chain scan on the write path: the count comes from the anchor."""
    _record(50)
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        audit.record(TEST_ACTOR, "lookup", "name", {})
    statements = [record.getMessage() for record in caplog.records if record.name == "peewee"]
    assert statements
    assert not [sql for sql in statements if "COUNT" in sql.upper()]
    assert len(statements) <= 6
