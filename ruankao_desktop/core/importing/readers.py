"""Reading a list file row by row, without holding it in memory: `.xlsx` through openpyxl's read-only
streaming mode, `.csv` through the csv module in the encoding it was saved in.

Before anything is parsed, the first bytes say what the file is: an empty file, a PDF or a picture renamed
to .xlsx, a password-protected workbook (an OLE compound file holding the encrypted package), an old .xls
workbook, or random bytes are each refused with a message that says what to do. A CSV file is decoded as
UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030 (a superset of GBK and GB2312), in that order;
the encoding used is reported, and text that decodes but reads as nonsense (a Big5 or Shift-JIS file read
as GB18030) is refused rather than imported as garbage.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.columns import HEADER_SCAN_ROWS, HeaderMap, build_header, is_header
from ruankao_desktop.core.importing.merges import MergeFiller, read_merged_ranges

_CHUNK = 1 << 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 64 * 1024
_CSV_SUFFIXES = frozenset({".csv", ".txt"})
_XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
# Magic numbers of files people pick by mistake, so that the message can say what the file is.
_KNOWN_FORMATS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7z"),
    (b"{\\rtf", "RTF"),
)
# Printable text has no NUL and few other C0 controls; random bytes have plenty.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]")
_GARBLED_SHARE = 0.2
_MIN_GARBLE_SAMPLE = 8


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


def open_table(path: Path, *, sheet: str | None = None) -> Table:
    """Open `path` as a list and find its header. Raises `KnownError` for anything that is not a readable
    list, with the reason and what to do."""
    path = Path(path)
    if not path.is_file():
        raise KnownError("import.file_missing", path=str(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise KnownError("import.file_unreadable", file=path.name, reason=exc.strerror or str(exc)) from exc
    if not head.strip():
        raise KnownError("import.file_empty", file=path.name)
    suffix = path.suffix.lower()
    if head.startswith(_OLE_MAGIC):
        raise _ole_problem(path, suffix)
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(path, sheet)
    for magic, kind in _KNOWN_FORMATS:
        if head.startswith(magic):
            raise KnownError("import.not_spreadsheet_kind", file=path.name, kind=kind)
    if suffix in _XLSX_SUFFIXES:
        raise KnownError("import.not_spreadsheet", file=path.name)
    if suffix not in _CSV_SUFFIXES:
        raise KnownError("import.unsupported_type", file=path.name, suffix=suffix or "—")
    if _looks_binary(head):
        raise KnownError("import.not_spreadsheet", file=path.name)
    return _open_csv(path)


def _ole_problem(path: Path, suffix: str) -> KnownError:
    """An OLE compound file is either an encrypted xlsx (Office wraps the encrypted package in one) or a
    legacy .xls workbook. The directory names its streams in UTF-16."""
    with path.open("rb") as handle:
        data = handle.read(_SNIFF_BYTES * 4)
    encrypted = "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data
    legacy = "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data
    if encrypted or (suffix in _XLSX_SUFFIXES and not legacy):
        return KnownError("import.encrypted", file=path.name)
    return KnownError("import.legacy_xls", file=path.name)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head or len(_CONTROL.findall(head)) > len(head) // 100


# ---------------------------------------------------------------------------------------------- CSV


@dataclass(frozen=True)
class _Encoding:
    codec: str
    label: str


_UTF8 = _Encoding("utf-8", "UTF-8")
_UTF8_BOM = _Encoding("utf-8-sig", "UTF-8 (BOM)")
_UTF16 = _Encoding("utf-16", "UTF-16")
_GB18030 = _Encoding("gb18030", "GB18030")


@dataclass(frozen=True)
class _Survey:
    encoding: _Encoding
    sha256: str
    size: int
    lines: int


def survey_csv(path: Path, head: bytes) -> _Survey:
    """The file's fingerprint, size and line count, and the first encoding of UTF-8 with BOM, UTF-16
    with BOM, UTF-8, GB18030 that decodes all of it strictly (`KnownError` when none does). One pass
    over the file for the usual case, in chunks: nothing is kept."""
    if head.startswith(codecs.BOM_UTF8):
        candidates: tuple[_Encoding, ...] = (_UTF8_BOM,)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = (_UTF16,)
    else:
        candidates = (_UTF8, _GB18030)
    digest = hashlib.sha256()
    size = lines = 0
    decoder = codecs.getincrementaldecoder(candidates[0].codec)(errors="strict")
    decodes = True
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
            if decodes:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    decodes = False
    if decodes:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            decodes = False
    survey = _Survey(candidates[0], digest.hexdigest(), size, lines + 1)
    if decodes:
        return survey
    for encoding in candidates[1:]:
        if _decodes(path, encoding.codec):
            return _Survey(encoding, survey.sha256, size, survey.lines)
    raise KnownError("import.csv_undecodable", file=path.name)


def _decodes(path: Path, codec: str) -> bool:
    """Whether the whole file decodes strictly in `codec` (read in chunks, nothing kept)."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _delimiter(sample: str) -> str:
    """Comma, unless the first lines hold more tabs or semicolons (Excel's "Unicode text" uses tabs)."""
    lines = [line for line in sample.splitlines()[:HEADER_SCAN_ROWS] if line.strip()]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _open_csv(path: Path) -> Table:
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    survey = survey_csv(path, head)
    encoding = survey.encoding
    handle_text = open(path, encoding=encoding.codec, newline="")  # noqa: SIM115 (closed by the Table)
    try:
        sample = handle_text.read(_SNIFF_BYTES)
        handle_text.seek(0)
        reader = csv.reader(handle_text, delimiter=_delimiter(sample))
        header = _find_header(enumerate(reader, start=1))
        if header is None:
            if encoding is _GB18030 and looks_garbled(sample):
                raise KnownError("import.csv_garbled", file=path.name, encoding=encoding.label)
            raise KnownError("import.header_not_found", file=path.name, rows=HEADER_SCAN_ROWS)
    except csv.Error as exc:
        handle_text.close()
        raise KnownError("import.csv_broken", file=path.name, reason=str(exc)) from exc
    except BaseException:
        handle_text.close()
        raise
    info = SourceInfo(path, "csv", survey.sha256, survey.size, encoding.label, None, header, survey.lines)
    return Table(info, _csv_rows(reader, header.row, path), handle_text)


