"""The enquiry log on a real seeded database: logged, answered, closed, searched; every detail the desk
can get wrong refused with its message and nothing written; contacts shown masked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.enquiries import Channel, EnquiryService, FollowUp, mask_contact
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Enquiry
from tests.helpers import TEST_ACTOR, TODAY


def _service() -> EnquiryService:
    return EnquiryService(today=lambda: TODAY)


def _log(**changes: object) -> object:
    details: dict[str, object] = {
        "channel": Channel.PHONE,
        "who": "张伟",
        "contact": "138 0013 8000",
        "question": "2026年上半年的证书什么时候能领？",
        "actor": TEST_ACTOR,
    }
    details.update(changes)
    return _service().log(**details)  # type: ignore[arg-type]


def test_an_enquiry_is_logged_answered_and_closed(demo_centre: Centre) -> None:
    certificate = Certificate.select().first()
    logged = _log(cert_no=certificate.cert_no.lower(), due_on=TODAY + timedelta(days=3))
    row = logged.row  # type: ignore[attr-defined]
    assert (row.state, row.cert_no, row.contact_masked) == (FollowUp.OPEN, certificate.cert_no, "138****8000")
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (event.action, event.target) == ("enquiry.log", f"certificate:{certificate.id}")
    assert "13800138000" not in event.details
    answered = _service().answer(row.id, answer="已到达，请本人携带身份证到2号窗口领取", actor=TEST_ACTOR)
    assert answered.row.state is FollowUp.ANSWERED
    closed = _service().answer(row.id, answer="已电话告知", close=True, actor=TEST_ACTOR)
    assert (closed.row.state, closed.row.due_on) == (FollowUp.CLOSED, None)
    with pytest.raises(KnownError) as caught:
        _service().answer(row.id, answer="再改", actor=TEST_ACTOR)
    assert caught.value.message() == f"咨询 {row.id} 已办结，不能再修改。如有新问题，请另行登记。"
    assert [r.id for r in _service().listed(certificate_id=certificate.id)] == [row.id]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"who": " "}, "咨询人姓名：姓名为空"),
        ({"contact": "12345"}, "联系方式无效"),
        ({"contact": "not-an-address@"}, "联系方式无效"),
        ({"question": "  "}, "请填写咨询的问题。"),
        ({"question": "问" * 1001}, "问题最多 1000 个字"),
        ({"cert_no": "C00000000000"}, "没有证书编号为 C00000000000 的证书"),
        ({"due_on": TODAY - timedelta(days=1)}, "已过，请选择今天或以后的日期"),
    ],
)
def test_a_wrong_detail_is_refused_and_nothing_written(
    demo_centre: Centre, changes: dict[str, object], message: str
) -> None:
    before = (Enquiry.select().count(), AuditEvent.select().count())
    with pytest.raises(InvalidInput) as caught:
        _log(**changes)
    assert message in caught.value.message()
    assert caught.value.message("en") != caught.value.message()
    assert (Enquiry.select().count(), AuditEvent.select().count()) == before


def test_the_search_reads_what_is_typed_literally(demo_centre: Centre) -> None:
    first = _log(who="欧阳娜娜", contact="nana@example.com", question="证书编号 100%_对吗")
    _log(who="李四", question="邮寄要多久")
    service = _service()
    assert [r.who for r in service.listed(text="100%_")] == ["欧阳娜娜"]
    assert [r.who for r in service.listed(text="%")] == ["欧阳娜娜"]  # a % is a %, not "anything"
    assert [r.who for r in service.listed(text="8000")] == ["李四"]  # the end of a phone number
    assert [r.who for r in service.listed(text="example.com")] == ["欧阳娜娜"]
    assert service.listed(text="'; DROP TABLE enquiry;--") == []
    assert first.row.contact_masked == "n***@example.com"  # type: ignore[attr-defined]
    assert [r.who for r in service.listed(state=FollowUp.OPEN)] == ["李四", "欧阳娜娜"]


def test_the_search_ignores_the_case_of_latin_letters_on_either_engine(demo_centre: Centre) -> None:
    _log(who="Li Lei", contact="Li.Lei@Example.com", question="Can my employer collect it? PDF ok?")
    service = _service()
    for typed in ("li lei", "LI LEI", "pdf OK", "EXAMPLE.COM"):
        assert [r.who for r in service.listed(text=typed)] == ["Li Lei"], typed
    _log(who="Élodie Ñúñez", question="Заберу сам")
    for typed in ("Élodie", "Ñúñez", "Заберу", "DIE"):
        assert [r.who for r in service.listed(text=typed)] == ["Élodie Ñúñez"], typed  # as written


def test_due_ones_are_those_open_on_or_past_their_day(demo_centre: Centre) -> None:
    _log(who="张三", due_on=TODAY)
    _log(who="李四", due_on=TODAY + timedelta(days=5))
    assert [r.who for r in _service().listed(due_only=True)] == ["张三"]
    later = EnquiryService(today=lambda: TODAY + timedelta(days=6))
    assert {r.who: r.overdue for r in later.listed()} == {"张三": True, "李四": True}
    assert _service().open_count() == 2


def test_contacts_are_masked() -> None:
    assert mask_contact("13800138000") == "138****8000"
    assert mask_contact("010-62345678") != "010-62345678"
    assert mask_contact("zhang.wei@qq.com") == "z***@qq.com"
