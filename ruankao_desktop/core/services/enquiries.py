"""The enquiry log (docs/domain.md "Enquiries"): every phone, e-mail and walk-in enquiry — when, how, who,
how to reach them (shown masked), the question, the certificate it is about, the answer, and whether it
is still open, with a day to follow it up by. Logging and answering one is audited."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from peewee import JOIN, SQL, Field, NodeList, fn

from ruankao_desktop.core.domain.masking import mask_phone, stated_text
from ruankao_desktop.core.domain.names import validate_name
from ruankao_desktop.core.domain.reissue import is_valid_email, normalise_phone
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.models import Certificate, Enquiry
from ruankao_desktop.core.store.search import as_date, as_datetime

MAX_QUESTION = 1_000
MAX_ANSWER = 2_000
MAX_LISTED = 500
MAX_SEARCH = 100  # characters of a search that are read
_LIKE_SPECIAL = re.compile(r"([\\%_])")


class Channel(StrEnum):
    PHONE = "phone"  # 电话
    EMAIL = "email"  # 电子邮件
    WALK_IN = "walk_in"  # 现场

    def text(self, lang: Language = "zh") -> str:
        return render(f"enquiry.channel.{self.value}", lang)


class FollowUp(StrEnum):
    OPEN = "open"  # 待答复
    ANSWERED = "answered"  # 已答复，待跟进
    CLOSED = "closed"  # 已办结

    def text(self, lang: Language = "zh") -> str:
        return render(f"enquiry.state.{self.value}", lang)


@dataclass(frozen=True)
class EnquiryRow:
    """An enquiry as the log shows it: the contact masked."""

    id: int
    at: datetime
    channel: Channel
    who: str
    contact_masked: str
    question: str
    cert_no: str | None
    answer: str
    state: FollowUp
    due_on: date | None
    overdue: bool  # still open past its day


@dataclass(frozen=True)
class Logged:
    row: EnquiryRow
    changed: Changed


class EnquiryService:
    def __init__(self, *, today: Callable[[], date] = date.today) -> None:
        self._today = today

    def log(
        self,
        *,
        channel: Channel,
        who: str,
        contact: str,
        question: str,
        actor: audit.Actor,
        cert_no: str = "",
        answer: str = "",
        due_on: date | None = None,
    ) -> Logged:
        """A new enquiry; open unless answered at once. Refused (`InvalidInput`, nothing written): no
        name, a contact that is neither a phone number nor an e-mail address, no question or one over
        1,000 characters, a certificate number this database lacks, a follow-up day in the past."""
        who = _who(who)
        contact = _contact(contact)
        question = _text(question, "enquiry.question_needed", "enquiry.question_too_long", MAX_QUESTION)
        answer = stated_text(answer)
        if len(answer) > MAX_ANSWER:
            raise InvalidInput("enquiry.answer_too_long", limit=MAX_ANSWER)
        self._check_due(due_on)
        certificate = _certificate(cert_no)
        now = datetime.now()
        with write_transaction():
            enquiry = Enquiry.create(
                at=now,
                channel=channel.value,
                who=who,
                contact=contact,
                question=question,
                certificate=certificate,
                answer=answer,
                state=(FollowUp.ANSWERED if answer else FollowUp.OPEN).value,
                due_on=due_on,
                created_by=actor.user,
                terminal=actor.terminal,
                updated_at=now,
            )
            details = {"enquiry": enquiry.id, "channel": channel.value}
            audit.record(actor, "enquiry.log", _target(enquiry), details)
        return Logged(self._row(enquiry), _changed(enquiry, actor))

    def answer(
        self,
        enquiry_id: int,
        *,
        answer: str,
        actor: audit.Actor,
        close: bool = False,
        due_on: date | None = None,
    ) -> Logged:
        """The answer given (and, with `close`, the enquiry done); a new follow-up day may be set."""
        answer = _text(answer, "enquiry.answer_needed", "enquiry.answer_too_long", MAX_ANSWER)
        self._check_due(due_on)
        with write_transaction():
            enquiry: Enquiry | None = Enquiry.get_or_none(Enquiry.id == enquiry_id)
            if enquiry is None:
                raise KnownError("enquiry.missing", id=enquiry_id)
            if enquiry.state == FollowUp.CLOSED.value:
                raise KnownError("enquiry.closed", id=enquiry_id)
            state = FollowUp.CLOSED if close else FollowUp.ANSWERED
            fields: dict[str, object] = {"answer": answer, "state": state.value, "updated_at": datetime.now()}
            if due_on is not None or close:
                fields["due_on"] = due_on
            Enquiry.update(**fields).where(Enquiry.id == enquiry_id).execute()
            details = {"enquiry": enquiry_id, "state": state.value}
            audit.record(actor, "enquiry.answer", _target(enquiry), details)
            enquiry = Enquiry.get_by_id(enquiry_id)
        return Logged(self._row(enquiry), _changed(enquiry, actor))

    def listed(
        self,
        *,
        text: str = "",
        state: FollowUp | None = None,
        due_only: bool = False,
        certificate_id: int | None = None,
        limit: int = MAX_LISTED,
    ) -> list[EnquiryRow]:
        """Enquiries newest first: those whose name, question, answer or certificate number holds `text`,
        or whose contact ends with it; in `state`; with `due_only`, the open ones due today or before."""
        query = Enquiry.select(Enquiry, Certificate.cert_no).join(
            Certificate, JOIN.LEFT_OUTER, on=Enquiry.certificate == Certificate.id
        )
        wanted = " ".join(unicodedata.normalize("NFKC", text).split())[:MAX_SEARCH]
        if wanted:
            inside, ending = _like(f"%{_escaped(wanted)}%"), _like(f"%{_escaped(wanted)}")
            query = query.where(
                inside(Enquiry.who)
                | inside(Enquiry.question)
                | inside(Enquiry.answer)
                | ending(Enquiry.contact)
                | (Certificate.cert_no == wanted.upper())
            )
        if state is not None:
            query = query.where(Enquiry.state == state.value)
        if due_only:
            query = query.where(self._due())
        if certificate_id is not None:
            query = query.where(Enquiry.certificate == certificate_id)
        return [self._row(row) for row in query.order_by(Enquiry.at.desc(), Enquiry.id.desc()).limit(limit)]

    def open_count(self) -> int:
        """Enquiries not yet done (for the overview)."""
        return int(Enquiry.select().where(Enquiry.state != FollowUp.CLOSED.value).count())

    def due_count(self) -> int:
        """Enquiries not yet done whose follow-up day is today or past (for the overview)."""
        return int(Enquiry.select().where(self._due()).count())

    def _due(self) -> Any:
        open_ = Enquiry.state != FollowUp.CLOSED.value
        return open_ & Enquiry.due_on.is_null(False) & (Enquiry.due_on <= self._today())

    def _row(self, enquiry: Enquiry) -> EnquiryRow:
        due = as_date(enquiry.due_on)
        state = FollowUp(enquiry.state)
        return EnquiryRow(
            id=enquiry.id,
            at=as_datetime(enquiry.at) or datetime.min,
            channel=Channel(enquiry.channel),
            who=enquiry.who,
            contact_masked=mask_contact(enquiry.contact),
            question=enquiry.question,
            cert_no=enquiry.certificate.cert_no if enquiry.certificate is not None else None,
            answer=enquiry.answer,
            state=state,
            due_on=due,
            overdue=state is not FollowUp.CLOSED and due is not None and due < self._today(),
        )

    def _check_due(self, due_on: date | None) -> None:
        if due_on is not None and due_on < self._today():
            raise InvalidInput("enquiry.due_in_past", day=due_on.isoformat())


def mask_contact(contact: str) -> str:
    """A phone number as every phone is shown (138****8000); an e-mail address with its name hidden but
    its first character (z***@qq.com)."""
    if "@" in contact:
        name, _, domain = contact.partition("@")
        return f"{name[:1]}***@{domain}"
    return mask_phone(contact)


def _escaped(text: str) -> str:
    """`text` matched literally by LIKE … ESCAPE '\\': its %, _ and \\ escaped."""
    return _LIKE_SPECIAL.sub(r"\\\1", text)


def _like(pattern: str) -> Callable[[Field], NodeList]:
    """A LIKE test of a column against `pattern`, with backslash as its escape, written out (peewee turns
    its own LIKE into GLOB on SQLite). Both sides go through the engine's LOWER, so that the case of
    Latin letters does not count on PostgreSQL either (SQLite's LIKE ignores it already)."""
    return lambda column: NodeList((fn.LOWER(column), SQL("LIKE"), fn.LOWER(pattern), SQL("ESCAPE '\\'")))


def _who(text: str) -> str:
    try:
        return validate_name(text)
    except InvalidInput as problem:
        raise InvalidInput("enquiry.who_invalid", problem=problem.message()) from problem


def _contact(text: str) -> str:
    phone = normalise_phone(text)
    if phone is not None:
        return phone
    value = unicodedata.normalize("NFKC", text).strip()
    if is_valid_email(value):
        return value.lower()
    raise InvalidInput("enquiry.contact_invalid")


def _text(text: str, needed: str, too_long: str, limit: int) -> str:
    value = stated_text(text)
    if not value:
        raise InvalidInput(needed)
    if len(value) > limit:
        raise InvalidInput(too_long, limit=limit)
    return value


def _certificate(cert_no: str) -> Certificate | None:
    number = "".join(cert_no.split()).upper()
    if not number:
        return None
    found: Certificate | None = Certificate.get_or_none(Certificate.cert_no == number)
    if found is None:
        raise InvalidInput("enquiry.no_certificate", cert_no=number)
    return found


def _target(enquiry: Enquiry) -> str:
    return f"certificate:{enquiry.certificate_id}" if enquiry.certificate_id else f"enquiry:{enquiry.id}"


def _changed(enquiry: Enquiry, actor: audit.Actor) -> Changed:
    certificates = [enquiry.certificate_id] if enquiry.certificate_id else []
    return Changed.of(ChangeKind.ENQUIRY, actor, certificates=certificates)
