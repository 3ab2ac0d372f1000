"""The desk never lets a clerk act on the wrong person, driven key by key through the real window on a
seeded SQLite file (docs/architecture.md "Acting on the right certificate", "The window"): a new search
empties the detail pane, the reissue form belongs to one certificate, Enter ↓ Enter opens what is
highlighted, a certificate opens at the top, and a certificate changed elsewhere is refused and shown
again."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.reissue import ReissueKind
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import StaleRecord
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.certificates import CertificateDetail
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.handover import HandoverService
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate, Distribution, PrintRecord, ReissueRequest
from ruankao_desktop.ui.dialogs.handover_dialog import HandoverDialog
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.models.results_model import PLACEHOLDER, Column
from tests.helpers import TEST_ACTOR, TODAY
from tests.ui.test_desk_flow import WAIT_MS, open_first, search, white_background_photo


def press_enter_and_wait(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    pane.input.setFocus()
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        QTest.keyClick(pane.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.model.index(0, 0).data() != PLACEHOLDER, timeout=WAIT_MS)


def settle(window: MainWindow) -> None:
    """Every task done and every result delivered to the GUI thread."""
    window.desk.runner.wait_for_done()
    QCoreApplication.sendPostedEvents()


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


def test_a_new_search_closes_the_reissue_form_and_keeps_what_was_typed(
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
    assert not form.isVisible()  # the header names nobody now: the form goes with its certificate
    assert "填写的内容已保留" in window.statusBar().currentMessage()
    assert cert_a in window.statusBar().currentMessage()
    b = open_first(qtbot, window)
    assert b.summary.certificate_id != a.summary.certificate_id
    assert not form.isVisible()

    search(qtbot, window, cert_a)
    open_first(qtbot, window)
    window.reissue_action.trigger()
    assert form.isVisible()
    assert form.certificate_id == a.summary.certificate_id
    assert form.reason.toPlainText() == "证书在搬家时遗失"
    assert form.result.text() == "已恢复之前填写、尚未保存的内容，可继续填写。"


def test_opening_another_row_closes_the_reissue_form(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "张伟")
    first = open_first(qtbot, window)
    form = window.reissue_form
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.applicant_name.text() != "", timeout=WAIT_MS)
    form.phone.setText("13900139000")
    pane = window.lookup_pane
    pane.results.setFocus()
    QTest.keyClick(pane.results, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS) as opened:
        QTest.keyClick(pane.results, Qt.Key.Key_Return)
    assert opened.args[0].summary.certificate_id != first.summary.certificate_id
    assert not form.isVisible()
    assert first.summary.cert_no in window.statusBar().currentMessage()


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
    settle(window)  # the search's own audit write is heard before we listen
    heard: list[Changed] = []
    window.desk.runner.changed.connect(heard.append)
    with qtbot.waitSignal(window.detail_pane.preview_shown, timeout=WAIT_MS):
        window.print_action.trigger()
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=WAIT_MS)
    settle(window)  # whatever else was coming has arrived: nothing did
    [change] = heard
    assert change.kind is ChangeKind.PRINT
    assert change.certificates == frozenset({shown.summary.certificate_id})
    assert change.actor == window.desk.actor
    window.detail_pane.preview.close()  # type: ignore[union-attr]


def pickup_changed_elsewhere(qtbot: QtBot, window: MainWindow) -> tuple[str, CertificateDetail, str]:
    """A certificate awaiting pickup, opened, then changed at another desk: its number, the detail as
    the pane shows it (the older version), and its holder's ID number."""
    cert_no = cert_no_in(window, CertificateState.AWAITING_PICKUP)
    search(qtbot, window, cert_no)
    shown = open_first(qtbot, window)
    certificate = Certificate.get(Certificate.cert_no == cert_no)
    holder_id = str(certificate.holder.id_number)
    Certificate.update(version=Certificate.version + 1).where(Certificate.id == certificate.id).execute()
    db.close()
    return cert_no, shown, holder_id


def test_a_pickup_of_a_certificate_changed_meanwhile_closes_the_dialog_and_shows_it_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert_no, shown, holder_id = pickup_changed_elsewhere(qtbot, window)
    certificate = Certificate.get(Certificate.cert_no == cert_no)

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


