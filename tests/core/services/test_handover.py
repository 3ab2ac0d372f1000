"""Handing certificates over on a real seeded database: by proxy, to the employer, by mail, undone; every
detail the desk can get wrong refused with its message and nothing written (docs/domain.md "Handing
certificates over")."""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from ruankao_desktop.core.config import Settings, load_settings
from ruankao_desktop.core.domain.handover import (
    Attachment,
    ByMail,
    ByProxy,
    ByUnit,
    Handover,
    HandoverInvalid,
    InPerson,
)
from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id
from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.errors import AlreadyHandedOver, InvalidInput, KnownError
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.certificates import CertificateService
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.store.models import (
    AuditEvent,
    Certificate,
    Distribution,
    HandoverAttachment,
    Holder,
)
from tests.helpers import TEST_ACTOR, TODAY
from tests.scans import cut_off_pdf, not_a_scan, pdf_scan, png_scan


def _waiting(centre: Centre, index: int = 0) -> Certificate:
    criteria = Criteria(state=CertificateState.AWAITING_PICKUP)
    ids = LookupService(centre.settings, today=lambda: TODAY).search_ids(criteria).ids
    return Certificate.get_by_id(ids[index])


def _someone_else(certificate: Certificate) -> Holder:
    other: Holder = Holder.select().where(Holder.id != certificate.holder_id).order_by(Holder.id).first()
    return other


def _service(centre: Centre, settings: Settings | None = None) -> HandoverService:
    return HandoverService(settings or centre.settings, today=lambda: TODAY)


def _state(centre: Centre, certificate: Certificate) -> CertificateState:
    [summary] = LookupService(centre.settings, today=lambda: TODAY).summaries([certificate.id])
    return summary.state


def _written(certificate: Certificate) -> tuple[int, int, int, int]:
    return (
        Distribution.select().count(),
        HandoverAttachment.select().count(),
        AuditEvent.select().count(),
        Certificate.get_by_id(certificate.id).version,
    )


def _proxy(certificate: Certificate, **changes: object) -> ByProxy:
    proxy = ByProxy(
        name="  李 四 ",
        id_number=_someone_else(certificate).id_number.lower(),
        authorisation=pdf_scan(),
        holder_id_copy=True,
    )
    return replace(proxy, **changes)  # type: ignore[arg-type]


def _unit(**changes: object) -> ByUnit:
    unit = ByUnit(unit=" 北京某某科技  有限公司 ", contact="王五", letter=png_scan())
    return replace(unit, **changes)  # type: ignore[arg-type]


def _mail(**changes: object) -> ByMail:
    mail = ByMail(
        address="北京市海淀区中关村大街 27 号",
        phone="138 0013 8000",
        courier="顺丰速运",
        tracking_no="sf 1234-5678-9012",
    )
    return replace(mail, **changes)  # type: ignore[arg-type]


def _last_event() -> tuple[str, dict[str, object]]:
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    return event.action, json.loads(event.details)


def test_a_proxy_with_the_authorisation_and_the_id_copy_is_recorded(demo_centre: Centre) -> None:
    certificate = _waiting(demo_centre)
    proxy = _proxy(certificate)
    changed = _service(demo_centre).record(
        certificate.id, proxy, expected_version=certificate.version, actor=TEST_ACTOR
    )
    assert changed.certificates == {certificate.id}
    assert _state(demo_centre, certificate) is CertificateState.COLLECTED_BY_PROXY
    row = Distribution.get((Distribution.certificate == certificate.id) & (Distribution.event == "handover"))
    full = proxy.id_number.upper()
    assert (row.method, row.recipient_name, row.recipient_id_number, row.id_copy_checked) == (
        "proxy",
        "李四",
        full,
        True,
    )
    scan = row.attachment
    authorisation = proxy.authorisation
    assert scan is not None and authorisation is not None
    assert (scan.file_name, scan.media_type, scan.sha256) == (
        "委托书.pdf",
        "application/pdf",
        authorisation.sha256,
    )
    assert bytes(scan.data) == authorisation.data
    action, details = _last_event()
    assert action == "handover.proxy"
    assert details["proxy_id"] == mask_id(full, STAFF_POLICY)
    assert details["authorisation_sha256"] == scan.sha256
    assert full not in json.dumps(details, ensure_ascii=False)
    detail = CertificateService(demo_centre.settings, today=lambda: TODAY).detail(certificate.id)
    assert detail.receipt is not None and detail.receipt.by_proxy
    assert detail.receipt.described() == f"代领：李四 · 证件 {mask_id(full, STAFF_POLICY)}"


