"""The overview driven as a clerk would: its figures as the core counts them, and each number opening
the list behind it — a state in the lookup's results, a session's part of the chart, the expiring
certificates, the reissue queue at a step, the enquiry log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.reissue import ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.overview import EXPIRING_DAYS
from ruankao_desktop.ui.dialogs.overview_dialog import OverviewDialog
from ruankao_desktop.ui.main_window import MainWindow
from tests.ui.test_desk_flow import WAIT_MS


def _opened(qtbot: QtBot, window: MainWindow) -> OverviewDialog:
    window.overview_action.trigger()
    dialog = window.overview_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.overview is not None, timeout=WAIT_MS)
    return dialog


def test_every_figure_opens_its_list(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _opened(qtbot, window)
    overview = dialog.overview
    assert overview is not None
    waiting = overview.states[CertificateState.AWAITING_PICKUP]
    assert dialog.state_buttons[CertificateState.AWAITING_PICKUP].text() == f"待领取 {waiting:,}"
    assert dialog.overdue_button.text() == f"逾期未领\n{overview.overdue:,}"
    pane = window.lookup_pane

    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS) as found:
        dialog.state_buttons[CertificateState.AWAITING_PICKUP].click()
    assert found.args[0] == waiting

    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS) as found:
        dialog.overdue_button.click()
    assert found.args[0] == overview.overdue

    session = overview.sessions[0]
    state = next(s for s, count in session.counts.items() if count)
    part = dialog.chart.part_of(state, session.session_id)
    assert part is not None
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS) as found:
        QTest.mouseClick(dialog.chart, Qt.MouseButton.LeftButton, pos=part.center().toPoint())
    assert found.args[0] == session.counts[state]

    dialog.expiring_button.click()  # the list with the days left, to renew from
    expiring = window.expiring_dialog
    assert expiring is not None
    qtbot.addWidget(expiring)
    qtbot.waitUntil(lambda: expiring.summary.text() != "", timeout=WAIT_MS)
    assert expiring.within.value() == EXPIRING_DAYS
    assert expiring.table.rowCount() == overview.expiring
    assert expiring.summary.text() == f"{EXPIRING_DAYS} 天内到期 {overview.expiring:,} 张"

    dialog.reissue_buttons[ReissueStatus.APPROVED].click()
    queue = window.reissue_queue
    qtbot.addWidget(queue)
    assert queue.status_filter.currentData() == ReissueStatus.APPROVED.value
    dialog.enquiries_button.click()
    qtbot.addWidget(window.enquiries_dialog)
    assert window.enquiries_dialog.isVisible()
