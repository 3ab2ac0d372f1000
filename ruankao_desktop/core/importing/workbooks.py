"""Reading an `.xlsx` list row by row through openpyxl's read-only streaming mode, within the limits.

Before openpyxl opens the workbook, `limits.check_workbook` has checked the zip directory and the shared
strings, and every XML part is scanned (`merges.scan_sheet`) for merged ranges and row numbers: openpyxl
parses a whole sheet that declares no dimension when it opens it, and pads every row up to the dimension it
declares. Each sheet's dimension is checked, then its rows, their width and their cells as they stream.
Whatever openpyxl or zipfile raises for a damaged workbook (a bad CRC, broken XML, a cell naming a shared
string that is not there, a missing part) is turned into a message, wherever in the file it is found.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.columns import HEADER_SCAN_ROWS
from ruankao_desktop.core.importing.limits import (
    DAMAGED_ARCHIVE,
    ReadLimits,
    cell_too_long,
    check_workbook,
    too_many_columns,
    too_many_rows,
)
from ruankao_desktop.core.importing.merges import MergedRange, MergeFiller, SheetScan, scan_sheet
from ruankao_desktop.core.importing.sources import (
    CellError,
    Formula,
    Row,
    SourceInfo,
    Table,
    file_fingerprint,
    find_header,
    non_blank,
)

# What openpyxl raises for a workbook whose parts are broken inside: XML that does not parse, a cell naming
# a shared string that is not there or a number that is not one, a reference to a part that is missing.
_DAMAGED_WORKBOOK = (*DAMAGED_ARCHIVE, ParseError, IndexError, KeyError, TypeError, AttributeError)


def open_xlsx(path: Path, sheet: str | None, limits: ReadLimits) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook(path, limits)
    scans = _scan_parts(path, limits)
    sha256, size = file_fingerprint(path)
    handle = path.open("rb")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not read; none matter for values.
            warnings.simplefilter("ignore")
            workbook = load_workbook(handle, read_only=True, data_only=False, keep_links=False)
    except (InvalidFileException, *_DAMAGED_WORKBOOK) as exc:
        handle.close()
        raise _unreadable_workbook(path) from exc
    try:
        return _open_sheet(
            path, workbook, handle, wanted=sheet, sha256=sha256, size=size, limits=limits, scans=scans
        )
    except BaseException:
        workbook.close()
        handle.close()
        raise


def first_sheet_rows(path: Path, limits: ReadLimits) -> list[tuple[object, ...]]:
    """The values of the first sheet's rows, for a list too simple to have an import's header (a
    column of numbers); checked and refused as `open_xlsx` does."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook(path, limits)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
        try:
            return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    except (InvalidFileException, *_DAMAGED_WORKBOOK) as exc:
        raise _unreadable_workbook(path) from exc


def _scan_parts(path: Path, limits: ReadLimits) -> dict[str, SheetScan]:
    """Every XML part scanned for merged ranges and row numbers before openpyxl opens the workbook (which
    parses a whole sheet that declares no dimension): a worksheet may be stored under any name."""
    scans: dict[str, SheetScan] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not name.endswith(".xml") or name.endswith("sharedStrings.xml"):
                    continue
                scan = scans[name] = scan_sheet(archive, name, merged_limit=limits.merged_ranges)
                if scan.too_many_merged:
                    raise KnownError(
                        "import.too_many_merged",
                        file=path.name,
                        count=f"{len(scan.merges):,}",
                        limit=f"{limits.merged_ranges:,}",
                    )
                if scan.last_row > limits.rows:
                    raise too_many_rows(path, scan.last_row, limits)
    except DAMAGED_ARCHIVE as exc:
        raise KnownError("import.xlsx_damaged", file=path.name) from exc
    return scans


