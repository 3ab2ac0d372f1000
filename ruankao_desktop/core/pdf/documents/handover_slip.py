"""The handover slip (证书领取单): what was handed over, to whom and how, for the receiver's signature —
or, for a mailing, the record of what was sent where, for the clerk's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf.documents.common import (
    RULE,
    build_form,
    footer_text,
    grid,
    paragraph,
    styles,
    table_font,
    writers,
)
from ruankao_desktop.core.pdf.fonts import FontChain


@dataclass(frozen=True)
class SlipContent:
    cert_no: str
    holder: str
    holder_id_masked: str
    qualification: str
    session: str
    method: str  # in words: 他人代领
    mailed: bool
    receiver: tuple[tuple[str, str], ...]  # (label code, value): who received it, or where it went
    handed_at: datetime
    serial: str
    printed_at: datetime
    terminal: str
    operator: str
    lang: Language = "zh"

    def texts(self) -> list[tuple[str, str]]:
        """Every text that varies, with its field's label, checked against the fonts before printing."""
        return [
            (render("slip.holder", self.lang), self.holder),
            (render("copy.qualification", self.lang), self.qualification),
            *((render(code, self.lang), value) for code, value in self.receiver),
            ("", self.operator),
        ]


def build_handover_slip(content: SlipContent, chain: FontChain, *, invariant: bool = False) -> bytes:
    lang = content.lang
    style = styles(chain)
    p, label = writers(chain, style, lang)
    rows: list[list[Flowable]] = [
        [label("copy.cert_no"), p(content.cert_no), label("slip.session"), p(content.session)],
        [label("slip.holder"), p(content.holder), label("slip.holder_id"), p(content.holder_id_masked)],
        [label("copy.qualification"), p(content.qualification), "", ""],
        [
            label("slip.method"),
            p(content.method),
            label("slip.handed_at"),
            p(content.handed_at.strftime("%Y-%m-%d %H:%M")),
        ],
    ]
    spans = [("SPAN", (1, 2), (3, 2))]
    for code, value in content.receiver:
        spans.append(("SPAN", (1, len(rows)), (3, len(rows))))
        rows.append([label(code), p(value), "", ""])
    details = grid(chain, rows, [32 * mm, 56 * mm, 24 * mm, 58 * mm])
    details.setStyle(TableStyle(spans))
    signer = "slip.sent_by" if content.mailed else "slip.received_by"
    signatures = Table(
        [
            [p(render(signer, lang), "body"), p(render("form.date", lang), "body")],
            [p(render("slip.handed_by", lang, operator=content.operator), "body"), ""],
        ],
        colWidths=[110 * mm, 60 * mm],
        rowHeights=[18 * mm, 18 * mm],
    )
    signatures.setStyle(
        TableStyle(
            [
                table_font(chain),
                ("LINEBELOW", (0, 0), (0, 0), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    declaration = "slip.mail_declaration" if content.mailed else "slip.declaration"
    story = [
        paragraph(chain, render("slip.title", lang), style.title),
        p(render("slip.subtitle", lang, cert_no=content.cert_no), "subtitle"),
        details,
        Spacer(1, 6 * mm),
        p(render(declaration, lang), "body"),
        Spacer(1, 4 * mm),
        signatures,
    ]
    footer = footer_text(
        lang,
        serial=content.serial,
        printed_at=content.printed_at,
        terminal=content.terminal,
        operator=content.operator,
    )
    return build_form(story, chain, footer=footer, title=render("slip.title", lang), invariant=invariant)
