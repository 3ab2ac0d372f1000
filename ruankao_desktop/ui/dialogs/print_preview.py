"""The print preview: the exact pages that were rendered and recorded, with Print and Save as PDF.

Staff choose the printer in Qt's print dialog; a kiosk (a fixed printer in the settings) prints without
asking. Printing and saving run in the background; the dialog says how it went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.printing import RenderedDocument
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.printing import render_pages, send_to_printer
from ruankao_desktop.ui.resources import icon, show_outcome


class PrintPreview(QDialog):
    finished_output = Signal(str)  # "printed" or "saved", for tests and the status bar

    def __init__(self, parent: QWidget | None, desk: DeskContext, document: RenderedDocument) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setModal(False)
        self._desk = desk
        self.document = document
        self.info = QLabel()
        self.info.setObjectName("hintText")
        self.info.setWordWrap(True)
        self.pages = QVBoxLayout()
        self.pages.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        holder = QWidget()
        holder.setLayout(self.pages)
        holder.setStyleSheet("background:#e4e9ee;")
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(icon("print"), "")
        self.print_button.setObjectName("previewPrintButton")
        self.print_button.setProperty("primary", True)
        self.save_button = QPushButton(icon("save"), "")
        self.save_button.setObjectName("previewSaveButton")
        self.close_button = QPushButton(icon("close"), "")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self.close)
        self.resize(820, 960)
        self.retranslate_ui()
        fit_to_text(self)
        pdf = document.pdf
        desk.runner.run(lambda: render_pages(pdf), on_success=self._show_pages, on_failure=self._failed)

    def _show_pages(self, images: list[QImage]) -> None:
        for image in images:
            page = QLabel()
            page.setObjectName("previewPage")
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("background:white;border:1px solid #bcccdc;")
            self.pages.addWidget(page)

    # Output -----------------------------------------------------------------------------------------------

    def print_document(self) -> None:
        printer_name = self._desk.settings.printer
        if not printer_name:
            printer = QPrinter()
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            printer_name = printer.printerName()
            copies = printer.copyCount()
        else:
            copies = 1
        self.print_to(printer_name, copies=copies)

    def print_to(self, printer_name: str, *, copies: int = 1) -> None:
        """Send the document to `printer_name` in the background (the kiosk path, and the dialog's)."""
        pdf, document = self.document.pdf, self.document
        printing, actor = self._desk.printing, self._desk.actor
        self._busy(True)

        def printed(_none: None) -> None:
            # The queue may take its time: printing runs beside the database writer, the record after it.
            self._desk.runner.run(
                lambda: printing.record_output(document, actor, printer=printer_name, copies=copies),
                on_success=lambda _changed: None,
                on_failure=self._failed,
                write=True,
            )
            self._done(self.tr("已发送到打印机 %1。").replace("%1", printer_name), "printed")

        self._desk.runner.run(
            lambda: send_to_printer(pdf, printer_name, copies=copies, title=document.serial),
            on_success=printed,
            on_failure=self._failed,
        )

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("另存为 PDF"),
            str(Path.home() / self.document.suggested_name),
            "PDF (*.pdf)",
            options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused, never replaced
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, target: Path) -> None:
        document, printing, actor = self.document, self._desk.printing, self._desk.actor
        self._busy(True)
        self._desk.runner.run(
            lambda: printing.save(document, target, actor),
            on_success=lambda _changed: self._done(self.tr("已保存：%1").replace("%1", str(target)), "saved"),
            on_failure=self._failed,
            write=True,
        )

    def _busy(self, busy: bool) -> None:
        self.print_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def _done(self, text: str, what: str) -> None:
        self._busy(False)
        show_outcome(self.status, text, ok=True)
        self.finished_output.emit(what)

    def _failed(self, problem: KnownError) -> None:
        self._busy(False)
        show_outcome(self.status, problem.message(self._desk.i18n.lang), ok=False)

    # Language ---------------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("打印预览"))
        info = self.tr("流水号 %1").replace("%1", self.document.serial)
        if self.document.code:
            info += (
                self.tr(" · 核验码 %1 · 有效期至 %2")
                .replace("%1", self.document.code)
                .replace("%2", self.document.expires.isoformat() if self.document.expires else "")
            )
        self.info.setText(info)
        self.print_button.setText(self.tr("打印…"))
        self.save_button.setText(self.tr("另存为 PDF…"))
        self.close_button.setText(self.tr("关闭"))
