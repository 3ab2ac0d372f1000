"""Importing an official certificate list: the facade the CLI and the GUI wizard call.

    service = ImportService(settings)
    preview = service.preview(path)                    # writes nothing
    report = service.run(path, actor=actor)            # all or nothing
    report = service.run(path, actor=actor, skip_invalid=True)
    report = service.run(path, actor=actor, accept_identity_changes=True)

Both read the file once, streaming, and run the same checks; `run` does so inside one write transaction,
so what it writes is what the checks saw, and any failure — a rejected row without `skip_invalid`, a
cancel, an exception from a callback, a crash — leaves the database exactly as it was. A completed import
leaves one audit event with the file's SHA-256 and the counts (never an ID number), and returns what it
changed (`ImportReport.changed`) for the window's change broadcast.

Nothing is renamed silently: every holder whose name or ID number the list would change is listed in
`identity_changes` (values masked as staff screens show them). Unless the caller passes
`accept_identity_changes` — the operator looked at the list and confirmed it — the rows of those persons are
held back: not written, not counted as created or updated, counted in `held_back`; the rest imports.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from peewee import Database

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.masking import Surface
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.importing.lookups import SessionBook, load_catalogue
from ruankao_desktop.core.importing.readers import SourceInfo, open_table
from ruankao_desktop.core.importing.report import (
    IdentityChange,
    IdentityChangeKind,
    ImportPreview,
    ImportReport,
    NewSession,
    ProblemLog,
    Rejection,
    row_list,
    save_report_xlsx,
)
from ruankao_desktop.core.importing.rows import RowValidator, StagedRow
from ruankao_desktop.core.importing.staging import Outcome, Staging
from ruankao_desktop.core.importing.writer import Writer
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.store.database import db, refresh_statistics, write_transaction

__all__ = [
    "IdentityChange",
    "IdentityChangeKind",
    "ImportCancelled",
    "ImportPreview",
    "ImportRejected",
    "ImportReport",
    "ImportService",
    "Progress",
    "Rejection",
    "row_list",
    "save_report_xlsx",
]

BATCH = 5_000
STATISTICS_AFTER = 1_000  # certificates written from which the server's planner statistics are refreshed
Progress = Callable[[int, int | None], None]
Cancelled = Callable[[], bool]


class ImportRejected(InvalidInput):
    """Rows were rejected and `skip_invalid` was not given: nothing was written. `report` lists them."""

    def __init__(self, report: ImportReport) -> None:
        # The report rides along in the parameters (the message does not use it), so that it survives
        # being passed between processes like any `KnownError`.
        super().__init__("import.rejected", rows=report.rejected_rows, total=report.rows, report=report)

    @property
    def report(self) -> ImportReport:
        report: ImportReport = self.params["report"]
        return report


class ImportCancelled(KnownError):
    """The user cancelled: nothing was written."""

    def __init__(self) -> None:
        super().__init__("import.cancelled")


@dataclass
class _Analysis:
    info: SourceInfo
    staging: Staging
    outcome: Outcome
    log: ProblemLog
    new_sessions: tuple[NewSession, ...]
    sessions: frozenset[int]  # the sessions that rows to be written refer to


class ImportService:
    """Previews and imports lists. `today` decides which dates lie in the future and how old a session
    may be; tests pass a fixed day."""

    def __init__(self, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self._settings = settings
        self._today = today

    def preview(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        accept_identity_changes: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportPreview:
        """What importing `path` (with the same `accept_identity_changes`) would do; nothing is written
        (the staging tables are temporary and the transaction holding them is rolled back)."""
        database: Database = db.obj
        with database.atomic() as transaction:
            analysis = self._analyse(
                Path(path),
                sheet,
                create=False,
                accept=accept_identity_changes,
                progress=progress,
                cancelled=cancelled,
            )
            preview = self._report(analysis, written=False, skipped=False)
            transaction.rollback()
        if progress is not None:
            progress(preview.rows, preview.rows)
        return ImportPreview(**{name: getattr(preview, name) for name in ImportPreview.__dataclass_fields__})

    def run(
        self,
        path: Path,
        *,
        actor: audit.Actor,
        skip_invalid: bool = False,
        accept_identity_changes: bool = False,
        sheet: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Import `path`: every valid row, or — when any row is rejected and `skip_invalid` is False —
        nothing (`ImportRejected`). Rows that would change a holder's name or ID number are held back
        unless `accept_identity_changes`. Cancelling raises `ImportCancelled`; both leave the database
        as it was."""
        path = Path(path)
        committed_at = 0.0
        with write_transaction():
            analysis = self._analyse(
                path,
                sheet,
                create=True,
                accept=accept_identity_changes,
                progress=progress,
                cancelled=cancelled,
            )
            if analysis.log.rejected_rows and not skip_invalid:
                raise ImportRejected(self._report(analysis, written=False, skipped=False, zero=True))
            self._check(cancelled)
            started = time.perf_counter()
            outcome = Writer(analysis.staging).apply(analysis.outcome, now=datetime.now())
            outcome.timings["apply"] = time.perf_counter() - started
            changed = Changed.of(ChangeKind.IMPORT, actor, sessions=analysis.sessions, everything=True)
            report = self._report(analysis, written=True, skipped=skip_invalid, changed=changed)
            audit.record(actor, "import", f"file:{path.name}", _audit_details(report, outcome))
            self._check(cancelled)
            committed_at = time.perf_counter()
        report.timings["commit"] = time.perf_counter() - committed_at
        if report.created + report.updated >= STATISTICS_AFTER:
            refresh_statistics()
        if progress is not None:
            progress(report.rows, report.rows)
        return report

    # ----------------------------------------------------------------------------------------

    def _analyse(
        self,
        path: Path,
        sheet: str | None,
        *,
        create: bool,
        accept: bool,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> _Analysis:
        today = self._today()
        timings: dict[str, float] = {}
        started = time.perf_counter()
        with open_table(path, sheet=sheet) as table:
            info = table.info
            sessions = SessionBook(create=create)
            validator = RowValidator(
                info.header,
                settings=self._settings,
                catalogue=load_catalogue(),
                session_lookup=sessions.lookup,
                today=today,
            )
            staging = Staging(db.obj, info.header, file_name=path.name)
            staging.create()
            log = ProblemLog()
            batch: list[StagedRow] = []
            rows = 0
            total = info.row_estimate
            validate = validator.validate
            for number, cells in table.rows():
                rows += 1
                staged = validate(number, cells, log)
                if staged is not None:
                    batch.append(staged)
                if rows % BATCH == 0:
                    staging.add(batch)
                    batch.clear()
                    self._check(cancelled)
                    if progress is not None:
                        progress(rows, max(total, rows + 1) if total else None)  # more may follow
            staging.add(batch)
        timings["read"] = time.perf_counter() - started
        if progress is not None:
            progress(rows, rows)  # every row read: what follows reports no steps
        if rows == 0:
            raise KnownError("import.no_rows", file=path.name, row=info.header.row)
        started = time.perf_counter()
        outcome = staging.analyse(
            log,
            step=lambda: self._check(cancelled),
            accept_identity_changes=accept,
            policy=self._settings.mask_policy(Surface.STAFF),
        )
        timings["analyse"] = time.perf_counter() - started
        outcome.rows = rows
        outcome.timings.update(timings)
        # A session named only by rejected or held-back rows is not created (an import removes it again).
        used = staging.sessions_used(sorted(sessions.named))
        unused = [session_id for _, session_id in sessions.new if session_id not in used]
        if create and unused:
            staging.remove_sessions(unused)
        new = tuple(session for session, session_id in sessions.new if session_id in used)
        return _Analysis(info, staging, outcome, log, new, frozenset(used))

    @staticmethod
    def _check(cancelled: Cancelled | None) -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled()

    @staticmethod
    def _report(
        analysis: _Analysis,
        *,
        written: bool,
        skipped: bool,
        zero: bool = False,
        changed: Changed | None = None,
    ) -> ImportReport:
        info, outcome, log = analysis.info, analysis.outcome, analysis.log
        return ImportReport(
            file=str(info.path),
            sha256=info.sha256,
            kind=info.kind,
            encoding=info.encoding,
            sheet=info.sheet,
            header_row=info.header.row,
            rows=outcome.rows,
            created=0 if zero else outcome.created,
            updated=0 if zero else outcome.updated,
            unchanged=0 if zero else outcome.unchanged,
            rejected_rows=log.rejected_rows,
            rejected=log.sorted_rejections(),
            rejections_total=log.rejections_total,
            notes=tuple(sorted(log.notes, key=lambda n: n.row)),
            notes_total=log.notes_total,
            new_sessions=analysis.new_sessions,
            ignored_columns=info.header.ignored,
            identity_changes=outcome.identity_changes,
            identity_changes_total=outcome.identity_changes_total,
            held_back=0 if zero else outcome.held_back,
            written=written,
            skipped_invalid=skipped,
            holders_created=outcome.holders_created,
            identities_added=outcome.identities_added,
            timings=outcome.timings,
            changed=changed,
        )


def _audit_details(report: ImportReport, outcome: Outcome) -> dict[str, Any]:
    return {
        "file": Path(report.file).name,
        "sha256": report.sha256,
        "format": report.kind,
        "encoding": report.encoding,
        "sheet": report.sheet,
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected_rows": report.rejected_rows,
        "held_back": report.held_back,
        "skip_invalid": report.skipped_invalid,
        "new_sessions": [session.code for session in report.new_sessions],
        "holders_created": outcome.holders_created,
        "identities_added": outcome.identities_added,
    }
