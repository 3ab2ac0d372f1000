"""Looking certificates up in a real seeded SQLite file: every identifier, every messy way to type it."""

from __future__ import annotations

import pytest
from playhouse.test_utils import count_queries

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import UsageError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.search_plan import Detected
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Holder, HolderIdentity
from tests.helpers import TEST_ACTOR, TODAY

SHOWCASE_ID = "110105199003071239"


def _service(centre: Centre) -> LookupService:
    return LookupService(centre.settings, today=lambda: TODAY)


def test_exact_id_lookup_masks_the_number_and_takes_one_query(demo_centre: Centre) -> None:
    service = _service(demo_centre)
    with count_queries() as counter:
        results = service.by_id_number(SHOWCASE_ID)
    assert counter.count == 1
    assert results
    assert {r.name for r in results} == {"张伟"}
    assert {r.id_masked for r in results} == {"110105********1239"}


@pytest.mark.parametrize(
    "typed",
    [
        SHOWCASE_ID,
        " 110105 19900307 1239 ",
        "１１０１０５１９９００３０７１２３９",
        "110105900307123",  # the 15-digit card of the same person
    ],
)
def test_the_same_person_is_found_however_the_number_is_typed(demo_centre: Centre, typed: str) -> None:
    result = _service(demo_centre).search(typed)
    assert result.detected is Detected.ID_NUMBER
    assert {hit.summary.name for hit in result.hits} == {"张伟"}
    assert {hit.matched.as_json()["form"] for hit in result.hits} == {"exact"}


def test_a_lowercase_x_is_accepted(demo_centre: Centre) -> None:
    holder = Holder.select().where(Holder.id_number.endswith("X")).first()
    assert holder is not None
    result = _service(demo_centre).search(holder.id_number.lower())
    assert result.hits and result.hits[0].summary.id_masked.endswith(holder.id_number[-4:])


def test_certificate_and_management_numbers_are_recognised(demo_centre: Centre) -> None:
    certificate = Certificate.get_by_id(2)
    service = _service(demo_centre)
    by_cert = service.search(certificate.cert_no.lower())
    assert by_cert.detected is Detected.CERT_NO
    assert [hit.summary.cert_no for hit in by_cert.hits] == [certificate.cert_no]
    by_management = service.search(certificate.management_no)
    assert by_management.detected is Detected.MANAGEMENT_NO
    assert [hit.summary.cert_no for hit in by_management.hits] == [certificate.cert_no]


def test_names_and_pinyin_find_every_holder_of_that_name(demo_centre: Centre) -> None:
    service = _service(demo_centre)
    holders = Holder.select().where(Holder.name == "张伟").count()
    by_name = service.search("张 伟", limit=500)
    assert by_name.detected is Detected.NAME
    assert by_name.hits
    assert {hit.summary.name for hit in by_name.hits} >= {"张伟"}
    exact = [hit for hit in by_name.hits if hit.matched.form == "exact"]
    assert {hit.summary.name for hit in exact} == {"张伟"}
    assert by_name.hits[: len(exact)] == tuple(exact)  # the exact name first
    by_pinyin = service.search("Zhang Wei", limit=500)
    assert by_pinyin.detected is Detected.PINYIN
    assert {hit.summary.name for hit in by_pinyin.hits} >= {"张伟"}
    assert holders >= 1


def test_former_names_and_former_id_numbers_still_find_the_holder(demo_centre: Centre) -> None:
    service = _service(demo_centre)
    former_name = HolderIdentity.select().where(HolderIdentity.kind == "name").first()
    former_id = HolderIdentity.select().where(HolderIdentity.kind == "id_number").first()
    assert former_name is not None and former_id is not None
    by_name = service.search(former_name.value, limit=500)
    found = {hit.summary.name: hit.matched for hit in by_name.hits}
    assert found[former_name.holder.name].field == "former_name"
    by_id = service.search(former_id.value)
    assert by_id.hits
    assert {hit.summary.name for hit in by_id.hits} == {former_id.holder.name}
    assert {hit.matched.field for hit in by_id.hits} == {"former_id_number"}


def test_an_unknown_certificate_number_finds_nothing(demo_centre: Centre) -> None:
    result = _service(demo_centre).search("C99990009999")
    assert result.detected is Detected.CERT_NO
    assert result.hits == ()
    assert result.total == 0


def test_a_superseded_certificate_points_to_its_successor(demo_centre: Centre) -> None:
    successor = Certificate.select().where(Certificate.supersedes.is_null(False)).first()
    assert successor is not None
    [old] = _service(demo_centre).by_cert_no(successor.supersedes.cert_no)
    assert old.state is CertificateState.SUPERSEDED
    assert old.superseded_by == successor.cert_no


def test_the_demo_data_holds_certificates_in_every_state(demo_centre: Centre) -> None:
    service = _service(demo_centre)
    states = {
        summary.state
        for certificate in Certificate.select(Certificate.cert_no)
        for summary in service.by_cert_no(certificate.cert_no)
    }
    assert states == set(CertificateState)


def test_a_name_search_is_cut_at_the_limit_and_says_so(demo_centre: Centre) -> None:
    name, count = demo_centre.opened.database.execute_sql(
        "SELECT name, COUNT(*) FROM holder GROUP BY name ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    assert count >= 3
    result = _service(demo_centre).search(name, limit=2)
    assert len(result.hits) == 2
    assert result.truncated
    assert result.total >= count
    assert not _service(demo_centre).search(name, limit=1000).truncated


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("11010519900307123X", "id.bad_check", {"expected": "9", "actual": "X"}),
        ("11010519900307123", "id.wrong_length", {"length": 17}),
        ("1.10105E+17", "id.scientific", {"value": "1.10105E+17"}),
        ("110105199002301236", "id.bad_birth_date", {"digits": "19900230"}),
    ],
)
def test_broken_id_numbers_get_their_own_message_and_leave_no_trace(
    demo_centre: Centre, typed: str, code: str, params: dict[str, object]
) -> None:
    events = AuditEvent.select().count()
    result = _service(demo_centre).search(typed, actor=TEST_ACTOR)
    assert result.problem is not None
    assert result.problem.code == code
    assert result.problem.message() == render(code, "zh", **params)
    assert result.hints[0].message() == render("guide.input", problem=result.problem.message())
    assert result.hits == ()
    assert AuditEvent.select().count() == events


@pytest.mark.parametrize("typed", ["", "   ", "\u3000"])
def test_an_empty_query_is_a_usage_error(demo_centre: Centre, typed: str) -> None:
    with pytest.raises(UsageError) as caught:
        _service(demo_centre).search(typed)
    assert caught.value.message() == "查询内容为空：请输入身份证号、证书编号、管理号或姓名。"


def test_a_recorded_lookup_keeps_only_the_masked_query(demo_centre: Centre) -> None:
    service = _service(demo_centre)
    service.search(SHOWCASE_ID, actor=TEST_ACTOR)
    service.write_queued(TEST_ACTOR)
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert event.action == "lookup"
    assert SHOWCASE_ID not in event.details
    assert "110105********1239" in event.details
