"""The reissue queue driven as a clerk would: the counts per step, a count clicked as a filter, an
application approved, one returned with its reason, the approved ones sent upstream in a batch, the new
certificate entered — each through the real dialog and the core, on a real file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.reissue import ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate, ReissueRequest
from ruankao_desktop.ui.dialogs.reissue_queue import ReissueQueueDialog
from ruankao_desktop.ui.main_window import MainWindow
from tests.core.services.test_reissue import application
from tests.helpers import TEST_ACTOR, TODAY
from tests.ui.test_desk_flow import WAIT_MS


def _submit(window: MainWindow, count: int) -> list[str]:
    ids = window.desk.lookup.search_ids(Criteria(state=CertificateState.COLLECTED)).ids[:count]
    numbers = []
    for certificate_id in ids:
        certificate = Certificate.get_by_id(certificate_id)
        done = ReissueService(today=lambda: TODAY).submit(
            application(certificate), TEST_ACTOR, expected_version=certificate.version
        )
        numbers.append(done.tracking_no)
    db.close()  # the test thread's connection: the window's workers have their own
    return numbers


def _opened(qtbot: QtBot, window: MainWindow) -> ReissueQueueDialog:
    dialog = ReissueQueueDialog(window, window.desk)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    return dialog


def _select(dialog: ReissueQueueDialog, tracking_no: str) -> None:
    row = next(i for i in range(dialog.table.rowCount()) if _cell(dialog, i) == tracking_no)
    dialog.table.selectRow(row)


def _cell(dialog: ReissueQueueDialog, row: int) -> str:
    item = dialog.table.item(row, 0)
    return item.text() if item is not None else ""


def _step(qtbot: QtBot, dialog: ReissueQueueDialog, button: object) -> str:
    with (
        qtbot.waitSignal(dialog.stepped, timeout=WAIT_MS) as said,
        qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS),
    ):
        button.click()  # type: ignore[attr-defined]
    return str(said.args[0])


def _status(tracking_no: str) -> str:
    status = str(ReissueRequest.get(ReissueRequest.tracking_no == tracking_no).status)
    db.close()
    return status


def test_an_application_through_the_queue(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _submit(window, 2)
    dialog = _opened(qtbot, window)
    assert dialog.counts[ReissueStatus.SUBMITTED].text() == "已提交 2"
    assert dialog.table.rowCount() == 2
    assert not dialog.approve_button.isEnabled()  # nothing selected

    _select(dialog, first)
    assert dialog.approve_button.isEnabled() and not dialog.arrived_button.isEnabled()
    assert _step(qtbot, dialog, dialog.approve_button) == f"{first} 现为“已审核”"
    assert dialog.counts[ReissueStatus.APPROVED].text() == "已审核 1"
    chosen = dialog.selected()  # read again, the list is in a new order: the selection follows it
    assert chosen is not None and chosen.tracking_no == first

    monkeypatch.setattr(
        ReissueQueueDialog, "ask_reason", classmethod(lambda cls, parent, number: "照片不是白底")
    )
    _select(dialog, second)
    _step(qtbot, dialog, dialog.return_button)
    assert _status(second) == "returned"

    monkeypatch.setattr(ReissueQueueDialog, "ask_folder", classmethod(lambda cls, parent: tmp_path))
    said = _step(qtbot, dialog, dialog.report_button)
    assert said.startswith(f"已生成上报批次 SB{TODAY:%Y%m%d}01（1 份）")
    assert sorted(p.name for p in tmp_path.glob("SB*")) == [
        f"SB{TODAY:%Y%m%d}01-照片.zip",
        f"SB{TODAY:%Y%m%d}01.xlsx",
    ]

    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.counts[ReissueStatus.REPORTED].click()  # a count is a filter
    assert dialog.table.rowCount() == 1 and _cell(dialog, 0) == first
    monkeypatch.setattr(
        ReissueQueueDialog, "ask_new_number", classmethod(lambda cls, parent, number: "c2612-0001")
    )
    _select(dialog, first)
    assert dialog.arrived_button.isEnabled()
    assert _step(qtbot, dialog, dialog.arrived_button) == f"{first} 现为“新证已到”"
    assert _status(first) == "new_arrived"


def test_a_refused_step_is_said_in_the_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    [number] = _submit(window, 1)
    dialog = _opened(qtbot, window)
    monkeypatch.setattr(ReissueQueueDialog, "ask_reason", classmethod(lambda cls, parent, number: " "))
    _select(dialog, number)
    with qtbot.waitSignal(dialog.stepped, timeout=WAIT_MS) as said:
        dialog.return_button.click()
    assert "退回申请需要填写原因" in str(said.args[0])
    assert dialog.status.text() == str(said.args[0])
    assert _status(number) == "submitted"


def test_new_certificates_from_a_list_in_the_queue(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first, second = _submit(window, 2)
    workflow = window.desk.reissues
    for number in (first, second):
        workflow.approve(number, TEST_ACTOR)
    workflow.report(tmp_path, TEST_ACTOR)
    db.close()
    dialog = _opened(qtbot, window)
    listed = tmp_path / "新证清单.csv"
    monkeypatch.setattr(ReissueQueueDialog, "ask_list_file", classmethod(lambda cls, parent: listed))

    listed.write_text(f"受理编号,新证书编号\n{first},C26120000001\n{second},C26120000001\n", encoding="utf-8")
    said = _step_refused(qtbot, dialog, dialog.arrived_list_button)
    assert "其中 1 行不能登记，本次未登记任何新证" in said
    assert "第 3 行：新证书编号 C26120000001 在清单中出现两次（另见第 2 行）" in said
    assert dialog.status.text() == said
    assert (_status(first), _status(second)) == ("reported", "reported")

    listed.write_text(f"受理编号,新证书编号\n{first},C26120000001\n{second},C26120000002\n", encoding="utf-8")
    said = _step(qtbot, dialog, dialog.arrived_list_button)
    assert said == "已按清单登记 2 张新证（到达日期 2026-11-29），对应申请现为“新证已到”"
    assert (_status(first), _status(second)) == ("new_arrived", "new_arrived")
    assert dialog.counts[ReissueStatus.NEW_ARRIVED].text() == "新证已到 2"


def _step_refused(qtbot: QtBot, dialog: ReissueQueueDialog, button: object) -> str:
    with qtbot.waitSignal(dialog.stepped, timeout=WAIT_MS) as said:
        button.click()  # type: ignore[attr-defined]
    return str(said.args[0])
