"""A search by Enter answers while another desk holds the write lock; the window writes its audit event
once the lock frees (docs/architecture.md "Threads", "The audit trail")."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.messages import render
from ruankao_desktop.core.store.models import AuditEvent
from ruankao_desktop.ui.main_window import MainWindow
from tests.write_lock import write_lock_held

SHOWCASE_ID = "110105199003071239"
WAIT_MS = 5000


def _lookups() -> list[dict[str, object]]:
    events = AuditEvent.select().where(AuditEvent.action == "lookup").order_by(AuditEvent.id)
    return [json.loads(event.details) for event in events]


def test_a_search_during_another_desks_write_shows_its_results_and_is_recorded_later(
    window: MainWindow, qtbot: QtBot, demo_db: Path
) -> None:
    pane = window.lookup_pane
    with write_lock_held(demo_db) as lock:
        with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS) as finished:
            QTest.keyClicks(pane.input, SHOWCASE_ID)
            QTest.keyClick(pane.input, Qt.Key.Key_Return)
        assert finished.args == [pane.model.rowCount()]
        assert pane.model.rowCount() > 0
        window.desk.runner.wait_for_done()  # the pane's own try at the write is over: the lock won
        assert render("db.locked") not in pane.summary.text()
        assert "数据库正忙" not in window.statusBar().currentMessage()
        assert _lookups() == []
        lock.release()
        window.audit_drain.setInterval(50)
        qtbot.waitUntil(lambda: bool(_lookups()), timeout=WAIT_MS)
    window.desk.runner.wait_for_done()
    [details] = _lookups()
    assert details["query"] == "110105********1239"
    assert details["results"] == pane.model.rowCount()
    assert not window.desk.lookup.has_queued()
