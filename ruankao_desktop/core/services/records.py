"""Reading a certificate the way a write needs it: as the clerk saw it, or not at all.

Every action of the window names the certificate whose number is in the detail pane's header and the
version it showed (docs/architecture.md "Acting on the right certificate"). A write reads the certificate
here first, inside its transaction, and bumps the version with `bump_version` so that a desk which acted
on an older view is refused instead of acting on a record it has not seen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ruankao_desktop.core.domain.masking import stated_text
from ruankao_desktop.core.errors import InvalidInput, KnownError, StaleRecord
from ruankao_desktop.core.store.models import Certificate, Distribution

# A reason kept in the audit trail (a revocation, a changed deadline, an undone handover).
MIN_REASON = 2
MAX_REASON = 200


def certificate_as_seen(certificate_id: int, *, expected_version: int | None) -> Certificate:
    """The certificate, refused with `StaleRecord` when its version is not the one the clerk saw.
    `expected_version` None is for callers that name the certificate by its number and act on it as it
    is now (the command line)."""
    certificate = Certificate.get_or_none(Certificate.id == certificate_id)
    if certificate is None:
        raise KnownError("certificate.missing")
    if expected_version is not None and certificate.version != expected_version:
        raise StaleRecord(certificate.cert_no)
    return certificate


def bump_version(certificate: Certificate, *, now: datetime, **fields: Any) -> None:
    """Write `fields` and the next version, only over the version just read (inside the transaction)."""
    updated = (
        Certificate.update(version=Certificate.version + 1, updated_at=now, **fields)
        .where((Certificate.id == certificate.id) & (Certificate.version == certificate.version))
        .execute()
    )
    if updated != 1:
        raise StaleRecord(certificate.cert_no)


def last_handover(certificate_id: int) -> Distribution | None:
    """The certificate's handover in force: the newest one not undone; None when there is none."""
    query = (
        Distribution.select()
        .where(
            (Distribution.certificate == certificate_id)
            & (Distribution.event == "handover")
            & Distribution.undone_at.is_null()
        )
        .order_by(Distribution.at.desc(), Distribution.id.desc())
    )
    last: Distribution | None = query.first()
    return last


def stated_reason(reason: str, *, needed: str, minimum: int = MIN_REASON) -> str:
    """A reason as the trail keeps it (`stated_text`); `InvalidInput` with the code `needed` when it is
    shorter than `minimum`, and with "reason.too_long" when it is over `MAX_REASON`."""
    reason = stated_text(reason)
    if len(reason) < minimum:
        raise InvalidInput(needed, minimum=minimum)
    if len(reason) > MAX_REASON:
        raise InvalidInput("reason.too_long", limit=MAX_REASON)
    return reason
