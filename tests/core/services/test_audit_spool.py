"""A lookup answers while another desk holds the write lock; its audit event waits in the spool and is
written once, in order, when the lock frees (docs/architecture.md "The audit trail")."""

from __future__ import annotations

import json
import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ruankao_desktop.core.services import audit, audit_spool
from ruankao_desktop.core.services.centre import Centre, open_centre
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.models import AuditEvent
from tests.engines import Target, target_of
from tests.helpers import TEST_ACTOR
from tests.write_lock import write_lock_held

SHOWCASE_ID = "110105199003071239"
# Generous for a slow machine; the real figure is in tests/benchmarks/bench_lookup_during_import.py.
ANSWER_WITHIN_S = 2.0


def _path(centre: Centre) -> Target:
    return target_of(centre.opened.location)


def _lookups() -> list[dict[str, Any]]:
    return [
        json.loads(event.details)
        for event in AuditEvent.select().where(AuditEvent.action == "lookup").order_by(AuditEvent.id)
    ]


def _look_up(service: LookupService, query: str) -> int:
    result = service.search(query, actor=TEST_ACTOR)
    service.write_queued(TEST_ACTOR)
    return len(result.hits)


def test_a_lookup_answers_while_another_desk_writes_and_its_event_lands_afterwards(
    demo_centre: Centre,
) -> None:
    service = LookupService(demo_centre.settings)
    before = datetime.now()
    with write_lock_held(_path(demo_centre)) as lock:
        started = time.perf_counter()
        found = _look_up(service, SHOWCASE_ID)
        elapsed = time.perf_counter() - started
        assert found
        assert elapsed < ANSWER_WITHIN_S
        assert _lookups() == []
        assert service.has_queued()
        lock.release()
        service.write_queued(TEST_ACTOR)
    [details] = _lookups()
    assert details["query"] == "110105********1239"  # masked in the trail, as in the spool
    assert details["results"] == found
    assert before <= datetime.fromisoformat(details[audit_spool.OCCURRED_AT]) <= datetime.now()
    assert not service.has_queued()


def test_the_spool_holds_no_full_id_number(demo_centre: Centre) -> None:
    service = LookupService(demo_centre.settings)
    with write_lock_held(_path(demo_centre)):
        _look_up(service, SHOWCASE_ID)
        [queued] = audit_spool.pending()
        assert SHOWCASE_ID not in queued.read_text(encoding="utf-8")


def test_a_free_lock_writes_the_event_at_once_with_the_lookups_time(demo_centre: Centre) -> None:
    service = LookupService(demo_centre.settings)
    found = _look_up(service, "张伟")
    [details] = _lookups()
    assert details["results"] == found
    event = AuditEvent.select().where(AuditEvent.action == "lookup").get()
    assert datetime.fromisoformat(details[audit_spool.OCCURRED_AT]) <= event.at
    assert not service.has_queued()


def test_queued_events_are_written_in_the_order_they_happened(demo_centre: Centre) -> None:
    service = LookupService(demo_centre.settings)
    queries = [SHOWCASE_ID, "张伟", "C99990009999"]
    with write_lock_held(_path(demo_centre)):
        found = [_look_up(service, query) for query in queries]
    service.write_queued(TEST_ACTOR)
    assert found[0] != found[1]  # the order shows
    assert [details["results"] for details in _lookups()] == found
    times = [details[audit_spool.OCCURRED_AT] for details in _lookups()]
    assert times == sorted(times)


def test_an_event_drained_twice_is_written_once(demo_centre: Centre, tmp_path: Path) -> None:
    """The process stopped after the commit, before the spool file was deleted."""
    service = LookupService(demo_centre.settings)
    with write_lock_held(_path(demo_centre)):
        _look_up(service, SHOWCASE_ID)
    [queued] = audit_spool.pending()
    kept = shutil.copy(queued, tmp_path / queued.name)
    assert audit_spool.drain() == 1
    shutil.copy(kept, queued)
    assert audit_spool.drain() == 0
    assert len(_lookups()) == 1
    assert audit_spool.pending() == []


def test_a_drain_that_stops_half_way_writes_each_event_once(
    demo_centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = LookupService(demo_centre.settings)
    with write_lock_held(_path(demo_centre)):
        found = [_look_up(service, SHOWCASE_ID), _look_up(service, "张伟")]
    real_record = audit.record
    calls: list[str] = []

    def crash_on_the_second(*args: Any, **kwargs: Any) -> AuditEvent:
        calls.append(args[1])
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process dies inside the second transaction
        return real_record(*args, **kwargs)

    monkeypatch.setattr(audit, "record", crash_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        audit_spool.drain()
    assert [details["results"] for details in _lookups()] == found[:1]
    assert len(audit_spool.pending()) == 1
    monkeypatch.setattr(audit, "record", real_record)
    assert audit_spool.drain() == 1
    assert [details["results"] for details in _lookups()] == found
    assert len({details[audit_spool.SPOOL_ID] for details in _lookups()}) == 2


def test_the_next_start_writes_what_was_queued(demo_db: Path) -> None:
    centre = open_centre(str(demo_db))
    service = LookupService(centre.settings)
    with write_lock_held(demo_db):
        found = _look_up(service, SHOWCASE_ID)
    centre.close()
    reopened = open_centre(str(demo_db))
    try:
        assert [details["results"] for details in _lookups()] == [found]
        assert audit_spool.pending() == []
    finally:
        reopened.close()


def test_a_start_while_another_desk_writes_does_not_wait_and_keeps_the_queue(demo_db: Path) -> None:
    centre = open_centre(str(demo_db))
    with write_lock_held(demo_db):
        _look_up(LookupService(centre.settings), SHOWCASE_ID)
        centre.close()
        started = time.perf_counter()
        reopened = open_centre(str(demo_db))
        assert time.perf_counter() - started < ANSWER_WITHIN_S
        assert len(audit_spool.pending()) == 1
    try:
        assert _lookups() == []
    finally:
        reopened.close()


def test_each_database_has_its_own_spool(demo_centre: Centre, tmp_path: Path) -> None:
    with write_lock_held(_path(demo_centre)):
        _look_up(LookupService(demo_centre.settings), SHOWCASE_ID)
    demo_centre.close()
    other = open_centre(str(tmp_path / "other.db"))
    try:
        assert audit_spool.pending() == []
        assert _lookups() == []
    finally:
        other.close()


def test_an_import_that_meets_the_busy_lock_says_another_desk_writes(
    demo_centre: Centre, tmp_path: Path
) -> None:
    from ruankao_desktop.core.errors import KnownError
    from ruankao_desktop.core.messages import render
    from ruankao_desktop.core.services.importing import ImportService
    from ruankao_desktop.core.store.database import known_problem
    from tests.core.importing.builders import list_rows, write_csv

    listed = write_csv(tmp_path / "list.csv", list_rows(3, prefix="C9911"))
    events = AuditEvent.select().count()
    with write_lock_held(_path(demo_centre)), pytest.raises(Exception) as caught:
        ImportService(demo_centre.settings).run(listed, actor=TEST_ACTOR)
    problem = caught.value if isinstance(caught.value, KnownError) else known_problem(caught.value)
    assert problem is not None
    assert problem.message() == render("db.locked")
    assert "另一个窗口或终端正在写入" in problem.message()
    assert "本次操作没有完成" in problem.message()
    assert AuditEvent.select().count() == events
