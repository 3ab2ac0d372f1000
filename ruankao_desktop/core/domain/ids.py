"""ID numbers: normalise what people type, validate 居民身份证 numbers (GB 11643), accept other ID types.

Checksum and birth date come from python-stdnum (`stdnum.cn.ric`). Its county check is strict about the
year a county code existed, which rejects valid numbers of people registered in a county created or merged
after their birth (docs/domain.md "Identifiers"), so an unknown county is a warning here, never a rejection.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from stdnum import numdb
from stdnum.cn import ric

from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.messages import Notice

# GB/T 2260 province-level codes, plus 81/82/83 used by 港澳台居民居住证.
PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
    "83": "台湾地区（居住证）",
}
_HMT_RESIDENCE_PREFIXES = frozenset({"81", "82", "83"})

_WHITESPACE = re.compile(r"\s+")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?E\+?\d+")
_RESIDENT_CHARS = re.compile(r"\d*X?")
_RESIDENT_SHAPE = re.compile(r"[0-9]{15}|[0-9]{17}[0-9X]")  # no character to complain of
_HMT_PERMIT = re.compile(r"[HM]\d{8}(?:\d{2})?|\d{8}")
_PASSPORT = re.compile(r"[A-Z0-9]{5,17}")
_OTHER = re.compile(r"[A-Z0-9-]{4,30}")
_EARLIEST_BIRTH = date(1900, 1, 1)


class IdType(StrEnum):
    """The kinds of identity document a holder may use (docs/domain.md "Identifiers")."""

    RESIDENT = "resident"  # 居民身份证
    HMT = "hmt"  # 港澳台居民居住证 / 来往内地通行证 / 台胞证
    PASSPORT = "passport"  # 护照
    OTHER = "other"  # 其他


@dataclass(frozen=True)
class IdNumber:
    """A validated ID number in its normalised form, with what it says about its holder."""

    value: str
    id_type: IdType
    birth_date: date | None = None
    gender: str | None = None  # "M" or "F", from the sequence digit's parity
    notices: tuple[Notice, ...] = ()

    @property
    def converted_from_15(self) -> bool:
        return any(n.code == "id.converted_15" for n in self.notices)


def normalise_id(text: str) -> str:
    """Strip every space, turn full-width characters into half-width ones and upper-case letters.

    NFKC runs again after the spaces go, because a compatibility character may decompose into a space
    plus a combining mark that then joins its neighbour."""
    if text.isascii():  # typed or scanned as most are: NFKC changes no ASCII character
        return _WHITESPACE.sub("", text).upper()
    compact = _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))
    # Upper-casing can decompose too (ı̆ → I + breve), so NFKC comes last.
    return unicodedata.normalize("NFKC", compact.upper())


def is_scientific_notation(text: str) -> bool:
    """True for what Excel shows a long number as, e.g. `1.10105E+17`."""
    return _SCIENTIFIC.fullmatch(normalise_id(text)) is not None


def looks_like_resident_number(text: str) -> bool:
    """What a person typing a 居民身份证 number produces: digits with at most a final X, or a number of
    about the right length with a letter or two slipped in (O for 0, I for 1)."""
    value = normalise_id(text)
    if not value:
        return False
    if _RESIDENT_CHARS.fullmatch(value):
        return True
    return 15 <= len(value) <= 19 and sum(c.isdigit() for c in value) >= len(value) - 2


def convert_15_to_18(value: str) -> str:
    """Convert a 15-digit legacy number (yymmdd, born in the 1900s) to its 18-digit form."""
    body = value[:6] + "19" + value[6:]
    return body + ric.calc_check_digit(body + "0")


def parse_id(text: str, *, id_type: IdType | None = None, today: date | None = None) -> IdNumber:
    """Validate `text` as an ID number of `id_type` (detected from its shape when None).

    Raises `InvalidInput` with a message saying exactly what is wrong.
    """
    value = normalise_id(text)
    if not value:
        raise InvalidInput("id.empty")
    if _SCIENTIFIC.fullmatch(value):
        raise InvalidInput("id.scientific", value=value)
    if id_type is None:
        id_type = IdType.RESIDENT if looks_like_resident_number(value) else IdType.PASSPORT
    residence_permit = id_type is IdType.HMT and len(value) == 18 and _RESIDENT_CHARS.fullmatch(value)
    if id_type is IdType.RESIDENT or residence_permit:
        return _parse_resident(value, today or date.today())
    return _parse_by_shape(value, id_type)


def parse_resident_number(value: str, today: date) -> IdNumber:
    """`parse_id` of a 居民身份证 number already normalised (`normalise_id`) and checked not to be Excel's
    scientific notation, without doing either again: the exact lookup has."""
    return _parse_resident(value, today)


def _parse_resident(value: str, today: date) -> IdNumber:
    if not _RESIDENT_SHAPE.fullmatch(value):
        for position, char in enumerate(value, start=1):
            # A legacy 15-digit number has no check character, so no X either.
            if not (char.isdigit() or (char == "X" and position == len(value) != 15)):
                raise InvalidInput("id.bad_character", position=position, char=char)
    notices: list[Notice] = []
    if len(value) == 15:
        _check_birth_date("19" + value[6:12], today)
        value = convert_15_to_18(value)
        notices.append(Notice("id.converted_15", {"masked": mask_id(value, STAFF_POLICY)}))
    elif len(value) != 18:
        raise InvalidInput("id.wrong_length", length=len(value))
    province = value[:2]
    if province not in PROVINCES:
        raise InvalidInput("id.unknown_province", code=province)
    birth_date = _check_birth_date(value[6:14], today)
    expected = ric.calc_check_digit(value)
    if value[-1] != expected:
        raise InvalidInput("id.bad_check", expected=expected, actual=value[-1])
    if not _known_county(value[:6], value[6:10]):
        notices.append(Notice("id.unknown_county", {"code": value[:6]}))
    id_type = IdType.HMT if province in _HMT_RESIDENCE_PREFIXES else IdType.RESIDENT
    gender = "M" if int(value[16]) % 2 else "F"
    return IdNumber(value, id_type, birth_date, gender, tuple(notices))


def _known_county(region: str, year: str) -> bool:
    """Whether the county code was in use in the year of birth (stdnum's table of codes and their years,
    as `ric.get_birth_place` reads it)."""
    born = int(year)
    return any(start <= born <= end for start, end in _county_years(region[:2]).get(region, ()))


def warm_up() -> None:
    """Read every province's counties now (about 40 ms), not at the first lookup of each."""
    for _, province, _, _, _ in _stdnum_counties():
        _county_years(province)


