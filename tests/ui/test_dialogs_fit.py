"""Every dialog fits its text, in Chinese and in English, at a normal text size and at 150 %: no visible
label is clipped (a word-wrapped one is as tall as its text needs at the width it got, any other is as
large as its size hint), and every label lies inside the dialog. Dialogs that can show an error are
checked with it showing. Each dialog's picture is saved (`--screenshot-dir docs/screenshots/dialogs` for
the README's; a temporary folder otherwise) before it is checked, so a failure leaves the picture.

How 150 % is simulated: Qt 6 scales a whole window at 150 % — QT_SCALE_FACTOR=1.5 and QT_FONT_DPI=144
both only set a device pixel ratio of 1.5 — so in the logical pixels that layouts use, a dialog at 150 %
is laid out exactly as at 100 % and a subprocess with those variables would check nothing new. What does
clip is text larger than the pixel sizes a dialog was given (Windows' "make text bigger", a large system
font, Qt 5's scaling): so these tests scale every point size by 1.5, the application font's and each one
in the application stylesheet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id
from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.services.enquiries import Channel, EnquiryService
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.services.reissue_workflow import ReissueWorkflow
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate, ExamSession
from ruankao_desktop.ui.dialogs.batch_dialog import BatchDialog
from ruankao_desktop.ui.dialogs.enquiries_dialog import EnquiriesDialog
from ruankao_desktop.ui.dialogs.expiring_dialog import ExpiringDialog
from ruankao_desktop.ui.dialogs.export_dialog import ExportDialog
from ruankao_desktop.ui.dialogs.handover_dialog import HandoverDialog
from ruankao_desktop.ui.dialogs.import_wizard import ImportWizard
from ruankao_desktop.ui.dialogs.overview_dialog import OverviewDialog
from ruankao_desktop.ui.dialogs.reissue_queue import ReissueQueueDialog
from ruankao_desktop.ui.dialogs.reveal_dialog import RevealDialog
from ruankao_desktop.ui.dialogs.session_dialog import SessionDialog
from ruankao_desktop.ui.dialogs.verify_dialog import VerifyDialog
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.resources import stylesheet
from tests.core.services.test_reissue import application
from tests.helpers import TEST_ACTOR, TODAY
from tests.scans import not_a_scan
from tests.ui.test_import_wizard import write_renaming_list

WAIT_MS = 15_000
# The national standard's sample number (GB 11643): a valid ID number that belongs to no demo holder.
SAMPLE_ID = "11010519491231002X"
SHOWCASE_ID = "110105199003071239"

Opener = Callable[[QtBot, MainWindow, Path], QWidget]


def scaled_points(sheet: str, scale: float) -> str:
    return re.sub(r"(\d+(?:\.\d+)?)pt", lambda size: f"{float(size[1]) * scale:g}pt", sheet)


@pytest.fixture(params=[1.0, 1.5], ids=["100%", "150%"])
def text_scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[float]:
    """The application's own look (the tests' QApplication starts without it), every point size scaled."""
    scale: float = request.param
    font, sheet = qapp.font(), qapp.styleSheet()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * scale)
    qapp.setFont(larger)
    qapp.setStyleSheet(scaled_points(stylesheet(), scale))
    yield scale
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


@pytest.fixture
def screenshot_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    chosen: Path | None = request.config.getoption("--screenshot-dir")
    folder = chosen or tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shown(qtbot: QtBot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def refused_pickup(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    """The pickup dialog after a card that is not the holder's: its longest error."""
    certificate_id = window.desk.lookup.search_ids(Criteria(state=CertificateState.AWAITING_PICKUP)).ids[0]
    detail = window.desk.certificates.detail(certificate_id)
    db.close()  # the test thread's connection: the window's workers have their own
    dialog = HandoverDialog(window, window.desk, detail)
    shown(qtbot, dialog)
    dialog.id_input.setText(SAMPLE_ID)
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    dialog.id_input.setText(mask_id(SAMPLE_ID, STAFF_POLICY))  # the pictures show no full ID number
    return dialog


