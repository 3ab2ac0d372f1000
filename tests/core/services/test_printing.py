"""Printed copies, forms and their verification, checked with the real tools: pdffonts, pdftotext,
pdftoppm and a real QR decoder (zxing-cpp) on a rasterised page."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from ruankao_desktop.core.domain.reissue import Document, ReissueApplication, ReissueKind
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.pdf.fonts import UncoveredCharacter, default_chain
from ruankao_desktop.core.pdf.signing import KeyStore, sign_payload
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.certificates import CertificateService
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.printing import PrintingService, RenderedDocument
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.services.verification import Verdict, VerificationService, payload_in_pdf
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Holder, PrintRecord, VerificationCode
from tests.helpers import TEST_ACTOR, TODAY

NOW = datetime(2026, 11, 29, 10, 30)


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def printing(centre: Centre, keys: KeyStore) -> PrintingService:
    return PrintingService(centre.settings, keys=keys, now=lambda: NOW)


def verifier(centre: Centre, keys: KeyStore, *, today: date = TODAY) -> VerificationService:
    return VerificationService(centre.settings, keys=keys, today=lambda: today)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [line.split() for line in lines[2:]]


def qr_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    [png] = tmp_path.glob("page-*.png")
    [barcode] = zxingcpp.read_barcodes(Image.open(png))
    return str(barcode.text)


def with_name(certificate_id: int, name: str) -> None:
    holder = Certificate.get_by_id(certificate_id).holder
    Holder.update(name=name).where(Holder.id == holder.id).execute()


def test_a_copy_embeds_its_fonts_and_carries_the_name_exactly(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    with_name(1, "李𪚥")
    document = printing(demo_centre, keys).render_copy(1, TEST_ACTOR, expected_version=None)
    fonts = pdf_fonts(document.pdf, tmp_path)
    assert fonts
    assert all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column
    assert len({row[0] for row in fonts}) >= 2  # the body font and an extension-plane font for 𪚥
    text = pdf_text(document.pdf, tmp_path)
    assert "李𪚥" in text
    assert Certificate.get_by_id(1).cert_no in text
    assert "*" * 8 in text  # the ID number masked


def test_the_qr_code_decodes_from_the_printed_page_and_verifies(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    document = printing(demo_centre, keys).render_copy(2, TEST_ACTOR, expected_version=None)
    payload = qr_text(document.pdf, tmp_path)
    result = verifier(demo_centre, keys).verify(payload)
    assert result.verdict is Verdict.VALID
    assert result.fields["n"] == Certificate.get_by_id(2).cert_no
    assert result.current is not None
    assert result.message() == render("verify.valid", issuer=render("keys.own"))
    assert result.current_state().startswith("该证书的当前状态：")


def test_one_changed_character_is_reported_as_tampered(demo_centre: Centre, keys: KeyStore) -> None:
    document = printing(demo_centre, keys).render_copy(2, TEST_ACTOR, expected_version=None)
    payload = payload_in_pdf(document.pdf) or ""
    middle = len(payload) // 3
    flipped = payload[:middle] + ("x" if payload[middle] != "x" else "y") + payload[middle + 1 :]
    result = verifier(demo_centre, keys).verify(flipped)
    assert result.verdict is Verdict.TAMPERED
    assert result.message() == render("verify.tampered")


def test_a_copy_from_an_untrusted_centre_says_so_until_its_key_is_imported(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    other = KeyStore(tmp_path / "other-centre")
    payload = sign_payload(
        {"v": 1, "k": other.own_key_id(), "n": "C00000000001", "e": "2099-01-01"}, other.signing_key()
    )
    result = verifier(demo_centre, keys).verify(payload)
    assert result.verdict is Verdict.UNKNOWN_ISSUER
    assert result.message() == render("verify.unknown_issuer", key_id=other.own_key_id())
    other.export_public(tmp_path / "other.pem")
    keys.import_public(tmp_path / "other.pem", name="海淀考点")
    assert verifier(demo_centre, keys).verify(payload).verdict is Verdict.VALID


def test_a_forged_signature_is_reported_as_forged(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    forger = KeyStore(tmp_path / "forger")
    payload = sign_payload(
        {"v": 1, "k": keys.own_key_id(), "n": "C00000000001", "e": "2099-01-01"}, forger.signing_key()
    )
    assert verifier(demo_centre, keys).verify(payload).verdict is Verdict.FORGED


def test_an_expired_code_is_reported_as_expired(demo_centre: Centre, keys: KeyStore) -> None:
    document = printing(demo_centre, keys).render_copy(3, TEST_ACTOR, expected_version=None)
    payload = payload_in_pdf(document.pdf) or ""
    assert document.expires == NOW.date() + timedelta(days=90)
    later = document.expires + timedelta(days=1)
    result = verifier(demo_centre, keys, today=later).verify(payload)
    assert result.verdict is Verdict.EXPIRED
    assert result.message() == render("verify.expired", expires=document.expires.isoformat())
    assert verifier(demo_centre, keys, today=later).verify(document.code or "").verdict is Verdict.EXPIRED


def test_the_verification_code_and_the_saved_pdf_verify_too(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    document = printing(demo_centre, keys).render_copy(4, TEST_ACTOR, expected_version=None)
    assert document.code is not None
    spaced = " ".join(document.code[i : i + 4] for i in range(0, 16, 4)).lower()
    assert verifier(demo_centre, keys).verify(spaced).verdict is Verdict.VALID
    assert verifier(demo_centre, keys).verify("ZZZZZZZZZZZZZZZZ").verdict is Verdict.UNKNOWN_CODE
    saved = tmp_path / "copy.pdf"
    printing(demo_centre, keys).save(document, saved, TEST_ACTOR)
    assert verifier(demo_centre, keys).verify_pdf(saved).verdict is Verdict.VALID
    history = CertificateService(demo_centre.settings, today=lambda: TODAY).detail(4).history
    messages = sorted(entry.message() for entry in history[:2])
    assert messages == sorted(
        [f"保存为文件 copy.pdf（流水号 {document.serial}）", f"打印核验件 {document.serial}"]
    )
    assert not (tmp_path / "copy.pdf.part").exists()


def test_the_current_state_follows_the_records_not_the_paper(demo_centre: Centre, keys: KeyStore) -> None:
    superseded = (
        LookupService(demo_centre.settings, today=lambda: TODAY)
        .search_ids(Criteria(state=CertificateState.SUPERSEDED))
        .ids[0]
    )
    document = printing(demo_centre, keys).render_copy(superseded, TEST_ACTOR, expected_version=None)
    payload = payload_in_pdf(document.pdf) or ""
    result = verifier(demo_centre, keys).verify(payload)
    successor = Certificate.get(Certificate.supersedes == superseded).cert_no
    assert result.current is not None and result.current.superseded_by == successor
    assert successor in result.current_state()


def test_each_copy_is_recorded_with_the_digest_of_its_bytes(demo_centre: Centre, keys: KeyStore) -> None:
    document = printing(demo_centre, keys).render_copy(5, TEST_ACTOR, expected_version=None)
    record = PrintRecord.get(PrintRecord.serial == document.serial)
    assert record.certificate is not None
    assert (record.kind, record.sha256, record.certificate.id) == ("copy", document.sha256, 5)
    assert VerificationCode.get(VerificationCode.code == document.code).print_record.id == record.id
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (event.action, event.target) == ("print.copy", "certificate:5")
    history = CertificateService(demo_centre.settings, today=lambda: TODAY).detail(5).history
    assert history[0].message() == render("history.print", serial=document.serial)


def test_a_character_no_font_has_stops_printing_and_records_nothing(
    demo_centre: Centre, keys: KeyStore
) -> None:
    chain = default_chain()
    rare = next(c for c in ("\U0002ebf0", "\U0010fffd") if chain.face_for(c) is None)
    with_name(6, f"张{rare}")
    before = (PrintRecord.select().count(), AuditEvent.select().count())
    with pytest.raises(UncoveredCharacter) as caught:
        printing(demo_centre, keys).render_copy(6, TEST_ACTOR, expected_version=None)
    codepoint = f"U+{ord(rare):04X}"
    assert rare in caught.value.message() and codepoint in caught.value.message()
    assert caught.value.message() == render(
        "font.uncovered.in_field", char=rare, codepoint=codepoint, field="持证人"
    )
    assert (PrintRecord.select().count(), AuditEvent.select().count()) == before


def test_a_batch_goes_into_one_pdf_or_a_zip(demo_centre: Centre, keys: KeyStore, tmp_path: Path) -> None:
    service = printing(demo_centre, keys)
    seen: list[tuple[int, int]] = []
    count = service.render_copies(
        [1, 2, 3], TEST_ACTOR, tmp_path / "batch.pdf", progress=lambda d, t: seen.append((d, t))
    )
    assert count.count == 3
    assert len(PdfReader(tmp_path / "batch.pdf").pages) == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]
    service.render_copies([4, 5], TEST_ACTOR, tmp_path / "batch.zip", as_zip=True)
    with zipfile.ZipFile(tmp_path / "batch.zip") as archive:
        assert len(archive.namelist()) == 2


def test_a_cancelled_batch_writes_nothing(demo_centre: Centre, keys: KeyStore, tmp_path: Path) -> None:
    before = (PrintRecord.select().count(), AuditEvent.select().count())
    calls = iter([False, False, True])
    with pytest.raises(KnownError) as caught:
        printing(demo_centre, keys).render_copies(
            [1, 2, 3, 4], TEST_ACTOR, tmp_path / "batch.pdf", cancelled=lambda: next(calls, True)
        )
    assert caught.value.message() == render("print.cancelled")
    assert not list(tmp_path.glob("batch.pdf*"))
    assert (PrintRecord.select().count(), AuditEvent.select().count()) == before


def test_an_existing_file_is_never_overwritten(demo_centre: Centre, keys: KeyStore, tmp_path: Path) -> None:
    target = tmp_path / "taken.pdf"
    target.write_text("keep")
    document = printing(demo_centre, keys).render_copy(1, TEST_ACTOR, expected_version=None)
    with pytest.raises(KnownError) as caught:
        printing(demo_centre, keys).save(document, target, TEST_ACTOR)
    assert caught.value.message() == render("print.target_exists", path=str(target))
    assert target.read_text() == "keep"


def _submitted_request(centre: Centre) -> tuple[int, str]:
    certificate_id = (
        LookupService(centre.settings, today=lambda: TODAY)
        .search_ids(Criteria(state=CertificateState.COLLECTED))
        .ids[0]
    )
    app = ReissueApplication(
        certificate_id=certificate_id,
        kind=ReissueKind.NOT_RECEIVED,
        applicant_name="欧阳娜娜",
        phone="13800138000",
        email="",
        address="北京市海淀区中关村南大街 5 号",
        reason="证书邮寄后一直没有收到。",
        documents=frozenset({Document.APPLICATION_FORM, Document.ID_COPY}),
        photo=None,
    )
    submitted = ReissueService(today=lambda: TODAY).submit(app, TEST_ACTOR, expected_version=None)
    return submitted.request_id, submitted.tracking_no


def _text(document: RenderedDocument, tmp_path: Path) -> str:
    return pdf_text(document.pdf, tmp_path)


def test_the_application_form_and_receipt(demo_centre: Centre, keys: KeyStore, tmp_path: Path) -> None:
    request_id, tracking = _submitted_request(demo_centre)
    service = printing(demo_centre, keys)
    form = _text(service.render_application_form(request_id, TEST_ACTOR), tmp_path)
    assert "补办申请表" in form and tracking in form and "欧阳娜娜" in form
    assert "申请人签名" in form
    receipt = _text(service.render_receipt(request_id, TEST_ACTOR), tmp_path)
    assert "受理回执" in receipt and tracking in receipt
    kinds = [r.kind for r in PrintRecord.select().where(PrintRecord.reissue_request == request_id)]
    assert sorted(kinds) == ["application_form", "receipt"]


def test_a_copy_whose_saving_cannot_be_recorded_leaves_no_file(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = printing(demo_centre, keys)
    document = service.render_copy(4, TEST_ACTOR, expected_version=None)
    events = AuditEvent.select().count()

    def refused(*_args: object, **_kwargs: object) -> None:
        raise KnownError("db.locked")

    monkeypatch.setattr("ruankao_desktop.core.services.printing.audit.record", refused)
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    with pytest.raises(KnownError):
        service.save(document, target, TEST_ACTOR)
    assert list(target.parent.iterdir()) == []  # neither the file nor its .part
    assert AuditEvent.select().count() == events
