"""Taking reissue applications against a real seeded SQLite file: drafts, submission, refusals.

Every refusal is checked for the words the applicant is shown and for leaving the database as it was:
no request, no audit event, the certificate's flag and version untouched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pytest
from peewee import JOIN

from ruankao_desktop.core.domain.reissue import Document, ReissueApplication, ReissueKind, ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.reissue import ReissueInvalid, ReissueService
from ruankao_desktop.core.store.models import AuditEvent, Certificate, ReissueRequest
from tests.core.domain.test_photo import GOOD_PHOTO, encode, photo_bytes, portrait
from tests.helpers import TEST_ACTOR, TODAY

LOST_DOCUMENTS = frozenset(
    {Document.APPLICATION_FORM, Document.ID_COPY, Document.PHOTO, Document.LOSS_NOTICE}
)


@dataclass(frozen=True)
class Snapshot:
    """What a refused operation must leave as it was."""

    requests: int
    events: int
    reissue_pending: bool
    version: int

    @classmethod
    def take(cls, certificate_id: int) -> Snapshot:
        certificate = Certificate.get_by_id(certificate_id)
        return cls(
            ReissueRequest.select().count(),
            AuditEvent.select().count(),
            certificate.reissue_pending,
            certificate.version,
        )


def service() -> ReissueService:
    return ReissueService(today=lambda: TODAY)


def eligible_certificates(count: int = 1) -> list[Certificate]:
    """Certificates the holder collected, never revoked, reissued or under reissue."""
    successor = Certificate.alias()
    query = (
        Certificate.select()
        .join(successor, JOIN.LEFT_OUTER, on=(successor.supersedes == Certificate.id))
        .where(
            successor.id.is_null()
            & Certificate.revoked_at.is_null()
            & (Certificate.reissue_pending == False)  # noqa: E712 (SQL)
            & (Certificate.handover == "self")
        )
        .order_by(Certificate.id)
        .limit(count)
    )
    found = list(query)
    assert len(found) == count
    return found


def application(certificate: Certificate, **changes: object) -> ReissueApplication:
    """A complete application for a lost certificate, with `changes`."""
    complete = ReissueApplication(
        certificate_id=certificate.id,
        kind=ReissueKind.LOST,
        applicant_name=certificate.holder.name,
        phone="138 0013 8000",
        email="",
        address="",
        reason="证书在搬家时遗失，已登报声明作废。",
        documents=LOST_DOCUMENTS,
        photo=GOOD_PHOTO,
    )
    return replace(complete, **changes)  # type: ignore[arg-type]


def state_of(centre: Centre, certificate: Certificate) -> CertificateState:
    [summary] = LookupService(centre.settings, today=lambda: TODAY).by_cert_no(certificate.cert_no)
    return summary.state


def test_prefill_takes_name_and_phone_from_the_holder(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    form = service().prefill(certificate.id)
    assert form.certificate_id == certificate.id
    assert form.kind is None
    assert form.applicant_name == certificate.holder.name
    assert form.phone == (certificate.holder.phone or "")
    assert (form.email, form.address, form.reason, form.documents, form.photo) == (
        "",
        "",
        "",
        frozenset(),
        None,
    )


def test_a_draft_then_its_submission(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    reissue = service()
    assert state_of(demo_centre, certificate) is CertificateState.COLLECTED
    draft = replace(service().prefill(certificate.id), kind=ReissueKind.LOST, reason="遗失")
    request_id = reissue.save_draft(draft, TEST_ACTOR, expected_version=None).request_id
    [summary] = reissue.requests_for(certificate.id)
    assert (summary.request_id, summary.status, summary.tracking_no) == (
        request_id,
        ReissueStatus.DRAFT,
        None,
    )
    assert Certificate.get_by_id(certificate.id).reissue_pending is False

    submitted = reissue.submit(
        application(certificate), TEST_ACTOR, request_id=request_id, expected_version=None
    )

    assert (submitted.request_id, submitted.tracking_no) == (request_id, "BF202611290001")
    assert submitted.changed.certificates == {certificate.id}
    assert ReissueRequest.select().count() == 1
    stored = Certificate.get_by_id(certificate.id)
    assert stored.reissue_pending is True
    assert stored.version == certificate.version + 1
    assert stored.updated_at > certificate.updated_at
    assert state_of(demo_centre, certificate) is CertificateState.REISSUE_IN_PROGRESS
    [summary] = reissue.requests_for(certificate.id)
    assert summary.status is ReissueStatus.SUBMITTED
    assert summary.tracking_no == "BF202611290001"
    assert summary.kind is ReissueKind.LOST
    assert summary.submitted_at is not None
    assert summary.applicant_name == certificate.holder.name


def test_submission_leaves_audit_events_without_the_id_number(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    reissue = service()
    request_id = reissue.save_draft(
        application(certificate, photo=None), TEST_ACTOR, expected_version=None
    ).request_id
    reissue.submit(application(certificate), TEST_ACTOR, request_id=request_id, expected_version=None)
    events = list(
        AuditEvent.select()
        .where(AuditEvent.target == f"certificate:{certificate.id}")
        .order_by(AuditEvent.id)
    )
    assert [(e.action, e.actor, e.terminal) for e in events] == [
        ("reissue.draft", "tester", "desk-1"),
        ("reissue.submit", "tester", "desk-1"),
    ]
    assert json.loads(events[0].details) == {"request_id": request_id, "kind": "lost", "new": True}
    submit_details = json.loads(events[1].details)
    assert submit_details["kind"] == "lost"
    assert submit_details["tracking_no"] == "BF202611290001"
    id_number = certificate.holder.id_number
    assert all(id_number not in e.details for e in events)


def test_the_stored_application_loads_back_normalised(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    typed = application(certificate, phone="(010) 1234 5678", email=" zw@example.com ", address=" 北京市 ")
    request_id = service().save_draft(typed, TEST_ACTOR, expected_version=None).request_id
    loaded = service().load(request_id)
    assert loaded == replace(typed, phone="010-12345678", email="zw@example.com", address="北京市")
    row = ReissueRequest.get_by_id(request_id)
    assert row.photo_sha256 is not None and len(row.photo_sha256) == 64
    assert row.operator == "tester"


def test_updating_a_draft_keeps_one_row(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    reissue = service()
    request_id = reissue.save_draft(
        application(certificate, reason=""), TEST_ACTOR, expected_version=None
    ).request_id
    again = reissue.save_draft(
        application(certificate, kind=ReissueKind.CHANGE),
        TEST_ACTOR,
        request_id=request_id,
        expected_version=None,
    )
    assert again.request_id == request_id
    assert ReissueRequest.select().count() == 1
    assert reissue.load(request_id).kind is ReissueKind.CHANGE
    assert reissue.load(request_id).reason == "证书在搬家时遗失，已登报声明作废。"


def test_tracking_numbers_count_up_within_the_day(demo_centre: Centre) -> None:
    first, second, third = eligible_certificates(3)
    reissue = service()
    assert (
        reissue.submit(application(first), TEST_ACTOR, expected_version=None).tracking_no == "BF202611290001"
    )
    assert (
        reissue.submit(application(second), TEST_ACTOR, expected_version=None).tracking_no == "BF202611290002"
    )
    next_day = ReissueService(today=lambda: TODAY.replace(day=30))
    assert (
        next_day.submit(application(third), TEST_ACTOR, expected_version=None).tracking_no == "BF202611300001"
    )


def test_requests_are_listed_newest_first(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    reissue = service()
    older = reissue.save_draft(
        application(certificate, kind=ReissueKind.RENEWAL), TEST_ACTOR, expected_version=None
    )
    newer = reissue.save_draft(application(certificate), TEST_ACTOR, expected_version=None)
    listed = [s.request_id for s in reissue.requests_for(certificate.id)]
    assert listed == [newer.request_id, older.request_id]
    assert reissue.requests_for(certificate.id + 100_000) == []


# The form's mistakes: (changes to a complete application, the one line the applicant is shown)
BAD_FORMS: dict[str, tuple[dict[str, object], str]] = {
    "missing kind": ({"kind": None}, "请选择申请类型：补发、换发、更新或未收到。"),
    "bad phone": (
        {"phone": "1380013800"},
        "联系电话“1380013800”无法识别：请填写 11 位手机号码（如 13800138000），"
        "或带区号的固定电话（如 010-12345678）。",
    ),
    "bad email": (
        {"email": "zhangwei@qq"},
        "电子邮箱“zhangwei@qq”格式不对，应形如 name@example.com。请核对，或留空不填。",
    ),
    "short reason": ({"reason": "丢了"}, "申请原因太短：只有 2 个字，至少需要 5 个字。请写明具体情况。"),
    "missing documents": (
        {"documents": frozenset({Document.APPLICATION_FORM})},
        "还缺少以下材料：身份证复印件、遗失声明（登报声明）或损坏的原证书。请收齐材料并在清单中勾选后再提交。",
    ),
    "missing photo": (
        {"photo": None},
        "请添加申请人的近期免冠白底彩色照片（JPG 格式，至少 295×413 像素）。",
    ),
    "png photo": (
        {"photo": photo_bytes(fmt="PNG")},
        "照片是 PNG 格式，须为 JPG（JPEG）格式。请用图片软件另存为 JPG 后重新上传。",
    ),
    "greyscale photo": (
        {"photo": photo_bytes(mode="L")},
        "照片是黑白（灰度）的，须为彩色照片。请上传彩色照片。",
    ),
    "small photo": (
        {"photo": photo_bytes((200, 300))},
        "照片尺寸太小：200×300 像素，至少需要 295×413 像素。请使用分辨率更高的照片。",
    ),
    "large photo file": (
        {"photo": GOOD_PHOTO + bytes(2_000_000)},
        f"照片文件太大：{-(-(len(GOOD_PHOTO) + 2_000_000) // 1000)} KB，最大 2000 KB。"
        "请压缩照片或降低分辨率后重新上传。",
    ),
    "dark background": (
        {"photo": photo_bytes(background=(80, 80, 80))},
        "照片背景太暗，不是白色。请在白色背景前、光线充足处重新拍摄。",
    ),
    "coloured background": (
        {"photo": encode(portrait(background=(67, 142, 219)))},
        "照片背景是彩色的（如蓝底、红底），须为白色背景。请使用白底证件照。",
    ),
    "garbage photo": (
        {"photo": b"\x89PNG\r\n\x1a\n broken"},
        "所选文件不是可识别的图片（手机拍摄的 HEIC 格式也无法识别）。请上传 JPG 格式的照片。",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FORMS))
def test_a_bad_form_is_refused_with_its_message_and_nothing_is_written(
    demo_centre: Centre, case: str
) -> None:
    changes, line = BAD_FORMS[case]
    [certificate] = eligible_certificates()
    before = Snapshot.take(certificate.id)
    with pytest.raises(ReissueInvalid) as caught:
        service().submit(application(certificate, **changes), TEST_ACTOR, expected_version=None)
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.code == "reissue.invalid"
    assert caught.value.message() == f"申请表有以下问题，请改正后再保存或提交：\n{line}"
    assert str(caught.value) == caught.value.message()
    assert len(caught.value.problems) == 1
    assert Snapshot.take(certificate.id) == before


def test_the_problems_are_listed_one_per_line_in_either_language(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    with pytest.raises(ReissueInvalid) as caught:
        service().submit(application(certificate, phone="", reason=""), TEST_ACTOR, expected_version=None)
    assert [p.field for p in caught.value.problems] == ["phone", "reason"]
    assert caught.value.message("en") == (
        "The application has problems to correct before it can be saved or submitted:\n"
        "Enter a contact phone number, so that the applicant can be told when to collect the new "
        "certificate.\n"
        "Enter the reason for the application (at least 5 characters), for example how the certificate was "
        "lost or damaged, or which details changed."
    )


def test_a_draft_with_a_malformed_phone_is_not_saved(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    before = Snapshot.take(certificate.id)
    with pytest.raises(ReissueInvalid) as caught:
        service().save_draft(application(certificate, phone="138"), TEST_ACTOR, expected_version=None)
    assert [(p.field, p.code) for p in caught.value.problems] == [("phone", "reissue.phone_invalid")]
    assert Snapshot.take(certificate.id) == before


def _refusal(certificate: Certificate) -> KnownError:
    before = Snapshot.take(certificate.id)
    with pytest.raises(KnownError) as caught:
        service().submit(application(certificate), TEST_ACTOR, expected_version=None)
    assert not isinstance(caught.value, ReissueInvalid)
    assert Snapshot.take(certificate.id) == before
    return caught.value


def test_a_revoked_certificate_cannot_be_reissued(demo_centre: Centre) -> None:
    certificate = Certificate.select().where(Certificate.revoked_at.is_null(False)).first()
    assert certificate is not None
    error = _refusal(certificate)
    assert error.code == "reissue.revoked"
    assert error.message() == (
        f"证书 {certificate.cert_no} 已被撤销（{certificate.revocation_reason}），不能申请补发或换发。"
        "如有异议，请联系考试机构。"
    )


def test_a_certificate_already_reissued_points_to_its_successor(demo_centre: Centre) -> None:
    successor = Certificate.select().where(Certificate.supersedes.is_null(False)).first()
    assert successor is not None
    error = _refusal(successor.supersedes)
    assert error.code == "reissue.superseded"
    assert error.message() == (
        f"证书 {successor.supersedes.cert_no} 已经补发过，新证书编号为 {successor.cert_no}。"
        "如需再次办理，请对新证书申请。"
    )


def test_a_second_submission_is_refused_with_the_first_ones_tracking_number(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    first = service().submit(application(certificate), TEST_ACTOR, expected_version=None)
    error = _refusal(Certificate.get_by_id(certificate.id))
    assert error.code == "reissue.already_open"
    assert error.message() == (
        f"证书 {certificate.cert_no} 已有一份补办申请正在办理（受理号 {first.tracking_no}），不能重复提交。"
        "请查询该申请的进度。"
    )


def test_a_submitted_request_cannot_be_submitted_or_edited_again(demo_centre: Centre) -> None:
    [certificate] = eligible_certificates()
    reissue = service()
    first = reissue.submit(application(certificate), TEST_ACTOR, expected_version=None)
    before = Snapshot.take(certificate.id)
    for attempt in (reissue.submit, reissue.save_draft):
        with pytest.raises(KnownError) as caught:
            attempt(application(certificate), TEST_ACTOR, request_id=first.request_id, expected_version=None)
        assert caught.value.message() == f"申请 {first.tracking_no} 已经提交，不能再修改或重复提交。"
    assert Snapshot.take(certificate.id) == before


def test_a_certificate_already_under_reissue_is_refused(demo_centre: Centre) -> None:
    certificate = Certificate.select().where(Certificate.reissue_pending == True).first()  # noqa: E712
    assert certificate is not None
    error = _refusal(certificate)
    assert error.code == "reissue.already_pending"
    assert error.message() == render("reissue.already_pending", cert_no=certificate.cert_no)


def test_unknown_ids_are_reported(demo_centre: Centre) -> None:
    with pytest.raises(KnownError) as caught:
        service().prefill(10_000_000)
    assert caught.value.code == "certificate.missing"
    with pytest.raises(KnownError) as caught:
        service().load(424242)
    assert caught.value.message() == "找不到编号为 424242 的补办申请（可能已被删除），请刷新后重试。"


def test_a_failure_half_way_through_a_submission_writes_nothing(
    demo_centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    [certificate] = eligible_certificates()
    before = Snapshot.take(certificate.id)

    def failing_record(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("ruankao_desktop.core.services.reissue.audit.record", failing_record)
    with pytest.raises(OSError, match="disk full"):
        service().submit(application(certificate), TEST_ACTOR, expected_version=None)
    assert Snapshot.take(certificate.id) == before
