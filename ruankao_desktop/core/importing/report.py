"""What a preview or an import found, in the shapes the CLI (`--json`), the GUI and a saved report use.

Nothing here holds a full ID number: rejected values are masked when they are recorded (`rows.mask_value`).
A file with a great many bad rows does not fill the memory: the first `MAX_LISTED` rejections and notes are
kept, the rest only counted (`ProblemLog`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruankao_desktop.core.importing.columns import Field
from ruankao_desktop.core.importing.tables import Sheet, write_tables
from ruankao_desktop.core.messages import Language, render

MAX_LISTED = 100_000


@dataclass(frozen=True)
class Rejection:
    """Why one cell (or, for checks across rows, one row) keeps its row out of the import."""

    row: int
    field: Field
    column: str
    value_masked: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def message(self, lang: Language = "zh") -> str:
        return render(self.code, lang, **self.params)

    def as_json(self, lang: Language = "zh") -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value_masked": self.value_masked,
            "code": self.code,
            "message": self.message(lang),
        }


@dataclass(frozen=True)
class RowNote:
    """A remark about an accepted value: a 15-digit number converted, a county code not in the table."""

    row: int
    column: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def message(self, lang: Language = "zh") -> str:
        return render(self.code, lang, **self.params)


@dataclass(frozen=True)
class NewSession:
    """A session the list names that the database does not have yet: the import creates it."""

    code: str
    name: str
    exam_date: date
    exact: bool  # False: exam_date is a placeholder (the list named only the half-year or month)

    def message(self, lang: Language = "zh", *, created: bool = False) -> str:
        """What the preview says (will be created), or with `created` what the report says."""
        code = "import.new_session" if self.exact else "import.new_session_provisional"
        if created:
            code += "_done"
        return render(code, lang, code=self.code, name=self.name, date=self.exam_date.isoformat())


class ProblemLog:
    """Rejections and notes as they are found, bounded in memory; counts stay exact."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self._limit = limit
        self.rejections: list[Rejection] = []
        self.notes: list[RowNote] = []
        self.rejected_rows = 0
        self.rejections_total = 0
        self.notes_total = 0

    def reject_row(self, rejections: Sequence[Rejection]) -> None:
        """The problems of one row (all of them, so that one pass lists everything to fix)."""
        self.rejected_rows += 1
        self.rejections_total += len(rejections)
        room = self._limit - len(self.rejections)
        if room > 0:
            self.rejections.extend(rejections[:room])

    def note(self, note: RowNote) -> None:
        self.notes_total += 1
        if len(self.notes) < self._limit:
            self.notes.append(note)

    def sorted_rejections(self) -> tuple[Rejection, ...]:
        return tuple(sorted(self.rejections, key=lambda r: r.row))


@dataclass(frozen=True)
class ImportPreview:
    """What importing the file would do (a preview, a dry run) or did (`ImportReport`).

    `rows` counts the data rows below the header (blank rows left out); every row is exactly one of
    created, updated, unchanged or rejected. `rejected` lists the problems, several for a row with
    several bad cells, in row order; when more than `MAX_LISTED` were found, only the first are listed.
    """

    file: str
    sha256: str
    kind: str  # "csv" / "xlsx"
    encoding: str | None
    sheet: str | None
    header_row: int
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected_rows: int
    rejected: tuple[Rejection, ...]
    rejections_total: int  # problems found; `rejected` lists the first MAX_LISTED of them
    notes: tuple[RowNote, ...]
    notes_total: int
    new_sessions: tuple[NewSession, ...]
    ignored_columns: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.rejected_rows == 0

    def to_json(self, lang: Language = "zh") -> dict[str, Any]:
        """The stable JSON of `import --json` (README "CLI"); exactly these fields."""
        return {
            "file": self.file,
            "encoding": self.encoding,
            "sheet": self.sheet,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [rejection.as_json(lang) for rejection in self.rejected],
            "ignored_columns": list(self.ignored_columns),
        }


@dataclass(frozen=True)
class ImportReport(ImportPreview):
    """An import that was carried out (or refused: then `written` is False and the counts are zero)."""

    written: bool = False
    skipped_invalid: bool = False
    holders_created: int = 0
    identities_added: int = 0
    # Seconds per phase (read, analyse, apply, commit), for the benchmark and the log.
    timings: dict[str, float] = dataclasses.field(default_factory=dict, compare=False)


def save_report_xlsx(report: ImportPreview, path: Path, *, lang: Language = "zh") -> None:
    """The report as a workbook: the rejected rows, a summary and the notes (a .csv name gives the
    rejected rows only). Values are masked already; `ExportService.import_errors` does the same and
    records an audit event."""
    write_tables(path, report_sheets(report, lang))


def report_sheets(report: ImportPreview, lang: Language = "zh") -> list[Sheet]:
    columns = [
        render(f"import.report.column.{name}", lang) for name in ("row", "column", "value", "code", "reason")
    ]
    rejected = Sheet(
        render("import.report.sheet.rejected", lang),
        columns,
        ((r.row, r.column, r.value_masked, r.code, r.message(lang)) for r in report.rejected),
    )
    summary = Sheet(
        render("import.report.sheet.summary", lang),
        [render("import.report.column.item", lang), render("import.report.column.detail", lang)],
        summary_rows(report, lang),
    )
    notes = Sheet(
        render("import.report.sheet.notes", lang),
        [columns[0], columns[1], render("import.report.column.note", lang)],
        ((n.row, n.column, n.message(lang)) for n in report.notes),
    )
    return [rejected, summary, notes]


def summary_rows(report: ImportPreview, lang: Language = "zh") -> list[tuple[str, Any]]:
    """(label, value) lines describing a preview or report, for the summary sheet and the GUI."""

    def line(name: str, value: Any) -> tuple[str, Any]:
        return render(f"import.report.{name}", lang), value

    rows = [
        line("file", report.file),
        line("sha256", report.sha256),
        line("encoding", report.encoding or "—"),
        line("sheet", report.sheet or "—"),
        line("header_row", report.header_row),
        line("rows", report.rows),
        line("created", report.created),
        line("updated", report.updated),
        line("unchanged", report.unchanged),
        line("rejected_rows", report.rejected_rows),
        line("ignored_columns", "、".join(report.ignored_columns) or "—"),
    ]
    created = isinstance(report, ImportReport) and report.written
    rows += [line("new_session", s.message(lang, created=created)) for s in report.new_sessions]
    if isinstance(report, ImportReport):
        rows.append(
            line("written", render("import.report.yes" if report.written else "import.report.no", lang))
        )
    rows.append(line("masked", render("import.report.masked_note", lang)))
    return rows
