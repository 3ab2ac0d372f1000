"""What a preview or an import found, in the shapes the CLI (`--json`), the GUI and a saved report use.

Nothing here holds a full ID number: rejected values are masked when they are recorded (`rows.mask_value`),
and so are the old and new values of an identity change (`identities.IdentityChanges.listed`). A file with a
great many bad rows does not fill the memory: the first `MAX_LISTED` rejections, notes and identity changes
are kept, the rest only counted (`ProblemLog`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruankao_desktop.core.importing.columns import Field
from ruankao_desktop.core.importing.tables import Sheet, write_tables
from ruankao_desktop.core.messages import Language, render

if TYPE_CHECKING:
    from ruankao_desktop.core.services.changes import Changed

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


class IdentityChangeKind(StrEnum):
    """What a list would change about a holder who is already in the database."""

    ID_NUMBER = "id_number"  # the holder's ID number is replaced; the old one becomes a former number
    RENAME = "rename"  # the holder's name is replaced; the old one becomes a former name
    FORMER_NAME = "former_name"  # the list's (older) name is added as a former name; the name stays


@dataclass(frozen=True)
class IdentityChange:
    """A holder whose name or ID number the list would change, found at `row` (the row giving the
    certificate `cert_no`). `rows` are all the rows of the list that belong to this person: they are
    written together with the change or, when it is not confirmed (`held_back`), not at all. `old` and
    `new` are masked (ID numbers 前6后4 always; names as staff screens show them)."""

    row: int
    kind: IdentityChangeKind
    holder_id: int
    cert_no: str
    old: str
    new: str
    rows: tuple[int, ...]
    held_back: bool

    def kind_text(self, lang: Language = "zh") -> str:
        return render(f"import.change.{self.kind.value}", lang)

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "kind": self.kind.value,
            "holder_id": self.holder_id,
            "cert_no": self.cert_no,
            "old": self.old,
            "new": self.new,
            "rows": list(self.rows),
            "held_back": self.held_back,
        }


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
        self.rejected_rows = 0
        self.rejections_total = 0
        self._notes: list[RowNote] = []
        self._notes_total = 0
        self._once: dict[str, tuple[RowNote, int]] = {}  # code → (the first row's note, rows)

    def reject_row(self, rejections: Sequence[Rejection]) -> None:
        """The problems of one row (all of them, so that one pass lists everything to fix)."""
        self.rejected_rows += 1
        self.rejections_total += len(rejections)
        room = self._limit - len(self.rejections)
        if room > 0:
            self.rejections.extend(rejections[:room])

    def note(self, note: RowNote) -> None:
        self._notes_total += 1
        if len(self._notes) < self._limit:
            self._notes.append(note)

    def note_once(self, note: RowNote) -> None:
        """A remark made once per file for all the rows it concerns: the note of the first of them, with
        the number of rows as the parameter `count` (notes with the same code count together)."""
        first, count = self._once.get(note.code, (note, 0))
        self._once[note.code] = (first, count + 1)

    @property
    def notes(self) -> list[RowNote]:
        once = [
            RowNote(n.row, n.column, n.code, {**n.params, "count": count}) for n, count in self._once.values()
        ]
        return self._notes + once

    @property
    def notes_total(self) -> int:
        return self._notes_total + len(self._once)

    def sorted_rejections(self) -> tuple[Rejection, ...]:
        return tuple(sorted(self.rejections, key=lambda r: r.row))


@dataclass(frozen=True)
class ImportPreview:
    """What importing the file would do (a preview, a dry run) or did (`ImportReport`).

    `rows` counts the data rows below the header (blank rows left out); every row is exactly one of
    created, updated, unchanged, rejected or held back. `rejected` lists the problems, several for a row
    with several bad cells, in row order; when more than `MAX_LISTED` were found, only the first are
    listed. `identity_changes` lists, in row order, every holder whose name or ID number the list would
    change; `held_back` counts the rows not written because those changes were not confirmed.
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
    identity_changes: tuple[IdentityChange, ...] = ()
    identity_changes_total: int = 0  # changes found; `identity_changes` lists the first MAX_LISTED
    held_back: int = 0

    @property
    def ok(self) -> bool:
        """No row was rejected (rows held back for unconfirmed identity changes are counted apart)."""
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
            "identity_changes": [change.as_json() for change in self.identity_changes],
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
    # What a written import changed, for the window's change broadcast (None when nothing was written).
    changed: Changed | None = dataclasses.field(default=None, compare=False)


def save_report_xlsx(report: ImportPreview, path: Path, *, lang: Language = "zh") -> None:
    """The report as a workbook: the rejected rows, a summary, the notes and the identity changes (a
    .csv name gives the rejected rows only). Values are masked already; `ExportService.import_errors`
    does the same and records an audit event."""
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
    changes = Sheet(
        render("import.report.sheet.identity_changes", lang),
        [
            columns[0],
            *(render(f"import.report.column.{name}", lang) for name in ("change", "old", "new", "cert_no")),
            render("import.report.column.outcome", lang),
        ],
        (
            (c.row, c.kind_text(lang), c.old, c.new, c.cert_no, _change_outcome(report, c, lang))
            for c in report.identity_changes
        ),
    )
    return [rejected, summary, notes, changes]


def _change_outcome(report: ImportPreview, change: IdentityChange, lang: Language) -> str:
    rows = row_list(change.rows, lang)
    if change.held_back:
        return render("import.report.change_held_back", lang, rows=rows)
    if isinstance(report, ImportReport) and report.written:
        return render("import.report.change_written", lang, rows=rows)
    return render("import.report.change_confirmed", lang, rows=rows)


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
        line("identity_changes", report.identity_changes_total),
        line("held_back", report.held_back),
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


def row_list(rows: Sequence[int], lang: Language = "zh") -> str:
    """Row numbers as a sentence lists them: 5、9 / 5, 9."""
    return ("、" if lang == "zh" else ", ").join(str(row) for row in rows)
