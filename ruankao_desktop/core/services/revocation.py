"""Revoking a certificate (docs/domain.md "Certificate states"): the centre marks it 已撤销 with a reason,
on the exam office's word. Lookups show the state, a copy printed from then on says 已撤销, and a copy
printed before verifies as genuine but revoked, with the reason. Who revoked it is recorded now; that
only a supervisor may comes with the accounts."""

from __future__ import annotations

from datetime import datetime

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.records import bump_version, certificate_as_seen, stated_reason
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.search import as_datetime


class RevocationService:
    def revoke(
        self, certificate_id: int, *, reason: str, expected_version: int | None, actor: audit.Actor
    ) -> Changed:
        """Mark the certificate revoked for `reason`. Refused without a reason (2 to 200 characters), for a
        certificate revoked already (saying when and why), and (`StaleRecord`) for one another desk
        changed since it was shown (`expected_version` None: as it is now, for the command line);
        nothing is written then."""
        reason = stated_reason(reason, needed="revoke.reason_needed")
        with write_transaction():
            certificate = certificate_as_seen(certificate_id, expected_version=expected_version)
            if certificate.revoked_at is not None:
                when = as_datetime(certificate.revoked_at)
                raise KnownError(
                    "revoke.already",
                    cert_no=certificate.cert_no,
                    when=when.strftime("%Y-%m-%d") if when else "",
                    reason=certificate.revocation_reason or "—",
                )
            now = datetime.now()
            bump_version(certificate, now=now, revoked_at=now, revocation_reason=reason)
            audit.record(
                actor,
                "certificate.revoke",
                f"certificate:{certificate_id}",
                {"cert_no": certificate.cert_no, "reason": reason},
            )
        return Changed.of(
            ChangeKind.REVOKE,
            actor,
            certificates=[certificate_id],
            holders=[certificate.holder_id],
            sessions=[certificate.session_id],
        )
