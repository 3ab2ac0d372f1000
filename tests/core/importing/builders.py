"""List files for the import tests, written the way lists arrive: a title row (merged in a workbook) above
the header, the header names lists use, CSV in the encodings lists come in. People come from the demo
people factory, so every ID number is valid unless a test spoils it on purpose."""

from __future__ import annotations

import csv
import random
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ruankao_desktop.core.services.demo_people import PeopleFactory, Person

TITLE = "2026年上半年计算机技术与软件专业技术资格（水平）考试合格人员名单"
HEADER = ("序号", "姓名", "身份证号码", "证书编号", "管理号", "资格名称", "考试批次", "批准日期")
SESSION = "2026年上半年"
APPROVED = "2026/7/1"
QUALIFICATIONS = ("软件设计师", "网络工程师", "系统分析师", "信息系统项目管理师", "程序员（初级）")


@dataclass(frozen=True)
class ListRow:
    """One row of a list; `cells()` in HEADER order."""

    name: str
    id_number: Any
    cert_no: str
    management_no: str
    qualification: str = "软件设计师"
    session: Any = SESSION
    approved: Any = APPROVED

    def cells(self, serial: int) -> list[Any]:
        return [
            serial,
            self.name,
            self.id_number,
            self.cert_no,
            self.management_no,
            self.qualification,
            self.session,
            self.approved,
        ]


def people(count: int, *, seed: int = 1) -> list[Person]:
    """Distinct people with valid resident ID numbers and plain Chinese names."""
    factory = PeopleFactory(random.Random(seed))
    found: list[Person] = []
    while len(found) < count:
        person = factory.person()
        if person.id_type.value == "resident" and "·" not in person.name:
            found.append(person)
    return found


def list_rows(count: int, *, seed: int = 1, prefix: str = "C2611", start: int = 1) -> list[ListRow]:
    rng = random.Random(seed)
    return [
        ListRow(
            name=person.name,
            id_number=person.id_number,
            cert_no=f"{prefix}{start + index:07d}",
            management_no=f"2026111{start + index:09d}",
            qualification=rng.choice(QUALIFICATIONS),
        )
        for index, person in enumerate(people(count, seed=seed))
    ]


def write_csv(
    path: Path,
    rows: Sequence[ListRow | Sequence[Any]],
    *,
    header: Sequence[str] = HEADER,
    title: str | None = TITLE,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
    blank_tail: int = 0,
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        if title is not None:
            writer.writerow([title])
        writer.writerow(header)
        for serial, row in enumerate(rows, start=1):
            writer.writerow(row.cells(serial) if isinstance(row, ListRow) else row)
        for _ in range(blank_tail):
            writer.writerow([""] * len(header))
    return path


def write_xlsx(
    path: Path,
    rows: Sequence[ListRow | Sequence[Any]],
    *,
    header: Sequence[str] = HEADER,
    title: str | None = TITLE,
    sheet: str = "合格名单",
    blank_tail: int = 0,
) -> Path:
    """A workbook like an official one: the title merged across the header's width above it."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    if title is not None:
        worksheet.append([title])
        worksheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    worksheet.append(list(header))
    for serial, row in enumerate(rows, start=1):
        worksheet.append(row.cells(serial) if isinstance(row, ListRow) else list(row))
    for _ in range(blank_tail):
        worksheet.append([None] * len(header))
    workbook.save(path)
    return path


def store_as_integer(path: Path, coordinate: str) -> None:
    """Turn the text cell at `coordinate` into a number cell holding the same digits exactly, as software
    that writes integers (rather than Excel's 15-digit doubles) does. openpyxl itself would write a long
    integer as a double, so the sheet's XML is edited."""
    import re

    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    xml = contents[part].decode("utf-8")
    pattern = re.compile(f'<c r="{coordinate}"([^>]*) t="inlineStr"><is><t>(\\d+)</t></is></c>')
    xml, count = pattern.subn(lambda m: f'<c r="{coordinate}"{m[1]} t="n"><v>{m[2]}</v></c>', xml)
    assert count == 1, f"no text cell of digits at {coordinate}"
    contents[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


Part = bytes | Callable[[], Iterator[bytes]]


def rewrite_xlsx(path: Path, parts: Mapping[str, Part], *, stored: bool = False) -> Path:
    """Rewrite the workbook at `path` with `parts` replaced or added: bytes, or a function yielding the
    part in chunks (so that a part of hundreds of megabytes is written without being held). `stored`
    writes every part uncompressed, so that a test can change a byte of one in place."""
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in contents.items():
            if name not in parts:
                archive.writestr(name, data)
        for name, part in parts.items():
            if isinstance(part, bytes):
                archive.writestr(name, part)
                continue
            with archive.open(name, "w", force_zip64=True) as stream:
                for chunk in part():
                    stream.write(chunk)
    return path


def read_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def sheet_xml(rows: Sequence[Sequence[str]], *, dimension: str | None = None, tail: str = "") -> bytes:
    """A sheet whose every cell is shared string number (row index × width + column index), rows from 1,
    then `tail` (more rows) inside sheetData."""
    width = max(len(row) for row in rows)
    cells = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{chr(65 + c)}{r}" t="s"><v>{(r - 1) * width + c}</v></c>' for c in range(len(row)))
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN_NS}">{size}<sheetData>{cells}{tail}</sheetData></worksheet>'.encode()


def shared_strings_xlsx(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    declared: int | None = None,
    extra: Callable[[], Iterator[bytes]] | None = None,
    sheet: bytes | None = None,
) -> Path:
    """A workbook whose cells are all shared strings, as Excel writes them: `rows` (padded to one width)
    in xl/sharedStrings.xml, which declares `declared` strings (their true number by default) and holds
    the chunks of `extra` after them."""
    width = max(len(row) for row in rows)
    texts = [text for row in rows for text in [*row, *[""] * (width - len(row))]]
    count = len(texts) if declared is None else declared
    opening = f'<sst xmlns="{MAIN_NS}" count="{count}" uniqueCount="{count}">'.encode()
    items = "".join(f"<si><t>{text}</t></si>" for text in texts).encode()

    def strings() -> Iterator[bytes]:
        yield opening + items
        if extra is not None:
            yield from extra()
        yield b"</sst>"

    write_xlsx(path, [], header=rows[0], title=None)
    types = read_part(path, "[Content_Types].xml").replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"/></Types>'.encode(),
    )
    padded = [[*row, *[""] * (width - len(row))] for row in rows]
    return rewrite_xlsx(
        path,
        {
            "[Content_Types].xml": types,
            "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(padded),
            "xl/sharedStrings.xml": strings,
        },
    )
