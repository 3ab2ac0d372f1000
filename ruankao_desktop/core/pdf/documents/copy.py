"""The certificate copy (核验件): official and calm, one A4 page.

What is printed: the certificate's fields as the records hold them (the ID number masked), the state at
print time, a verification code valid for a while, a QR code whose content is signed by this centre, and a
line saying that the current state is what the issuing centre's records say now. A diagonal watermark says
it is a copy for verification and not the certificate; the footer carries serial, time, terminal and
operator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Spacer, Table, TableStyle

from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf.documents.common import (
    RULE,
    QrCode,
    build_pdf,
    draw_footer,
    draw_watermark,
    paragraph,
    styles,
    table_font,
)
from ruankao_desktop.core.pdf.fonts import FontChain


@dataclass(frozen=True)
class CopyContent:
    holder_name: str
    id_masked: str
    qualification: str
    level: str
    session: str
    cert_no: str
    management_no: str
    approved_on: str
    issuer: str
    state: str
    serial: str
    code: str
    printed_at: datetime
    expires: date
    terminal: str
    operator: str
    payload: str
    lang: Language = "zh"

    def texts(self) -> list[tuple[str, str]]:
        """Every text that varies from copy to copy, with the label of its field (empty for the footer):
        each is checked against the fonts before anything is printed."""
        return [
            (render("copy.holder", self.lang), self.holder_name),
            (render("copy.qualification", self.lang), self.qualification),
            (render("copy.session", self.lang), self.session),
            (render("copy.issuer", self.lang), self.issuer),
            (render("copy.state", self.lang), self.state),
            ("", self.terminal),
            ("", self.operator),
        ]


def build_copy(content: CopyContent, chain: FontChain, *, invariant: bool = False) -> bytes:
    lang = content.lang
    style = styles(chain)

    def label(code: str) -> object:
        return paragraph(chain, render(code, lang), style.label)

    def value(text: str) -> object:
        return paragraph(chain, text or "—", style.value)

    rows = [
        [label("copy.holder"), value(content.holder_name), label("copy.id"), value(content.id_masked)],
        [
            label("copy.qualification"),
            value(content.qualification),
            label("copy.level"),
            value(content.level),
        ],
        [
            label("copy.cert_no"),
            value(content.cert_no),
            label("copy.management_no"),
            value(content.management_no),
        ],
        [
            label("copy.approved_on"),
            value(content.approved_on),
            label("copy.session"),
            value(content.session),
        ],
        [label("copy.issuer"), value(content.issuer), label("copy.state"), value(content.state)],
    ]
    fields = Table(rows, colWidths=[24 * mm, 61 * mm, 27 * mm, 58 * mm])
    fields.setStyle(
        TableStyle(
            [
                table_font(chain),
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3.2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    code_block = [
        paragraph(chain, render("copy.code", lang), style.label),
        paragraph(chain, content.code, style.title),
        paragraph(chain, render("copy.code_valid", lang, expires=content.expires.isoformat()), style.body),
        Spacer(1, 3 * mm),
        paragraph(chain, render("copy.scan", lang), style.small),
    ]
    verification = Table([[QrCode(content.payload, 46 * mm), code_block]], colWidths=[52 * mm, 118 * mm])
    verification.setStyle(
        TableStyle(
            [table_font(chain), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        )
    )
    story = [
        Spacer(1, 6 * mm),
        paragraph(chain, render("copy.title", lang), style.title),
        paragraph(chain, render("copy.subtitle", lang), style.subtitle),
        fields,
        Spacer(1, 12 * mm),
        verification,
        Spacer(1, 10 * mm),
        paragraph(chain, render("copy.current_state", lang), style.body),
    ]
    watermark = render("copy.watermark", lang)
    footer = render(
        "copy.footer",
        lang,
        serial=content.serial,
        time=content.printed_at.strftime("%Y-%m-%d %H:%M"),
        terminal=content.terminal,
        operator=content.operator,
    )

    def furniture(canvas: Canvas, _document: BaseDocTemplate) -> None:
        draw_watermark(canvas, chain, watermark)
        draw_footer(canvas, chain, footer)

    return build_pdf(
        story,
        base_font=chain.faces[0].name,
        title=f"{render('copy.title', lang)} {content.cert_no}",
        on_page=furniture,
        keywords=content.payload,
        invariant=invariant,
    )
