"""The reissue application form (申请表), for the applicant to sign, and its receipt (回执)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf.documents.common import (
    RULE,
    Photo,
    build_form,
    footer_text,
    grid,
    paragraph,
    styles,
    writers,
)
from ruankao_desktop.core.pdf.fonts import FontChain

CHECKED, UNCHECKED = "☑", "☐"


@dataclass(frozen=True)
class ApplicationContent:
    tracking_no: str | None
    kind: str
    applicant: str
    phone: str
    email: str
    address: str
    reason: str
    documents: tuple[tuple[str, bool], ...]  # (document, handed in)
    photo: bytes | None
    cert_no: str
    qualification: str
    submitted_at: datetime | None
    serial: str
    printed_at: datetime
    terminal: str
    operator: str
    lang: Language = "zh"

    def texts(self) -> list[tuple[str, str]]:
        """Every text that varies, with its field's label, checked against the fonts before printing."""
        return [
            (render("form.applicant", self.lang), self.applicant),
            (render("form.address", self.lang), self.address),
            (render("form.reason", self.lang), self.reason),
            (render("copy.qualification", self.lang), self.qualification),
            ("", self.operator),
        ]


def _build(
    story: list[Flowable], content: ApplicationContent, chain: FontChain, *, title: str, invariant: bool
) -> bytes:
    """Lay the story out with the footer (serial, time, terminal, operator) on every page."""
    footer = footer_text(
        content.lang,
        serial=content.serial,
        printed_at=content.printed_at,
        terminal=content.terminal,
        operator=content.operator,
    )
    return build_form(story, chain, footer=footer, title=title, invariant=invariant)


def build_application_form(
    content: ApplicationContent, chain: FontChain, *, invariant: bool = False
) -> bytes:
    lang = content.lang
    style = styles(chain)
    p, label = writers(chain, style, lang)

    tracking = content.tracking_no
    documents = "<br/>".join(
        chain.paragraph_markup(f"{CHECKED if given else UNCHECKED} {name}")
        for name, given in content.documents
    )
    from reportlab.platypus import Paragraph

    details = grid(
        chain,
        [
            [
                label("copy.cert_no"),
                p(content.cert_no),
                label("copy.qualification"),
                p(content.qualification),
            ],
            [label("form.kind"), p(content.kind), label("form.applicant"), p(content.applicant)],
            [label("form.phone"), p(content.phone), label("form.email"), p(content.email)],
            [label("form.address"), p(content.address), "", ""],
            [label("form.reason"), p(content.reason), "", ""],
            [
                label("form.documents"),
                Paragraph(documents, style.value),
                label("form.photo"),
                Photo(content.photo, chain, render("form.photo", lang)),
            ],
        ],
        [24 * mm, 66 * mm, 22 * mm, 58 * mm],
    )
    details.setStyle(TableStyle([("SPAN", (1, 3), (3, 3)), ("SPAN", (1, 4), (3, 4))]))
    signatures = Table(
        [
            [p(render("form.signature", lang), "body"), p(render("form.date", lang), "body")],
            [p(render("form.accepted_by", lang), "body"), p(render("form.date", lang), "body")],
            [p(render("form.centre_stamp", lang), "body"), ""],
        ],
        colWidths=[110 * mm, 60 * mm],
        rowHeights=[16 * mm, 16 * mm, 22 * mm],
    )
    signatures.setStyle(
        TableStyle([("LINEBELOW", (0, 0), (-1, 1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    )
    story = [
        paragraph(chain, render("form.title", lang), style.title),
        p(
            render("form.tracking", lang, tracking=tracking)
            if tracking
            else render("form.not_submitted", lang),
            "subtitle",
        ),
        details,
        Spacer(1, 6 * mm),
        p(render("form.declaration", lang), "body"),
        Spacer(1, 4 * mm),
        signatures,
    ]
    return _build(story, content, chain, title=render("form.title", lang), invariant=invariant)


def build_receipt(content: ApplicationContent, chain: FontChain, *, invariant: bool = False) -> bytes:
    lang = content.lang
    style = styles(chain)
    p, label = writers(chain, style, lang)

    submitted = content.submitted_at.strftime("%Y-%m-%d %H:%M") if content.submitted_at else "—"
    details = grid(
        chain,
        [
            [label("form.applicant"), p(content.applicant), label("form.kind"), p(content.kind)],
            [label("copy.cert_no"), p(content.cert_no), label("receipt.submitted_at"), p(submitted)],
        ],
        [24 * mm, 61 * mm, 27 * mm, 58 * mm],
    )
    story = [
        paragraph(chain, render("receipt.title", lang), style.title),
        p(render("form.tracking", lang, tracking=content.tracking_no or "—"), "subtitle"),
        details,
        Spacer(1, 6 * mm),
        p(render("receipt.body", lang), "body"),
        Spacer(1, 14 * mm),
        p(render("form.accepted_by", lang) + "　" * 8 + render("form.centre_stamp", lang), "body"),
    ]
    return _build(story, content, chain, title=render("receipt.title", lang), invariant=invariant)
