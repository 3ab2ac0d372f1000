"""The certificate-detail pane: whose certificate it is (name and number in the header), the state in
plain words with the next step, every field and the history, and the actions (print a copy, record a
handover, start a reissue, reveal the ID number).

Every action acts on the certificate named in the header, as the pane shows it: the service call takes
its id and the version shown, and a certificate changed meanwhile is refused and shown again
(docs/architecture.md "Acting on the right certificate"). A new search empties the pane until a result is
opened. The full ID number stays masked; revealing it asks for a reason, is audited, and masks again
after `REVEAL_SECONDS` or when another certificate is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError, StaleRecord
from ruankao_desktop.core.services.certificates import CertificateDetail, IdOwner, RevealedId
from ruankao_desktop.core.services.changes import Changed
from ruankao_desktop.core.services.handover import HANDOVER_ALLOWED
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.handover_dialog import Handed, HandoverDialog
from ruankao_desktop.ui.dialogs.reveal_dialog import RevealDialog
from ruankao_desktop.ui.panes.detail_fields import DetailFields, StateBox
from ruankao_desktop.ui.resources import icon

if TYPE_CHECKING:
    from ruankao_desktop.core.services.printing import RenderedDocument
    from ruankao_desktop.ui.dialogs.print_preview import PrintPreview

REVEAL_SECONDS = 30
REISSUE_BLOCKED = frozenset(
    {CertificateState.REVOKED, CertificateState.SUPERSEDED, CertificateState.REISSUE_IN_PROGRESS}
)
EMPTY, SHOWING = 0, 1


class DetailPane(QFrame):
    reissue_requested = Signal(object)  # CertificateDetail: the certificate as shown
    enquiry_requested = Signal(object)  # CertificateDetail: an enquiry about it
    preview_shown = Signal(object)  # RenderedDocument
    actions_changed = Signal()
    detail_shown = Signal(object)  # CertificateDetail
    opening = Signal(int)  # a certificate is being opened: whatever belonged to another one lets go
    load_failed = Signal(int)  # the certificate could not be read (the problem is shown in the pane)
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
        self._generation = 0  # of loads: only the newest one is shown
        self._opened = False  # the load under way opens the certificate: shown from the top
        self._revealed: dict[IdOwner, str] = {}

        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.header = QLabel()
        self.header.setObjectName("detailHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.hide()
        self.empty = QLabel()
        self.empty.setObjectName("hintText")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()

        self.state_box = StateBox()
        self.state_badge = self.state_box.badge
        self.next_step = self.state_box.next_step

        self.details = DetailFields()
        self.fields = self.details.values
        self.history = self.details.history
        self.reveal_button = self.details.reveal_button
        self.collector_reveal_button = self.details.collector_reveal_button

        self.print_button = QPushButton(icon("print"), "")
        self.print_button.setObjectName("printCopyButton")
        self.handover_button = QPushButton(icon("handover"), "")
        self.handover_button.setObjectName("handoverButton")
        # The secondary actions as tool buttons, narrower than the main ones: the row fits a narrow window.
        self.slip_button = QToolButton()
        self.slip_button.setObjectName("printSlipButton")
        self.reissue_button = QPushButton(icon("reissue"), "")
        self.reissue_button.setObjectName("startReissueButton")
        self.enquiry_button = QToolButton()
        self.enquiry_button.setObjectName("enquiryButton")
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.handover_button)
        actions.addWidget(self.slip_button)
        actions.addWidget(self.reissue_button)
        actions.addWidget(self.enquiry_button)
        actions.addStretch(1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.addWidget(self.state_box)
        body_layout.addWidget(self.details)
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("detailScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.scroll_area, 1)
        content_layout.addLayout(actions)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.header)
        layout.addWidget(self.error)
        layout.addWidget(self.stack, 1)

        self._mask_timer = QTimer(self)
        self._mask_timer.setSingleShot(True)
        self._mask_timer.timeout.connect(self._mask_again)
        self.reveal_button.clicked.connect(lambda: self.reveal_id(IdOwner.HOLDER))
        self.collector_reveal_button.clicked.connect(lambda: self.reveal_id(IdOwner.COLLECTOR))
        self.handover_button.clicked.connect(self.record_handover)
        self.reissue_button.clicked.connect(self._start_reissue)
        self.print_button.clicked.connect(self.print_copy)
        self.slip_button.clicked.connect(self.print_slip)
        self.enquiry_button.clicked.connect(self._log_enquiry)
        desk.runner.changed.connect(self._changed)
        desk.i18n.language_changed.connect(lambda _lang: self._render())
        self.retranslate_ui()
        self._update_actions()

    # Loading ------------------------------------------------------------------------------------------

    def show_certificate(self, certificate_id: int) -> None:
        """Open `certificate_id` (the clerk chose it): it is loaded in the background and shown scrolled to
        the top. Until then the pane names no certificate and its actions are off, so a quick Enter then
        Ctrl+P can never act on the certificate shown before."""
        self.opening.emit(certificate_id)
        self._let_go(keeping=certificate_id)
        self._opened = True
        self._show_placeholder(self.tr("正在打开证书……"))
        self._load(certificate_id)

    def clear(self) -> None:
        """No certificate (a new search started): the placeholder, no header, no actions."""
        self._let_go(keeping=None)
        self._generation += 1
        self._certificate_id = None
        self.detail = None
        self._loading = False
        self._show_placeholder(self._empty_text())

    def reload(self) -> None:
        """Read the certificate shown again, keeping the scroll position and a revealed number (a
        certificate still being opened is still shown from the top)."""
        if self._certificate_id is not None:
            self._load(self._certificate_id)

    def _let_go(self, *, keeping: int | None) -> None:
        """Another certificate, or none, is about to be shown: nothing of the one shown stays on screen —
        not its revealed number, not its detail, not a preview of its copy (unless it is `keeping`'s)."""
        self._mask_again()
        self.detail = None
        preview = self.preview
        if preview is not None and preview.document.certificate_id != keeping:
            preview.close()
            self.preview = None

    def _load(self, certificate_id: int) -> None:
        self._generation += 1
        generation = self._generation
        self._certificate_id = certificate_id
        self._loading = True
        self._update_actions()
        certificates = self._desk.certificates
        self._desk.runner.run(
            lambda: certificates.detail(certificate_id),
            on_success=lambda detail: self._loaded(generation, detail),
            on_failure=lambda problem: self._load_failed(generation, problem),
        )

    def _loaded(self, generation: int, detail: CertificateDetail) -> None:
        if generation != self._generation:
            return  # opened again, another certificate opened, or the pane cleared, meanwhile
        self._loading = False
        self.detail = detail
        self._render()
        self.stack.setCurrentIndex(SHOWING)
        if self._opened:
            self._opened = False
            self.error.hide()
            self.scroll_area.verticalScrollBar().setValue(0)
        self.detail_shown.emit(detail)

    def _load_failed(self, generation: int, problem: KnownError) -> None:
        if generation == self._generation:
            self._loading = False
            self._show_problem(problem)
            self._update_actions()
            if self._certificate_id is not None:
                self.load_failed.emit(self._certificate_id)

    def _changed(self, change: Changed) -> None:
        if change.touches_certificate(self._certificate_id):
            self.reload()

    def _show_placeholder(self, text: str) -> None:
        self.header.hide()
        self.error.hide()
        self.empty.setText(text)
        self.stack.setCurrentIndex(EMPTY)
        self._update_actions()

    def _empty_text(self) -> str:
        return self.tr("在左侧查询，然后用回车或双击打开一张证书。")

    # Rendering ----------------------------------------------------------------------------------------

    def _render(self) -> None:
        detail = self.detail
        if detail is None:
            return
        lang = self._desk.i18n.lang
        summary = detail.summary
        self.header.setText(
            self.tr("%1 · 证书编号 %2").replace("%1", summary.name).replace("%2", summary.cert_no)
        )
        self.header.show()
        self.state_box.show_detail(detail, lang)
        self.details.show_detail(detail, lang, revealed=self._revealed)
        self._update_actions()

    def _update_actions(self) -> None:
        detail = None if self._loading else self.detail
        self.handover_button.setEnabled(detail is not None and detail.state in HANDOVER_ALLOWED)
        self.reissue_button.setEnabled(detail is not None and detail.state not in REISSUE_BLOCKED)
        self.reveal_button.setEnabled(detail is not None)
        self.enquiry_button.setEnabled(detail is not None)
        self.collector_reveal_button.setEnabled(
            detail is not None and detail.receipt is not None and detail.receipt.by_proxy
        )
        self.print_button.setEnabled(detail is not None and not self._printing)
        self.slip_button.setEnabled(detail is not None and detail.receipt is not None and not self._printing)
        self.actions_changed.emit()

    def shown(self) -> CertificateDetail | None:
        """The certificate the header names, fully loaded, or None: what every action acts on."""
        return None if self._loading else self.detail

    def _show_problem(self, problem: KnownError) -> None:
        """Say what went wrong; a certificate changed elsewhere is read again so the clerk sees it now."""
        self.error.setText(problem.message(self._desk.i18n.lang))
        self.error.show()
        if isinstance(problem, StaleRecord):
            self.reload()

    # Actions ------------------------------------------------------------------------------------------

    def reveal_id(self, whose: IdOwner = IdOwner.HOLDER) -> None:
        """Show the holder's or the proxy's full number for a stated reason, masked again after a while."""
        detail = self.shown()
        by_proxy = detail is not None and detail.receipt is not None and detail.receipt.by_proxy
        if detail is None or (whose is IdOwner.COLLECTOR and not by_proxy):
            return
        person = detail.receipt.name if detail.receipt and whose is IdOwner.COLLECTOR else None
        reason = RevealDialog.ask(self, person or detail.summary.name)
        if reason is None or not self._still_shows(detail.summary.certificate_id):
            return  # cancelled, or another certificate was opened while the dialog was open
        certificates, actor = self._desk.certificates, self._desk.actor
        certificate_id, version = detail.summary.certificate_id, detail.version
        self._desk.runner.run(
            lambda: certificates.reveal_id(
                certificate_id, expected_version=version, reason=reason, actor=actor, whose=whose
            ),
            on_success=lambda revealed: self._show_revealed(certificate_id, whose, revealed),
            on_failure=lambda problem: self._action_failed(certificate_id, problem),
            write=True,
        )

    def _still_shows(self, certificate_id: int) -> bool:
        return certificate_id == self._certificate_id and self.shown() is not None

    def _show_revealed(self, certificate_id: int, whose: IdOwner, revealed: RevealedId) -> None:
        if not self._still_shows(certificate_id):
            return  # the number is never shown under another certificate's header
        self._revealed[whose] = revealed.number
        self._render()
        self._mask_timer.start(REVEAL_SECONDS * 1000)

    def _mask_again(self) -> None:
        self._mask_timer.stop()
        self._revealed.clear()
        self._render()

    def record_handover(self) -> None:
        detail = self.shown()
        if detail is None or detail.state not in HANDOVER_ALLOWED:
            return
        try:
            handed = HandoverDialog.ask(self, self._desk, detail)
        except StaleRecord as problem:
            self._show_problem(problem)
            return
        if handed:
            self.status_message.emit(self.tr("已登记领取：%1").replace("%1", detail.summary.cert_no))
        if handed is Handed.PRINT_SLIP:
            self._print(detail.summary.certificate_id, detail.summary.cert_no, slip=True)

    def print_slip(self) -> None:
        """Render the handover slip of the certificate shown (recorded) in the background, then preview it."""
        detail = self.shown()
        if detail is not None and detail.receipt is not None and not self._printing:
            self._print(detail.summary.certificate_id, detail.summary.cert_no, slip=True)

    def _log_enquiry(self) -> None:
        detail = self.shown()
        if detail is not None:
            self.enquiry_requested.emit(detail)

    def _start_reissue(self) -> None:
        detail = self.shown()
        if detail is not None:
            self.reissue_requested.emit(detail)

    def print_copy(self) -> None:
        """Render a verification copy (recorded) in the background, then show it in the preview."""
        detail = self.shown()
        if detail is None or self._printing:
            return
        self._print(detail.summary.certificate_id, detail.summary.cert_no, version=detail.version)

    def _print(
        self, certificate_id: int, cert_no: str, *, version: int | None = None, slip: bool = False
    ) -> None:
        """A copy of the certificate as the clerk saw it (`version`), or its handover slip, rendered and
        recorded in the background, then previewed."""
        printing, actor, lang = self._desk.printing, self._desk.actor, self._desk.i18n.lang

        def work() -> RenderedDocument:
            if slip:
                return printing.render_handover_slip(certificate_id, actor, lang=lang)
            return printing.render_copy(certificate_id, actor, expected_version=version, lang=lang)

        self._printing = True
        self._update_actions()
        self._desk.runner.run(
            work,
            on_success=lambda document: self._show_preview(certificate_id, cert_no, document),
            on_failure=lambda problem: self._print_failed(certificate_id, problem),
            write=True,
        )

    def _show_preview(self, certificate_id: int, cert_no: str, document: RenderedDocument) -> None:
        from ruankao_desktop.core.services.printing import DocumentKind  # printing loads on first use
        from ruankao_desktop.ui.dialogs.print_preview import PrintPreview

        self._printing = False
        self._update_actions()
        if not self._still_shows(certificate_id):
            # The clerk moved on to someone else meanwhile: this person's document is not put in front of
            # them.
            moved_on = (
                self.tr(
                    "领取单 %1（证书 %2）已生成，但已打开其他证书，未显示预览；需要时请重新打开该证书打印。"
                )
                if document.kind == DocumentKind.HANDOVER_SLIP
                else self.tr(
                    "核验件 %1（证书 %2）已生成，但已打开其他证书，未显示预览；需要时请重新打开该证书打印。"
                )
            )
            self.status_message.emit(moved_on.replace("%1", document.serial).replace("%2", cert_no))
            return
        self.error.hide()
        self.preview = PrintPreview(self, self._desk, document)
        self.preview.show()
        self.preview_shown.emit(document)

    def _print_failed(self, certificate_id: int, problem: KnownError) -> None:
        self._printing = False
        self._update_actions()
        self._action_failed(certificate_id, problem)

    def _action_failed(self, certificate_id: int, problem: KnownError) -> None:
        """An action on `certificate_id` was refused: said under its header while it is shown, else in
        the status bar (never under another certificate's header)."""
        if self._still_shows(certificate_id):
            self._show_problem(problem)
        else:
            self.status_message.emit(problem.message(self._desk.i18n.lang))

    # Language -----------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("证书详情"))
        if self.stack.currentIndex() == EMPTY and self._certificate_id is None:
            self.empty.setText(self._empty_text())
        self.print_button.setText(self.tr("打印核验件"))
        self.print_button.setToolTip(self.tr("生成带二维码和核验码的核验件，预览后打印或另存为 PDF"))
        self.handover_button.setText(self.tr("登记领取"))
        self.handover_button.setToolTip(self.tr("本人领取、他人代领、单位代领或邮寄"))
        self.slip_button.setText(self.tr("领取单"))
        self.slip_button.setToolTip(self.tr("打印本次领取的领取单，供领取人签字"))
        self.reissue_button.setText(self.tr("申请补办"))
        self.reissue_button.setToolTip(self.tr("补发、换发、更新或未收到"))
        self.enquiry_button.setText(self.tr("咨询"))
        self.enquiry_button.setToolTip(self.tr("登记关于这张证书的电话、邮件或现场咨询"))
        self._render()
