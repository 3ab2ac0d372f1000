"""The reissue form's two printed documents: the application form for the applicant to sign (once the
application is saved) and the receipt with its tracking number (once it is submitted), each shown in the
print preview. A document that finishes after the form moved to another application is not shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.resources import icon

if TYPE_CHECKING:
    from ruankao_desktop.core.services.printing import RenderedDocument
    from ruankao_desktop.ui.dialogs.print_preview import PrintPreview


class ApplicationPrints(QWidget):
    failed = Signal(object)  # KnownError, for the application shown
    status_message = Signal(str)

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._request_id: int | None = None
        self.preview: PrintPreview | None = None
        self.form_button = QPushButton(icon("print"), "")
        self.form_button.setObjectName("printApplicationFormButton")
        self.receipt_button = QPushButton(icon("print"), "")
        self.receipt_button.setObjectName("printReceiptButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form_button)
        layout.addWidget(self.receipt_button)
        self.form_button.clicked.connect(lambda: self.print_document(receipt=False))
        self.receipt_button.clicked.connect(lambda: self.print_document(receipt=True))
        self.retranslate_ui()
        self.show_for(None, submitted=False)

    def show_for(self, request_id: int | None, *, submitted: bool) -> None:
        """The application the buttons print: the form once it is saved, the receipt once submitted."""
        self._request_id = request_id
        self.form_button.setEnabled(request_id is not None)
        self.receipt_button.setEnabled(request_id is not None and submitted)

    def print_document(self, *, receipt: bool) -> None:
        """The application form to sign, or the receipt with the tracking number, into the preview."""
        request_id = self._request_id
        if request_id is None:
            return
        printing, actor, lang = self._desk.printing, self._desk.actor, self._desk.i18n.lang
        render = printing.render_receipt if receipt else printing.render_application_form
        self._desk.runner.run(
            lambda: render(request_id, actor, lang=lang),
            on_success=lambda document: self._show_preview(request_id, document),
            on_failure=lambda problem: self._failed(request_id, problem),
            write=True,
        )

    def _show_preview(self, request_id: int, document: RenderedDocument) -> None:
        from ruankao_desktop.ui.dialogs.print_preview import PrintPreview  # printing loads on first use

        if request_id != self._request_id:
            self.status_message.emit(
                self.tr("文件 %1 已生成；补办申请表已换成其他申请，所以未显示预览。").replace(
                    "%1", document.serial
                )
            )
            return
        self.preview = PrintPreview(self, self._desk, document)
        self.preview.show()

    def _failed(self, request_id: int, problem: KnownError) -> None:
        if request_id == self._request_id:
            self.failed.emit(problem)
        else:
            self.status_message.emit(problem.message(self._desk.i18n.lang))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.form_button.setText(self.tr("打印申请表"))
        self.receipt_button.setText(self.tr("打印回执"))
