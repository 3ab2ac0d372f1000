"""The reissue application form (补发 / 换发 / 更新 / 未收到): the applicant pre-filled from the holder,
contact fields, the reason, a documents checklist that follows the kind, and the photo.

Problems appear next to their field, in words, as the core's rules state them; nothing is written until
the whole form is valid. Saving a draft keeps an incomplete form; submitting creates the application.

The form belongs to one certificate, at the version the detail pane showed: when another certificate is
opened it closes, and what was typed but not saved is kept (in this window) until the form is opened for
that certificate again (docs/architecture.md "Acting on the right certificate").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.reissue import (
    FieldProblem,
    ReissueApplication,
    ReissueKind,
)
from ruankao_desktop.core.errors import KnownError, StaleRecord
from ruankao_desktop.core.services.reissue import ReissueInvalid, SavedDraft, SubmittedReissue
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.panes.application_prints import ApplicationPrints
from ruankao_desktop.ui.panes.documents_field import DocumentsChecklist
from ruankao_desktop.ui.panes.field_rows import FieldRows
from ruankao_desktop.ui.panes.photo_field import PhotoField
from ruankao_desktop.ui.resources import icon, show_outcome


class ReissueForm(QFrame):
    closed = Signal()
    submitted = Signal(object)  # SubmittedReissue
    status_message = Signal(str)
    stale = Signal(int)  # the certificate changed since it was shown: the window shows it again

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reissueForm")
        self.setProperty("pane", True)
        self._desk = desk
        self.certificate_id: int | None = None
        self._version: int | None = None
        self.request_id: int | None = None
        self._opened_as: ReissueApplication | None = None
        self._preset_kind: ReissueKind | None = None  # chosen for an application opened without a kind
        self._kept: dict[int, tuple[int | None, ReissueApplication]] = {}
        self._writing: set[int] = set()  # certificates whose draft or submission is being written

        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("hintText")
        self.subtitle.setWordWrap(True)
        self.close_button = QPushButton(icon("close"), "")
        self.close_button.setObjectName("closeReissueButton")
        self.close_button.setFlat(True)

        self.kind = QComboBox()
        self.kind.setObjectName("reissueKind")
        self.applicant_name = QLineEdit()
        self.applicant_name.setObjectName("applicantName")
        self.phone = QLineEdit()
        self.phone.setObjectName("applicantPhone")
        self.email = QLineEdit()
        self.email.setObjectName("applicantEmail")
        self.address = QLineEdit()
        self.address.setObjectName("applicantAddress")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reissueReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.documents = DocumentsChecklist(desk)
        self.photo_field = PhotoField(desk)
        self.photo_field.setObjectName("photoField")

        # The fields a person types into, by the names the core's FieldProblem uses.
        self._inputs: dict[str, QWidget] = {
            "kind": self.kind,
            "applicant_name": self.applicant_name,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
            "reason": self.reason,
        }
        self.rows = FieldRows({**self._inputs, "documents": self.documents, "photo": self.photo_field})
        self.errors = self.rows.errors

        self.result = QLabel()
        self.result.setObjectName("reissueResult")
        self.result.setWordWrap(True)
        self.result.hide()
        self.draft_button = QPushButton(icon("save"), "")
        self.draft_button.setObjectName("saveDraftButton")
        self.submit_button = QPushButton(icon("submit"), "")
        self.submit_button.setObjectName("submitReissueButton")
        self.submit_button.setProperty("primary", True)
        self.prints = ApplicationPrints(desk)
        self.print_form_button = self.prints.form_button
        self.print_receipt_button = self.prints.receipt_button
        buttons = QHBoxLayout()
        buttons.addWidget(self.prints)
        buttons.addStretch(1)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.submit_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.addLayout(self.rows.layout)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addLayout(header)
        layout.addWidget(self.subtitle)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.result)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.photo_field.checked.connect(self._photo_checked)
        self.photo_field.failed.connect(self._failed)
        self.draft_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.closed)
        self.prints.failed.connect(self._failed)
        self.prints.status_message.connect(self.status_message)
        self._submitted_tracking: str | None = None
        desk.i18n.language_changed.connect(lambda _lang: self._language_changed())
        self.retranslate_ui()
        self._set_enabled(False)

    # Opening ------------------------------------------------------------------------------------------

    def open_for(
        self, certificate_id: int, *, version: int, heading: str = "", kind: ReissueKind | None = None
    ) -> None:
        """Open the form for `certificate_id` as shown at `version`: what was typed for it earlier in this
        window, else its saved draft, else a new application pre-filled from its holder; `kind` is chosen
        where what is opened has no kind yet (an 更新 started from the expiring list)."""
        self.certificate_id = certificate_id
        self._preset_kind = kind
        self._version = version
        self.request_id = None
        self._opened_as = None
        self._submitted_tracking = None
        self._show_problems([])
        self.result.hide()
        self.subtitle.setText(heading)
        self._set_enabled(False)
        kept = self._kept.pop(certificate_id, None)
        if kept is not None:
            self._prefilled(kept, restored=True)
            return
        reissue = self._desk.reissue
        self._desk.runner.run(
            lambda: reissue.resume(certificate_id),
            on_success=self._prefilled,
            on_failure=self._failed,
        )

    def close_keeping_draft(self) -> bool:
        """Let go of the certificate (another one was opened). What was typed and not saved is kept for
        when the form is opened for it again; True when there was such a thing to keep."""
        certificate_id = self.certificate_id
        self.certificate_id = None
        self._set_enabled(False)
        if certificate_id is None or self._opened_as is None or self._submitted_tracking is not None:
            return False
        app = self.application_for(certificate_id)
        if app == self._opened_as:
            return False
        self._kept[certificate_id] = (self.request_id, app)
        return True

    def follow_version(self, certificate_id: int, version: int) -> None:
        """The detail pane shows `certificate_id` at `version` now (after a write of this desk)."""
        if certificate_id == self.certificate_id:
            self._version = version

    def _prefilled(self, resumed: tuple[int | None, ReissueApplication], *, restored: bool = False) -> None:
        request_id, app = resumed
        if app.certificate_id != self.certificate_id:
            return
        if app.kind is None and self._preset_kind is not None:
            app = replace(app, kind=self._preset_kind)
        self.request_id = request_id
        self.kind.setCurrentIndex(max(self.kind.findData(app.kind.value if app.kind else None), 0))
        self.applicant_name.setText(app.applicant_name)
        self.phone.setText(app.phone)
        self.email.setText(app.email)
        self.address.setText(app.address)
        self.reason.setPlainText(app.reason)
        self.documents.show_for(app.kind, app.documents)
        self.photo_field.set_photo(app.photo, [])
        self._opened_as = self.application()
        self._set_enabled(True)
        if restored:
            self._show_result(self.tr("已恢复之前填写、尚未保存的内容，可继续填写。"), ok=True)
        elif request_id is not None:
            self._show_result(self.tr("已打开保存的草稿，可继续填写。"), ok=True)
        self.kind.setFocus()

    # The form as an application --------------------------------------------------------------------------

    def application(self) -> ReissueApplication:
        assert self.certificate_id is not None
        return self.application_for(self.certificate_id)

    def application_for(self, certificate_id: int) -> ReissueApplication:
        """What the form holds, as an application for `certificate_id`."""
        return ReissueApplication(
            certificate_id=certificate_id,
            kind=self.current_kind(),
            applicant_name=self.applicant_name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
            reason=self.reason.toPlainText(),
            documents=self.documents.checked(),
            photo=self.photo_field.photo,
        )

    def current_kind(self) -> ReissueKind | None:
        """The chosen kind (Qt hands enum members back as plain strings)."""
        data = self.kind.currentData()
        return ReissueKind(data) if data else None

    def _kind_changed(self) -> None:
        self.documents.show_for(self.current_kind())

    def load_photo(self, path: Path) -> None:
        self.photo_field.load(path)

    def _photo_checked(self, problems: list[FieldProblem]) -> None:
        others = [p for p in self.rows.problems if p.field != "photo"]
        self._show_problems(others + problems)

    # Saving ----------------------------------------------------------------------------------------------

    def save_draft(self) -> None:
        reissue, actor = self._desk.reissue, self._desk.actor
        request_id, version = self.request_id, self._version
        self._write(
            lambda app: reissue.save_draft(app, actor, request_id=request_id, expected_version=version),
            self._draft_saved,
        )

    def submit(self) -> None:
        reissue, actor = self._desk.reissue, self._desk.actor
        request_id, version = self.request_id, self._version
        self._write(
            lambda app: reissue.submit(app, actor, request_id=request_id, expected_version=version),
            self._submitted,
        )

    def _write(
        self,
        operation: Callable[[ReissueApplication], object],
        done: Callable[[int, ReissueApplication, object], None],
    ) -> None:
        """Run `operation` on the form as it is now; the worker sees only the copy taken here, and the
        result is matched to the certificate it was for, whatever the form holds when it arrives."""
        certificate_id = self.certificate_id
        if certificate_id is None or certificate_id in self._writing:
            return
        app = self.application()
        self._writing.add(certificate_id)
        self._set_enabled(False)
        self._desk.runner.run(
            lambda: operation(app),
            on_success=lambda result: self._written(certificate_id, app, result, done),
            on_failure=lambda problem: self._write_failed(certificate_id, problem),
            write=True,
        )

    def _written(
        self,
        certificate_id: int,
        app: ReissueApplication,
        result: object,
        done: Callable[[int, ReissueApplication, object], None],
    ) -> None:
        self._writing.discard(certificate_id)
        done(certificate_id, app, result)

    def _draft_saved(self, certificate_id: int, app: ReissueApplication, saved: object) -> None:
        assert isinstance(saved, SavedDraft)
        if certificate_id != self.certificate_id:  # the form moved on: its kept copy is this draft now
            if certificate_id in self._kept:
                self._kept[certificate_id] = (saved.request_id, self._kept[certificate_id][1])
            return
        self.request_id = saved.request_id
        self._opened_as = app
        self._set_enabled(True)
        self._show_problems([])
        self._show_result(self.tr("草稿已保存。"), ok=True)

    def _submitted(self, certificate_id: int, app: ReissueApplication, submitted: object) -> None:
        assert isinstance(submitted, SubmittedReissue)
        self.status_message.emit(self.tr("补办申请已提交：%1").replace("%1", submitted.tracking_no))
        self.submitted.emit(submitted)
        if certificate_id != self.certificate_id:  # submitted: nothing of it is left to keep
            self._kept.pop(certificate_id, None)
            return
        self.request_id = submitted.request_id
        self._submitted_tracking = submitted.tracking_no
        self._update_print_buttons()
        self._show_problems([])
        self._show_result(
            self.tr("申请已提交，受理编号 %1。请把编号告知申请人。").replace("%1", submitted.tracking_no),
            ok=True,
        )

    def _write_failed(self, certificate_id: int, problem: KnownError) -> None:
        self._writing.discard(certificate_id)
        if certificate_id == self.certificate_id:
            self._failed(problem)
        else:  # said in the status bar, never beside another certificate's form
            self.status_message.emit(problem.message(self._desk.i18n.lang))

    def _failed(self, problem: KnownError) -> None:
        self._set_enabled(self.certificate_id is not None)
        if isinstance(problem, ReissueInvalid):
            self._show_problems(problem.problems)
            self._show_result(self.tr("申请未保存：请按提示修改标红的项目。"), ok=False)
        else:
            self._show_result(problem.message(self._desk.i18n.lang), ok=False)
        if isinstance(problem, StaleRecord) and self.certificate_id is not None:
            self.stale.emit(self.certificate_id)

    def _update_print_buttons(self) -> None:
        self.prints.show_for(self.request_id, submitted=self._submitted_tracking is not None)

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        self.rows.show(problems, self._desk.i18n.lang)

    def _show_result(self, text: str, *, ok: bool) -> None:
        show_outcome(self.result, text, ok=ok)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            *self._inputs.values(),
            self.documents,
            self.photo_field,
            self.draft_button,
            self.submit_button,
        ):
            widget.setEnabled(enabled)
        self._update_print_buttons()

    def problem_texts(self) -> dict[str, str]:
        """What the form shows under each field (for tests and screen readers)."""
        return self.rows.texts()

    # Language ----------------------------------------------------------------------------------------------

    def _language_changed(self) -> None:
        self._fill_kinds()
        self._show_problems(self.rows.problems)

    def _fill_kinds(self) -> None:
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(self.tr("（请选择）"), None)
        for kind in ReissueKind:
            self.kind.addItem(kind.text(self._desk.i18n.lang), kind)
        self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
        self.kind.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("补办申请"))
        self.close_button.setToolTip(self.tr("关闭申请表"))
        self.rows.name(
            {
                "kind": self.tr("申请类型"),
                "applicant_name": self.tr("申请人"),
                "phone": self.tr("联系电话"),
                "email": self.tr("电子邮箱"),
                "address": self.tr("通讯地址"),
                "reason": self.tr("申请原因"),
                "documents": self.tr("材料清单"),
                "photo": self.tr("照片"),
            }
        )
        self.email.setPlaceholderText(self.tr("选填"))
        self.address.setPlaceholderText(self.tr("“未收到”时必填；邮寄新证书时填写"))
        self.reason.setPlaceholderText(self.tr("例如：证书于搬家时遗失，已登报声明作废"))
        self.draft_button.setText(self.tr("保存草稿"))
        self.submit_button.setText(self.tr("提交申请"))
        self._fill_kinds()
