"""Front-desk services on a real seeded file: details and history, revealing an ID, handover, guidance."""

from __future__ import annotations

import json

import pytest

from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id
from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.certificates import CertificateService, IdOwner
from ruankao_desktop.core.services.guidance import no_match_hints
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Distribution, Holder
from ruankao_desktop.core.store.search import as_datetime
from tests.helpers import TEST_ACTOR, TODAY


def _first_in(centre: Centre, state: CertificateState) -> Certificate:
    ids = LookupService(centre.settings, today=lambda: TODAY).search_ids(Criteria(state=state)).ids
    assert ids, state
    return Certificate.get_by_id(ids[0])


def test_detail_of_a_collected_certificate_tells_its_story(demo_centre: Centre) -> None:
    certificate = _first_in(demo_centre, CertificateState.COLLECTED)
    detail = CertificateService(demo_centre.settings, today=lambda: TODAY).detail(certificate.id)
    assert detail.summary.cert_no == certificate.cert_no
    assert detail.state is CertificateState.COLLECTED
    assert "*" in detail.summary.id_masked
    codes = [entry.code for entry in detail.history]
    assert codes[0] == "history.handover.self"
    assert "history.arrival" in codes
    assert detail.next_step() == CertificateState.COLLECTED.next_step()


def test_a_superseded_certificate_and_its_successor_point_at_each_other(demo_centre: Centre) -> None:
    old = _first_in(demo_centre, CertificateState.SUPERSEDED)
    new = Certificate.get(Certificate.supersedes == old.id)
    service = CertificateService(demo_centre.settings, today=lambda: TODAY)
    old_detail, new_detail = service.detail(old.id), service.detail(new.id)
    assert old_detail.next_step() == render("state.superseded.next", successor=new.cert_no)
    assert new_detail.supersedes == old.cert_no
    assert any(e.code == "history.replaced_by" for e in old_detail.history)


def test_revealing_an_id_needs_a_reason_and_is_audited(demo_centre: Centre) -> None:
    certificate = Certificate.get_by_id(1)
    service = CertificateService(demo_centre.settings, today=lambda: TODAY)
    events = AuditEvent.select().count()
    with pytest.raises(InvalidInput) as caught:
        service.reveal_id(certificate.id, expected_version=certificate.version, reason=" ", actor=TEST_ACTOR)
    assert caught.value.message() == "请填写查看完整证件号码的原因（至少 2 个字）。"
    assert AuditEvent.select().count() == events
    revealed = service.reveal_id(
        certificate.id, expected_version=certificate.version, reason="核对户籍迁移", actor=TEST_ACTOR
    )
    number = revealed.number
    assert number == certificate.holder.id_number
    assert revealed.changed.certificates == {certificate.id}
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (event.action, event.target) == ("id.reveal", f"certificate:{certificate.id}")
    assert number not in event.details
    assert service.detail(certificate.id).history[0].message() == "查看完整证件号码（原因：核对户籍迁移）"


def test_a_proxy_is_shown_masked_and_revealed_only_for_a_reason(demo_centre: Centre) -> None:
    certificate = _first_in(demo_centre, CertificateState.COLLECTED_BY_PROXY)
    proxy = Distribution.get(
        (Distribution.certificate == certificate.id) & (Distribution.method == HandoverMethod.PROXY.value)
    )
    full = proxy.recipient_id_number
    assert full is not None
    service = CertificateService(demo_centre.settings, today=lambda: TODAY)
    detail = service.detail(certificate.id)
    assert detail.receipt is not None
    assert detail.receipt.name == proxy.recipient_name
    assert detail.receipt.id_masked == mask_id(full, STAFF_POLICY) != full
    [handover] = [entry for entry in detail.history if entry.code == "history.handover.proxy"]
    assert handover.message() == f"他人代领：{proxy.recipient_name}（证件 {mask_id(full, STAFF_POLICY)}）"
    assert not any(full in entry.message(lang) for entry in detail.history for lang in ("zh", "en"))

    events = AuditEvent.select().count()
    with pytest.raises(InvalidInput):
        service.reveal_id(
            certificate.id,
            expected_version=certificate.version,
            reason="",
            actor=TEST_ACTOR,
            whose=IdOwner.COLLECTOR,
        )
    assert AuditEvent.select().count() == events
    revealed = service.reveal_id(
        certificate.id,
        expected_version=certificate.version,
        reason="代领人来电核对",
        actor=TEST_ACTOR,
        whose=IdOwner.COLLECTOR,
    )
    assert revealed.number == full != certificate.holder.id_number
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert json.loads(event.details) == {
        "reason": "代领人来电核对",
        "whose": "collector",
        "id_masked": mask_id(full, STAFF_POLICY),
    }
    assert (
        service.detail(certificate.id).history[0].message()
        == "查看代领人完整证件号码（原因：代领人来电核对）"
    )


