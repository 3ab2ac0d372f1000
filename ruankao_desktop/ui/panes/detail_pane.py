"""The certificate-detail pane: every field the candidate may ask about, the state in plain words with the
next step, the history, and the actions (print a copy, record a handover, start a reissue).

The full ID number stays masked; revealing it asks for a reason, is audited, and masks again after
`REVEAL_SECONDS` or when another certificate is opened.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.certificates import CertificateDetail
from ruankao_desktop.core.services.distribution import HANDOVER_ALLOWED
from ruankao_desktop.ui.context import Change, DeskContext
from ruankao_desktop.ui.dialogs.handover_dialog import HandoverDialog
from ruankao_desktop.ui.dialogs.reveal_dialog import RevealDialog
from ruankao_desktop.ui.resources import icon, state_colours

if TYPE_CHECKING:
    from ruankao_desktop.core.services.printing import RenderedDocument
    from ruankao_desktop.ui.dialogs.print_preview import PrintPreview

REVEAL_SECONDS = 30
REISSUE_BLOCKED = frozenset(
    {CertificateState.REVOKED, CertificateState.SUPERSEDED, CertificateState.REISSUE_IN_PROGRESS}
)


class DetailPane(QFrame):
    reissue_requested = Signal(int)
    preview_shown = Signal(object)  # RenderedDocument
    actions_changed = Signal()
    detail_shown = Signal(int)
    status_message = Signal(str)

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setProperty("pane", True)
        self._desk = desk
        self.detail: CertificateDetail | None = None
        self._loading = False
        self._printing = False
        self.preview: PrintPreview | None = None
        self._certificate_id: int | None = None
        self._revealed_number: str | None = None

        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.empty = QLabel()
        self.empty.setObjectName("hintText")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()

        self.state_badge = QLabel()
        self.state_badge.setObjectName("stateBadge")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.next_step_title = QLabel()
        self.next_step_title.setObjectName("sectionTitle")
        self.next_step = QLabel()
        self.next_step.setObjectName("nextStepText")
        self.next_step.setWordWrap(True)
        next_frame = QFrame()
        next_frame.setObjectName("nextStep")
        next_layout = QVBoxLayout(next_frame)
        state_row = QHBoxLayout()
        state_row.addWidget(self.state_badge)
        state_row.addWidget(self.explanation, 1)
        next_layout.addLayout(state_row)
        next_layout.addWidget(self.next_step_title)
        next_layout.addWidget(self.next_step)

        self.fields: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(7)
        self.reveal_button = QToolButton()
        self.reveal_button.setObjectName("revealIdButton")
        self.reveal_button.setIcon(icon("reveal"))
        for key in (
            "name",
            "id",
            "phone",
            "qualification",
            "level",
            "category",
            "session",
            "cert_no",
            "management_no",
            "approved_on",
            "issuer",
            "valid_until",
            "arrival",
            "deadline",
            "supersedes",
            "notes",
        ):
            label = QLabel()
            label.setObjectName("fieldLabel")
            value = QLabel()
            value.setObjectName("fieldValue")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._labels[key], self.fields[key] = label, value
            if key == "id":
                row = QHBoxLayout()
                row.addWidget(value, 1)
                row.addWidget(self.reveal_button)
                form.addRow(label, row)
            else:
                form.addRow(label, value)

        self.history_title = QLabel()
        self.history_title.setObjectName("sectionTitle")
        self.history = QListWidget()
        self.history.setObjectName("historyList")
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.print_button = QPushButton(icon("print"), "")
        self.print_button.setObjectName("printCopyButton")
        self.handover_button = QPushButton(icon("handover"), "")
        self.handover_button.setObjectName("handoverButton")
        self.reissue_button = QPushButton(icon("reissue"), "")
        self.reissue_button.setObjectName("startReissueButton")
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.handover_button)
        actions.addWidget(self.reissue_button)
        actions.addStretch(1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.addWidget(next_frame)
        body_layout.addLayout(form)
        body_layout.addWidget(self.history_title)
        body_layout.addWidget(self.history)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(scroll, 1)
        content_layout.addLayout(actions)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        layout.addWidget(self.stack, 1)

        self._mask_timer = QTimer(self)
        self._mask_timer.setSingleShot(True)
        self._mask_timer.timeout.connect(self._mask_again)
        self.reveal_button.clicked.connect(self.reveal_id)
        self.handover_button.clicked.connect(self.record_handover)
        self.reissue_button.clicked.connect(self._start_reissue)
        self.print_button.clicked.connect(self.print_copy)
        desk.bus.certificate_changed.connect(self._certificate_changed)
        desk.i18n.language_changed.connect(lambda _lang: self._render())
        self.retranslate_ui()
        self._update_actions()

    # Loading ------------------------------------------------------------------------------------------

    def show_certificate(self, certificate_id: int) -> None:
        """Load `certificate_id` in the background. Until it is shown, the actions are off: a quick Enter
        then Ctrl+P must not act on the certificate shown before. A revealed number stays revealed when the
        same certificate is merely reloaded after a change."""
        if certificate_id != self._certificate_id:
            self._mask_again()
        self._certificate_id = certificate_id
        self._loading = True
        self._update_actions()
        certificates = self._desk.certificates
        self._desk.runner.run(
            lambda: certificates.detail(certificate_id),
            on_success=lambda detail: self._loaded(certificate_id, detail),
            on_failure=self._failed,
        )

    def _loaded(self, certificate_id: int, detail: CertificateDetail) -> None:
        if certificate_id != self._certificate_id:
            return
        self._loading = False
        self.detail = detail
        self.error.hide()
        self._render()
        self.stack.setCurrentIndex(1)
        self.detail_shown.emit(certificate_id)

    def _failed(self, problem: KnownError) -> None:
        self._loading = False
        self.error.setText(problem.message(self._desk.i18n.lang))
        self.error.show()

    def _certificate_changed(self, change: Change) -> None:
        if change.certificate_id == self._certificate_id:
            self.show_certificate(change.certificate_id)

    # Rendering ----------------------------------------------------------------------------------------

    def _render(self) -> None:
        detail = self.detail
        if detail is None:
            return
        lang = self._desk.i18n.lang
        summary = detail.summary
        background, foreground = state_colours(detail.state)
        self.state_badge.setText(detail.state.text(lang))
        self.state_badge.setStyleSheet(
            f"background:{background.name()};color:{foreground.name()};border-radius:9px;"
            "padding:3px 10px;font-weight:600;"
        )
        self.explanation.setText(detail.explanation(lang))
        self.next_step.setText(detail.next_step(lang))
        values = {
            "name": summary.name,
            "id": self._revealed_number or summary.id_masked,
            "phone": detail.phone_masked,
            "qualification": summary.qualification,
            "level": summary.level_text(lang),
            "category": render(f"category.{detail.category}", lang),
            "session": summary.session,
            "cert_no": summary.cert_no,
            "management_no": summary.management_no,
            "approved_on": _date(detail.approved_on),
            "issuer": summary.issuer,
            "valid_until": summary.valid_until_text(lang),
            "arrival": _date(detail.arrived_on)
            if detail.arrived_on
            else self.tr("预计 %1").replace("%1", _date(detail.expected_arrival)),
            "deadline": _date(detail.pickup_deadline),
            "supersedes": detail.supersedes or summary.superseded_by or "—",
            "notes": detail.session_notes or "—",
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.history.clear()
        for entry in detail.history:
            item = QListWidgetItem(f"{entry.at:%Y-%m-%d %H:%M}   {entry.message(lang)}")
            item.setToolTip(html.escape(entry.message(lang)))
            self.history.addItem(item)
        if not detail.history:
            self.history.addItem(self.tr("暂无记录"))
        self.history.setMinimumHeight(min(28 * max(self.history.count(), 1) + 8, 260))
        self._update_actions()

    def _update_actions(self) -> None:
        detail = None if self._loading else self.detail
        self.handover_button.setEnabled(detail is not None and detail.state in HANDOVER_ALLOWED)
        self.reissue_button.setEnabled(detail is not None and detail.state not in REISSUE_BLOCKED)
        self.reveal_button.setEnabled(detail is not None)
        self.print_button.setEnabled(detail is not None and not self._printing)
        self.actions_changed.emit()

    # Actions ------------------------------------------------------------------------------------------

    def reveal_id(self) -> None:
        detail = self.detail
        if detail is None:
            return
        reason = RevealDialog.ask(self, detail.summary.name)
        if reason is None:
            return
        certificates, actor = self._desk.certificates, self._desk.actor
        certificate_id = detail.summary.certificate_id
        self._desk.runner.run(
            lambda: certificates.reveal_id(certificate_id, reason=reason, actor=actor),
            on_success=lambda number: self._show_revealed(certificate_id, number),
            on_failure=self._failed,
            write=True,
        )

    def _show_revealed(self, certificate_id: int, number: str) -> None:
        if certificate_id != self._certificate_id:
            return
        self._revealed_number = number
        self.fields["id"].setText(number)
        self._mask_timer.start(REVEAL_SECONDS * 1000)
        self._desk.bus.announce(Change(certificate_id, "reveal", "detail"))

    def _mask_again(self) -> None:
        self._mask_timer.stop()
        self._revealed_number = None
        if self.detail is not None:
            self.fields["id"].setText(self.detail.summary.id_masked)

    def record_handover(self) -> None:
        detail = self.detail
        if detail is None or detail.state not in HANDOVER_ALLOWED:
            return
        if HandoverDialog.ask(self, self._desk, detail):
            certificate_id = detail.summary.certificate_id
            self.status_message.emit(self.tr("已登记本人领取：%1").replace("%1", detail.summary.cert_no))
            self._desk.bus.announce(Change(certificate_id, "handover", "detail"))

    def _start_reissue(self) -> None:
        if self.detail is not None:
            self.reissue_requested.emit(self.detail.summary.certificate_id)

    def print_copy(self) -> None:
        """Render a verification copy (recorded) in the background, then show it in the preview."""
        detail = None if self._loading else self.detail
        if detail is None or self._printing:
            return
        certificate_id = detail.summary.certificate_id
        printing, actor, lang = self._desk.printing, self._desk.actor, self._desk.i18n.lang
        self._printing = True
        self._update_actions()
        self._desk.runner.run(
            lambda: printing.render_copy(certificate_id, actor, lang=lang),
            on_success=self._show_preview,
            on_failure=self._print_failed,
            write=True,
        )

    def _show_preview(self, document: RenderedDocument) -> None:
        from ruankao_desktop.ui.dialogs.print_preview import PrintPreview  # printing loads on first use

        self._printing = False
        self._update_actions()
        self.error.hide()
        self.preview = PrintPreview(self, self._desk, document)
        self.preview.show()
        self.preview_shown.emit(document)
        if document.certificate_id is not None:
            self._desk.bus.announce(Change(document.certificate_id, "print", "detail"))

    def _print_failed(self, problem: KnownError) -> None:
        self._printing = False
        self._update_actions()
        self._failed(problem)

    # Language -----------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("证书详情"))
        self.empty.setText(self.tr("在左侧查询，然后用回车或双击打开一张证书。"))
        self.next_step_title.setText(self.tr("下一步"))
        self.history_title.setText(self.tr("历史记录"))
        names = {
            "name": self.tr("姓名"),
            "id": self.tr("证件号码"),
            "phone": self.tr("联系电话"),
            "qualification": self.tr("资格名称"),
            "level": self.tr("级别"),
            "category": self.tr("专业类别"),
            "session": self.tr("考试批次"),
            "cert_no": self.tr("证书编号"),
            "management_no": self.tr("管理号"),
            "approved_on": self.tr("批准日期"),
            "issuer": self.tr("颁发机构"),
            "valid_until": self.tr("有效期至"),
            "arrival": self.tr("到达本考点"),
            "deadline": self.tr("领取截止"),
            "supersedes": self.tr("关联证书"),
            "notes": self.tr("批次通知"),
        }
        for key, text in names.items():
            self._labels[key].setText(text)
        self.reveal_button.setToolTip(self.tr("查看完整证件号码（需填写原因，会被记录）"))
        self.print_button.setText(self.tr("打印核验件"))
        self.print_button.setToolTip(self.tr("生成带二维码和核验码的核验件，预览后打印或另存为 PDF"))
        self.handover_button.setText(self.tr("登记领取"))
        self.handover_button.setToolTip(self.tr("本人凭身份证原件领取"))
        self.reissue_button.setText(self.tr("申请补办"))
        self.reissue_button.setToolTip(self.tr("补发、换发、更新或未收到"))
        self._render()


def _date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else "—"
