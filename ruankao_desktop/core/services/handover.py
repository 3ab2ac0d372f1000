"""Handing certificates over. A pickup in person (本人) checks the ID card presented against the holder;
proxy and mail handovers arrive with their own issue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.ids import parse_id
from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id
from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.errors import AlreadyHandedOver, InvalidInput, KnownError, StaleRecord
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.records import bump_version, certificate_as_seen
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.models import Certificate, Distribution, Holder, HolderIdentity
from ruankao_desktop.core.store.search import as_datetime

HANDOVER_ALLOWED = frozenset({CertificateState.AWAITING_PICKUP, CertificateState.OVERDUE})


@dataclass(frozen=True)
class Recorded:
    """A handover as it was recorded."""

    cert_no: str
    method: HandoverMethod
    at: datetime | None
    operator: str
    terminal: str
    changed: Changed


class HandoverService:
    def __init__(self, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self._lookup = LookupService(settings, today=today)
        self._today = today

    def record_self_pickup(
        self, certificate_id: int, *, presented_id: str, expected_version: int, actor: audit.Actor
    ) -> Changed:
        """The holder collects the certificate in person, showing their ID card.

        Refused when the certificate is not waiting at the centre, when the number on the card is neither
        the holder's nor one they had before, or (`StaleRecord`) when another desk changed the certificate
        since it was shown.
        """
        try:
            certificate, holder = self._record_self_pickup(
                certificate_id, presented_id, expected_version, actor
            )
        except StaleRecord as changed:
            # Another desk wrote first: if it recorded the handover, say who and when (read afresh, after
            # this transaction was rolled back).
            taken = _handover_of(certificate_id)
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

    def record_self_pickup_of(self, cert_no: str, *, presented_id: str, actor: audit.Actor) -> Recorded:
        """A pickup in person of the certificate numbered `cert_no`, as it is now (the command line, which
        shows nothing first); what was recorded. Refused as `record_self_pickup`, and for no such number."""
        found = self._lookup.by_cert_no(cert_no.strip().upper())
        if not found:
            raise KnownError("handover.no_certificate", cert_no=cert_no)
        certificate = Certificate.get_by_id(found[0].certificate_id)
        changed = self.record_self_pickup(
            certificate.id, presented_id=presented_id, expected_version=certificate.version, actor=actor
        )
        handover = _last_handover(certificate.id)
        at = as_datetime(handover.at) if handover is not None else None
        return Recorded(certificate.cert_no, HandoverMethod.SELF, at, actor.user, actor.terminal, changed)

    def _record_self_pickup(
        self, certificate_id: int, presented_id: str, expected_version: int, actor: audit.Actor
    ) -> tuple[Certificate, Holder]:
        with write_transaction():
            certificate = certificate_as_seen(certificate_id, expected_version=expected_version)
            summaries = self._lookup.summaries([certificate_id])
            if not summaries:
                raise KnownError("certificate.missing")
            state = summaries[0].state
            if state not in HANDOVER_ALLOWED:
                raise _handover_of(certificate_id) or KnownError("handover.not_available", state=state)
            holder = certificate.holder
            presented = parse_id(presented_id, today=self._today()).value
            if presented != holder.id_number and not _formerly(holder, presented):
                raise InvalidInput("handover.id_mismatch")
            now = datetime.now()
            Distribution.create(
                certificate=certificate,
                event="handover",
                method=HandoverMethod.SELF.value,
                recipient_name=holder.name,
                operator=actor.user,
                terminal=actor.terminal,
                at=now,
            )
            bump_version(certificate, now=now, handover=HandoverMethod.SELF.value)
            audit.record(
                actor,
                "handover.self",
                f"certificate:{certificate_id}",
                {"cert_no": certificate.cert_no, "id_checked": mask_id(presented, STAFF_POLICY)},
            )
        return certificate, holder


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


def _last_handover(certificate_id: int) -> Distribution | None:
    found: Distribution | None = (
        Distribution.select()
        .where((Distribution.certificate == certificate_id) & (Distribution.event == "handover"))
        .order_by(Distribution.at.desc())
        .first()
    )
    return found


def _handover_of(certificate_id: int) -> AlreadyHandedOver | None:
    """Who recorded the certificate's handover and when, as the refusal of another; None when nobody did."""
    handover = _last_handover(certificate_id)
    if handover is None:
        return None
    at = as_datetime(handover.at)
    return AlreadyHandedOver(
        handover.certificate.cert_no,
        operator=handover.operator,
        terminal=handover.terminal,
        at=at.strftime("%Y-%m-%d %H:%M:%S") if at is not None else "",
    )