class Gate:
    """Holds a service call on its worker thread until the test lets it go: a slow write at a busy centre,
    made deterministic."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
        self.event = threading.Event()
        original = getattr(owner, name)

        def held(*args: object, **kwargs: object) -> object:
            assert self.event.wait(WAIT_MS / 1000), "the test never let the call go"
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)

    def open(self) -> None:
        self.event.set()


def test_a_submission_finishing_after_another_certificate_was_opened_stays_with_its_own(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert_a = cert_no_in(window, CertificateState.COLLECTED)
    search(qtbot, window, cert_a)
    a = open_first(qtbot, window)
    form = window.reissue_form
    fill_complete_form(qtbot, window)
    gate = Gate(monkeypatch, window.desk.reissue, "submit")
    form.submit()  # held on the writer while the clerk moves on

    search(qtbot, window, "张伟")
    b = open_first(qtbot, window)
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.certificate_id == b.summary.certificate_id, timeout=WAIT_MS)
    with qtbot.waitSignal(form.submitted, timeout=WAIT_MS) as submitted:
        gate.open()

    tracking = submitted.args[0].tracking_no
    request = ReissueRequest.get(ReissueRequest.tracking_no == tracking)
    assert request.certificate.id == a.summary.certificate_id
    db.close()
    assert tracking in window.statusBar().currentMessage()
    assert form.certificate_id == b.summary.certificate_id  # B's form shows nothing of A's application
    assert tracking not in form.result.text()
    assert not form.print_receipt_button.isEnabled()
    assert form.request_id is None


def test_a_copy_finishing_after_another_certificate_was_opened_is_not_put_in_front_of_the_clerk(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    search(qtbot, window, "张伟")
    first = open_first(qtbot, window)
    gate = Gate(monkeypatch, window.desk.printing, "render_copy")
    window.print_action.trigger()
    pane = window.lookup_pane
    pane.results.setFocus()
    QTest.keyClick(pane.results, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        QTest.keyClick(pane.results, Qt.Key.Key_Return)
    gate.open()
    settle(window)
    assert window.detail_pane.preview is None
    message = window.statusBar().currentMessage()
    assert first.summary.cert_no in message and "未显示预览" in message


def test_a_reload_while_opening_still_shows_the_certificate_from_the_top(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1100, 520)
    search(qtbot, window, "张伟")
    open_first(qtbot, window)
    pane = window.detail_pane
    bar = pane.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)
    bar.setValue(bar.maximum())
    second = window.lookup_pane.model.certificate_id(1)
    assert second is not None
    with qtbot.waitSignal(pane.detail_shown, timeout=WAIT_MS):
        pane.show_certificate(second)
        pane.reload()  # e.g. a write of this desk touching it lands meanwhile
    assert bar.value() == 0


@pytest.mark.expects_dialog
def test_the_real_pickup_dialog_closes_and_reports_a_stale_certificate(
    qtbot: QtBot, window: MainWindow
) -> None:
    cert_no, shown, holder_id = pickup_changed_elsewhere(qtbot, window)

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, HandoverDialog)
        dialog.id_input.setText(holder_id)
        dialog.submit()

    QTimer.singleShot(0, fill_in)
    with pytest.raises(StaleRecord) as caught:
        HandoverDialog.ask(None, window.desk, shown)  # owned here, not by the window torn down after
    assert caught.value.message() == render("certificate.stale", cert_no=cert_no)


def fill_complete_form(qtbot: QtBot, window: MainWindow) -> None:
    form = window.reissue_form
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.applicant_name.text() != "", timeout=WAIT_MS)
    form.kind.setCurrentIndex(form.kind.findData(ReissueKind.LOST))
    form.phone.setText("13800138000")
    form.reason.setPlainText("证书在搬家时遗失，已登报声明作废。")
    for box in form.documents.boxes.values():
        box.setChecked(True)
    form.photo_field.set_photo(white_background_photo(), [])


def test_the_receipt_prints_for_the_application_shown_and_not_after_the_form_moved_on(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    search(qtbot, window, cert_no_in(window, CertificateState.COLLECTED))
    open_first(qtbot, window)
    form = window.reissue_form
    fill_complete_form(qtbot, window)
    assert not form.print_form_button.isEnabled()  # nothing saved yet: nothing to print
    with qtbot.waitSignal(form.submitted, timeout=WAIT_MS) as submitted:
        form.submit()
    tracking = submitted.args[0].tracking_no
    assert form.print_receipt_button.isEnabled()
    form.print_receipt_button.click()
    qtbot.waitUntil(lambda: form.prints.preview is not None, timeout=WAIT_MS)
    assert form.prints.preview is not None
    assert "回执" in form.prints.preview.document.suggested_name
    assert tracking in form.prints.preview.document.suggested_name
    form.prints.preview.close()
    form.prints.preview = None

    gate = Gate(monkeypatch, window.desk.printing, "render_application_form")
    form.print_form_button.click()  # held while the clerk moves on
    search(qtbot, window, "张伟")
    b = open_first(qtbot, window)
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.certificate_id == b.summary.certificate_id, timeout=WAIT_MS)
    gate.open()
    settle(window)
    assert form.prints.preview is None
    assert "未显示预览" in window.statusBar().currentMessage()
