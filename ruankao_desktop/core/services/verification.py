"""Verifying a copy: from the QR text a scanner types, a verification code typed by hand, or a PDF.
Works offline: the QR content carries the fields and a signature; where this database knows the
certificate, the result also says what its state is now, and where it recorded the copy, whether a PDF
is that exact file. The answer says what was checked and what was not (docs/domain.md "Verification").
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.codes import looks_like_code, normalise_code
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf.signing import PREFIX, KeyStore, NotAPayload, open_payload
from ruankao_desktop.core.services.lookup import CertificateSummary, LookupService
from ruankao_desktop.core.services.pages import open_pdf
from ruankao_desktop.core.services.printing import key_store
from ruankao_desktop.core.store.models import PrintRecord, VerificationCode
from ruankao_desktop.core.store.search import as_datetime

if TYPE_CHECKING:
    import pypdfium2

SCAN_DPI = 200  # the copy's QR modules are then several pixels wide
SCAN_MAX_SIDE = 4000  # pixels: a page claiming to be metres wide is not rendered at full size


class Verdict(StrEnum):
    VALID = "valid"
    ALTERED = "altered"
    TAMPERED = "tampered"
    FORGED = "forged"
    UNKNOWN_ISSUER = "unknown_issuer"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"
    UNKNOWN_CODE = "unknown_code"
    NOT_RECOGNISED = "not_recognised"


class Metadata(StrEnum):
    """What a PDF's Keywords say beside the QR code on its page."""

    AGREES = "agrees"
    DIFFERS = "differs"
    ABSENT = "absent"


@dataclass(frozen=True)
class Issuer:
    """Who signed a copy: this centre, or a trusted one by the name it was imported under."""

    name: str
    own: bool = False
    key_id: str = ""

    def text(self, lang: Language = "zh") -> str:
        if self.own:
            return render("keys.own", lang)
        return render("verify.trusted_issuer", lang, name=self.name, key_id=self.key_id)


@dataclass(frozen=True)
class RecordedCopy:
    """The print record of a copy, as this database holds it."""

    serial: str
    sha256: str
    printed_at: str


@dataclass(frozen=True)
class PdfCheck:
    """What was read from a PDF: whether its page carries a QR code, what its Keywords say, its digest,
    and the print record of the copy it names (None: not recorded in this database)."""

    qr_on_page: bool
    metadata: Metadata
    sha256: str
    recorded: RecordedCopy | None = None

    @property
    def matches_record(self) -> bool | None:
        return None if self.recorded is None else self.recorded.sha256 == self.sha256


_GENUINE = frozenset({Verdict.VALID, Verdict.REVOKED, Verdict.SUPERSEDED, Verdict.EXPIRED})  # signature valid