def test_a_unit_with_its_letter_is_recorded_as_collected_for_the_holder(demo_centre: Centre) -> None:
    certificate = _waiting(demo_centre)
    _service(demo_centre).record(
        certificate.id, _unit(), expected_version=certificate.version, actor=TEST_ACTOR
    )
    assert _state(demo_centre, certificate) is CertificateState.COLLECTED_BY_PROXY
    row = Distribution.get((Distribution.certificate == certificate.id) & (Distribution.event == "handover"))
    assert (row.method, row.unit_name, row.recipient_name) == ("unit", "北京某某科技 有限公司", "王五")
    assert row.attachment is not None and row.attachment.media_type == "image/png"
    assert _last_event() == (
        "handover.unit",
        {
            "cert_no": certificate.cert_no,
            "unit": "北京某某科技 有限公司",
            "contact": "王五",
            "letter_sha256": png_scan().sha256,
        },
    )
    detail = CertificateService(demo_centre.settings, today=lambda: TODAY).detail(certificate.id)
    assert detail.history[0].message() == "单位代领：北京某某科技 有限公司（经办人 王五）"


def test_a_mailing_shows_the_courier_and_tracking_number(demo_centre: Centre) -> None:
    certificate = _waiting(demo_centre)
    _service(demo_centre).record(
        certificate.id, _mail(), expected_version=certificate.version, actor=TEST_ACTOR
    )
    assert _state(demo_centre, certificate) is CertificateState.MAILED
    row = Distribution.get((Distribution.certificate == certificate.id) & (Distribution.event == "handover"))
    assert (row.tracking_no, row.courier, row.phone) == ("SF123456789012", "顺丰速运", "13800138000")
    action, details = _last_event()
    assert action == "handover.mail" and details["phone"] != "13800138000"
    detail = CertificateService(demo_centre.settings, today=lambda: TODAY).detail(certificate.id)
    assert detail.receipt is not None
    assert detail.receipt.described() == "邮寄：顺丰速运 SF123456789012"
    assert detail.receipt.described("en") == "Mailed: 顺丰速运 SF123456789012"


NOT_A_SCAN = "不是完整的 PDF、JPG 或 PNG 文件"


def _bad_cases(certificate: Certificate) -> list[tuple[Handover, str, str]]:
    holder_id = certificate.holder.id_number
    return [
        (InPerson("  "), "presented_id", "请扫描或输入持证人出示的身份证号码。"),
        (_proxy(certificate, name=""), "proxy_name", "代领人姓名：姓名为空：请输入姓名。"),
        (_proxy(certificate, id_number=""), "proxy_id", "请输入代领人的身份证号码（核验代领人身份证原件）。"),
        (
            _proxy(certificate, id_number="110101199003071234"),
            "proxy_id",
            "代领人证件号码：证件号码校验位不对",
        ),
        (_proxy(certificate, id_number=holder_id), "proxy_id", "代领人证件号码就是持证人本人的号码"),
        (_proxy(certificate, authorisation=None), "authorisation", "他人代领需要持证人签字的委托书"),
        (_proxy(certificate, holder_id_copy=False), "id_copy", "勾选“已查验持证人身份证复印件”"),
        (_proxy(certificate, authorisation=not_a_scan()), "authorisation", "不是完整的 PDF、JPG 或 PNG 文件"),
        (
            _proxy(certificate, authorisation=cut_off_pdf()),
            "authorisation",
            "不是完整的 PDF、JPG 或 PNG 文件",
        ),
        (
            _proxy(certificate, authorisation=Attachment("空.pdf", b"")),
            "authorisation",
            "文件 空.pdf 是空的",
        ),
        (
            _proxy(certificate, authorisation=Attachment("大.pdf", b"%PDF-1.7\n" + b"0" * 50_000_000)),
            "authorisation",
            "文件 大.pdf 有 50.0 MB，超过 10 MB 的上限",
        ),
        (_proxy(certificate, authorisation=_bomb()), "authorisation", NOT_A_SCAN),
        (_unit(unit=" "), "unit", "请输入单位名称。"),
        (_unit(unit="公" * 101), "unit", "内容过长：最多 100 个字"),
        (_unit(contact=""), "contact", "单位经办人姓名：姓名为空"),
        (_unit(letter=None), "letter", "单位代领需要单位出具的介绍信或证明"),
        (_mail(address="北京"), "address", "请输入完整的邮寄地址（至少 5 个字"),
        (_mail(phone="12345"), "phone", "收件电话无效"),
        (_mail(courier=""), "courier", "请输入快递公司"),
        (_mail(tracking_no="SF12"), "tracking_no", "快递单号无效"),
        (_mail(tracking_no="SF1234567890'; DROP TABLE distribution;--"), "tracking_no", "快递单号无效"),
    ]


