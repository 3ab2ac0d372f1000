"""Verifying a copy: from the QR text a scanner types, a verification code typed by hand, or a PDF made
by this system. Works offline: the QR content carries the fields and a signature; where this database
knows the certificate, the result also says what its state is now.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.codes import looks_like_code, normalise_code
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf.signing import PREFIX, KeyStore, NotAPayload, open_payload
from ruankao_desktop.core.services.lookup import CertificateSummary, LookupService
from ruankao_desktop.core.services.printing import key_store
from ruankao_desktop.core.store.models import VerificationCode
from ruankao_desktop.core.store.search import as_datetime


class Verdict(StrEnum):
    VALID = "valid"
    TAMPERED = "tampered"
    FORGED = "forged"
    UNKNOWN_ISSUER = "unknown_issuer"
    EXPIRED = "expired"
    REVOKED = "revoked"
    UNKNOWN_CODE = "unknown_code"
    NOT_RECOGNISED = "not_recognised"


@dataclass(frozen=True)
class Issuer:
    """Who signed a copy: this centre, or a trusted one by the name it was imported under."""

    name: str
    own: bool = False

    def text(self, lang: Language = "zh") -> str:
        return render("keys.own", lang) if self.own else self.name


@dataclass(frozen=True)
class VerificationResult:
    verdict: Verdict
    fields: dict[str, Any] = field(default_factory=dict)
    issuer: Issuer | None = None
    key_id: str = ""
    expires: str = ""
    code: str = ""
    current: CertificateSummary | None = None
    revoked_at: str = ""

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VALID

    def message(self, lang: Language = "zh") -> str:
        messages = {
            Verdict.VALID: lambda: render("verify.valid", lang, issuer=self.issuer or ""),
            Verdict.TAMPERED: lambda: render("verify.tampered", lang),
            Verdict.FORGED: lambda: render("verify.forged", lang),
            Verdict.UNKNOWN_ISSUER: lambda: render("verify.unknown_issuer", lang, key_id=self.key_id or "—"),
            Verdict.EXPIRED: lambda: render("verify.expired", lang, expires=self.expires),
            Verdict.REVOKED: lambda: render("verify.revoked_code", lang, when=self.revoked_at),
            Verdict.UNKNOWN_CODE: lambda: render("verify.unknown_code", lang, code=self.code),
            Verdict.NOT_RECOGNISED: lambda: render("verify.not_payload", lang),
        }
        return messages[self.verdict]()

    def current_state(self, lang: Language = "zh") -> str:
        """What this database says about the certificate now (docs/domain.md "Verification")."""
        if self.current is None:
            return render("verify.not_in_database", lang) if self.fields.get("n") else ""
        text = render("verify.current_state", lang, state=self.current.state_text(lang))
        if self.current.superseded_by:
            text += render("verify.current_successor", lang, successor=self.current.superseded_by)
        return text

    def as_json(self, lang: Language = "zh") -> dict[str, Any]:
        current = self.current
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
        }


def payload_in_pdf(source: Path | bytes) -> str | None:
    """The QR text of a copy made by this system: it travels in the document's keywords too."""
    try:
        metadata = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source).metadata
    except (OSError, PdfReadError, ValueError):
        return None
    payload = str(metadata.get("/Keywords", "")) if metadata else ""
    return payload if payload.startswith(PREFIX) else None


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
        """A copy saved as PDF by this system."""
        payload = payload_in_pdf(path)
        if payload is None:
            raise KnownError("verify.no_payload_in_pdf", path=str(path))
        return self._verify_payload(payload)

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
        issuer = Issuer(opened.trusted_key.name, own=opened.trusted_key.own)
        if not opened.signature_valid:
            return VerificationResult(Verdict.FORGED, fields, issuer=issuer, key_id=key)
        expires = str(fields.get("e", ""))
        current = self._current(str(fields.get("n", "")))
        result = VerificationResult(
            Verdict.VALID, fields, issuer=issuer, key_id=key, expires=expires, current=current
        )
        if expires and self._today().isoformat() > expires:
            return VerificationResult(
                Verdict.EXPIRED, fields, issuer=issuer, key_id=key, expires=expires, current=current
            )
        stored = VerificationCode.get_or_none(VerificationCode.code == str(fields.get("c", "")))
        if stored is not None and stored.revoked_at:
            revoked = as_datetime(stored.revoked_at)
            when = revoked.strftime("%Y-%m-%d") if revoked else ""
            return VerificationResult(
                Verdict.REVOKED,
                fields,
                issuer=issuer,
                key_id=key,
                expires=expires,
                current=current,
                revoked_at=when,
            )
        return result

    def _verify_code(self, code: str) -> VerificationResult:
        stored = VerificationCode.get_or_none(VerificationCode.code == code)
        if stored is None:
            return VerificationResult(Verdict.UNKNOWN_CODE, code=code)
        current = self._lookup.summaries([stored.certificate_id])
        summary = current[0] if current else None
        expires_at = as_datetime(stored.expires_at) or datetime.min
        expires = expires_at.date().isoformat()
        issuer = Issuer("", own=True)
        if stored.revoked_at:
            revoked = as_datetime(stored.revoked_at)
            return VerificationResult(
                Verdict.REVOKED,
                code=code,
                current=summary,
                expires=expires,
                issuer=issuer,
                revoked_at=revoked.strftime("%Y-%m-%d") if revoked else "",
            )
        verdict = Verdict.EXPIRED if self._today() > expires_at.date() else Verdict.VALID
        return VerificationResult(verdict, code=code, current=summary, expires=expires, issuer=issuer)

    def _current(self, cert_no: str) -> CertificateSummary | None:
        found = self._lookup.by_cert_no(cert_no) if cert_no else []
        return found[0] if found else None