@dataclass(frozen=True)
class VerificationResult:
    verdict: Verdict
    fields: dict[str, Any] = field(default_factory=dict)
    issuer: Issuer | None = None
    key_id: str = ""
    expires: str = ""
    code: str = ""
    current: CertificateSummary | None = None
    revoked_at: str = ""  # the verification code's revocation, when that is what the verdict is about
    pdf: PdfCheck | None = None

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VALID

    @property
    def about_certificate(self) -> bool:
        """True when a revoked or expired verdict is about the certificate itself, not the copy's code."""
        return self.current is not None and self.current.state.value == self.verdict.value

    def message(self, lang: Language = "zh") -> str:
        current = self.current
        issuer = self.issuer.text(lang) if self.issuer else ""
        if self.verdict is Verdict.VALID:
            return render("verify.valid" if self.fields else "verify.valid_code", lang, issuer=issuer)
        if self.verdict is Verdict.ALTERED:
            return render("verify.altered" if self.pdf and self.pdf.qr_on_page else "verify.no_qr", lang)
        if self.verdict is Verdict.REVOKED and self.about_certificate and current:
            return render("verify.revoked", lang, reason=current.revocation_reason or "—")
        if self.verdict is Verdict.SUPERSEDED and current:
            return render("verify.superseded", lang, successor=current.superseded_by or "—")
        if self.verdict is Verdict.EXPIRED and self.about_certificate and current:
            until = current.valid_until.isoformat() if current.valid_until else "—"
            return render("verify.certificate_expired", lang, until=until)
        others = {
            Verdict.TAMPERED: lambda: render("verify.tampered", lang),
            Verdict.FORGED: lambda: render("verify.forged", lang),
            Verdict.UNKNOWN_ISSUER: lambda: render("verify.unknown_issuer", lang, key_id=self.key_id or "—"),
            Verdict.EXPIRED: lambda: render("verify.expired", lang, expires=self.expires),
            Verdict.REVOKED: lambda: render("verify.revoked_code", lang, when=self.revoked_at),
            Verdict.UNKNOWN_CODE: lambda: render("verify.unknown_code", lang, code=self.code),
        }
        return others.get(self.verdict, lambda: render("verify.not_payload", lang))()

    def checks(self, lang: Language = "zh") -> list[str]:
        """What was and was not checked, one sentence each: the page's QR code and the PDF's metadata, the
        file against its print record, and what the signature protects."""
        lines: list[str] = []
        pdf = self.pdf
        if pdf is not None and pdf.qr_on_page:
            lines.append(render(f"verify.check.metadata_{pdf.metadata.value}", lang))
        if self.verdict not in _GENUINE:
            return lines
        if pdf is not None and pdf.recorded is not None and pdf.matches_record:
            printed = pdf.recorded.printed_at
            lines.append(render("verify.check.same_file", lang, when=printed, serial=pdf.recorded.serial))
            return lines
        if pdf is not None and pdf.recorded is not None:
            printed = pdf.recorded.printed_at
            lines.append(render("verify.check.other_file", lang, when=printed, serial=pdf.recorded.serial))
        elif pdf is not None:
            lines.append(render("verify.check.not_recorded", lang))
        if self.fields:
            fields = self.fields
            lines.append(
                render(
                    "verify.check.signed_content",
                    lang,
                    name=fields.get("h", "—"),
                    id_masked=fields.get("i", "—"),
                    qualification=fields.get("q", "—"),
                    cert_no=fields.get("n", "—"),
                )
            )
        return lines

    def current_state(self, lang: Language = "zh") -> str:
        """What this database says about the certificate now (docs/domain.md "Verification")."""
        if self.current is None:
            return render("verify.not_in_database", lang) if self.fields.get("n") else ""
        text = render("verify.current_state", lang, state=self.current.state_text(lang))
        if self.current.superseded_by:
            text += render("verify.current_successor", lang, successor=self.current.superseded_by)
        return text

    def as_json(self, lang: Language = "zh") -> dict[str, Any]:
        current, pdf = self.current, self.pdf
        return {
            "verdict": self.verdict.value,
            "valid": self.ok,
            "message": self.message(lang),
            "issuer_key": self.key_id or None,
            "serial": self.fields.get("s"),
            "cert_no": self.fields.get("n") or (current.cert_no if current else None),
            "name": self.fields.get("h") or (current.name if current else None),
            "id_masked": self.fields.get("i") or (current.id_masked if current else None),
            "qualification": self.fields.get("q") or (current.qualification if current else None),
            "printed_at": self.fields.get("t"),
            "expires": self.expires or None,
            "state_at_print": self.fields.get("x"),
            "current_state": current.state.value if current else None,
            "current_state_text": current.state_text(lang) if current else None,
            "superseded_by": current.superseded_by if current else None,
            "revocation_reason": current.revocation_reason if current else None,
            "code_revoked_at": self.revoked_at or None,
            "checks": self.checks(lang),
            "qr_on_page": pdf.qr_on_page if pdf else None,
            "metadata": pdf.metadata.value if pdf else None,
            "file_sha256": pdf.sha256 if pdf else None,
            "recorded_sha256": pdf.recorded.sha256 if pdf and pdf.recorded else None,
            "recorded_at": pdf.recorded.printed_at if pdf and pdf.recorded else None,
            "file_matches_record": pdf.matches_record if pdf else None,
        }


def payload_in_pdf(source: Path | bytes) -> str | None:
    """The QR text a copy made by this system carries in its Keywords (a convenience copy: the QR code
    on the page is what counts)."""
    from pypdf import PdfReader  # on first use, as the PDF readers below: the window starts without them
    from pypdf.errors import PdfReadError

    try:
        metadata = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source).metadata
    except (OSError, PdfReadError, ValueError):
        return None
    payload = str(metadata.get("/Keywords", "")) if metadata else ""
    return payload if payload.startswith(PREFIX) else None


def payloads_on_page(pdf: bytes) -> tuple[int, set[str]]:
    """The number of pages of `pdf` and the copy QR texts decoded from its first page, rendered as
    printed. Raises `ValueError` for bytes PDFium cannot open."""
    with open_pdf(pdf) as document:
        pages = len(document)
        image = _rendered(document[0]) if pages else None
    if image is None:
        return 0, set()
    import zxingcpp

    barcodes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return pages, {str(barcode.text) for barcode in barcodes if str(barcode.text).startswith(PREFIX)}


def _rendered(page: pypdfium2.PdfPage) -> Any:
    """The page as a greyscale PIL image, at `SCAN_DPI` unless that would exceed `SCAN_MAX_SIDE`."""
    width, height = page.get_size()
    scale = min(SCAN_DPI / 72, SCAN_MAX_SIDE / max(width, height, 1))
    return page.render(scale=scale, grayscale=True).to_pil()


