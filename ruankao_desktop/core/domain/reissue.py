"""Reissue applications (补发 / 换发 / 更新 / 未收到): kinds, the documents checklist and the form's rules.

Pure rules, no database: `validate_application` says what is wrong with a form, field by field, so that the
GUI can mark each field and the service can refuse to write. A draft may be incomplete, but whatever is
filled in must be well-formed; a submitted application must be complete (docs/domain.md "Reissue").
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol, runtime_checkable

from ruankao_desktop.core.domain.names import normalise_name, validate_name
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.messages import Language, render

MIN_REASON_LENGTH = 5
MAX_REASON_LENGTH = 500
MAX_ADDRESS_LENGTH = 200
MAX_EMAIL_LENGTH = 254  # RFC 5321

# Mainland mobile numbers, optionally with the country code; spaces and hyphens are removed first.
_MOBILE = re.compile(r"(?:\+86|0086)?(1[3-9]\d{9})")
# Area codes 010 and 020–029 have three digits, all others four; local numbers have 7 or 8 digits.
_LANDLINE = re.compile(r"(0(?:10|2\d)|0[3-9]\d{2})(\d{7,8})")
_PHONE_NOISE = re.compile(r"[\s\-()]")
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
)
_LIST_SEPARATOR: dict[Language, str] = {"zh": "、", "en": ", "}


class ReissueKind(StrEnum):
    LOST = "lost"  # 补发：遗失或损坏
    CHANGE = "change"  # 换发：信息变更
    RENEWAL = "renewal"  # 更新
    NOT_RECEIVED = "not_received"  # 未收到

    def text(self, lang: Language = "zh") -> str:
        return render(f"reissue.kind.{self.value}", lang)


class ReissueStatus(StrEnum):
    """Where an application is (docs/domain.md "Reissue"): 草稿 → 已提交 → 已审核 or 已退回 → 已上报 (in a
    batch sent upstream) → 新证已到 (the new certificate entered) → 已领取 (the new one handed over)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REPORTED = "reported"
    NEW_ARRIVED = "new_arrived"
    COLLECTED = "collected"

    def text(self, lang: Language = "zh") -> str:
        return render(f"reissue.status.{self.value}", lang)


# The steps an application may take from each status; every other one is refused.
NEXT_STATUSES: dict[ReissueStatus, frozenset[ReissueStatus]] = {
    ReissueStatus.DRAFT: frozenset({ReissueStatus.SUBMITTED}),
    ReissueStatus.SUBMITTED: frozenset({ReissueStatus.APPROVED, ReissueStatus.RETURNED}),
    ReissueStatus.APPROVED: frozenset({ReissueStatus.REPORTED, ReissueStatus.RETURNED}),
    ReissueStatus.REPORTED: frozenset({ReissueStatus.NEW_ARRIVED}),
    ReissueStatus.NEW_ARRIVED: frozenset({ReissueStatus.COLLECTED}),
    ReissueStatus.RETURNED: frozenset(),
    ReissueStatus.COLLECTED: frozenset(),
}
# Applications still being processed: the certificate is 补办中 and takes no other application.
RUNNING_STATUSES = frozenset({ReissueStatus.SUBMITTED, ReissueStatus.APPROVED, ReissueStatus.REPORTED})


def check_step(current: ReissueStatus, target: ReissueStatus, *, tracking_no: str) -> None:
    """Refuse (`InvalidInput`) a step the workflow does not allow, saying where the application is."""
    if target not in NEXT_STATUSES[current]:
        raise InvalidInput("reissue.step_refused", tracking_no=tracking_no, current=current, target=target)


class Document(StrEnum):
    """What an applicant hands in; the checklist per kind is `required_documents`."""

    APPLICATION_FORM = "application_form"  # 个人申请表
    ID_COPY = "id_copy"  # 身份证复印件
    PHOTO = "photo"  # 近期免冠白底彩色照片
    LOSS_NOTICE = "loss_notice"  # 遗失声明 / 登报声明
    DAMAGED_ORIGINAL = "damaged_original"  # 损坏的原证书
    CHANGE_PROOF = "change_proof"  # 信息变更证明
    ORIGINAL_CERTIFICATE = "original_certificate"  # 原证书
    EXAM_RESULT_PROOF = "exam_result_proof"  # 考试成绩证明

    def text(self, lang: Language = "zh") -> str:
        return render(f"reissue.document.{self.value}", lang)


