"""`reissue list|approve|return|report|arrived` on either engine: each step with its exit code and JSON,
every refusal with its message, exit 3 and nothing written."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.store.models import Certificate
from tests.cli.conftest import Run
from tests.core.services.test_reissue import application
from tests.engines import Target, scalar
from tests.helpers import TEST_ACTOR, TODAY


def _submitted(target: Target) -> tuple[str, str]:
    """A collected certificate's number and the tracking number of its submitted application."""
    centre = open_centre(str(target))
    try:
        ids = (
            LookupService(centre.settings, today=lambda: TODAY)
            .search_ids(Criteria(state=CertificateState.COLLECTED))
            .ids
        )
        certificate = Certificate.get_by_id(ids[0])
        done = ReissueService(today=lambda: TODAY).submit(
            application(certificate), TEST_ACTOR, expected_version=certificate.version
        )
        return certificate.cert_no, done.tracking_no
    finally:
        centre.close()


def test_an_application_through_every_step(run: Run, demo_db: Target, tmp_path: Path) -> None:
    cert_no, tracking = _submitted(demo_db)
    db = ("--db", str(demo_db))
    code, out, _ = run(*db, "reissue", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and listed["counts_by_status"]["submitted"] == 1
    assert [(r["tracking_no"], r["status"], r["cert_no"]) for r in listed["results"]] == [
        (tracking, "submitted", cert_no)
    ]
    code, out, err = run(*db, "reissue", "report", "-o", str(tmp_path))
    assert code == 3 and "没有已审核待上报的补办申请" in err
    code, out, _ = run(*db, "reissue", "approve", tracking, "--json")
    assert code == 0 and json.loads(out) == {"tracking_no": tracking, "status": "approved"}
    code, out, _ = run(*db, "reissue", "approve", tracking)
    assert code == 3
    code, out, _ = run(*db, "reissue", "report", "-o", str(tmp_path), "--json")
    batch = json.loads(out)
    assert code == 0 and batch["requests"] == 1
    rows = list(openpyxl.load_workbook(batch["workbook"], read_only=True).active.iter_rows(values_only=True))
    assert rows[1][1] == tracking
    code, out, err = run(*db, "reissue", "arrived", tracking, "--new-cert-no", cert_no)
    assert code == 3 and "已属于另一张证书" in err
    code, out, _ = run(*db, "reissue", "arrived", tracking, "--new-cert-no", "C26129990001")
    assert code == 0 and out.strip() == f"补办申请 {tracking} 现为“新证已到”。"
    code, out, _ = run(*db, "lookup", cert_no, "--json")
    assert json.loads(out)["results"][0]["state"] == "superseded"
    code, out, _ = run(*db, "lookup", "C26129990001", "--json")
    assert json.loads(out)["results"][0]["state"] == "awaiting_pickup"
    code, out, _ = run(*db, "reissue", "list", "--status", "new_arrived")
    assert code == 0 and "C26129990001" in out and "新证已到 1" in out


def test_a_return_needs_a_reason(run: Run, demo_db: Target) -> None:
    _, tracking = _submitted(demo_db)
    db = ("--db", str(demo_db))
    code, _, err = run(*db, "reissue", "return", tracking, "--reason", " ")
    assert code == 3 and "退回申请需要填写原因" in err
    code, _, err = run(*db, "reissue", "return", "BF000", "--reason", "材料不全")
    assert code == 3 and "没有受理编号为 BF000 的补办申请" in err
    assert scalar(demo_db, "SELECT COUNT(*) FROM reissue_request WHERE status = 'returned'") == 0
    code, out, _ = run(*db, "reissue", "return", tracking, "--reason", "照片不是白底", "--json")
    assert code == 0 and json.loads(out)["status"] == "returned"
    code, out, _ = run(*db, "reissue", "list", "--status", "submitted")
    assert code == 4 and "没有符合条件的补办申请" in out


def _reported(run: Run, target: Target, tmp_path: Path) -> tuple[str, str]:
    cert_no, tracking = _submitted(target)
    db = ("--db", str(target))
    assert run(*db, "reissue", "approve", tracking)[0] == 0
    assert run(*db, "reissue", "report", "-o", str(tmp_path))[0] == 0
    return cert_no, tracking


def test_new_certificates_from_a_list(run: Run, demo_db: Target, tmp_path: Path) -> None:
    cert_no, tracking = _reported(run, demo_db, tmp_path)
    db = ("--db", str(demo_db))
    listed = tmp_path / "新证.csv"
    listed.write_text(f"原证书编号,新证书编号\n{cert_no},C26129990002\n", encoding="utf-8")
    code, out, err = run(*db, "reissue", "arrived", tracking, "--file", str(listed))
    assert code == 2 and "二者选一" in err  # a number and a list: one or the other
    code, out, err = run(*db, "reissue", "arrived")
    assert code == 2 and "二者选一" in err
    early = (date.today() - timedelta(days=1)).isoformat()  # the day before it was sent upstream
    code, out, err = run(*db, "reissue", "arrived", "--file", str(listed), "--date", early)
    assert code == 3 and f"新证到达日期 {early} 早于该申请上报的日期" in err
    today = date.today().isoformat()
    code, out, _ = run(*db, "reissue", "arrived", "--file", str(listed), "--date", today, "--json")
    assert code == 0
    assert json.loads(out) == {
        "recorded": 1,
        "tracking_nos": [tracking],
        "status": "new_arrived",
        "date": today,
    }
    code, out, _ = run(*db, "lookup", "C26129990002", "--json")
    assert json.loads(out)["results"][0]["state"] == "awaiting_pickup"


def test_a_list_with_a_bad_row_is_refused_whole(run: Run, demo_db: Target, tmp_path: Path) -> None:
    _cert_no, tracking = _reported(run, demo_db, tmp_path)
    db = ("--db", str(demo_db))
    listed = tmp_path / "新证.csv"
    listed.write_text(f"受理编号,新证书编号\n{tracking},C26129990003\nBF000,C26129990004\n", encoding="utf-8")
    certificates = scalar(demo_db, "SELECT COUNT(*) FROM certificate")
    code, out, err = run(*db, "reissue", "arrived", "--file", str(listed))
    assert code == 3 and out == ""
    assert "新证清单共 2 行，其中 1 行不能登记，本次未登记任何新证" in err
    assert "第 3 行：没有受理编号为 BF000 的补办申请" in err
    assert "Traceback" not in err
    assert scalar(demo_db, "SELECT COUNT(*) FROM certificate") == certificates
    assert scalar(demo_db, "SELECT status FROM reissue_request") == "reported"
    code, out, err = run("--lang", "en", *db, "reissue", "arrived", "--file", str(listed))
    assert code == 3 and "Line 3: There is no reissue application BF000" in err


def test_a_list_said_in_words_and_a_day_to_come_refused(run: Run, demo_db: Target, tmp_path: Path) -> None:
    _cert_no, tracking = _reported(run, demo_db, tmp_path)
    db = ("--db", str(demo_db))
    listed = tmp_path / "新证.csv"
    listed.write_text(f"受理编号,新证书编号\n{tracking},C26129990005\n", encoding="utf-8")
    code, out, err = run(*db, "reissue", "arrived", "--file", str(listed), "--date", "2099-01-01")
    assert code == 3 and "新证到达日期 2099-01-01 晚于今天，未登记" in err
    code, out, _ = run(*db, "reissue", "arrived", "--file", str(listed))
    assert code == 0
    assert out.strip().startswith("已按清单登记 1 张新证，到达日期 ")
    assert out.strip().endswith("对应的补办申请现为“新证已到”。")
