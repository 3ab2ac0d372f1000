"""Opening list files: what each kind of wrong file is told, encodings, headers, merged cells, formulas."""

from __future__ import annotations

import codecs
import random
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.columns import Field, HeaderMissing
from ruankao_desktop.core.importing.readers import CellError, Formula, open_table
from ruankao_desktop.core.messages import render
from tests.core.importing.builders import HEADER, TITLE, list_rows, write_csv, write_xlsx

ROWS = list_rows(3)


def refused(path: Path) -> KnownError:
    with pytest.raises(KnownError) as caught:
        open_table(path)
    return caught.value


def data(path: Path, **options: object) -> list[tuple[int, list[object]]]:
    with open_table(path, **options) as table:  # type: ignore[arg-type]
        return [(number, list(cells)) for number, cells in table.rows()]


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8-sig", "UTF-8 (BOM)"), ("utf-8", "UTF-8"), ("gb18030", "GB18030"), ("gbk", "GB18030")],
)
def test_csv_encodings_are_detected_and_named(tmp_path: Path, encoding: str, label: str) -> None:
    path = write_csv(tmp_path / "list.csv", ROWS, encoding=encoding)
    with open_table(path) as table:
        assert table.info.encoding == label
        assert table.info.kind == "csv"
        assert table.info.header.row == 2
        assert table.info.header.ignored == ("序号",)
        rows = list(table.rows())
    assert [number for number, _ in rows] == [3, 4, 5]
    assert rows[0][1][1] == ROWS[0].name


def test_gb18030_keeps_rare_characters(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [[1, "吉𠮷", "110105199003071239"]], encoding="gb18030")
    assert data(path)[0][1][1] == "吉𠮷"


def test_utf16_tab_separated_text_from_excel(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.txt", ROWS, encoding="utf-16", delimiter="\t")
    with open_table(path) as table:
        assert table.info.encoding == "UTF-16"
        assert len(list(table.rows())) == 3


def test_a_big5_file_read_as_gb18030_is_refused_as_garbled(tmp_path: Path) -> None:
    header = ["姓名", "身份證號碼", "證書編號", "資格名稱", "考試批次"]
    rows = [["陳大文", "110105199003071239", "C26110000001", "軟體設計師", "2026年上半年"]] * 20
    path = write_csv(tmp_path / "list.csv", rows, header=header, title="合格人員名單", encoding="big5")
    assert refused(path).message() == render("import.csv_garbled", file="list.csv", encoding="GB18030")


def test_bytes_that_are_neither_utf8_nor_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("姓名,证件号码\n张伟,".encode() + b"\x81\x20\x81\x20\n")
    assert refused(path).message() == render("import.csv_undecodable", file="list.csv")


@pytest.mark.parametrize("name", ["list.csv", "list.xlsx"])
def test_random_bytes_are_not_a_spreadsheet(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x00\x01" + random.Random(3).randbytes(4096))
    assert refused(path).message() == render("import.not_spreadsheet", file=name)


def test_a_pdf_renamed_to_xlsx_says_it_is_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20)
    assert refused(path).message() == render("import.not_spreadsheet_kind", file="名单.xlsx", kind="PDF")


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    """An encrypted xlsx is an OLE compound file: the magic number, then the encrypted package."""
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(5).randbytes(8192))
    error = refused(path)
    assert error.message() == render("import.encrypted", file="名单.xlsx")
    assert "删除密码" in error.message()
    assert "remove the password" in error.message("en")


def test_an_encrypted_package_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "名单.xls"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le")
    )
    assert refused(path).code == "import.encrypted"


def test_an_old_xls_workbook_is_asked_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "名单.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "Workbook".encode("utf-16-le"))
    assert refused(path).message() == render("import.legacy_xls", file="名单.xls")


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n  "])
def test_an_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    assert refused(path).message() == render("import.file_empty", file="list.csv")


def test_an_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    Workbook().save(path)
    assert refused(path).message() == render("import.file_empty", file="list.xlsx")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert refused(path).message() == render("import.not_spreadsheet", file="list.xlsx")


def test_an_unsupported_kind_of_file(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('{"姓名": "张伟"}', encoding="utf-8")
    assert refused(path).message() == render("import.unsupported_type", file="list.json", suffix=".json")


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    assert refused(path).message() == render("import.file_missing", path=str(path))


def test_no_header_in_the_first_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [["a", "b", "c"]] * 40, header=["甲", "乙", "丙"])
    assert refused(path).message() == render("import.header_not_found", file="list.csv", rows=30)


