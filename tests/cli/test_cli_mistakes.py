"""A user's mistakes and the environment's failures at the command line: each is exit 2 or 3 with a
message saying what to do, writes nothing, and prints no traceback (exit 1 is for bugs only)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import peewee
import pytest

from ruankao_desktop.cli import build_parser, main
from ruankao_desktop.core.config import default_database_path
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.store import database as store_database
from ruankao_desktop.logsetup import log_file
from tests.cli.conftest import Run
from tests.damage import (
    cli_command,
    cli_with_mounts,
    corrupt_table,
    drop_table,
    in_private_mounts,
    needs_private_mounts,
    read_only_bind,
    sha256,
    tiny_disk,
)
from tests.engines import sqlite_only

SHOWCASE_ID = "110105199003071239"

# Every option of cli.py's own commands that takes a value: (the command line up to the value, the
# argument's name in argparse's message), and values a user might mistype with the message each gets.
POSITIVE = [(v, "option.positive_int") for v in ("0", "-1", "abc", "1.5", "")]
EMPTY = [("", "option.empty"), ("  ", "option.empty")]
DAY = [(v, "option.day") for v in ("2026-13-01", "yesterday", "2026/11/01", "")]
FILE_ONLY = sqlite_only("`db backup` and `restore` copy the SQLite file; a server is backed up with pg_dump")

MALFORMED: dict[tuple[tuple[str, ...], str], list[tuple[str, str]]] = {
    (("lookup", "张伟", "--limit"), "--limit"): POSITIVE,
    (("demo", "seed", "--count"), "--count"): POSITIVE,
    (("demo", "seed", "--seed"), "--seed"): [(v, "option.whole_number") for v in ("x", "1.5", "")],
    (("db", "backup"), "path"): EMPTY,
    (("db", "restore"), "path"): EMPTY,
    (("import",), "file"): EMPTY,
    (("import", "list.csv", "--sheet"), "--sheet"): EMPTY,
    (("import", "list.csv", "--report"), "--report"): EMPTY,
    (("export", "pickup", "-o", "x.csv", "--session"), "--session"): EMPTY,
    (("export", "pickup", "--session", "2026H1", "-o"), "-o/--output"): EMPTY,
    (("export", "reissues", "-o", "x.csv", "--since"), "--since"): DAY,
    (("export", "reissues", "-o"), "-o/--output"): EMPTY,
    (("export", "lookup", "张伟", "-o"), "-o/--output"): EMPTY,
    (("print", "C22120000001", "-o"), "-o/--output"): EMPTY,
    (("print", "-o", "x.pdf", "--session"), "--session"): EMPTY,
    (("keys", "export"), "path"): EMPTY,
    (("keys", "import", "--name", "海淀考点"), "path"): EMPTY,
    (("keys", "import", "k.pem", "--name"), "--name"): EMPTY,
    (("keys", "rename", "ee664f09fe0a548c", "--name"), "--name"): EMPTY,
    (("arrive", "--date", "2026-11-20", "--session"), "--session"): EMPTY,
    (("arrive", "--session", "2026H1", "--date"), "--date"): DAY,
    (("arrive", "--session", "2026H1", "--date", "2026-11-20", "--file"), "--file"): EMPTY,
    (("deadline", "--date", "2027-03-31", "--reason", "海关延误", "--session"), "--session"): EMPTY,
    (("deadline", "--session", "2026H1", "--reason", "海关延误", "--date"), "--date"): DAY,
    (("handover", "--in-person", "--id", SHOWCASE_ID), "cert_no"): EMPTY,
    (("handover", "C22120000001", "--proxy", "--authorisation"), "--authorisation"): EMPTY,
    (("handover", "C22120000001", "--unit", "海淀公司", "--letter"), "--letter"): EMPTY,
    (("revoke", "--reason", "海关通知"), "cert_no"): EMPTY,
    (("enquiry", "log", "--due"), "--due"): DAY,
    (("enquiry", "answer", "--answer"), "--answer"): EMPTY,
    (("enquiry", "answer", "1", "--due"), "--due"): DAY,
    (("enquiry", "answer", "--answer", "海关"), "id"): POSITIVE,
    (("reissue", "list", "--session"), "--session"): EMPTY,
    (("reissue", "list", "--older-than"), "--older-than"): POSITIVE,
    (("reissue", "approve"), "tracking_no"): EMPTY,
    (("reissue", "return", "--reason", "海关"), "tracking_no"): EMPTY,
    (("reissue", "report", "-o"), "-o/--output"): EMPTY,
    (("reissue", "arrived", "--new-cert-no", "C1"), "tracking_no"): EMPTY,
    (("reissue", "arrived", "BF1", "--new-cert-no"), "--new-cert-no"): EMPTY,
    (("reissue", "arrived", "--file"), "--file"): EMPTY,
    (("reissue", "arrived", "--file", "x.csv", "--date"), "--date"): DAY,
    (("expiring", "--within"), "--within"): POSITIVE,
    (("expiring", "--limit"), "--limit"): POSITIVE,
    (("notice", "add", "海关通知", "--until", "2027-01-01", "--from"), "--from"): DAY,
    (("notice", "add", "海关通知", "--until"), "--until"): DAY,
    (("notice", "withdraw"), "id"): POSITIVE,
}


def _options_with_a_type(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """(command…, option) for every argument of every command that converts its value."""
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _options_with_a_type(sub, (*path, name))
        elif action.type is not None:
            found.add((*path, action.option_strings[-1] if action.option_strings else action.dest))
    return found


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err
    logged = log_file().read_text(encoding="utf-8") if log_file().exists() else ""
    assert "Traceback" not in logged
    assert "unexpected failure" not in logged


def _usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_the_table_covers_every_option_that_takes_a_value() -> None:
    covered = {
        (*(word for word in command if not _is_value(word)), _last_name(argument))
        for command, argument in MALFORMED
    }
    assert _options_with_a_type(build_parser()) == covered
    assert len(MALFORMED) == len(covered)


def _is_value(word: str) -> bool:
    """A word of a table entry that is an option or a value given before the one under test."""
    return word.startswith("-") or any(c in word for c in ".0123456789张海")


def _last_name(argument: str) -> str:
    return argument.rsplit("/", maxsplit=1)[-1]


@pytest.mark.parametrize(
    "case", [(*place, value, code) for place, cases in MALFORMED.items() for value, code in cases], ids=repr
)
def test_each_malformed_option_is_a_usage_error_that_writes_nothing(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[tuple[str, ...], str, str, str],
) -> None:
    command, argument, value, code = case
    before = sha256(demo_db)
    err = _usage_error(capsys, "--db", str(demo_db), *command, value)
    both = " / ".join(render(code, lang, value=value) for lang in ("zh", "en"))
    assert err.strip().endswith(f"error: argument {argument}: {both}")
    _no_traceback(err)
    assert sha256(demo_db) == before
    assert not list(tmp_path.glob("*.bak"))


def test_a_limit_of_one_still_finds(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "lookup", "张伟", "--limit", "1", "--json")
    assert code == 0
    assert json.loads(out)["count"] == 1


def test_an_empty_db_option_never_falls_back_to_the_default(run: Run) -> None:
    code, out, err = run("--db", "", "demo", "seed", "--count", "5")
    assert code == 2
    assert out == ""
    assert err.strip() == render("db.empty_option")
    assert not default_database_path().exists()


def test_an_empty_db_variable_never_falls_back_to_the_default(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUANKAO_DB", " ")
    code, _, err = run("--lang", "en", "lookup", SHOWCASE_ID)
    assert code == 2
    assert err.strip() == render("db.empty_env", "en", variable="RUANKAO_DB")
    assert not default_database_path().exists()


def test_a_folder_as_the_database(tmp_path: Path, run: Run) -> None:
    code, _, err = run("--db", str(tmp_path), "lookup", SHOWCASE_ID)
    assert code == 3
    assert err.strip() == render("db.is_directory", path=str(tmp_path))
    assert sorted(tmp_path.iterdir()) == [tmp_path / "user"]  # the test's own data folders only
    _no_traceback(err)


def test_a_device_as_the_database(run: Run) -> None:
    code, _, err = run("--lang", "en", "--db", "/dev/null", "db", "init")
    assert code == 3
    assert err.strip() == render("db.not_a_file", "en", path="/dev/null")
    _no_traceback(err)


def test_a_missing_postgresql_driver(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(peewee, "psycopg2", None)
    monkeypatch.setattr(peewee, "psycopg", None)
    code, out, _ = run("--db", "postgresql://desk@db.example/centre", "lookup", SHOWCASE_ID, "--json")
    assert code == 3
    payload = json.loads(out)
    assert payload["error"] == "db.driver_missing"
    assert "pip install 'ruankao-desktop[postgres]'" in payload["message"]


def test_a_full_disk_is_exit_3_and_nothing_half_written(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's SQLITE_FULL, from a page limit on every connection: the seed does not fit."""
    target = tmp_path / "small.db"
    assert run("--db", str(target), "db", "init")[0] == 0
    pages = os.path.getsize(target) // 4096
    monkeypatch.setitem(store_database.SQLITE_PRAGMAS, "max_page_count", pages + 2)
    code, out, err = run("--db", str(target), "demo", "seed", "--count", "500")
    assert code == 3
    assert out == ""
    assert err.strip().endswith(render("db.disk_full"))
    _no_traceback(err)
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT COUNT(*) FROM certificate").fetchone() == (0,)
    connection.close()