def _csv_rows(reader: Iterator[list[str]], header_row: int, path: Path) -> Iterator[Row]:
    """The records after the header, numbered as Excel numbers them (a record with a line break inside
    a quoted cell is still one row); records of empty cells only are skipped."""
    number = header_row
    try:
        for cells in reader:
            number += 1
            if any(cells):
                yield number, cells
    except csv.Error as exc:
        raise KnownError("import.csv_broken", file=path.name, reason=str(exc)) from exc


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The 6,763 characters of GB 2312: everyday Chinese text is nearly all drawn from them."""
    chars = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def looks_garbled(text: str) -> bool:
    """True when most non-ASCII characters are neither common hanzi nor CJK punctuation: what a file in
    another encoding (Big5, Shift-JIS …) looks like when read as GB18030."""
    common = _common_hanzi()
    foreign = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if len(foreign) < _MIN_GARBLE_SAMPLE:
        return False
    odd = sum(
        1
        for c in foreign
        if c not in common and not 0x3000 <= ord(c) <= 0x303F and not 0xFF00 <= ord(c) <= 0xFFEF
    )
    return odd / len(foreign) > _GARBLED_SHARE


def _find_header(rows: Iterator[tuple[int, Sequence[object]]]) -> HeaderMap | None:
    """Read up to HEADER_SCAN_ROWS rows looking for the header; the iterator is left after it."""
    for number, cells in rows:
        if is_header(cells):
            return build_header(number, cells)
        if number >= HEADER_SCAN_ROWS:
            break
    return None


# --------------------------------------------------------------------------------------------- xlsx


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    sha256, size = file_fingerprint(path)
    handle = path.open("rb")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not read; none matter for values.
            warnings.simplefilter("ignore")
            workbook = load_workbook(handle, read_only=True, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        handle.close()
        raise KnownError("import.not_spreadsheet", file=path.name) from exc
    try:
        return _open_sheet(path, workbook, handle, wanted=sheet, sha256=sha256, size=size)
    except BaseException:
        workbook.close()
        handle.close()
        raise


class _WorkbookCloser:
    def __init__(self, workbook: Any, handle: IO[bytes]) -> None:
        self._workbook = workbook
        self._handle = handle

    def close(self) -> None:
        self._workbook.close()
        self._handle.close()


def _open_sheet(
    path: Path, workbook: Any, handle: IO[bytes], *, wanted: str | None, sha256: str, size: int
) -> Table:
    sheets = list(workbook.worksheets)
    if wanted is not None:
        chosen = [ws for ws in sheets if ws.title == wanted]
        if not chosen:
            names = "、".join(ws.title for ws in sheets)
            raise KnownError("import.sheet_missing", file=path.name, sheet=wanted, sheets=names)
        sheets = chosen
    for worksheet in sheets:
        merges = read_merged_ranges(path, getattr(worksheet, "_worksheet_path", None))
        rows = _sheet_rows(worksheet, MergeFiller(merges))
        header = _find_header(rows)
        if header is not None:
            estimate = worksheet.max_row if isinstance(worksheet.max_row, int) else None
            info = SourceInfo(path, "xlsx", sha256, size, None, worksheet.title, header, estimate)
            return Table(info, _non_blank(rows), _WorkbookCloser(workbook, handle))
    if wanted is None and all(_sheet_is_empty(ws) for ws in workbook.worksheets):
        raise KnownError("import.file_empty", file=path.name)
    raise KnownError("import.header_not_found", file=path.name, rows=HEADER_SCAN_ROWS)


def _sheet_is_empty(worksheet: Any) -> bool:
    for row in worksheet.iter_rows(values_only=True):
        if any(value is not None and value != "" for value in row):
            return False
    return True


def _non_blank(rows: Iterator[Row]) -> Iterator[Row]:
    for number, cells in rows:
        if any(cell is not None and cell != "" for cell in cells):
            yield number, cells


def _sheet_rows(worksheet: Any, filler: MergeFiller) -> Iterator[Row]:
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        values = [_cell_value(cell) for cell in cells]
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