def _unreadable_workbook(path: Path) -> KnownError:
    """A zip without the parts every workbook has is something else; with them, a damaged workbook."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    if "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names):
        return KnownError("import.xlsx_damaged", file=path.name)
    return KnownError("import.not_spreadsheet", file=path.name)


class _WorkbookCloser:
    def __init__(self, workbook: Any, handle: IO[bytes]) -> None:
        self._workbook = workbook
        self._handle = handle

    def close(self) -> None:
        self._workbook.close()
        self._handle.close()


def _open_sheet(
    path: Path,
    workbook: Any,
    handle: IO[bytes],
    *,
    wanted: str | None,
    sha256: str,
    size: int,
    limits: ReadLimits,
    scans: dict[str, SheetScan],
) -> Table:
    sheets = list(workbook.worksheets)
    if not sheets:  # every workbook has a sheet: openpyxl leaves out those whose part is missing
        raise KnownError("import.xlsx_damaged", file=path.name)
    if wanted is not None:
        chosen = [ws for ws in sheets if ws.title == wanted]
        if not chosen:
            names = "、".join(ws.title for ws in sheets)
            raise KnownError("import.sheet_missing", file=path.name, sheet=wanted, sheets=names)
        sheets = chosen
    for worksheet in sheets:
        merges = _checked_merges(path, worksheet, limits, scans)
        rows = _sheet_rows(path, worksheet, MergeFiller(merges), limits)
        header = find_header(rows)
        if header is not None:
            estimate = worksheet.max_row if isinstance(worksheet.max_row, int) else None
            info = SourceInfo(path, "xlsx", sha256, size, None, worksheet.title, header, estimate)
            return Table(info, non_blank(rows), _WorkbookCloser(workbook, handle))
    if wanted is None and all(_sheet_is_empty(path, ws, limits) for ws in workbook.worksheets):
        raise KnownError("import.file_empty", file=path.name)
    raise KnownError("import.header_not_found", file=path.name, rows=HEADER_SCAN_ROWS)


def _checked_merges(
    path: Path, worksheet: Any, limits: ReadLimits, scans: dict[str, SheetScan]
) -> list[MergedRange]:
    """The sheet's merged ranges, after refusing a sheet whose declared size (its dimension) is past
    `limits`. A dimension smaller than the rows is dropped, or openpyxl would stop reading at it and the
    rows below would be lost without a word."""
    declared_rows, declared_columns = worksheet.max_row, worksheet.max_column
    if isinstance(declared_columns, int) and declared_columns > limits.columns:
        raise too_many_columns(path, declared_columns, limits)
    if isinstance(declared_rows, int) and declared_rows > limits.rows:
        raise too_many_rows(path, declared_rows, limits)
    scan = scans.get(str(getattr(worksheet, "_worksheet_path", "")).lstrip("/"))
    if scan is None:
        return []
    if isinstance(declared_rows, int) and scan.last_row > declared_rows:
        worksheet.reset_dimensions()
    return scan.merges


def _sheet_is_empty(path: Path, worksheet: Any, limits: ReadLimits) -> bool:
    return not any(True for _ in non_blank(_sheet_rows(path, worksheet, MergeFiller(()), limits)))


def _sheet_rows(path: Path, worksheet: Any, filler: MergeFiller, limits: ReadLimits) -> Iterator[Row]:
    """The sheet's rows, each checked against the row, column and cell limits; damage found on the way
    (broken XML, a missing shared string, a bad CRC at the end of the part) refuses the file."""
    stream = worksheet.iter_rows()
    number = 0
    while True:
        try:
            cells = next(stream)
        except StopIteration:
            return
        except _DAMAGED_WORKBOOK as exc:
            raise KnownError(
                "import.xlsx_sheet_damaged", file=path.name, sheet=worksheet.title, row=f"{number + 1:,}"
            ) from exc
        number += 1
        if number > limits.rows:
            raise too_many_rows(path, number, limits)
        if len(cells) > limits.columns:
            raise too_many_columns(path, len(cells), limits)
        values = [_cell_value(cell) for cell in cells]
        for value in values:
            if type(value) is str and len(value) > limits.cell_chars:
                raise cell_too_long(path, number, len(value), limits)
        yield number, filler.fill(number, values)


def _cell_value(cell: Any) -> object:
    value = cell.value
    if value is None:
        return None
    kind = cell.data_type
    if kind == "f":
        return Formula(str(value))
    if kind == "e":
        return CellError(str(value))
    return value
