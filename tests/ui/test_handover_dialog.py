"""The handover dialog driven as a clerk would, for each kind: the tab filled in, the scan attached, OK;
the certificate's new state in the detail pane; a wrong detail shown inline with the cursor in its field
and nothing written; the proxy tabs off where the centre forbids proxies."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate, Distribution, HandoverAttachment, Holder
from ruankao_desktop.ui.dialogs.handover_dialog import Handed, HandoverDialog
from ruankao_desktop.ui.main_window import MainWindow
from tests.scans import not_a_scan, pdf_scan, png_scan
from tests.ui.test_desk_flow import WAIT_MS, first_in_state, open_first, search
from tests.ui.test_printing_flow import WAIT_MS as RENDER_MS  # a first PDF loads its fonts


def _dialog(qtbot: QtBot, window: MainWindow) -> tuple[HandoverDialog, Certificate, str]:
    """The dialog over a certificate waiting at the centre, opened from its detail; and another
    person's valid ID number."""
    certificate = first_in_state(window, CertificateState.AWAITING_PICKUP)
    other = Holder.select().where(Holder.id != certificate.holder_id).first().id_number
    db.close()
    search(qtbot, window, certificate.cert_no)
    detail = open_first(qtbot, window)
    dialog = HandoverDialog(window, window.desk, detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, certificate, other


def _submit(qtbot: QtBot, dialog: HandoverDialog) -> None:
    dialog.submit()
    qtbot.waitUntil(
        lambda: dialog.result() == QDialog.DialogCode.Accepted or dialog.error.isVisible(), timeout=WAIT_MS
    )


def _handovers(certificate: Certificate) -> tuple[int, int]:
    counts = (
        Distribution.select()
        .where((Distribution.certificate == certificate.id) & (Distribution.event == "handover"))
        .count(),
        HandoverAttachment.select().count(),
    )
    db.close()
    return counts


def _state_after(qtbot: QtBot, window: MainWindow, certificate: Certificate) -> str:
    pane = window.detail_pane
    with qtbot.waitSignal(pane.detail_shown, timeout=WAIT_MS):
        pane.reload()
    return pane.state_badge.text()


def test_a_proxy_with_the_authorisation_attached(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog, certificate, other = _dialog(qtbot, window)
    scan = tmp_path / "委托书.pdf"
    scan.write_bytes(pdf_scan().data)
    dialog.choose(HandoverMethod.PROXY)
    dialog.proxy_name.setText("李四")
    dialog.proxy_id.setText(other)
    dialog.authorisation.set_path(scan)
    dialog.id_copy.setChecked(True)
    _submit(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert _handovers(certificate) == (1, 1)
    assert _state_after(qtbot, window, certificate) == "已代领"
    assert window.detail_pane.fields["receipt"].text().startswith("代领：李四 · 证件 ")
    assert other not in window.detail_pane.fields["receipt"].text()
    assert window.detail_pane.collector_reveal_button.isEnabled()


def test_a_unit_with_its_letter(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog, certificate, _ = _dialog(qtbot, window)
    letter = tmp_path / "证明.png"
    letter.write_bytes(png_scan().data)
    dialog.choose(HandoverMethod.UNIT)
    dialog.unit_name.setText("北京某某科技有限公司")
    dialog.unit_contact.setText("王五")
    dialog.letter.set_path(letter)
    _submit(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert _state_after(qtbot, window, certificate) == "已代领"
    assert (
        window.detail_pane.fields["receipt"].text().startswith("单位代领：北京某某科技有限公司 · 经办人 王五")
    )
    assert not window.detail_pane.collector_reveal_button.isEnabled()


def test_a_mailing_with_its_tracking_number(qtbot: QtBot, window: MainWindow) -> None:
    dialog, certificate, _ = _dialog(qtbot, window)
    dialog.choose(HandoverMethod.MAIL)
    dialog.address.setText("北京市海淀区中关村大街27号")
    dialog.phone.setText("138-0013-8000")
    dialog.courier.setCurrentText("顺丰速运")
    dialog.tracking.setText("sf 1234 5678 9012")
    _submit(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert _state_after(qtbot, window, certificate) == "已邮寄"
    assert window.detail_pane.fields["receipt"].text().startswith("邮寄：顺丰速运 SF123456789012")


@pytest.mark.parametrize(
    ("case", "focused", "message"),
    [
        ("invalid proxy id", "proxy_id", "代领人证件号码：证件号码校验位不对"),
        ("not a scan", "authorisation", "不是完整的 PDF、JPG 或 PNG 文件"),
        ("id copy not ticked", "id_copy", "已查验持证人身份证复印件"),
        ("tracking number", "tracking_no", "快递单号无效"),
    ],
)
def test_a_wrong_detail_is_shown_in_its_field_and_nothing_is_written(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, *, case: str, focused: str, message: str
) -> None:
    dialog, certificate, other = _dialog(qtbot, window)
    scan = tmp_path / "委托书.pdf"
    scan.write_bytes(not_a_scan().data if case == "not a scan" else pdf_scan().data)
    if case == "tracking number":
        dialog.choose(HandoverMethod.MAIL)
        dialog.address.setText("北京市海淀区中关村大街27号")
        dialog.phone.setText("13800138000")
        dialog.courier.setCurrentText("顺丰速运")
        dialog.tracking.setText("SF12")
    else:
        dialog.choose(HandoverMethod.PROXY)
        dialog.proxy_name.setText("李四")
        dialog.proxy_id.setText("110101199003071234" if case == "invalid proxy id" else other)
        dialog.authorisation.set_path(scan)
        dialog.id_copy.setChecked(case != "id copy not ticked")
    _submit(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert message in dialog.error.text()
    assert QApplication.focusWidget() is dialog._fields[focused] or dialog._fields[focused].hasFocus()
    assert dialog.buttons.isEnabled()
    assert _handovers(certificate) == (0, 0)


def test_the_proxy_tabs_are_off_where_the_centre_forbids_proxies(qtbot: QtBot, window: MainWindow) -> None:
    window.desk.settings = replace(window.desk.settings, proxies_allowed=False)
    dialog, _, _ = _dialog(qtbot, window)
    enabled = {method: dialog.kinds.isTabEnabled(index) for index, method in enumerate(HandoverMethod)}
    assert enabled == {
        HandoverMethod.SELF: True,
        HandoverMethod.PROXY: False,
        HandoverMethod.UNIT: False,
        HandoverMethod.MAIL: True,
    }
    assert dialog.kinds.tabToolTip(1) == "本考点不允许他人代领或单位代领"


def test_the_slip_is_previewed_at_once_after_the_handover(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    certificate = first_in_state(window, CertificateState.AWAITING_PICKUP)
    holder_id = certificate.holder.id_number
    db.close()
    search(qtbot, window, certificate.cert_no)
    open_first(qtbot, window)
    pane = window.detail_pane
    assert not pane.slip_button.isEnabled()  # nothing handed over yet

    def ask(parent: object, desk: object, detail: object) -> Handed:
        dialog = HandoverDialog(window, window.desk, pane.shown())  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        assert dialog.slip_check.isChecked()
        dialog.id_input.setText(holder_id)
        _submit(qtbot, dialog)
        return Handed.PRINT_SLIP

    monkeypatch.setattr(HandoverDialog, "ask", ask)
    with qtbot.waitSignal(pane.preview_shown, timeout=RENDER_MS) as previewed:
        pane.handover_button.click()
    assert previewed.args[0].kind == "handover_slip"
    assert pane.preview is not None
    pane.preview.close()
    qtbot.waitUntil(pane.slip_button.isEnabled, timeout=WAIT_MS)
    assert window.slip_action.isEnabled()
    with qtbot.waitSignal(pane.preview_shown, timeout=RENDER_MS) as again:
        pane.slip_button.click()
    assert again.args[0].kind == "handover_slip" and again.args[0].serial != previewed.args[0].serial
