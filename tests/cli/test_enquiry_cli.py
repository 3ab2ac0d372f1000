"""`enquiry log|list|answer` on either engine: logged and listed (text and JSON, contacts masked),
answered and closed, every refusal exit 3 with its message and nothing written."""

from __future__ import annotations

import json

from tests.cli.conftest import Run
from tests.engines import Target, scalar


def test_an_enquiry_logged_listed_and_closed(run: Run, demo_db: Target) -> None:
    db = ("--db", str(demo_db))
    code, out, _ = run(
        *db, "enquiry", "log", "--channel", "phone", "--who", "张伟", "--contact", "13800138000",
        "--question", "证书什么时候到？", "--json",
    )  # fmt: skip
    logged = json.loads(out)
    assert code == 0 and (logged["state"], logged["contact"]) == ("open", "138****8000")
    code, out, _ = run(*db, "enquiry", "list", "--search", "张伟")
    assert code == 0 and "138****8000" in out and "13800138000" not in out
    code, out, _ = run(*db, "enquiry", "answer", str(logged["id"]), "--answer", "已到", "--close", "--json")
    assert code == 0 and json.loads(out)["state"] == "closed"
    code, out, _ = run(*db, "enquiry", "list", "--state", "open")
    assert code == 4 and "没有符合条件的咨询记录" in out


def test_a_wrong_enquiry_writes_nothing(run: Run, demo_db: Target) -> None:
    db = ("--db", str(demo_db))
    code, out, err = run(
        *db, "enquiry", "log", "--channel", "email", "--who", "张伟", "--contact", "nobody",
        "--question", "证书什么时候到？",
    )  # fmt: skip
    assert (code, out) == (3, "") and "联系方式无效" in err and "Traceback" not in err
    code, _, err = run(*db, "enquiry", "answer", "999", "--answer", "已到")
    assert code == 3 and "没有编号为 999 的咨询记录" in err
    assert scalar(demo_db, "SELECT COUNT(*) FROM enquiry") == 0