@needs_private_mounts
@FILE_ONLY
def test_a_backup_onto_a_full_disk_leaves_no_half_copy(demo_db: Path, tmp_path: Path) -> None:
    """A real full disk: a 64 KiB tmpfs, mounted only for this command."""
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = cli_command("--db", str(demo_db), "db", "backup", str(usb / "centre.bak"))
    result = in_private_mounts(f"{tiny_disk(usb, '64k')[0]} && {{ {backup}; echo exit=$?; ls -A {usb}; }}")
    assert result.stdout.splitlines() == ["exit=3"]  # and nothing left on the disk
    assert result.stderr.strip() == render("db.disk_full")
    _no_traceback(result.stderr)


@needs_private_mounts
@sqlite_only("a database file on a read-only medium")
def test_a_read_only_medium_reads_and_refuses_writes(demo_db: Path, tmp_path: Path) -> None:
    medium = tmp_path / "cdrom"
    medium.mkdir()
    before = sha256(demo_db)
    mounted = medium / demo_db.name
    ro = read_only_bind(demo_db.parent, medium)
    check = cli_with_mounts(ro, "--db", str(mounted), "db", "check")
    assert check.returncode == 0, check.stderr
    assert render("cli.db_ok") in check.stdout
    assert cli_with_mounts(ro, "--db", str(mounted), "audit", "verify").returncode == 0
    for argv in (("lookup", SHOWCASE_ID), ("db", "backup", str(tmp_path / "copy.bak"))):
        refused = cli_with_mounts(ro, "--lang", "en", "--db", str(mounted), *argv)
        assert refused.returncode == 3, refused.stderr
        assert refused.stderr.strip() == render("db.read_only", "en")
        _no_traceback(refused.stderr)
    assert sha256(demo_db) == before
    assert not (tmp_path / "copy.bak").exists()