class VerificationService:
    def __init__(
        self, settings: Settings, *, keys: KeyStore | None = None, today: Callable[[], date] = date.today
    ) -> None:
        self._keys = keys or key_store()
        self._today = today
        self._lookup = LookupService(settings, today=today)

    def verify(self, text: str) -> VerificationResult:
        """A QR text (`RKV1.…`) or a 16-character verification code."""
        text = text.strip()
        if text.startswith(PREFIX):
            return self._verify_payload(text)
        if looks_like_code(text):
            return self._verify_code(normalise_code(text))
        return VerificationResult(Verdict.NOT_RECOGNISED)

    def verify_pdf(self, path: Path) -> VerificationResult:
        """A copy saved as PDF: the QR code on its page is decoded and checked; its Keywords must say the
        same; where this database recorded the copy, the file's SHA-256 is compared with the record."""
        try:
            data = path.read_bytes()
            pages, on_page = payloads_on_page(data)
        except (OSError, ValueError) as exc:
            raise KnownError("verify.unreadable_pdf", path=str(path)) from exc
        if pages > 1:
            raise KnownError("verify.several_pages", path=str(path), pages=pages)
        keywords = payload_in_pdf(data)
        if not on_page and keywords is None:
            raise KnownError("verify.no_payload_in_pdf", path=str(path))
        sha256 = hashlib.sha256(data).hexdigest()
        if len(on_page) != 1:
            return VerificationResult(Verdict.ALTERED, pdf=PdfCheck(bool(on_page), Metadata.DIFFERS, sha256))
        [payload] = on_page
        if keywords is None:
            metadata = Metadata.ABSENT
        else:
            metadata = Metadata.AGREES if keywords == payload else Metadata.DIFFERS
        result = self._verify_payload(payload)
        recorded = _recorded_copy(str(result.fields.get("s", ""))) if result.verdict in _GENUINE else None
        check = PdfCheck(True, metadata, sha256, recorded)
        verdict = Verdict.ALTERED if metadata is Metadata.DIFFERS else result.verdict
        return dataclasses.replace(result, verdict=verdict, pdf=check)

    def _verify_payload(self, text: str) -> VerificationResult:
        try:
            opened = open_payload(text, self._keys.trusted())
        except NotAPayload:
            return VerificationResult(Verdict.NOT_RECOGNISED)
        fields = opened.fields
        key = str(fields.get("k", ""))
        if not opened.consistent:
            return VerificationResult(Verdict.TAMPERED, fields, key_id=key)
        if opened.trusted_key is None:
            return VerificationResult(Verdict.UNKNOWN_ISSUER, fields, key_id=key)
        issuer = Issuer(opened.trusted_key.name, own=opened.trusted_key.own, key_id=key)
        if not opened.signature_valid:
            return VerificationResult(Verdict.FORGED, fields, issuer=issuer, key_id=key)
        expires = str(fields.get("e", ""))
        current = self._current(str(fields.get("n", "")))
        stored = VerificationCode.get_or_none(VerificationCode.code == str(fields.get("c", "")))
        verdict, revoked_at = self._standing(
            current,
            code_expired=bool(expires) and self._today().isoformat() > expires,
            code_revoked=stored.revoked_at if stored is not None else None,
        )
        return VerificationResult(
            verdict,
            fields,
            issuer=issuer,
            key_id=key,
            expires=expires,
            current=current,
            revoked_at=revoked_at,
        )

    def _verify_code(self, code: str) -> VerificationResult:
        stored = VerificationCode.get_or_none(VerificationCode.code == code)
        if stored is None:
            return VerificationResult(Verdict.UNKNOWN_CODE, code=code)
        current = self._lookup.summaries([stored.certificate_id])
        summary = current[0] if current else None
        expires_at = as_datetime(stored.expires_at) or datetime.min
        verdict, revoked_at = self._standing(
            summary, code_expired=self._today() > expires_at.date(), code_revoked=stored.revoked_at
        )
        return VerificationResult(
            verdict,
            code=code,
            current=summary,
            expires=expires_at.date().isoformat(),
            issuer=Issuer("", own=True),
            revoked_at=revoked_at,
        )

    @staticmethod
    def _standing(
        current: CertificateSummary | None, *, code_expired: bool, code_revoked: datetime | str | None
    ) -> tuple[Verdict, str]:
        """A genuine copy's verdict: the certificate's standing first (revoked, superseded, past its
        term), then the copy's code (expired, revoked). The date is the code's revocation, if that."""
        standing = {
            CertificateState.REVOKED: Verdict.REVOKED,
            CertificateState.SUPERSEDED: Verdict.SUPERSEDED,
            CertificateState.EXPIRED: Verdict.EXPIRED,
        }
        if current is not None and current.state in standing:
            return standing[current.state], ""
        if code_expired:
            return Verdict.EXPIRED, ""
        if code_revoked:
            revoked = as_datetime(code_revoked)
            return Verdict.REVOKED, revoked.strftime("%Y-%m-%d") if revoked else ""
        return Verdict.VALID, ""

    def _current(self, cert_no: str) -> CertificateSummary | None:
        found = self._lookup.by_cert_no(cert_no) if cert_no else []
        return found[0] if found else None


def _recorded_copy(serial: str) -> RecordedCopy | None:
    record = PrintRecord.get_or_none(PrintRecord.serial == serial) if serial else None
    if record is None:
        return None
    printed = as_datetime(record.printed_at)
    return RecordedCopy(record.serial, record.sha256, printed.strftime("%Y-%m-%d %H:%M") if printed else "")
