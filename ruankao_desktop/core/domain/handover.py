"""How a certificate is handed over (docs/domain.md "Handing certificates over"): in person, by a proxy
with a 委托书, by the holder's employer with its letter, or by mail; the rules each kind's details follow.

Pure rules, no database: `checked` normalises what the desk typed and raises `InvalidInput` naming the
first field that is wrong (`field` on the error, for the window to focus it), so that the service never
writes a half-valid handover. The holder's own ID number is checked by the service, which knows it.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Any, TypeAlias

from PIL import Image

from ruankao_desktop.core.domain.ids import parse_id
from ruankao_desktop.core.domain.names import validate_name
from ruankao_desktop.core.domain.reissue import normalise_phone
from ruankao_desktop.core.domain.status import HandoverMethod
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.messages import Language, render

# A scanned letter of a few pages is well under this; a phone photo of it too.
MAX_ATTACHMENT_BYTES = 10_000_000
MAX_ATTACHMENT_PIXELS = 60_000_000  # beyond any scan: refused before decoding (a decompression bomb)
MAX_ADDRESS_LENGTH = 200
MIN_ADDRESS_LENGTH = 5
MAX_UNIT_LENGTH = 100
MAX_COURIER_LENGTH = 30
# Couriers' waybill numbers: letters and digits, 8–30 of them (SF1234567890123, 7730001234567).
_TRACKING = re.compile(r"[A-Z0-9]{8,30}")
_TRACKING_NOISE = re.compile(r"[\s\-]")
_PDF_MAGIC = b"%PDF-"
_PDF_END = b"%%EOF"
_IMAGE_FORMATS = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png"}


class HandoverInvalid(InvalidInput):
    """A handover's detail is missing or wrong; `field` names it (proxy_name, proxy_id, authorisation,
    id_copy, unit, contact, letter, address, phone, courier, tracking_no, presented_id)."""

    def __init__(self, field: str, code: str, /, **params: Any) -> None:
        self.field = field
        super().__init__(code, **params)


@dataclass(frozen=True)
class _Said:
    """A message as a parameter of another, put in that message's language."""

    code: str
    params: dict[str, Any]

    def text(self, lang: Language = "zh") -> str:
        return render(self.code, lang, **self.params)


def _about(field: str, problem: InvalidInput) -> HandoverInvalid:
    """`problem` (a wrong ID number, an empty name) told of the field it is in: 代领人证件号码：…"""
    return HandoverInvalid(
        field,
        "handover.field_problem",
        label=_Said(f"handover.field.{field}", {}),
        problem=_Said(problem.code, problem.params),
    )


@dataclass(frozen=True)
class Attachment:
    """A scanned document (委托书, a unit's letter): the file's name as given, and its bytes; its media
    type once `checked` has found it."""

    file_name: str
    data: bytes
    media_type: str = ""

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class InPerson:
    """本人: the number on the ID card presented (scanned or typed)."""

    presented_id: str


@dataclass(frozen=True)
class ByProxy:
    """代领: the proxy's name and ID number, the signed 委托书, and the holder's ID copy seen."""

    name: str
    id_number: str
    authorisation: Attachment | None
    holder_id_copy: bool


@dataclass(frozen=True)
class ByUnit:
    """单位代领: the employer's name, who came for it, and the unit's letter."""

    unit: str
    contact: str
    letter: Attachment | None


@dataclass(frozen=True)
class ByMail:
    """邮寄: where it was sent, a phone number for the courier, the courier and its tracking number."""

    address: str
    phone: str
    courier: str
    tracking_no: str


Handover: TypeAlias = InPerson | ByProxy | ByUnit | ByMail

_METHODS: dict[type[Any], HandoverMethod] = {
    InPerson: HandoverMethod.SELF,
    ByProxy: HandoverMethod.PROXY,
    ByUnit: HandoverMethod.UNIT,
    ByMail: HandoverMethod.MAIL,
}


def method_of(handover: Handover) -> HandoverMethod:
    return _METHODS[type(handover)]


def oversized(file_name: str, size: int, *, field: str) -> HandoverInvalid:
    """The refusal of a scan of `size` bytes, over `MAX_ATTACHMENT_BYTES`."""
    return HandoverInvalid(
        field,
        "handover.attachment_too_big",
        file=file_name,
        size_mb=f"{size / 1_000_000:.1f}",
        limit_mb=MAX_ATTACHMENT_BYTES // 1_000_000,
    )


