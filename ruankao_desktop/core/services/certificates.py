"""One certificate in full: every field the candidate may ask about, its state in plain words and its
history; and revealing the full ID number, which is always audited."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.masking import Surface, mask_id, mask_phone, stated_text
from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.lookup import CertificateSummary, LookupService
from ruankao_desktop.core.services.records import certificate_as_seen, last_handover
from ruankao_desktop.core.services.reissue import ReissueService
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Distribution
from ruankao_desktop.core.store.search import as_date, as_datetime


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Language = "zh") -> str:
        """Parameters with a `text(lang)` (a reissue kind or status) are put in the reader's language."""
        params = {
            key: value.text(lang) if hasattr(value, "text") else value for key, value in self.params.items()
        }
        return render(self.code, lang, **params)


class IdOwner(StrEnum):
    """Whose full ID number is revealed: the holder's, or the proxy's who last collected the certificate."""

    HOLDER = "holder"
    COLLECTOR = "collector"


@dataclass(frozen=True)
class Receipt:
    """How the certificate was handed over and to whom: the holder, a proxy (代领人, the ID number masked
    like the holder's), the holder's employer and who came for it, or a courier with its tracking number."""

    method: HandoverMethod
    name: str
    at: datetime
    id_masked: str = "—"
    unit: str = "—"
    courier: str = "—"
    tracking_no: str = "—"

    @property
    def by_proxy(self) -> bool:
        return self.method is HandoverMethod.PROXY

    def described(self, lang: Language = "zh", *, id_shown: str | None = None) -> str:
        """代领：张三 · 证件 110***1234 (or the full number, when it is being shown)."""
        return render(
            f"received.{self.method.value}",
            lang,
            name=self.name,
            id=id_shown or self.id_masked,
            unit=self.unit,
            courier=self.courier,
            tracking=self.tracking_no,
        )


@dataclass(frozen=True)
class CertificateDetail:
    summary: CertificateSummary
    version: int
    id_type: str
    phone_masked: str
    category: str
    session_notes: str
    expected_arrival: date | None
    arrived_on: date | None
    pickup_deadline: date | None
    approved_on: date | None
    supersedes: str | None
    history: tuple[HistoryEntry, ...]
    receipt: Receipt | None = None

    @property
    def state(self) -> CertificateState:
        return self.summary.state

    def explanation(self, lang: Language = "zh") -> str:
        reason = self.summary.revocation_reason or "—"
        until = self.summary.valid_until.isoformat() if self.summary.valid_until else ""
        return self.state.explanation(lang, reason=reason, valid_until=until)

    def next_step(self, lang: Language = "zh") -> str:
        return self.state.next_step(lang, successor=self.summary.superseded_by or "—")


@dataclass(frozen=True)
class RevealedId:
    """The full ID number shown for a stated reason, and the audit event it left."""

    number: str
    changed: Changed


