"""Verifying a copy at the desk or kiosk: a scanner types the QR content (ending in Enter), or someone
types the verification code, or opens a PDF. Enter always means 核验 (check what was typed): it is the
dialog's default button, and opening a PDF is a button of its own that Enter never presses. The verdict
comes in words and colour, with the fields the copy carries and what this database says about the
certificate now; below it, what was checked and what was not (the page's QR code against the PDF's
metadata, the file against its print record, what the signature protects)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.verification import Verdict, VerificationResult, VerificationService
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.resources import BAD, CAUTION, GOOD, NEUTRAL, icon, show_outcome

VERDICT_COLOURS = {
    Verdict.VALID: GOOD,
    Verdict.EXPIRED: CAUTION,
    Verdict.UNKNOWN_ISSUER: CAUTION,
    Verdict.REVOKED: BAD,
    Verdict.SUPERSEDED: BAD,
    Verdict.ALTERED: BAD,
    Verdict.TAMPERED: BAD,
    Verdict.FORGED: BAD,
    Verdict.UNKNOWN_CODE: NEUTRAL,
    Verdict.NOT_RECOGNISED: NEUTRAL,
}


class VerifyDialog(QDialog):
    verified = Signal(object)  # VerificationResult

    def __init__(self, parent: QWidget | None, desk: DeskContext) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self._desk = desk
        self._service = VerificationService(desk.settings, today=desk.today)
        self.last_result: VerificationResult | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.input = QLineEdit()
        self.input.setObjectName("verifyInput")
        self.verify_button = QPushButton(icon("verify"), "")
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setDefault(True)
        self.pdf_button = QPushButton(icon("photo"), "")
        self.pdf_button.setObjectName("verifyPdfButton")
        self.pdf_button.setAutoDefault(False)
        self.verdict = QLabel()
        self.verdict.setObjectName("verifyVerdict")
        self.verdict.setWordWrap(True)
        self.checks = QLabel()
        self.checks.setObjectName("verifyChecks")
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        self.checks.setVisible(False)
        self.details = QLabel()
        self.details.setObjectName("verifyDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.verify_button)
        row.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.checks)
        layout.addWidget(self.details)
        layout.addStretch(1)
        # Enter in the field reaches the dialog, which presses the default button: one verification.
        self.verify_button.clicked.connect(self.verify_input)
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.retranslate_ui()
        fit_to_text(self)

    def verify_input(self) -> None:
        text, service = self.input.text(), self._service
        self._desk.runner.run(lambda: service.verify(text), on_success=self._show, on_failure=self._failed)
        self.input.selectAll()

    def choose_pdf(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择核验件 PDF"), str(Path.home()), "PDF (*.pdf)"
        )
        if path:
            self.verify_pdf(Path(path))

    def verify_pdf(self, path: Path) -> None:
        service = self._service
        self._desk.runner.run(
            lambda: service.verify_pdf(path), on_success=self._show, on_failure=self._failed
        )

    def _show(self, result: VerificationResult) -> None:
        self.last_result = result
        lang = self._desk.i18n.lang
        background, foreground = VERDICT_COLOURS[result.verdict]
        self.verdict.setStyleSheet(
            f"background:{background};color:{foreground};font-size:13pt;font-weight:600;"
            "padding:10px;border-radius:6px;"
        )
        self.verdict.setText(result.message(lang))
        checks = result.checks(lang)
        self.checks.setText(
            "".join(f"<p style='margin:0 0 6px 0'>· {html.escape(line)}</p>" for line in checks)
        )
        self.checks.setVisible(bool(checks))
        facts = result.as_json(lang)
        rows = [
            (self.tr("持证人"), facts["name"]),
            (self.tr("证件号码"), facts["id_masked"]),
            (self.tr("资格名称"), facts["qualification"]),
            (self.tr("证书编号"), facts["cert_no"]),
            (self.tr("打印时间"), (facts["printed_at"] or "").replace("T", " ")),
            (self.tr("核验码有效期至"), facts["expires"]),
        ]
        lines = [f"<b>{html.escape(label)}</b>：{html.escape(str(value))}" for label, value in rows if value]
        state = result.current_state(lang)
        if state:
            lines.append(f"<br/><b>{html.escape(state)}</b>")
        self.details.setText("<br/>".join(lines))
        self.verified.emit(result)

    def _failed(self, problem: KnownError) -> None:
        show_outcome(self.verdict, problem.message(self._desk.i18n.lang), ok=False)
        self.checks.clear()
        self.checks.setVisible(False)
        self.details.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("核验核验件"))
        self.intro.setText(
            self.tr("扫描核验件上的二维码，或输入 16 位核验码后按回车；也可以打开核验件 PDF。")
        )
        self.input.setPlaceholderText(self.tr("扫描二维码或输入核验码"))
        # The placeholder says what to do: the field is never narrower than it, in either language.
        placeholder = self.input.fontMetrics().horizontalAdvance(self.input.placeholderText())
        self.input.setMinimumWidth(placeholder + 3 * self.input.fontMetrics().averageCharWidth())
        self.verify_button.setText(self.tr("核验"))
        self.pdf_button.setText(self.tr("打开 PDF…"))
        if self.last_result is not None:
            self._show(self.last_result)