def attachment_type(attachment: Attachment, *, field: str) -> str:
    """The media type of a scan (application/pdf, image/jpeg, image/png), or `HandoverInvalid` when it
    is empty, too large, or not a whole PDF or picture."""
    data = attachment.data
    if not data:
        raise HandoverInvalid(field, "handover.attachment_empty", file=attachment.file_name)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise oversized(attachment.file_name, len(data), field=field)
    if data.startswith(_PDF_MAGIC):
        # A PDF ends with its trailer's %%EOF (a few bytes of line ends may follow): a cut-off upload
        # does not.
        if _PDF_END in data[-1024:]:
            return "application/pdf"
        raise HandoverInvalid(field, "handover.attachment_type", file=attachment.file_name)
    try:
        with Image.open(io.BytesIO(data), formats=("JPEG", "PNG")) as image:
            if image.width * image.height > MAX_ATTACHMENT_PIXELS:
                raise HandoverInvalid(field, "handover.attachment_type", file=attachment.file_name)
            image_format = image.format or ""
            image.verify()
    except HandoverInvalid:
        raise
    except Exception as exc:  # Pillow raises many kinds of error on bytes that are not a picture
        raise HandoverInvalid(field, "handover.attachment_type", file=attachment.file_name) from exc
    return _IMAGE_FORMATS[image_format]


def checked(handover: Handover, *, today: date, proxies_allowed: bool) -> Handover:
    """The handover as it is stored (names normalised, numbers canonical), or `HandoverInvalid`."""
    if isinstance(handover, InPerson):
        if not handover.presented_id.strip():
            raise HandoverInvalid("presented_id", "handover.id_needed_here")
        return InPerson(_id_of("presented_id", handover.presented_id, today))
    if isinstance(handover, ByProxy | ByUnit) and not proxies_allowed:
        raise InvalidInput("handover.proxies_forbidden")
    if isinstance(handover, ByProxy):
        return _proxy(handover, today)
    if isinstance(handover, ByUnit):
        return _unit(handover)
    return _mail(handover)


def _id_of(field: str, text: str, today: date) -> str:
    try:
        return parse_id(text, today=today).value
    except InvalidInput as problem:
        raise _about(field, problem) from problem


def _name(field: str, text: str) -> str:
    try:
        return validate_name(text)
    except InvalidInput as problem:
        raise _about(field, problem) from problem


def _proxy(handover: ByProxy, today: date) -> ByProxy:
    name = _name("proxy_name", handover.name)
    if not handover.id_number.strip():
        raise HandoverInvalid("proxy_id", "handover.proxy_id_needed")
    id_number = _id_of("proxy_id", handover.id_number, today)
    if handover.authorisation is None:
        raise HandoverInvalid("authorisation", "handover.authorisation_needed")
    authorisation = _typed(handover.authorisation, "authorisation")
    if not handover.holder_id_copy:
        raise HandoverInvalid("id_copy", "handover.id_copy_needed")
    return replace(handover, name=name, id_number=id_number, authorisation=authorisation)


def _unit(handover: ByUnit) -> ByUnit:
    unit = _plain(handover.unit)
    if not unit:
        raise HandoverInvalid("unit", "handover.unit_needed")
    if len(unit) > MAX_UNIT_LENGTH:
        raise HandoverInvalid("unit", "handover.too_long", limit=MAX_UNIT_LENGTH)
    contact = _name("contact", handover.contact)
    if handover.letter is None:
        raise HandoverInvalid("letter", "handover.letter_needed")
    return replace(handover, unit=unit, contact=contact, letter=_typed(handover.letter, "letter"))


def _typed(attachment: Attachment, field: str) -> Attachment:
    return replace(attachment, media_type=attachment_type(attachment, field=field))


def _mail(handover: ByMail) -> ByMail:
    address = _plain(handover.address)
    if len(address) < MIN_ADDRESS_LENGTH:
        raise HandoverInvalid("address", "handover.address_needed", minimum=MIN_ADDRESS_LENGTH)
    if len(address) > MAX_ADDRESS_LENGTH:
        raise HandoverInvalid("address", "handover.too_long", limit=MAX_ADDRESS_LENGTH)
    phone = normalise_phone(handover.phone)
    if phone is None:
        raise HandoverInvalid("phone", "handover.phone_invalid")
    courier = _plain(handover.courier)
    if not courier:
        raise HandoverInvalid("courier", "handover.courier_needed")
    if len(courier) > MAX_COURIER_LENGTH:
        raise HandoverInvalid("courier", "handover.too_long", limit=MAX_COURIER_LENGTH)
    tracking = _TRACKING_NOISE.sub("", unicodedata.normalize("NFKC", handover.tracking_no)).upper()
    if not _TRACKING.fullmatch(tracking):
        raise HandoverInvalid("tracking_no", "handover.tracking_invalid")
    return ByMail(address=address, phone=phone, courier=courier, tracking_no=tracking)


def _plain(text: str) -> str:
    """Trimmed, one space for every run of whitespace (line breaks too): lengths count what is read."""
    return " ".join(unicodedata.normalize("NFC", text).split())
