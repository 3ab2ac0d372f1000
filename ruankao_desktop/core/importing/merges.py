"""Merged cells in a streamed worksheet.

Official lists merge a cell over the rows of a group (one 考试批次 or 资格名称 for many people); only the
top cell holds the value. openpyxl's read-only mode does not report merges, and the sheet XML lists them
after the rows, so the ranges are found first by scanning the sheet's XML (decompressed in chunks, nothing
kept but the ranges), and the rows below the top cell get its value as they stream past. The same pass
notes the highest row number, which the row limit needs before openpyxl pads the sheet with empty rows.

Only vertical filling is done: a title or header merged across columns is one cell, not several.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

_CHUNK = 1 << 20
_OVERLAP = 256
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Za-z]+\d+:[A-Za-z]+\d+)"')
_ROW_WINDOW = 64 * 1024
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d{1,12})"')


@dataclass(frozen=True)
class MergedRange:
    min_row: int
    max_row: int
    column: int  # 1-based: the column of the top-left cell, the one whose value fills down


@dataclass(frozen=True)
class SheetScan:
    """What one pass over a sheet's XML found: the ranges merged over more than one row (sorted by their
    top row; at most `merged_limit` + 1 of them, `too_many_merged` when there were more) and the highest
    row number the rows declare, so that a sheet of a million empty rows is known before it streams."""

    merges: list[MergedRange]
    last_row: int
    too_many_merged: bool


def scan_sheet(archive: zipfile.ZipFile, sheet_part: str, *, merged_limit: int) -> SheetScan:
    """Scan the sheet part `sheet_part` of the open xlsx `archive` for merged ranges and the last row
    number. Raises what zipfile raises for a damaged archive."""
    from openpyxl.utils.cell import range_boundaries  # on first use: the window starts without openpyxl

    found: list[MergedRange] = []
    last_row = 0
    tail = b""
    try:
        with archive.open(sheet_part) as stream:
            while chunk := stream.read(_CHUNK):
                data = tail + chunk
                last_end = 0
                for match in _MERGE.finditer(data):
                    min_col, min_row, _, max_row = range_boundaries(match[1].decode("ascii"))
                    if max_row > min_row:
                        found.append(MergedRange(min_row, max_row, min_col))
                    last_end = match.end()
                if len(found) > merged_limit:
                    return SheetScan(found, last_row, too_many_merged=True)
                last_row = max(last_row, _last_row_number(data))
                tail = data[max(last_end, len(data) - _OVERLAP) :]
    except KeyError:
        return SheetScan([], 0, too_many_merged=False)
    return SheetScan(sorted(found, key=lambda r: r.min_row), last_row, too_many_merged=False)


def _last_row_number(data: bytes) -> int:
    """The number of the last row element in `data` (rows come in ascending order), looked for near the
    end first: finding every row of a million-row sheet would cost more than the rest of the scan."""
    window = len(data) - _ROW_WINDOW
    numbers = _ROW.findall(data, max(window, 0))
    if not numbers and window > 0:
        numbers = _ROW.findall(data)
    return int(numbers[-1]) if numbers else 0


class MergeFiller:
    """Fills the cells below the top of each merged range with the top cell's value, row by row."""

    def __init__(self, ranges: Sequence[MergedRange]) -> None:
        self._pending = list(reversed(ranges))  # popped from the end, lowest min_row first
        self._active: list[tuple[MergedRange, object]] = []

    def fill(self, number: int, values: list[object]) -> list[object]:
        if not self._pending and not self._active:
            return values
        while self._pending and self._pending[-1].min_row <= number:
            merged = self._pending.pop()
            if merged.min_row == number:
                index = merged.column - 1
                self._active.append((merged, values[index] if index < len(values) else None))
        still: list[tuple[MergedRange, object]] = []
        for merged, value in self._active:
            if merged.min_row < number <= merged.max_row:
                index = merged.column - 1
                if index >= len(values):
                    values.extend([None] * (index + 1 - len(values)))
                values[index] = value
            if number < merged.max_row:
                still.append((merged, value))
        self._active = still
        return values