_REQUIRED: dict[ReissueKind, tuple[Document, ...]] = {
    ReissueKind.LOST: (Document.APPLICATION_FORM, Document.ID_COPY, Document.PHOTO, Document.LOSS_NOTICE),
    ReissueKind.CHANGE: (
        Document.APPLICATION_FORM,
        Document.ID_COPY,
        Document.PHOTO,
        Document.CHANGE_PROOF,
        Document.ORIGINAL_CERTIFICATE,
    ),
    ReissueKind.RENEWAL: (
        Document.APPLICATION_FORM,
        Document.ID_COPY,
        Document.PHOTO,
        Document.EXAM_RESULT_PROOF,
    ),
    ReissueKind.NOT_RECEIVED: (Document.APPLICATION_FORM, Document.ID_COPY),
}
# A damaged certificate is handed in instead of publishing a loss notice: either one will do.
SUBSTITUTES: dict[Document, Document] = {Document.LOSS_NOTICE: Document.DAMAGED_ORIGINAL}


def required_documents(kind: ReissueKind) -> tuple[Document, ...]:
    """The checklist for `kind`, in the order the form shows it. A required document listed in
    `SUBSTITUTES` is also satisfied by its substitute."""
    return _REQUIRED[kind]


def offered_documents(kind: ReissueKind) -> tuple[Document, ...]:
    """The checklist a form shows: the required documents, each substitute right after what it replaces
    (the damaged original after the loss notice)."""
    return tuple(
        document
        for required in required_documents(kind)
        for document in (required, SUBSTITUTES.get(required))
        if document is not None
    )


@runtime_checkable
class _Labelled(Protocol):
    def text(self, lang: Language = "zh") -> str: ...


@dataclass(frozen=True)
class MissingDocuments:
    """The documents a submission lacks, named in the reader's language."""

    documents: tuple[Document, ...]

    def text(self, lang: Language = "zh") -> str:
        labels = []
        for document in self.documents:
            substitute = SUBSTITUTES.get(document)
            if substitute is None:
                labels.append(document.text(lang))
            else:
                labels.append(
                    render(
                        "reissue.document.either",
                        lang,
                        document=document.text(lang),
                        substitute=substitute.text(lang),
                    )
                )
        return _LIST_SEPARATOR[lang].join(labels)


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of the form: `code` and `params` for the message catalogue.

    A parameter that has a `text(lang)` method (a `Document`, `MissingDocuments` …) is rendered in the
    message's language.
    """

    field: str
    code: str
    params: dict[str, object] = dataclasses.field(default_factory=dict, hash=False)

    def message(self, lang: Language = "zh") -> str:
        params = {name: _localised(value, lang) for name, value in self.params.items()}
        return render(self.code, lang, **params)


def _localised(value: object, lang: Language) -> object:
    return value.text(lang) if isinstance(value, _Labelled) else value


@dataclass(frozen=True)
class ReissueApplication:
    """The form as the applicant filled it in; `photo` holds the file's bytes."""

    certificate_id: int
    kind: ReissueKind | None
    applicant_name: str
    phone: str
    email: str
    address: str
    reason: str
    documents: frozenset[Document]
    photo: bytes | None


def normalise_phone(text: str) -> str | None:
    """The canonical form of a mainland mobile (13800138000) or landline (010-12345678) number typed
    with spaces, hyphens, brackets, full-width digits or +86; None when it is neither."""
    compact = _PHONE_NOISE.sub("", unicodedata.normalize("NFKC", text))
    if mobile := _MOBILE.fullmatch(compact):
        return mobile[1]
    if landline := _LANDLINE.fullmatch(compact):
        area, local = landline[1], landline[2]
        # A three-digit area code always has an eight-digit local number.
        if len(area) == 3 and len(local) != 8:
            return None
        return f"{area}-{local}"
    return None


def is_valid_email(text: str) -> bool:
    value = unicodedata.normalize("NFKC", text).strip()
    return len(value) <= MAX_EMAIL_LENGTH and _EMAIL.fullmatch(value) is not None


def _collapse(text: str) -> str:
    """Trimmed, with every run of whitespace (line breaks too) as one space: lengths count what is read."""
    return " ".join(text.split())


