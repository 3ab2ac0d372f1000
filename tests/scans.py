"""Scanned documents for handovers (a 委托书, a unit's letter): a real one-page PDF made by ReportLab and a
real PNG made by Pillow, and things that only look like them."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from ruankao_desktop.core.domain.handover import Attachment


def pdf_scan(name: str = "委托书.pdf") -> Attachment:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Authorisation")
    canvas.save()
    return Attachment(name, buffer.getvalue())


def png_scan(name: str = "letter.png") -> Attachment:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(buffer, format="PNG")
    return Attachment(name, buffer.getvalue())


def cut_off_pdf() -> Attachment:
    whole = pdf_scan().data
    return Attachment("委托书.pdf", whole[: len(whole) // 2])


def not_a_scan() -> Attachment:
    return Attachment("委托书.docx", b"PK\x03\x04" + b"word document" * 100)
