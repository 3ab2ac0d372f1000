"""A list of 证书编号 in a file: an arrival list from the exam office, or numbers a clerk typed; and the
list of new certificates that came for reissue applications (`read_new_numbers`).

A CSV or text file, in the encodings official lists come in (UTF-8 with or without BOM, UTF-16,
GB18030), or an Excel workbook (its first sheet): when a row above the numbers names a 证书编号 column
(证书编号 / 证书号 / 证书号码), the numbers are that column's cells below it; otherwise each row's first
non-empty cell that looks like a number (no Chinese in it), so that a title row or a header in other words
is passed over. Blank rows and cells are skipped; the numbers come as written (the service normalises
them). The file's size and shape are checked against the import's limits first, and a file that is not a
list (a PDF, an image, an old .xls) is refused with the import's messages.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.limits import LIMITS, ReadLimits
from ruankao_desktop.core.importing.readers import delimiter_of, open_table_file, survey_csv
from ruankao_desktop.core.importing.workbooks import first_sheet_rows

HEADERS = frozenset({"证书编号", "证书号", "证书号码"})
# The list of new certificates: each row names its application (by 受理编号, or by the old certificate's
# number) and the new certificate's number, under these headers.
TRACKING_HEADERS = frozenset({"受理编号", "申请编号"})
OLD_NUMBER_HEADERS = frozenset({"原证书编号", "旧证书编号", "原证书号"})
NEW_NUMBER_HEADERS = frozenset({"新证书编号", "新证书号", "新证号"})
_CHINESE = re.compile(r"[\u3400-\u9fff]")
_SAMPLE = 64 * 1024  # characters the delimiter is guessed from
T = TypeVar("T")


@dataclass(frozen=True)
class ListedNumber:
    """A row of the list of new certificates: its line in the file, the application it names (a 受理编号,
    or the old certificate's number when `by_old_number`) and the new certificate's number, as written."""

    line: int
    key: str
    new_cert_no: str
    by_old_number: bool


def read_numbers(path: Path, *, limits: ReadLimits = LIMITS) -> list[str]:
    """The numbers of the list in `path` (see the module's docstring); `KnownError` for a file that
    cannot be read as a list."""
    return _read(path, limits, _numbers)


def read_new_numbers(path: Path, *, limits: ReadLimits = LIMITS) -> list[ListedNumber]:
    """The rows of a list of new certificates: a header row naming 受理编号 (or 原证书编号) and 新证书编号,
    then a row per certificate (blank rows skipped). `KnownError` for a file that cannot be read as a
    list, or whose header does not name both columns."""
    return _read(path, limits, _new_numbers)


def _read(
    path: Path, limits: ReadLimits, rows_to: Callable[[Iterable[Sequence[object]]], Iterator[T]]
) -> list[T]:
    kind, head = open_table_file(path, limits)
    if kind == "xlsx":
        return list(rows_to(first_sheet_rows(path, limits)))
    survey = survey_csv(path, head, limits)
    text = path.read_text(encoding=survey.encoding.codec)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text[:_SAMPLE]))
    try:
        return list(rows_to(rows))
    except csv.Error as exc:
        raise KnownError("import.csv_broken", file=path.name, reason=str(exc)) from exc


def _cells(row: Sequence[object]) -> list[str]:
    return ["" if cell is None else str(cell).strip() for cell in row]


def _new_numbers(rows: Iterable[Sequence[object]]) -> Iterator[ListedNumber]:
    columns: tuple[int | None, int | None, int] | None = None  # 受理编号's, 原证书编号's, 新证书编号's
    for line, row in enumerate(rows, start=1):
        cells = _cells(row)
        if columns is None:
            columns = _new_number_columns(cells)
            continue
        tracking, old, new = (_cell(cells, at) for at in columns)
        if tracking or old or new:
            # A row names its application by 受理编号, or else by the old certificate's number.
            yield ListedNumber(line, tracking or old, new, by_old_number=not tracking and bool(old))
    if columns is None:
        raise KnownError("reissue.list_headers")


def _cell(cells: list[str], at: int | None) -> str:
    return cells[at] if at is not None and at < len(cells) else ""


def _new_number_columns(cells: list[str]) -> tuple[int | None, int | None, int] | None:
    """Where the header row `cells` names the application (受理编号, 原证书编号 or both) and the new
    number; None for a row above it."""
    new = next((i for i, cell in enumerate(cells) if cell in NEW_NUMBER_HEADERS), None)
    tracking = next((i for i, cell in enumerate(cells) if cell in TRACKING_HEADERS), None)
    old = next((i for i, cell in enumerate(cells) if cell in OLD_NUMBER_HEADERS), None)
    if new is None or (tracking is None and old is None):
        return None
    return tracking, old, new


def _numbers(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    column: int | None = None
    for row in rows:
        cells = _cells(row)
        named = [index for index, cell in enumerate(cells) if cell in HEADERS]
        if named:
            column = named[0]
            continue
        if column is not None:
            if column < len(cells) and cells[column]:
                yield cells[column]
            continue
        first = next((cell for cell in cells if cell), None)
        if first is not None and not _CHINESE.search(first):
            yield first
