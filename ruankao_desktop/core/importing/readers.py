"""Opening a list file and reading it row by row, without holding it in memory: `.xlsx` through
`workbooks` (openpyxl's read-only streaming mode), `.csv` here, through the csv module in the encoding it
was saved in.

Before anything is parsed, the first bytes say what the file is: an empty file, a PDF or a picture renamed
to .xlsx, a password-protected workbook (an OLE compound file holding the encrypted package), an old .xls
workbook, or random bytes are each refused with a message that says what to do. A CSV file is decoded as
UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030 (a superset of GBK and GB2312), in that order;
the encoding used is reported, and text that decodes but reads as nonsense (a Big5 or Shift-JIS file read
as GB18030) is refused rather than imported as garbage.

Nothing is read past the limits of `limits.ReadLimits`: the file's size first, a workbook's zip directory
and shared strings before openpyxl opens it, a sheet's declared size and row numbers before it streams, a
CSV file's line lengths and line count while it is fingerprinted, and every row's width and cell lengths as
it passes. A damaged workbook (a bad CRC, broken XML, a cell naming a shared string that is not there) is
refused with a message too, wherever in the file the damage is found.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.columns import HEADER_SCAN_ROWS
from ruankao_desktop.core.importing.limits import (
    LIMITS,
    LineMeter,
    ReadLimits,
    cell_too_long,
    check_file_size,
    too_many_columns,
)
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
from ruankao_desktop.core.importing.workbooks import open_xlsx

__all__ = ["CellError", "Formula", "Row", "SourceInfo", "Table", "file_fingerprint", "open_table"]

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


def open_table(path: Path, *, sheet: str | None = None, limits: ReadLimits = LIMITS) -> Table:
    """Open `path` as a list and find its header. Raises `KnownError` for anything that is not a readable
    list or is past `limits`, with the reason and what to do."""
    path = Path(path)
    kind, _ = open_table_file(path, limits)
    if kind == "xlsx":
        return open_xlsx(path, sheet, limits)
    return _open_csv(path, limits)


def open_table_file(path: Path, limits: ReadLimits) -> tuple[str, bytes]:
    """What kind of list `path` holds ("xlsx" or "csv") and its first bytes; `KnownError` for a file
    that is missing, empty, unreadable, past the size limit, or not a list at all (an old .xls, a PDF,
    an image…)."""
    if not path.is_file():
        raise KnownError("import.file_missing", path=str(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
            size = handle.seek(0, 2)
    except OSError as exc:
        raise KnownError("import.file_unreadable", file=path.name, reason=exc.strerror or str(exc)) from exc
    if not head.strip():
        raise KnownError("import.file_empty", file=path.name)
    suffix = path.suffix.lower()
    if head.startswith(_OLE_MAGIC):
        raise _ole_problem(path, suffix)
    check_file_size(path, size, limits)
    if head.startswith(_ZIP_MAGIC):
        return "xlsx", head
    for magic, kind in _KNOWN_FORMATS:
        if head.startswith(magic):
            raise KnownError("import.not_spreadsheet_kind", file=path.name, kind=kind)
    if suffix in _XLSX_SUFFIXES:
        raise KnownError("import.not_spreadsheet", file=path.name)
    if suffix not in _CSV_SUFFIXES:
        raise KnownError("import.unsupported_type", file=path.name, suffix=suffix or "—")
    if _looks_binary(head):
        raise KnownError("import.not_spreadsheet", file=path.name)
    return "csv", head


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


def survey_csv(path: Path, head: bytes, limits: ReadLimits = LIMITS) -> _Survey:
    """The file's fingerprint, size and line count, and the first encoding of UTF-8 with BOM, UTF-16
    with BOM, UTF-8, GB18030 that decodes all of it strictly (`KnownError` when none does, or when a
    line or the line count is past `limits`). One pass over the file for the usual case, in chunks:
    nothing is kept."""
    if head.startswith(codecs.BOM_UTF8):
        candidates: tuple[_Encoding, ...] = (_UTF8_BOM,)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = (_UTF16,)
    else:
        candidates = (_UTF8, _GB18030)
    digest = hashlib.sha256()
    size = 0
    decoder = codecs.getincrementaldecoder(candidates[0].codec)(errors="strict")
    decodes = True
    meter = LineMeter(path, limits)
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            meter.measure(chunk)
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
    survey = _Survey(candidates[0], digest.hexdigest(), size, meter.lines + 1)
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


def delimiter_of(sample: str) -> str:
    """Comma, unless the first lines hold more tabs or semicolons (Excel's "Unicode text" uses tabs)."""
    lines = [line for line in sample.splitlines()[:HEADER_SCAN_ROWS] if line.strip()]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _open_csv(path: Path, limits: ReadLimits) -> Table:
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    survey = survey_csv(path, head, limits)
    encoding = survey.encoding
    handle_text = open(path, encoding=encoding.codec, newline="")  # noqa: SIM115 (closed by the Table)
    try:
        sample = handle_text.read(_SNIFF_BYTES)
        handle_text.seek(0)
        records = _csv_records(csv.reader(handle_text, delimiter=delimiter_of(sample)), path, limits)
        header = find_header(records)
        if header is None:
            if encoding is _GB18030 and looks_garbled(sample):
                raise KnownError("import.csv_garbled", file=path.name, encoding=encoding.label)
            raise KnownError("import.header_not_found", file=path.name, rows=HEADER_SCAN_ROWS)
    except BaseException:
        handle_text.close()
        raise
    info = SourceInfo(path, "csv", survey.sha256, survey.size, encoding.label, None, header, survey.lines)
    return Table(info, non_blank(records), handle_text)


def _csv_records(reader: Iterator[list[str]], path: Path, limits: ReadLimits) -> Iterator[Row]:
    """The records numbered as Excel numbers them (a record with a line break inside a quoted cell is
    still one row), each checked against the column and cell limits."""
    columns, cell_chars = limits.columns, limits.cell_chars
    try:
        for number, cells in enumerate(reader, start=1):
            if len(cells) > columns:
                raise too_many_columns(path, len(cells), limits)
            if cells and max(map(len, cells)) > cell_chars:
                raise cell_too_long(path, number, max(map(len, cells)), limits)
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
