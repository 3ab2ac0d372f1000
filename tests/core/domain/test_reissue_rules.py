"""The rules of the reissue form: checklists per kind, phone and e-mail shapes, what a draft may lack and
what a submission must have, and the words each problem is shown in."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ruankao_desktop.core.domain.reissue import (
    Document,
    FieldProblem,
    ReissueApplication,
    ReissueKind,
    ReissueStatus,
    is_valid_email,
    normalise_application,
    normalise_phone,
    required_documents,
    validate_application,
)
from tests.core.domain.test_photo import GOOD_PHOTO, photo_bytes

LOST_DOCUMENTS = frozenset(
    {Document.APPLICATION_FORM, Document.ID_COPY, Document.PHOTO, Document.LOSS_NOTICE}
)
COMPLETE = ReissueApplication(
    certificate_id=1,
    kind=ReissueKind.LOST,
    applicant_name="张伟",
    phone="13800138000",
    email="zhangwei@example.com",
    address="",
    reason="证书在搬家时遗失，已登报声明作废。",
    documents=LOST_DOCUMENTS,
    photo=GOOD_PHOTO,
)
EMPTY_DRAFT = ReissueApplication(
    certificate_id=1,
    kind=ReissueKind.LOST,
    applicant_name="",
    phone="",
    email="",
    address="",
    reason="",
    documents=frozenset(),
    photo=None,
)


def fields(problems: list[FieldProblem]) -> list[str]:
    return [problem.field for problem in problems]


def test_each_kind_has_its_checklist() -> None:
    assert required_documents(ReissueKind.LOST) == (
        Document.APPLICATION_FORM,
        Document.ID_COPY,
        Document.PHOTO,
        Document.LOSS_NOTICE,
    )
    assert required_documents(ReissueKind.CHANGE) == (
        Document.APPLICATION_FORM,
        Document.ID_COPY,
        Document.PHOTO,
        Document.CHANGE_PROOF,
        Document.ORIGINAL_CERTIFICATE,
    )
    assert required_documents(ReissueKind.RENEWAL) == (
        Document.APPLICATION_FORM,
        Document.ID_COPY,
        Document.PHOTO,
        Document.EXAM_RESULT_PROOF,
    )
    assert required_documents(ReissueKind.NOT_RECEIVED) == (Document.APPLICATION_FORM, Document.ID_COPY)


def test_labels_in_both_languages() -> None:
    assert ReissueKind.LOST.text() == "补发（遗失或损坏）"
    assert ReissueKind.CHANGE.text("en") == "Replacement (changed details)"
    assert ReissueKind.NOT_RECEIVED.text() == "未收到证书"
    assert ReissueStatus.SUBMITTED.text() == "已提交"
    assert Document.PHOTO.text() == "近期免冠白底彩色照片"
    assert Document.LOSS_NOTICE.text("en") == "loss notice (published in a newspaper)"
    assert all(document.text() != document.text("en") for document in Document)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("13800138000", "13800138000"),
        (" 138 0013 8000 ", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("19912345678", "19912345678"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("(010) 1234 5678", "010-12345678"),
        ("（０２１）６２３４５６７８", "021-62345678"),
        ("0755-1234567", "0755-1234567"),
        ("0755 12345678", "0755-12345678"),
    ],
)
def test_phone_numbers_are_recognised_however_typed(typed: str, canonical: str) -> None:
    assert normalise_phone(typed) == canonical


@pytest.mark.parametrize(
    "typed",
    ["", "1380013800", "138001380001", "12800138000", "010-1234567", "12345678", "abc", "1380013800O"],
)
def test_malformed_phone_numbers_are_not(typed: str) -> None:
    assert normalise_phone(typed) is None


@pytest.mark.parametrize("email", ["a@b.cn", "zhang.wei+cert@mail.example.com", "ＺＷ＠ｑｑ．ｃｏｍ"])
def test_valid_email_addresses(email: str) -> None:
    assert is_valid_email(email)


@pytest.mark.parametrize(
    "email", ["zhangwei", "zhangwei@qq", "zhangwei@qq,com", "zhang wei@qq.com", "@qq.com"]
)
def test_malformed_email_addresses(email: str) -> None:
    assert not is_valid_email(email)


def test_a_complete_application_may_be_submitted() -> None:
    assert validate_application(COMPLETE, for_submit=True) == []


def test_a_draft_needs_only_its_kind() -> None:
    assert validate_application(EMPTY_DRAFT, for_submit=False) == []
    problems = validate_application(replace(EMPTY_DRAFT, kind=None), for_submit=False)
    assert [(p.field, p.message()) for p in problems] == [
        ("kind", "请选择申请类型：补发、换发、更新或未收到。")
    ]


def test_a_draft_still_reports_what_is_malformed() -> None:
    draft = replace(
        EMPTY_DRAFT,
        applicant_name="张@伟",
        phone="1380013",
        email="zhangwei@qq",
        reason="遗" * 501,
        photo=b"garbage",
    )
    problems = validate_application(draft, for_submit=False)
    assert fields(problems) == ["applicant_name", "phone", "email", "reason", "photo"]
    assert [p.message() for p in problems] == [
        "姓名中的“@”（U+0040）不能用在姓名里，请删除或改正。",
        "联系电话“1380013”无法识别：请填写 11 位手机号码（如 13800138000），"
        "或带区号的固定电话（如 010-12345678）。",
        "电子邮箱“zhangwei@qq”格式不对，应形如 name@example.com。请核对，或留空不填。",
        "申请原因过长：共 501 个字，最多 500 个字。请精简。",
        "所选文件不是可识别的图片（手机拍摄的 HEIC 格式也无法识别）。请上传 JPG 格式的照片。",
    ]


def test_a_submission_must_be_complete() -> None:
    problems = validate_application(replace(EMPTY_DRAFT, kind=ReissueKind.CHANGE), for_submit=True)
    assert [(p.field, p.message()) for p in problems] == [
        ("applicant_name", "姓名为空：请输入姓名。"),
        ("phone", "请填写联系电话，以便通知申请人领取新证书。"),
        ("reason", "请填写申请原因（至少 5 个字），例如证书遗失或损坏的经过、变更了哪项信息。"),
        (
            "documents",
            "还缺少以下材料：个人申请表、身份证复印件、信息变更证明（如户籍变更证明）、原证书。"
            "请收齐材料并在清单中勾选后再提交。",
        ),
        ("photo", "请添加申请人的近期免冠白底彩色照片（JPG 格式，至少 295×413 像素）。"),
    ]


def test_missing_documents_are_named_in_the_readers_language() -> None:
    app = replace(COMPLETE, documents=frozenset({Document.APPLICATION_FORM, Document.PHOTO}))
    [problem] = validate_application(app, for_submit=True)
    assert problem.field == "documents"
    assert problem.message() == (
        "还缺少以下材料：身份证复印件、遗失声明（登报声明）或损坏的原证书。请收齐材料并在清单中勾选后再提交。"
    )
    assert problem.message("en") == (
        "These documents are still missing: copy of the ID card, loss notice (published in a newspaper) or "
        "the damaged certificate. Collect them and tick them in the checklist before submitting."
    )


def test_a_damaged_certificate_handed_in_replaces_the_loss_notice() -> None:
    documents = (LOST_DOCUMENTS - {Document.LOSS_NOTICE}) | {Document.DAMAGED_ORIGINAL}
    assert validate_application(replace(COMPLETE, documents=documents), for_submit=True) == []


def test_the_attached_photo_is_what_counts_for_the_photo_on_the_checklist() -> None:
    unticked = replace(COMPLETE, documents=LOST_DOCUMENTS - {Document.PHOTO})
    assert validate_application(unticked, for_submit=True) == []
    ticked_without_file = replace(COMPLETE, photo=None)
    assert fields(validate_application(ticked_without_file, for_submit=True)) == ["photo"]


def test_a_bad_photo_is_reported_under_photo() -> None:
    problems = validate_application(replace(COMPLETE, photo=photo_bytes(fmt="PNG")), for_submit=True)
    assert [(p.field, p.message()) for p in problems] == [
        ("photo", "照片是 PNG 格式，须为 JPG（JPEG）格式。请用图片软件另存为 JPG 后重新上传。")
    ]


def test_not_received_needs_an_address_but_no_photo() -> None:
    app = replace(
        COMPLETE,
        kind=ReissueKind.NOT_RECEIVED,
        documents=frozenset({Document.APPLICATION_FORM, Document.ID_COPY}),
        photo=None,
    )
    problems = validate_application(app, for_submit=True)
    assert [(p.field, p.message()) for p in problems] == [
        ("address", "申请“未收到证书”须填写通讯地址：请填写能收到证书的详细地址。")
    ]
    assert validate_application(replace(app, address="北京市海淀区中关村大街 1 号"), for_submit=True) == []


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("丢了", "申请原因太短：只有 2 个字，至少需要 5 个字。请写明具体情况。"),
        ("遗" * 501, "申请原因过长：共 501 个字，最多 500 个字。请精简。"),
    ],
)
def test_the_reason_has_a_length_range(reason: str, message: str) -> None:
    problems = validate_application(replace(COMPLETE, reason=reason), for_submit=True)
    assert [(p.field, p.message()) for p in problems] == [("reason", message)]


def test_the_reason_is_counted_as_read_with_runs_of_whitespace_as_one_space() -> None:
    assert validate_application(replace(COMPLETE, reason="  证书\n 丢了  "), for_submit=True) == []
    problems = validate_application(replace(COMPLETE, reason=" 证\n\n书 "), for_submit=True)
    assert [p.params for p in problems] == [{"length": 3, "min": 5}]


def test_the_address_has_a_maximum_length() -> None:
    problems = validate_application(replace(COMPLETE, address="路" * 201), for_submit=False)
    assert [p.message("en") for p in problems] == [
        "The postal address is too long: 201 characters, at most 200 are allowed. Please shorten it."
    ]


def test_the_stored_form_is_normalised() -> None:
    typed = replace(
        COMPLETE,
        applicant_name=" 阿依古丽・买买提 ",
        phone="(010) 1234 5678",
        email=" ＺＷ＠ｑｑ．ｃｏｍ ",
        address=" 北京市  海淀区\n中关村 ",
        reason="  证书遗失。\n已登报。 ",
    )
    stored = normalise_application(typed)
    assert stored.applicant_name == "阿依古丽·买买提"
    assert stored.phone == "010-12345678"
    assert stored.email == "ZW@qq.com"
    assert stored.address == "北京市 海淀区 中关村"
    assert stored.reason == "证书遗失。\n已登报。"


def test_problem_parameters_render_in_the_message_language() -> None:
    problem = FieldProblem("phone", "reissue.phone_invalid", {"value": "123"})
    assert "“123”" in problem.message()
    assert "“123”" in problem.message("en")
