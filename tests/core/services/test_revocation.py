"""Revoking a certificate, on either engine: visible in lookups, on a copy and in the verification of a
copy printed before; refused without a reason, twice, or over another desk's change, writing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput, KnownError, StaleRecord
from ruankao_desktop.core.pdf.signing import KeyStore
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.printing import PrintingService
from ruankao_desktop.core.services.revocation import RevocationService
from ruankao_desktop.core.services.verification import Verdict, VerificationService, payload_in_pdf
from ruankao_desktop.core.store.models import AuditEvent, Certificate
from tests.helpers import TEST_ACTOR, TODAY


def _collected(centre: Centre) -> Certificate:
    lookup = LookupService(centre.settings, today=lambda: TODAY)
    return Certificate.get_by_id(lookup.search_ids(Criteria(state=CertificateState.COLLECTED)).ids[0])


def test_a_revoked_certificate_shows_so_everywhere(demo_centre: Centre, tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys")
    certificate = _collected(demo_centre)
    printing = PrintingService(demo_centre.settings, keys=keys)
    before = printing.render_copy(certificate.id, TEST_ACTOR, expected_version=None)
    changed = RevocationService().revoke(
        certificate.id,
        reason="  考试机构通知  2026-18 号 ",
        expected_version=certificate.version,
        actor=TEST_ACTOR,
    )
    assert changed.certificates == {certificate.id}
    lookup = LookupService(demo_centre.settings, today=lambda: TODAY)
    [summary] = lookup.summaries([certificate.id])
    assert summary.state is CertificateState.REVOKED
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (event.action, event.target) == ("certificate.revoke", f"certificate:{certificate.id}")
    assert "考试机构通知 2026-18 号" in event.details
    verifier = VerificationService(demo_centre.settings, keys=keys, today=lambda: TODAY)
    result = verifier.verify(payload_in_pdf(before.pdf) or "")
    assert result.verdict is Verdict.REVOKED
    assert "考试机构通知 2026-18 号" in result.message() and "已撤销" in result.current_state()
    after = printing.render_copy(certificate.id, TEST_ACTOR, expected_version=None)
    assert verifier.verify(payload_in_pdf(after.pdf) or "").verdict is Verdict.REVOKED


@pytest.mark.parametrize(
    ("reason", "message"),
    [(" ", "撤销证书需要填写原因（至少 2 个字）"), ("x" * 201, "原因最多 200 个字")],
    ids=["no reason", "too long"],
)
def test_a_revocation_needs_a_reason(demo_centre: Centre, reason: str, message: str) -> None:
    certificate = _collected(demo_centre)
    events = AuditEvent.select().count()
    with pytest.raises(InvalidInput) as refused:
        RevocationService().revoke(
            certificate.id, reason=reason, expected_version=certificate.version, actor=TEST_ACTOR
        )
    assert message in refused.value.message()
    assert Certificate.get_by_id(certificate.id).revoked_at is None
    assert AuditEvent.select().count() == events


def test_twice_or_over_another_desk_s_change_is_refused(demo_centre: Centre) -> None:
    certificate = _collected(demo_centre)
    with pytest.raises(StaleRecord):
        RevocationService().revoke(
            certificate.id, reason="通知撤销", expected_version=certificate.version - 1, actor=TEST_ACTOR
        )
    assert Certificate.get_by_id(certificate.id).revoked_at is None
    RevocationService().revoke(
        certificate.id, reason="通知撤销", expected_version=certificate.version, actor=TEST_ACTOR
    )
    again = Certificate.get_by_id(certificate.id)
    events = AuditEvent.select().count()
    with pytest.raises(KnownError) as refused:
        RevocationService().revoke(
            certificate.id, reason="再次撤销", expected_version=again.version, actor=TEST_ACTOR
        )
    assert refused.value.code == "revoke.already"
    assert "通知撤销" in refused.value.message()
    assert AuditEvent.select().count() == events


def test_an_id_number_typed_in_the_reason_is_kept_masked(demo_centre: Centre) -> None:
    certificate = _collected(demo_centre)
    RevocationService().revoke(
        certificate.id,
        reason="持证人 110105199003071239 冒用他人身份",
        expected_version=certificate.version,
        actor=TEST_ACTOR,
    )
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert "110105199003071239" not in event.details
    assert "110105********1239" in event.details
    assert "110105199003071239" not in (Certificate.get_by_id(certificate.id).revocation_reason or "")
