"""Writing a table to .xlsx (openpyxl write-only, streamed) or .csv (UTF-8 with BOM, so Excel opens it
with the right characters), chosen by the file name.

The file appears whole or not at all: rows go to a temporary file beside the target, which replaces the
target only when complete. A text that starts like a formula (=, +, -, @) is written as text, so a value
typed at the desk can never run as a formula in the spreadsheet of whoever opens the file.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from ruankao_desktop.core.errors import KnownError, UsageError

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60


class TableFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def table_format(path: Path) -> TableFormat:
    """The format a file name asks for; `UsageError` for anything but .xlsx and .csv."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in {f.value for f in TableFormat}:
        raise UsageError("export.bad_format", file=path.name)
    return TableFormat(suffix)


@dataclass(frozen=True)
class Sheet:
    """One table: a title (the sheet's name in xlsx), its header and its rows (any iterable: streamed)."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_tables(path: Path, sheets: Sequence[Sheet]) -> int:
    """Write `sheets` to `path` (xlsx: one sheet each; csv: the first only). Returns the rows written in
    the first sheet. Raises `KnownError` when the folder is missing or the file cannot be written."""
    path = Path(path).expanduser()
    kind = table_format(path)
    folder = path.absolute().parent
    if not folder.is_dir():
        raise KnownError("export.folder_missing", folder=str(folder))
    descriptor, temporary = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=folder)
    os.close(descriptor)
    try:
        count = (
            _write_xlsx(Path(temporary), sheets)
            if kind is TableFormat.XLSX
            else _write_csv(Path(temporary), sheets[0])
        )
        os.replace(temporary, path)
    except OSError as exc:
        raise KnownError("export.write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return count


def _write_csv(path: Path, sheet: Sheet) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(sheet.headers)
        for row in sheet.rows:
            writer.writerow([_csv_cell(value) for value in row])
            count += 1
    return count


def _csv_cell(value: Any) -> Any:
    value = _text(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_xlsx(path: Path, sheets: Sequence[Sheet]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    first_count = 0
    bold = Font(bold=True)
    try:
        for position, sheet in enumerate(sheets):
            worksheet = workbook.create_sheet(_sheet_title(sheet.title))
            for column, header in enumerate(sheet.headers, start=1):
                width = min(max(12, 2 * len(header) + 4), _MAX_WIDTH)
                worksheet.column_dimensions[get_column_letter(column)].width = width
            worksheet.freeze_panes = "A2"
            header_cells = []
            for header in sheet.headers:
                cell = WriteOnlyCell(worksheet, value=header)
                cell.font = bold
                header_cells.append(cell)
            worksheet.append(header_cells)
            count = 0
            for row in sheet.rows:
                cells: list[Any] = []
                for raw in row:
                    value = _text(raw)
                    if isinstance(value, str) and value.startswith("="):
                        text_cell = WriteOnlyCell(worksheet, value=value)
                        text_cell.data_type = "s"  # written as text, never run as a formula
                        cells.append(text_cell)
                    else:
                        cells.append(value)
                worksheet.append(cells)
                count += 1
            if position == 0:
                first_count = count
    except BaseException:
        # Finish the half-written sheets' streams now, while their files are open; the temporary
        # workbook is discarded by the caller.
        for worksheet in workbook.worksheets:
            with contextlib.suppress(Exception):
                worksheet.close()
        raise
    workbook.save(str(path))
    return first_count


def _sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "Sheet"
