"""Handing certificates over (docs/domain.md "Handing certificates over"): in person (本人), by a proxy
(代领), by the holder's employer (单位代领) or by mail (邮寄); and undoing a handover recorded by mistake.

The details are checked by `core/domain/handover.py` before anything is written; the service adds what
needs the database: the certificate must be waiting at the centre, an ID card shown in person must be
the holder's (now or before), a proxy must be someone else. Each handover is one transaction with its
attachment, its row, the certificate's new state and its audit event.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.handover import (
    MAX_ATTACHMENT_BYTES,
    Attachment,
    ByMail,
    ByProxy,
    ByUnit,
    Handover,
    HandoverInvalid,
    InPerson,
    checked,
    method_of,
    oversized,
)
from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id, mask_phone
from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.errors import AlreadyHandedOver, KnownError, StaleRecord
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.records import (
    bump_version,
    certificate_as_seen,
    last_handover,
    stated_reason,
)
from ruankao_desktop.core.services.reissue_workflow import mark_collected
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.models import (
    Certificate,
    Distribution,
    HandoverAttachment,
    Holder,
    HolderIdentity,
)
from ruankao_desktop.core.store.search import as_datetime

HANDOVER_ALLOWED = frozenset({CertificateState.AWAITING_PICKUP, CertificateState.OVERDUE})


@dataclass(frozen=True)
class Recorded:
    """A handover (or its undo) as it was recorded."""

    cert_no: str
    method: HandoverMethod
    at: datetime | None
    operator: str
    terminal: str
    changed: Changed


class HandoverService:
    def __init__(self, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self._settings = settings
        self._lookup = LookupService(settings, today=today)
        self._today = today

    def record(
        self, certificate_id: int, handover: Handover, *, expected_version: int | None, actor: audit.Actor
    ) -> Changed:
        """Record that the certificate was handed over as `handover` says.

        Refused, with nothing written: a detail missing or wrong (`HandoverInvalid`, naming the field);
        a proxy where the centre's setting forbids them; a certificate not waiting at the centre; an ID
        card in person that is neither the holder's nor one they had before; a proxy whose number is the
        holder's; and (`StaleRecord`, or `AlreadyHandedOver` saying who received it, how and when) a
        certificate another desk changed since it was shown. `expected_version` None: as it is now (the
        command line).
        """
        handover = checked(handover, today=self._today(), proxies_allowed=self._settings.proxies_allowed)
        try:
            certificate, holder = self._record(certificate_id, handover, expected_version, actor)
        except StaleRecord as changed:
            # Another desk wrote first: if it recorded a handover, say which (read afresh, after this
            # transaction was rolled back).
            taken = _handed_over(certificate_id)
            if taken is None:
                raise
            raise taken from changed
        return Changed.of(
            ChangeKind.HANDOVER,
            actor,
            certificates=[certificate_id],
            holders=[holder.id],
            sessions=[certificate.session_id],
        )

    def record_self_pickup(
        self, certificate_id: int, *, presented_id: str, expected_version: int, actor: audit.Actor
    ) -> Changed:
        """The holder collects the certificate in person, showing their ID card (`record`)."""
        return self.record(
            certificate_id, InPerson(presented_id), expected_version=expected_version, actor=actor
        )

    def record_of(self, cert_no: str, handover: Handover, *, actor: audit.Actor) -> Recorded:
        """A handover of the certificate numbered `cert_no`, as it is now (the command line, which shows
        nothing first); what was recorded. Refused as `record`, and for no such number."""
        certificate = self._numbered(cert_no)
        changed = self.record(certificate.id, handover, expected_version=None, actor=actor)
        row = last_handover(certificate.id)
        at = as_datetime(row.at) if row is not None else None
        return Recorded(certificate.cert_no, method_of(handover), at, actor.user, actor.terminal, changed)

    def undo(
        self, certificate_id: int, *, reason: str, expected_version: int | None, actor: audit.Actor
    ) -> Changed:
        """Take back the certificate's last handover, recorded by mistake: it waits at the centre again.
        The handover's row stays, marked with who undid it, when and why. Refused without a reason, for a
        certificate not handed over, and (`StaleRecord`) for one another desk changed since it was shown.
        Who may do this is decided by the accounts feature; who did it is recorded now."""
        reason = stated_reason(reason, needed="handover.undo_reason_needed")
        with write_transaction():
            certificate = certificate_as_seen(certificate_id, expected_version=expected_version)
            row = last_handover(certificate_id)
            if certificate.handover is None or row is None:
                raise KnownError("handover.nothing_to_undo", cert_no=certificate.cert_no)
            now = datetime.now()
            Distribution.update(
                undone_at=now, undone_by=actor.user, undone_terminal=actor.terminal, undo_reason=reason
            ).where(Distribution.id == row.id).execute()
            bump_version(certificate, now=now, handover=None)
            audit.record(
                actor,
                "handover.undo",
                f"certificate:{certificate_id}",
                {"cert_no": certificate.cert_no, "method": row.method, "reason": reason},
            )
        return Changed.of(
            ChangeKind.HANDOVER,
            actor,
            certificates=[certificate_id],
            holders=[certificate.holder_id],
            sessions=[certificate.session_id],
        )

    def undo_of(self, cert_no: str, *, reason: str, actor: audit.Actor) -> Recorded:
        """`undo` of the certificate numbered `cert_no`, as it is now; the handover that was taken back."""
        certificate = self._numbered(cert_no)
        row = last_handover(certificate.id)  # read before the undo marks it
        changed = self.undo(certificate.id, reason=reason, expected_version=None, actor=actor)
        assert row is not None  # the undo refuses a certificate without one
        method = HandoverMethod(str(row.method))
        return Recorded(certificate.cert_no, method, datetime.now(), actor.user, actor.terminal, changed)

    def _numbered(self, cert_no: str) -> Certificate:
        found = self._lookup.by_cert_no(cert_no.strip().upper())
        if not found:
            raise KnownError("handover.no_certificate", cert_no=cert_no)
        certificate: Certificate = Certificate.get_by_id(found[0].certificate_id)
        return certificate

    def _record(
        self, certificate_id: int, handover: Handover, expected_version: int | None, actor: audit.Actor
    ) -> tuple[Certificate, Holder]:
        method = method_of(handover)
        with write_transaction():
            certificate = certificate_as_seen(certificate_id, expected_version=expected_version)
            summaries = self._lookup.summaries([certificate_id])
            if not summaries:
                raise KnownError("certificate.missing")
            state = summaries[0].state
            if state not in HANDOVER_ALLOWED:
                raise _handed_over(certificate_id) or KnownError("handover.not_available", state=state)
            holder: Holder = certificate.holder
            now = datetime.now()
            fields, details = _row_of(handover, holder, now)
            Distribution.create(
                certificate=certificate,
                event="handover",
                method=method.value,
                operator=actor.user,
                terminal=actor.terminal,
                at=now,
                **fields,
            )
            bump_version(certificate, now=now, handover=method.value)
            mark_collected(certificate_id, actor)  # a reissue's new certificate: its application is done
            audit.record(
                actor,
                f"handover.{method.value}",
                f"certificate:{certificate_id}",
                {"cert_no": certificate.cert_no, **details},
            )
        return certificate, holder


def _row_of(handover: Handover, holder: Holder, now: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """The handover's columns of its row, and what its audit event keeps (ID numbers and phones
    masked), for details already `checked`."""
    if isinstance(handover, InPerson):
        if handover.presented_id != holder.id_number and not _formerly(holder, handover.presented_id):
            raise HandoverInvalid("presented_id", "handover.id_mismatch")
        return {"recipient_name": holder.name}, {"id_checked": mask_id(handover.presented_id, STAFF_POLICY)}
    if isinstance(handover, ByProxy):
        if handover.id_number == holder.id_number or _formerly(holder, handover.id_number):
            raise HandoverInvalid("proxy_id", "handover.proxy_is_holder")
        assert handover.authorisation is not None  # checked
        attachment = _kept(handover.authorisation, now)
        fields = {
            "recipient_name": handover.name,
            "recipient_id_number": handover.id_number,
            "id_copy_checked": handover.holder_id_copy,
            "attachment": attachment,
        }
        details = {
            "proxy_name": handover.name,
            "proxy_id": mask_id(handover.id_number, STAFF_POLICY),
            "holder_id_copy": handover.holder_id_copy,
            "authorisation_sha256": attachment.sha256,
        }
        return fields, details
    if isinstance(handover, ByUnit):
        assert handover.letter is not None  # checked
        attachment = _kept(handover.letter, now)
        fields = {"recipient_name": handover.contact, "unit_name": handover.unit, "attachment": attachment}
        details = {"unit": handover.unit, "contact": handover.contact, "letter_sha256": attachment.sha256}
        return fields, details
    assert isinstance(handover, ByMail)
    fields = {
        "recipient_name": holder.name,
        "address": handover.address,
        "phone": handover.phone,
        "courier": handover.courier,
        "tracking_no": handover.tracking_no,
    }
    details = {
        "courier": handover.courier,
        "tracking_no": handover.tracking_no,
        "phone": mask_phone(handover.phone),
    }
    return fields, details


def scan_at(path: Path, field: str) -> Attachment:
    """The scan in the file at `path` (a 委托书, a unit's letter), for the handover's `field`; one over the
    size limit is refused without reading it all, one that cannot be read says why."""
    try:
        with path.open("rb") as scan:
            data = scan.read(MAX_ATTACHMENT_BYTES + 1)
            if len(data) > MAX_ATTACHMENT_BYTES:
                raise oversized(path.name, os.fstat(scan.fileno()).st_size, field=field)
    except OSError as exc:
        raise KnownError(
            "handover.attachment_unreadable", file=str(path), reason=exc.strerror or str(exc)
        ) from exc
    return Attachment(path.name, data)


def _kept(attachment: Attachment, now: datetime) -> HandoverAttachment:
    """The scan's row; its media type was found when the handover was `checked`."""
    kept: HandoverAttachment = HandoverAttachment.create(
        file_name=attachment.file_name[-200:],
        media_type=attachment.media_type,
        size=len(attachment.data),
        sha256=attachment.sha256,
        data=attachment.data,
        created_at=now,
    )
    return kept


def _formerly(holder: Holder, id_number: str) -> bool:
    """Whether `id_number` is one the holder had before (a card issued before a change of number)."""
    return bool(
        HolderIdentity.select()
        .where(
            (HolderIdentity.holder == holder.id)
            & (HolderIdentity.kind == "id_number")
            & (HolderIdentity.value == id_number)
        )
        .exists()
    )


def received_by(row: Distribution) -> str:
    """Who received the certificate in the handover `row`: the holder's or proxy's name, the unit and its
    contact, or the courier and its tracking number."""
    if row.method == HandoverMethod.UNIT.value:
        return f"{row.unit_name or '—'} · {row.recipient_name or '—'}"
    if row.method == HandoverMethod.MAIL.value:
        return f"{row.courier or '—'} {row.tracking_no or '—'}"
    return row.recipient_name or "—"


def _handed_over(certificate_id: int) -> AlreadyHandedOver | None:
    """Who received the certificate, how, when, and who recorded it, as the refusal of another handover;
    None when it has not been handed over."""
    row = last_handover(certificate_id)
    if row is None:
        return None
    at = as_datetime(row.at)
    return AlreadyHandedOver(
        row.certificate.cert_no,
        method=HandoverMethod(str(row.method)),
        receiver=received_by(row),
        operator=row.operator,
        terminal=row.terminal,
        at=at.strftime("%Y-%m-%d %H:%M:%S") if at is not None else "",
    )
