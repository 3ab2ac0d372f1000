"""`print`, `verify` and `keys` from a terminal: files, messages and exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.verification import payload_in_pdf
from tests.cli.conftest import Run


def showcase_cert_no(database: Path) -> str:
    """The 证书编号 of the demo's first holder (张伟, 110105199003071239)."""
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT cert_no FROM certificate WHERE holder_id = 1 ORDER BY id").fetchone()
    connection.close()
    return str(row[0])


def test_print_then_verify_the_pdf_and_the_code(demo_db: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "copy.pdf"
    cert_no = showcase_cert_no(demo_db)
    code, out, _ = run("--db", str(demo_db), "print", cert_no, "-o", str(target))
    assert code == 0
    assert "已生成核验件" in out and str(target) in out
    code, out, _ = run("--db", str(demo_db), "verify", str(target), "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["verdict"] == "valid"
    assert payload["cert_no"] == cert_no
    assert payload["name"] == "张伟"
    assert payload["id_masked"] == "110105********1239"
    keywords = payload_in_pdf(target) or ""
    tampered = keywords[:40] + ("Q" if keywords[40] != "Q" else "R") + keywords[41:]
    code, out, _ = run("--db", str(demo_db), "verify", tampered)
    assert code == 3
    assert out.splitlines()[0] == render("verify.tampered")


def test_an_unknown_certificate_number_prints_nothing(demo_db: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "copy.pdf"
    code, _, err = run("--db", str(demo_db), "print", "C99990009999", "-o", str(target))
    assert code == 3
    assert err.strip() == render("print.no_certificate", cert_no="C99990009999")
    assert not target.exists()


def test_a_batch_by_session_and_state(demo_db: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "batch.zip"
    code, out, _ = run(
        "--db",
        str(demo_db),
        "print",
        "--session",
        "2025H2",
        "--state",
        "awaiting_pickup",
        "-o",
        str(target),
    )
    assert code == 0
    assert target.is_file()
    assert "份核验件" in out


def test_verifying_text_that_is_not_a_copy(demo_db: Path, run: Run) -> None:
    code, out, _ = run("--db", str(demo_db), "verify", "hello")
    assert code == 3
    assert out.strip() == render("verify.not_payload")


def test_keys_export_import_list(demo_db: Path, tmp_path: Path, run: Run) -> None:
    exported = tmp_path / "centre.pem"
    code, out, _ = run("--db", str(demo_db), "keys", "export", str(exported))
    assert code == 0 and exported.is_file()
    code, _, err = run("--db", str(demo_db), "keys", "export", str(exported))
    assert code == 3
    assert err.strip() == render("keys.target_exists", path=str(exported))
    junk = tmp_path / "junk.pem"
    junk.write_text("junk")
    code, _, err = run("--db", str(demo_db), "keys", "import", str(junk), "--name", "x")
    assert code == 3
    assert err.strip() == render("keys.bad_file", path=str(junk))
    code, out, _ = run("--db", str(demo_db), "keys", "list")
    assert code == 0 and "本考点" in out


def test_an_existing_target_is_refused_before_anything_is_recorded(
    demo_db: Path, tmp_path: Path, run: Run
) -> None:
    target = tmp_path / "taken.pdf"
    target.write_text("keep")
    code, _, err = run("--db", str(demo_db), "print", showcase_cert_no(demo_db), "-o", str(target))
    assert code == 3
    assert err.strip() == render("print.target_exists", path=str(target))
    assert target.read_text() == "keep"
    with sqlite3.connect(demo_db) as connection:
        records = connection.execute("SELECT COUNT(*) FROM print_record").fetchone()[0]
    connection.close()
    assert records == 0
