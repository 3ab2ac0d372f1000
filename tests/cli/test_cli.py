"""The command line as a user or a script meets it: output, JSON fields, messages and exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ruankao_desktop.cli import main
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.store.migrations import LATEST_VERSION
from tests.cli.conftest import Run
from tests.engines import ON_POSTGRES, scalar

SHOWCASE_ID = "110105199003071239"
JSON_FIELDS = {
    "cert_no",
    "management_no",
    "name",
    "id_masked",
    "qualification",
    "level",
    "session",
    "state",
    "state_text",
    "valid_until",
    "issuer",
}


def _audit_count(path: Path) -> int:
    return int(scalar(path, "SELECT COUNT(*) FROM audit_event"))


def test_lookup_by_id_prints_a_masked_table(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "lookup", SHOWCASE_ID)
    assert code == 0
    assert "张伟" in out
    assert "110105********1239" in out
    assert SHOWCASE_ID not in out
    assert out.splitlines()[0].split()[:3] == ["证书编号", "姓名", "证件号码"]


def test_lookup_json_has_the_documented_fields(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "lookup", "张伟", "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["detected"] == "name"
    assert payload["count"] == len(payload["results"]) > 0
    assert all(set(result) == JSON_FIELDS | {"matched"} for result in payload["results"])
    assert SHOWCASE_ID not in out


def test_english_output(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "--lang", "en", "lookup", SHOWCASE_ID)
    assert code == 0
    assert out.splitlines()[0].startswith("Cert. no.")


def test_nothing_found_exits_4(demo_db: Path, run: Run) -> None:
    code, out, err = run("--db", str(demo_db), "lookup", "C99990009999")
    assert code == 4
    assert out == ""
    assert err.strip() == render("lookup.none", kind="证书编号")


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("11010519900307123X", "id.bad_check", {"expected": "9", "actual": "X"}),
        ("11010519900307123", "id.wrong_length", {"length": 17}),
        ("1.10105E+17", "id.scientific", {"value": "1.10105E+17"}),
        ("110105199002301236", "id.bad_birth_date", {"digits": "19900230"}),
        ("1101O5199003071239", "id.bad_character", {"position": 5, "char": "O"}),
        ("991105199003071233", "id.unknown_province", {"code": "99"}),
    ],
)
def test_invalid_id_numbers_exit_3_with_the_domain_message_and_write_nothing(
    demo_db: Path, run: Run, typed: str, code: str, params: dict[str, object]
) -> None:
    events = _audit_count(demo_db)
    exit_code, out, err = run("--db", str(demo_db), "lookup", typed)
    assert exit_code == 3
    assert out == ""
    assert err.strip() == render(code, "zh", **params)
    assert _audit_count(demo_db) == events


def test_full_width_digits_are_accepted(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "lookup", "１１０１０５１９９００３０７１２３９")
    assert code == 0
    assert "张伟" in out


def test_an_empty_query_is_a_usage_error(demo_db: Path, run: Run) -> None:
    events = _audit_count(demo_db)
    code, _, err = run("--db", str(demo_db), "lookup", "  ")
    assert code == 2
    assert err.strip() == render("lookup.empty")
    assert _audit_count(demo_db) == events


def test_errors_come_as_json_when_json_was_asked(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "lookup", "11010519900307123", "--json")
    assert code == 3
    assert json.loads(out) == {"error": "id.wrong_length", "message": render("id.wrong_length", length=17)}


def test_a_database_in_a_missing_folder(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "nowhere" / "centre.db"
    code, _, err = run("--db", str(target), "lookup", SHOWCASE_ID)
    assert code == 3
    assert err.strip() == render("db.folder_missing", folder=str(target.parent))
    assert not target.parent.exists()


def test_a_file_that_is_not_a_database(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "photo.db"
    target.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2000))
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    code, _, err = run("--db", str(target), "db", "check")
    assert code == 3
    assert err.strip() == render("db.not_a_database", path=str(target))
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_the_environment_variable_chooses_the_database(
    demo_db: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = str(demo_db) if ON_POSTGRES else f"sqlite:///{demo_db}"
    monkeypatch.setenv("RUANKAO_DB", url)
    code, out, _ = run("lookup", SHOWCASE_ID)
    assert code == 0
    assert "张伟" in out


def test_db_init_check_backup_restore(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "centre.db"
    assert run("--db", str(target), "db", "init")[0] == 0
    code, out, _ = run("--db", str(target), "db", "check", "--json")
    assert code == 0
    assert json.loads(out)["schema_version"] == LATEST_VERSION
    assert json.loads(out)["ok"] is True
    backup = tmp_path / "backup.db"
    assert run("--db", str(target), "db", "backup", str(backup))[0] == 0
    code, _, err = run("--db", str(target), "db", "backup", str(backup))
    assert code == 3
    assert err.strip() == render("db.backup_exists", path=str(backup))
    code, out, _ = run("--db", str(target), "db", "restore", str(backup))
    assert code == 0
    assert "已从" in out
    assert run("--db", str(target), "audit", "verify")[0] == 0


def test_demo_seed_then_lookup(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "demo.db"
    code, out, _ = run("--db", str(target), "demo", "seed", "--count", "200", "--seed", "3")
    assert code == 0
    assert "200 张证书" in out
    code, _, err = run("--db", str(target), "demo", "seed", "--count", "200")
    assert code == 3
    assert err.strip() == render("demo.not_empty", count=200)


def test_unknown_command_is_a_usage_error(run: Run) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def test_the_installed_entry_point_runs(demo_db: Path) -> None:
    """`python -m ruankao_desktop` in a fresh process, as scripts call it."""
    result = subprocess.run(
        [sys.executable, "-m", "ruankao_desktop", "--db", str(demo_db), "lookup", SHOWCASE_ID, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["name"] == "张伟"


def test_starting_the_gui_without_a_screen_says_what_to_do(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    code, _, err = run("--demo")
    assert code == 3
    assert err.strip() == render("gui.no_display")
    assert not (Path(os.environ["RUANKAO_DATA_DIR"]) / "demo.db").exists()
