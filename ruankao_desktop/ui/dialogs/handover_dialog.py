"""Recording a pickup in person: the operator scans or types the number on the ID card presented; the
service checks it against the holder. The write runs in the background; the dialog waits for it and
shows any refusal inline — except that the certificate changed at another desk since it was shown: then
there is nothing to correct here, so the dialog closes and the detail pane shows the certificate again."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ruankao_desktop.core.errors import KnownError, StaleRecord
from ruankao_desktop.core.services.certificates import CertificateDetail
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text


class HandoverDialog(QDialog):
    def __init__(self, parent: QWidget | None, desk: DeskContext, detail: CertificateDetail) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self._desk = desk
        self._detail = detail
        self.stale: StaleRecord | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.id_input = QLineEdit()
        self.id_input.setObjectName("presentedIdInput")
        self.id_label = QLabel()
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout()
        form.addRow(self.id_label, self.id_input)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        fit_to_text(self)

    @classmethod
    def ask(cls, parent: QWidget | None, desk: DeskContext, detail: CertificateDetail) -> bool:
        """True when the pickup was recorded, False when cancelled. Raises `StaleRecord` when the
        certificate changed since it was shown (nothing was recorded). Tests replace this classmethod."""
        dialog = cls(parent, desk, detail)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        stale = dialog.stale
        dialog.deleteLater()  # not kept as the pane's child after every pickup
        if stale is not None:
            raise stale
        return accepted

    def submit(self) -> None:
        presented = self.id_input.text()
        detail, desk = self._detail, self._desk
        certificate_id = detail.summary.certificate_id
        self.buttons.setEnabled(False)
        desk.runner.run(
            lambda: desk.handover.record_self_pickup(
                certificate_id, presented_id=presented, expected_version=detail.version, actor=desk.actor
            ),
            on_success=lambda _none: self.accept(),
            on_failure=self._refused,
            write=True,
        )

    def _refused(self, problem: KnownError) -> None:
        if isinstance(problem, StaleRecord):
            self.stale = problem
            self.reject()
            return
        self.buttons.setEnabled(True)
        self.error.setText(problem.message(self._desk.i18n.lang))
        self.error.show()
        self.id_input.setFocus()
        self.id_input.selectAll()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("登记本人领取"))
        self.intro.setText(
            self.tr("%1 领取证书 %2。请核验本人身份证原件，扫描或输入证件号码。")
            .replace("%1", self._detail.summary.name)
            .replace("%2", self._detail.summary.cert_no)
        )
        self.id_label.setText(self.tr("出示的证件号码"))
