"""A list of 证书编号 in a file: an arrival list from the exam office, or numbers a clerk typed.

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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.limits import LIMITS, ReadLimits
from ruankao_desktop.core.importing.readers import delimiter_of, open_table_file, survey_csv
from ruankao_desktop.core.importing.workbooks import first_sheet_rows

HEADERS = frozenset({"证书编号", "证书号", "证书号码"})
_CHINESE = re.compile(r"[\u3400-\u9fff]")
_SAMPLE = 64 * 1024  # characters the delimiter is guessed from


def read_numbers(path: Path, *, limits: ReadLimits = LIMITS) -> list[str]:
    """The numbers of the list in `path` (see the module's docstring); `KnownError` for a file that
    cannot be read as a list."""
    kind, head = open_table_file(path, limits)
    if kind == "xlsx":
        return list(_numbers(first_sheet_rows(path, limits)))
    survey = survey_csv(path, head, limits)
    text = path.read_text(encoding=survey.encoding.codec)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text[:_SAMPLE]))
    try:
        return list(_numbers(rows))
    except csv.Error as exc:
        raise KnownError("import.csv_broken", file=path.name, reason=str(exc)) from exc


def _numbers(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    column: int | None = None
    for row in rows:
        cells = ["" if cell is None else str(cell).strip() for cell in row]
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
