"""`print`, `verify` and `keys` from a terminal: files, messages, `--json` fields, exit codes and the audit
events they leave (or, refused, do not)."""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.pdfgen import canvas

from ruankao_desktop.core.config import data_dir
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.pdf.signing import KeyStore, fingerprint
from ruankao_desktop.core.services.verification import payload_in_pdf
from tests.cli.conftest import Run
from tests.engines import query, scalar


def showcase_cert_no(database: Path) -> str:
    """The 证书编号 of the demo's first holder (张伟, 110105199003071239)."""
    return str(query(database, "SELECT cert_no FROM certificate WHERE holder_id = 1 ORDER BY id")[0][0])


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
    assert scalar(demo_db, "SELECT COUNT(*) FROM print_record") == 0


def audit_actions(database: Path) -> list[str]:
    return [str(row[0]) for row in query(database, "SELECT action FROM audit_event ORDER BY id")]


def trusted_files() -> list[str]:
    folder = data_dir() / "keys" / "trusted"
    return sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []


def revoked_cert_no(database: Path) -> tuple[str, str]:
    [row, *_] = query(
        database,
        "SELECT cert_no, revocation_reason FROM certificate WHERE revoked_at IS NOT NULL ORDER BY id",
    )
    return str(row[0]), str(row[1])


def test_a_copy_of_a_revoked_certificate_is_not_valid(demo_db: Path, tmp_path: Path, run: Run) -> None:
    cert_no, reason = revoked_cert_no(demo_db)
    target = tmp_path / "revoked.pdf"
    assert run("--db", str(demo_db), "print", cert_no, "-o", str(target))[0] == 0
    code, out, _ = run("--db", str(demo_db), "verify", str(target), "--json")
    payload = json.loads(out)
    assert code == 3
    assert (payload["verdict"], payload["valid"], payload["revocation_reason"]) == ("revoked", False, reason)
    assert payload["message"] == render("verify.revoked", reason=reason)
    code, out, _ = run("--db", str(demo_db), "verify", str(target))
    assert code == 3 and out.splitlines()[0] == render("verify.revoked", reason=reason)


def test_verify_says_what_it_checked_in_a_pdf(demo_db: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "copy.pdf"
    run("--db", str(demo_db), "print", showcase_cert_no(demo_db), "-o", str(target))
    code, out, _ = run("--db", str(demo_db), "verify", str(target), "--json")
    payload = json.loads(out)
    assert code == 0
    assert (payload["qr_on_page"], payload["metadata"], payload["file_matches_record"]) == (
        True,
        "agrees",
        True,
    )
    assert payload["file_sha256"] == payload["recorded_sha256"]
    assert payload["checks"][1].startswith("这正是本考点于 ")
    code, out, _ = run("--db", str(demo_db), "verify", str(target))
    assert out.splitlines()[1:3] == payload["checks"]


def test_an_unrelated_pdf_with_a_genuine_copys_keywords_is_refused(
    demo_db: Path, tmp_path: Path, run: Run
) -> None:
    target = tmp_path / "copy.pdf"
    run("--db", str(demo_db), "print", showcase_cert_no(demo_db), "-o", str(target))
    fake = tmp_path / "fake.pdf"
    page = canvas.Canvas(str(fake))
    page.setKeywords(payload_in_pdf(target) or "")
    page.drawString(70, 700, "Certificate of excellence")
    page.save()
    code, out, _ = run("--db", str(demo_db), "verify", str(fake), "--json")
    payload = json.loads(out)
    assert code == 3
    assert (payload["verdict"], payload["valid"], payload["qr_on_page"]) == ("altered", False, False)
    assert payload["message"] == render("verify.no_qr")
    code, out, _ = run("--db", str(demo_db), "--lang", "en", "verify", str(fake))
    assert code == 3 and out.strip() == render("verify.no_qr", "en")


def test_keys_import_rename_remove_are_audited_and_listed_with_fingerprints(
    demo_db: Path, tmp_path: Path, run: Run
) -> None:
    other = KeyStore(tmp_path / "other")
    exported = tmp_path / "other.pem"
    key_id = other.export_public(exported)
    code, out, _ = run("--db", str(demo_db), "keys", "import", str(exported), "--name", "海淀考点")
    assert code == 0 and out.strip() == render("keys.imported", key_id=key_id, name="海淀考点")
    code, out, _ = run("--db", str(demo_db), "keys", "rename", key_id, "--name", "海淀区考点")
    assert code == 0 and out.strip() == render("keys.renamed", key_id=key_id, name="海淀区考点")
    code, out, _ = run("--db", str(demo_db), "keys", "list")
    own, listed = out.splitlines()
    assert " 本考点 " in own and "指纹 " in own
    assert listed == render(
        "keys.listed",
        key_id=key_id,
        name="海淀区考点",
        fingerprint=fingerprint(other.signing_key().public_key()),
    )
    code, out, _ = run("--db", str(demo_db), "keys", "remove", key_id)
    assert code == 0 and out.strip() == render("keys.removed", key_id=key_id, name="海淀区考点")
    assert audit_actions(demo_db)[-3:] == ["keys.import", "keys.rename", "keys.remove"]
    assert trusted_files() == []


def test_keys_mistakes_exit_3_with_a_message_and_write_nothing(
    demo_db: Path, tmp_path: Path, run: Run
) -> None:
    other = tmp_path / "other.pem"
    KeyStore(tmp_path / "other").export_public(other)
    own = tmp_path / "own.pem"
    assert run("--db", str(demo_db), "keys", "export", str(own))[0] == 0
    own_id = run("--db", str(demo_db), "keys", "list")[1].split()[0]
    before = audit_actions(demo_db)
    cases = [
        (("keys", "import", str(other), "--name", "本考点"), render("keys.reserved_name", name="本考点")),
        (
            ("keys", "import", str(other), "--name", "this centre"),
            render("keys.reserved_name", name="this centre"),
        ),
        (("keys", "import", str(own), "--name", "海淀考点"), render("keys.own_key", path=str(own))),
        (
            ("keys", "rename", "0123456789abcdef", "--name", "x"),
            render("keys.unknown", key_id="0123456789abcdef"),
        ),
        (("keys", "remove", own_id), render("keys.own_key_fixed", key_id=own_id)),
    ]
    for argv, message in cases:
        code, _, err = run("--db", str(demo_db), *argv)
        assert (code, err.strip()) == (3, message), argv
    code, _, err = run("--db", str(demo_db), "--lang", "en", "keys", "import", str(other), "--name", "本考点")
    assert (code, err.strip()) == (3, render("keys.reserved_name", "en", name="本考点"))
    assert audit_actions(demo_db) == before
    assert trusted_files() == []
