"""A session's arrival and pickup driven as a clerk would, through the real dialog and the core on a real
file: every certificate not yet arrived marked at once, the selected ones, an arrival list (and a list
that is refused, nothing written), the pickup deadline changed with and without a reason, a search in
the session, a handover from the list (the window opens the certificate and records it), the pickup list
exported; and the expiring list starting an 更新 application."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
import shiboken6
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.handover import InPerson
from ruankao_desktop.core.domain.reissue import ReissueKind
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.core.services.session_sheet import SessionSheetService
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate, ExamSession
from ruankao_desktop.ui.dialogs.expiring_dialog import ExpiringDialog
from ruankao_desktop.ui.dialogs.handover_dialog import HandoverDialog
from ruankao_desktop.ui.dialogs.session_dialog import RELOAD_MS, SessionDialog
from ruankao_desktop.ui.main_window import MainWindow
from tests.helpers import TEST_ACTOR, TODAY
from tests.ui.test_desk_flow import WAIT_MS, drive_handover

NEWEST = "2026H1"  # the demo's newest session with certificates: none has arrived
PAST = "2025H2"  # arrived, some waiting for pickup


def _arrived(code: str) -> int:
    count = int(
        Certificate.select()
        .join(ExamSession)
        .where((ExamSession.code == code) & Certificate.arrived_on.is_null(False))
        .count()
    )
    db.close()  # the test thread's connection: the window's workers have their own
    return count


def _session(code: str) -> ExamSession:
    found = ExamSession.get(ExamSession.code == code)
    db.close()
    return found


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _opened(qtbot: QtBot, window: MainWindow) -> SessionDialog:
    window.show_sessions()
    dialog = window.session_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog._sheet is not None, timeout=WAIT_MS)
    return dialog


def _pick_session(qtbot: QtBot, dialog: SessionDialog, code: str) -> None:
    session_id = _session(code).id
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.session.setCurrentIndex(dialog.session.findData(session_id))
    assert dialog._sheet is not None and dialog._sheet.dates.session_id == session_id


def _act(qtbot: QtBot, dialog: SessionDialog, button: object) -> str:
    with qtbot.waitSignal(dialog.acted, timeout=WAIT_MS) as said:
        button.click()  # type: ignore[attr-defined]
    return str(said.args[0])


def _answer_day(monkeypatch: pytest.MonkeyPatch, day: date | None) -> list[str]:
    prompts: list[str] = []

    def ask(cls: type, parent: object, prompt: str, today: date) -> date | None:
        prompts.append(prompt)
        return day

    monkeypatch.setattr(SessionDialog, "ask_day", classmethod(ask))
    return prompts


def test_a_whole_session_arrives_from_the_window(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _opened(qtbot, window)
    assert dialog.session.currentText() == "2026年上半年"  # the session being worked through
    waiting = dialog._sheet.counts[CertificateState.NOT_ARRIVED]  # type: ignore[union-attr]
    assert waiting > 0 and _arrived(NEWEST) == 0
    assert dialog.counts[CertificateState.NOT_ARRIVED].text() == f"未到达 {waiting:,}"
    assert "实际到达 尚未到达" in dialog.dates.text()
    assert dialog.arrive_all_button.isEnabled()

    prompts = _answer_day(monkeypatch, None)  # cancelled: nothing happens
    dialog.arrive_all_button.click()
    assert prompts == [f"将2026年上半年尚未到达的 {waiting:,} 张证书全部登记为已到达。到达日期："]
    assert _arrived(NEWEST) == 0

    _answer_day(monkeypatch, TODAY)
    said = _act(qtbot, dialog, dialog.arrive_all_button)
    assert said == f"已登记2026年上半年的 {waiting:,} 张证书于 2026-11-29 到达。"
    assert dialog.status.text() == said
    assert _arrived(NEWEST) == waiting
    assert dialog.counts[CertificateState.AWAITING_PICKUP].text() == f"待领取 {waiting:,}"
    assert not dialog.counts[CertificateState.NOT_ARRIVED].isVisible()  # none left
    assert "实际到达 2026-11-29" in dialog.dates.text()
    assert not dialog.arrive_all_button.isEnabled()


def test_the_selected_certificates_arrive(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _opened(qtbot, window)
    assert not dialog.arrive_selected_button.isEnabled()  # nothing selected
    dialog.table.selectRow(0)
    dialog.table.selectionModel().select(
        dialog.table.model().index(2, 0),
        dialog.table.selectionModel().SelectionFlag.Select | dialog.table.selectionModel().SelectionFlag.Rows,
    )
    chosen = [row.cert_no for row in dialog.selected()]
    assert len(chosen) == 2 and dialog.arrive_selected_button.isEnabled()
    _answer_day(monkeypatch, TODAY)
    said = _act(qtbot, dialog, dialog.arrive_selected_button)
    assert said == "已登记2026年上半年的 2 张证书于 2026-11-29 到达。"
    arrived = {c.cert_no for c in Certificate.select().where(Certificate.arrived_on == TODAY.isoformat())}
    db.close()
    assert arrived == set(chosen)


def test_an_arrival_list_with_a_stranger_s_number_is_refused(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = _opened(qtbot, window)
    first = dialog._sheet.rows[0].cert_no  # type: ignore[union-attr]
    listed = tmp_path / "到达清单.csv"
    listed.write_text(f"证书编号\n{first}\nC99990000001\n", encoding="utf-8")
    monkeypatch.setattr(SessionDialog, "ask_list_file", classmethod(lambda cls, parent: listed))
    prompts = _answer_day(monkeypatch, TODAY)
    said = _act(qtbot, dialog, dialog.arrive_list_button)
    assert prompts == ["将清单 到达清单.csv 中的证书登记为已到达。到达日期："]
    assert "在本系统中不存在，例如：C99990000001。本次未做任何登记" in said
    assert dialog.status.text() == said and dialog.status.isVisible()
    assert _arrived(NEWEST) == 0

    listed.write_text(f"证书编号\n{first}\n", encoding="utf-8")
    said = _act(qtbot, dialog, dialog.arrive_list_button)
    assert said == "已登记2026年上半年的 1 张证书于 2026-11-29 到达。"
    assert _arrived(NEWEST) == 1


def test_the_pickup_deadline_changes_only_with_a_reason(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _opened(qtbot, window)
    _pick_session(qtbot, dialog, PAST)
    assert "领取截止 2027-03-25" in dialog.dates.text()
    answer: list[tuple[date, str]] = [(date(2027, 6, 30), " ")]
    monkeypatch.setattr(
        SessionDialog, "ask_deadline", classmethod(lambda cls, parent, current, today: answer[0])
    )
    said = _act(qtbot, dialog, dialog.deadline_button)
    assert said == "修改领取截止日期需要填写原因。"
    assert str(_session(PAST).pickup_deadline) == "2027-03-25"

    answer[0] = (date(2027, 6, 30), "新证书到达较晚，顺延")
    said = _act(qtbot, dialog, dialog.deadline_button)
    assert said == "2025年下半年的领取截止日期已改为 2027-06-30。"
    assert "领取截止 2027-06-30" in dialog.dates.text()
    assert str(_session(PAST).pickup_deadline) == "2027-06-30"


def test_a_search_in_the_session_and_a_handover_from_the_list(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _opened(qtbot, window)
    _pick_session(qtbot, dialog, PAST)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show_state(CertificateState.AWAITING_PICKUP)
    waiting = dialog._sheet.counts[CertificateState.AWAITING_PICKUP]  # type: ignore[union-attr]
    assert dialog.table.rowCount() == waiting
    assert {_cell(dialog.table, i, 5) for i in range(waiting)} == {"待领取"}
    assert dialog.export_button.isEnabled()
    person = dialog._sheet.rows[3]  # type: ignore[union-attr]
    holder = Certificate.get_by_id(person.certificate_id).holder
    db.close()

    dialog.search.setText(f"{holder.name} {holder.id_number[-4:]}")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.search.returnPressed.emit()
    assert person.certificate_id in {row.certificate_id for row in dialog._sheet.rows}  # type: ignore[union-attr]
    dialog.table.selectRow(
        next(i for i, row in enumerate(dialog._sheet.rows) if row.certificate_id == person.certificate_id)  # type: ignore[union-attr]
    )
    assert dialog.handover_button.isEnabled()

    errors, ask = drive_handover(qtbot, holder.id_number)
    monkeypatch.setattr(HandoverDialog, "ask", ask)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS * 2):  # read again after the handover
        dialog.handover_button.click()
        qtbot.waitUntil(lambda: errors == [""], timeout=WAIT_MS)
    shown = window.detail_pane.detail
    assert shown is not None and shown.summary.certificate_id == person.certificate_id
    qtbot.waitUntil(lambda: window.detail_pane.state_badge.text() == "已领取", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: (
            dialog._sheet is not None
            and dialog._sheet.counts[CertificateState.AWAITING_PICKUP] == waiting - 1
        ),
        timeout=WAIT_MS,
    )


def test_a_certificate_not_waiting_is_not_handed_over_from_the_list(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _opened(qtbot, window)
    dialog.table.selectRow(0)  # 未到达
    assert not dialog.handover_button.isEnabled()
    assert dialog.open_button.isEnabled()
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        dialog.open_button.click()
    assert window.detail_pane.state_badge.text() == "未到达"


def test_the_pickup_list_is_exported_from_the_session(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = _opened(qtbot, window)
    _pick_session(qtbot, dialog, PAST)
    assert not dialog.export_button.isEnabled()  # every state: not a pickup list
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show_state(CertificateState.AWAITING_PICKUP)
    suggested: list[str] = []
    target = tmp_path / "领取名单.xlsx"

    def ask_target(cls: type, parent: object, name: str) -> Path:
        suggested.append(name)
        return target

    monkeypatch.setattr(SessionDialog, "ask_target", classmethod(ask_target))
    said = _act(qtbot, dialog, dialog.export_button)
    waiting = dialog._sheet.counts[CertificateState.AWAITING_PICKUP]  # type: ignore[union-attr]
    assert suggested == ["2025H2-待领取.xlsx"]
    assert said == f"已导出 {waiting:,} 行：{target}"
    rows = list(openpyxl.load_workbook(target, read_only=True).worksheets[0].iter_rows(values_only=True))
    numbers = {row[1] for row in rows if isinstance(row[0], int)}
    assert len(numbers) == waiting


def test_an_update_application_starts_from_the_expiring_list(qtbot: QtBot, window: MainWindow) -> None:
    window.show_expiring()
    dialog = window.expiring_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=WAIT_MS)
    assert dialog.summary.text().startswith("90 天内到期 ")
    assert not dialog.renew_button.isEnabled()
    days = [int(_cell(dialog.table, i, 5)) for i in range(dialog.table.rowCount())]
    assert days == sorted(days) and all(0 <= d <= 90 for d in days)
    dialog.table.selectRow(0)
    chosen = dialog.selected()
    assert chosen is not None
    dialog.renew_button.click()
    form = window.reissue_form
    qtbot.waitUntil(
        lambda: form.isVisible() and form.certificate_id == chosen.summary.certificate_id, timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: form.current_kind() is ReissueKind.RENEWAL, timeout=WAIT_MS)
    assert chosen.summary.cert_no in form.subtitle.text()


def test_fewer_days_list_fewer_certificates(qtbot: QtBot, window: MainWindow) -> None:
    dialog = ExpiringDialog(window, window.desk)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=WAIT_MS)
    days = [int(_cell(dialog.table, i, 5)) for i in range(dialog.table.rowCount())]
    soonest = days[0]
    # Within N days: expired by then, so valid for fewer than N days more.
    for within in (soonest + 1, soonest):
        with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
            dialog.within.setValue(within)
        assert dialog.table.rowCount() == sum(1 for d in days if d < within)
        assert dialog.summary.text().startswith(f"{within} 天内到期 ")


def test_the_selection_follows_the_person_when_the_list_is_read_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _opened(qtbot, window)
    _pick_session(qtbot, dialog, PAST)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show_state(CertificateState.AWAITING_PICKUP)
    rows = dialog._sheet.rows  # type: ignore[union-attr]
    dialog.table.selectRow(3)
    person = dialog.selected()[0]
    assert person == rows[3]
    first = Certificate.get_by_id(rows[0].certificate_id)
    HandoverService(window.desk.settings, today=lambda: TODAY).record(
        first.id, InPerson(first.holder.id_number), expected_version=first.version, actor=TEST_ACTOR
    )  # another desk hands the first one over: everyone below moves up a row
    db.close()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.reload()
    assert dialog._sheet.rows[2] == person  # type: ignore[union-attr]
    assert dialog.selected() == [person]


def test_a_search_is_audited_when_typed_not_when_the_list_follows_a_write(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _opened(qtbot, window)
    actors: list[object] = []
    sheet = SessionSheetService.sheet

    def recording(self: SessionSheetService, *args: object, **kwargs: object) -> object:
        actors.append(kwargs.get("actor"))
        return sheet(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SessionSheetService, "sheet", recording)
    dialog.search.setText("王")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.search.returnPressed.emit()
    assert actors == [window.desk.actor]  # the clerk's search: audited as a lookup
    runner = window.desk.runner
    runner.changed.emit(Changed.of(ChangeKind.LOOKUP, TEST_ACTOR))  # a lookup's event written: no read
    runner.changed.emit(Changed.of(ChangeKind.PRINT, TEST_ACTOR))
    qtbot.wait(RELOAD_MS * 3)
    assert actors == [window.desk.actor]
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        runner.changed.emit(Changed.of(ChangeKind.HANDOVER, TEST_ACTOR, certificates=[1]))
    assert actors == [window.desk.actor, None]  # read again after a handover, not audited again


def test_one_session_view_at_a_time_and_none_once_closed(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _opened(qtbot, window)
    window.show_sessions()
    assert window.session_dialog is dialog  # brought to the front, not made again
    dialog.close()  # gone: it no longer reads after every write
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=WAIT_MS)
    window.show_sessions()
    again = window.session_dialog
    assert again is not None and again is not dialog
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again._sheet is not None, timeout=WAIT_MS)


def test_a_handover_asked_from_a_list_is_dropped_when_another_certificate_opens_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    first, second = window.desk.lookup.search_ids(Criteria(state=CertificateState.AWAITING_PICKUP)).ids[:2]
    done: list[int] = []
    window.open_then(first, lambda detail: done.append(detail.summary.certificate_id))
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        window.detail_pane.show_certificate(second)  # the clerk opened someone else meanwhile
    qtbot.wait(100)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        window.detail_pane.show_certificate(first)
    qtbot.wait(100)
    assert done == []  # never later, unasked
    window.open_then(first, lambda detail: done.append(detail.summary.certificate_id))
    qtbot.waitUntil(lambda: done == [first], timeout=WAIT_MS)
