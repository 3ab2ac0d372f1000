"""What every printed document shares: A4 pages, styles set in the font chain, the page furniture
(watermark and footer drawn by `PageTemplate(onPage=…)`), a vector QR code and a photo flowable."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf.fonts import FontChain

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9fb3c8")
ACCENT = colors.HexColor("#243b53")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle


def styles(chain: FontChain) -> Styles:
    """Paragraph styles whose base font is the chain's first face (runs switch fonts where needed)."""
    chain.register()
    base = chain.faces[0].name

    def style(name: str, size: float, colour: colors.Color, **extra: object) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=base, fontSize=size, leading=size * 1.45, textColor=colour, **extra
        )

    return Styles(
        title=style("title", 17, ACCENT, alignment=1, spaceAfter=2 * mm),
        subtitle=style("subtitle", 10, MUTED, alignment=1, spaceAfter=6 * mm),
        label=style("label", 10, MUTED),
        value=style("value", 12, INK),
        body=style("body", 10.5, INK),
        small=style("small", 8.5, MUTED),
    )


def table_font(chain: FontChain) -> tuple[str, tuple[int, int], tuple[int, int], str]:
    """The table style command that keeps ReportLab's default cell font (Helvetica, never embedded) out."""
    return ("FONTNAME", (0, 0), (-1, -1), chain.faces[0].name)


def paragraph(chain: FontChain, text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(chain.paragraph_markup(text), style)


PageDrawer = Callable[[Canvas, BaseDocTemplate], None]


def writers(
    chain: FontChain, style: Styles, lang: Language
) -> tuple[Callable[..., Flowable], Callable[[str], Flowable]]:
    """`p(text, style_name)` for a value (an em dash when empty) and `label(code)` for a field's name."""

    def p(text: str, kind: str = "value") -> Flowable:
        return paragraph(chain, text or "—", getattr(style, kind))

    def label(code: str) -> Flowable:
        return p(render(code, lang), "label")

    return p, label


def grid(chain: FontChain, rows: list[list[Flowable]], widths: list[float]) -> Table:
    """A form's table of labels and values, ruled."""
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                table_font(chain),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.6 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6 * mm),
            ]
        )
    )
    return table


def footer_text(lang: Language, *, serial: str, printed_at: datetime, terminal: str, operator: str) -> str:
    """The line at the foot of every page of a recorded document: serial, time, terminal, operator."""
    return render(
        "copy.footer",
        lang,
        serial=serial,
        time=printed_at.strftime("%Y-%m-%d %H:%M"),
        terminal=terminal,
        operator=operator,
    )


def build_form(
    story: Sequence[Flowable], chain: FontChain, *, footer: str, title: str, invariant: bool
) -> bytes:
    """Lay a form's story out with `footer` on every page."""

    def furniture(canvas: Canvas, _document: BaseDocTemplate) -> None:
        draw_footer(canvas, chain, footer)

    return build_pdf(
        story, base_font=chain.faces[0].name, title=title, on_page=furniture, invariant=invariant
    )


def build_pdf(
    story: Sequence[Flowable],
    *,
    base_font: str,
    title: str,
    on_page: PageDrawer,
    keywords: str = "",
    invariant: bool = False,
) -> bytes:
    """Lay `story` out on A4 pages, calling `on_page` for the furniture of each page."""
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 8 * mm,
        title=title,
        author="ruankao-desktop",
        creator="ruankao-desktop",
        keywords=keywords,
        invariant=int(invariant),
        # The canvas starts in the chain's first font: its default, Helvetica, would be listed in the PDF
        # without being embedded.
        initialFontName=base_font,
    )
    frame = Frame(document.leftMargin, document.bottomMargin, document.width, document.height, id="body")
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    document.build(list(story))
    return buffer.getvalue()


def draw_watermark(canvas: Canvas, chain: FontChain, text: str) -> None:
    """A diagonal, light, repeated line saying what the paper is (and is not)."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.62, 0.68, 0.75, alpha=0.16))
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(35)
    size = 30
    width = chain.string_width(text, size)
    for offset in (-2, -1, 0, 1, 2):
        chain.draw_string(canvas, -width / 2, offset * 95 * mm / 1.2, text, size)
    canvas.restoreState()


def draw_footer(canvas: Canvas, chain: FontChain, text: str) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, MARGIN + 4 * mm, PAGE_WIDTH - MARGIN, MARGIN + 4 * mm)
    canvas.setFillColor(MUTED)
    chain.draw_string(canvas, MARGIN, MARGIN, text, 8)
    canvas.restoreState()


QR_MASK = 4


class QrCode(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """The QR code as vector squares: sharp at any printer resolution, and cheap to draw."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        # Any of the eight masks is a valid code; scoring all of them (segno's default) costs more than the
        # rest of the page, so one is fixed.
        self._qr = segno.make(payload, error="m", mode="byte", micro=False, mask=QR_MASK)
        self.width = self.height = size

    def draw(self) -> None:
        matrix = [list(row) for row in self._qr.matrix]
        count = len(matrix)
        quiet = 2
        module = self.width / (count + 2 * quiet)
        canvas: Canvas = self.canv
        canvas.setFillColor(colors.white)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        for row_index, row in enumerate(matrix):
            y = self.height - (row_index + quiet + 1) * module
            start = None
            for column, dark in enumerate([*row, 0]):
                if dark and start is None:
                    start = column
                elif not dark and start is not None:
                    canvas.rect(
                        (start + quiet) * module, y, (column - start) * module, module, stroke=0, fill=1
                    )
                    start = None


class Photo(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """An applicant's photo (JPEG bytes) in a 25×35 mm frame, or an empty frame to glue one in."""

    def __init__(self, data: bytes | None, chain: FontChain, hint: str) -> None:
        super().__init__()
        self._data = data
        self._chain = chain
        self._hint = hint
        self.width, self.height = 25 * mm, 35 * mm

    def draw(self) -> None:
        from reportlab.lib.utils import ImageReader

        canvas: Canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        if self._data:
            canvas.drawImage(
                ImageReader(io.BytesIO(self._data)), 0, 0, self.width, self.height, preserveAspectRatio=True
            )
        else:
            canvas.setFillColor(MUTED)
            width = self._chain.string_width(self._hint, 8)
            self._chain.draw_string(canvas, (self.width - width) / 2, self.height / 2, self._hint, 8)
