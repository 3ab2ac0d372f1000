"""The overview on a real seeded database: its counts per state are the ones a state filter finds
(counted another way), per session and in all; today's handovers, the reissues per step, the expiring
certificates and the open enquiries follow what is written."""

from __future__ import annotations

from datetime import date, timedelta

from ruankao_desktop.core.domain.handover import InPerson
from ruankao_desktop.core.domain.reissue import ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.enquiries import Channel, EnquiryService
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.overview import EXPIRING_DAYS, OverviewService
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.services.reissue_workflow import ReissueWorkflow
from ruankao_desktop.core.services.validity import ValidityService
from ruankao_desktop.core.store.models import Certificate, ExamSession
from tests.core.services.test_reissue import application
from tests.helpers import TEST_ACTOR, TODAY


def _overview(centre: Centre) -> object:
    return OverviewService(centre.settings, today=lambda: TODAY).overview()


def test_the_counts_per_state_are_what_each_state_filter_finds(demo_centre: Centre) -> None:
    lookup = LookupService(demo_centre.settings, today=lambda: TODAY)
    overview = OverviewService(demo_centre.settings, today=lambda: TODAY).overview()
    assert overview.total == Certificate.select().count() == 3000  # the demo's, reissued ones included
    for state in CertificateState:
        assert overview.states[state] == len(lookup.search_ids(Criteria(state=state), limit=10_000).ids), (
            state
        )
    assert sum(1 for count in overview.states.values() if count) >= 6  # the demo data has most states
    assert sum(session.total for session in overview.sessions) == overview.total
    dates = [ExamSession.get_by_id(session.session_id).exam_date for session in overview.sessions]
    assert dates == sorted(dates, reverse=True)  # newest first
    for session in overview.sessions:
        for state, count in session.counts.items():
            found = lookup.search_ids(Criteria(state=state, session_id=session.session_id), limit=10_000)
            assert count == len(found.ids), (session.code, state)
    assert overview.overdue == overview.states[CertificateState.OVERDUE]
    assert overview.expiring == len(
        ValidityService(demo_centre.settings, today=lambda: TODAY).expiring(EXPIRING_DAYS, limit=10_000)
    )


def test_the_day_s_work_shows(demo_centre: Centre) -> None:
    before = OverviewService(demo_centre.settings, today=lambda: TODAY).overview()
    lookup = LookupService(demo_centre.settings, today=lambda: TODAY)
    waiting = Certificate.get_by_id(
        lookup.search_ids(Criteria(state=CertificateState.AWAITING_PICKUP)).ids[0]
    )
    HandoverService(demo_centre.settings, today=lambda: TODAY).record(
        waiting.id, InPerson(waiting.holder.id_number), expected_version=waiting.version, actor=TEST_ACTOR
    )
    collected = Certificate.get_by_id(lookup.search_ids(Criteria(state=CertificateState.COLLECTED)).ids[0])
    submitted = ReissueService(today=lambda: TODAY).submit(
        application(collected), TEST_ACTOR, expected_version=collected.version
    )
    ReissueWorkflow(demo_centre.settings, today=lambda: TODAY).approve(submitted.tracking_no, TEST_ACTOR)
    EnquiryService(today=lambda: TODAY).log(
        channel=Channel.WALK_IN, who="张伟", contact="13800138000", question="何时到？", due_on=TODAY,
        actor=TEST_ACTOR,
    )  # fmt: skip
    today = date.today()
    after = OverviewService(demo_centre.settings, today=lambda: today).overview()
    assert after.handed_over_today == 1  # recorded now, on the real day
    later = OverviewService(demo_centre.settings, today=lambda: TODAY).overview()
    assert (
        later.states[CertificateState.AWAITING_PICKUP] == before.states[CertificateState.AWAITING_PICKUP] - 1
    )
    assert later.states[CertificateState.REISSUE_IN_PROGRESS] == (
        before.states[CertificateState.REISSUE_IN_PROGRESS] + 1
    )
    assert later.reissues[ReissueStatus.APPROVED] == 1
    assert (later.open_enquiries, later.due_enquiries) == (1, 1)
    tomorrow = OverviewService(demo_centre.settings, today=lambda: today + timedelta(days=1)).overview()
    assert tomorrow.handed_over_today == 0