def normalise_application(app: ReissueApplication) -> ReissueApplication:
    """The form in the form it is stored: name normalised, phone canonical (when valid), text trimmed."""
    return replace(
        app,
        applicant_name=normalise_name(app.applicant_name),
        phone=normalise_phone(app.phone) or app.phone.strip(),
        email=unicodedata.normalize("NFKC", app.email).strip(),
        address=_collapse(app.address),
        reason=app.reason.strip(),
    )


def validate_application(app: ReissueApplication, *, for_submit: bool) -> list[FieldProblem]:
    """Every problem of the form, in the order of its fields; empty when it may be saved / submitted.

    A draft needs only its kind; anything else filled in must be well-formed (a malformed phone number is
    reported, a missing one is not). A submission needs a valid name, a phone number, a reason of
    `MIN_REASON_LENGTH`–`MAX_REASON_LENGTH` characters, every document on the kind's checklist, an address
    for "not received", and a good photo when the checklist asks for one. The photo on the checklist is
    the attached file itself, so it is reported under "photo", never among the missing documents.
    """
    # photo.py builds its problems with FieldProblem from this module, hence the import here.
    from ruankao_desktop.core.domain.photo import MIN_HEIGHT, MIN_WIDTH, check_photo

    problems: list[FieldProblem] = []
    if app.kind is None:
        problems.append(FieldProblem("kind", "reissue.kind_missing"))
    if for_submit or app.applicant_name.strip():
        try:
            validate_name(app.applicant_name)
        except InvalidInput as error:
            problems.append(FieldProblem("applicant_name", error.code, dict(error.params)))
    problems += _phone_problems(app.phone, for_submit=for_submit)
    email = unicodedata.normalize("NFKC", app.email).strip()
    if email and not is_valid_email(email):
        problems.append(FieldProblem("email", "reissue.email_invalid", {"value": email}))
    problems += _address_problems(app, for_submit=for_submit)
    problems += _reason_problems(app.reason, for_submit=for_submit)
    if for_submit and app.kind is not None:
        missing = tuple(
            document
            for document in required_documents(app.kind)
            if document is not Document.PHOTO
            and document not in app.documents
            and SUBSTITUTES.get(document) not in app.documents
        )
        if missing:
            problems.append(
                FieldProblem("documents", "reissue.documents_missing", {"missing": MissingDocuments(missing)})
            )
    if app.photo is not None:
        problems += check_photo(app.photo)
    elif for_submit and app.kind is not None and Document.PHOTO in required_documents(app.kind):
        problems.append(
            FieldProblem("photo", "reissue.photo_missing", {"min_width": MIN_WIDTH, "min_height": MIN_HEIGHT})
        )
    return problems


def _phone_problems(phone: str, *, for_submit: bool) -> list[FieldProblem]:
    typed = phone.strip()
    if not typed:
        return [FieldProblem("phone", "reissue.phone_missing")] if for_submit else []
    if normalise_phone(typed) is None:
        return [FieldProblem("phone", "reissue.phone_invalid", {"value": typed})]
    return []


def _address_problems(app: ReissueApplication, *, for_submit: bool) -> list[FieldProblem]:
    address = _collapse(app.address)
    if len(address) > MAX_ADDRESS_LENGTH:
        return [
            FieldProblem(
                "address", "reissue.address_too_long", {"length": len(address), "max": MAX_ADDRESS_LENGTH}
            )
        ]
    if for_submit and not address and app.kind is ReissueKind.NOT_RECEIVED:
        return [FieldProblem("address", "reissue.address_missing")]
    return []


def _reason_problems(reason: str, *, for_submit: bool) -> list[FieldProblem]:
    length = len(_collapse(reason))
    if length > MAX_REASON_LENGTH:
        too_long: dict[str, object] = {"length": length, "max": MAX_REASON_LENGTH}
        return [FieldProblem("reason", "reissue.reason_too_long", too_long)]
    if not for_submit:
        return []
    if length == 0:
        return [FieldProblem("reason", "reissue.reason_missing", {"min": MIN_REASON_LENGTH})]
    if length < MIN_REASON_LENGTH:
        too_short: dict[str, object] = {"length": length, "min": MIN_REASON_LENGTH}
        return [FieldProblem("reason", "reissue.reason_too_short", too_short)]
    return []
