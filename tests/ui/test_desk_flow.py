"""The front-desk flow driven through the real widgets on a real seeded SQLite file: look up (by ID, by
name, by scanner), read the guidance when nothing matches, open a certificate, record a pickup, submit a
reissue (valid and invalid), switch the language, and find the window as it was left."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ruankao_desktop.app import create_main_window
from ruankao_desktop.core.domain.reissue import ReissueApplication, ReissueKind, validate_application
from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.certificates import CertificateDetail
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Distribution, ReissueRequest
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.handover_dialog import HandoverDialog
from ruankao_desktop.ui.dialogs.reveal_dialog import RevealDialog
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.models.results_model import PLACEHOLDER, Column

SHOWCASE_ID = "110105199003071239"
WAIT_MS = 5000


def search(qtbot: QtBot, window: MainWindow, text: str) -> int:
    pane = window.lookup_pane
    pane.input.setText(text)
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS) as blocker:
        pane.search_now()
    count = blocker.args[0] if blocker.args else 0
    if count:
        qtbot.waitUntil(lambda: pane.model.index(0, 0).data() != PLACEHOLDER, timeout=WAIT_MS)
    return int(count)


def type_with_ime(widget: QLineEdit, text: str) -> None:
    """Chinese arrives from an input method as committed text, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def shown_rows(window: MainWindow) -> list[list[str]]:
    model = window.lookup_pane.model
    return [[str(model.index(row, column).data()) for column in Column] for row in range(model.rowCount())]


def open_first(qtbot: QtBot, window: MainWindow) -> CertificateDetail:
    pane = window.lookup_pane
    pane.results.setFocus()
    pane.results.selectRow(0)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        QTest.keyClick(pane.results, Qt.Key.Key_Return)
    assert window.detail_pane.detail is not None
    return window.detail_pane.detail


def first_in_state(window: MainWindow, state: CertificateState) -> Certificate:
    ids = window.desk.lookup.search_ids(Criteria(state=state)).ids
    db.close()  # the test thread's connection: the window's workers have their own
    assert ids
    return Certificate.get_by_id(ids[0])


def audit_count() -> int:
    count = int(AuditEvent.select().count())
    db.close()
    return count


def reveal_count() -> int:
    count = int(AuditEvent.select().where(AuditEvent.action == "id.reveal").count())
    db.close()
    return count


def test_lookup_by_id_shows_the_masked_number_and_never_the_full_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert search(qtbot, window, SHOWCASE_ID) >= 1
    rows = shown_rows(window)
    assert rows[0][Column.NAME] == "张伟"
    assert rows[0][Column.ID] == "110105********1239"
    assert all(SHOWCASE_ID not in cell for row in rows for cell in row)
    assert window.lookup_pane.summary.text().startswith("共 ")


def test_lookup_by_name_lists_every_holder_of_it(qtbot: QtBot, window: MainWindow) -> None:
    count = search(qtbot, window, "张伟")
    assert count >= 2
    qtbot.waitUntil(lambda: all(PLACEHOLDER not in row for row in shown_rows(window)), timeout=WAIT_MS)
    assert {row[Column.NAME] for row in shown_rows(window)} == {"张伟"}


