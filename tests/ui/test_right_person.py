"""The desk never lets a clerk act on the wrong person, driven key by key through the real window on a
seeded SQLite file (docs/architecture.md "Acting on the right certificate", "The window"): a new search
empties the detail pane, the reissue form belongs to one certificate, Enter ↓ Enter opens what is
highlighted, a certificate opens at the top, and a certificate changed elsewhere is refused and shown
again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.distribution import HandoverService
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate, Distribution, PrintRecord
from ruankao_desktop.ui.dialogs.handover_dialog import HandoverDialog
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.models.results_model import PLACEHOLDER, Column
from tests.helpers import TEST_ACTOR, TODAY
from tests.ui.test_desk_flow import WAIT_MS, open_first, search


def press_enter_and_wait(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    pane.input.setFocus()
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        QTest.keyClick(pane.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.model.index(0, 0).data() != PLACEHOLDER, timeout=WAIT_MS)


def cert_no_in(window: MainWindow, state: CertificateState) -> str:
    ids = window.desk.lookup.search_ids(Criteria(state=state)).ids
    cert_no = str(Certificate.get_by_id(ids[0]).cert_no)
    db.close()
    return cert_no


def detail_actions(window: MainWindow) -> list[bool]:
    return [
        window.print_action.isEnabled(),
        window.handover_action.isEnabled(),
        window.reissue_action.isEnabled(),
        window.reveal_action.isEnabled(),
        window.detail_pane.print_button.isEnabled(),
        window.detail_pane.reissue_button.isEnabled(),
    ]


def test_a_new_search_empties_the_detail_pane_until_a_result_is_opened(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "张伟")
    first = open_first(qtbot, window)
    pane = window.detail_pane
    assert first.summary.cert_no in pane.header.text()
    assert any(detail_actions(window))

    search(qtbot, window, "李娜")

    assert pane.detail is None
    assert pane.header.isHidden()
    assert pane.empty.text() == "在左侧查询，然后用回车或双击打开一张证书。"
    assert not any(detail_actions(window))
    window.print_action.trigger()  # Ctrl+P with nothing open: nothing happens, nothing is printed
    assert pane.preview is None

    second = open_first(qtbot, window)
    assert second.summary.name == "李娜"
    assert f"李娜 · 证书编号 {second.summary.cert_no}" == pane.header.text()
    assert window.print_action.isEnabled()


def test_enter_with_one_hit_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    cert_no = cert_no_in(window, CertificateState.COLLECTED)
    pane = window.lookup_pane
    pane.input.setText(cert_no.lower())
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS) as opened:
        press_enter_and_wait(qtbot, window)
    assert pane.model.rowCount() == 1
    assert opened.args[0].summary.cert_no == cert_no
    assert window.detail_pane.header.text().endswith(f" · 证书编号 {cert_no}")


def test_enter_down_enter_opens_the_row_that_is_highlighted(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    pane.input.setText("张伟")
    press_enter_and_wait(qtbot, window)
    assert pane.model.rowCount() >= 2
    assert pane.input.hasFocus()  # Enter searched; it did not move into the list
    assert not pane.results.selectionModel().hasSelection()
    assert window.detail_pane.detail is None  # several hits: none is opened for the clerk

    QTest.keyClick(pane.input, Qt.Key.Key_Down)
    assert pane.results.hasFocus()
    assert [index.row() for index in pane.results.selectionModel().selectedRows()] == [0]
    highlighted = pane.model.certificate_id(0)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS) as opened:
        QTest.keyClick(pane.results, Qt.Key.Key_Return)
    assert opened.args[0].summary.certificate_id == highlighted

    QTest.keyClick(pane.results, Qt.Key.Key_Down)
    assert [index.row() for index in pane.results.selectionModel().selectedRows()] == [1]
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS) as opened:
        QTest.keyClick(pane.results, Qt.Key.Key_Return)
    assert opened.args[0].summary.certificate_id == pane.model.certificate_id(1)


def test_down_pressed_before_the_results_arrive_waits_for_them(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    search(qtbot, window, "李娜")  # an older list is on screen
    older = pane.model.certificate_id(0)
    pane.input.setText("张伟")
    pane.input.setFocus()
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        QTest.keyClick(pane.input, Qt.Key.Key_Return)
        QTest.keyClick(pane.input, Qt.Key.Key_Down)  # at once, while the search runs
    assert pane.results.hasFocus()
    assert [index.row() for index in pane.results.selectionModel().selectedRows()] == [0]
    assert pane.model.certificate_id(0) != older
    qtbot.waitUntil(lambda: pane.model.index(0, 0).data() != PLACEHOLDER, timeout=WAIT_MS)
    assert pane.model.index(0, Column.NAME).data() == "张伟"


def test_opening_a_certificate_shows_it_from_the_top(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1100, 520)  # short enough that the detail scrolls
    search(qtbot, window, "张伟")
    open_first(qtbot, window)
    bar = window.detail_pane.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)
    bar.setValue(bar.maximum())
    pane = window.lookup_pane
    pane.results.setFocus()
    QTest.keyClick(pane.results, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        QTest.keyClick(pane.results, Qt.Key.Key_Return)
    assert bar.value() == 0
    assert window.detail_pane.state_badge.visibleRegion().isEmpty() is False


def test_opening_another_certificate_closes_the_reissue_form_and_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    cert_a = cert_no_in(window, CertificateState.COLLECTED)
    search(qtbot, window, cert_a)
    a = open_first(qtbot, window)
    form = window.reissue_form
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.applicant_name.text() != "", timeout=WAIT_MS)
    assert cert_a in form.subtitle.text()
    form.reason.setPlainText("证书在搬家时遗失")

    search(qtbot, window, "张伟")
    assert form.isVisible()  # a search alone does not take the form away
    b = open_first(qtbot, window)
    assert b.summary.certificate_id != a.summary.certificate_id
    assert not form.isVisible()
    assert "填写的内容已保留" in window.statusBar().currentMessage()
    assert cert_a in window.statusBar().currentMessage()

    search(qtbot, window, cert_a)
    open_first(qtbot, window)
    window.reissue_action.trigger()
    assert form.isVisible()
    assert form.certificate_id == a.summary.certificate_id
    assert form.reason.toPlainText() == "证书在搬家时遗失"
    assert form.result.text() == "已恢复之前填写、尚未保存的内容，可继续填写。"


def test_an_untouched_form_closes_without_a_message(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, cert_no_in(window, CertificateState.COLLECTED))
    open_first(qtbot, window)
    form = window.reissue_form
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.applicant_name.text() != "", timeout=WAIT_MS)
    window.statusBar().clearMessage()
    search(qtbot, window, "张伟")
    open_first(qtbot, window)
    assert not form.isVisible()
    assert window.statusBar().currentMessage() == ""


def test_a_certificate_changed_at_another_desk_is_refused_and_shown_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    cert_no = cert_no_in(window, CertificateState.AWAITING_PICKUP)
    search(qtbot, window, cert_no)
    shown = open_first(qtbot, window)
    assert shown.state is CertificateState.AWAITING_PICKUP
    certificate = Certificate.get(Certificate.cert_no == cert_no)
    HandoverService(window.desk.settings, today=lambda: TODAY).record_self_pickup(  # another desk
        certificate.id,
        presented_id=certificate.holder.id_number,
        expected_version=certificate.version,
        actor=TEST_ACTOR,
    )
    prints = PrintRecord.select().count()
    db.close()
    pane = window.detail_pane

    with qtbot.waitSignal(pane.detail_shown, timeout=WAIT_MS) as reloaded:
        window.print_action.trigger()

    assert pane.error.text() == render("certificate.stale", cert_no=cert_no)
    assert "已重新显示最新记录" in pane.error.text()
    assert pane.preview is None
    assert reloaded.args[0].state is CertificateState.COLLECTED
    assert pane.state_badge.text() == "已领取"
    assert PrintRecord.select().count() == prints
    db.close()


def test_one_write_one_broadcast(qtbot: QtBot, window: MainWindow) -> None:
    cert_no = cert_no_in(window, CertificateState.AWAITING_PICKUP)
    search(qtbot, window, cert_no)
    shown = open_first(qtbot, window)
    window.desk.runner.wait_for_done()  # the search's own audit write is heard before we listen
    QTest.qWait(50)
    heard: list[Changed] = []
    window.desk.runner.changed.connect(heard.append)
    with qtbot.waitSignal(window.detail_pane.preview_shown, timeout=WAIT_MS):
        window.print_action.trigger()
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=WAIT_MS)
    window.desk.runner.wait_for_done()
    QTest.qWait(100)  # nothing more arrives
    [change] = heard
    assert change.kind is ChangeKind.PRINT
    assert change.certificates == frozenset({shown.summary.certificate_id})
    assert change.actor == window.desk.actor
    window.detail_pane.preview.close()  # type: ignore[union-attr]


def test_a_pickup_of_a_certificate_changed_meanwhile_closes_the_dialog_and_shows_it_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert_no = cert_no_in(window, CertificateState.AWAITING_PICKUP)
    search(qtbot, window, cert_no)
    shown = open_first(qtbot, window)
    certificate = Certificate.get(Certificate.cert_no == cert_no)
    holder_id = certificate.holder.id_number
    Certificate.update(version=Certificate.version + 1).where(Certificate.id == certificate.id).execute()
    db.close()  # another desk changed it after it was shown

    dialog = HandoverDialog(None, window.desk, shown)
    qtbot.addWidget(dialog)
    dialog.id_input.setText(holder_id)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.stale is not None, timeout=WAIT_MS)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.error.isHidden()  # nothing to correct in the dialog

    def stale_ask(*_args: object) -> bool:
        assert dialog.stale is not None
        raise dialog.stale

    monkeypatch.setattr(HandoverDialog, "ask", stale_ask)
    pane = window.detail_pane
    with qtbot.waitSignal(pane.detail_shown, timeout=WAIT_MS) as reloaded:
        window.handover_action.trigger()
    assert pane.error.text() == render("certificate.stale", cert_no=cert_no)
    assert reloaded.args[0].version == shown.version + 1
    assert Distribution.select().where(Distribution.certificate == certificate.id).count() == 1  # arrival
    db.close()
