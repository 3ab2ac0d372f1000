"""`handover CERT_NO --in-person --id ID` and `revoke CERT_NO --reason TEXT` on either engine: recorded
once (text and JSON), the holder's current or former number accepted, and every refusal with its reason,
exit 3 and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.validity import ValidityService
from ruankao_desktop.core.store.models import Certificate, Holder, HolderIdentity
from tests.cli.conftest import Run
from tests.engines import Target, scalar
from tests.helpers import TODAY
from tests.scans import not_a_scan, pdf_scan, png_scan

HANDOVERS = "SELECT COUNT(*) FROM distribution WHERE event = 'handover'"


def _in_state(target: Target, state: CertificateState) -> tuple[str, str]:
    """A certificate's number and its holder's ID number, of a certificate in `state`."""
    centre = open_centre(str(target))
    try:
        ids = LookupService(centre.settings, today=lambda: TODAY).search_ids(Criteria(state=state)).ids
        certificate = Certificate.get_by_id(ids[0])
        return certificate.cert_no, certificate.holder.id_number
    finally:
        centre.close()


def test_a_pickup_in_person_is_recorded_once(run: Run, demo_db: Target) -> None:
    cert_no, id_number = _in_state(demo_db, CertificateState.AWAITING_PICKUP)
    before = scalar(demo_db, HANDOVERS)
    code, out, _ = run(
        "--db", str(demo_db), "handover", cert_no.lower(), "--in-person", "--id", id_number.lower()
    )
    assert code == 0 and out.startswith(f"已登记：证书 {cert_no}，本人领取，")
    assert scalar(demo_db, HANDOVERS) == before + 1
    code, out, _ = run(
        "--db", str(demo_db), "--lang", "en", "handover", cert_no, "--in-person", "--id", id_number, "--json"
    )
    refused = json.loads(out)
    assert code == 3 and refused["error"] == "handover.already_recorded"
    assert cert_no in refused["message"]
    assert scalar(demo_db, HANDOVERS) == before + 1


def test_a_former_id_number_is_accepted(run: Run, demo_db: Target) -> None:
    cert_no, _ = _in_state(demo_db, CertificateState.AWAITING_PICKUP)
    centre = open_centre(str(demo_db))
    try:
        certificate = Certificate.get(Certificate.cert_no == cert_no)
        former = HolderIdentity.select().where(HolderIdentity.kind == "id_number").first()
        assert former is not None
        HolderIdentity.update(holder=certificate.holder_id).where(HolderIdentity.id == former.id).execute()
    finally:
        centre.close()
    code, out, _ = run(
        "--db", str(demo_db), "handover", cert_no, "--in-person", "--id", former.value, "--json"
    )
    assert code == 0 and json.loads(out)["method"] == "self"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong card", "出示的证件号码与持证人登记的号码不一致"),
        ("not arrived", "不能登记领取"),
        ("no such certificate", "没有证书编号为 C00000000000 的证书"),
        ("bad number", "身份证"),
    ],
)
def test_a_refused_handover_says_why_and_writes_nothing(
    run: Run, demo_db: Target, case: str, message: str
) -> None:
    cert_no, id_number = _in_state(demo_db, CertificateState.AWAITING_PICKUP)
    other_cert, _ = _in_state(demo_db, CertificateState.NOT_ARRIVED)
    _, someone_else = _in_state(demo_db, CertificateState.COLLECTED)
    arguments = {
        "wrong card": (cert_no, someone_else),
        "not arrived": (other_cert, id_number),
        "no such certificate": ("C00000000000", id_number),
        "bad number": (cert_no, "11010519491231002"),
    }[case]
    before = scalar(demo_db, HANDOVERS)
    code, out, err = run("--db", str(demo_db), "handover", arguments[0], "--in-person", "--id", arguments[1])
    assert (code, out) == (3, "")
    assert message in err and "Traceback" not in err
    assert scalar(demo_db, HANDOVERS) == before


def test_the_card_s_number_is_needed(run: Run, demo_db: Target) -> None:
    cert_no, _ = _in_state(demo_db, CertificateState.AWAITING_PICKUP)
    code, _, err = run("--db", str(demo_db), "handover", cert_no, "--in-person")
    assert code == 2 and "--id" in err


def _someone_else(target: Target, id_number: str) -> str:
    centre = open_centre(str(target))
    try:
        other: Holder = Holder.select().where(Holder.id_number != id_number).first()
        return other.id_number
    finally:
        centre.close()


def test_each_kind_of_handover_on_the_command_line(run: Run, demo_db: Target, tmp_path: Path) -> None:
    authorisation, letter = tmp_path / "委托书.pdf", tmp_path / "letter.png"
    authorisation.write_bytes(pdf_scan().data)
    letter.write_bytes(png_scan().data)
    kinds = {
        "proxy": [
            "--proxy", "--proxy-name", "李四", "--proxy-id", "", "--authorisation", str(authorisation),
            "--id-copy-seen",
        ],
        "unit": ["--unit", "北京某某科技有限公司", "--contact", "王五", "--letter", str(letter)],
        "mail": [
            "--mail", "--address", "北京市海淀区中关村大街27号", "--phone", "13800138000",
            "--courier", "顺丰速运", "--tracking", "SF1234567890",
        ],
    }  # fmt: skip
    centre = open_centre(str(demo_db))
    try:
        criteria = Criteria(state=CertificateState.AWAITING_PICKUP)
        ids = LookupService(centre.settings, today=lambda: TODAY).search_ids(criteria).ids[:3]
        waiting = [Certificate.get_by_id(i) for i in ids]
        numbers = [(c.cert_no, c.holder.id_number) for c in waiting]
    finally:
        centre.close()
    for (cert_no, holder_id), (method, options) in zip(numbers, kinds.items(), strict=True):
        if method == "proxy":
            options[options.index("--proxy-id") + 1] = _someone_else(demo_db, holder_id)
        before = scalar(demo_db, HANDOVERS)
        code, out, err = run("--db", str(demo_db), "handover", cert_no, *options, "--json")
        assert code == 0, err
        recorded = json.loads(out)
        assert (recorded["cert_no"], recorded["method"], recorded["undone"]) == (cert_no, method, False)
        assert scalar(demo_db, HANDOVERS) == before + 1
    code, out, _ = run("--db", str(demo_db), "lookup", numbers[2][0], "--json")
    assert json.loads(out)["results"][0]["state"] == "mailed"
    code, _, err = run("--db", str(demo_db), "handover", numbers[2][0], "--undo")
    assert code == 3 and "撤销领取登记需要填写原因" in err
    code, out, _ = run("--db", str(demo_db), "handover", numbers[2][0], "--undo", "--reason", "单号登记错了")
    assert code == 0 and out.startswith(f"已撤销证书 {numbers[2][0]} 的领取登记（邮寄）")
    code, out, _ = run("--db", str(demo_db), "lookup", numbers[2][0], "--json")
    assert json.loads(out)["results"][0]["state"] == "awaiting_pickup"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("not a scan", "不是完整的 PDF、JPG 或 PNG 文件"),
        ("50 MB", "有 50.0 MB，超过 10 MB 的上限"),
        ("missing file", "无法读取文件"),
        ("no authorisation", "他人代领需要持证人签字的委托书"),
        ("invalid proxy id", "代领人证件号码：证件号码校验位不对"),
        ("forbidden", "本考点不允许他人代领或单位代领"),
    ],
)
def test_a_refused_proxy_says_why_and_writes_nothing(
    run: Run, demo_db: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, case: str, message: str
) -> None:
    cert_no, holder_id = _in_state(demo_db, CertificateState.AWAITING_PICKUP)
    scan = tmp_path / "委托书.pdf"
    scan.write_bytes(not_a_scan().data if case == "not a scan" else pdf_scan().data)
    if case == "50 MB":
        with scan.open("wb") as big:
            big.write(b"%PDF-1.7\n")
            big.truncate(50_000_000)
    proxy_id = "110101199003071234" if case == "invalid proxy id" else _someone_else(demo_db, holder_id)
    options = ["--proxy", "--proxy-name", "李四", "--proxy-id", proxy_id, "--id-copy-seen"]
    if case != "no authorisation":
        options += ["--authorisation", str(tmp_path / "absent.pdf" if case == "missing file" else scan)]
    config = tmp_path / "config.toml"
    config.write_text("[handover]\nproxies = false\n" if case == "forbidden" else "", encoding="utf-8")
    monkeypatch.setenv("RUANKAO_CONFIG", str(config))
    before = scalar(demo_db, HANDOVERS), scalar(demo_db, "SELECT COUNT(*) FROM handover_attachment")
    code, out, err = run("--db", str(demo_db), "handover", cert_no, *options)
    assert (code, out) == (3, "")
    assert message in err and "Traceback" not in err
    assert proxy_id not in err
    assert (scalar(demo_db, HANDOVERS), scalar(demo_db, "SELECT COUNT(*) FROM handover_attachment")) == before


def test_revoke_on_the_command_line(run: Run, demo_db: Target) -> None:
    cert_no, _ = _in_state(demo_db, CertificateState.COLLECTED)
    code, _, err = run("--db", str(demo_db), "revoke", cert_no, "--reason", " ")
    assert code == 3 and "需要填写原因" in err
    assert (
        scalar(
            demo_db,
            "SELECT COUNT(*) FROM certificate WHERE revoked_at IS NOT NULL AND cert_no = ?",
            (cert_no,),
        )
        == 0
    )
    code, out, _ = run("--db", str(demo_db), "revoke", cert_no.lower(), "--reason", "考试机构通知", "--json")
    assert code == 0 and json.loads(out) == {"cert_no": cert_no, "state": "revoked"}
    code, out, _ = run("--db", str(demo_db), "lookup", cert_no, "--json")
    assert json.loads(out)["results"][0]["state"] == "revoked"
    code, _, err = run("--db", str(demo_db), "revoke", cert_no, "--reason", "再次撤销")
    assert code == 3 and "考试机构通知" in err
    code, _, err = run("--db", str(demo_db), "revoke", "C00000000000", "--reason", "考试机构通知")
    assert code == 3 and "没有证书编号为 C00000000000 的证书" in err


@pytest.mark.parametrize("within", [1, 400])
def test_expiring_lists_what_the_service_finds(run: Run, demo_db: Target, within: int) -> None:
    centre = open_centre(str(demo_db))
    try:
        expected = [e.summary.cert_no for e in ValidityService(centre.settings).expiring(within)]
    finally:
        centre.close()
    code, out, _ = run("--db", str(demo_db), "expiring", "--within", str(within), "--json")
    listed = json.loads(out)
    assert code == (0 if expected else 4)
    assert (listed["within"], listed["count"]) == (within, len(expected))
    assert [r["cert_no"] for r in listed["results"]] == expected
    assert all(r["days_left"] < within for r in listed["results"])
    code, out, _ = run("--db", str(demo_db), "expiring", "--within", str(within))
    assert code == (0 if expected else 4)
    assert ("剩余天数" in out) if expected else (out.strip() == f"今后 {within} 天内没有到期的证书。")


def test_the_overview_on_the_command_line(run: Run, demo_db: Target) -> None:
    code, out, _ = run("--db", str(demo_db), "overview", "--json")
    overview = json.loads(out)
    assert code == 0 and overview["total"] == scalar(demo_db, "SELECT COUNT(*) FROM certificate")
    assert sum(overview["states"].values()) == overview["total"]
    assert sum(session["total"] for session in overview["sessions"]) == overview["total"]
    assert overview["overdue"] == overview["states"]["overdue"]
    code, out, _ = run("--db", str(demo_db), "overview")
    assert code == 0 and f"共 {overview['total']:,} 张证书" in out and "考试批次" in out