def test_a_barcode_scanner_burst_ending_in_enter_searches_once(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    finished: list[int] = []
    pane.search_finished.connect(finished.append)
    events = audit_count()
    pane.input.setFocus()
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        QTest.keyClicks(pane.input, SHOWCASE_ID)
        QTest.keyClick(pane.input, Qt.Key.Key_Return)
    QTest.qWait(500)  # longer than the typing pause: no second, debounced search may follow
    assert len(finished) == 1
    assert finished[0] >= 1
    qtbot.waitUntil(lambda: audit_count() == events + 1, timeout=WAIT_MS)


def test_typing_searches_after_a_pause_without_auditing(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    events = audit_count()
    pane.input.setFocus()
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS) as blocker:
        type_with_ime(pane.input, "张伟")
    assert blocker.args == [pane.model.rowCount()]
    assert pane.model.rowCount() >= 2
    window.desk.runner.wait_for_done()
    assert audit_count() == events


def test_a_half_typed_number_stays_quiet_until_enter(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        QTest.keyClicks(pane.input, "1101051990")
    assert pane.summary.text() == "继续输入……（按回车查询）"
    assert not pane.guidance.isVisible()
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        QTest.keyClick(pane.input, Qt.Key.Key_Return)
    assert pane.guidance.isVisible()
    assert render("id.wrong_length", length=10) in pane.guidance_text.text()


def test_no_match_explains_why_it_may_be(qtbot: QtBot, window: MainWindow) -> None:
    assert search(qtbot, window, "C99990009999") == 0
    text = window.lookup_pane.guidance_text.text()
    assert window.lookup_pane.guidance.isVisible()
    assert "可能的原因" in text
    assert "2026年下半年的证书尚未到达本考点" in text
    assert "联系考试机构" in text


def test_a_mistyped_id_number_names_the_exact_problem(qtbot: QtBot, window: MainWindow) -> None:
    events = audit_count()
    assert search(qtbot, window, "11010519900307123X") == 0
    expected = render("id.bad_check", expected="9", actual="X")
    assert expected in window.lookup_pane.guidance_text.text()
    window.desk.runner.wait_for_done()
    assert audit_count() == events


def test_a_homophone_is_suggested(qtbot: QtBot, window: MainWindow) -> None:
    assert search(qtbot, window, "张玮") == 0
    assert "同音的姓名有：" in window.lookup_pane.guidance_text.text()
    assert "张伟" in window.lookup_pane.guidance_text.text()


def test_the_advanced_form_combines_fields_and_checks_the_id(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    window.advanced_action.trigger()
    assert pane.advanced.isVisible()
    qtbot.waitUntil(lambda: pane.advanced.state_field.count() == len(CertificateState) + 1, timeout=WAIT_MS)
    pane.advanced.id_field.setText("11010519900307123")
    pane.advanced.search()
    assert pane.advanced.error.text() == render("id.wrong_length", length=17)
    pane.advanced.id_field.clear()
    pane.advanced.name_field.setText("张伟")
    pane.advanced.state_field.setCurrentIndex(
        pane.advanced.state_field.findData(CertificateState.COLLECTED.value)
    )
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        pane.advanced.search()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 0 or pane.model.index(0, 0).data() != PLACEHOLDER)
    assert {row[Column.STATE] for row in shown_rows(window)} <= {"已领取"}


def test_keyboard_only_from_search_to_detail(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "张伟")
    pane = window.lookup_pane
    pane.focus_input()
    QTest.keyClick(pane.input, Qt.Key.Key_Down)
    assert pane.results.hasFocus()
    QTest.keyClick(pane.results, Qt.Key.Key_Down)
    second = pane.model.certificate_id(1)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS) as blocker:
        QTest.keyClick(pane.results, Qt.Key.Key_Return)
    assert blocker.args[0].summary.certificate_id == second
    QTest.keyClick(pane.results, Qt.Key.Key_Escape)
    assert pane.input.hasFocus()


def test_the_detail_pane_shows_every_field_and_the_next_step(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, SHOWCASE_ID)
    detail = open_first(qtbot, window)
    fields = window.detail_pane.fields
    assert fields["cert_no"].text() == detail.summary.cert_no
    assert fields["management_no"].text() == detail.summary.management_no
    assert fields["id"].text() == "110105********1239"
    assert fields["issuer"].text() == "人力资源和社会保障部、工业和信息化部"
    assert fields["valid_until"].text() == "长期有效"
    assert window.detail_pane.state_badge.text() == detail.state.text()
    assert window.detail_pane.next_step.text() == detail.next_step()
    history = [window.detail_pane.history.item(i).text() for i in range(window.detail_pane.history.count())]
    assert any("证书到达本考点" in line for line in history)


def drive_handover(qtbot: QtBot, presented: str) -> tuple[list[str], object]:
    """Replaces the modal `HandoverDialog.ask` with the same dialog, filled in and submitted."""
    errors: list[str] = []

    def ask(parent: object, desk: DeskContext, detail: CertificateDetail) -> bool:
        dialog = HandoverDialog(None, desk, detail)
        qtbot.addWidget(dialog)
        dialog.id_input.setText(presented)
        dialog.submit()
        qtbot.waitUntil(
            lambda: dialog.result() == QDialog.DialogCode.Accepted or dialog.error.text() != "",
            timeout=WAIT_MS,
        )
        errors.append(dialog.error.text())
        return dialog.result() == QDialog.DialogCode.Accepted

    return errors, ask


def test_recording_a_pickup_in_person(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    certificate = first_in_state(window, CertificateState.AWAITING_PICKUP)
    holder_id = certificate.holder.id_number
    db.close()
    search(qtbot, window, certificate.cert_no)
    open_first(qtbot, window)
    assert window.detail_pane.handover_button.isEnabled()
    errors, ask = drive_handover(qtbot, holder_id)
    monkeypatch.setattr(HandoverDialog, "ask", ask)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        window.detail_pane.handover_button.click()
    assert errors == [""]
    assert window.detail_pane.state_badge.text() == "已领取"
    assert "本人领取" in window.detail_pane.history.item(0).text()
    qtbot.waitUntil(lambda: "已领取" in shown_rows(window)[0][Column.STATE], timeout=WAIT_MS)


def test_a_pickup_with_someone_else_s_card_is_refused(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    certificate = first_in_state(window, CertificateState.AWAITING_PICKUP)
    handovers = Distribution.select().where(Distribution.certificate == certificate.id).count()
    db.close()
    search(qtbot, window, certificate.cert_no)
    open_first(qtbot, window)
    errors, ask = drive_handover(qtbot, SHOWCASE_ID)
    monkeypatch.setattr(HandoverDialog, "ask", ask)
    window.detail_pane.handover_button.click()
    assert errors == [render("handover.id_mismatch")]
    assert Distribution.select().where(Distribution.certificate == certificate.id).count() == handovers
    db.close()


def white_background_photo() -> bytes:
    image = Image.new("RGB", (358, 441), "white")
    ImageDraw.Draw(image).ellipse((110, 90, 250, 330), fill=(90, 70, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def test_submitting_a_reissue_application(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    certificate = first_in_state(window, CertificateState.COLLECTED)
    db.close()
    search(qtbot, window, certificate.cert_no)
    open_first(qtbot, window)
    form = window.reissue_form
    window.detail_pane.reissue_button.click()
    assert form.isVisible()
    qtbot.waitUntil(lambda: form.applicant_name.text() != "", timeout=WAIT_MS)
    form.kind.setCurrentIndex(form.kind.findData(ReissueKind.LOST))
    form.phone.setText("138 0013 8000")
    form.reason.setPlainText("证书在搬家时遗失，已登报声明作废。")
    for box in form.documents.boxes.values():
        box.setChecked(True)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(white_background_photo())
    form.load_photo(photo)
    qtbot.waitUntil(lambda: form.photo_field.photo is not None, timeout=WAIT_MS)
    assert form.photo_field.note.text() == "照片符合要求（358×441 像素）"
    with qtbot.waitSignal(form.submitted, timeout=WAIT_MS) as blocker:
        form.submit_button.click()
    tracking = blocker.args[0].tracking_no
    request = ReissueRequest.get(ReissueRequest.tracking_no == tracking)
    assert (request.certificate.id, request.status, request.kind) == (certificate.id, "submitted", "lost")
    db.close()
    assert tracking in form.result.text()
    qtbot.waitUntil(lambda: window.detail_pane.state_badge.text() == "补办中", timeout=WAIT_MS)
    history = [window.detail_pane.history.item(i).text() for i in range(window.detail_pane.history.count())]
    assert any(tracking in line and "补发" in line for line in history)


def test_an_invalid_reissue_shows_each_problem_by_its_field_and_writes_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    certificate = first_in_state(window, CertificateState.COLLECTED)
    db.close()
    search(qtbot, window, certificate.cert_no)
    open_first(qtbot, window)
    window.desk.runner.wait_for_done()
    before = (ReissueRequest.select().count(), AuditEvent.select().count())
    db.close()
    form = window.reissue_form
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.applicant_name.text() != "", timeout=WAIT_MS)
    form.phone.setText("12345")
    form.reason.setPlainText("丢")
    form.submit_button.click()
    qtbot.waitUntil(form.errors["phone"].isVisible, timeout=WAIT_MS)
    expected = validate_application(
        ReissueApplication(
            certificate.id, None, form.applicant_name.text(), "12345", "", "", "丢", frozenset(), None
        ),
        for_submit=True,
    )
    for problem in expected:
        assert problem.message() in form.errors[problem.field].text()
    assert {p.field for p in expected} >= {"kind", "phone", "reason"}
    assert form.phone.property("invalid") is True
    assert form.result.text() == "申请未保存：请按提示修改标红的项目。"
    window.desk.runner.wait_for_done()
    assert (ReissueRequest.select().count(), AuditEvent.select().count()) == before
    db.close()


def test_switching_to_english_and_back_at_run_time(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, SHOWCASE_ID)
    open_first(qtbot, window)
    window.english_action.trigger()
    qtbot.waitUntil(lambda: window.lookup_pane.title.text() == "Find a certificate")
    assert window.lookup_pane.search_button.text() == "Search"
    assert window.detail_pane.title.text() == "Certificate details"
    assert window.search_menu.title() == "&Search"
    model = window.lookup_pane.model
    assert model.headerData(Column.NAME, Qt.Orientation.Horizontal) == "Name"
    assert model.index(0, Column.LEVEL).data() in {"junior", "intermediate", "senior"}
    assert window.detail_pane.fields["valid_until"].text() == "long-term"
    window.chinese_action.trigger()
    qtbot.waitUntil(lambda: window.lookup_pane.title.text() == "查询证书")
    assert model.headerData(Column.NAME, Qt.Orientation.Horizontal) == "姓名"


def test_the_results_model_passes_the_model_tester(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    search(qtbot, window, "张伟")
    qtmodeltester.check(window.lookup_pane.model)  # type: ignore[no-untyped-call]
    assert window.lookup_pane.model.rowCount(QModelIndex()) >= 2


def test_window_geometry_and_splitter_come_back(qtbot: QtBot, demo_db: Path) -> None:
    first = create_main_window(str(demo_db), lang="zh")
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)  # the offscreen screen is 800×600
    first.splitter.setSizes([300, 460, 0])
    saved_sizes = first.splitter.sizes()
    first.close()
    second = create_main_window(str(demo_db))
    qtbot.addWidget(second)
    second.show()
    assert second.size().width() == 780
    assert second.splitter.sizes()[:2] == saved_sizes[:2]
    second.close()


def test_revealing_the_full_number_asks_why_shows_it_and_audits_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    search(qtbot, window, SHOWCASE_ID)
    open_first(qtbot, window)
    monkeypatch.setattr(RevealDialog, "ask", lambda parent, name: "核对户籍迁移前的号码")
    reveals = reveal_count()
    window.detail_pane.reveal_button.click()
    qtbot.waitUntil(lambda: window.detail_pane.fields["id"].text() == SHOWCASE_ID, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: reveal_count() == reveals + 1, timeout=WAIT_MS)
    window.desk.runner.wait_for_done()
    QTest.qWait(200)  # the reload after the change must not mask it again at once
    assert window.detail_pane.fields["id"].text() == SHOWCASE_ID
    window.detail_pane._mask_again()  # what the 30-second timer does
    assert window.detail_pane.fields["id"].text() == "110105********1239"


def test_a_proxys_number_is_masked_and_revealed_only_for_a_reason(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    certificate = first_in_state(window, CertificateState.COLLECTED_BY_PROXY)
    proxy = Distribution.get(Distribution.certificate == certificate.id, Distribution.method == "proxy")
    full, name = proxy.recipient_id_number, proxy.recipient_name
    assert full is not None
    db.close()
    search(qtbot, window, certificate.cert_no)
    open_first(qtbot, window)
    pane = window.detail_pane
    masked = f"{full[:6]}********{full[-4:]}"
    assert pane.details.values["receipt"].isVisibleTo(pane)
    assert pane.fields["receipt"].text().startswith(f"代领：{name} · 证件 {masked} · ")
    assert full not in pane.fields["id"].text() + pane.fields["receipt"].text()
    asked: list[str] = []

    def ask(parent: object, person: str) -> str:
        asked.append(person)
        return "代领人来电核对"

    monkeypatch.setattr(RevealDialog, "ask", ask)
    reveals = reveal_count()  # not every event: the lookup's own may land meanwhile
    pane.collector_reveal_button.click()
    qtbot.waitUntil(lambda: full in pane.fields["receipt"].text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: reveal_count() == reveals + 1, timeout=WAIT_MS)
    assert asked == [name]
    assert "*" in pane.fields["id"].text()  # the holder's number stays masked
    pane._mask_again()  # what the 30-second timer does
    assert pane.fields["receipt"].text().startswith(f"代领：{name} · 证件 {masked} · ")


def test_no_proxy_number_to_reveal_where_nobody_collected_by_proxy(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, SHOWCASE_ID)
    detail = open_first(qtbot, window)
    pane = window.detail_pane
    assert detail.receipt is not None and detail.receipt.method is HandoverMethod.SELF
    assert pane.fields["receipt"].text().startswith("本人领取 · ")
    assert not pane.collector_reveal_button.isEnabled()
    assert not pane.collector_reveal_button.isVisibleTo(pane)
    waiting = first_in_state(window, CertificateState.AWAITING_PICKUP)
    search(qtbot, window, waiting.cert_no)
    open_first(qtbot, window)
    assert not pane.details.values["receipt"].isVisibleTo(pane)


def test_the_reveal_dialog_takes_no_empty_reason(qtbot: QtBot) -> None:
    dialog = RevealDialog(None, "王芳")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason.setText("  核 ")
    assert not ok.isEnabled()
    dialog.reason.setText("核对")
    assert ok.isEnabled()


def test_a_saved_draft_is_continued_when_the_form_is_opened_again(qtbot: QtBot, window: MainWindow) -> None:
    certificate = first_in_state(window, CertificateState.COLLECTED)
    db.close()
    search(qtbot, window, certificate.cert_no)
    open_first(qtbot, window)
    form = window.reissue_form
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.applicant_name.text() != "", timeout=WAIT_MS)
    form.kind.setCurrentIndex(form.kind.findData(ReissueKind.CHANGE))
    form.reason.setPlainText("户籍迁移后姓名变更，申请换发。")
    next(iter(form.documents.boxes.values())).setChecked(True)
    form.draft_button.click()
    qtbot.waitUntil(lambda: form.request_id is not None, timeout=WAIT_MS)
    draft = form.request_id
    window.close_reissue()
    qtbot.waitUntil(window.reissue_action.isEnabled, timeout=WAIT_MS)  # the detail reloads after the save
    window.reissue_action.trigger()
    qtbot.waitUntil(lambda: form.result.text() == "已打开保存的草稿，可继续填写。", timeout=WAIT_MS)
    assert form.request_id == draft
    assert form.current_kind() is ReissueKind.CHANGE
    assert form.reason.toPlainText() == "户籍迁移后姓名变更，申请换发。"
    assert sum(box.isChecked() for box in form.documents.boxes.values()) == 1
    window.desk.runner.wait_for_done()
    assert ReissueRequest.select().where(ReissueRequest.certificate == certificate.id).count() == 1
    db.close()
