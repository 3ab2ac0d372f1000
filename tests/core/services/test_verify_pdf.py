"""Verifying a copy from its PDF: the QR code is read off the rendered page, the metadata must agree with
it, the file is compared with its print record, and a certificate that is revoked, superseded or expired
is never "valid". Altered and unrelated files are built the way a cheat would: pypdf and ReportLab."""

from __future__ import annotations

import io
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.pdf.signing import KeyStore
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.printing import RenderedDocument
from ruankao_desktop.core.services.verification import (
    Metadata,
    Verdict,
    VerificationResult,
    VerificationService,
    payload_in_pdf,
)
from ruankao_desktop.core.store.models import Certificate, PrintRecord
from tests.core.services.test_printing import NOW, printing, verifier
from tests.helpers import TEST_ACTOR, TODAY


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def saved_copy(centre: Centre, keys: KeyStore, certificate_id: int, target: Path) -> RenderedDocument:
    service = printing(centre, keys)
    document = service.render_copy(certificate_id, TEST_ACTOR, expected_version=None)
    service.save(document, target, TEST_ACTOR)
    return document


def rewritten(source: Path, target: Path, *, overlay: bytes | None = None, keywords: str | None) -> Path:
    """`source` written again with pypdf: an overlay stamped on its page, its Keywords replaced (None:
    no metadata at all)."""
    reader = PdfReader(source)
    writer = PdfWriter()
    page = writer.add_page(reader.pages[0])
    if overlay is not None:
        page.merge_page(PdfReader(io.BytesIO(overlay)).pages[0])
    if keywords is not None:
        writer.add_metadata({"/Keywords": keywords})
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def another_name_over_the_holder() -> bytes:
    """A white box over the upper part of the page's fields with another name and number on it."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFillColorRGB(1, 1, 1)
    page.rect(60, 560, 300, 180, stroke=0, fill=1)
    page.setFillColorRGB(0, 0, 0)
    page.setFont("Helvetica", 14)
    page.drawString(70, 700, "Holder: LI SI   Certificate no. C99990000001")
    page.save()
    return buffer.getvalue()


def unrelated_pdf(target: Path, *, keywords: str) -> Path:
    page = canvas.Canvas(str(target), pagesize=A4)
    page.setKeywords(keywords)
    page.setFont("Helvetica", 14)
    page.drawString(70, 700, "Certificate of excellence: LI SI")
    page.save()
    return target


def all_lines(result: VerificationResult) -> str:
    return "\n".join([result.message(), *result.checks()])


def test_the_exact_file_printed_here_says_so(demo_centre: Centre, keys: KeyStore, tmp_path: Path) -> None:
    document = saved_copy(demo_centre, keys, 2, tmp_path / "copy.pdf")
    result = verifier(demo_centre, keys).verify_pdf(tmp_path / "copy.pdf")
    assert result.verdict is Verdict.VALID and result.ok
    assert result.pdf is not None and result.pdf.qr_on_page and result.pdf.matches_record
    assert result.checks() == [
        render("verify.check.metadata_agrees"),
        render("verify.check.same_file", when=NOW.strftime("%Y-%m-%d %H:%M"), serial=document.serial),
    ]
    facts = result.as_json()
    assert facts["file_sha256"] == facts["recorded_sha256"] == document.sha256
    assert facts["file_matches_record"] is True


def test_overwritten_text_with_the_genuine_qr_is_not_called_unaltered(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    document = saved_copy(demo_centre, keys, 2, tmp_path / "copy.pdf")
    genuine = payload_in_pdf(tmp_path / "copy.pdf")
    forged = rewritten(
        tmp_path / "copy.pdf",
        tmp_path / "forged.pdf",
        overlay=another_name_over_the_holder(),
        keywords=genuine,
    )
    assert (
        "LI SI"
        in subprocess.run(["pdftotext", str(forged), "-"], capture_output=True, text=True, check=True).stdout
    )
    result = verifier(demo_centre, keys).verify_pdf(forged)
    certificate = Certificate.get_by_id(2)
    assert result.verdict is Verdict.VALID  # the QR code itself is genuine …
    assert result.pdf is not None and result.pdf.matches_record is False  # … the file is not the one printed
    assert result.checks() == [
        render("verify.check.metadata_agrees"),
        render("verify.check.other_file", when=NOW.strftime("%Y-%m-%d %H:%M"), serial=document.serial),
        render(
            "verify.check.signed_content",
            name=certificate.holder.name,
            id_masked=result.fields["i"],
            qualification=result.fields["q"],
            cert_no=certificate.cert_no,
        ),
    ]
    assert "内容未被改动" not in all_lines(result)
    assert certificate.cert_no in all_lines(result) and "C99990000001" not in all_lines(result)
    facts = result.as_json()
    assert facts["file_matches_record"] is False and facts["file_sha256"] != facts["recorded_sha256"]


def test_an_unrelated_pdf_carrying_a_genuine_copys_keywords_proves_nothing(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    saved_copy(demo_centre, keys, 2, tmp_path / "copy.pdf")
    fake = unrelated_pdf(tmp_path / "fake.pdf", keywords=payload_in_pdf(tmp_path / "copy.pdf") or "")
    result = verifier(demo_centre, keys).verify_pdf(fake)
    assert result.verdict is Verdict.ALTERED and not result.ok
    assert result.message() == render("verify.no_qr")
    assert result.as_json()["qr_on_page"] is False
    assert result.fields == {}  # nothing of the copied keywords is shown as if it were checked


def test_stripped_metadata_still_verifies_from_the_qr_code(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    saved_copy(demo_centre, keys, 3, tmp_path / "copy.pdf")
    stripped = rewritten(tmp_path / "copy.pdf", tmp_path / "stripped.pdf", keywords=None)
    assert payload_in_pdf(stripped) is None
    result = verifier(demo_centre, keys).verify_pdf(stripped)
    assert result.verdict is Verdict.VALID
    assert result.pdf is not None and result.pdf.metadata is Metadata.ABSENT
    assert result.checks()[0] == render("verify.check.metadata_absent")
    assert result.fields["n"] == Certificate.get_by_id(3).cert_no


def test_a_qr_code_and_metadata_that_disagree_are_altered(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    saved_copy(demo_centre, keys, 2, tmp_path / "two.pdf")
    saved_copy(demo_centre, keys, 3, tmp_path / "three.pdf")
    mixed = rewritten(
        tmp_path / "two.pdf", tmp_path / "mixed.pdf", keywords=payload_in_pdf(tmp_path / "three.pdf")
    )
    result = verifier(demo_centre, keys).verify_pdf(mixed)
    assert result.verdict is Verdict.ALTERED and not result.ok
    assert result.message() == render("verify.altered")
    assert result.checks() == [render("verify.check.metadata_differs")]


def test_a_batch_file_and_a_file_that_is_no_pdf_are_refused_with_a_message(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    batch = tmp_path / "batch.pdf"
    printing(demo_centre, keys).render_copies([1, 2], TEST_ACTOR, batch)
    with pytest.raises(KnownError) as caught:
        verifier(demo_centre, keys).verify_pdf(batch)
    assert caught.value.message() == render("verify.several_pages", path=str(batch), pages=2)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 nothing here")
    with pytest.raises(KnownError) as caught:
        verifier(demo_centre, keys).verify_pdf(junk)
    assert caught.value.message() == render("verify.unreadable_pdf", path=str(junk))


def one_in(centre: Centre, state: CertificateState) -> int:
    return LookupService(centre.settings, today=lambda: TODAY).search_ids(Criteria(state=state)).ids[0]


def test_a_revoked_certificate_is_its_own_verdict_with_the_reason(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    revoked = one_in(demo_centre, CertificateState.REVOKED)
    document = saved_copy(demo_centre, keys, revoked, tmp_path / "copy.pdf")
    reason = Certificate.get_by_id(revoked).revocation_reason
    assert reason
    for result in (
        verifier(demo_centre, keys).verify_pdf(tmp_path / "copy.pdf"),
        verifier(demo_centre, keys).verify(document.code or ""),
    ):
        assert result.verdict is Verdict.REVOKED and not result.ok
        assert result.message() == render("verify.revoked", reason=reason)
        assert result.as_json()["revocation_reason"] == reason


def test_a_superseded_certificate_names_its_successor(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    superseded = one_in(demo_centre, CertificateState.SUPERSEDED)
    saved_copy(demo_centre, keys, superseded, tmp_path / "copy.pdf")
    successor = Certificate.get(Certificate.supersedes == superseded).cert_no
    result = verifier(demo_centre, keys).verify_pdf(tmp_path / "copy.pdf")
    assert result.verdict is Verdict.SUPERSEDED and not result.ok
    assert result.message() == render("verify.superseded", successor=successor)
    assert result.as_json()["superseded_by"] == successor


def test_an_expired_certificate_is_expired_though_its_code_is_not(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    expired = one_in(demo_centre, CertificateState.EXPIRED)
    document = saved_copy(demo_centre, keys, expired, tmp_path / "copy.pdf")
    assert document.expires is not None and document.expires > TODAY
    result = verifier(demo_centre, keys).verify_pdf(tmp_path / "copy.pdf")
    assert result.verdict is Verdict.EXPIRED and not result.ok
    assert result.current is not None and result.current.valid_until is not None
    assert result.message() == render(
        "verify.certificate_expired", until=result.current.valid_until.isoformat()
    )


def test_a_code_that_expired_keeps_its_own_message(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    document = saved_copy(demo_centre, keys, 3, tmp_path / "copy.pdf")
    assert document.expires is not None
    later: date = document.expires + timedelta(days=1)
    result = VerificationService(demo_centre.settings, keys=keys, today=lambda: later).verify_pdf(
        tmp_path / "copy.pdf"
    )
    assert result.verdict is Verdict.EXPIRED
    assert result.message() == render("verify.expired", expires=document.expires.isoformat())
    assert PrintRecord.get(PrintRecord.serial == document.serial).sha256 == document.sha256
