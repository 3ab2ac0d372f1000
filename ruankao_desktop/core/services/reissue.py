"""Taking reissue applications (补发 / 换发 / 更新 / 未收到) at the desk: prefill from the holder, save a
draft, submit it with a tracking number, list and reopen a certificate's applications.

Submitting is one transaction: the request, the certificate (补办中 from then on, its version bumped so
that other desks notice) and the audit event are written together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ruankao_desktop.core.domain.reissue import (
    RUNNING_STATUSES,
    Document,
    FieldProblem,
    ReissueApplication,
    ReissueKind,
    ReissueStatus,
    normalise_application,
    validate_application,
)
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.records import bump_version, certificate_as_seen
from ruankao_desktop.core.store.database import serialise_appends, write_transaction
from ruankao_desktop.core.store.models import Certificate, ReissueRequest

TRACKING_PREFIX = "BF"


class ReissueInvalid(InvalidInput):
    """The form has problems; `problems` says which field has which, the message lists them all."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = list(problems)
        super().__init__("reissue.invalid", problems=self._lines("zh"))

    def _lines(self, lang: Language) -> str:
        return "\n".join(problem.message(lang) for problem in self.problems)

    def message(self, lang: Language = "zh") -> str:
        return render(self.code, lang, problems=self._lines(lang))


@dataclass(frozen=True)
class SavedDraft:
    request_id: int
    changed: Changed


@dataclass(frozen=True)
class SubmittedReissue:
    request_id: int
    tracking_no: str
    changed: Changed


@dataclass(frozen=True)
class ReissueSummary:
    """One application of a certificate, as a list shows it."""

    request_id: int
    kind: ReissueKind
    status: ReissueStatus
    tracking_no: str | None
    created_at: datetime
    submitted_at: datetime | None
    applicant_name: str


class ReissueService:
    def __init__(self, *, today: Callable[[], date] = date.today) -> None:
        self._today = today

    def prefill(self, certificate_id: int) -> ReissueApplication:
        """A new form for the certificate, with its holder's name and phone number filled in."""
        certificate = certificate_as_seen(certificate_id, expected_version=None)
        holder = certificate.holder
        return ReissueApplication(
            certificate_id=certificate_id,
            kind=None,
            applicant_name=holder.name,
            phone=holder.phone or "",
            email="",
            address="",
            reason="",
            documents=frozenset(),
            photo=None,
        )

    def save_draft(
        self,
        app: ReissueApplication,
        actor: audit.Actor,
        *,
        request_id: int | None = None,
        expected_version: int | None,
    ) -> SavedDraft:
        """Create a draft (`request_id` None) or update one.

        Raises `ReissueInvalid` when what is filled in is malformed, `StaleRecord` when the certificate
        changed since the clerk saw it, and `KnownError` when it cannot take an application (revoked,
        reissued, one already submitted) or the draft was submitted.
        """
        problems = validate_application(app, for_submit=False)
        if problems:
            raise ReissueInvalid(problems)
        app = normalise_application(app)
        with write_transaction():
            certificate = certificate_as_seen(app.certificate_id, expected_version=expected_version)
            request = _draft(request_id, certificate) if request_id is not None else None
            _check_eligible(certificate)
            now = datetime.now()
            if request is None:
                request = ReissueRequest.create(
                    certificate=certificate,
                    status=ReissueStatus.DRAFT.value,
                    created_at=now,
                    **_form_fields(app, actor, now),
                )
            else:
                _update(request, _form_fields(app, actor, now))
            audit.record(
                actor,
                "reissue.draft",
                f"certificate:{certificate.id}",
                {"request_id": request.id, "kind": _kind(app).value, "new": request_id is None},
            )
        changed = Changed.of(ChangeKind.REISSUE_DRAFT, actor, certificates=[certificate.id])
        return SavedDraft(int(request.id), changed)

    def submit(
        self,
        app: ReissueApplication,
        actor: audit.Actor,
        *,
        request_id: int | None = None,
        expected_version: int | None,
    ) -> SubmittedReissue:
        """Submit the application (the draft `request_id`, or a new one) and mark the certificate 补办中.

        Raises `ReissueInvalid` when the form is incomplete or wrong, `StaleRecord` when the certificate
        changed since the clerk saw it, `KnownError` when it cannot take an application or the draft was
        already submitted; nothing is written then.
        """
        problems = validate_application(app, for_submit=True)
        if problems:
            raise ReissueInvalid(problems)
        app = normalise_application(app)
        with write_transaction() as database:
            # Two desks submitting at once must not both take the same daily serial number.
            serialise_appends(database, "reissue_request")
            certificate = certificate_as_seen(app.certificate_id, expected_version=expected_version)
            request = _draft(request_id, certificate) if request_id is not None else None
            _check_eligible(certificate)
            now = datetime.now()
            tracking_no = self._next_tracking_no()
            fields = {
                **_form_fields(app, actor, now),
                "status": ReissueStatus.SUBMITTED.value,
                "tracking_no": tracking_no,
                "submitted_at": now,
                "step_at": now,
            }
            if request is None:
                request = ReissueRequest.create(certificate=certificate, created_at=now, **fields)
            else:
                _update(request, fields)
            bump_version(certificate, now=now, reissue_pending=True)
            audit.record(
                actor,
                "reissue.submit",
                f"certificate:{certificate.id}",
                {
                    "request_id": request.id,
                    "kind": _kind(app).value,
                    "tracking_no": tracking_no,
                    "documents": sorted(document.value for document in app.documents),
                },
            )
        changed = Changed.of(
            ChangeKind.REISSUE_SUBMIT,
            actor,
            certificates=[certificate.id],
            holders=[certificate.holder_id],
            sessions=[certificate.session_id],
        )
        return SubmittedReissue(int(request.id), tracking_no, changed)

    def requests_for(self, certificate_id: int) -> list[ReissueSummary]:
        """The certificate's applications, newest first (photos are not read)."""
        query = (
            ReissueRequest.select(
                ReissueRequest.id,
                ReissueRequest.kind,
                ReissueRequest.status,
                ReissueRequest.tracking_no,
                ReissueRequest.created_at,
                ReissueRequest.submitted_at,
                ReissueRequest.applicant_name,
            )
            .where(ReissueRequest.certificate == certificate_id)
            .order_by(ReissueRequest.created_at.desc(), ReissueRequest.id.desc())
        )
        return [
            ReissueSummary(
                request_id=row.id,
                kind=ReissueKind(row.kind),
                status=ReissueStatus(row.status),
                tracking_no=row.tracking_no,
                created_at=row.created_at,
                submitted_at=row.submitted_at,
                applicant_name=row.applicant_name,
            )
            for row in query
        ]

    def resume(self, certificate_id: int) -> tuple[int | None, ReissueApplication]:
        """What the form should show for `certificate_id`: its newest draft (id and contents) when one
        was saved, so that work is continued rather than started again; else a new pre-filled form."""
        drafts = [r for r in self.requests_for(certificate_id) if r.status is ReissueStatus.DRAFT]
        if drafts:
            return drafts[0].request_id, self.load(drafts[0].request_id)
        return None, self.prefill(certificate_id)

    def load(self, request_id: int) -> ReissueApplication:
        """The form of a saved application, as it was stored."""
        request = ReissueRequest.get_or_none(ReissueRequest.id == request_id)
        if request is None:
            raise KnownError("reissue.request_missing", request_id=request_id)
        return ReissueApplication(
            certificate_id=request.certificate_id,
            kind=ReissueKind(request.kind),
            applicant_name=request.applicant_name,
            phone=request.phone,
            email=request.email,
            address=request.address,
            reason=request.reason,
            documents=frozenset(Document(code) for code in json.loads(request.documents)),
            photo=bytes(request.photo) if request.photo is not None else None,
        )

    def _next_tracking_no(self) -> str:
        """BF + the day + a four-digit serial of that day: BF202611290001. Call inside the transaction."""
        prefix = f"{TRACKING_PREFIX}{self._today():%Y%m%d}"
        taken = ReissueRequest.select(ReissueRequest.tracking_no).where(
            ReissueRequest.tracking_no.startswith(prefix)
        )
        serials = [int(row.tracking_no[len(prefix) :]) for row in taken if row.tracking_no]
        return f"{prefix}{max(serials, default=0) + 1:04d}"


