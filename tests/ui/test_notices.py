"""The centre's announcements above the search field: the desks' current ones, read off the GUI thread,
shown one a line; none shown, no banner; a kiosk-only one is not the desks'."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from ruankao_desktop.core.services.announcements import AnnouncementService, Audience
from ruankao_desktop.ui.main_window import MainWindow
from tests.helpers import TEST_ACTOR, TODAY

ARRIVED = "2026年上半年证书已到达，请携带身份证原件到2号窗口领取"
LUNCH = "2号窗口 12:00–13:00 午休，请到1号窗口办理"


def test_the_desks_announcements_are_shown_above_the_search(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    window.desk.runner.wait_for_done()
    assert not pane.notices.isVisible()
    service = AnnouncementService(today=lambda: TODAY)
    service.add(ARRIVED, Audience.BOTH, TODAY, TODAY + timedelta(days=30), TEST_ACTOR)
    service.add(LUNCH, Audience.DESK, TODAY, TODAY, TEST_ACTOR)
    service.add("自助机今日维护", Audience.KIOSK, TODAY, TODAY, TEST_ACTOR)
    pane.load_notices()
    qtbot.waitUntil(pane.notices.isVisible, timeout=5000)
    assert pane.notices.text().splitlines() == [LUNCH, ARRIVED]
    for notice in service.current(Audience.DESK):
        service.withdraw(notice.id, TEST_ACTOR)
    pane.load_notices()
    qtbot.waitUntil(lambda: not pane.notices.isVisible(), timeout=5000)
