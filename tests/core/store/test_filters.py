"""Advanced search on a real seeded file: the SQL form of each state agrees with `derive_state`."""

from __future__ import annotations

from collections import defaultdict

import pytest

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.store.models import Certificate, ExamSession, Holder, Qualification
from tests.helpers import TODAY


def _service(centre: Centre) -> LookupService:
    return LookupService(centre.settings, today=lambda: TODAY)


@pytest.fixture
def derived_states(demo_centre: Centre) -> dict[CertificateState, set[int]]:
    service = _service(demo_centre)
    ids = [certificate.id for certificate in Certificate.select(Certificate.id)]
    states: dict[CertificateState, set[int]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        for summary in service.summaries(ids[start : start + 500]):
            states[summary.state].add(summary.certificate_id)
    return states


@pytest.mark.parametrize("state", list(CertificateState))
def test_filtering_by_state_finds_exactly_the_certificates_in_that_state(
    demo_centre: Centre, derived_states: dict[CertificateState, set[int]], state: CertificateState
) -> None:
    found = _service(demo_centre).search_ids(Criteria(state=state))
    assert derived_states[state], f"the demo data has certificates in state {state}"
    assert set(found.ids) == derived_states[state]


def test_fields_narrow_the_search_together(demo_centre: Centre) -> None:
    certificate = Certificate.select().join(Holder).where(Holder.name == "张伟").first()
    assert certificate is not None
    service = _service(demo_centre)
    by_name = service.search_ids(Criteria(name="张伟"))
    narrowed = service.search_ids(Criteria(name="张伟", session_id=certificate.session_id))
    assert certificate.id in narrowed.ids
    assert set(narrowed.ids) <= set(by_name.ids)
    assert all(s.session == certificate.session.name for s in service.summaries(narrowed.ids))


def test_a_current_qualification_also_finds_its_historical_names(demo_centre: Centre) -> None:
    software_designer = Qualification.get(Qualification.code == "software_designer")
    old_programmer = Qualification.get(Qualification.code == "programmer_pre2004")
    old = Certificate.get_by_id(1)
    old.qualification = old_programmer  # a 2003 程序员 certificate, stored as it was issued
    old.save()
    found = _service(demo_centre).search_ids(Criteria(qualification_id=software_designer.id)).ids
    assert old.id in found
    [summary] = _service(demo_centre).summaries([old.id])
    assert summary.qualification == "程序员"
    assert summary.level == "intermediate"


def test_summaries_keep_the_order_of_the_ids(demo_centre: Centre) -> None:
    ids = [c.id for c in Certificate.select(Certificate.id).order_by(Certificate.id.desc()).limit(30)]
    assert [s.certificate_id for s in _service(demo_centre).summaries(ids)] == ids


def test_every_id_of_a_search_comes_in_the_order_of_its_first_page(demo_centre: Centre) -> None:
    service = _service(demo_centre)
    for query in ("张伟", "zhangwei", "110105199003071239", "张", "zw", "1239"):
        first = service.search(query, limit=3)
        every = service.more(query).ids
        assert first.ids == every[:3], query
        assert len(every) == first.total


def test_the_newest_session_comes_first(demo_centre: Centre) -> None:
    outcome = _service(demo_centre).search_ids(Criteria(name="张伟"))
    dates = [
        ExamSession.get(ExamSession.name == s.session).exam_date
        for s in _service(demo_centre).summaries(outcome.ids)
    ]
    assert dates == sorted(dates, reverse=True)
