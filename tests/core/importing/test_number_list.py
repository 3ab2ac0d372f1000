"""Reading a list of 证书编号 (an arrival list) from the files exam offices and clerks make."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.limits import ReadLimits
from ruankao_desktop.core.importing.number_list import read_numbers

NUMBERS = ["C26120000001", "C26120000002", "C26130000003"]


def test_one_number_a_line_with_a_bom_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("\n".join([NUMBERS[0], "", f"  {NUMBERS[1]}  ", NUMBERS[2], ""]), encoding="utf-8-sig")
    assert read_numbers(path) == NUMBERS


def test_a_gb18030_csv_with_a_title_and_a_named_column(tmp_path: Path) -> None:
    path = tmp_path / "到达清单.csv"
    lines = [
        "2026年上半年证书到达清单,,",
        "序号,姓名,证书编号",
        *(f"{i},张伟,{n}" for i, n in enumerate(NUMBERS, 1)),
    ]
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    assert read_numbers(path) == NUMBERS


def test_a_workbook_s_first_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["证书到达清单"])
    sheet.append(["证书号", "备注"])
    for number in NUMBERS:
        sheet.append([number, "已清点"])
    sheet.append([None, None])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    assert read_numbers(path) == NUMBERS


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.pdf", b"%PDF-1.7\n...", "实际上是 PDF 文件"),
        ("list.csv", b"", "是空的"),
        ("list.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".xls"),
        ("list.xlsx", b"PK\x03\x04 not really a workbook", "xlsx"),
        ("list.csv", "C2612,\u00ff".encode("latin-1") + b"\x81\x30", "编码"),
    ],
    ids=["a PDF", "empty", "an old .xls", "a broken workbook", "undecodable"],
)
def test_a_file_that_is_not_a_list_is_refused_with_the_import_s_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(KnownError) as refused:
        read_numbers(path)
    assert message in refused.value.message()


def test_a_list_past_the_limits_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("\n".join(NUMBERS * 100), encoding="utf-8")
    with pytest.raises(KnownError) as refused:
        read_numbers(path, limits=ReadLimits(file_bytes=100))
    assert refused.value.code == "import.file_too_large"


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(KnownError) as refused:
        read_numbers(tmp_path / "nowhere.csv")
    assert "nowhere.csv" in refused.value.message()
