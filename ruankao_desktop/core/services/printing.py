"""Printing: certificate copies with a signed QR code and a verification code, the reissue application
form and its receipt, and batches of copies. Every document produced is recorded (PrintRecord: serial,
kind, SHA-256 of the exact bytes, operator, terminal) with an audit event, in one transaction, after the
document was rendered: a failure leaves neither a record nor a document.
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import secrets
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.codes import ALPHABET, format_code, new_code
from ruankao_desktop.core.domain.masking import Surface
from ruankao_desktop.core.domain.reissue import Document, ReissueKind, offered_documents
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.paths import data_dir
from ruankao_desktop.core.pdf.documents.copy import CopyContent, build_copy
from ruankao_desktop.core.pdf.documents.reissue_forms import (
    ApplicationContent,
    build_application_form,
    build_receipt,
)
from ruankao_desktop.core.pdf.fonts import FontChain, default_chain
from ruankao_desktop.core.pdf.signing import KeyStore, sign_payload
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.models import Certificate, PrintRecord, ReissueRequest, VerificationCode
from ruankao_desktop.core.store.search import as_date, as_datetime

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
# Batches at least this large are rendered on worker processes, at most this many.
PARALLEL_FROM = 40
MAX_WORKERS = 4


class DocumentKind:
    COPY = "copy"
    APPLICATION_FORM = "application_form"
    RECEIPT = "receipt"


_TITLES = {DocumentKind.APPLICATION_FORM: "form.title", DocumentKind.RECEIPT: "receipt.title"}


def key_store() -> KeyStore:
    return KeyStore(data_dir() / "keys")


def new_serial(now: datetime) -> str:
    """`20261129-7KQ2M9XD`: the day, then 8 random characters (unique across desks without a counter)."""
    return f"{now:%Y%m%d}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


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


@dataclass(frozen=True)
class _PendingCopy:
    certificate_id: int
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

    # Certificate copies -------------------------------------------------------------------------------

    def render_copy(
        self, certificate_id: int, actor: audit.Actor, *, lang: Language = "zh"
    ) -> RenderedDocument:
        """One copy, recorded. A character no font has raises `UncoveredCharacter`; nothing is recorded."""
        pending = self._prepare_copy(certificate_id, actor, lang)
        document = self._render_copy(pending)
        self._record([(pending, document)], actor)
        return document

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
    ) -> int:
        """Copies of many certificates into one PDF (or a ZIP of one PDF each) at `target`.

        All are rendered first; then the file is written and every copy recorded in one transaction.
        Cancelling (or any failure) writes neither the file nor a record. Returns the number of copies.
        """
        check_target(target)

        def stop_if_cancelled() -> None:
            if cancelled is not None and cancelled():
                raise KnownError("print.cancelled")

        pending_copies = []
        for certificate_id in certificate_ids:
            stop_if_cancelled()
            pending_copies.append(self._prepare_copy(certificate_id, actor, lang))
        rendered = list(
            zip(pending_copies, self._render_all(pending_copies, progress, stop_if_cancelled), strict=True)
        )
        stop_if_cancelled()
        data = _zip([doc for _, doc in rendered]) if as_zip else _concatenate([doc for _, doc in rendered])
        partial = target.with_name(target.name + ".part")
        _write(partial, data)
        try:
            # The file takes its name inside the transaction that records the copies: both or neither.
            self._record(rendered, actor, batch_file=target.name, then=lambda: _move(partial, target))
        finally:
            partial.unlink(missing_ok=True)
        return len(rendered)

    def _prepare_copy(self, certificate_id: int, actor: audit.Actor, lang: Language) -> _PendingCopy:
        summaries = self._lookup.summaries([certificate_id])
        certificate = Certificate.get_or_none(Certificate.id == certificate_id)
        if not summaries or certificate is None:
            raise KnownError("certificate.missing")
        summary = summaries[0]
        now = self._now()
        serial, code = new_serial(now), new_code()
        expires = now.date() + timedelta(days=self._settings.copy_valid_days)
        approved = as_date(certificate.approved_on)
        fields = {
            "v": 1,
            "k": self._keys.own_key_id(),
            "s": serial,
            "c": code,
            "t": now.strftime("%Y-%m-%dT%H:%M"),
            "e": expires.isoformat(),
            "n": summary.cert_no,
            "m": summary.management_no,
            "h": summary.name,
            "i": summary.id_masked,
            "q": summary.qualification,
            "l": summary.level,
            "a": approved.isoformat() if approved else "",
            "x": summary.state.value,
        }
        content = CopyContent(
            holder_name=summary.name,
            id_masked=summary.id_masked,
            qualification=summary.qualification,
            level=summary.level_text(lang),
            session=summary.session,
            cert_no=summary.cert_no,
            management_no=summary.management_no,
            approved_on=approved.isoformat() if approved else "—",
            issuer=summary.issuer,
            state=summary.state_text(lang),
            serial=serial,
            code=format_code(code),
            printed_at=now,
            expires=expires,
            terminal=actor.terminal,
            operator=actor.user,
            payload=sign_payload(fields, self._keys.signing_key()),
            lang=lang,
        )
        return _PendingCopy(certificate_id, content)

    def _render_all(
        self,
        pending: Sequence[_PendingCopy],
        progress: Progress | None,
        stop_if_cancelled: Callable[[], None],
    ) -> list[RenderedDocument]:
        """Render in this process for a few copies; for many, on one worker process per core (ReportLab
        holds the interpreter lock, so threads would not help). Order is kept; cancelling stops early."""
        total = len(pending)
        if total < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
            documents = []
            for index, item in enumerate(pending):
                stop_if_cancelled()
                documents.append(self._render_copy(item))
                if progress is not None:
                    progress(index + 1, total)
            return documents
        workers = min(os.cpu_count() or 2, MAX_WORKERS)
        context = multiprocessing.get_context("spawn")  # no fork of a process that runs Qt threads
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [
                pool.submit(_render_in_worker, item.content, self._settings.fonts, self._invariant)
                for item in pending
            ]
            try:
                for done, _future in enumerate(as_completed(futures), start=1):
                    stop_if_cancelled()
                    if progress is not None:
                        progress(done, total)
                pdfs = [future.result() for future in futures]
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        return [self._document(item, pdf) for item, pdf in zip(pending, pdfs, strict=True)]

    def _render_copy(self, pending: _PendingCopy) -> RenderedDocument:
        return self._document(pending, _render_content(pending.content, self._fonts(), self._invariant))

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
        *,
        batch_file: str = "",
        then: Callable[[], None] | None = None,
    ) -> None:
        """Record the copies (and run `then`, e.g. moving the file into place) in one transaction."""
        now = self._now()
        with write_transaction():
            for pending, document in rendered:
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
        chain = self._fonts()
        for field, text in content.texts():
            chain.check(text, field=field)
        builder = build_receipt if kind == DocumentKind.RECEIPT else build_application_form
        pdf = builder(content, chain, invariant=self._invariant)
        document = RenderedDocument(
            serial=serial,
            kind=kind,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            pages=len(PdfReader(io.BytesIO(pdf)).pages),
            certificate_id=certificate.id,
            suggested_name=f"{render(_TITLES[kind], lang)}-{request.tracking_no or request_id}.pdf",
        )
        with write_transaction():
            _create_record(document, actor, now, certificate_id=certificate.id, request_id=request_id)
            audit.record(
                actor,
                f"print.{kind}",
                f"certificate:{certificate.id}",
                {"serial": serial, "kind": kind, "sha256": document.sha256, "request": request_id},
            )
        return document


def _render_content(content: CopyContent, chain: FontChain, invariant: bool) -> bytes:
    for field, text in content.texts():
        chain.check(text, field=field)
    return build_copy(content, chain, invariant=invariant)


def _render_in_worker(content: CopyContent, fonts: tuple[Path, ...], invariant: bool) -> bytes:
    """A copy rendered in a worker process of a batch (its font chain is discovered once per process)."""
    return _render_content(content, default_chain(fonts), invariant)


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


def check_target(target: Path) -> None:
    """Refuse a file that exists or a folder that does not, before anything is rendered or recorded."""
    if target.exists():
        raise KnownError("print.target_exists", path=str(target))
    if not target.parent.is_dir():
        raise KnownError("print.folder_missing", folder=str(target.parent))


def save_pdf(document: RenderedDocument, target: Path) -> None:
    """Write a rendered document to a new file (never over an existing one)."""
    check_target(target)
    _write(target, document.pdf)


def _write(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise KnownError("print.write_failed", path=str(target), reason=exc.strerror or str(exc)) from exc


def _move(source: Path, target: Path) -> None:
    try:
        source.replace(target)
    except OSError as exc:
        raise KnownError("print.write_failed", path=str(target), reason=exc.strerror or str(exc)) from exc


def _concatenate(documents: Sequence[RenderedDocument]) -> bytes:
    writer = PdfWriter()
    for document in documents:
        writer.append(PdfReader(io.BytesIO(document.pdf)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip(documents: Sequence[RenderedDocument]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            archive.writestr(document.suggested_name, document.pdf)
    return buffer.getvalue()
