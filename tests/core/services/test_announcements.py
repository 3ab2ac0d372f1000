"""Announcements for the desks and the kiosk, on either engine: shown on the days they cover to the
audience they are for, withdrawn on request, every change audited; a refused one writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.services.announcements import AnnouncementService, Audience
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.models import Announcement, AuditEvent
from tests.helpers import TEST_ACTOR, TODAY

ARRIVED = "2026年上半年证书已到达，请携带身份证原件到2号窗口领取"


def _service(today: date = TODAY) -> AnnouncementService:
    return AnnouncementService(today=lambda: today)


def test_an_announcement_is_shown_on_its_days_to_its_audience(empty_centre: Centre) -> None:
    service = _service()
    posted = service.add(f"  {ARRIVED}  ", Audience.BOTH, TODAY, TODAY + timedelta(days=30), TEST_ACTOR)
    desk_only = service.add("2号窗口今日午休 12:00–13:00", Audience.DESK, TODAY, TODAY, TEST_ACTOR)
    later = service.add(
        "下周一起领取地点改到3号窗口",
        Audience.KIOSK,
        TODAY + timedelta(days=7),
        TODAY + timedelta(days=9),
        TEST_ACTOR,
    )
    assert posted.shown.text == ARRIVED
    assert [s.id for s in service.current(Audience.DESK)] == [desk_only.shown.id, posted.shown.id]
    assert [s.id for s in service.current(Audience.KIOSK)] == [posted.shown.id]
    next_week = _service(TODAY + timedelta(days=8))
    assert [s.id for s in next_week.current(Audience.KIOSK)] == [later.shown.id, posted.shown.id]
    assert [s.id for s in _service(TODAY + timedelta(days=31)).current(Audience.DESK)] == []
    events = [e.action for e in AuditEvent.select().where(AuditEvent.action.startswith("announcement."))]
    assert events == ["announcement.add"] * 3


def test_a_withdrawn_announcement_is_no_longer_shown(empty_centre: Centre) -> None:
    service = _service()
    posted = service.add(ARRIVED, Audience.BOTH, TODAY, TODAY + timedelta(days=3), TEST_ACTOR)
    service.withdraw(posted.shown.id, TEST_ACTOR)
    assert service.current(Audience.DESK) == []
    assert [s.withdrawn for s in service.listed(everything=True)] == [True]
    assert service.listed() == []
    with pytest.raises(KnownError) as refused:
        service.withdraw(posted.shown.id, TEST_ACTOR)
    assert refused.value.message() == f"通知 {posted.shown.id} 已经撤下。"
    with pytest.raises(KnownError) as refused:
        service.withdraw(9999, TEST_ACTOR)
    assert refused.value.message() == "没有编号为 9999 的通知。"
    assert AuditEvent.select().where(AuditEvent.action == "announcement.withdraw").count() == 1


@pytest.mark.parametrize(
    ("text", "starts", "ends", "message"),
    [
        ("  ", 0, 1, "通知内容不能为空。"),
        ("通" * 201, 0, 1, "通知最多 200 个字（现在 201 个）"),
        (ARRIVED, 3, 1, "早于开始日期"),
        (ARRIVED, -5, -1, "已经过去"),
        (ARRIVED, 0, 400, "最多显示 366 天"),
    ],
    ids=["empty", "too long", "ends before it starts", "in the past", "a year and more"],
)
def test_a_refused_announcement_writes_nothing(
    empty_centre: Centre, text: str, starts: int, ends: int, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _service().add(
            text, Audience.DESK, TODAY + timedelta(days=starts), TODAY + timedelta(days=ends), TEST_ACTOR
        )
    assert message in refused.value.message()
    assert refused.value.message("en")
    assert Announcement.select().count() == 0
    assert AuditEvent.select().where(AuditEvent.action.startswith("announcement.")).count() == 0


def test_an_id_number_in_an_announcement_is_masked(empty_centre: Centre) -> None:
    posted = _service().add(
        "请 110105199003071239 的持证人到2号窗口", Audience.KIOSK, TODAY, TODAY, TEST_ACTOR
    )
    assert posted.shown.text == "请 110105********1239 的持证人到2号窗口"
    assert [s.text for s in _service().current(Audience.KIOSK)] == [posted.shown.text]
