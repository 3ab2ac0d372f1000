"""The columns of an official list: which header names mean which field, and where the header row is.

Lists put a title (or several lines of it) above the header and name the same column in different ways
(证件号码 / 身份证号 / 身份证号码 / 公民身份号码 …); the header is the first row in which at least three
cells name known fields. Columns that name no field are ignored and listed in the report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language, render

HEADER_SCAN_ROWS = 30
MIN_HEADER_FIELDS = 3


class Field(StrEnum):
    NAME = "name"
    ID_NUMBER = "id_number"
    ID_TYPE = "id_type"
    CERT_NO = "cert_no"
    MANAGEMENT_NO = "management_no"
    QUALIFICATION = "qualification"
    LEVEL = "level"
    SESSION = "session"
    APPROVED_ON = "approved_on"
    ISSUER = "issuer"
    PHONE = "phone"

    def text(self, lang: Language = "zh") -> str:
        return render(f"import.field.{self.value}", lang)


REQUIRED = (Field.NAME, Field.ID_NUMBER, Field.CERT_NO, Field.QUALIFICATION, Field.SESSION)

# Header names as lists write them, after `normalise_header` (no spaces, no "*", no trailing note).
SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.NAME: ("姓名", "考生姓名", "持证人", "持证人姓名", "名字"),
    Field.ID_NUMBER: (
        "证件号码",
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "证件号",
        "身份证",
        "身份证件号码",
        "有效证件号码",
        "证件编号",
    ),
    Field.ID_TYPE: ("证件类型", "证件种类", "证件名称"),
    Field.CERT_NO: ("证书编号", "证书号", "证书号码", "证书编码"),
    Field.MANAGEMENT_NO: ("管理号", "证书管理号", "管理编号", "管理号码"),
    Field.QUALIFICATION: (
        "资格名称",
        "资格",
        "专业资格",
        "资格级别",
        "级别资格",
        "报考资格",
        "报考级别",
        "证书名称",
        "专业名称",
        "资格专业",
    ),
    Field.LEVEL: ("级别", "资格等级", "等级"),
    Field.SESSION: ("考试批次", "考试时间", "批次", "考试日期", "考期", "考试期次"),
    Field.APPROVED_ON: ("批准日期", "批准时间", "发证日期", "发证时间", "签发日期", "颁证日期"),
    Field.ISSUER: ("颁发机构", "发证机关", "发证机构", "发证单位", "颁发单位", "签发机关"),
    Field.PHONE: ("联系电话", "手机", "手机号", "手机号码", "电话", "电话号码", "联系方式"),
}
_BY_NAME = {name: field for field, names in SYNONYMS.items() for name in names}
# "级别" alone is the level beside a 资格名称 column, but the qualification itself in lists that have
# only a 级别 column ("软件设计师").
_LEVEL_OR_QUALIFICATION = "级别"
_NOTE = re.compile(r"\([^()]*\)$")
_NOISE = re.compile(r"[\s*:]+")


def normalise_header(value: object) -> str:
    """`" 身份证号码（必填）* "` → `"身份证号码"`."""
    if value is None:
        return ""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", str(value)))
    return _NOTE.sub("", text)


def cell_label(value: object) -> str:
    """A header cell as the list shows it, for messages (line breaks and extra spaces removed)."""
    return " ".join(str(value).split()) if value is not None else ""


@dataclass(frozen=True)
class HeaderMap:
    """Where each field is: `columns[field]` is a 0-based cell index, `labels[field]` the header text as
    written in the file (messages name columns the way the user sees them)."""

    row: int
    columns: dict[Field, int]
    labels: dict[Field, str]
    ignored: tuple[str, ...]

    def label(self, field: Field) -> str:
        return self.labels.get(field, field.text())


def match_header(cells: Sequence[object]) -> dict[Field, list[int]]:
    """Which fields the cells of one row name (a field may be named twice: an error, reported later)."""
    found: dict[Field, list[int]] = {}
    level_columns: list[int] = []
    for index, cell in enumerate(cells):
        name = normalise_header(cell)
        if name == _LEVEL_OR_QUALIFICATION:
            level_columns.append(index)
        elif name in _BY_NAME:
            found.setdefault(_BY_NAME[name], []).append(index)
    if level_columns:
        field = Field.LEVEL if Field.QUALIFICATION in found else Field.QUALIFICATION
        found.setdefault(field, []).extend(level_columns)
    return found


def is_header(cells: Sequence[object]) -> bool:
    return len(match_header(cells)) >= MIN_HEADER_FIELDS


def build_header(row: int, cells: Sequence[object]) -> HeaderMap:
    """The map of a row `is_header` accepted; raises `KnownError` when a required column is missing or a
    field is named by two columns."""
    found = match_header(cells)
    for field, indexes in found.items():
        if len(indexes) > 1:
            raise KnownError(
                "import.header_duplicate",
                field=field.text(),
                columns="、".join(cell_label(cells[i]) for i in indexes),
                row=row,
            )
    missing = [field for field in REQUIRED if field not in found]
    if missing:
        raise HeaderMissing(row, missing, [cell_label(c) for c in cells if cell_label(c)])
    columns = {field: indexes[0] for field, indexes in found.items()}
    used = set(columns.values())
    ignored = tuple(
        cell_label(cell) for index, cell in enumerate(cells) if index not in used and cell_label(cell)
    )
    return HeaderMap(row, columns, {field: cell_label(cells[i]) for field, i in columns.items()}, ignored)


def accepted_names(field: Field) -> str:
    return "、".join(SYNONYMS[field])


class HeaderMissing(KnownError):
    """Required columns are missing from the header row; the message names them, says what they may be
    called, and lists the columns the file has. It is built from its parameters alone, so that it
    survives being passed between processes like any `KnownError`."""

    def __init__(self, row: int, missing: Sequence[Field], present: Sequence[str]) -> None:
        self.code = "import.header_missing"
        self.params = {
            "row": row,
            "fields": tuple(field.value for field in missing),
            "present": "、".join(present) or "—",
        }
        Exception.__init__(self, self.message("zh"))

    @property
    def missing(self) -> tuple[Field, ...]:
        return tuple(Field(value) for value in self.params["fields"])

    def message(self, lang: Language = "zh") -> str:
        separator = "、" if lang == "zh" else "; "
        names = separator.join(
            render("import.header_missing_item", lang, field=f.text(lang), names=accepted_names(f))
            for f in self.missing
        )
        return render(self.code, lang, row=self.params["row"], missing=names, present=self.params["present"])
