"""新证已到 from the exam office's list of new certificates, on a real seeded database: every row recorded
in one transaction (by 受理编号 or by the old certificate's number, CSV or Excel), and each kind of bad
row refusing the whole list with its line and reason, nothing written (docs/domain.md "Reissue")."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest

from ruankao_desktop.core.domain.reissue import ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.services import reissue_workflow
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.reissue_workflow import SHOWN_PROBLEMS
from ruankao_desktop.core.store.models import AuditEvent, Certificate, ReissueRequest
from ruankao_desktop.core.store.search import as_datetime
from tests.core.services.test_reissue_workflow import _state, _status, _submitted, _workflow
from tests.helpers import TEST_ACTOR, TODAY


def _reported(centre: Centre, tmp_path: Path, count: int) -> list[tuple[Certificate, str]]:
    """`count` applications sent upstream (已上报), with their old certificates."""
    submitted = _submitted(centre, count)
    workflow = _workflow(centre)
    for _old, tracking in submitted:
        workflow.approve(tracking, TEST_ACTOR)
    (tmp_path / "batch").mkdir()
    workflow.report(tmp_path / "batch", TEST_ACTOR)
    return submitted


def _csv(
    tmp_path: Path, rows: list[tuple[str, str]], header: tuple[str, str] = ("受理编号", "新证书编号")
) -> Path:
    path = tmp_path / "新证清单.csv"
    lines = ["2026年新证到达清单", ",".join(header), *(f"{key},{new}" for key, new in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def _written() -> tuple[int, int, list[str]]:
    statuses = [str(r.status) for r in ReissueRequest.select().order_by(ReissueRequest.id)]
    return Certificate.select().count(), AuditEvent.select().count(), statuses


def test_a_list_by_tracking_number_records_every_new_certificate(demo_centre: Centre, tmp_path: Path) -> None:
    reported = _reported(demo_centre, tmp_path, 3)
    rows = [(tracking.lower(), f" c2612 0000 80{index} ") for index, (_old, tracking) in enumerate(reported)]
    listed = _workflow(demo_centre).new_certificates_from_list(_csv(tmp_path, rows), TEST_ACTOR)

    assert listed.tracking_nos == tuple(tracking for _old, tracking in reported)
    assert listed.day == TODAY
    lookup = LookupService(demo_centre.settings, today=lambda: TODAY)
    for index, (old, tracking) in enumerate(reported):
        assert _status(tracking) is ReissueStatus.NEW_ARRIVED
        new = Certificate.get(Certificate.cert_no == f"C2612000080{index}")
        assert new.supersedes.id == old.id
        assert _state(demo_centre, old.id) is CertificateState.SUPERSEDED
        assert _state(demo_centre, new.id) is CertificateState.AWAITING_PICKUP
        assert [s.certificate_id for s in lookup.by_cert_no(new.cert_no)] == [new.id]  # indexed
    events = AuditEvent.select().where(AuditEvent.action == "reissue.new_certificate").count()
    assert events == 3


def test_a_workbook_by_the_old_numbers_records_them(demo_centre: Centre, tmp_path: Path) -> None:
    reported = _reported(demo_centre, tmp_path, 2)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "姓名", "原证书编号", "新证书编号"])
    for index, (old, _tracking) in enumerate(reported, start=1):
        sheet.append([index, "某某", old.cert_no.lower(), f"N9{index}"])
    sheet.append([None, None, None, None])  # a blank row at the end
    path = tmp_path / "新证.xlsx"
    book.save(path)

    listed = _workflow(demo_centre).new_certificates_from_list(path, TEST_ACTOR, arrived_on=TODAY)

    assert len(listed.tracking_nos) == 2
    for index, (old, tracking) in enumerate(reported, start=1):
        assert _status(tracking) is ReissueStatus.NEW_ARRIVED
        assert Certificate.get(Certificate.cert_no == f"N9{index}").supersedes.id == old.id


BadList = Callable[[list[tuple[Certificate, str]]], list[tuple[str, str]]]


@pytest.mark.parametrize(
    ("make_rows", "message"),
    [
        pytest.param(
            lambda r: [(r[0][1], "N1"), ("BF209901019999", "N2")],
            "第 4 行：没有受理编号为 BF209901019999 的补办申请",
            id="unknown application",
        ),
        pytest.param(
            lambda r: [(r[0][1], "N1"), (r[1][1], "N1")],
            "第 4 行：新证书编号 N1 在清单中出现两次（另见第 3 行）",
            id="a new number twice",
        ),
        pytest.param(
            lambda r: [(r[0][1], "N1"), (r[0][1], "N2")],
            "在清单中出现两次（另见第 3 行）",
            id="an application twice",
        ),
        pytest.param(
            lambda r: [(r[0][1], "N1"), (r[1][1], "N 2'; DROP TABLE certificate;--")],
            "第 4 行：新证书编号无效",
            id="an invalid number",
        ),
        pytest.param(
            lambda r: [(r[0][1], "TAKEN"), (r[1][1], "N2")],
            "第 3 行：证书编号",
            id="a number already taken",
        ),
        pytest.param(
            lambda r: [(r[0][1], "N1"), (r[1][1], "")],
            "第 4 行：新证书编号无效",
            id="a number missing",
        ),
    ],
)
def test_a_list_with_a_bad_row_records_nothing(
    demo_centre: Centre, tmp_path: Path, make_rows: BadList, message: str
) -> None:
    reported = _reported(demo_centre, tmp_path, 2)
    rows = make_rows(reported)
    taken = Certificate.select().where(Certificate.id != reported[0][0].id).first().cert_no
    rows = [(key, taken if new == "TAKEN" else new) for key, new in rows]
    before = _written()
    with pytest.raises(InvalidInput) as caught:
        _workflow(demo_centre).new_certificates_from_list(_csv(tmp_path, rows), TEST_ACTOR)
    said = caught.value.message()
    assert said.startswith("新证清单共 2 行，其中 1 行不能登记，本次未登记任何新证")
    assert message in said
    assert "line" in caught.value.message("en").lower()
    assert _written() == before


def test_an_application_not_sent_upstream_is_refused_by_its_old_number(
    demo_centre: Centre, tmp_path: Path
) -> None:
    [(old, tracking)] = _submitted(demo_centre, 1)  # 已提交, not sent upstream
    before = _written()
    path = _csv(tmp_path, [(old.cert_no, "N1"), ("C999", "N2")], header=("原证书编号", "新证书编号"))
    with pytest.raises(InvalidInput) as caught:
        _workflow(demo_centre).new_certificates_from_list(path, TEST_ACTOR)
    said = caught.value.message()
    assert f"第 3 行：原证书 {old.cert_no} 没有已上报、等待新证的补办申请" in said
    assert "第 4 行：没有证书编号为 C999 的原证书" in said
    assert _written() == before
    assert _status(tracking) is ReissueStatus.SUBMITTED


def test_many_bad_rows_are_counted_beyond_the_first_few(demo_centre: Centre, tmp_path: Path) -> None:
    rows = [(f"BF2099010100{index:02}", f"N{index}") for index in range(SHOWN_PROBLEMS + 3)]
    with pytest.raises(InvalidInput) as caught:
        _workflow(demo_centre).new_certificates_from_list(_csv(tmp_path, rows), TEST_ACTOR)
    said = caught.value.message()
    assert said.count("没有受理编号为") == SHOWN_PROBLEMS
    assert "……另有 3 行" in said


@pytest.mark.parametrize(
    ("text", "code", "said"),
    [
        pytest.param(
            "证书编号,姓名\nC1,张三\n",
            "reissue.list_headers",
            "“新证书编号”两列，未找到",
            id="no new-number column",
        ),
        pytest.param(
            "受理编号,新证书编号\n\n\n", "reissue.list_empty", "没有数据行", id="a header and no rows"
        ),
        pytest.param("", "import.file_empty", "list.csv", id="an empty file"),
    ],
)
def test_a_list_that_is_not_one_records_nothing(
    demo_centre: Centre, tmp_path: Path, text: str, code: str, said: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    before = _written()
    with pytest.raises(KnownError) as caught:
        _workflow(demo_centre).new_certificates_from_list(path, TEST_ACTOR)
    assert caught.value.code == code
    assert said in caught.value.message()
    assert _written() == before


def test_a_picture_named_as_a_list_is_refused(demo_centre: Centre, tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    before = _written()
    with pytest.raises(KnownError):
        _workflow(demo_centre).new_certificates_from_list(path, TEST_ACTOR)
    assert _written() == before


def test_a_row_without_its_tracking_number_is_found_by_the_old_number(
    demo_centre: Centre, tmp_path: Path
) -> None:
    (old, first), (_old, second) = _reported(demo_centre, tmp_path, 2)
    path = tmp_path / "新证.csv"
    path.write_text(f"受理编号,原证书编号,新证书编号\n,{old.cert_no},N1\n{second},,N2\n", encoding="utf-8")
    listed = _workflow(demo_centre).new_certificates_from_list(path, TEST_ACTOR)
    assert set(listed.tracking_nos) == {first, second}


def test_an_arrival_day_after_today_or_before_the_report_is_refused(
    demo_centre: Centre, tmp_path: Path
) -> None:
    [(_old, tracking)] = _reported(demo_centre, tmp_path, 1)
    step_at = as_datetime(ReissueRequest.get(ReissueRequest.tracking_no == tracking).step_at)
    assert step_at is not None
    stamped = step_at.date()
    reported_on = min(stamped, TODAY)  # the tests' today may come before the clock that stamped it
    workflow = _workflow(demo_centre)
    path = _csv(tmp_path, [(tracking, "N1")])
    before = _written()
    with pytest.raises(InvalidInput) as caught:
        workflow.new_certificates_from_list(path, TEST_ACTOR, arrived_on=TODAY + timedelta(days=1))
    assert caught.value.message() == "新证到达日期 2026-11-30 晚于今天，未登记。请核对日期。"
    with pytest.raises(InvalidInput) as caught:
        workflow.new_certificate(tracking, "N1", TEST_ACTOR, arrived_on=TODAY + timedelta(days=1))
    assert caught.value.code == "reissue.arrived_future"
    early = reported_on - timedelta(days=1)
    with pytest.raises(InvalidInput) as caught:
        workflow.new_certificate(tracking, "N1", TEST_ACTOR, arrived_on=early)
    assert caught.value.message() == (
        f"新证到达日期 {early.isoformat()} 早于该申请上报的日期 {reported_on.isoformat()}，"
        "未登记。请核对日期。"
    )
    with pytest.raises(InvalidInput) as caught:
        workflow.new_certificates_from_list(path, TEST_ACTOR, arrived_on=early)
    assert "第 3 行：新证到达日期" in caught.value.message()
    assert _written() == before
    workflow.new_certificates_from_list(path, TEST_ACTOR, arrived_on=reported_on)
    event = AuditEvent.select().where(AuditEvent.action == "reissue.new_certificate").get()
    details = json.loads(event.details)
    assert (details["arrived_on"], details["list"]) == (reported_on.isoformat(), "新证清单.csv")


def test_a_number_taken_by_another_desk_while_the_list_is_written_refuses_it_whole(
    demo_centre: Centre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (_a, first), (_b, second) = _reported(demo_centre, tmp_path, 2)
    path = _csv(tmp_path, [(first, "N1"), (second, "N2")])
    before = _written()
    checked = reissue_workflow._check_free

    def racing(number: str) -> None:
        checked(number)
        if number == "N2":  # free when checked; another desk takes it before this desk writes it
            Certificate.update(cert_no="N2").where(Certificate.id == _a.id).execute()

    monkeypatch.setattr(reissue_workflow, "_check_free", racing)
    with pytest.raises(InvalidInput) as caught:
        _workflow(demo_centre).new_certificates_from_list(path, TEST_ACTOR)
    said = caught.value.message()
    assert said.startswith("新证清单共 2 行，其中 1 行不能登记，本次未登记任何新证")
    assert "第 4 行：证书编号 N2 已属于另一张证书" in said
    assert _written() == before