@sqlite_only("a page of the file overwritten, and the backups beside it")
def test_db_check_reports_a_corrupt_page_with_the_backup_to_restore(
    demo_db: Path, tmp_path: Path, run: Run
) -> None:
    backup = tmp_path / "centre.db.v3-20261128T180000.bak"
    shutil.copyfile(demo_db, backup)
    corrupt_table(demo_db, "certificate")
    before = sha256(demo_db)
    code, out, err = run("--db", str(demo_db), "db", "check")
    assert code == 3
    assert render("db.check.integrity", detail="database disk image is malformed") in err
    assert render("cli.db_not_ok") in out
    assert f"  {backup}" in out
    assert render("cli.db_restore_advice", db=str(demo_db), backup=str(backup)) in out
    _no_traceback(err)
    assert sha256(demo_db) == before


@pytest.mark.parametrize("table", ["certificate", "audit_event"])
def test_db_check_reports_a_missing_table_as_json(demo_db: Path, run: Run, table: str) -> None:
    drop_table(demo_db, table)
    code, out, _ = run("--lang", "en", "--db", str(demo_db), "db", "check", "--json")
    payload = json.loads(out)
    assert code == 3
    assert payload["ok"] is False
    assert payload["damaged"] is True
    assert render("db.check.table_missing", "en", table=table) in payload["problems"]
    assert payload["backups"] == []


@sqlite_only("the backups are looked for beside the SQLite file")
def test_db_check_without_a_backup_says_where_it_looked(demo_db: Path, run: Run) -> None:
    drop_table(demo_db, "audit_event")
    code, out, _ = run("--db", str(demo_db), "db", "check")
    assert code == 3
    assert render("cli.db_no_backup", folder=str(demo_db.parent)) in out


def test_db_check_of_a_missing_file_creates_nothing(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "typo.db"
    code, _, err = run("--db", str(target), "db", "check")
    assert code == 3
    assert err.strip() == render("db.check_missing", path=str(target))
    assert not target.exists()


@FILE_ONLY
@pytest.mark.parametrize("damage", ["missing table", "corrupt page"])
def test_db_restore_refuses_a_damaged_backup_and_leaves_the_database_as_it_was(
    demo_db: Path, tmp_path: Path, run: Run, damage: str
) -> None:
    backup = tmp_path / "damaged.bak"
    shutil.copyfile(demo_db, backup)
    if damage == "missing table":
        drop_table(backup, "certificate")
    else:
        corrupt_table(backup, "certificate")
    before = sha256(demo_db)
    code, out, err = run("--lang", "en", "--db", str(demo_db), "db", "restore", str(backup))
    assert code == 3
    assert out == ""
    assert err.startswith(f"The backup {backup} is damaged and was not restored")
    _no_traceback(err)
    assert sha256(demo_db) == before
    assert not list(tmp_path.glob("*.before-restore-*.bak"))


def test_a_reader_that_goes_away_ends_the_command_quietly(demo_db: Path) -> None:
    """`ruankao-desktop lookup 张伟 | head -0`: the pipe is closed before the command writes."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ruankao_desktop", "--db", str(demo_db), "lookup", "张伟"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 141  # 128 + SIGPIPE, as a shell reports it
    assert err == ""
    _no_traceback(err)


def test_head_reads_the_first_line_without_a_traceback(demo_db: Path) -> None:
    command = f"{sys.executable} -m ruankao_desktop --db {demo_db} lookup 张伟 | head -1"
    result = subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0
    assert result.stdout.split()[:2] == ["证书编号", "姓名"]
    assert result.stderr == ""