def test_a_missing_required_column_is_named_with_the_names_it_may_have(tmp_path: Path) -> None:
    header = ("序号", "姓名", "证书编号", "资格名称", "考试批次")
    path = write_csv(tmp_path / "list.csv", [], header=header)
    error = refused(path)
    assert isinstance(error, HeaderMissing)
    assert error.missing == (Field.ID_NUMBER,)
    message = error.message()
    assert message.startswith(
        "表头（第 2 行）缺少必需的列：“证件号码”（可写作：证件号码、身份证号、身份证号码、公民身份号码"
    )
    assert "文件中现有的列：序号、姓名、证书编号、资格名称、考试批次。" in message
    assert "lacks required columns: “ID number” (may be written as: 证件号码、身份证号" in error.message("en")


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    header = ("姓名", "身份证号", "公民身份号码", "证书编号", "资格名称", "考试批次")
    path = write_csv(tmp_path / "list.csv", [], header=header)
    assert refused(path).message() == render(
        "import.header_duplicate", field="证件号码", columns="身份证号、公民身份号码", row=2
    )


def test_header_synonyms_and_notes(tmp_path: Path) -> None:
    header = (
        "考生姓名",
        "公民身份号码 *",
        "证书号",
        "证书管理号",
        "级别",
        "考试时间",
        "发证日期（必填）",
        "备注",
    )
    path = write_csv(tmp_path / "list.csv", [], header=header, title=None)
    with open_table(path) as table:
        columns = table.info.header.columns
    assert columns == {
        Field.NAME: 0,
        Field.ID_NUMBER: 1,
        Field.CERT_NO: 2,
        Field.MANAGEMENT_NO: 3,
        Field.QUALIFICATION: 4,  # "级别" without a 资格名称 column is the qualification
        Field.SESSION: 5,
        Field.APPROVED_ON: 6,
    }
    assert table.info.header.ignored == ("备注",)


def test_level_beside_a_qualification_column(tmp_path: Path) -> None:
    header = ("姓名", "身份证号码", "证书编号", "资格名称", "级别", "考试批次")
    with open_table(write_csv(tmp_path / "list.csv", [], header=header)) as table:
        assert table.info.header.columns[Field.LEVEL] == 4


def test_blank_rows_anywhere_are_skipped_and_numbers_are_excel_rows(tmp_path: Path) -> None:
    rows: list[object] = [ROWS[0], [""] * 8, ROWS[1]]
    path = write_csv(tmp_path / "list.csv", rows, blank_tail=5)  # type: ignore[arg-type]
    assert [number for number, _ in data(path)] == [3, 5]


def test_a_line_break_inside_a_cell_is_still_one_row(tmp_path: Path) -> None:
    rows = [ROWS[0].cells(1), [2, "张\n伟", *ROWS[1].cells(2)[2:]], ROWS[2].cells(3)]
    path = write_csv(tmp_path / "list.csv", rows)
    assert [number for number, _ in data(path)] == [3, 4, 5]


def test_a_workbook_with_a_merged_title_and_trailing_blank_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", ROWS, blank_tail=20)
    with open_table(path) as table:
        assert (table.info.kind, table.info.sheet, table.info.encoding) == ("xlsx", "合格名单", None)
        assert table.info.header.row == 2
        rows = list(table.rows())
    assert [number for number, _ in rows] == [3, 4, 5]
    assert rows[2][1][3] == ROWS[2].cert_no


def test_a_session_merged_down_over_its_rows_fills_every_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [row.cells(i) for i, row in enumerate(ROWS, start=1)])
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    sheet["G4"] = None
    sheet["G5"] = None
    sheet.merge_cells("G3:G5")
    workbook.save(path)
    assert [cells[6] for _, cells in data(path)] == ["2026年上半年"] * 3


def test_formulas_and_error_values_are_marked(tmp_path: Path) -> None:
    rows = [ROWS[0].cells(1)]
    rows[0][2] = '="' + str(ROWS[0].id_number) + '"'
    rows[0][4] = "=2026111000000000+1"
    rows[0][7] = "#N/A"
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    sheet["H3"].data_type = "e"
    workbook.save(path)
    cells = data(path)[0][1]
    assert cells[2] == Formula('="' + str(ROWS[0].id_number) + '"')
    assert cells[4] == Formula("=2026111000000000+1")
    assert cells[7] == CellError("#N/A")


def test_the_first_sheet_with_a_header_is_read_and_a_sheet_can_be_chosen(tmp_path: Path) -> None:
    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "说明"
    notes.append(["本名单由考试机构提供"])
    listed = workbook.create_sheet("名单")
    listed.append(list(HEADER))
    listed.append(ROWS[0].cells(1))
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    with open_table(path) as table:
        assert table.info.sheet == "名单"
    with pytest.raises(KnownError) as caught:
        open_table(path, sheet="Sheet9")
    assert caught.value.message() == render(
        "import.sheet_missing", file="list.xlsx", sheet="Sheet9", sheets="说明、名单"
    )


def test_the_file_fingerprint(tmp_path: Path) -> None:
    import hashlib

    path = write_csv(tmp_path / "list.csv", ROWS)
    with open_table(path) as table:
        assert table.info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert table.info.size == path.stat().st_size


def test_title_text_is_not_taken_for_a_header(tmp_path: Path) -> None:
    assert TITLE not in HEADER
    path = write_csv(tmp_path / "list.csv", ROWS, encoding="utf-8")
    assert codecs.BOM_UTF8 not in path.read_bytes()[:3]
    with open_table(path) as table:
        assert table.info.header.row == 2
