"""ID numbers at list speed: the same rules and results as `core.domain.ids.parse_id`, faster for the
common case of a clean 18-character number.

A list repeats the same region codes and birth dates thousands of times, so their checks (province,
county table, real and plausible date) are made once per distinct value and remembered; the check
character is computed with stdnum's own base-13 trick. Anything not plainly an 18-character resident
number — spaces, full-width digits, 15 digits, a passport, any error — goes through `parse_id` itself,
so messages and notices are the domain's. A test compares both on many generated and mutated numbers.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum import numdb

from ruankao_desktop.core.domain.ids import PROVINCES, IdNumber, IdType, parse_id
from ruankao_desktop.core.messages import Notice

_EARLIEST_BIRTH = date(1900, 1, 1)
_HMT_PREFIXES = frozenset({"81", "82", "83"})
# 18 ASCII characters: a known province, 15 more digits, a digit or X (what `parse_id` accepts as is).
_SHAPE = re.compile(f"(?:{'|'.join(sorted(PROVINCES))})[0-9]{{15}}[0-9Xx]")
_FAST_TYPES = (None, IdType.RESIDENT, IdType.HMT)
_CACHE_LIMIT = 200_000
_CHECK_CHARS = "0123456789X"
_ODD = frozenset("13579")
_RESIDENT = IdType.RESIDENT.value
_HMT = IdType.HMT.value
# The years a region code named a county, as four-digit strings compared with the birth year's digits;
# None: the code names a county without any years ("existed always").
_Years = tuple[tuple[str, str], ...] | None
# What a region code means: (id type, years of its county, the notice when the birth year is outside)
_Region = tuple[str, _Years, Notice]
FastId = tuple[str, str, str, str, "Notice | None"]


def county_years(code: str) -> _Years:
    """The spans of years in which `code` named a county, as `ric.get_birth_place` reads them from
    python-stdnum's table ("[1986-]房山区", "[-2010]崇文区"); () when the code names no county."""
    results = numdb.get("cn/loc").info(code)
    info = {key: value for _, props in results for key, value in props.items()}
    if "county" not in info:
        return ()
    spans: list[tuple[str, str]] = []
    for county in info["county"].split(","):
        if not county.startswith("["):
            return None
        start, end = county[1:].split("]")[0].split("-")
        spans.append((f"{int(start):04d}" if start else "0000", f"{int(end):04d}" if end else "9999"))
    return tuple(spans)


class IdChecker:
    """`check(text, id_type)` → `IdNumber`, or `InvalidInput` exactly as `parse_id` raises it."""

    def __init__(self, today: date) -> None:
        self._today = today
        self._regions: dict[str, _Region] = {}  # a few thousand region codes
        self._births: dict[str, str] = {}  # YYYYMMDD → ISO date, for real dates in the plausible range

    def check(self, text: str, id_type: IdType | None = None) -> IdNumber:
        if id_type in _FAST_TYPES:
            fast = self.fast(text)
            if fast is not None:
                value, kind, born, gender, notice = fast
                notices = (notice,) if notice else ()
                return IdNumber(value, IdType(kind), date.fromisoformat(born), gender, notices)
        return parse_id(text, id_type=id_type, today=self._today)

    def fast(self, text: str) -> FastId | None:
        """(number, id type, birth date ISO, gender, county notice) of a clean, valid 18-character
        resident number as `parse_id` gives it; None for anything else (then `parse_id` decides)."""
        if _SHAPE.fullmatch(text) is None:
            return None
        value = text if text[17] != "x" else text[:17] + "X"
        born = self._births.get(value[6:14]) or self._birth(value[6:14])
        if born is None or value[17] != _CHECK_CHARS[(1 - 2 * int(value[:17], 13)) % 11]:
            return None
        kind, years, unknown = self._regions.get(value[:6]) or self._region(value[:6])
        notice = None
        if years is not None:
            # stdnum wants a county that existed in the birth year; docs/domain.md "Identifiers": a warning,
            # not an error.
            year = value[6:10]
            for start, end in years:
                if start <= year <= end:
                    break
            else:
                notice = unknown
        return value, kind, born, "M" if value[16] in _ODD else "F", notice

    def _region(self, code: str) -> _Region:
        region = (
            _HMT if code[:2] in _HMT_PREFIXES else _RESIDENT,
            county_years(code),
            Notice("id.unknown_county", {"code": code}),
        )
        if len(self._regions) >= _CACHE_LIMIT:
            self._regions.clear()
        self._regions[code] = region
        return region

    def _birth(self, digits: str) -> str | None:
        """The ISO birth date of YYYYMMDD digits when it is a real date within the plausible range."""
        try:
            born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            return None
        if not _EARLIEST_BIRTH <= born <= self._today:
            return None
        if len(self._births) >= _CACHE_LIMIT:
            self._births.clear()
        iso = born.isoformat()
        self._births[digits] = iso
        return iso
