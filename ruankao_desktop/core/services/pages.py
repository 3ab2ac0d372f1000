"""Pages of a PDF as pictures, with PDFium: the preview and the printer show them, verification reads the
QR code off them. PDFium is not thread-safe, so every use of it in the process goes through the one lock
here, whichever thread or feature asks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pypdfium2

_PDFIUM = threading.Lock()


@contextmanager
def open_pdf(pdf: bytes) -> Iterator[pypdfium2.PdfDocument]:
    """`pdf` opened in PDFium, which no other thread uses meanwhile. Raises `ValueError` for bytes PDFium
    cannot open."""
    import pypdfium2  # on first use: the window starts without PDFium

    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(pdf)
        except pypdfium2.PdfiumError as exc:
            raise ValueError(str(exc)) from exc
        try:
            yield document
        finally:
            document.close()


def page_pictures(pdf: bytes, *, dpi: int) -> list[Any]:
    """Every page of `pdf` as an RGB PIL image at `dpi` (call from a worker thread)."""
    with open_pdf(pdf) as document:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