def refused_proxy(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    """The proxy tab after a 委托书 that is not a scan: its longest error."""
    certificate_id = window.desk.lookup.search_ids(Criteria(state=CertificateState.AWAITING_PICKUP)).ids[0]
    detail = window.desk.certificates.detail(certificate_id)
    db.close()
    dialog = HandoverDialog(window, window.desk, detail)
    shown(qtbot, dialog)
    scan = tmp_path / "委托书（持证人签字）.docx"
    scan.write_bytes(not_a_scan().data)
    dialog.choose(HandoverMethod.PROXY)
    dialog.proxy_name.setText("欧阳·娜依古丽")
    dialog.proxy_id.setText(SAMPLE_ID)
    dialog.authorisation.set_path(scan)
    dialog.id_copy.setChecked(True)
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    dialog.proxy_id.setText(mask_id(SAMPLE_ID, STAFF_POLICY))
    return dialog


def mail_form(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    """The mail tab, filled in."""
    certificate_id = window.desk.lookup.search_ids(Criteria(state=CertificateState.AWAITING_PICKUP)).ids[0]
    detail = window.desk.certificates.detail(certificate_id)
    db.close()
    dialog = HandoverDialog(window, window.desk, detail)
    shown(qtbot, dialog)
    dialog.choose(HandoverMethod.MAIL)
    dialog.address.setText("新疆维吾尔自治区乌鲁木齐市天山区解放南路 88 号 3 单元 502 室")
    dialog.phone.setText("138 0013 8000")
    dialog.courier.setCurrentText("中国邮政EMS")
    dialog.tracking.setText("1178 2345 6789 0")
    return dialog


def reissue_queue(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    """The queue with applications at three steps, one returned with its reason."""
    ids = window.desk.lookup.search_ids(Criteria(state=CertificateState.COLLECTED)).ids[:4]
    numbers = []
    for certificate_id in ids:
        certificate = Certificate.get_by_id(certificate_id)
        submitted = ReissueService(today=lambda: TODAY).submit(
            application(certificate), TEST_ACTOR, expected_version=certificate.version
        )
        numbers.append(submitted.tracking_no)
    workflow = ReissueWorkflow(window.desk.settings, today=lambda: TODAY)
    workflow.approve(numbers[0], TEST_ACTOR)
    workflow.approve(numbers[1], TEST_ACTOR)
    workflow.report(tmp_path, TEST_ACTOR, tracking_nos=[numbers[1]])
    workflow.send_back(numbers[2], "照片不是白底，请重新拍摄后再交", TEST_ACTOR)
    db.close()
    dialog = ReissueQueueDialog(window, window.desk)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.selectRow(0)
    return dialog


def enquiries(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    """The log with two enquiries, one answered, and a refused third under the form."""
    service = EnquiryService(today=lambda: TODAY)
    cert_no = Certificate.get_by_id(1).cert_no
    first = service.log(
        channel=Channel.PHONE,
        who="欧阳·娜依古丽",
        contact="13800138000",
        question="2026年上半年的证书到了吗？可以请同事代领吗？",
        cert_no=cert_no,
        actor=TEST_ACTOR,
    )
    service.answer(first.row.id, answer="已到达；代领需委托书和双方身份证", actor=TEST_ACTOR)
    service.log(
        channel=Channel.EMAIL,
        who="张伟",
        contact="zhang.wei@example.com",
        question="证书遗失怎么补办？",
        due_on=TODAY,
        actor=TEST_ACTOR,
    )
    db.close()
    dialog = EnquiriesDialog(window, window.desk)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    qtbot.waitExposed(dialog)
    dialog.who.setText("李四")
    dialog.contact.setText("12345")
    dialog.question.setPlainText("邮寄要多久？")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.log_button.click()
    return dialog


def overview(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    dialog = OverviewDialog(window, window.desk)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def session(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    """A past session's certificates waiting for pickup, one selected, and a refused arrival list."""
    past = ExamSession.get(ExamSession.code == "2025H2").id
    db.close()
    dialog = SessionDialog(window, window.desk)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.session.setCurrentIndex(dialog.session.findData(past))
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show_state(CertificateState.AWAITING_PICKUP)
    dialog.table.selectRow(0)
    listed = tmp_path / "到达清单.csv"
    listed.write_text("证书编号\nC99990000001\n", encoding="utf-8")
    with (
        patch.object(SessionDialog, "ask_list_file", classmethod(lambda cls, parent: listed)),
        patch.object(SessionDialog, "ask_day", classmethod(lambda cls, parent, prompt, today: TODAY)),
        qtbot.waitSignal(dialog.acted, timeout=WAIT_MS),
    ):
        dialog.arrive_list_button.click()
    return dialog


def expiring(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    dialog = ExpiringDialog(window, window.desk)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.selectRow(0)
    return dialog


def reveal(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    return shown(qtbot, RevealDialog(window, "欧阳·娜依古丽"))


def verified_code(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    dialog = VerifyDialog(window, window.desk)
    shown(qtbot, dialog)
    dialog.input.setText("0000-0000-0000-0000")
    with qtbot.waitSignal(dialog.verified, timeout=WAIT_MS):
        dialog.verify_input()
    return dialog


def batch_refused(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    dialog = BatchDialog(window, window.desk)
    shown(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.session.count() > 0, timeout=WAIT_MS)
    dialog.start(tmp_path / "没有这个文件夹" / "核验件.pdf")
    qtbot.waitUntil(dialog.start_button.isEnabled, timeout=WAIT_MS)
    return dialog


def export_refused(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    dialog = ExportDialog(window, window.desk, [1, 2, 3])
    shown(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.session.count() > 0, timeout=WAIT_MS)
    dialog.pickup_choice.setChecked(True)
    dialog.session.setCurrentIndex(-1)
    dialog.export_to(tmp_path / "领取名单.xlsx")
    qtbot.waitUntil(dialog.start_button.isEnabled, timeout=WAIT_MS)
    return dialog


def preview_refused(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    """The print preview of the showcase copy, after saving over an existing file was refused."""
    pane = window.lookup_pane
    pane.input.setText(SHOWCASE_ID)
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        pane.search_now()
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        window.detail_pane.show_certificate(pane.model.certificate_id(0) or 0)
    with qtbot.waitSignal(window.detail_pane.preview_shown, timeout=WAIT_MS):
        window.detail_pane.print_button.click()
    preview = window.detail_pane.preview
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.pages.count() == 1, timeout=WAIT_MS)
    existing = tmp_path / "已有的文件.pdf"
    existing.write_bytes(b"%PDF-1.4\n")
    preview.save_to(existing)
    qtbot.waitUntil(preview.save_button.isEnabled, timeout=WAIT_MS)
    return preview


def import_wizard(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    return shown(qtbot, ImportWizard(window, window.desk))


def import_preview(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> QWidget:
    """The wizard's preview of a list that renames a holder: the identity change and its confirmation."""
    write_renaming_list(tmp_path / "名单.csv")
    wizard = ImportWizard(window, window.desk)
    shown(qtbot, wizard)
    wizard.file_page.path.setText(str(tmp_path / "名单.csv"))
    with qtbot.waitSignal(wizard.previewed, timeout=WAIT_MS):
        wizard.next()
    assert wizard.preview_page.accept_changes.isVisible()
    return wizard


DIALOGS: dict[str, Opener] = {
    "handover": refused_pickup,
    "handover-proxy": refused_proxy,
    "handover-mail": mail_form,
    "reissue-queue": reissue_queue,
    "enquiries": enquiries,
    "overview": overview,
    "session": session,
    "expiring": expiring,
    "reveal": reveal,
    "verify": verified_code,
    "batch": batch_refused,
    "export": export_refused,
    "print-preview": preview_refused,
    "import": import_wizard,
    "import-preview": import_preview,
}


def settle(dialog: QWidget) -> None:
    """Deliver the layout requests that the event loop handles before the next paint (a shown error, a
    new language), so that the dialog is measured as the operator would see it."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)


def scrolled(label: QLabel, dialog: QWidget) -> bool:
    """Inside a scroll area: shown in part by design (the pages of a preview)."""
    parent = label.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def clipped_labels(dialog: QWidget) -> list[str]:
    inside = dialog.rect()
    problems = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisible() or scrolled(label, dialog):
            continue
        name = f"{label.objectName() or type(label.parentWidget()).__name__} «{label.text()[:40]}»"
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if label.height() < needed:
                problems.append(f"{name}: {label.height()} px tall at {label.width()} px, needs {needed}")
        else:
            hint = label.sizeHint()
            if label.width() < hint.width() or label.height() < hint.height():
                problems.append(
                    f"{name}: {label.width()}×{label.height()}, needs {hint.width()}×{hint.height()}"
                )
        placed = QRect(label.mapTo(dialog, QPoint(0, 0)), label.size())
        if not inside.contains(placed):
            problems.append(f"{name}: at {placed.getRect()}, outside the dialog's {inside.getRect()}")
    minimum = dialog.minimumSizeHint()
    if dialog.width() < minimum.width() or dialog.height() < minimum.height():
        problems.append(f"the dialog is {dialog.width()}×{dialog.height()}, its layout needs {minimum}")
    return problems


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(DIALOGS))
def test_the_dialog_fits_its_text(
    name: str,
    lang: str,
    *,
    text_scale: float,
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    if lang == "en":
        window.set_language("en")
    dialog = DIALOGS[name](qtbot, window, tmp_path)
    settle(dialog)
    dialog.grab().save(str(screenshot_dir / f"{name}-{lang}-{round(text_scale * 100)}.png"))
    assert clipped_labels(dialog) == []
