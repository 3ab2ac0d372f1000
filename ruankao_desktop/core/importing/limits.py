"""How large a list file may be, and the checks that refuse a larger one before it is read.

A workbook is a zip archive of XML parts, and openpyxl keeps every shared string in memory and pads every
row to the sheet's declared width: an 827 KB file can unpack to gigabytes. So a workbook's zip directory is
checked first (the number of parts, their sizes packed and unpacked, each part's compression ratio), then
the shared strings (the count `sharedStrings.xml` declares, then the `<si>` elements it holds, counted while
it is unpacked in chunks and nothing kept); the sheet's rows, columns and cells are checked as they stream.
A CSV file's size, line length and row count are checked in the same pass that fingerprints it.

The limits are generous for real official lists (at most about 1,000,000 rows of about 15 columns; such a
CSV is about 150 MB) and documented in README "Import size limits".
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError, fromstring

from ruankao_desktop.core.errors import KnownError

_MB = 1 << 20
_CHUNK = 1 << 20
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_ZIP64_EOCD_SIGNATURE = b"PK\x06\x06"
_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_BYTES = _MB  # a list of a few dozen parts; far more is not a workbook
_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_DECLARED = re.compile(rb'\s(?:count|uniqueCount)="(\d+)"')
# A shared string is an <si> element, with or without a namespace prefix.
_STRING_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_TAG_ROOM = 64  # longer than any <si> start tag: a '<' further back than this does not start one
# What zipfile and zlib raise for a damaged archive: a bad CRC, a truncated or garbled part, a compression
# method or encryption it cannot read (RuntimeError: "File is encrypted").
DAMAGED_ARCHIVE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    NotImplementedError,
    RuntimeError,
    EOFError,
    ValueError,
    OSError,
)


@dataclass(frozen=True)
class ReadLimits:
    """The most a list file may hold. Sizes in bytes; `cell_chars` in characters."""

    file_bytes: int = 1024 * _MB  # the file on disk, CSV or workbook
    unpacked_bytes: int = 2048 * _MB  # a workbook's parts unpacked, together
    parts: int = 10_000  # files inside a workbook (a real one has a few dozen)
    ratio: int = 200  # unpacked / packed size of one part …
    ratio_grace_bytes: int = 1 * _MB  # … once it unpacks to more than this
    shared_strings: int = 8_000_000  # distinct texts of a workbook
    shared_strings_bytes: int = 512 * _MB  # sharedStrings.xml unpacked
    rows: int = 1_020_000  # a million rows, with room for titles and notes
    columns: int = 1_000
    cell_chars: int = 32_767  # Excel's own limit for one cell
    line_bytes: int = 1 * _MB  # one line of a CSV file
    merged_ranges: int = 1_000_000


LIMITS = ReadLimits()


def size_text(size: int) -> str:
    """A size as messages show it: "827 KB", "3.5 MB", "1,024 MB"."""
    if size < _MB:
        return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} B"
    megabytes = size / _MB
    return f"{megabytes:,.1f} MB" if megabytes < 10 else f"{megabytes:,.0f} MB"


def check_file_size(path: Path, size: int, limits: ReadLimits) -> None:
    if size > limits.file_bytes:
        raise KnownError(
            "import.file_too_large",
            file=path.name,
            size=size_text(size),
            limit=size_text(limits.file_bytes),
        )


def check_workbook(path: Path, limits: ReadLimits) -> None:
    """Refuse a workbook past `limits` by its zip directory and its shared strings, before openpyxl reads
    any of it; `KnownError` also for an archive too damaged to list."""
    parts = _declared_parts(path)
    if parts > limits.parts:
        raise KnownError("import.xlsx_too_many_parts", file=path.name, parts=parts, limit=limits.parts)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(path, members, limits)
            for part in _shared_strings_parts(path, archive):
                _check_shared_strings(path, archive, part, limits)
    except (*DAMAGED_ARCHIVE, ParseError, KeyError) as exc:
        raise KnownError("import.xlsx_damaged", file=path.name) from exc


def _shared_strings_parts(path: Path, archive: zipfile.ZipFile) -> list[str]:
    """The parts [Content_Types].xml names as shared strings (openpyxl reads the strings from there, so a
    workbook cannot hide them under another name)."""
    try:
        info = archive.getinfo(_CONTENT_TYPES)
    except KeyError:
        return []
    if info.file_size > _CONTENT_TYPES_BYTES:
        raise KnownError("import.xlsx_damaged", file=path.name)
    types = fromstring(archive.read(info))
    return [
        str(override.get("PartName", "")).lstrip("/")
        for override in types
        if override.get("ContentType") == _SHARED_STRINGS_TYPE
    ]


def _declared_parts(path: Path) -> int:
    """The number of parts the archive's end record declares, read without listing them (a directory of
    millions of entries would take seconds and gigabytes to list). 0 when there is no end record: zipfile
    then refuses the archive itself."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        start = max(0, size - _EOCD.size - 0xFFFF)
        handle.seek(start)
        tail = handle.read()
        at = tail.rfind(_EOCD_SIGNATURE)
        if at < 0 or at + _EOCD.size > len(tail):
            return 0
        entries = _EOCD.unpack_from(tail, at)[4]
        locator = at - _ZIP64_LOCATOR.size
        if entries != 0xFFFF or locator < 0 or tail[locator : locator + 4] != _ZIP64_LOCATOR_SIGNATURE:
            return int(entries)
        handle.seek(_ZIP64_LOCATOR.unpack_from(tail, locator)[2])
        record = handle.read(_ZIP64_EOCD.size)
        if len(record) < _ZIP64_EOCD.size or not record.startswith(_ZIP64_EOCD_SIGNATURE):
            return 0
        return int(_ZIP64_EOCD.unpack(record)[6])


