"""The reissue workflow on a real seeded database, from 已提交 to 已领取: every step, legal and illegal; the
upstream batch read back with openpyxl and its photos ZIP listed; the new certificate linked to the old
one, found by lookup and handed over (docs/domain.md "Reissue")."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from ruankao_desktop.core.domain.handover import InPerson
from ruankao_desktop.core.domain.reissue import NEXT_STATUSES, ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.certificates import CertificateService
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.services.reissue_workflow import ReissueWorkflow
from ruankao_desktop.core.store.models import AuditEvent, Certificate, ReissueBatch, ReissueRequest
from tests.core.domain.test_photo import GOOD_PHOTO
from tests.core.services.test_reissue import application
from tests.helpers import TEST_ACTOR, TODAY


def _submitted(centre: Centre, count: int = 1) -> list[tuple[Certificate, str]]:
    """`count` collected certificates with a submitted application each, and its tracking number."""
    ids = (
        LookupService(centre.settings, today=lambda: TODAY)
        .search_ids(Criteria(state=CertificateState.COLLECTED))
        .ids[:count]
    )
    submitted = []
    for certificate_id in ids:
        certificate = Certificate.get_by_id(certificate_id)
        done = ReissueService(today=lambda: TODAY).submit(
            application(certificate), TEST_ACTOR, expected_version=certificate.version
        )
        submitted.append((Certificate.get_by_id(certificate_id), done.tracking_no))
    return submitted


def _workflow(centre: Centre) -> ReissueWorkflow:
    return ReissueWorkflow(centre.settings, today=lambda: TODAY)


def _state(centre: Centre, certificate_id: int) -> CertificateState:
    [summary] = LookupService(centre.settings, today=lambda: TODAY).summaries([certificate_id])
    return summary.state


def _status(tracking_no: str) -> ReissueStatus:
    return ReissueStatus(ReissueRequest.get(ReissueRequest.tracking_no == tracking_no).status)


def test_from_submitted_to_collected_end_to_end(demo_centre: Centre, tmp_path: Path) -> None:
    [(old, tracking)] = _submitted(demo_centre)
    workflow = _workflow(demo_centre)
    assert _state(demo_centre, old.id) is CertificateState.REISSUE_IN_PROGRESS

    workflow.approve(tracking.lower(), TEST_ACTOR)
    assert _status(tracking) is ReissueStatus.APPROVED
    batch = workflow.report(tmp_path, TEST_ACTOR)
    assert (batch.requests, _status(tracking)) == (1, ReissueStatus.REPORTED)
    assert _state(demo_centre, old.id) is CertificateState.REISSUE_IN_PROGRESS

    workflow.new_certificate(tracking, " c2612 0000 9999 ", TEST_ACTOR)
    assert _status(tracking) is ReissueStatus.NEW_ARRIVED
    new = Certificate.get(Certificate.cert_no == "C261200009999")
    assert new.supersedes is not None and new.supersedes.id == old.id
    assert (new.holder_id, new.session_id) == (old.holder_id, old.session_id)
    assert _state(demo_centre, old.id) is CertificateState.SUPERSEDED
    assert _state(demo_centre, new.id) is CertificateState.AWAITING_PICKUP
    lookup = LookupService(demo_centre.settings, today=lambda: TODAY)
    assert [s.certificate_id for s in lookup.by_cert_no("C261200009999")] == [new.id]
    by_name = lookup.search(old.holder.name)
    assert new.id in {hit.summary.certificate_id for hit in by_name.hits}  # the search index has it

    HandoverService(demo_centre.settings, today=lambda: TODAY).record(
        new.id, InPerson(old.holder.id_number), expected_version=new.version, actor=TEST_ACTOR
    )
    assert _status(tracking) is ReissueStatus.COLLECTED
    assert _state(demo_centre, new.id) is CertificateState.COLLECTED

    details = CertificateService(demo_centre.settings, today=lambda: TODAY)
    old_history = [entry.message() for entry in details.detail(old.id).history]
    new_history = [entry.message() for entry in details.detail(new.id).history]
    assert "已补发新证书 C261200009999" in old_history
    assert any(line.startswith("补办申请") and "已领取" in line for line in old_history)
    assert f"补发证书，取代原证书 {old.cert_no}" in new_history
    steps = [
        e.action
        for e in AuditEvent.select().where(AuditEvent.action.startswith("reissue.")).order_by(AuditEvent.id)
    ]
    assert steps == [
        "reissue.submit",
        "reissue.approve",
        "reissue.report",
        "reissue.new_certificate",
        "reissue.collected",
    ]


def test_the_upstream_batch_workbook_and_its_photos(demo_centre: Centre, tmp_path: Path) -> None:
    submitted = _submitted(demo_centre, 3)
    workflow = _workflow(demo_centre)
    for _, tracking in submitted[:2]:
        workflow.approve(tracking, TEST_ACTOR)
    batch = workflow.report(tmp_path, TEST_ACTOR)
    assert batch.batch_no == f"SB{TODAY:%Y%m%d}01" and batch.requests == 2
    assert batch.workbook == tmp_path / f"{batch.batch_no}.xlsx"
    assert batch.photos == tmp_path / f"{batch.batch_no}-照片.zip"
    book = openpyxl.load_workbook(batch.workbook, read_only=True)
    assert book.sheetnames == ["补办上报", "说明"]
    rows = list(book["补办上报"].iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "受理编号", "申请类型", "证书编号")
    assert [row[1] for row in rows[1:]] == [tracking for _, tracking in submitted[:2]]
    for (certificate, tracking), row in zip(submitted[:2], rows[1:], strict=True):
        assert row[3] == certificate.cert_no
        assert certificate.holder.id_number not in [str(cell) for cell in row]  # masked
        assert row[14] == f"{tracking}.jpg"
    book.close()
    with zipfile.ZipFile(batch.photos) as archive:
        assert sorted(archive.namelist()) == sorted(f"{t}.jpg" for _, t in submitted[:2])
        assert archive.read(f"{submitted[0][1]}.jpg") == GOOD_PHOTO
    kept = ReissueBatch.get(ReissueBatch.batch_no == batch.batch_no)
    assert kept.requests == 2
    events = AuditEvent.select().where(AuditEvent.action == "reissue.report")
    assert sorted(json.loads(e.details)["tracking_no"] for e in events) == sorted(t for _, t in submitted[:2])
    assert _status(submitted[2][1]) is ReissueStatus.SUBMITTED  # not approved: not in the batch


def test_a_batch_whose_file_exists_writes_nothing(demo_centre: Centre, tmp_path: Path) -> None:
    [(_, tracking)] = _submitted(demo_centre)
    workflow = _workflow(demo_centre)
    workflow.approve(tracking, TEST_ACTOR)
    out = tmp_path / "out"
    out.mkdir()
    (out / f"SB{TODAY:%Y%m%d}01.xlsx").write_bytes(b"someone else's")
    events = AuditEvent.select().count()
    with pytest.raises(KnownError) as caught:
        workflow.report(out, TEST_ACTOR)
    assert "已存在" in caught.value.message()
    assert _status(tracking) is ReissueStatus.APPROVED
    assert (ReissueBatch.select().count(), AuditEvent.select().count()) == (0, events)
    assert sorted(p.name for p in out.iterdir()) == [f"SB{TODAY:%Y%m%d}01.xlsx"]


def test_a_returned_application_says_why_and_frees_the_certificate(demo_centre: Centre) -> None:
    [(certificate, tracking)] = _submitted(demo_centre)
    workflow = _workflow(demo_centre)
    with pytest.raises(InvalidInput) as caught:
        workflow.send_back(tracking, "", TEST_ACTOR)
    assert "申请人会看到这个原因" in caught.value.message()
    assert _status(tracking) is ReissueStatus.SUBMITTED
    workflow.send_back(tracking, "照片不是白底，请重新拍摄", TEST_ACTOR)
    request = ReissueRequest.get(ReissueRequest.tracking_no == tracking)
    assert (request.status, request.return_reason) == ("returned", "照片不是白底，请重新拍摄")
    assert _state(demo_centre, certificate.id) is CertificateState.COLLECTED
    queue = workflow.queue(status=ReissueStatus.RETURNED)
    assert [row.return_reason for row in queue.rows] == ["照片不是白底，请重新拍摄"]
    # A new application may be made now.
    again = Certificate.get_by_id(certificate.id)
    ReissueService(today=lambda: TODAY).submit(application(again), TEST_ACTOR, expected_version=again.version)


ILLEGAL = [
    (current, target)
    for current in ReissueStatus
    for target in ReissueStatus
    if target not in NEXT_STATUSES[current]
    and current is not ReissueStatus.DRAFT
    and target in {ReissueStatus.APPROVED, ReissueStatus.RETURNED, ReissueStatus.NEW_ARRIVED}
]


@pytest.mark.parametrize(("current", "target"), ILLEGAL, ids=[f"{c}->{t}" for c, t in ILLEGAL])
def test_an_illegal_step_is_refused_by_the_service(
    demo_centre: Centre, tmp_path: Path, current: ReissueStatus, target: ReissueStatus
) -> None:
    [(_, tracking)] = _submitted(demo_centre)
    ReissueRequest.update(status=current.value).where(ReissueRequest.tracking_no == tracking).execute()
    events = AuditEvent.select().count()
    workflow = _workflow(demo_centre)
    steps: dict[ReissueStatus, Callable[[], object]] = {
        ReissueStatus.APPROVED: lambda: workflow.approve(tracking, TEST_ACTOR),
        ReissueStatus.RETURNED: lambda: workflow.send_back(tracking, "材料不全", TEST_ACTOR),
        ReissueStatus.NEW_ARRIVED: lambda: workflow.new_certificate(tracking, "C26129999", TEST_ACTOR),
    }
    with pytest.raises(InvalidInput) as caught:
        steps[target]()
    assert caught.value.code == "reissue.step_refused"
    assert f"当前为“{current.text()}”，不能改为“{target.text()}”" in caught.value.message()
    assert _status(tracking) is current
    assert AuditEvent.select().count() == events
    assert not Certificate.select().where(Certificate.cert_no == "C26129999").exists()


def test_reporting_an_unapproved_application_by_name_is_refused(demo_centre: Centre, tmp_path: Path) -> None:
    [(_, tracking)] = _submitted(demo_centre)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InvalidInput):
        _workflow(demo_centre).report(out, TEST_ACTOR, tracking_nos=[tracking])
    with pytest.raises(KnownError) as nothing:
        _workflow(demo_centre).report(out, TEST_ACTOR)
    assert nothing.value.message() == "没有已审核待上报的补办申请，本次没有生成上报批次。"
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("", "新证书编号无效"),
        ("C2612'; DROP TABLE certificate;--", "新证书编号无效"),
        ("C" * 65, "新证书编号无效"),
        ("taken", "已属于另一张证书"),
    ],
)
def test_a_wrong_new_number_is_refused_and_nothing_written(
    demo_centre: Centre, tmp_path: Path, number: str, message: str
) -> None:
    [(old, tracking)] = _submitted(demo_centre)
    workflow = _workflow(demo_centre)
    workflow.approve(tracking, TEST_ACTOR)
    workflow.report(tmp_path, TEST_ACTOR)
    if number == "taken":
        number = Certificate.select().where(Certificate.id != old.id).first().cert_no
    certificates, events = Certificate.select().count(), AuditEvent.select().count()
    with pytest.raises(InvalidInput) as caught:
        workflow.new_certificate(tracking, number, TEST_ACTOR)
    assert message in caught.value.message()
    assert (Certificate.select().count(), AuditEvent.select().count()) == (certificates, events)
    assert _status(tracking) is ReissueStatus.REPORTED


def test_the_queue_filters_and_counts(demo_centre: Centre, tmp_path: Path) -> None:
    submitted = _submitted(demo_centre, 3)
    workflow = _workflow(demo_centre)
    workflow.approve(submitted[0][1], TEST_ACTOR)
    queue = workflow.queue()
    assert queue.counts[ReissueStatus.SUBMITTED] == 2 and queue.counts[ReissueStatus.APPROVED] == 1
    assert queue.total == 3 and len(queue.rows) == 3
    holders = {c.cert_no: c.holder.name for c, _ in submitted}
    assert {row.cert_no: row.name for row in queue.rows} == holders
    assert [r.tracking_no for r in workflow.queue(status=ReissueStatus.APPROVED).rows] == [submitted[0][1]]
    assert workflow.queue(older_than_days=1).total == 0  # all reached their step today
    next_year = TODAY.replace(year=TODAY.year + 1)
    later = ReissueWorkflow(demo_centre.settings, today=lambda: next_year)
    assert later.queue(older_than_days=30).total == 3
    assert later.queue(older_than_days=30).rows[0].days == (next_year - date.today()).days  # stamped now
    session = submitted[0][0].session.code
    assert all(row.session == submitted[0][0].session.name for row in workflow.queue(session=session).rows)


def test_a_photo_less_application_still_goes_in_the_batch(demo_centre: Centre, tmp_path: Path) -> None:
    [(_, tracking)] = _submitted(demo_centre)
    ReissueRequest.update(photo=None).where(ReissueRequest.tracking_no == tracking).execute()
    workflow = _workflow(demo_centre)
    workflow.approve(tracking, TEST_ACTOR)
    batch = workflow.report(tmp_path, TEST_ACTOR)
    with zipfile.ZipFile(io.BytesIO(batch.photos.read_bytes())) as archive:
        assert archive.namelist() == []
