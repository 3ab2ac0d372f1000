"""`handover CERT_NO --in-person --id ID` and `revoke CERT_NO --reason TEXT` on either engine: recorded
once (text and JSON), the holder's current or former number accepted, and every refusal with its reason,
exit 3 and nothing written."""

from __future__ import annotations

import json

import pytest

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.validity import ValidityService
from ruankao_desktop.core.store.models import Certificate, HolderIdentity
from tests.cli.conftest import Run
from tests.engines import Target, scalar
from tests.helpers import TODAY

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
    assert code == 0 and out.startswith(f"已登记：证书 {cert_no} 由本人领取，")
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