def _check_sizes(path: Path, members: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    # zipfile never hands out more than a part's declared size (more fails its CRC check), so the declared
    # sizes bound what reading the workbook can unpack.
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.unpacked_bytes:
        raise KnownError(
            "import.xlsx_too_large_unpacked",
            file=path.name,
            size=size_text(unpacked),
            limit=size_text(limits.unpacked_bytes),
        )
    for member in members:
        if member.file_size <= limits.ratio_grace_bytes:
            continue
        if member.file_size > limits.ratio * max(member.compress_size, 1):
            raise KnownError(
                "import.xlsx_bomb",
                file=path.name,
                part=member.filename,
                ratio=member.file_size // max(member.compress_size, 1),
                limit=limits.ratio,
            )


def _check_shared_strings(path: Path, archive: zipfile.ZipFile, part: str, limits: ReadLimits) -> None:
    size = archive.getinfo(part).file_size
    if size > limits.shared_strings_bytes:
        raise KnownError(
            "import.xlsx_strings_too_long",
            file=path.name,
            size=size_text(size),
            limit=size_text(limits.shared_strings_bytes),
        )
    with archive.open(part) as stream:
        first = stream.read(_CHUNK)
        opening = first[: first.find(b">") + 1]
        declared = max((int(found) for found in _DECLARED.findall(opening)), default=0)
        if declared > limits.shared_strings:
            raise _too_many_strings(path, declared, limits)
        counted, carry, chunk = 0, b"", first
        while chunk:
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut < 0 or len(data) - cut > _TAG_ROOM:
                cut = len(data)
            counted += len(_STRING_TAG.findall(data, 0, cut))
            if counted > limits.shared_strings:
                raise _too_many_strings(path, counted, limits)
            carry = data[cut:]
            chunk = stream.read(_CHUNK)
        counted += len(_STRING_TAG.findall(carry))
        if counted > limits.shared_strings:
            raise _too_many_strings(path, counted, limits)


def _too_many_strings(path: Path, count: int, limits: ReadLimits) -> KnownError:
    return KnownError(
        "import.xlsx_too_many_strings", file=path.name, count=f"{count:,}", limit=f"{limits.shared_strings:,}"
    )


class LineMeter:
    """Counts the lines of a file fed in chunks and refuses one longer than `limits.line_bytes`, or more
    lines than `limits.rows`, as soon as it is seen: a 10 MB file of one line is refused after 1 MB."""

    def __init__(self, path: Path, limits: ReadLimits) -> None:
        self._path = path
        self._limits = limits
        self.lines = 0  # line breaks seen
        self._open = 0  # bytes since the last line break

    def measure(self, chunk: bytes) -> None:
        breaks = chunk.count(b"\n")
        if not breaks:
            self._open += len(chunk)
            self._check(self._open)
            return
        first = chunk.find(b"\n")
        self._check(self._open + first)
        last = chunk.rfind(b"\n")
        # A line inside the chunk is shorter than the chunk: only look when the chunk is past the limit.
        if len(chunk) > self._limits.line_bytes:
            for index, line in enumerate(chunk[first + 1 : last].split(b"\n"), start=1):
                if len(line) > self._limits.line_bytes:
                    self.lines += index
                    self._check(len(line))
        self.lines += breaks
        if self.lines > self._limits.rows:
            raise too_many_rows(self._path, self.lines, self._limits)
        self._open = len(chunk) - last - 1

    def _check(self, length: int) -> None:
        if length > self._limits.line_bytes:
            raise KnownError(
                "import.line_too_long",
                file=self._path.name,
                line=f"{self.lines + 1:,}",
                limit=size_text(self._limits.line_bytes),
            )


def too_many_columns(path: Path, columns: int, limits: ReadLimits) -> KnownError:
    return KnownError(
        "import.too_many_columns", file=path.name, columns=f"{columns:,}", limit=f"{limits.columns:,}"
    )


def too_many_rows(path: Path, rows: int, limits: ReadLimits) -> KnownError:
    return KnownError("import.too_many_rows", file=path.name, rows=f"{rows:,}", limit=f"{limits.rows:,}")


def cell_too_long(path: Path, row: int, length: int, limits: ReadLimits) -> KnownError:
    return KnownError(
        "import.cell_too_long",
        file=path.name,
        row=f"{row:,}",
        length=f"{length:,}",
        limit=f"{limits.cell_chars:,}",
    )
