"""Exports: lookup results, pickup lists per session, reissue applications for sending upstream, and the
problems an import found — as .xlsx or .csv (UTF-8 with BOM), chosen by the file name.

ID numbers are always masked with the export policy (`Surface.EXPORT`, 前6后4 by default): no role may see
full numbers yet (the accounts feature will decide who may), and every export says so in its header and,
in a workbook, on an "about" sheet. Each export leaves one audit event: what, how many rows, masked. Rows
are read page by page and streamed to the file, so a list of any length fits in memory.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.masking import Surface, mask_id, mask_name
from ruankao_desktop.core.domain.reissue import Document, ReissueKind, ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError, UsageError
from ruankao_desktop.core.importing.report import ImportPreview, report_sheets
from ruankao_desktop.core.importing.tables import Sheet, table_format, write_tables
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.lookup import CertificateSummary, LookupService
from ruankao_desktop.core.services.sessions import session_record
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.filters import Criteria
from ruankao_desktop.core.store.models import Certificate, ExamSession, Holder, Qualification, ReissueRequest
from ruankao_desktop.core.store.search import as_date, as_datetime

PAGE = 1_000
# The advanced search returns ids only; an export may take every certificate of a session.
MAX_EXPORT_ROWS = 10_000_000
PICKUP_STATES = (CertificateState.AWAITING_PICKUP, CertificateState.OVERDUE)
_LOOKUP_COLUMNS = (
    "cert_no",
    "management_no",
    "name",
    "id_masked",
    "qualification",
    "level",
    "session",
    "state",
    "valid_until",
    "issuer",
)
_PICKUP_COLUMNS = (
    "row",
    "cert_no",
    "name",
    "id_masked",
    "qualification",
    "level",
    "state",
    "pickup_deadline",
    "signature",
)
_REISSUE_COLUMNS = (
    "tracking_no",
    "kind",
    "cert_no",
    "name",
    "id_masked",
    "qualification",
    "session",
    "applicant",
    "phone",
    "email",
    "address",
    "reason",
    "documents",
    "submitted_at",
    "status",
)


@dataclass(frozen=True)
class Exported:
    """How many rows an export wrote, and its audit event (an export changes no record)."""

    rows: int
    changed: Changed


class ExportService:
    """Writes exports and audits them. Every method takes the target `path` (.xlsx or .csv) and the
    `actor`, and returns the number of rows written."""

    def __init__(self, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self._policy = settings.mask_policy(Surface.EXPORT)
        self._lookup = LookupService(settings, surface=Surface.EXPORT, today=today)

    def lookup_results(
        self, certificate_ids: Sequence[int], *, path: Path, actor: audit.Actor, lang: Language = "zh"
    ) -> Exported:
        """The certificates a lookup found (a results table holds their ids), in that order."""
        title = render("export.title.lookup", lang)
        rows = (self._lookup_row(summary, lang) for summary in self._summaries(certificate_ids))
        return self._export(
            path, actor, what="lookup", title=title, columns=_LOOKUP_COLUMNS, rows=rows, lang=lang, details={}
        )

    def pickup_list(
        self,
        session: int | str,
        *,
        path: Path,
        actor: audit.Actor,
        state: CertificateState = CertificateState.AWAITING_PICKUP,
        lang: Language = "zh",
    ) -> Exported:
        """The session's certificates in `state` (待领取 or 逾期未领), with a column to sign in."""
        if state not in PICKUP_STATES:
            raise UsageError("export.state_not_allowed", state=state.text(lang))
        found = _session(session)
        ids = self._lookup.search_ids(Criteria(session_id=found.id, state=state), limit=MAX_EXPORT_ROWS).ids
        deadline = as_date(found.pickup_deadline)
        rows = (
            (
                position,
                summary.cert_no,
                summary.name,
                summary.id_masked,
                summary.qualification,
                summary.level_text(lang),
                summary.state_text(lang),
                deadline,
                "",
            )
            for position, summary in enumerate(self._summaries(ids), start=1)
        )
        title = render("export.title.pickup", lang, session=found.name, state=state.text(lang))
        details = {"session": found.code, "state": state.value}
        return self._export(
            path,
            actor,
            what="pickup",
            title=title,
            columns=_PICKUP_COLUMNS,
            rows=rows,
            lang=lang,
            details=details,
        )

    def reissue_requests(
        self, *, path: Path, actor: audit.Actor, since: date | None = None, lang: Language = "zh"
    ) -> Exported:
        """Submitted reissue applications, at whatever step they are now (since `since`, if given),
        oldest first."""
        title = render("export.title.reissues", lang)
        details = {"since": since.isoformat() if since else None}
        return self._export(
            path,
            actor,
            what="reissues",
            title=title,
            columns=_REISSUE_COLUMNS,
            rows=self._reissue_rows(since, lang),
            lang=lang,
            details=details,
        )

    def import_errors(
        self, report: ImportPreview, *, path: Path, actor: audit.Actor, lang: Language = "zh"
    ) -> Exported:
        """The problems an import or a preview found (values already masked), with its summary."""
        table_format(path)
        sheets = report_sheets(report, lang)
        count = write_tables(path, sheets)
        return self._audit(
            actor, "import_errors", path, count, {"file": Path(report.file).name, "sha256": report.sha256}
        )

    # ----------------------------------------------------------------------------------------

    def _export(
        self,
        path: Path,
        actor: audit.Actor,
        *,
        what: str,
        title: str,
        columns: Sequence[str],
        rows: Iterator[Sequence[Any]],
        lang: Language,
        details: dict[str, Any],
    ) -> Exported:
        table_format(path)
        headers = [render(f"export.column.{column}", lang) for column in columns]
        counted = _Counter(rows)
        sheets = [Sheet(title, headers, counted), self._about(title, counted, actor, lang)]
        count = write_tables(path, sheets)
        return self._audit(actor, what, path, count, details)

    def _audit(
        self, actor: audit.Actor, what: str, path: Path, count: int, details: dict[str, Any]
    ) -> Exported:
        """The export's audit event; a file whose export cannot be audited is removed again."""
        try:
            with write_transaction():
                audit.record(
                    actor,
                    f"export.{what}",
                    f"file:{Path(path).name}",
                    {
                        **details,
                        "rows": count,
                        "format": table_format(path).value,
                        "id_numbers": "masked",
                        "mask": f"{self._policy.id_head}+{self._policy.id_tail}",
                    },
                )
        except BaseException:
            with contextlib.suppress(OSError):
                Path(path).unlink()
            raise
        return Exported(count, Changed.of(ChangeKind.EXPORT, actor))

    def _about(self, title: str, counted: _Counter, actor: audit.Actor, lang: Language) -> Sheet:
        """The workbook's "about" sheet; written after the data, so that it can give the row count."""

        def lines() -> Iterator[tuple[str, Any]]:
            yield render("export.about.what", lang), title
            yield render("export.about.rows", lang), counted.count
            yield render("export.about.exported_at", lang), datetime.now()
            yield render("export.about.exported_by", lang), f"{actor.user} @ {actor.terminal}"
            masked = render("export.about.masked", lang, head=self._policy.id_head, tail=self._policy.id_tail)
            yield render("export.about.masking", lang), masked

        headers = [render("export.about.item", lang), render("export.about.value", lang)]
        return Sheet(render("export.about.sheet", lang), headers, lines())

    def _summaries(self, ids: Sequence[int]) -> Iterator[CertificateSummary]:
        for start in range(0, len(ids), PAGE):
            yield from self._lookup.summaries(ids[start : start + PAGE])

    @staticmethod
    def _lookup_row(summary: CertificateSummary, lang: Language) -> tuple[Any, ...]:
        return (
            summary.cert_no,
            summary.management_no,
            summary.name,
            summary.id_masked,
            summary.qualification,
            summary.level_text(lang),
            summary.session,
            summary.state_text(lang) + (f" → {summary.superseded_by}" if summary.superseded_by else ""),
            summary.valid_until_text(lang),
            summary.issuer,
        )

    def _reissue_rows(self, since: date | None, lang: Language) -> Iterator[tuple[Any, ...]]:
        query = (
            ReissueRequest.select(
                ReissueRequest.id,
                ReissueRequest.tracking_no,
                ReissueRequest.kind,
                Certificate.cert_no,
                Holder.name,
                Holder.id_number,
                Qualification.name,
                ExamSession.name,
                ReissueRequest.applicant_name,
                ReissueRequest.phone,
                ReissueRequest.email,
                ReissueRequest.address,
                ReissueRequest.reason,
                ReissueRequest.documents,
                ReissueRequest.submitted_at,
                ReissueRequest.status,
            )
            .join(Certificate, on=ReissueRequest.certificate == Certificate.id)
            .join(Holder, on=Certificate.holder == Holder.id)
            .switch(Certificate)
            .join(Qualification, on=Certificate.qualification == Qualification.id)
            .switch(Certificate)
            .join(ExamSession, on=Certificate.session == ExamSession.id)
            .where(ReissueRequest.status != ReissueStatus.DRAFT.value)
            .order_by(ReissueRequest.submitted_at, ReissueRequest.id)
        )
        if since is not None:
            query = query.where(ReissueRequest.submitted_at >= datetime(since.year, since.month, since.day))
        for row in query.tuples().iterator():
            (_, tracking, kind, cert_no, name, id_number, qualification, session, applicant) = row[:9]
            phone, email, address, reason, documents, submitted, status = row[9:]
            yield (
                tracking,
                ReissueKind(kind).text(lang),
                cert_no,
                mask_name(name, self._policy),
                mask_id(id_number, self._policy),
                qualification,
                session,
                applicant,
                phone,
                email,
                address,
                reason,
                "、".join(Document(code).text(lang) for code in json.loads(documents or "[]")),
                as_datetime(submitted),
                ReissueStatus(status).text(lang),  # where it is now: the workflow moves it on
            )


class _Counter:
    """Counts the rows of an iterable as they are consumed."""

    def __init__(self, rows: Iterator[Sequence[Any]]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Sequence[Any]]:
        for row in self._rows:
            self.count += 1
            yield row


def _session(session: int | str) -> ExamSession:
    """A session by id, code (2026H1) or name (2026年上半年)."""
    found = session_record(session)
    if found is None:
        raise KnownError("export.session_missing", session=str(session))
    return found
