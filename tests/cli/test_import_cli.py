"""`import` and `export` on the command line: the JSON fields, the exit codes, the words, the files."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ruankao_desktop.cli import main
from ruankao_desktop.core.messages import render
from tests.core.importing.builders import (
    ListRow,
    list_rows,
    people,
    shared_strings_xlsx,
    write_csv,
)
from tests.engines import Target, database_dump, query, scalar

IMPORT_FIELDS = {
    "file",
    "encoding",
    "sheet",
    "rows",
    "created",
    "updated",
    "unchanged",
    "rejected",
    "ignored_columns",
    "identity_changes",
}
REJECTED_FIELDS = {"row", "column", "value_masked", "code", "message"}
CHANGE_FIELDS = {"row", "kind", "holder_id", "cert_no", "old", "new", "rows", "held_back"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def certificates(database: Target) -> int:
    return int(scalar(database, "SELECT COUNT(*) FROM certificate"))


@pytest.fixture
def database(new_db: Callable[[str], Target], capsys: pytest.CaptureFixture[str]) -> Target:
    target = new_db("centre.db")
    assert run(capsys, "--db", str(target), "db", "init")[0] == 0
    return target


def bad_list(tmp_path: Path, count: int = 5) -> tuple[Path, str]:
    rows = list_rows(count)
    good = rows[-1].id_number
    rows[-1] = replace(rows[-1], id_number=good[:17] + ("0" if good[-1] != "0" else "1"))
    return write_csv(tmp_path / "list.csv", rows), rows[-1].id_number


def test_a_clean_list_imports_with_exit_0_and_the_documented_json(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "list.csv", list_rows(4))
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--json")
    payload = json.loads(out)
    assert code == 0
    assert set(payload) == IMPORT_FIELDS
    assert (payload["rows"], payload["created"], payload["updated"], payload["unchanged"]) == (4, 4, 0, 0)
    assert payload["encoding"] == "UTF-8 (BOM)"
    assert payload["sheet"] is None
    assert payload["ignored_columns"] == ["序号"]
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--json")
    assert code == 0
    assert (json.loads(out)["created"], json.loads(out)["unchanged"]) == (0, 4)


def holder_names(database: Target) -> list[str]:
    return [row[0] for row in query(database, "SELECT name FROM holder ORDER BY id")]


def renaming_list(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, ListRow]:
    """张伟 imported, then a list giving 张伟's ID number the name 赵六 (row 3) beside a new person."""
    first = list_rows(2)
    first[0] = replace(first[0], name="张伟")
    assert run(capsys, "--db", str(database), "import", str(write_csv(tmp_path / "a.csv", first)))[0] == 0
    fresh = list_rows(2, seed=5, prefix="C2612")
    renamed = replace(fresh[0], name="赵六", id_number=first[0].id_number)
    return write_csv(tmp_path / "b.csv", [renamed, fresh[1]]), renamed


