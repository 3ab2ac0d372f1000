"""The reissue workflow after submission (docs/domain.md "Reissue"): an application is reviewed (已审核, or
已退回 with a reason the applicant is told), sent upstream in a batch (已上报: a workbook in the exam
office's layout and the photos in a ZIP, named by tracking number), gets its new certificate (新证已到: the
old one becomes 已补发 and links to the new one, which waits at the centre), and is 已领取 once the new
certificate is handed over (`HandoverService` takes that step).

Every step is one transaction with one audit event per certificate it acts on; a step the workflow does
not allow is refused here (`check_step`), not only hidden in the window.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from peewee import JOIN, IntegrityError, fn

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.masking import Surface, mask_id, mask_name
from ruankao_desktop.core.domain.reissue import ReissueKind, ReissueStatus, check_step
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.importing.cells import identifier
from ruankao_desktop.core.importing.number_list import ListedNumber, read_new_numbers
from ruankao_desktop.core.importing.rows import MAX_IDENTIFIER_LENGTH
from ruankao_desktop.core.importing.tables import Sheet, write_tables
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.print_files import check_target, move_file, write_file, zip_files
from ruankao_desktop.core.services.records import bump_version, stated_reason
from ruankao_desktop.core.store import search_index
from ruankao_desktop.core.store.database import db, serialise_appends, write_transaction
from ruankao_desktop.core.store.models import (
    Certificate,
    Distribution,
    ExamSession,
    Holder,
    Qualification,
    ReissueBatch,
    ReissueRequest,
)
from ruankao_desktop.core.store.search import as_datetime

BATCH_PREFIX = "SB"
# A 证书编号 as an import stores it (docs/domain.md "Identifiers"): letters, digits, - and /.
_CERT_NO = re.compile(f"[A-Z0-9/-]{{1,{MAX_IDENTIFIER_LENGTH}}}")
MAX_QUEUE_ROWS = 1_000
SHOWN_PROBLEMS = 5  # rows of a refused list of new certificates its message names; it counts the rest
_BATCH_COLUMNS = (
    "row",
    "tracking_no",
    "kind",
    "cert_no",
    "management_no",
    "name",
    "id_masked",
    "qualification",
    "level",
    "session",
    "applicant",
    "phone",
    "address",
    "reason",
    "photo_file",
    "submitted_at",
)


@dataclass(frozen=True)
class QueueRow:
    """One application as the reissue queue lists it (the holder's name masked for the desk)."""

    request_id: int
    tracking_no: str
    kind: ReissueKind
    status: ReissueStatus
    cert_no: str
    name: str
    session: str
    submitted_at: datetime | None
    step_at: datetime | None
    days: int  # since it reached its status
    batch_no: str | None
    new_cert_no: str | None
    return_reason: str | None


@dataclass(frozen=True)
class Queue:
    rows: tuple[QueueRow, ...]
    counts: dict[ReissueStatus, int]  # every submitted application by status, whatever the filter
    total: int  # the rows the filter matches (`rows` holds at most the limit)


@dataclass(frozen=True)
class ReportedBatch:
    batch_no: str
    requests: int
    workbook: Path
    photos: Path
    changed: Changed


@dataclass(frozen=True)
class Stepped:
    """An application after a step: its tracking number, new status, and what changed."""

    tracking_no: str
    status: ReissueStatus
    changed: Changed


class ReissueWorkflow:
    def __init__(self, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self._settings = settings
        self._policy = settings.mask_policy(Surface.STAFF)
        self._export_policy = settings.mask_policy(Surface.EXPORT)
        self._today = today

    # The queue ------------------------------------------------------------------------------------

    def queue(
        self,
        *,
        status: ReissueStatus | None = None,
        kind: ReissueKind | None = None,
        session: str | None = None,
        older_than_days: int | None = None,
        limit: int = MAX_QUEUE_ROWS,
    ) -> Queue:
        """Submitted applications (drafts are the desk's own), oldest step first, filtered; the counts
        per status of every one."""
        query = (
            ReissueRequest.select(
                ReissueRequest, Certificate.cert_no, Holder.name, ExamSession.name, ReissueBatch.batch_no
            )
            .join(Certificate, on=ReissueRequest.certificate == Certificate.id)
            .join(Holder, on=Certificate.holder == Holder.id)
            .switch(Certificate)
            .join(ExamSession, on=Certificate.session == ExamSession.id)
            .switch(ReissueRequest)
            .join(ReissueBatch, join_type=JOIN.LEFT_OUTER, on=ReissueRequest.batch == ReissueBatch.id)
            .where(ReissueRequest.status != ReissueStatus.DRAFT.value)
        )
        if status is not None:
            query = query.where(ReissueRequest.status == status.value)
        if kind is not None:
            query = query.where(ReissueRequest.kind == kind.value)
        if session:
            key = session.strip()
            query = query.where((ExamSession.code == key.upper()) | (ExamSession.name == key))
        if older_than_days is not None:
            # At least that many whole days at its status: reached before midnight that many days ago.
            cutoff = datetime.combine(
                self._today() - timedelta(days=older_than_days - 1), datetime.min.time()
            )
            query = query.where(ReissueRequest.step_at < cutoff)
        total = query.count()
        rows = query.order_by(ReissueRequest.step_at, ReissueRequest.id).limit(limit)
        new_numbers = _new_numbers([row.new_certificate_id for row in rows if row.new_certificate_id])
        return Queue(
            rows=tuple(self._row(row, new_numbers) for row in rows),
            counts=self.counts(),
            total=total,
        )

    @staticmethod
    def counts() -> dict[ReissueStatus, int]:
        """Every submitted application, counted per status (one grouped query)."""
        rows = (
            ReissueRequest.select(ReissueRequest.status, fn.COUNT(ReissueRequest.id))
            .where(ReissueRequest.status != ReissueStatus.DRAFT.value)
            .group_by(ReissueRequest.status)
            .tuples()
        )
        grouped: dict[str, int] = dict(cast("Iterable[tuple[str, int]]", rows))
        return {s: int(grouped.get(s.value, 0)) for s in ReissueStatus if s is not ReissueStatus.DRAFT}

    def _row(self, row: ReissueRequest, new_numbers: dict[int, str]) -> QueueRow:
        step_at = as_datetime(row.step_at) or as_datetime(row.submitted_at)
        days = (self._today() - step_at.date()).days if step_at is not None else 0
        return QueueRow(
            request_id=row.id,
            tracking_no=row.tracking_no or "",
            kind=ReissueKind(row.kind),
            status=ReissueStatus(row.status),
            cert_no=row.certificate.cert_no,
            name=mask_name(row.certificate.holder.name, self._policy),
            session=row.certificate.session.name,
            submitted_at=as_datetime(row.submitted_at),
            step_at=step_at,
            days=max(days, 0),
            batch_no=row.batch.batch_no if row.batch is not None else None,
            new_cert_no=new_numbers.get(row.new_certificate_id or 0),
            return_reason=row.return_reason,
        )

    # Review ---------------------------------------------------------------------------------------

    def approve(self, tracking_no: str, actor: audit.Actor) -> Stepped:
        """已提交 → 已审核: the application is complete and goes in the next batch."""
        with write_transaction():
            request = _application(tracking_no)
            now = datetime.now()
            _take_step(request, ReissueStatus.APPROVED, now, reviewed_at=now, reviewed_by=actor.user)
            _audit(actor, "reissue.approve", request, {})
        return _stepped(request, ReissueStatus.APPROVED, actor)

    def send_back(self, tracking_no: str, reason: str, actor: audit.Actor) -> Stepped:
        """已提交 or 已审核 → 已退回, with the reason the applicant is told; the certificate is no longer
        补办中 (a new application may be made)."""
        reason = stated_reason(reason, needed="reissue.return_reason_needed")
        with write_transaction():
            request = _application(tracking_no)
            now = datetime.now()
            _take_step(
                request,
                ReissueStatus.RETURNED,
                now,
                reviewed_at=now,
                reviewed_by=actor.user,
                return_reason=reason,
            )
            bump_version(request.certificate, now=now, reissue_pending=False)
            _audit(actor, "reissue.return", request, {"reason": reason})
        return _stepped(request, ReissueStatus.RETURNED, actor)

    # The batch sent upstream ----------------------------------------------------------------------

    def report(
        self, folder: Path, actor: audit.Actor, *, tracking_nos: Sequence[str] = (), lang: Language = "zh"
    ) -> ReportedBatch:
        """Every approved application (or those named) in a new batch, 已上报: `folder` gets the batch's
        workbook (`SB….xlsx`) and its photos (`SB…-照片.zip`, one `受理编号.jpg` each). Both files and
        the batch are written, or nothing: an existing file of that name is refused before."""
        folder = Path(folder).expanduser()
        moved: list[Path] = []
        try:
            with (
                write_transaction() as database,
                tempfile.TemporaryDirectory(dir=folder, prefix=".batch-") as scratch,
            ):
                serialise_appends(database, "reissue_batch")
                requests = self._to_report(tracking_nos)
                now = datetime.now()
                batch_no = self._next_batch_no()
                workbook = folder / f"{batch_no}.xlsx"
                photos = folder / f"{batch_no}-{render('reissue.photos_file', lang)}.zip"
                for target in (workbook, photos):
                    check_target(target)
                staged_book, staged_photos = Path(scratch) / workbook.name, Path(scratch) / photos.name
                write_tables(staged_book, self._batch_sheets(requests, batch_no, actor, now, lang))
                write_file(staged_photos, zip_files(_photos(requests)))
                batch = ReissueBatch.create(
                    batch_no=batch_no,
                    requests=len(requests),
                    workbook_sha256=_sha256(staged_book),
                    photos_sha256=_sha256(staged_photos),
                    created_by=actor.user,
                    terminal=actor.terminal,
                    created_at=now,
                )
                for request in requests:
                    _take_step(request, ReissueStatus.REPORTED, now, batch=batch)
                    _audit(actor, "reissue.report", request, {"batch_no": batch_no})
                for staged, target in ((staged_book, workbook), (staged_photos, photos)):
                    move_file(staged, target)
                    moved.append(target)
        except BaseException:
            # The batch did not commit (or a file could not take its name): no file of it stays.
            for target in moved:
                target.unlink(missing_ok=True)
            raise
        changed = Changed.of(
            ChangeKind.REISSUE_STEP, actor, certificates=[request.certificate_id for request in requests]
        )
        return ReportedBatch(batch_no, len(requests), workbook, photos, changed)

    def _to_report(self, tracking_nos: Sequence[str]) -> list[ReissueRequest]:
        if tracking_nos:
            requests = [_application(number) for number in dict.fromkeys(tracking_nos)]
            for request in requests:
                check_step(
                    ReissueStatus(request.status),
                    ReissueStatus.REPORTED,
                    tracking_no=request.tracking_no or "",
                )
            return requests
        approved = list(
            ReissueRequest.select()
            .where(ReissueRequest.status == ReissueStatus.APPROVED.value)
            .order_by(ReissueRequest.submitted_at, ReissueRequest.id)
        )
        if not approved:
            raise KnownError("reissue.nothing_to_report")
        return approved

    def _next_batch_no(self) -> str:
        prefix = f"{BATCH_PREFIX}{self._today():%Y%m%d}"
        taken = ReissueBatch.select(ReissueBatch.batch_no).where(ReissueBatch.batch_no.startswith(prefix))
        serials = [int(row.batch_no[len(prefix) :]) for row in taken]
        return f"{prefix}{max(serials, default=0) + 1:02d}"

    def _batch_sheets(
        self,
        requests: Sequence[ReissueRequest],
        batch_no: str,
        actor: audit.Actor,
        now: datetime,
        lang: Language,
    ) -> list[Sheet]:
        headers = [render(f"export.column.{column}", lang) for column in _BATCH_COLUMNS]

        def rows() -> Iterator[tuple[Any, ...]]:
            # One query for the batch's certificates, holders, qualifications and sessions, not four per
            # application.
            query = (
                ReissueRequest.select(ReissueRequest, Certificate, Holder, Qualification, ExamSession)
                .join(Certificate, on=ReissueRequest.certificate == Certificate.id)
                .join(Holder, on=Certificate.holder == Holder.id)
                .switch(Certificate)
                .join(Qualification, on=Certificate.qualification == Qualification.id)
                .switch(Certificate)
                .join(ExamSession, on=Certificate.session == ExamSession.id)
                .where(ReissueRequest.id.in_([request.id for request in requests]))
            )
            joined = {request.id: request for request in query}
            for number, listed in enumerate(requests, start=1):
                request = joined[listed.id]
                certificate: Certificate = request.certificate
                holder: Holder = certificate.holder
                qualification: Qualification = certificate.qualification
                yield (
                    number,
                    request.tracking_no,
                    ReissueKind(request.kind).text(lang),
                    certificate.cert_no,
                    certificate.management_no,
                    mask_name(holder.name, self._export_policy),
                    mask_id(holder.id_number, self._export_policy),
                    qualification.name,
                    render(f"level.{qualification.level}", lang),
                    certificate.session.name,
                    request.applicant_name,
                    request.phone,
                    request.address,
                    request.reason,
                    f"{request.tracking_no}.jpg" if request.photo else "",
                    as_datetime(request.submitted_at),
                )

        about = [
            (render("reissue.batch.no", lang), batch_no),
            (render("export.about.rows", lang), len(requests)),
            (render("export.about.exported_at", lang), now),
            (render("export.about.exported_by", lang), f"{actor.user} @ {actor.terminal}"),
            (
                render("export.about.masking", lang),
                render(
                    "export.about.masked",
                    lang,
                    head=self._export_policy.id_head,
                    tail=self._export_policy.id_tail,
                ),
            ),
        ]
        about_headers = [render("export.about.item", lang), render("export.about.value", lang)]
        return [
            Sheet(render("reissue.batch.sheet", lang), headers, rows()),
            Sheet(render("export.about.sheet", lang), about_headers, about),
        ]

    # The new certificate --------------------------------------------------------------------------

    def new_certificate(
        self, tracking_no: str, new_cert_no: str, actor: audit.Actor, *, arrived_on: date | None = None
    ) -> Stepped:
        """已上报 → 新证已到: the new certificate, numbered `new_cert_no`, has come to the centre. It is
        the old one's successor (same holder, qualification, session and 管理号), waiting for pickup; the
        old one is 已补发 from now on."""
        day = self._arrival_day(arrived_on)
        with write_transaction():
            request = _application(tracking_no)
            number = _ready(request, new_cert_no, day, self._today())
            new = _register(request, number, day, actor, datetime.now())
            _refresh_index([new.id])
        return Stepped(
            request.tracking_no or "", ReissueStatus.NEW_ARRIVED, _new_changed(actor, [request], [new])
        )

    def _arrival_day(self, arrived_on: date | None) -> date:
        day = arrived_on or self._today()
        if day > self._today():
            raise InvalidInput("reissue.arrived_future", day=day.isoformat())
        return day

    def new_certificates_from_list(
        self, list_file: Path, actor: audit.Actor, *, arrived_on: date | None = None
    ) -> NewFromList:
        """新证已到 for every application a list of new certificates names (a CSV or Excel file: 受理编号
        or 原证书编号, and 新证书编号), all in one transaction. A list with any row that cannot be recorded
        — an unknown application or certificate, one not at 已上报, a new number that is invalid, taken,
        or twice in the list, an application twice — is refused with those rows' lines and reasons, and
        nothing is recorded."""
        rows = read_new_numbers(list_file)
        if not rows:
            raise InvalidInput("reissue.list_empty")
        day = self._arrival_day(arrived_on)
        with write_transaction():
            planned: list[tuple[int, ReissueRequest, str]] = []
            problems: list[tuple[int, KnownError]] = []
            lines_of_numbers: dict[str, int] = {}
            lines_of_requests: dict[int, int] = {}
            for row in rows:
                try:
                    request, number = _listed(row, day, self._today())
                    if number in lines_of_numbers:
                        raise InvalidInput(
                            "reissue.list_number_twice", cert_no=number, line=lines_of_numbers[number]
                        )
                    if request.id in lines_of_requests:
                        raise InvalidInput(
                            "reissue.list_application_twice",
                            tracking_no=request.tracking_no,
                            line=lines_of_requests[request.id],
                        )
                except KnownError as problem:
                    problems.append((row.line, problem))
                    continue
                lines_of_numbers[number] = lines_of_requests[request.id] = row.line
                planned.append((row.line, request, number))
            if problems:
                raise InvalidInput(
                    "reissue.list_refused",
                    count=len(problems),
                    rows=len(rows),
                    problems=ListProblems(tuple(problems)),
                )
            now = datetime.now()
            new = []
            for line, request, number in planned:
                try:
                    new.append(_register(request, number, day, actor, now, list_file=list_file.name))
                except KnownError as problem:  # another desk took a step, or the number, meanwhile
                    refused = ListProblems(((line, problem),))
                    raise InvalidInput(
                        "reissue.list_refused", count=1, rows=len(rows), problems=refused
                    ) from problem
            _refresh_index([certificate.id for certificate in new])
        requests = [request for _line, request, _number in planned]
        tracking_nos = tuple(request.tracking_no or "" for request in requests)
        return NewFromList(tracking_nos, day, _new_changed(actor, requests, new))


@dataclass(frozen=True)
class NewFromList:
    """The applications whose new certificates a list recorded, the day they arrived, what changed."""

    tracking_nos: tuple[str, ...]
    day: date
    changed: Changed


@dataclass(frozen=True)
class ListProblems:
    """The rows of a list of new certificates that cannot be recorded (the first few shown), each with its
    line and reason, in the language of the message they are part of."""

    problems: tuple[tuple[int, KnownError], ...]

    def text(self, lang: Language = "zh") -> str:
        shown = self.problems[:SHOWN_PROBLEMS]
        parts = [
            render("reissue.list_row", lang, line=line, problem=problem.message(lang))
            for line, problem in shown
        ]
        if len(self.problems) > SHOWN_PROBLEMS:
            parts.append(render("reissue.list_more", lang, count=len(self.problems) - SHOWN_PROBLEMS))
        return "\n".join(parts)  # a line each, under the message


def _new_number(written: str) -> str:
    number = identifier(written)
    if not _CERT_NO.fullmatch(number):
        raise InvalidInput("reissue.new_number_invalid", limit=MAX_IDENTIFIER_LENGTH)
    return number


def _check_free(number: str) -> None:
    if Certificate.get_or_none(Certificate.cert_no == number) is not None:
        raise InvalidInput("reissue.new_number_taken", cert_no=number)


def _listed(row: ListedNumber, day: date, today: date) -> tuple[ReissueRequest, str]:
    """The application a list's row names, and its new number (`_ready`)."""
    if row.by_old_number:
        old = Certificate.get_or_none(Certificate.cert_no == identifier(row.key))
        if old is None:
            raise InvalidInput("reissue.list_no_certificate", cert_no=row.key)
        request = (
            ReissueRequest.select()
            .where(
                (ReissueRequest.certificate == old.id)
                & (ReissueRequest.status == ReissueStatus.REPORTED.value)
            )
            .first()
        )
        if request is None:
            raise InvalidInput("reissue.list_not_reported", cert_no=old.cert_no)
    else:
        request = _application(row.key)
    return request, _ready(request, row.new_cert_no, day, today)


def _ready(request: ReissueRequest, new_cert_no: str, day: date, today: date) -> str:
    """The new number, checked and free, of `request` at 已上报 and whose certificate arrived on `day`:
    not before the application was sent upstream (the day the report was stamped, or today if that
    stamp is later: another desk's clock may run ahead)."""
    check_step(
        ReissueStatus(request.status), ReissueStatus.NEW_ARRIVED, tracking_no=request.tracking_no or ""
    )
    stamped = as_datetime(request.step_at)
    reported = min(stamped.date(), today) if stamped is not None else None
    if reported is not None and day < reported:
        raise InvalidInput(
            "reissue.arrived_before_report", day=day.isoformat(), reported=reported.isoformat()
        )
    number = _new_number(new_cert_no)
    _check_free(number)
    return number


def _register(
    request: ReissueRequest, number: str, day: date, actor: audit.Actor, now: datetime, *, list_file: str = ""
) -> Certificate:
    """The new certificate of `request` (at 已上报), numbered `number`, arrived on `day`; the application
    at 新证已到 and the old certificate no longer waiting for its reissue. Inside the caller's transaction;
    the search index is the caller's to refresh."""
    old: Certificate = request.certificate
    try:
        new: Certificate = Certificate.create(
            cert_no=number,
            management_no=old.management_no,
            qualification=old.qualification,
            session=old.session_id,
            holder=old.holder_id,
            approved_on=day,
            issuer=old.issuer,
            arrived_on=day,
            supersedes=old.id,
            created_at=now,
            updated_at=now,
        )
    except IntegrityError as exc:  # another desk gave the number to a certificate since it was checked
        raise InvalidInput("reissue.new_number_taken", cert_no=number) from exc
    Distribution.create(
        certificate=new, event="arrival", operator=actor.user, terminal=actor.terminal, at=now
    )
    _take_step(request, ReissueStatus.NEW_ARRIVED, now, new_certificate=new)
    bump_version(old, now=now, reissue_pending=False)
    details = {"new_cert_no": number, "arrived_on": day.isoformat()}
    _audit(
        actor, "reissue.new_certificate", request, {**details, "list": list_file} if list_file else details
    )
    return new


def _refresh_index(certificate_ids: Sequence[int]) -> None:
    marks = ", ".join([db.obj.param] * len(certificate_ids))
    search_index.refresh(db.obj, f"SELECT id FROM certificate WHERE id IN ({marks})", tuple(certificate_ids))


def _new_changed(
    actor: audit.Actor, requests: Sequence[ReissueRequest], new: Sequence[Certificate]
) -> Changed:
    olds = [request.certificate for request in requests]
    return Changed.of(
        ChangeKind.REISSUE_STEP,
        actor,
        certificates=[*(old.id for old in olds), *(certificate.id for certificate in new)],
        holders=[old.holder_id for old in olds],
        sessions=[old.session_id for old in olds],
        everything=True,  # certificates more: every list may count them
    )


def mark_collected(certificate_id: int, actor: audit.Actor) -> None:
    """新证已到 → 已领取 for the application whose new certificate was just handed over (inside the
    handover's transaction); nothing when the certificate is not a reissue's."""
    request = ReissueRequest.get_or_none(
        (ReissueRequest.new_certificate == certificate_id)
        & (ReissueRequest.status == ReissueStatus.NEW_ARRIVED.value)
    )
    if request is None:
        return
    _take_step(request, ReissueStatus.COLLECTED, datetime.now())
    details = {"tracking_no": request.tracking_no, "status": ReissueStatus.COLLECTED.value}
    audit.record(actor, "reissue.collected", f"reissue:{request.id}", details)


def _take_step(request: ReissueRequest, target: ReissueStatus, now: datetime, **fields: Any) -> None:
    """Move `request` to `target` (refused unless the workflow allows it), over the status just read."""
    check_step(ReissueStatus(request.status), target, tracking_no=request.tracking_no or "")
    updated = (
        ReissueRequest.update(status=target.value, step_at=now, updated_at=now, **fields)
        .where((ReissueRequest.id == request.id) & (ReissueRequest.status == request.status))
        .execute()
    )
    if updated != 1:  # another desk took a step on it meanwhile
        raise KnownError("reissue.changed_meanwhile", tracking_no=request.tracking_no)


def _application(tracking_no: str) -> ReissueRequest:
    number = tracking_no.strip().upper()
    request: ReissueRequest | None = ReissueRequest.get_or_none(ReissueRequest.tracking_no == number)
    if request is None:
        raise KnownError("reissue.no_such_application", tracking_no=tracking_no)
    return request


def _audit(actor: audit.Actor, action: str, request: ReissueRequest, details: dict[str, Any]) -> None:
    audit.record(
        actor,
        action,
        f"certificate:{request.certificate_id}",
        {"request_id": request.id, "tracking_no": request.tracking_no, **details},
    )


def _stepped(request: ReissueRequest, status: ReissueStatus, actor: audit.Actor) -> Stepped:
    changed = Changed.of(ChangeKind.REISSUE_STEP, actor, certificates=[request.certificate_id])
    return Stepped(request.tracking_no or "", status, changed)


def _photos(requests: Sequence[ReissueRequest]) -> Iterator[tuple[str, bytes]]:
    for request in requests:
        if request.photo:
            yield f"{request.tracking_no}.jpg", bytes(request.photo)


def _new_numbers(ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    found = Certificate.select(Certificate.id, Certificate.cert_no).where(Certificate.id.in_(ids))
    return {row.id: row.cert_no for row in found}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
