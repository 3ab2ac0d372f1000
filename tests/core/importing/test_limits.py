"""Files past the limits are refused before they are read, quickly and in little memory; damaged
workbooks are refused with a message wherever the damage is."""

from __future__ import annotations

import random
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.limits import LIMITS, ReadLimits
from ruankao_desktop.core.importing.readers import open_table
from ruankao_desktop.core.messages import render
from tests.core.importing.builders import (
    HEADER,
    list_rows,
    read_part,
    rewrite_xlsx,
    shared_strings_xlsx,
    sheet_xml,
    write_csv,
    write_xlsx,
)

# The issue asks for a refusal within one second and under 100 MB; asserted generously, because shared
# test machines stall (tests/benchmarks/bench_limits.py prints the real figures).
SECONDS = 5.0
PEAK_BYTES = 200 * 1024 * 1024
ROWS = [list(HEADER)] + [[str(cell) for cell in row.cells(i)] for i, row in enumerate(list_rows(3), 1)]
EXCEL_ROWS = 1_048_576


def refused(path: Path, limits: ReadLimits = LIMITS) -> KnownError:
    """The error opening and reading `path` raises, after checking that it came quickly and small."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(KnownError) as caught, open_table(path, limits=limits) as table:
            for _ in table.rows():
                pass
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < SECONDS
    assert peak < PEAK_BYTES
    return caught.value


def repeated(piece: bytes, times: int) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        block = piece * 65_536
        for _ in range(times // 65_536):
            yield block
        yield piece * (times % 65_536)

    return chunks


def test_a_shared_strings_bomb_declaring_20_million_strings(tmp_path: Path) -> None:
    path = shared_strings_xlsx(
        tmp_path / "bomb.xlsx", ROWS, declared=20_000_000, extra=repeated(b"<si/>", 20_000_000)
    )
    assert path.stat().st_size < 1024 * 1024
    error = refused(path)
    assert error.message() == render(
        "import.xlsx_bomb",
        file="bomb.xlsx",
        part="xl/sharedStrings.xml",
        ratio=error.params["ratio"],
        limit=200,
    )
    relaxed = replace(LIMITS, ratio=10**6)
    assert refused(path, relaxed).message() == render(
        "import.xlsx_too_many_strings", file="bomb.xlsx", count="20,000,000", limit="8,000,000"
    )


def test_shared_strings_are_counted_even_when_the_declared_count_lies(tmp_path: Path) -> None:
    path = shared_strings_xlsx(
        tmp_path / "list.xlsx", ROWS, declared=1, extra=repeated(b"<si><t>x</t></si>", 5000)
    )
    limits = replace(LIMITS, shared_strings=1000)
    assert refused(path, limits).message("en") == render(
        "import.xlsx_too_many_strings", "en", file="list.xlsx", count="5,032", limit="1,000"
    )
    with open_table(path, limits=replace(LIMITS, shared_strings=6000)) as table:
        assert len(list(table.rows())) == 3


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", list_rows(3))
    rewrite_xlsx(path, {"xl/media/image1.png": repeated(b"\0", 256 * 1024 * 1024)})
    assert path.stat().st_size < 2 * 1024 * 1024
    error = refused(path)
    assert error.code == "import.xlsx_bomb"
    assert error.message() == render(
        "import.xlsx_bomb",
        file="bomb.xlsx",
        part="xl/media/image1.png",
        ratio=error.params["ratio"],
        limit=200,
    )
    assert error.params["ratio"] > 200


def test_a_workbook_unpacking_past_the_limit(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", list_rows(3))
    rewrite_xlsx(path, {"xl/media/image1.png": random.Random(1).randbytes(3 * 1024 * 1024)})
    limits = replace(LIMITS, unpacked_bytes=2 * 1024 * 1024)
    assert refused(path, limits).message() == render(
        "import.xlsx_too_large_unpacked", file="big.xlsx", size="3.0 MB", limit="2.0 MB"
    )


@pytest.mark.parametrize("how", ["dimension", "row entries", "one last row"])
def test_a_workbook_of_1_048_576_empty_rows(tmp_path: Path, how: str) -> None:
    if how == "dimension":
        sheet = sheet_xml(ROWS, dimension=f"A1:H{EXCEL_ROWS}")
    elif how == "row entries":
        sheet = sheet_xml(ROWS, tail="".join(f'<row r="{r}"/>' for r in range(5, EXCEL_ROWS + 1)))
    else:
        sheet = sheet_xml(ROWS, tail=f'<row r="{EXCEL_ROWS}"/>')
    path = shared_strings_xlsx(tmp_path / "rows.xlsx", ROWS, sheet=sheet)
    assert path.stat().st_size < 10 * 1024 * 1024
    assert refused(path).message() == render(
        "import.too_many_rows", file="rows.xlsx", rows="1,048,576", limit="1,020,000"
    )


def test_a_sheet_wider_than_the_limit(tmp_path: Path) -> None:
    path = shared_strings_xlsx(tmp_path / "wide.xlsx", ROWS, sheet=sheet_xml(ROWS, dimension="A1:XFD4"))
    assert refused(path).message() == render(
        "import.too_many_columns", file="wide.xlsx", columns="16,384", limit="1,000"
    )


def test_a_long_cell_in_a_workbook(tmp_path: Path) -> None:
    rows = [list(row) for row in ROWS]
    rows[2][7] = "长" * 40_000
    path = shared_strings_xlsx(tmp_path / "long.xlsx", rows)
    assert refused(path).message() == render(
        "import.cell_too_long", file="long.xlsx", row="3", length="40,000", limit="32,767"
    )


def test_a_dimension_smaller_than_the_rows_does_not_lose_rows(tmp_path: Path) -> None:
    path = shared_strings_xlsx(tmp_path / "list.xlsx", ROWS, sheet=sheet_xml(ROWS, dimension="A1:H2"))
    with open_table(path) as table:
        assert [number for number, _ in table.rows()] == [2, 3, 4]


def test_a_10_mb_csv_of_one_line(tmp_path: Path) -> None:
    path = tmp_path / "line.csv"
    path.write_bytes(",".join(["姓名", "证件号码", "证书编号"]).encode() + b"," + b"x" * 10_000_000)
    assert refused(path).message() == render(
        "import.line_too_long", file="line.csv", line="1", limit="1.0 MB"
    )


def test_a_long_line_across_the_chunks_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("姓名,证件号码,证书编号\n".encode() + b"x" * 1_500_000 + b"\na,b,c\n")
    assert refused(path).message() == render(
        "import.line_too_long", file="list.csv", line="2", limit="1.0 MB"
    )


def test_a_long_line_after_short_ones_is_named_by_its_number(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", list_rows(3))
    with path.open("ab") as handle:
        handle.write(b"x" * 5000 + b"\n")
    limits = replace(LIMITS, line_bytes=4000)
    assert refused(path, limits).message() == render(
        "import.line_too_long", file="list.csv", line="6", limit="4 KB"
    )


def test_csv_rows_columns_and_cells_past_the_limits(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", list_rows(3), blank_tail=20)
    assert refused(path, replace(LIMITS, rows=10)).message() == render(
        "import.too_many_rows", file="list.csv", rows="25", limit="10"
    )
    wide = write_csv(tmp_path / "wide.csv", [[*row.cells(1), *["x"] * 1000] for row in list_rows(1)])
    assert refused(wide).message() == render(
        "import.too_many_columns", file="wide.csv", columns="1,008", limit="1,000"
    )
    long = write_csv(tmp_path / "long.csv", [[*list_rows(1)[0].cells(1)[:7], "备" * 40_000]])
    assert refused(long).message() == render(
        "import.cell_too_long", file="long.csv", row="3", length="40,000", limit="32,767"
    )


def test_a_file_larger_than_the_limit(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", list_rows(50))
    limits = replace(LIMITS, file_bytes=1024)
    error = refused(path, limits)
    assert error.code == "import.file_too_large"
    assert error.message() == render(
        "import.file_too_large", file="list.csv", size=error.params["size"], limit="1 KB"
    )


def test_many_parts_are_refused_from_the_end_record(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "parts.xlsx", list_rows(3))
    with zipfile.ZipFile(path, "a") as archive:
        for index in range(50):
            archive.writestr(f"xl/media/{index}.bin", b"")
    assert refused(path, replace(LIMITS, parts=20)).message() == render(
        "import.xlsx_too_many_parts", file="parts.xlsx", parts=59, limit=20
    )


def damaged_workbooks(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Workbooks broken in the ways files break, each with the code it is refused with."""
    made: dict[str, tuple[Path, str]] = {}

    bad_crc = write_xlsx(tmp_path / "crc.xlsx", list_rows(3))
    rewrite_xlsx(bad_crc, {}, stored=True)
    data = bytearray(bad_crc.read_bytes())
    at = data.index(b"C26110000002")
    data[at + 11] = ord("9")
    bad_crc.write_bytes(bytes(data))
    made["bad CRC"] = (bad_crc, "import.xlsx_damaged")

    broken = shared_strings_xlsx(tmp_path / "xml.xlsx", ROWS)
    sheet = sheet_xml(ROWS, dimension="A1:H4").replace(b'<row r="3">', b'<row r="3"><c r="A3"<')
    rewrite_xlsx(broken, {"xl/worksheets/sheet1.xml": sheet})
    made["broken XML"] = (broken, "import.xlsx_sheet_damaged")

    unsized = shared_strings_xlsx(tmp_path / "unsized.xlsx", ROWS)
    sheet = sheet_xml(ROWS).replace(b'<row r="3">', b'<row r="3"><c r="A3"<')
    rewrite_xlsx(unsized, {"xl/worksheets/sheet1.xml": sheet})
    made["broken XML, no dimension"] = (unsized, "import.xlsx_damaged")

    index = shared_strings_xlsx(tmp_path / "index.xlsx", ROWS)
    sheet = read_part(index, "xl/worksheets/sheet1.xml").replace(b"<v>17</v>", b"<v>999999</v>")
    rewrite_xlsx(index, {"xl/worksheets/sheet1.xml": sheet})
    made["string index"] = (index, "import.xlsx_sheet_damaged")

    strings = shared_strings_xlsx(tmp_path / "strings.xlsx", ROWS)
    rewrite_xlsx(strings, {"xl/sharedStrings.xml": read_part(strings, "xl/sharedStrings.xml")[:-20]})
    made["broken shared strings"] = (strings, "import.xlsx_damaged")

    missing = write_xlsx(tmp_path / "missing.xlsx", list_rows(3))
    with zipfile.ZipFile(missing) as archive:
        parts = {
            name: archive.read(name) for name in archive.namelist() if name != "xl/worksheets/sheet1.xml"
        }
    with zipfile.ZipFile(missing, "w") as archive:
        for name, part in parts.items():
            archive.writestr(name, part)
    made["sheet missing"] = (missing, "import.xlsx_damaged")

    truncated = write_xlsx(tmp_path / "truncated.xlsx", list_rows(3))
    truncated.write_bytes(truncated.read_bytes()[:-200])
    made["truncated"] = (truncated, "import.xlsx_damaged")

    noise = tmp_path / "noise.xlsx"
    noise.write_bytes(b"PK\x03\x04" + random.Random(7).randbytes(20_000))
    made["random bytes after a zip signature"] = (noise, "import.xlsx_damaged")
    return made


def test_every_damaged_workbook_is_refused_with_a_message(tmp_path: Path) -> None:
    for what, (path, code) in damaged_workbooks(tmp_path).items():
        error = refused(path)
        assert error.code == code, what
        assert error.message() == render(code, **error.params), what
    assert refused(tmp_path / "xml.xlsx").message() == render(
        "import.xlsx_sheet_damaged", file="xml.xlsx", sheet="合格名单", row="3"
    )
