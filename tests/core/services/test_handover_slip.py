"""The handover slip of each kind, read back with pdftotext and pdffonts: what was handed over, to whom or
where, every ID number and phone masked, the fonts embedded; recorded like every printed document."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ruankao_desktop.core.domain.handover import ByMail, ByProxy, ByUnit, Handover, InPerson
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.pdf.signing import KeyStore
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Holder, PrintRecord
from tests.core.services.test_printing import keys, pdf_fonts, pdf_text, printing
from tests.helpers import TEST_ACTOR, TODAY
from tests.scans import pdf_scan, png_scan

__all__ = ["keys"]  # the fixture, shared with the printing tests
ADDRESS = "新疆维吾尔自治区乌鲁木齐市天山区解放南路88号3单元502室"


def _handed_over(centre: Centre, kind: str) -> tuple[Certificate, str]:
    """A certificate handed over as `kind`, and the full ID number of whoever received it."""
    ids = (
        LookupService(centre.settings, today=lambda: TODAY)
        .search_ids(Criteria(state=CertificateState.AWAITING_PICKUP))
        .ids
    )
    certificate = Certificate.get_by_id(ids[0])
    holder_id = certificate.holder.id_number
    other = Holder.select().where(Holder.id != certificate.holder_id).first().id_number
    kinds: dict[str, Handover] = {
        "self": InPerson(holder_id),
        "proxy": ByProxy("欧阳·娜依古丽", other, pdf_scan(), holder_id_copy=True),
        "unit": ByUnit("北京某某科技有限公司", "王五", png_scan()),
        "mail": ByMail(ADDRESS, "13800138000", "中国邮政EMS", "1178234567890"),
    }
    handover = kinds[kind]
    HandoverService(centre.settings, today=lambda: TODAY).record(
        certificate.id, handover, expected_version=certificate.version, actor=TEST_ACTOR
    )
    return certificate, other if kind == "proxy" else holder_id


EXPECTED = {
    "self": ["领取方式", "本人领取", "（本人，已核验身份证原件）", "领取人签名：", "本人已收到上述证书"],
    "proxy": [
        "他人代领",
        "欧阳·娜依古丽",
        "代领人证件号码",
        "持证人签字的委托书（扫描件已存档）",
        "领取人签名：",
    ],
    "unit": ["单位代领", "北京某某科技有限公司", "王五", "单位证明（扫描件已存档）"],
    "mail": ["邮寄", "中国邮政EMS 1178234567890", "解放南路88号", "138****8000", "寄出经办人签名："],
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_the_slip_says_what_was_handed_over_to_whom(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path, kind: str
) -> None:
    certificate, full = _handed_over(demo_centre, kind)
    document = printing(demo_centre, keys).render_handover_slip(certificate.id, TEST_ACTOR)
    text = re.sub(r"\s+", "", pdf_text(document.pdf, tmp_path))
    assert "证书领取单" in text and certificate.cert_no in text and certificate.holder.name in text
    for expected in EXPECTED[kind]:
        assert re.sub(r"\s+", "", expected) in text, expected
    assert full not in text and certificate.holder.id_number not in text
    assert "13800138000" not in text
    assert document.serial in text and "tester" in text
    assert all(row[-5] == "yes" for row in pdf_fonts(document.pdf, tmp_path))  # every font embedded
    record = PrintRecord.get(PrintRecord.serial == document.serial)
    assert (record.kind, record.sha256) == ("handover_slip", document.sha256)
    assert record.certificate is not None and record.certificate.id == certificate.id
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert event.action == "print.handover_slip"
    assert json.loads(event.details)["serial"] == document.serial


def test_the_english_slip(demo_centre: Centre, keys: KeyStore, tmp_path: Path) -> None:
    certificate, _ = _handed_over(demo_centre, "proxy")
    document = printing(demo_centre, keys).render_handover_slip(certificate.id, TEST_ACTOR, lang="en")
    text = " ".join(pdf_text(document.pdf, tmp_path).split())
    assert "Certificate handover slip" in text and "collected by a proxy" in text
    assert "Received by (signature):" in text


def test_no_slip_for_a_certificate_not_handed_over(demo_centre: Centre, keys: KeyStore) -> None:
    ids = (
        LookupService(demo_centre.settings, today=lambda: TODAY)
        .search_ids(Criteria(state=CertificateState.AWAITING_PICKUP))
        .ids
    )
    records, events = PrintRecord.select().count(), AuditEvent.select().count()
    with pytest.raises(KnownError) as caught:
        printing(demo_centre, keys).render_handover_slip(ids[0], TEST_ACTOR)
    assert caught.value.message() == "这张证书还没有登记领取，没有领取单可打印。"
    assert (PrintRecord.select().count(), AuditEvent.select().count()) == (records, events)