def _draft(request_id: int, certificate: Certificate) -> ReissueRequest:
    request = ReissueRequest.get_or_none(ReissueRequest.id == request_id)
    if request is None:
        raise KnownError("reissue.request_missing", request_id=request_id)
    if request.certificate_id != certificate.id:
        # The form never moves an application to another certificate: a caller's bug, not a user's.
        raise ValueError(f"request {request_id} belongs to certificate {request.certificate_id}")
    if request.status != ReissueStatus.DRAFT.value:
        raise KnownError("reissue.not_a_draft", tracking_no=request.tracking_no or f"#{request_id}")
    return request


def _check_eligible(certificate: Certificate) -> None:
    """Refuse a certificate that was revoked, already reissued or already has an application running."""
    if certificate.revoked_at is not None:
        raise KnownError(
            "reissue.revoked", cert_no=certificate.cert_no, reason=certificate.revocation_reason or "—"
        )
    successor = Certificate.get_or_none(Certificate.supersedes == certificate.id)
    if successor is not None:
        raise KnownError("reissue.superseded", cert_no=certificate.cert_no, successor=successor.cert_no)
    running = (
        ReissueRequest.select(ReissueRequest.tracking_no)
        .where(
            (ReissueRequest.certificate == certificate.id)
            & ReissueRequest.status.in_([status.value for status in RUNNING_STATUSES])
        )
        .first()
    )
    if running is not None:
        raise KnownError("reissue.already_open", cert_no=certificate.cert_no, tracking_no=running.tracking_no)
    if certificate.reissue_pending:  # recorded before this feature existed, without a request
        raise KnownError("reissue.already_pending", cert_no=certificate.cert_no)


def _kind(app: ReissueApplication) -> ReissueKind:
    # validate_application reports a missing kind for drafts and submissions alike.
    assert app.kind is not None, "validated applications have a kind"
    return app.kind


def _form_fields(app: ReissueApplication, actor: audit.Actor, now: datetime) -> dict[str, Any]:
    """The columns the form and the acting desk set, on create and on every update."""
    return {
        "kind": _kind(app).value,
        "applicant_name": app.applicant_name,
        "phone": app.phone,
        "email": app.email,
        "address": app.address,
        "reason": app.reason,
        "documents": json.dumps(sorted(document.value for document in app.documents)),
        "photo": app.photo,
        "photo_sha256": hashlib.sha256(app.photo).hexdigest() if app.photo is not None else None,
        "operator": actor.user,
        "terminal": actor.terminal,
        "updated_at": now,
    }


def _update(request: ReissueRequest, fields: dict[str, Any]) -> None:
    ReissueRequest.update(**fields).where(ReissueRequest.id == request.id).execute()