def _bomb() -> Attachment:
    """A PNG whose header claims 100,000 × 100,000 pixels (a decompression bomb): never decoded."""
    raw = png_scan().data
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    patched = raw[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + raw[33:]
    return Attachment("委托书.png", patched)


def test_every_wrong_detail_is_refused_by_its_field_and_nothing_is_written(demo_centre: Centre) -> None:
    certificate = _waiting(demo_centre)
    service = _service(demo_centre)
    before = _written(certificate)
    for handover, field, message in _bad_cases(certificate):
        with pytest.raises(HandoverInvalid) as caught:
            service.record(certificate.id, handover, expected_version=certificate.version, actor=TEST_ACTOR)
        assert caught.value.field == field, handover
        assert message in caught.value.message(), (caught.value.message(), message)
        assert caught.value.message("en") != caught.value.message()
        assert _written(certificate) == before
    assert _state(demo_centre, certificate) is CertificateState.AWAITING_PICKUP


def test_a_card_of_someone_else_is_not_a_pickup_in_person(demo_centre: Centre) -> None:
    certificate = _waiting(demo_centre)
    before = _written(certificate)
    with pytest.raises(HandoverInvalid) as caught:
        _service(demo_centre).record(
            certificate.id,
            InPerson(_someone_else(certificate).id_number),
            expected_version=certificate.version,
            actor=TEST_ACTOR,
        )
    assert caught.value.field == "presented_id"
    assert "如为他人代领，请选择“他人代领”" in caught.value.message()
    assert _written(certificate) == before


@pytest.mark.parametrize("kind", ["proxy", "unit"])
def test_a_centre_that_forbids_proxies_refuses_them_and_writes_nothing(
    demo_centre: Centre, kind: str
) -> None:
    certificate = _waiting(demo_centre)
    forbidding = replace(demo_centre.settings, proxies_allowed=False)
    handover: Handover = _proxy(certificate) if kind == "proxy" else _unit()
    before = _written(certificate)
    with pytest.raises(InvalidInput) as caught:
        _service(demo_centre, forbidding).record(
            certificate.id, handover, expected_version=certificate.version, actor=TEST_ACTOR
        )
    assert caught.value.code == "handover.proxies_forbidden"
    assert "本考点不允许他人代领或单位代领" in caught.value.message()
    assert _written(certificate) == before
    _service(demo_centre, forbidding).record(
        certificate.id, _mail(), expected_version=certificate.version, actor=TEST_ACTOR
    )
    assert _state(demo_centre, certificate) is CertificateState.MAILED


def test_a_second_handover_says_to_whom_how_and_when(demo_centre: Centre) -> None:
    certificate = _waiting(demo_centre)
    service = _service(demo_centre)
    service.record(certificate.id, _unit(), expected_version=certificate.version, actor=TEST_ACTOR)
    before = _written(certificate)
    with pytest.raises(AlreadyHandedOver) as caught:
        service.record(certificate.id, _mail(), expected_version=certificate.version + 1, actor=TEST_ACTOR)
    message = caught.value.message()
    assert "单位代领（北京某某科技 有限公司 · 王五）" in message and "tester（desk-1）" in message
    assert "collected for the employer (北京某某科技 有限公司 · 王五)" in caught.value.message("en")
    assert _written(certificate) == before


def test_an_undo_needs_a_reason_and_the_certificate_waits_again(demo_centre: Centre) -> None:
    certificate = _waiting(demo_centre)
    service = _service(demo_centre)
    service.record(certificate.id, _mail(), expected_version=certificate.version, actor=TEST_ACTOR)
    before = _written(certificate)
    with pytest.raises(InvalidInput) as caught:
        service.undo(certificate.id, reason=" ", expected_version=None, actor=TEST_ACTOR)
    assert caught.value.message() == "撤销领取登记需要填写原因（至少 2 个字）。"
    assert _written(certificate) == before

    service.undo(certificate.id, reason="快递单号登记错了", expected_version=None, actor=TEST_ACTOR)
    assert _state(demo_centre, certificate) is CertificateState.AWAITING_PICKUP
    row = Distribution.get((Distribution.certificate == certificate.id) & (Distribution.event == "handover"))
    assert (row.undone_by, row.undone_terminal, row.undo_reason) == ("tester", "desk-1", "快递单号登记错了")
    assert _last_event() == (
        "handover.undo",
        {"cert_no": certificate.cert_no, "method": "mail", "reason": "快递单号登记错了"},
    )
    detail = CertificateService(demo_centre.settings, today=lambda: TODAY).detail(certificate.id)
    assert detail.receipt is None
    assert detail.history[0].message().startswith("撤销领取登记（邮寄，原登记于 ")
    assert detail.history[0].message().endswith("）：快递单号登记错了")

    with pytest.raises(KnownError) as nothing:
        service.undo(certificate.id, reason="再撤一次", expected_version=None, actor=TEST_ACTOR)
    assert nothing.value.message() == f"证书 {certificate.cert_no} 没有可撤销的领取登记。"

    current = Certificate.get_by_id(certificate.id)
    service.record(
        certificate.id,
        InPerson(certificate.holder.id_number),
        expected_version=current.version,
        actor=TEST_ACTOR,
    )
    assert _state(demo_centre, certificate) is CertificateState.COLLECTED
    detail = CertificateService(demo_centre.settings, today=lambda: TODAY).detail(certificate.id)
    assert detail.receipt is not None and detail.receipt.method is HandoverMethod.SELF


def test_the_proxy_setting_is_read_from_the_file(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "off.toml").write_text("[handover]\nproxies = false\n", encoding="utf-8")
    (folder / "bad.toml").write_text('[handover]\nproxies = "no"\n', encoding="utf-8")
    assert load_settings(folder / "off.toml").proxies_allowed is False
    assert load_settings(folder / "absent.toml").proxies_allowed is True
    with pytest.raises(KnownError) as caught:
        load_settings(folder / "bad.toml")
    assert "handover.proxies must be true or false" in caught.value.message()
