"""Printing: certificate copies with a signed QR code and a verification code, the reissue application
form and its receipt, the handover slip, and batches of copies. Every document produced is recorded
(PrintRecord: serial, kind, SHA-256 of the exact bytes, operator, terminal) with an audit event, in one
transaction, after the document was rendered: a failure leaves neither a record nor a document. Where a
document then goes — a file, a printer — is recorded here too (`save`, `record_output`), so that every
face leaves the same trail.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruankao_desktop.core.config import Settings, data_dir
from ruankao_desktop.core.domain.masking import MaskPolicy, Surface, mask_id, mask_phone
from ruankao_desktop.core.domain.reissue import Document, ReissueKind, offered_documents
from ruankao_desktop.core.domain.status import HandoverMethod
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf.documents.copy import CopyContent
from ruankao_desktop.core.pdf.documents.handover_slip import SlipContent, build_handover_slip
from ruankao_desktop.core.pdf.documents.reissue_forms import (
    ApplicationContent,
    build_application_form,
    build_receipt,
)
from ruankao_desktop.core.pdf.fonts import FontChain, default_chain
from ruankao_desktop.core.pdf.signing import KeyStore
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.copy_content import copy_content, new_serial
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.print_batch import Progress, render_content, render_contents
from ruankao_desktop.core.services.print_files import (
    check_target,
    concatenate,
    move_file,
    write_file,
    zip_files,
)
from ruankao_desktop.core.services.records import certificate_as_seen, last_handover
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.models import Distribution, PrintRecord, ReissueRequest, VerificationCode
from ruankao_desktop.core.store.search import as_date, as_datetime

Cancelled = Callable[[], bool]


class DocumentKind:
    COPY = "copy"
    APPLICATION_FORM = "application_form"
    RECEIPT = "receipt"
    HANDOVER_SLIP = "handover_slip"


_TITLES = {DocumentKind.APPLICATION_FORM: "form.title", DocumentKind.RECEIPT: "receipt.title"}


def key_store() -> KeyStore:
    return KeyStore(data_dir() / "keys")


@dataclass(frozen=True)
class RenderedDocument:
    """A document ready to print or save, and what was recorded about it."""

    serial: str
    kind: str
    pdf: bytes
    sha256: str
    pages: int
    certificate_id: int | None = None
    code: str | None = None
    expires: date | None = None
    suggested_name: str = "document.pdf"
    changed: Changed | None = None  # set once the document is recorded


@dataclass(frozen=True)
class PrintedBatch:
    """How many copies a batch wrote into its file, and what it recorded."""

    count: int
    changed: Changed


@dataclass(frozen=True)
class _PendingCopy:
    certificate_id: int
    version: int | None
    content: CopyContent


class PrintingService:
    def __init__(
        self,
        settings: Settings,
        *,
        keys: KeyStore | None = None,
        fonts: Callable[[], FontChain] | None = None,
        now: Callable[[], datetime] = datetime.now,
        invariant: bool = False,
    ) -> None:
        self._settings = settings
        self._keys = keys or key_store()
        self._fonts = fonts or (lambda: default_chain(settings.fonts))
        self._now = now
        self._invariant = invariant
        self._lookup = LookupService(settings, surface=Surface.PRINT, today=lambda: self._now().date())
        self._policy = settings.mask_policy(Surface.PRINT)

    # Certificate copies -------------------------------------------------------------------------------

    def render_copy(
        self,
        certificate_id: int,
        actor: audit.Actor,
        *,
        expected_version: int | None,
        lang: Language = "zh",
    ) -> RenderedDocument:
        """One copy, recorded. A character no font has raises `UncoveredCharacter`. With
        `expected_version`, a certificate that is no longer the version the clerk saw raises `StaleRecord`,
        checked when the copy is prepared and again as it is recorded; nothing is recorded then. Without
        it (the command line) the copy shows the certificate as it was read a moment before."""
        pending = self._prepare_copy(certificate_id, actor, lang, expected_version=expected_version)
        document = self._render_copy(pending)
        self._record([(pending, document)], actor)
        changed = Changed.of(ChangeKind.PRINT, actor, certificates=[certificate_id])
        return dataclasses.replace(document, changed=changed)

    def render_copies(
        self,
        certificate_ids: Sequence[int],
        actor: audit.Actor,
        target: Path,
        *,
        as_zip: bool = False,
        lang: Language = "zh",
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> PrintedBatch:
        """Copies of many certificates, as they are now, into one PDF (or a ZIP of one PDF each) at
        `target`.

        All are rendered first; then the file is written and every copy recorded (an audit event each) in
        one transaction. Cancelling (or any failure) writes neither the file nor a record.
        """
        check_target(target)

        def stop_if_cancelled() -> None:
            if cancelled is not None and cancelled():
                raise KnownError("print.cancelled")

        pending_copies = []
        for certificate_id in certificate_ids:
            stop_if_cancelled()
            pending_copies.append(self._prepare_copy(certificate_id, actor, lang, expected_version=None))
        rendered = list(
            zip(pending_copies, self._render_all(pending_copies, progress, stop_if_cancelled), strict=True)
        )
        stop_if_cancelled()
        documents = [doc for _, doc in rendered]
        if as_zip:
            data = zip_files((doc.suggested_name, doc.pdf) for doc in documents)
        else:
            data = concatenate(doc.pdf for doc in documents)
        self._write_then_record(target, data, lambda then: self._record(rendered, actor, target.name, then))
        changed = Changed.of(ChangeKind.PRINT, actor, certificates=[p.certificate_id for p in pending_copies])
        return PrintedBatch(len(rendered), changed)

    def _prepare_copy(
        self, certificate_id: int, actor: audit.Actor, lang: Language, *, expected_version: int | None
    ) -> _PendingCopy:
        certificate = certificate_as_seen(certificate_id, expected_version=expected_version)
        summaries = self._lookup.summaries([certificate_id])
        if not summaries:
            raise KnownError("certificate.missing")
        content = copy_content(
            summaries[0],
            approved=as_date(certificate.approved_on),
            actor=actor,
            keys=self._keys,
            now=self._now(),
            valid_days=self._settings.copy_valid_days,
            lang=lang,
        )
        return _PendingCopy(certificate_id, expected_version, content)

    def _render_all(
        self,
        pending: Sequence[_PendingCopy],
        progress: Progress | None,
        stop_if_cancelled: Callable[[], None],
    ) -> list[RenderedDocument]:
        pdfs = render_contents(
            [item.content for item in pending],
            chain=self._fonts,
            fonts=self._settings.fonts,
            invariant=self._invariant,
            progress=progress,
            stop_if_cancelled=stop_if_cancelled,
        )
        return [self._document(item, pdf) for item, pdf in zip(pending, pdfs, strict=True)]

    def _render_copy(self, pending: _PendingCopy) -> RenderedDocument:
        return self._document(pending, render_content(pending.content, self._fonts(), self._invariant))

    def _document(self, pending: _PendingCopy, pdf: bytes) -> RenderedDocument:
        content = pending.content
        return RenderedDocument(
            serial=content.serial,
            kind=DocumentKind.COPY,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            pages=1,
            certificate_id=pending.certificate_id,
            code=content.code.replace("-", ""),
            expires=content.expires,
            suggested_name=f"核验件-{content.cert_no}.pdf",
        )

    def _record(
        self,
        rendered: Sequence[tuple[_PendingCopy, RenderedDocument]],
        actor: audit.Actor,
        batch_file: str = "",
        then: Callable[[], None] | None = None,
    ) -> None:
        """Record the copies (and run `then`, e.g. moving the file into place) in one transaction."""
        now = self._now()
        with write_transaction():
            for pending, document in rendered:
                certificate_as_seen(pending.certificate_id, expected_version=pending.version)
                record = _create_record(document, actor, now, certificate_id=pending.certificate_id)
                VerificationCode.create(
                    code=document.code,
                    certificate=pending.certificate_id,
                    print_record=record,
                    issued_at=now,
                    expires_at=datetime.combine(pending.content.expires, datetime.max.time()),
                )
                details = {"serial": document.serial, "kind": document.kind, "sha256": document.sha256}
                if batch_file:
                    details["batch"] = batch_file
                audit.record(actor, "print.copy", f"certificate:{pending.certificate_id}", details)
            if then is not None:
                then()

    # Reissue application form and receipt -----------------------------------------------------------------

    def render_application_form(
        self, request_id: int, actor: audit.Actor, *, lang: Language = "zh"
    ) -> RenderedDocument:
        return self._render_request(request_id, actor, DocumentKind.APPLICATION_FORM, lang)

    def render_receipt(
        self, request_id: int, actor: audit.Actor, *, lang: Language = "zh"
    ) -> RenderedDocument:
        return self._render_request(request_id, actor, DocumentKind.RECEIPT, lang)

    def _render_request(
        self, request_id: int, actor: audit.Actor, kind: str, lang: Language
    ) -> RenderedDocument:
        request = ReissueRequest.get_or_none(ReissueRequest.id == request_id)
        if request is None:
            raise KnownError("print.no_request")
        if kind == DocumentKind.RECEIPT and not request.tracking_no:
            raise KnownError("print.not_submitted")
        now = self._now()
        serial = new_serial(now)
        certificate = request.certificate
        reissue_kind = ReissueKind(request.kind)
        handed_in = set(json.loads(request.documents or "[]"))
        offered = offered_documents(reissue_kind)
        content = ApplicationContent(
            tracking_no=request.tracking_no,
            kind=reissue_kind.text(lang),
            applicant=request.applicant_name,
            phone=request.phone,
            email=request.email,
            address=request.address,
            reason=request.reason,
            documents=tuple((Document(d).text(lang), d.value in handed_in) for d in offered),
            photo=bytes(request.photo) if request.photo else None,
            cert_no=certificate.cert_no,
            qualification=certificate.qualification.name,
            submitted_at=as_datetime(request.submitted_at),
            serial=serial,
            printed_at=now,
            terminal=actor.terminal,
            operator=actor.user,
            lang=lang,
        )
        builder = build_receipt if kind == DocumentKind.RECEIPT else build_application_form
        return self._form(
            content,
            builder,
            kind=kind,
            certificate_id=certificate.id,
            name=f"{render(_TITLES[kind], lang)}-{request.tracking_no or request_id}.pdf",
            actor=actor,
            now=now,
            request_id=request_id,
        )

    # Handover slip ----------------------------------------------------------------------------------------

    def render_handover_slip(
        self, certificate_id: int, actor: audit.Actor, *, lang: Language = "zh"
    ) -> RenderedDocument:
        """The slip of the certificate's handover in force, for the receiver to sign (recorded like every
        document). Refused when the certificate has not been handed over."""
        handover = last_handover(certificate_id)
        summaries = self._lookup.summaries([certificate_id])
        if handover is None or not summaries:
            raise KnownError("print.no_handover")
        summary = summaries[0]
        now = self._now()
        serial = new_serial(now)
        method = HandoverMethod(str(handover.method))
        content = SlipContent(
            cert_no=summary.cert_no,
            holder=summary.name,
            holder_id_masked=summary.id_masked,
            qualification=summary.qualification,
            session=summary.session,
            method=method.text(lang),
            mailed=method is HandoverMethod.MAIL,
            receiver=_receiver(
                handover, method, summary.name, self._settings.mask_policy(Surface.PRINT), lang
            ),
            handed_at=as_datetime(handover.at) or now,
            serial=serial,
            printed_at=now,
            terminal=actor.terminal,
            operator=actor.user,
            lang=lang,
        )
        return self._form(
            content,
            build_handover_slip,
            kind=DocumentKind.HANDOVER_SLIP,
            certificate_id=certificate_id,
            name=f"{render('slip.title', lang)}-{summary.cert_no}.pdf",
            actor=actor,
            now=now,
        )

    def _form(
        self,
        content: Any,
        build: Callable[..., bytes],
        *,
        kind: str,
        certificate_id: int,
        name: str,
        actor: audit.Actor,
        now: datetime,
        request_id: int | None = None,
    ) -> RenderedDocument:
        """A form (`content` laid out by `build`) checked against the fonts, rendered, and recorded with
        its audit event `print.<kind>` in one transaction."""
        chain = self._fonts()
        for field, text in content.texts():
            chain.check(text, field=field)
        pdf = build(content, chain, invariant=self._invariant)
        from pypdf import PdfReader  # on first use: the window starts without it

        document = RenderedDocument(
            serial=content.serial,
            kind=kind,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            pages=len(PdfReader(io.BytesIO(pdf)).pages),
            certificate_id=certificate_id,
            suggested_name=name,
        )
        details: dict[str, object] = {"serial": document.serial, "kind": kind, "sha256": document.sha256}
        if request_id is not None:
            details["request"] = request_id
        with write_transaction():
            _create_record(document, actor, now, certificate_id=certificate_id, request_id=request_id)
            audit.record(actor, f"print.{kind}", f"certificate:{certificate_id}", details)
        changed = Changed.of(ChangeKind.PRINT, actor, certificates=[certificate_id])
        return dataclasses.replace(document, changed=changed)

    # Where a document went ---------------------------------------------------------------------------

    def save(self, document: RenderedDocument, target: Path, actor: audit.Actor) -> Changed:
        """Write `document` to the new file `target` and record that it went there: both or neither."""
        check_target(target)

        def record(then: Callable[[], None]) -> None:
            with write_transaction():
                then()
                self._record_output(document, actor, {"file": target.name})

        self._write_then_record(target, document.pdf, record)
        return self._output_changed(document, actor)

    def record_output(
        self, document: RenderedDocument, actor: audit.Actor, *, printer: str, copies: int
    ) -> Changed:
        """Record that `document` was sent to `printer` (after the print queue accepted it)."""
        self._record_output(document, actor, {"printer": printer, "copies": copies})
        return self._output_changed(document, actor)

    @staticmethod
    def _record_output(document: RenderedDocument, actor: audit.Actor, where: dict[str, object]) -> None:
        target = f"certificate:{document.certificate_id}" if document.certificate_id else "document"
        audit.record(actor, "print.output", target, {"serial": document.serial, **where})

    @staticmethod
    def _output_changed(document: RenderedDocument, actor: audit.Actor) -> Changed:
        certificates = [document.certificate_id] if document.certificate_id is not None else []
        return Changed.of(ChangeKind.PRINT_OUTPUT, actor, certificates=certificates)

    @staticmethod
    def _write_then_record(target: Path, data: bytes, record: Callable[[Callable[[], None]], None]) -> None:
        """Write `data` beside `target`; `record` gives it its name inside the transaction that records
        it, so the file and its record exist both or neither."""
        partial = target.with_name(target.name + ".part")
        write_file(partial, data)
        moved = False

        def move() -> None:
            nonlocal moved
            move_file(partial, target)
            moved = True

        try:
            record(move)
        except BaseException:
            if moved:  # the transaction did not commit after the file took its name: neither stays
                target.unlink(missing_ok=True)
            raise
        finally:
            partial.unlink(missing_ok=True)


def _receiver(
    handover: Distribution, method: HandoverMethod, holder: str, policy: MaskPolicy, lang: Language
) -> tuple[tuple[str, str], ...]:
    """The slip's rows on who received the certificate, or where it was sent (numbers masked)."""
    if method is HandoverMethod.PROXY:
        number = handover.recipient_id_number
        return (
            ("slip.proxy", handover.recipient_name or "—"),
            ("slip.proxy_id", mask_id(number, policy) if number else "—"),
            ("slip.documents", render("slip.docs.proxy", lang)),
        )
    if method is HandoverMethod.UNIT:
        return (
            ("slip.unit", handover.unit_name or "—"),
            ("slip.contact", handover.recipient_name or "—"),
            ("slip.documents", render("slip.docs.unit", lang)),
        )
    if method is HandoverMethod.MAIL:
        return (
            ("slip.address", handover.address or "—"),
            ("slip.phone", mask_phone(handover.phone) if handover.phone else "—"),
            ("slip.courier", f"{handover.courier or '—'} {handover.tracking_no or '—'}"),
        )
    return (("slip.receiver", render("slip.in_person", lang, name=holder)),)


def _create_record(
    document: RenderedDocument,
    actor: audit.Actor,
    now: datetime,
    *,
    certificate_id: int | None,
    request_id: int | None = None,
) -> PrintRecord:
    return PrintRecord.create(
        serial=document.serial,
        kind=document.kind,
        certificate=certificate_id,
        reissue_request=request_id,
        sha256=document.sha256,
        pages=document.pages,
        operator=actor.user,
        terminal=actor.terminal,
        printed_at=now,
    )
