"""Exports from the desk window: the current results and a pickup list, ID numbers masked, audited."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import AuditEvent
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.models.results_model import PLACEHOLDER

WAIT_MS = 15_000


def test_the_current_results_go_to_a_csv_excel_can_open(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    pane = window.lookup_pane
    pane.input.setText("张伟")
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        pane.search_now()
    qtbot.waitUntil(lambda: pane.model.index(0, 0).data() != PLACEHOLDER, timeout=WAIT_MS)
    window.export_action.trigger()
    dialog = window.export_dialog
    qtbot.addWidget(dialog)
    assert dialog.results_choice.isChecked()
    target = tmp_path / "结果.csv"
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as blocker:
        dialog.export_to(target)
    assert blocker.args[0] == pane.model.rowCount()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    text = target.read_text(encoding="utf-8-sig")
    assert "张伟" in text
    assert "110105********1239" in text and "110105199003071239" not in text
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) > blocker.args[0]
    window.desk.runner.wait_for_done()  # the lookup's own event may be written after the export's
    actions = [event.action for event in AuditEvent.select().order_by(AuditEvent.id)]
    db.close()
    assert any(action.startswith("export") for action in actions)


def test_a_pickup_list_for_a_session(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.export_action.trigger()
    dialog = window.export_dialog
    qtbot.addWidget(dialog)
    assert not dialog.results_choice.isEnabled()  # nothing was looked up yet
    qtbot.waitUntil(lambda: dialog.session.count() > 0, timeout=WAIT_MS)
    dialog.pickup_choice.setChecked(True)
    dialog.session.setCurrentIndex(dialog.session.findText("2025年下半年"))
    target = tmp_path / "领取名单.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as blocker:
        dialog.export_to(target)
    assert blocker.args[0] > 0
    workbook = load_workbook(target, read_only=True)
    assert len(workbook.sheetnames) >= 1
