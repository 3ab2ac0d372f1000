"""Several desks writing one database at the same moment, each a process of its own, on either engine:
two handovers of one certificate (exactly one is recorded, the other desk is told who recorded it and
when), four desks appending to the audit trail at once (one valid chain, no event lost), and four desks
started together on a database that needs its migrations (one applies each step, the others wait)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.centre import Centre, open_centre
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.lifecycle import open_database
from ruankao_desktop.core.store.migrations import LATEST_VERSION, MIGRATIONS
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Distribution
from tests.engines import Target, query
from tests.helpers import TODAY

WAIT_S = 60
EVENTS_PER_DESK = 25


def _at_once(work: Callable[..., Any], argument_lists: list[tuple[Any, ...]]) -> list[Any]:
    """Run `work` in a process per argument list, each let go at the same moment; their results."""
    spawn = multiprocessing.get_context("spawn")
    gate, results = spawn.Barrier(len(argument_lists)), spawn.Queue()
    desks = [
        spawn.Process(target=_desk, args=(work, (*arguments, gate), results)) for arguments in argument_lists
    ]
    for desk in desks:
        desk.start()
    try:
        return [results.get(timeout=WAIT_S) for _ in desks]
    finally:
        for desk in desks:
            desk.join(WAIT_S)


def _desk(work: Callable[..., Any], arguments: tuple[Any, ...], results: Queue[Any]) -> None:
    results.put(work(*arguments))


def _hand_over(target: str, facts: tuple[int, int, str], desk: int, gate: Barrier) -> Any:
    certificate_id, version, id_number = facts
    centre = open_centre(target)
    try:
        service = HandoverService(centre.settings, today=lambda: TODAY)
        actor = audit.Actor(user=f"clerk{desk}", terminal=f"desk-{desk}")
        gate.wait(WAIT_S)
        try:
            service.record_self_pickup(
                certificate_id, presented_id=id_number, expected_version=version, actor=actor
            )
        except KnownError as refused:
            return ("refused", refused.code, refused.message("en"), refused.params)
        return ("recorded", f"clerk{desk}", f"desk-{desk}")
    finally:
        centre.close()


def _append_events(target: str, desk: int, gate: Barrier) -> int:
    centre = open_centre(target)
    try:
        actor = audit.Actor(user=f"clerk{desk}", terminal=f"desk-{desk}")
        gate.wait(WAIT_S)
        for n in range(EVENTS_PER_DESK):
            audit.record(actor, "test.concurrent", f"desk:{desk}", {"n": n})
        return EVENTS_PER_DESK
    finally:
        centre.close()


def _start(target: str, desk: int, gate: Barrier) -> str:
    gate.wait(WAIT_S)
    try:
        open_database(target).close()
    except KnownError as refused:  # SQLite's write lock held past its busy timeout: said, not a traceback
        return f"{refused.code} {refused.params}"
    return "opened"


def _awaiting_pickup(centre: Centre) -> Certificate:
    service = LookupService(centre.settings, today=lambda: TODAY)
    for certificate in Certificate.select().order_by(Certificate.id):
        [summary] = service.summaries([certificate.id])
        if summary.state is CertificateState.AWAITING_PICKUP:
            return certificate
    raise AssertionError("the demo data has no certificate awaiting pickup")


def test_two_desks_handing_over_one_certificate_at_once_record_it_exactly_once(demo_db: Target) -> None:
    centre = open_centre(str(demo_db))
    try:
        certificate = _awaiting_pickup(centre)
        facts = (certificate.id, certificate.version, certificate.holder.id_number)
        handovers = Distribution.select().where(Distribution.event == "handover").count()
    finally:
        centre.close()
    outcomes = _at_once(_hand_over, [(str(demo_db), facts, desk) for desk in (1, 2)])
    [won] = [o for o in outcomes if o[0] == "recorded"]
    [lost] = [o for o in outcomes if o[0] == "refused"]
    _, code, message, params = lost
    assert code == "handover.already_recorded"
    assert (params["operator"], params["terminal"]) == won[1:]
    assert message == render("handover.already_recorded", "en", **params)
    centre = open_centre(str(demo_db))
    try:
        recorded = Distribution.select().where(Distribution.event == "handover")
        assert recorded.count() == handovers + 1
        assert Certificate.get_by_id(facts[0]).version == facts[1] + 1
        assert AuditEvent.select().where(AuditEvent.action == "handover.self").count() == 1
        assert audit.verify_trail().ok
    finally:
        centre.close()


def test_four_desks_appending_at_once_leave_one_valid_chain(demo_db: Target) -> None:
    centre = open_centre(str(demo_db))
    try:
        before = AuditEvent.select().count()
    finally:
        centre.close()
    assert _at_once(_append_events, [(str(demo_db), desk) for desk in range(1, 5)]) == [EVENTS_PER_DESK] * 4
    centre = open_centre(str(demo_db))
    try:
        assert AuditEvent.select().count() == before + 4 * EVENTS_PER_DESK
        desks = {event.actor for event in AuditEvent.select().where(AuditEvent.action == "test.concurrent")}
        assert len(desks) == 4
        report = audit.verify_trail()
        assert report.ok, report.problems
    finally:
        centre.close()


def test_four_desks_started_together_on_a_new_database_apply_each_migration_once(
    new_db: Callable[[str], Target],
) -> None:
    target = new_db("centre.db")
    outcomes = _at_once(_start, [(str(target), desk) for desk in range(1, 5)])
    assert outcomes == ["opened"] * 4
    versions = query(target, "SELECT version FROM schema_migration ORDER BY version")
    assert versions == [(m.VERSION,) for m in MIGRATIONS]
    assert versions[-1] == (LATEST_VERSION,)
