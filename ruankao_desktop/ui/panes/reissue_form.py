"""The reissue application form (补发 / 换发 / 更新 / 未收到): the applicant pre-filled from the holder,
contact fields, the reason, a documents checklist that follows the kind, and the photo.

Problems appear next to their field, in words, as the core's rules state them; nothing is written until
the whole form is valid. Saving a draft keeps an incomplete form; submitting creates the application.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
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

from ruankao_desktop.core.domain.photo import check_photo
from ruankao_desktop.core.domain.reissue import (
    Document,
    FieldProblem,
    ReissueApplication,
    ReissueKind,
    offered_documents,
)
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.reissue import ReissueInvalid, SubmittedReissue
from ruankao_desktop.ui.context import Change, DeskContext
from ruankao_desktop.ui.resources import icon, show_outcome

if TYPE_CHECKING:
    from ruankao_desktop.core.services.printing import RenderedDocument
    from ruankao_desktop.ui.dialogs.print_preview import PrintPreview

FIELDS = ("kind", "applicant_name", "phone", "email", "address", "reason", "documents", "photo")
PHOTO_PREVIEW = (118, 165)


class ReissueForm(QFrame):
    closed = Signal()
    submitted = Signal(object)  # SubmittedReissue
    status_message = Signal(str)

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reissueForm")
        self.setProperty("pane", True)
        self._desk = desk
        self.certificate_id: int | None = None
        self.request_id: int | None = None
        self.photo: bytes | None = None
        self._problems: list[FieldProblem] = []
        self._busy = False

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
        self.documents_box = QWidget()
        self.documents_layout = QVBoxLayout(self.documents_box)
        self.documents_layout.setContentsMargins(0, 0, 0, 0)
        self.document_boxes: dict[Document, QCheckBox] = {}
        self.documents_hint = QLabel()
        self.documents_hint.setObjectName("hintText")
        self.documents_layout.addWidget(self.documents_hint)
        self.photo_button = QPushButton(icon("photo"), "")
        self.photo_button.setObjectName("choosePhotoButton")
        self.photo_preview = QLabel()
        self.photo_preview.setObjectName("photoPreview")
        self.photo_preview.setFixedSize(*PHOTO_PREVIEW)
        self.photo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_preview.setStyleSheet("border:1px dashed #9fb3c8;border-radius:4px;color:#829ab1;")
        self.photo_note = QLabel()
        self.photo_note.setObjectName("hintText")
        self.photo_note.setWordWrap(True)

        self.errors: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setVerticalSpacing(4)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_preview)
        photo_side = QVBoxLayout()
        photo_side.addWidget(self.photo_button)
        photo_side.addWidget(self.photo_note)
        photo_side.addStretch(1)
        photo_row.addLayout(photo_side, 1)
        # The fields a person types into, by the names the core's FieldProblem uses.
        self._inputs: dict[str, QWidget] = {
            "kind": self.kind,
            "applicant_name": self.applicant_name,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
            "reason": self.reason,
        }
        widgets: dict[str, QWidget | QHBoxLayout] = {
            **self._inputs,
            "documents": self.documents_box,
            "photo": photo_row,
        }
        for field in FIELDS:
            label = QLabel()
            label.setObjectName("fieldLabel")
            error = QLabel()
            error.setObjectName("errorText")
            error.setWordWrap(True)
            error.hide()
            self._labels[field], self.errors[field] = label, error
            widget = widgets[field]
            if isinstance(widget, QHBoxLayout):
                form.addRow(label, widget)
            else:
                label.setBuddy(widget)
                form.addRow(label, widget)
            form.addRow("", error)

        self.result = QLabel()
        self.result.setObjectName("reissueResult")
        self.result.setWordWrap(True)
        self.result.hide()
        self.draft_button = QPushButton(icon("save"), "")
        self.draft_button.setObjectName("saveDraftButton")
        self.submit_button = QPushButton(icon("submit"), "")
        self.submit_button.setObjectName("submitReissueButton")
        self.submit_button.setProperty("primary", True)
        self.print_form_button = QPushButton(icon("print"), "")
        self.print_form_button.setObjectName("printApplicationFormButton")
        self.print_receipt_button = QPushButton(icon("print"), "")
        self.print_receipt_button.setObjectName("printReceiptButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_form_button)
        buttons.addWidget(self.print_receipt_button)
        buttons.addStretch(1)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.submit_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.addLayout(form)
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
        self.photo_button.clicked.connect(self.choose_photo)
        self.draft_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.closed)
        self.print_form_button.clicked.connect(lambda: self.print_document(receipt=False))
        self.print_receipt_button.clicked.connect(lambda: self.print_document(receipt=True))
        self.preview: PrintPreview | None = None
        self._submitted_tracking: str | None = None
        desk.i18n.language_changed.connect(lambda _lang: self._language_changed())
        self.retranslate_ui()
        self._set_enabled(False)

    # Opening ------------------------------------------------------------------------------------------

    def open_for(self, certificate_id: int, *, heading: str = "") -> None:
        """Continue the certificate's saved draft, or start a new application pre-filled from its holder."""
        self.certificate_id = certificate_id
        self.request_id = None
        self._submitted_tracking = None
        self.photo = None
        self._show_problems([])
        self.result.hide()
        self.subtitle.setText(heading)
        self._set_enabled(False)
        reissue = self._desk.reissue
        self._desk.runner.run(
            lambda: reissue.resume(certificate_id),
            on_success=self._prefilled,
            on_failure=self._failed,
        )

    def _prefilled(self, resumed: tuple[int | None, ReissueApplication]) -> None:
        request_id, app = resumed
        if app.certificate_id != self.certificate_id:
            return
        self.request_id = request_id
        self.kind.setCurrentIndex(max(self.kind.findData(app.kind.value if app.kind else None), 0))
        self.applicant_name.setText(app.applicant_name)
        self.phone.setText(app.phone)
        self.email.setText(app.email)
        self.address.setText(app.address)
        self.reason.setPlainText(app.reason)
        self._rebuild_documents(set(app.documents))
        self.photo = app.photo
        self._show_photo(app.photo, [])
        self._set_enabled(True)
        if request_id is not None:
            self._show_result(self.tr("已打开保存的草稿，可继续填写。"), ok=True)
        self.kind.setFocus()

    # The form as an application --------------------------------------------------------------------------

    def application(self) -> ReissueApplication:
        assert self.certificate_id is not None
        return ReissueApplication(
            certificate_id=self.certificate_id,
            kind=self.current_kind(),
            applicant_name=self.applicant_name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
            reason=self.reason.toPlainText(),
            documents=frozenset(document for document, box in self.document_boxes.items() if box.isChecked()),
            photo=self.photo,
        )

    def current_kind(self) -> ReissueKind | None:
        """The chosen kind (Qt hands enum members back as plain strings)."""
        data = self.kind.currentData()
        return ReissueKind(data) if data else None

    def _kind_changed(self) -> None:
        checked = {document for document, box in self.document_boxes.items() if box.isChecked()}
        self._rebuild_documents(checked)

    def _rebuild_documents(self, checked: set[Document]) -> None:
        """One checkbox per document the chosen kind requires; ticks survive a change of kind."""
        for box in self.document_boxes.values():
            self.documents_layout.removeWidget(box)
            box.deleteLater()
        self.document_boxes = {}
        kind = self.current_kind()
        self.documents_hint.setVisible(kind is None)
        if kind is None:
            return
        lang = self._desk.i18n.lang
        for document in offered_documents(kind):
            box = QCheckBox(document.text(lang))
            box.setObjectName(f"document_{document.value}")
            box.setChecked(document in checked)
            self.documents_layout.addWidget(box)
            self.document_boxes[document] = box

    # Photo -----------------------------------------------------------------------------------------------

    def choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择照片"),
            str(Path.home()),
            self.tr("照片 (*.jpg *.jpeg *.png *.bmp);;所有文件 (*)"),
        )
        if path:
            self.load_photo(Path(path))

    def load_photo(self, path: Path) -> None:
        """Read and check the photo in the background, then show it and what is wrong with it, if anything."""

        def work() -> tuple[bytes, list[FieldProblem]]:
            data = path.read_bytes()
            return data, check_photo(data)

        self._desk.runner.run(work, on_success=self._photo_checked, on_failure=self._failed)

    def _photo_checked(self, result: tuple[bytes, list[FieldProblem]]) -> None:
        data, problems = result
        self.photo = data
        self._show_photo(data, problems)
        others = [p for p in self._problems if p.field != "photo"]
        self._show_problems(others + problems)

    def _show_photo(self, data: bytes | None, problems: list[FieldProblem]) -> None:
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.photo_preview.setPixmap(QPixmap())
            self.photo_preview.setText(self.tr("未选择照片") if data is None else self.tr("无法显示"))
        else:
            scaled = image.scaled(*PHOTO_PREVIEW, Qt.AspectRatioMode.KeepAspectRatio)
            self.photo_preview.setPixmap(QPixmap.fromImage(scaled))
        if data is not None and not problems:
            self.photo_note.setText(
                self.tr("照片符合要求（%1×%2 像素）")
                .replace("%1", str(image.width()))
                .replace("%2", str(image.height()))
            )
        else:
            self.photo_note.setText(self.tr("白底彩色 JPG，至少 295×413 像素"))

    # Saving ----------------------------------------------------------------------------------------------

    def save_draft(self) -> None:
        self._write(
            lambda app: self._desk.reissue.save_draft(app, self._desk.actor, request_id=self.request_id),
            self._draft_saved,
        )

    def submit(self) -> None:
        self._write(
            lambda app: self._desk.reissue.submit(app, self._desk.actor, request_id=self.request_id),
            self._submitted,
        )

    def _write(
        self, operation: Callable[[ReissueApplication], object], done: Callable[[object], None]
    ) -> None:
        if self.certificate_id is None or self._busy:
            return
        app = self.application()
        self._busy = True
        self._set_enabled(False)
        self._desk.runner.run(lambda: operation(app), on_success=done, on_failure=self._failed, write=True)

    def _draft_saved(self, request_id: object) -> None:
        self._busy = False
        self._set_enabled(True)
        assert isinstance(request_id, int)
        self.request_id = request_id
        self._update_print_buttons()
        self._show_problems([])
        self._show_result(self.tr("草稿已保存。"), ok=True)
        if self.certificate_id is not None:
            self._desk.bus.announce(Change(self.certificate_id, "reissue", "reissue_form"))

    def _submitted(self, submitted: object) -> None:
        self._busy = False
        assert isinstance(submitted, SubmittedReissue)
        self.request_id = submitted.request_id
        self._submitted_tracking = submitted.tracking_no
        self._update_print_buttons()
        self._show_problems([])
        self._show_result(
            self.tr("申请已提交，受理编号 %1。请把编号告知申请人。").replace("%1", submitted.tracking_no),
            ok=True,
        )
        self.status_message.emit(self.tr("补办申请已提交：%1").replace("%1", submitted.tracking_no))
        self.submitted.emit(submitted)
        if self.certificate_id is not None:
            self._desk.bus.announce(Change(self.certificate_id, "reissue", "reissue_form"))

    def _failed(self, problem: KnownError) -> None:
        self._busy = False
        self._set_enabled(self.certificate_id is not None)
        if isinstance(problem, ReissueInvalid):
            self._show_problems(problem.problems)
            self._show_result(self.tr("申请未保存：请按提示修改标红的项目。"), ok=False)
        else:
            self._show_result(problem.message(self._desk.i18n.lang), ok=False)

    def _update_print_buttons(self) -> None:
        self.print_form_button.setEnabled(self.request_id is not None)
        self.print_receipt_button.setEnabled(self._submitted_tracking is not None)

    def print_document(self, *, receipt: bool) -> None:
        """The application form to sign, or the receipt with the tracking number, into the preview."""
        request_id = self.request_id
        if request_id is None:
            return
        printing, actor, lang = self._desk.printing, self._desk.actor, self._desk.i18n.lang
        render = printing.render_receipt if receipt else printing.render_application_form
        self._desk.runner.run(
            lambda: render(request_id, actor, lang=lang),
            on_success=self._show_preview,
            on_failure=self._failed,
            write=True,
        )

    def _show_preview(self, document: RenderedDocument) -> None:
        from ruankao_desktop.ui.dialogs.print_preview import PrintPreview  # printing loads on first use

        self.preview = PrintPreview(self, self._desk, document)
        self.preview.show()
        if self.certificate_id is not None:
            self._desk.bus.announce(Change(self.certificate_id, "print", "reissue_form"))

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        self._problems = list(problems)
        lang = self._desk.i18n.lang
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message(lang))
        for field, label in self.errors.items():
            messages = by_field.get(field, [])
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
            widget = self._inputs.get(field)
            if widget is not None:
                widget.setProperty("invalid", bool(messages))
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _show_result(self, text: str, *, ok: bool) -> None:
        show_outcome(self.result, text, ok=ok)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            *self._inputs.values(),
            self.documents_box,
            self.photo_button,
            self.draft_button,
            self.submit_button,
        ):
            widget.setEnabled(enabled)
        self._update_print_buttons()

    def problem_texts(self) -> dict[str, str]:
        """What the form shows under each field (for tests and screen readers)."""
        return {
            field: label.text() for field, label in self.errors.items() if label.isVisible() or label.text()
        }

    # Language ----------------------------------------------------------------------------------------------

    def _language_changed(self) -> None:
        self._fill_kinds()
        lang = self._desk.i18n.lang
        for document, box in self.document_boxes.items():
            box.setText(document.text(lang))
        self._show_problems(self._problems)

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
        self.documents_hint.setText(self.tr("选择申请类型后显示需要的材料"))
        self.close_button.setToolTip(self.tr("关闭申请表"))
        names = {
            "kind": self.tr("申请类型"),
            "applicant_name": self.tr("申请人"),
            "phone": self.tr("联系电话"),
            "email": self.tr("电子邮箱"),
            "address": self.tr("通讯地址"),
            "reason": self.tr("申请原因"),
            "documents": self.tr("材料清单"),
            "photo": self.tr("照片"),
        }
        for field, text in names.items():
            self._labels[field].setText(text)
        self.email.setPlaceholderText(self.tr("选填"))
        self.address.setPlaceholderText(self.tr("“未收到”时必填；邮寄新证书时填写"))
        self.reason.setPlaceholderText(self.tr("例如：证书于搬家时遗失，已登报声明作废"))
        self.photo_button.setText(self.tr("选择照片…"))
        self.draft_button.setText(self.tr("保存草稿"))
        self.submit_button.setText(self.tr("提交申请"))
        self.print_form_button.setText(self.tr("打印申请表"))
        self.print_receipt_button.setText(self.tr("打印回执"))
        self._fill_kinds()
        self._show_photo(self.photo, [p for p in self._problems if p.field == "photo"])