# Read once per province, in one walk of stdnum's tree: stdnum's own look-up scans its table for every
# code, most of an exact lookup's time for each new person's county (120 of 430 µs, measured).
@cache
def _county_years(province: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """For each six-digit county code stdnum lists in a province, the years in which each county under
    it was in use."""
    table: dict[str, tuple[tuple[int, int], ...]] = {}
    for _, code, _, _, counties in _stdnum_counties():
        if code != province:
            continue
        for _, low, high, props, _ in counties:
            if "county" in props:
                years = tuple(_years(county) for county in props["county"].split(","))
                for number in range(int(low), int(high) + 1):
                    table[f"{province}{number:0{len(low)}d}"] = years
    return table


def _stdnum_counties() -> list[tuple[int, str, str, dict[str, str], list[Any]]]:
    return numdb.get("cn/loc").prefixes


def _years(county: str) -> tuple[int, int]:
    """`[1983-2014]桥东区` → (1983, 2014); a county without years was always in use."""
    if not county.startswith("["):
        return (0, 9999)
    start, end = county[1:].split("]", maxsplit=1)[0].split("-")
    return (int(start) if start else 0, int(end) if end else 9999)


def _check_birth_date(digits: str, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidInput("id.bad_birth_date", digits=digits) from None
    if not _EARLIEST_BIRTH <= born <= today:
        raise InvalidInput("id.birth_date_out_of_range", date=born.isoformat())
    return born


_SHAPES = {IdType.HMT: _HMT_PERMIT, IdType.PASSPORT: _PASSPORT, IdType.OTHER: _OTHER}


def _parse_by_shape(value: str, id_type: IdType) -> IdNumber:
    if _SHAPES[id_type].fullmatch(value) is None:
        raise InvalidInput(f"id.bad_shape.{id_type.value}", value=mask_id(value, STAFF_POLICY))
    return IdNumber(value, id_type)
