"""The enquiry log driven as a clerk would: opened from a certificate's detail, an enquiry logged about
it, listed with its contact masked, answered and closed; a wrong contact said under the form with
nothing written; the search."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Enquiry
from ruankao_desktop.ui.dialogs.enquiries_dialog import EnquiriesDialog
from ruankao_desktop.ui.main_window import MainWindow
from tests.ui.test_desk_flow import WAIT_MS, first_in_state, open_first, search


def _cell(dialog: EnquiriesDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    return item.text() if item is not None else ""


def _enquiries() -> list[tuple[str, str]]:
    rows = [(e.state, e.contact) for e in Enquiry.select().order_by(Enquiry.id)]
    db.close()
    return rows


def test_an_enquiry_about_a_certificate_logged_answered_and_closed(qtbot: QtBot, window: MainWindow) -> None:
    certificate = first_in_state(window, CertificateState.AWAITING_PICKUP)
    search(qtbot, window, certificate.cert_no)
    open_first(qtbot, window)
    window.detail_pane.enquiry_button.click()
    dialog = window.enquiries_dialog
    qtbot.addWidget(dialog)
    assert dialog.cert_no.text() == certificate.cert_no
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0 and dialog.isVisible(), timeout=WAIT_MS)

    dialog.who.setText("张伟")
    dialog.contact.setText("nobody")
    dialog.question.setPlainText("证书什么时候能领？")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as said:
        dialog.log_button.click()
    assert "联系方式无效" in str(said.args[0]) and dialog.status.text() == str(said.args[0])
    assert _enquiries() == []

    dialog.contact.setText("138 0013 8000")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as said:
        dialog.log_button.click()
    assert str(said.args[0]).startswith("已登记咨询 ")
    assert dialog.table.rowCount() == 1
    assert (_cell(dialog, 0, 4), _cell(dialog, 0, 5), _cell(dialog, 0, 6)) == (
        "138****8000",
        certificate.cert_no,
        "待答复",
    )
    assert _enquiries() == [("open", "13800138000")]

    dialog.table.selectRow(0)
    assert dialog.answer_button.isEnabled()
    dialog.answer.setPlainText("已到达，请本人携带身份证原件领取")
    dialog.close_it.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.answer_button.click()
    assert _cell(dialog, 0, 6) == "已办结"
    assert "→ 已到达" in _cell(dialog, 0, 7)
    assert _enquiries() == [("closed", "13800138000")]


def test_the_log_is_searched(qtbot: QtBot, window: MainWindow) -> None:
    dialog = EnquiriesDialog(window, window.desk)
    qtbot.addWidget(dialog)
    dialog.show()
    for who, question in (("张伟", "邮寄要多久"), ("李娜", "补办需要什么材料")):
        dialog.who.setText(who)
        dialog.contact.setText("13800138000")
        dialog.question.setPlainText(question)
        with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
            dialog.log_button.click()
    assert dialog.table.rowCount() == 2
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.search.setText("补办")
    assert dialog.table.rowCount() == 1 and _cell(dialog, 0, 3) == "李娜"
