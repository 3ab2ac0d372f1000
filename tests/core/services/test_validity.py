"""The certificates whose validity term ends soon, on a real seeded database (either engine): exactly
those a check of every certificate finds, soonest first, revoked and replaced ones left out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.revocation import RevocationService
from ruankao_desktop.core.services.validity import ValidityService
from ruankao_desktop.core.store.models import Certificate
from tests.helpers import TEST_ACTOR, TODAY

WITHIN = 400


def _every_certificate_checked(centre: Centre, within: int) -> set[int]:
    lookup = LookupService(centre.settings, today=lambda: TODAY)
    ids = [c.id for c in Certificate.select(Certificate.id)]
    horizon = TODAY + timedelta(days=within)
    return {
        s.certificate_id
        for start in range(0, len(ids), 500)
        for s in lookup.summaries(ids[start : start + 500])
        if s.valid_until is not None
        and TODAY <= s.valid_until < horizon
        and s.state not in (CertificateState.REVOKED, CertificateState.SUPERSEDED, CertificateState.EXPIRED)
    }


def test_the_expiring_are_those_a_full_check_finds_soonest_first(demo_centre: Centre) -> None:
    found = ValidityService(demo_centre.settings, today=lambda: TODAY).expiring(WITHIN)
    expected = _every_certificate_checked(demo_centre, WITHIN)
    assert expected, "the demo data should hold certificates expiring within the window"
    assert {e.summary.certificate_id for e in found} == expected
    assert [e.valid_until for e in found] == sorted(e.valid_until for e in found)
    assert all(e.days_left == (e.valid_until - TODAY).days and 0 <= e.days_left < WITHIN for e in found)
    first = found[0].summary
    RevocationService().revoke(
        first.certificate_id,
        reason="考试机构通知",
        expected_version=Certificate.get_by_id(first.certificate_id).version,
        actor=TEST_ACTOR,
    )
    again = ValidityService(demo_centre.settings, today=lambda: TODAY).expiring(WITHIN)
    assert first.certificate_id not in {e.summary.certificate_id for e in again}
    assert len(again) == len(found) - 1


@pytest.mark.parametrize("days", [0, -5, 3651])
def test_a_window_out_of_range_is_refused(demo_centre: Centre, days: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        ValidityService(demo_centre.settings, today=lambda: TODAY).expiring(days)
    assert refused.value.message() == f"天数应在 1 到 3650 之间，而不是 {days}。"
