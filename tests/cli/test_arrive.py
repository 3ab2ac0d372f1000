"""`arrive` and `deadline` on the command line, on either engine: the counts (as text and JSON), and
every refusal with its message, exit 3 and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.store.models import AuditEvent, Certificate, ExamSession
from tests.cli.conftest import Run
from tests.engines import Target, scalar

SESSION = "2026H1"  # the demo's newest session, whose certificates have not arrived
WAITING = (
    "SELECT COUNT(*) FROM certificate c JOIN exam_session s ON s.id = c.session_id "
    "WHERE s.code = ? AND c.arrived_on IS NULL"
)


def _numbers(target: Target, count: int) -> list[str]:
    centre = open_centre(str(target))
    try:
        session = ExamSession.get(ExamSession.code == SESSION)
        query = Certificate.select().where(Certificate.session == session.id).order_by(Certificate.id)
        return [c.cert_no for c in query.limit(count)]
    finally:
        centre.close()


def test_an_arrival_list_then_the_rest_of_the_session(run: Run, demo_db: Target, tmp_path: Path) -> None:
    waiting = scalar(demo_db, WAITING, (SESSION,))
    listed = tmp_path / "list.csv"
    listed.write_text("序号,证书编号\n" + "".join(f"{i},{n}\n" for i, n in enumerate(_numbers(demo_db, 2))))
    code, out, _ = run(
        "--db", str(demo_db), "arrive", "--session", SESSION, "--date", "2026-11-20", "--file", str(listed)
    )
    assert code == 0
    assert out.strip() == "2026年上半年：2 张证书登记为 2026-11-20 到达；0 张此前已到达，未改动。"
    code, out, _ = run(
        "--db", str(demo_db), "arrive", "--session", "2026年上半年", "--date", "2026-11-21", "--json"
    )
    assert code == 0
    assert json.loads(out) == {
        "session": "2026年上半年",
        "date": "2026-11-21",
        "arrived": waiting - 2,
        "already": 2,
    }
    assert scalar(demo_db, WAITING, (SESSION,)) == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--session", "2099H9", "--date", "2026-11-20"), "找不到考试批次“2099H9”"),
        (("--session", SESSION, "--date", "2999-01-01"), "晚于今天"),
        (("--session", SESSION, "--date", "2026-11-20", "--file", "LIST"), "不存在，例如：C00000000000"),
        (("--session", SESSION, "--date", "2026-11-20", "--file", "PDF"), "实际上是 PDF 文件"),
    ],
    ids=["unknown session", "future", "unknown number", "not a list"],
)
def test_a_refused_arrival_exits_3_and_writes_nothing(
    run: Run, demo_db: Target, tmp_path: Path, extra: tuple[str, ...], message: str
) -> None:
    (tmp_path / "list.csv").write_text("C00000000000\n")
    (tmp_path / "list.pdf").write_bytes(b"%PDF-1.7\n")
    files = {"LIST": str(tmp_path / "list.csv"), "PDF": str(tmp_path / "list.pdf")}
    waiting = scalar(demo_db, WAITING, (SESSION,))
    events = scalar(demo_db, "SELECT COUNT(*) FROM audit_event")
    code, out, err = run("--db", str(demo_db), "arrive", *(files.get(a, a) for a in extra))
    assert (code, out) == (3, "")
    assert message in err and "Traceback" not in err
    assert scalar(demo_db, WAITING, (SESSION,)) == waiting
    assert scalar(demo_db, "SELECT COUNT(*) FROM audit_event") == events
    code, out, _ = run("--db", str(demo_db), "arrive", *(files.get(a, a) for a in extra), "--json")
    assert code == 3 and message in json.loads(out)["message"]


def test_the_deadline_changes_with_its_reason_or_not_at_all(run: Run, demo_db: Target) -> None:
    arguments = ("--db", str(demo_db), "deadline", "--session", SESSION, "--date", "2027-03-31")
    code, _, err = run(*arguments, "--reason", " ")
    assert code == 3 and "需要填写原因" in err
    code, out, _ = run(*arguments, "--reason", "证书晚到，延期")
    assert code == 0 and "2027-03-31" in out
    deadline = scalar(demo_db, "SELECT pickup_deadline FROM exam_session WHERE code = ?", (SESSION,))
    assert str(deadline)[:10] == "2027-03-31"
    centre = open_centre(str(demo_db))
    try:
        event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
        assert (event.action, event.target) == ("session.deadline", f"session:{SESSION}")
    finally:
        centre.close()
