"""Putting documents on paper and on screen.

Pages for the preview are rendered from the PDF itself (PDFium), so what the operator sees is exactly
what is printed and recorded. Printing sends the PDF to the system's print queue: through CUPS (`lp`) where
it exists, which keeps the text and vectors intact (a copy printed to a PDF queue still has its text
layer), and otherwise through Qt's print support as page images at the printer's resolution.
"""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.pages import page_pictures

PREVIEW_DPI = 88  # an A4 page 728 px wide: it fits the preview without scrolling sideways
PRINT_DPI = 300


def render_pages(pdf: bytes, *, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page of `pdf` as an image (call from a worker thread)."""
    images = []
    for picture in page_pictures(pdf, dpi=dpi):
        data = picture.tobytes("raw", "RGB")
        image = QImage(data, picture.width, picture.height, picture.width * 3, QImage.Format.Format_RGB888)
        images.append(image.copy())  # own the pixels: `data` goes away with this frame
    return images


def send_to_printer(pdf: bytes, printer: str, *, copies: int = 1, title: str = "ruankao-desktop") -> None:
    """Queue `pdf` on `printer` (call from a worker thread). Raises `KnownError` when it is refused."""
    lp = shutil.which("lp")
    if lp is not None:
        result = subprocess.run(
            [lp, "-d", printer, "-n", str(copies), "-o", "media=A4", "-t", title, "-"],
            input=pdf,
            capture_output=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            reason = result.stderr.decode("utf-8", "replace").strip() or f"lp exit {result.returncode}"
            raise KnownError("print.printer_failed", printer=printer, reason=reason)
        return
    _print_with_qt(pdf, printer, copies)


def _print_with_qt(pdf: bytes, printer_name: str, copies: int) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    printer.setCopyCount(copies)
    printer.setFullPage(True)
    if not printer.isValid():
        raise KnownError("print.printer_not_found", printer=printer_name)
    painter = QPainter()
    if not painter.begin(printer):
        raise KnownError("print.printer_not_started", printer=printer_name)
    try:
        for index, image in enumerate(render_pages(pdf, dpi=PRINT_DPI)):
            if index:
                printer.newPage()
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), scaled.width(), scaled.height()), image)
    finally:
        painter.end()