def test_no_proxy_number_to_reveal_where_nobody_collected_by_proxy(demo_centre: Centre) -> None:
    certificate = _first_in(demo_centre, CertificateState.COLLECTED)
    service = CertificateService(demo_centre.settings, today=lambda: TODAY)
    receipt = service.detail(certificate.id).receipt
    assert receipt is None or not receipt.by_proxy
    events = AuditEvent.select().count()
    with pytest.raises(KnownError) as caught:
        service.reveal_id(
            certificate.id,
            expected_version=certificate.version,
            reason="核对",
            actor=TEST_ACTOR,
            whose=IdOwner.COLLECTOR,
        )
    assert caught.value.message() == "这张证书没有他人代领的记录，没有代领人的证件号码可查看。"
    assert AuditEvent.select().count() == events


def test_a_pickup_in_person_checks_the_card_and_is_recorded_once(demo_centre: Centre) -> None:
    certificate = _first_in(demo_centre, CertificateState.AWAITING_PICKUP)
    holder = certificate.holder
    service = HandoverService(demo_centre.settings, today=lambda: TODAY)
    service.record_self_pickup(
        certificate.id,
        presented_id=holder.id_number.lower(),
        expected_version=certificate.version,
        actor=TEST_ACTOR,
    )
    [summary] = LookupService(demo_centre.settings, today=lambda: TODAY).summaries([certificate.id])
    assert summary.state is CertificateState.COLLECTED
    assert Certificate.get_by_id(certificate.id).version == certificate.version + 1
    with pytest.raises(KnownError) as caught:
        service.record_self_pickup(
            certificate.id,
            presented_id=holder.id_number,
            expected_version=certificate.version + 1,
            actor=TEST_ACTOR,
        )
    recorded = Distribution.get(
        (Distribution.certificate == certificate.id) & (Distribution.event == "handover")
    )
    at = as_datetime(recorded.at)
    assert at is not None
    who = {
        "method": HandoverMethod.SELF,
        "receiver": holder.name,
        "operator": TEST_ACTOR.user,
        "terminal": TEST_ACTOR.terminal,
        "at": f"{at:%Y-%m-%d %H:%M:%S}",
    }
    assert caught.value.message("en") == render(
        "handover.already_recorded", "en", cert_no=certificate.cert_no, **who
    )
    assert "desk-1" in caught.value.message() and "本次没有重复登记" in caught.value.message()


def test_a_pickup_of_a_certificate_not_yet_arrived_says_its_state(demo_centre: Centre) -> None:
    certificate = _first_in(demo_centre, CertificateState.NOT_ARRIVED)
    service = HandoverService(demo_centre.settings, today=lambda: TODAY)
    with pytest.raises(KnownError) as caught:
        service.record_self_pickup(
            certificate.id,
            presented_id=certificate.holder.id_number,
            expected_version=certificate.version,
            actor=TEST_ACTOR,
        )
    assert caught.value.message() == render("handover.not_available", state="未到达")


def _writes(certificate: Certificate) -> tuple[int, int, int]:
    return (
        Distribution.select().where(Distribution.certificate == certificate.id).count(),
        AuditEvent.select().count(),
        Certificate.get_by_id(certificate.id).version,
    )


def test_someone_else_s_card_is_refused_and_nothing_is_written(demo_centre: Centre) -> None:
    certificate = _first_in(demo_centre, CertificateState.AWAITING_PICKUP)
    stranger = Holder.select().where(Holder.id != certificate.holder.id).first()
    before = _writes(certificate)
    with pytest.raises(InvalidInput) as caught:
        HandoverService(demo_centre.settings, today=lambda: TODAY).record_self_pickup(
            certificate.id,
            presented_id=stranger.id_number,
            expected_version=certificate.version,
            actor=TEST_ACTOR,
        )
    assert caught.value.code == "handover.id_mismatch"
    assert "不一致" in caught.value.message()
    assert _writes(certificate) == before


def test_a_stale_version_is_refused_and_nothing_is_written(demo_centre: Centre) -> None:
    certificate = _first_in(demo_centre, CertificateState.OVERDUE)
    before = _writes(certificate)
    with pytest.raises(KnownError) as caught:
        HandoverService(demo_centre.settings, today=lambda: TODAY).record_self_pickup(
            certificate.id,
            presented_id=certificate.holder.id_number,
            expected_version=certificate.version - 1,
            actor=TEST_ACTOR,
        )
    assert caught.value.message() == render("certificate.stale", cert_no=certificate.cert_no)
    assert "已重新显示最新记录" in caught.value.message()
    assert _writes(certificate) == before


def test_guidance_names_the_input_problem_pending_sessions_and_homophones(demo_centre: Centre) -> None:
    problem = InvalidInput("id.wrong_length", length=17)
    hints = no_match_hints("11010519900307123", by_name=False, problem=problem)
    assert hints[0].message() == "输入有误：" + render("id.wrong_length", length=17)
    assert any(h.code == "guide.pending_session" and "2026年下半年" in h.message() for h in hints)
    assert hints[-1].code == "guide.contact"
    homophone = no_match_hints("张玮", by_name=True, problem=None)
    similar = [h for h in homophone if h.code == "guide.similar_names"]
    assert similar and "张伟" in similar[0].message()
