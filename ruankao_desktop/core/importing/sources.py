"""What a list reader hands on: the open list (`Table`: what was read and its rows), the values a cell may
hold besides plain ones (a formula, an error value), and the steps every reader shares (the fingerprint,
finding the header, leaving out blank rows)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal

from ruankao_desktop.core.importing.columns import HEADER_SCAN_ROWS, HeaderMap, build_header, is_header

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula (its text, "=…"): imported values must be plain values."""

    text: str


@dataclass(frozen=True)
class CellError:
    """A cell showing an Excel error value (#N/A, #REF! …)."""

    text: str


@dataclass(frozen=True)
class SourceInfo:
    """What was read: the file, its fingerprint, the encoding (CSV) or sheet (xlsx) used, and the header."""

    path: Path
    kind: Literal["csv", "xlsx"]
    sha256: str
    size: int
    encoding: str | None
    sheet: str | None
    header: HeaderMap
    row_estimate: int | None  # an upper bound of the rows, for a progress bar


Row = tuple[int, Sequence[object]]  # (row number as Excel shows it, cell values)


class Table(AbstractContextManager["Table"]):
    """An open list: `info` and the data rows below the header (blank rows left out)."""

    def __init__(self, info: SourceInfo, rows: Iterator[Row], closer: IO[bytes] | Any) -> None:
        self.info = info
        self._rows = rows
        self._closer = closer

    def rows(self) -> Iterator[Row]:
        """The data rows: (row number as Excel shows it, cells), blank rows left out."""
        return self._rows

    def close(self) -> None:
        self._closer.close()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def file_fingerprint(path: Path) -> tuple[str, int]:
    """(sha256 hex digest, size in bytes), read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def find_header(rows: Iterator[Row]) -> HeaderMap | None:
    """Read up to HEADER_SCAN_ROWS rows looking for the header; the iterator is left after it."""
    for number, cells in rows:
        if is_header(cells):
            return build_header(number, cells)
        if number >= HEADER_SCAN_ROWS:
            break
    return None


def non_blank(rows: Iterator[Row]) -> Iterator[Row]:
    """The rows with at least one cell that is not empty."""
    for number, cells in rows:
        if any(cell is not None and cell != "" for cell in cells):
            yield number, cells
