"""Exports against a seeded database: what each holds, ID numbers masked (and said so), audited, and
bad targets refused with the exact message."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id
from ruankao_desktop.core.domain.reissue import Document, ReissueKind, ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError, UsageError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.exporting import ExportService
from ruankao_desktop.core.services.importing import ImportService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.store.models import (
    AuditEvent,
    Certificate,
    Distribution,
    ExamSession,
    Holder,
    ReissueRequest,
)
from tests.core.importing.builders import list_rows, write_csv
from tests.helpers import TEST_ACTOR, TODAY

SHOWCASE_ID = "110105199003071239"


def exporter(centre: Centre) -> ExportService:
    return ExportService(centre.settings, today=lambda: TODAY)


def sheet_rows(path: Path, sheet: int | str = 0) -> list[list[object]]:
    workbook = load_workbook(path)
    worksheet = workbook.worksheets[sheet] if isinstance(sheet, int) else workbook[sheet]
    return [[cell.value for cell in row] for row in worksheet.iter_rows()]


def all_full_id_numbers() -> set[str]:
    """Every full number the database holds: the holders', and the proxies' who collected for them."""
    proxies = Distribution.select(Distribution.recipient_id_number).where(
        Distribution.recipient_id_number.is_null(False)
    )
    numbers = {holder.id_number for holder in Holder.select(Holder.id_number)}
    assert proxies.count() > 0  # the demo has proxy pickups, so the exports are checked against them too
    return numbers | {event.recipient_id_number for event in proxies if event.recipient_id_number}


def last_event() -> AuditEvent:
    return AuditEvent.select().order_by(AuditEvent.id.desc()).get()


def busiest(state: CertificateState, centre: Centre) -> tuple[ExamSession, int]:
    """The session with the most certificates in `state`, and how many."""
    lookup = LookupService(centre.settings, today=lambda: TODAY)
    counts = {
        session: len(lookup.search_ids(Criteria(session_id=session.id, state=state)).ids)
        for session in ExamSession.select()
    }
    session = max(counts, key=lambda s: counts[s])
    assert counts[session] > 0
    return session, counts[session]


@pytest.mark.parametrize("state", [CertificateState.AWAITING_PICKUP, CertificateState.OVERDUE])
def test_a_pickup_list_holds_the_sessions_certificates_in_that_state(
    demo_centre: Centre, tmp_path: Path, state: CertificateState
) -> None:
    session, expected = busiest(state, demo_centre)
    path = tmp_path / "pickup.xlsx"
    count = exporter(demo_centre).pickup_list(session.code, path=path, actor=TEST_ACTOR, state=state).rows
    assert count == expected
    rows = sheet_rows(path)
    assert rows[0] == [
        "序号",
        "证书编号",
        "姓名",
        "证件号码（已脱敏）",
        "资格名称",
        "级别",
        "状态",
        "领取截止日期",
        "领取人签名",
    ]
    assert len(rows) == expected + 1
    assert {row[6] for row in rows[1:]} == {state.text()}
    assert all("********" in str(row[3]) for row in rows[1:])
    certificate = Certificate.get(Certificate.cert_no == rows[1][1])
    assert rows[1][3] == mask_id(certificate.holder.id_number, STAFF_POLICY)
    about = {row[0]: row[1] for row in sheet_rows(path, "说明")[1:]}
    assert about["行数"] == expected
    assert about["证件号码"] == render("export.about.masked", head=6, tail=4)
    event = last_event()
    details = json.loads(event.details)
    assert (event.action, event.target) == ("export.pickup", "file:pickup.xlsx")
    assert details == {
        "session": session.code,
        "state": state.value,
        "rows": expected,
        "format": "xlsx",
        "id_numbers": "masked",
        "mask": "6+4",
    }


def test_a_csv_export_opens_in_excel_and_holds_no_full_id_number(demo_centre: Centre, tmp_path: Path) -> None:
    session, expected = busiest(CertificateState.AWAITING_PICKUP, demo_centre)
    path = tmp_path / "pickup.csv"
    exporter(demo_centre).pickup_list(session.name, path=path, actor=TEST_ACTOR)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8 only with it
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("序号,证书编号,姓名,证件号码（已脱敏）")
    assert len(text.splitlines()) == expected + 1
    assert "\r\n" in text
    assert not any(number in text for number in all_full_id_numbers())


def test_a_pickup_list_only_for_pickup_states(demo_centre: Centre, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        exporter(demo_centre).pickup_list(
            "2025H1", path=tmp_path / "x.xlsx", actor=TEST_ACTOR, state=CertificateState.COLLECTED
        )
    assert caught.value.message() == render("export.state_not_allowed", state="已领取")
    assert not (tmp_path / "x.xlsx").exists()


def test_an_unknown_session(demo_centre: Centre, tmp_path: Path) -> None:
    events = AuditEvent.select().count()
    with pytest.raises(KnownError) as caught:
        exporter(demo_centre).pickup_list("2031H1", path=tmp_path / "x.xlsx", actor=TEST_ACTOR)
    assert caught.value.message() == render("export.session_missing", session="2031H1")
    assert AuditEvent.select().count() == events


def test_lookup_results_in_the_order_found(demo_centre: Centre, tmp_path: Path) -> None:
    found = LookupService(demo_centre.settings, today=lambda: TODAY).search(SHOWCASE_ID)
    path = tmp_path / "lookup.xlsx"
    assert exporter(demo_centre).lookup_results(found.ids, path=path, actor=TEST_ACTOR).rows == len(found.ids)
    rows = sheet_rows(path)
    assert rows[0][:4] == ["证书编号", "管理号", "姓名", "证件号码（已脱敏）"]
    assert [row[0] for row in rows[1:]] == [Certificate.get_by_id(i).cert_no for i in found.ids]
    assert {row[3] for row in rows[1:]} == {"110105********1239"}
    assert last_event().action == "export.lookup"


def test_english_headers(demo_centre: Centre, tmp_path: Path) -> None:
    path = tmp_path / "lookup.csv"
    exporter(demo_centre).lookup_results([1, 2], path=path, actor=TEST_ACTOR, lang="en")
    assert path.read_text(encoding="utf-8-sig").splitlines()[0].startswith("Certificate no.,Management no.")


def submit_reissue(certificate: Certificate, *, at: datetime, reason: str) -> None:
    ReissueRequest.create(
        certificate=certificate,
        kind=ReissueKind.LOST.value,
        status=ReissueStatus.SUBMITTED.value,
        applicant_name=certificate.holder.name,
        phone="13800138000",
        email="zhang@example.com",
        address="北京市海淀区1号",
        reason=reason,
        documents=json.dumps(["application_form", "id_copy", "photo", "loss_notice"]),
        tracking_no=f"BF{at:%Y%m%d}{certificate.id:04d}",
        operator="tester",
        terminal="desk-1",
        created_at=at,
        updated_at=at,
        submitted_at=at,
    )


def test_reissue_applications_for_sending_upstream(demo_centre: Centre, tmp_path: Path) -> None:
    first, second = Certificate.select().order_by(Certificate.id).limit(2)
    submit_reissue(first, at=datetime(2026, 9, 1, 10), reason='=HYPERLINK("http://x")')
    submit_reissue(second, at=datetime(2026, 11, 2, 10), reason="证书遗失")
    ReissueRequest.create(
        certificate=second,
        kind=ReissueKind.CHANGE.value,
        status=ReissueStatus.DRAFT.value,
        applicant_name="草稿",
        operator="tester",
        terminal="desk-1",
        created_at=TODAY,
        updated_at=TODAY,
    )
    path = tmp_path / "reissues.xlsx"
    assert exporter(demo_centre).reissue_requests(path=path, actor=TEST_ACTOR).rows == 2
    rows = sheet_rows(path)
    assert rows[0][:5] == ["受理编号", "申请类型", "证书编号", "姓名", "证件号码（已脱敏）"]
    assert [row[2] for row in rows[1:]] == [first.cert_no, second.cert_no]
    assert rows[1][4] == mask_id(first.holder.id_number, STAFF_POLICY)
    assert rows[1][1] == ReissueKind.LOST.text()
    assert rows[1][11] == '=HYPERLINK("http://x")'  # kept as text, never a live formula
    assert load_workbook(path).worksheets[0]["L2"].data_type == "s"
    documents = [Document.APPLICATION_FORM, Document.ID_COPY, Document.PHOTO, Document.LOSS_NOTICE]
    assert rows[1][12] == "、".join(document.text() for document in documents)
    since = tmp_path / "since.csv"
    assert (
        exporter(demo_centre)
        .reissue_requests(path=since, actor=TEST_ACTOR, since=TODAY.replace(month=11, day=1))
        .rows
        == 1
    )
    assert "'=HYPERLINK" not in since.read_text(encoding="utf-8-sig")


def test_import_problems_can_be_exported(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(3)
    rows[2] = rows[2].__class__(**{**rows[2].__dict__, "id_number": "1.10105E+17"})
    preview = ImportService(empty_centre.settings, today=lambda: TODAY).preview(
        write_csv(tmp_path / "l.csv", rows)
    )
    path = tmp_path / "problems.csv"
    assert ExportService(empty_centre.settings).import_errors(preview, path=path, actor=TEST_ACTOR).rows == 1
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "行号,列,值（已脱敏）,代码,原因"
    assert lines[1].startswith("5,身份证号码,")
    event = last_event()
    assert event.action == "export.import_errors"
    assert json.loads(event.details)["sha256"] == preview.sha256


def test_a_wrong_extension_or_a_missing_folder(demo_centre: Centre, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        exporter(demo_centre).lookup_results([1], path=tmp_path / "list.pdf", actor=TEST_ACTOR)
    assert caught.value.message() == render("export.bad_format", file="list.pdf")
    with pytest.raises(KnownError) as missing:
        exporter(demo_centre).lookup_results([1], path=tmp_path / "gone" / "list.xlsx", actor=TEST_ACTOR)
    assert missing.value.message() == render("export.folder_missing", folder=str(tmp_path / "gone"))


def test_a_failed_write_leaves_no_file_and_no_audit_event(
    demo_centre: Centre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = AuditEvent.select().count()
    target = tmp_path / "lookup.xlsx"
    target.write_bytes(b"the previous export")

    def broken_rows(*args: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ExportService, "_lookup_row", staticmethod(broken_rows))
    with pytest.raises(KnownError) as caught:
        exporter(demo_centre).lookup_results([1, 2], path=target, actor=TEST_ACTOR)
    assert caught.value.message() == render(
        "export.write_failed", path=str(target), reason="No space left on device"
    )
    assert target.read_bytes() == b"the previous export"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".export-")]
    assert AuditEvent.select().count() == events
