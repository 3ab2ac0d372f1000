"""Marking a session's certificates as arrived, and changing its pickup deadline, on a real seeded database
(either engine): one transaction, one audit event, nothing written when the input is refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.services.arrival import ArrivalService
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Distribution, ExamSession
from ruankao_desktop.core.store.search import as_date
from tests.helpers import TEST_ACTOR, TODAY


def _waiting_session() -> ExamSession:
    """A session whose certificates have not arrived (the demo's newest)."""
    session = (
        ExamSession.select()
        .join(Certificate, on=Certificate.session == ExamSession.id)
        .where(Certificate.arrived_on.is_null())
        .order_by(ExamSession.exam_date.desc())
        .first()
    )
    assert isinstance(session, ExamSession)
    return session


def _snapshot() -> tuple[int, int, int, int]:
    """What a refused marking must leave as it was."""
    return (
        Certificate.select().where(Certificate.arrived_on.is_null()).count(),
        Distribution.select().count(),
        AuditEvent.select().count(),
        sum(c.version for c in Certificate.select(Certificate.version)),
    )


def _service() -> ArrivalService:
    return ArrivalService(today=lambda: TODAY)


def test_a_whole_session_arrives_in_one_go_and_twice_changes_nothing(demo_centre: Centre) -> None:
    session = _waiting_session()
    certificates = list(Certificate.select().where(Certificate.session == session.id))
    waiting = [c for c in certificates if c.arrived_on is None]
    events, rows = AuditEvent.select().count(), Distribution.select().count()
    report = _service().mark_arrived(session.code, TODAY, TEST_ACTOR)
    assert (report.arrived, report.already) == (len(waiting), len(certificates) - len(waiting))
    assert report.session == session.name and report.changed.sessions == {session.id}
    for before in waiting:
        after = Certificate.get_by_id(before.id)
        assert as_date(after.arrived_on) == TODAY
        assert after.version == before.version + 1
    assert Distribution.select().count() == rows + len(waiting)
    assert as_date(ExamSession.get_by_id(session.id).actual_arrival) == TODAY
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (event.action, event.target) == ("arrival", f"session:{session.code}")
    assert AuditEvent.select().count() == events + 1
    lookup = LookupService(demo_centre.settings, today=lambda: TODAY)
    states = {summary.state for summary in lookup.summaries([c.id for c in waiting])}
    assert CertificateState.NOT_ARRIVED not in states
    again = _service().mark_arrived(session.code, TODAY, TEST_ACTOR)
    assert (again.arrived, again.already) == (0, len(certificates))
    assert Distribution.select().count() == rows + len(waiting)


def test_an_arrival_list_marks_only_the_certificates_it_names(demo_centre: Centre) -> None:
    session = _waiting_session()
    waiting = list(
        Certificate.select()
        .where((Certificate.session == session.id) & Certificate.arrived_on.is_null())
        .order_by(Certificate.id)
        .limit(3)
    )
    listed = [f"  {waiting[0].cert_no.lower()} ", waiting[1].cert_no, waiting[1].cert_no, ""]
    report = _service().mark_arrived(session.name, TODAY - timedelta(days=1), TEST_ACTOR, cert_nos=listed)
    assert (report.arrived, report.already) == (2, 0)
    assert [as_date(Certificate.get_by_id(c.id).arrived_on) for c in waiting] == [
        TODAY - timedelta(days=1),
        TODAY - timedelta(days=1),
        None,
    ]


OTHER = "another session's certificate"  # stands for one, found in the test


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"cert_nos": ["C0000000000X", "C0000000000Y"]}, "到达清单中有 2 个证书编号在本系统中不存在"),
        ({"cert_nos": [OTHER]}, "到达清单中有 1 张证书不属于"),
        ({"cert_nos": [" ", ""]}, "到达清单中没有证书编号"),
        ({"day": TODAY + timedelta(days=1)}, "晚于今天"),
        ({"day": date(2000, 1, 1)}, "早于该批次的考试日期"),
        ({"session": "2099H9"}, "找不到考试批次“2099H9”"),
    ],
    ids=["unknown numbers", "another session", "empty list", "future", "before the exam", "no session"],
)
def test_a_refused_marking_says_why_and_writes_nothing(
    demo_centre: Centre, arguments: dict[str, Any], message: str
) -> None:
    session = _waiting_session()
    other = Certificate.select().where(Certificate.session != session.id).first().cert_no
    listed = arguments.get("cert_nos")
    before = _snapshot()
    with pytest.raises(InvalidInput) as refused:
        _service().mark_arrived(
            arguments.get("session", session.code),
            arguments.get("day", TODAY),
            TEST_ACTOR,
            cert_nos=None if listed is None else [other if n == OTHER else n for n in listed],
        )
    assert message in refused.value.message()
    assert refused.value.message("en")
    assert _snapshot() == before


def test_the_pickup_deadline_changes_with_a_reason_in_the_trail(demo_centre: Centre) -> None:
    session = _waiting_session()
    old = as_date(session.pickup_deadline)
    events = AuditEvent.select().count()
    for reason, expected in (("  ", "需要填写原因"), ("x" * 201, "最多 200 个字")):
        with pytest.raises(InvalidInput) as refused:
            _service().set_pickup_deadline(session.code, TODAY, reason, TEST_ACTOR)
        assert expected in refused.value.message()
    with pytest.raises(InvalidInput) as refused:
        _service().set_pickup_deadline(session.code, date(2000, 1, 1), "延期", TEST_ACTOR)
    assert "早于考试日期" in refused.value.message()
    assert AuditEvent.select().count() == events
    new = TODAY + timedelta(days=60)
    changed = _service().set_pickup_deadline(session.code, new, "  证书晚到，  延期两个月 ", TEST_ACTOR)
    assert changed.sessions == {session.id}
    assert as_date(ExamSession.get_by_id(session.id).pickup_deadline) == new
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert event.action == "session.deadline"
    assert '"reason": "证书晚到， 延期两个月"' in event.details
    assert (f'"from": "{old.isoformat()}"' if old else '"from": null') in event.details


def test_an_id_number_in_the_deadline_s_reason_is_kept_masked(demo_centre: Centre) -> None:
    session = _waiting_session()
    _service().set_pickup_deadline(session.code, TODAY, "为 110105199003071239 延期", TEST_ACTOR)
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert "110105199003071239" not in event.details and "110105********1239" in event.details
