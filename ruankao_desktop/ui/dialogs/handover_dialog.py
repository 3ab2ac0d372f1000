"""Recording a handover (docs/domain.md "Handing certificates over"): one tab per kind — in person (the
number on the ID card, scanned or typed), by a proxy (name, ID number, the signed 委托书 and the holder's
ID copy), by the employer (its name, who came, its letter) or by mail (address, phone, courier, tracking
number). Proxies are off where the centre's setting forbids them.

The scans are read and everything is checked and written in the background; a refusal is shown inline
and puts the cursor in the field it is about — except that the certificate changed at another desk since
it was shown: then there is nothing to correct here, so the dialog closes and the detail pane shows the
certificate again."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import TypeAlias

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.handover import (
    Attachment,
    ByMail,
    ByProxy,
    ByUnit,
    Handover,
    HandoverInvalid,
    InPerson,
)
from ruankao_desktop.core.domain.status import HandoverMethod
from ruankao_desktop.core.errors import KnownError, StaleRecord
from ruankao_desktop.core.services.certificates import CertificateDetail
from ruankao_desktop.core.services.handover import scan_at
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text

# The couriers offered first; any other may be typed.
COURIERS = ("中国邮政EMS", "顺丰速运", "京东物流", "中通快递", "圆通速递", "韵达快递", "申通快递")
KINDS = (HandoverMethod.SELF, HandoverMethod.PROXY, HandoverMethod.UNIT, HandoverMethod.MAIL)


class Handed(IntEnum):
    """What `HandoverDialog.ask` reports: cancelled, recorded, or recorded with its slip to print."""

    CANCELLED = 0
    RECORDED = 1
    PRINT_SLIP = 2


# What the current tab says, built by the worker (which reads the scans).
_Build: TypeAlias = Callable[[], Handover]


class ScanPicker(QWidget):
    """A scanned document to attach: a button that opens a file dialog, and the file chosen."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.button = QPushButton()
        self.button.setObjectName(name)
        self.chosen = QLabel()
        self.chosen.setObjectName("hintText")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.chosen, 1)
        self.button.clicked.connect(self.choose)
        self.retranslate_ui()

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择扫描件"),
            str(Path.home()),
            self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)"),
        )
        if path:
            self.set_path(Path(path))

    def set_path(self, path: Path) -> None:
        self.path = path
        self.chosen.setText(path.name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.button.setText(self.tr("附上扫描件…"))
        if self.path is None:
            self.chosen.setText(self.tr("未附（PDF、JPG 或 PNG，10 MB 以内）"))


class HandoverDialog(QDialog):
    def __init__(self, parent: QWidget | None, desk: DeskContext, detail: CertificateDetail) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self._desk = desk
        self._detail = detail
        self.stale: StaleRecord | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.kinds = QTabWidget()
        self.kinds.setObjectName("handoverKinds")
        # 本人
        self.id_input = _line("presentedIdInput")
        # 代领
        self.proxy_name = _line("proxyNameInput")
        self.proxy_id = _line("proxyIdInput")
        self.authorisation = ScanPicker("authorisationButton")
        self.id_copy = QCheckBox()
        self.id_copy.setObjectName("idCopyCheck")
        # 单位代领
        self.unit_name = _line("unitNameInput")
        self.unit_contact = _line("unitContactInput")
        self.letter = ScanPicker("letterButton")
        # 邮寄
        self.address = _line("addressInput")
        self.phone = _line("phoneInput")
        self.courier = QComboBox()
        self.courier.setObjectName("courierInput")
        self.courier.setEditable(True)
        self.courier.addItems(COURIERS)
        self.courier.setCurrentIndex(-1)
        self.tracking = _line("trackingInput")
        self._labels: dict[str, QLabel] = {}
        self._hints: dict[HandoverMethod, QLabel] = {}
        rows: dict[HandoverMethod, list[tuple[str, QWidget]]] = {
            HandoverMethod.SELF: [("presented_id", self.id_input)],
            HandoverMethod.PROXY: [
                ("proxy_name", self.proxy_name),
                ("proxy_id", self.proxy_id),
                ("authorisation", self.authorisation),
                ("id_copy", self.id_copy),
            ],
            HandoverMethod.UNIT: [
                ("unit", self.unit_name),
                ("contact", self.unit_contact),
                ("letter", self.letter),
            ],
            HandoverMethod.MAIL: [
                ("address", self.address),
                ("phone", self.phone),
                ("courier", self.courier),
                ("tracking_no", self.tracking),
            ],
        }
        self._fields: dict[str, QWidget] = {}
        for method in KINDS:
            page = QWidget()
            page.setObjectName(f"handover_{method.value}")
            column = QVBoxLayout(page)
            hint = QLabel()
            hint.setObjectName("hintText")
            hint.setWordWrap(True)
            self._hints[method] = hint
            column.addWidget(hint)
            form = QFormLayout()
            for field, widget in rows[method]:
                label = QLabel()
                self._labels[field] = label
                self._fields[field] = widget
                form.addRow(label, widget)
            column.addLayout(form)
            column.addStretch(1)
            self.kinds.addTab(page, "")
        if not desk.settings.proxies_allowed:
            for method in (HandoverMethod.PROXY, HandoverMethod.UNIT):
                self.kinds.setTabEnabled(KINDS.index(method), False)
        self.slip_check = QCheckBox()
        self.slip_check.setObjectName("printSlipCheck")
        self.slip_check.setChecked(True)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.kinds)
        layout.addWidget(self.slip_check)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.kinds.currentChanged.connect(self._kind_changed)
        self.retranslate_ui()
        fit_to_text(self)
        self.id_input.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, desk: DeskContext, detail: CertificateDetail) -> Handed:
        """Whether the handover was recorded, and its slip is to be printed. Raises `StaleRecord` when
        the certificate changed since it was shown (nothing was recorded). Tests replace this classmethod."""
        dialog = cls(parent, desk, detail)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        stale, slip = dialog.stale, dialog.slip_check.isChecked()
        dialog.deleteLater()  # not kept as the pane's child after every handover
        if stale is not None:
            raise stale
        if not accepted:
            return Handed.CANCELLED
        return Handed.PRINT_SLIP if slip else Handed.RECORDED

    @property
    def method(self) -> HandoverMethod:
        return KINDS[self.kinds.currentIndex()]

    def choose(self, method: HandoverMethod) -> None:
        self.kinds.setCurrentIndex(KINDS.index(method))

    def submit(self) -> None:
        """Check and record what the current tab holds, in the background."""
        build = self._handover()
        detail, desk = self._detail, self._desk
        certificate_id = detail.summary.certificate_id
        self.buttons.setEnabled(False)
        desk.runner.run(
            lambda: desk.handover.record(
                certificate_id, build(), expected_version=detail.version, actor=desk.actor
            ),
            on_success=lambda _changed: self.accept(),
            on_failure=self._refused,
            write=True,
        )

    def _handover(self) -> _Build:
        """What the current tab says, as a call the worker makes (it reads the scans there)."""
        method = self.method
        if method is HandoverMethod.SELF:
            presented = self.id_input.text()
            return lambda: InPerson(presented)
        if method is HandoverMethod.PROXY:
            name, number, scan = self.proxy_name.text(), self.proxy_id.text(), self.authorisation.path
            seen = self.id_copy.isChecked()
            return lambda: ByProxy(name, number, _read(scan, "authorisation"), holder_id_copy=seen)
        if method is HandoverMethod.UNIT:
            unit, contact, letter = self.unit_name.text(), self.unit_contact.text(), self.letter.path
            return lambda: ByUnit(unit, contact, _read(letter, "letter"))
        mail = ByMail(
            self.address.text(), self.phone.text(), self.courier.currentText(), self.tracking.text()
        )
        return lambda: mail

    def _refused(self, problem: KnownError) -> None:
        if isinstance(problem, StaleRecord):
            self.stale = problem
            self.reject()
            return
        self.buttons.setEnabled(True)
        self.error.setText(problem.message(self._desk.i18n.lang))
        self.error.show()
        field = problem.field if isinstance(problem, HandoverInvalid) else None
        widget = self._fields.get(field or "")
        if widget is None:
            return
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def _kind_changed(self, _index: int) -> None:
        self.error.hide()
        self.error.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        summary = self._detail.summary
        self.setWindowTitle(self.tr("登记领取"))
        self.intro.setText(
            self.tr("证书 %1 · 持证人 %2").replace("%1", summary.cert_no).replace("%2", summary.name)
        )
        tabs = {
            HandoverMethod.SELF: self.tr("本人领取"),
            HandoverMethod.PROXY: self.tr("他人代领"),
            HandoverMethod.UNIT: self.tr("单位代领"),
            HandoverMethod.MAIL: self.tr("邮寄"),
        }
        hints = {
            HandoverMethod.SELF: self.tr("核验本人身份证原件，扫描或输入证件号码。"),
            HandoverMethod.PROXY: self.tr(
                "核验代领人身份证原件，收取持证人签字的委托书（扫描附上）并查验持证人身份证复印件。"
            ),
            HandoverMethod.UNIT: self.tr("单位代领需单位出具的介绍信或证明（扫描附上），并登记经办人。"),
            HandoverMethod.MAIL: self.tr("按持证人提供的地址寄出，登记快递公司和快递单号。"),
        }
        forbidden = self.tr("本考点不允许他人代领或单位代领")
        for method in KINDS:
            index = KINDS.index(method)
            self.kinds.setTabText(index, tabs[method])
            enabled = self.kinds.isTabEnabled(index)
            self.kinds.setTabToolTip(index, "" if enabled else forbidden)
            self._hints[method].setText(hints[method])
        labels = {
            "presented_id": self.tr("出示的证件号码"),
            "proxy_name": self.tr("代领人姓名"),
            "proxy_id": self.tr("代领人证件号码"),
            "authorisation": self.tr("委托书"),
            "id_copy": self.tr("复印件"),
            "unit": self.tr("单位名称"),
            "contact": self.tr("经办人姓名"),
            "letter": self.tr("单位证明"),
            "address": self.tr("邮寄地址"),
            "phone": self.tr("收件电话"),
            "courier": self.tr("快递公司"),
            "tracking_no": self.tr("快递单号"),
        }
        for field, text in labels.items():
            self._labels[field].setText(text)
        self.id_copy.setText(self.tr("已查验持证人身份证复印件"))
        self.slip_check.setText(self.tr("登记后打印领取单，请领取人签字"))


def _line(name: str) -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    return line


def _read(path: Path | None, field: str) -> Attachment | None:
    return scan_at(path, field) if path is not None else None
