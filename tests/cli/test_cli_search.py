"""`lookup` with the forgiving search, as a script meets it: the JSON fields it adds (`matched`, `total`,
`counts_by_state`, `suggestions`), exit 0 for results or suggestions and 4 for neither, hostile queries
answered with exit 2 or 3 and a message, and `db reindex`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ruankao_desktop.core.messages import render
from tests.cli.conftest import Run
from tests.engines import execute, query, scalar

SHOWCASE_ID = "110105199003071239"


def _count(path: Path, table: str) -> int:
    return int(scalar(path, f"SELECT COUNT(*) FROM {table}"))


def test_a_surname_gives_a_page_the_exact_total_and_the_counts(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "lookup", "王", "--limit", "5", "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["detected"] == "name"
    assert payload["count"] == 5 < payload["total"]
    assert payload["truncated"] is True
    assert sum(payload["counts_by_state"].values()) == payload["total"]
    assert all(result["name"].startswith("王") for result in payload["results"])
    assert {result["matched"]["form"] for result in payload["results"]} <= {"surname", "exact"}
    assert payload["suggestions"] == []
    prefixed = scalar(
        demo_db,
        "SELECT COUNT(DISTINCT c.certificate_id) FROM search_key k JOIN search_certificate c "
        "ON c.name_id = k.name_id WHERE k.key >= 'n:王' AND k.key < 'n:玌'",
    )
    assert payload["total"] == prefixed


def test_a_truncated_table_says_how_many_there_are(demo_db: Path, run: Run) -> None:
    code, out, err = run("--db", str(demo_db), "lookup", "wang", "--limit", "3")
    assert code == 0
    assert "匹配" in out.splitlines()[0]
    assert "共找到" in out + err and "只显示了前 3 条" in out + err


def test_an_id_tail_and_a_surname(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "lookup", "张 1239", "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["detected"] == "combined"
    assert {result["id_masked"] for result in payload["results"]} == {"110105********1239"}
    assert {result["matched"]["field"] for result in payload["results"]} == {"id_number"}


def test_a_mistyped_number_gives_suggestions_and_exit_0(demo_db: Path, run: Run) -> None:
    [(cert_no, name)] = query(
        demo_db,
        "SELECT c.cert_no, h.name FROM certificate c JOIN holder h ON h.id = c.holder_id "
        "ORDER BY c.id LIMIT 1",
    )
    typed = cert_no[:3] + "Q" + cert_no[4:]  # a letter where every number has a digit
    assert query(demo_db, "SELECT 1 FROM certificate WHERE cert_no = ?", (typed,)) == []
    code, out, _ = run("--db", str(demo_db), "lookup", typed, "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["count"] == 0 and payload["results"] == []
    [suggestion] = [s for s in payload["suggestions"] if s["cert_no"] == cert_no]
    assert suggestion["edit"] == "wrong"
    assert suggestion["name"] == name
    assert name in suggestion["reason"]
    code, _, err = run("--db", str(demo_db), "lookup", typed)
    assert code == 0
    assert "您是不是要找" in err


def test_nothing_and_no_suggestion_is_exit_4(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "lookup", "zzzzzq", "--json")
    assert code == 4
    assert json.loads(out)["total"] == 0


@pytest.mark.parametrize(
    ("typed", "exit_code", "message"),
    [
        ("   ", 2, render("lookup.empty")),
        ("\u200b\u200b", 2, render("lookup.empty")),
        ("😀", 3, render("lookup.unrecognised", value="😀")),
        ("'; DROP TABLE certificate; --", 3, render("lookup.unrecognised", value="'")),
        ("王 " * 10, 4, None),  # ten words are one name of ten 王: nobody
        ("a b 1 2 3 4 5 6", 3, render("lookup.too_many_words", count=7, max=6)),
    ],
)
def test_hostile_queries_are_refused_with_a_message_and_change_nothing(
    demo_db: Path, run: Run, typed: str, exit_code: int, message: str | None
) -> None:
    events, certificates = _count(demo_db, "audit_event"), _count(demo_db, "certificate")
    code, out, err = run("--db", str(demo_db), "lookup", typed, "--json")
    assert code == exit_code
    if message is not None:
        assert json.loads(out)["message"] == message
    assert "Traceback" not in out + err
    assert _count(demo_db, "certificate") == certificates
    assert _count(demo_db, "audit_event") == events + (1 if exit_code == 4 else 0)


def test_db_reindex_rebuilds_the_keys_and_is_audited(demo_db: Path, run: Run) -> None:
    keys = _count(demo_db, "search_key")
    execute(demo_db, "DELETE FROM search_key")
    code, out, _ = run("--db", str(demo_db), "lookup", "zw", "--json")
    assert code == 4
    code, out, err = run("--db", str(demo_db), "db", "reindex", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["keys"] == keys == _count(demo_db, "search_key")
    assert payload["certificates"] == _count(demo_db, "certificate")
    assert "正在重建查询索引" in err
    assert query(demo_db, "SELECT action FROM audit_event ORDER BY id DESC LIMIT 1") == [("db.reindex",)]
    code, out, _ = run("--db", str(demo_db), "lookup", "zw", "--json")
    assert code == 0 and json.loads(out)["total"] > 0