def test_an_identity_change_is_listed_in_the_json_and_held_back_with_exit_3(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, renamed = renaming_list(database, tmp_path, capsys)
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--json")
    payload = json.loads(out)
    assert code == 3
    assert (payload["created"], payload["rejected"]) == (1, [])
    [change] = payload["identity_changes"]
    assert set(change) == CHANGE_FIELDS
    assert (change["row"], change["kind"], change["old"], change["new"], change["held_back"]) == (
        3,
        "rename",
        "张伟",
        "赵六",
        True,
    )
    assert (change["cert_no"], change["rows"]) == (renamed.cert_no, [3])
    assert renamed.id_number not in out
    assert holder_names(database)[0] == "张伟"
    assert certificates(database) == 3

    code, out, _ = run(
        capsys, "--db", str(database), "import", str(path), "--json", "--accept-identity-changes"
    )
    payload = json.loads(out)
    assert code == 0
    assert (payload["created"], payload["unchanged"]) == (1, 1)
    assert [c["held_back"] for c in payload["identity_changes"]] == [False]
    assert holder_names(database)[0] == "赵六"
    assert certificates(database) == 4


def test_a_dry_run_lists_the_identity_changes_too(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = renaming_list(database, tmp_path, capsys)
    before = database_dump(database)
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--dry-run", "--json")
    assert code == 3
    assert [(c["kind"], c["held_back"]) for c in json.loads(out)["identity_changes"]] == [("rename", True)]
    code, out, _ = run(
        capsys, "--db", str(database), "import", str(path), "--dry-run", "--json", "--accept-identity-changes"
    )
    assert code == 0
    assert [(c["kind"], c["held_back"]) for c in json.loads(out)["identity_changes"]] == [("rename", False)]
    assert database_dump(database) == before


def test_the_operator_is_told_which_identity_changes_were_held_back_and_how_to_confirm(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, renamed = renaming_list(database, tmp_path, capsys)
    code, out, err = run(capsys, "--db", str(database), "--lang", "en", "import", str(path), "--dry-run")
    assert code == 3
    assert err.strip() == render("import.cli.held_back_preview", "en", rows=1, changes=1)
    code, out, err = run(capsys, "--db", str(database), "import", str(path))
    assert code == 3
    assert render("import.cli.identity_changes") in out
    [line] = [line for line in out.splitlines() if renamed.cert_no in line]
    assert line.split() == ["3", "姓名变更", "张伟", "赵六", renamed.cert_no]
    assert err.strip() == render("import.cli.held_back", rows=1, changes=1)
    assert "--accept-identity-changes" in err
    code, out, err = run(capsys, "--db", str(database), "import", str(path), "--accept-identity-changes")
    assert (code, err) == (0, "")
    assert render("import.cli.counts_done", rows=2, created=1, updated=0, unchanged=1, rejected=0) in out


def test_a_new_id_number_is_shown_masked_on_the_command_line(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list_rows(2)
    run(capsys, "--db", str(database), "import", str(write_csv(tmp_path / "a.csv", rows)))
    new_number = people(1, seed=77)[0].id_number
    path = write_csv(tmp_path / "b.csv", [replace(rows[0], id_number=new_number), rows[1]])
    code, out, err = run(capsys, "--db", str(database), "import", str(path))
    assert code == 3
    masked = [
        new_number[:6] + "*" * 8 + new_number[-4:],
        rows[0].id_number[:6] + "*" * 8 + rows[0].id_number[-4:],
    ]
    assert all(value in out for value in masked)
    assert new_number not in out + err and rows[0].id_number not in out + err


def test_a_rejected_row_means_exit_3_and_nothing_written(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, bad_number = bad_list(tmp_path)
    before = database_dump(database)
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--json")
    payload = json.loads(out)
    assert code == 3
    assert (payload["rows"], payload["created"]) == (5, 0)
    [rejected] = payload["rejected"]
    assert set(rejected) == REJECTED_FIELDS
    assert (rejected["row"], rejected["column"], rejected["code"]) == (7, "身份证号码", "id.bad_check")
    assert rejected["value_masked"] == bad_number[:6] + "*" * 8 + bad_number[-4:]
    assert bad_number not in out
    assert database_dump(database) == before


def test_skip_invalid_writes_the_valid_rows_and_still_exits_3(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = bad_list(tmp_path)
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--skip-invalid", "--json")
    assert code == 3
    assert json.loads(out)["created"] == 4
    assert certificates(database) == 4


def test_a_dry_run_writes_nothing(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "list.csv", list_rows(3))
    before = database_dump(database)
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--dry-run")
    assert code == 0
    assert render("import.cli.counts_preview", rows=3, created=3, updated=0, unchanged=0, rejected=0) in out
    assert database_dump(database) == before


def test_human_output_in_chinese_and_english(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = bad_list(tmp_path)
    code, out, err = run(capsys, "--db", str(database), "import", str(path))
    assert code == 3
    assert out.splitlines()[0] == f"文件：{path}（CSV，编码 UTF-8 (BOM)，表头在第 2 行）"
    assert "有问题的行：" in out
    assert "校验位不对" in out
    assert err.strip() == render("import.rejected", rows=1, total=5)
    code, out, err = run(capsys, "--db", str(database), "--lang", "en", "import", str(path), "--skip-invalid")
    assert code == 3
    assert (
        render("import.cli.counts_done", "en", rows=5, created=4, updated=0, unchanged=0, rejected=1) in out
    )
    assert "check character is wrong" in out


def test_a_refused_file_exits_3_with_the_message(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    code, _, err = run(capsys, "--db", str(database), "import", str(path))
    assert code == 3
    assert err.strip() == render("import.encrypted", file="名单.xlsx")
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--json")
    assert code == 3
    assert json.loads(out) == {
        "error": "import.encrypted",
        "message": render("import.encrypted", file="名单.xlsx"),
    }


def test_import_without_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["import"])
    assert caught.value.code == 2


def test_the_report_is_saved_and_audited(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = bad_list(tmp_path)
    report = tmp_path / "report.xlsx"
    code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--report", str(report))
    assert code == 3
    assert render("import.cli.report_saved", path=str(report)) in out
    assert report.exists()
    actions = [row[0] for row in query(database, "SELECT action FROM audit_event ORDER BY id")]
    assert actions == ["export.import_errors"]  # the import itself wrote nothing, its report was exported


def test_exports_from_the_command_line(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "pickup.csv"
    code, out, _ = run(
        capsys, "--db", str(demo_db), "export", "pickup", "--session", "2025H2", "-o", str(target)
    )
    assert code == 0
    rows = len(target.read_text(encoding="utf-8-sig").splitlines()) - 1
    assert out.strip() == render("export.done", rows=rows, path=str(target))
    code, _, _ = run(
        capsys,
        "--db",
        str(demo_db),
        "export",
        "pickup",
        "--session",
        "2025H1",
        "--state",
        "overdue",
        "-o",
        str(target),
    )
    assert code == 0
    lookup = tmp_path / "lookup.xlsx"
    assert run(capsys, "--db", str(demo_db), "export", "lookup", "张伟", "-o", str(lookup))[0] == 0
    assert lookup.exists()
    reissues = tmp_path / "reissues.xlsx"
    code, out, _ = run(
        capsys, "--db", str(demo_db), "export", "reissues", "--since", "2026-01-01", "-o", str(reissues)
    )
    assert code == 0


def test_export_mistakes(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "--db", str(demo_db), "export", "pickup", "--session", "2031H1", "-o", str(tmp_path / "x.csv")
    )
    assert (code, err.strip()) == (3, render("export.session_missing", session="2031H1"))
    code, _, err = run(
        capsys, "--db", str(demo_db), "export", "lookup", "张伟", "-o", str(tmp_path / "x.pdf")
    )
    assert (code, err.strip()) == (2, render("export.bad_format", file="x.pdf"))
    with pytest.raises(SystemExit) as caught:
        main(
            [
                "--db",
                str(demo_db),
                "export",
                "pickup",
                "--session",
                "2025H1",
                "--state",
                "collected",
                "-o",
                "x.csv",
            ]
        )
    assert caught.value.code == 2


def test_damaged_and_oversized_workbooks_exit_3_with_the_json_error_and_write_nothing(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.core.importing.test_limits import ROWS, damaged_workbooks, refused, repeated

    files = {what: path for what, (path, _) in damaged_workbooks(tmp_path).items()}
    files["random bytes"] = tmp_path / "random.xlsx"
    files["random bytes"].write_bytes(b"\x00\x01" + bytes(range(256)) * 40)
    files["shared-strings bomb"] = shared_strings_xlsx(
        tmp_path / "bomb.xlsx", ROWS, declared=20_000_000, extra=repeated(b"<si/>", 20_000_000)
    )
    line = files["one 10 MB line"] = tmp_path / "line.csv"
    line.write_bytes("姓名,证件号码,证书编号,".encode() + b"x" * 10_000_000)
    before = database_dump(database)
    for what, path in files.items():
        expected = refused(path)
        code, out, _ = run(capsys, "--db", str(database), "import", str(path), "--json")
        assert (code, json.loads(out)) == (3, {"error": expected.code, "message": expected.message()}), what
        code, _, err = run(capsys, "--db", str(database), "--lang", "en", "import", str(path))
        assert (code, err.strip()) == (3, expected.message("en")), what
    assert database_dump(database) == before
    assert certificates(database) == 0


def test_a_bad_crc_is_named_damaged_on_the_command_line(
    database: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.core.importing.test_limits import damaged_workbooks

    made = damaged_workbooks(tmp_path)
    for what, name, code in [
        ("bad CRC", "crc.xlsx", "import.xlsx_damaged"),
        ("string index", "index.xlsx", "import.xlsx_sheet_damaged"),
    ]:
        path, _ = made[what]
        code_, out, _ = run(capsys, "--db", str(database), "import", str(path), "--json")
        params = (
            {"file": name}
            if code == "import.xlsx_damaged"
            else {"file": name, "sheet": "合格名单", "row": "3"}
        )
        assert (code_, json.loads(out)) == (3, {"error": code, "message": render(code, **params)}), what
    assert certificates(database) == 0