class CertificateService:
    def __init__(
        self, settings: Settings, *, surface: Surface = Surface.STAFF, today: Callable[[], date] = date.today
    ) -> None:
        self._settings = settings
        self._policy = settings.mask_policy(surface)
        self._lookup = LookupService(settings, surface=surface, today=today)

    def detail(self, certificate_id: int) -> CertificateDetail:
        summaries = self._lookup.summaries([certificate_id])
        certificate = Certificate.get_or_none(Certificate.id == certificate_id)
        if not summaries or certificate is None:
            raise KnownError("certificate.missing")
        session = certificate.session
        holder = certificate.holder
        return CertificateDetail(
            summary=summaries[0],
            version=certificate.version,
            id_type=holder.id_type,
            phone_masked=mask_phone(holder.phone) if holder.phone else "—",
            category=certificate.qualification.category,
            session_notes=session.notes,
            expected_arrival=as_date(session.expected_arrival),
            arrived_on=as_date(certificate.arrived_on),
            pickup_deadline=as_date(session.pickup_deadline),
            approved_on=as_date(certificate.approved_on),
            supersedes=certificate.supersedes.cert_no if certificate.supersedes else None,
            history=tuple(self._history(certificate, summaries[0])),
            receipt=self._receipt(certificate.id),
        )

    def _receipt(self, certificate_id: int) -> Receipt | None:
        """The handover in force, when there is one."""
        last = last_handover(certificate_id)
        if last is None:
            return None
        return Receipt(
            HandoverMethod(str(last.method)),
            last.recipient_name or "—",
            as_datetime(last.at) or datetime.min,
            id_masked=self._masked(last.recipient_id_number),
            unit=last.unit_name or "—",
            courier=last.courier or "—",
            tracking_no=last.tracking_no or "—",
        )

    def _masked(self, number: str | None) -> str:
        return mask_id(number, self._policy) if number else "—"

    def _history(self, certificate: Certificate, summary: CertificateSummary) -> list[HistoryEntry]:
        entries: list[HistoryEntry] = []
        for event in Distribution.select().where(Distribution.certificate == certificate.id):
            at = as_datetime(event.at) or datetime.min
            if event.event == "arrival":
                entries.append(HistoryEntry(at, "history.arrival"))
                continue
            params = {
                "name": event.recipient_name or "—",
                "id": self._masked(event.recipient_id_number),
                "unit": event.unit_name or "—",
                "courier": event.courier or "",
                "tracking": event.tracking_no or "—",
            }
            entries.append(HistoryEntry(at, f"history.handover.{event.method}", params))
            undone_at = as_datetime(event.undone_at)
            if undone_at is not None:
                undone = {
                    "method": HandoverMethod(str(event.method)),
                    "at": f"{at:%Y-%m-%d %H:%M}",
                    "reason": event.undo_reason or "—",
                }
                entries.append(HistoryEntry(undone_at, "history.handover.undone", undone))
        if certificate.supersedes:
            created = as_datetime(certificate.created_at) or datetime.min
            entries.append(
                HistoryEntry(created, "history.replaces", {"cert_no": certificate.supersedes.cert_no})
            )
        successor = Certificate.get_or_none(Certificate.supersedes == certificate.id)
        if successor is not None:
            at = as_datetime(successor.created_at) or datetime.min
            entries.append(HistoryEntry(at, "history.replaced_by", {"cert_no": successor.cert_no}))
        if certificate.revoked_at:
            at = as_datetime(certificate.revoked_at) or datetime.min
            entries.append(HistoryEntry(at, "history.revoked", {"reason": summary.revocation_reason or "—"}))
        for request in ReissueService().requests_for(certificate.id):
            params = {"kind": request.kind, "status": request.status, "tracking": request.tracking_no or ""}
            entries.append(
                HistoryEntry(request.submitted_at or request.created_at, "history.reissue", params)
            )
        for audit_event in AuditEvent.select().where(AuditEvent.target == f"certificate:{certificate.id}"):
            entry = _audit_entry(audit_event)
            if entry is not None:
                entries.append(entry)
        return sorted(entries, key=lambda entry: entry.at, reverse=True)

    def reveal_id(
        self,
        certificate_id: int,
        *,
        expected_version: int | None,
        reason: str,
        actor: audit.Actor,
        whose: IdOwner = IdOwner.HOLDER,
    ) -> RevealedId:
        """The full ID number of the certificate's holder, or of the proxy who last collected it, for a
        stated reason; always audited. Refused (`StaleRecord`) when the certificate is no longer the
        version the clerk saw, and when asked for a proxy's number where nobody collected by proxy.

        Who may do this is decided by the accounts feature; the reason and the audit event are kept now.
        """
        reason = stated_text(reason)
        if len(reason) < 2:
            raise InvalidInput("reveal.reason_required")
        with write_transaction():
            certificate = certificate_as_seen(certificate_id, expected_version=expected_version)
            holder = certificate.holder
            number: str = holder.id_number
            details = {"reason": reason}
            if whose is IdOwner.COLLECTOR:
                last = last_handover(certificate_id)
                if last is None or last.method != HandoverMethod.PROXY.value or not last.recipient_id_number:
                    raise KnownError("reveal.no_collector")
                number = last.recipient_id_number
                details["whose"] = whose.value
            details["id_masked"] = mask_id(number, self._settings.mask_policy(Surface.STAFF))
            audit.record(actor, "id.reveal", f"certificate:{certificate_id}", details)
        changed = Changed.of(ChangeKind.REVEAL, actor, certificates=[certificate_id], holders=[holder.id])
        return RevealedId(number, changed)


_REISSUE_STEPS = frozenset({"reissue.approve", "reissue.return", "reissue.report", "reissue.new_certificate"})


def _audit_entry(event: AuditEvent) -> HistoryEntry | None:
    """The audit events worth showing in a certificate's history."""
    details: dict[str, Any] = json.loads(event.details or "{}")
    at = as_datetime(event.at) or datetime.min
    if event.action == "id.reveal":
        code = "history.reveal.collector" if details.get("whose") == IdOwner.COLLECTOR else "history.reveal"
        return HistoryEntry(at, code, {"reason": details.get("reason", "—")})
    if event.action == "print.output":
        where = "printer" if "printer" in details else "file"
        params = {"serial": details.get("serial", ""), "where": details.get(where, "")}
        return HistoryEntry(at, f"history.output.{where}", params)
    if event.action.startswith("print."):
        return HistoryEntry(at, "history.print", {"serial": details.get("serial", "")})
    if event.action in _REISSUE_STEPS:
        params = {key: details.get(key, "—") for key in ("tracking_no", "reason", "batch_no", "new_cert_no")}
        return HistoryEntry(at, f"history.{event.action}", params)
    if event.action == "certificate.correct":
        return HistoryEntry(at, "history.correction", {"fields": "、".join(details.get("fields", []))})
    return None
