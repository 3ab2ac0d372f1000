"""`notice add`, `notice list`, `notice withdraw` on either engine: posted, listed (text and JSON) and
withdrawn, each refusal with its message and exit 3, nothing written."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from ruankao_desktop.core.services.centre import open_centre
from tests.cli.conftest import Run
from tests.engines import Target, scalar

ARRIVED = "2026年上半年证书已到达，请携带身份证原件到2号窗口领取"


@pytest.fixture
def empty_db(new_db: Callable[[str], Target]) -> Target:
    """A new database with the schema and no certificates."""
    target = new_db("centre.db")
    open_centre(str(target)).close()
    return target


def test_post_list_and_withdraw(run: Run, empty_db: Target) -> None:
    until = (date.today() + timedelta(days=30)).isoformat()
    code, out, _ = run("--db", str(empty_db), "notice", "add", ARRIVED, "--until", until, "--json")
    posted = json.loads(out)
    assert code == 0 and posted["text"] == ARRIVED and posted["audience"] == "both"
    code, out, _ = run("--db", str(empty_db), "notice", "list")
    assert code == 0 and ARRIVED in out and "服务台和自助机" in out
    code, out, _ = run("--db", str(empty_db), "notice", "withdraw", str(posted["id"]))
    assert code == 0 and out.strip() == f"通知 {posted['id']} 已撤下。"
    code, out, _ = run("--db", str(empty_db), "notice", "list", "--json")
    assert json.loads(out) == {"count": 0, "notices": []}
    code, out, _ = run("--db", str(empty_db), "notice", "list", "--all", "--json")
    assert [n["withdrawn"] for n in json.loads(out)["notices"]] == [True]


def test_refusals_write_nothing(run: Run, empty_db: Target) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for argv, message in (
        (("notice", "add", " ", "--until", "2099-01-01"), "通知内容不能为空。"),
        (("notice", "add", ARRIVED, "--from", yesterday, "--until", yesterday), "已经过去"),
        (("notice", "withdraw", "42"), "没有编号为 42 的通知。"),
    ):
        code, out, err = run("--db", str(empty_db), *argv)
        assert (code, out) == (3, "") and message in err
    assert scalar(empty_db, "SELECT COUNT(*) FROM announcement") == 0
