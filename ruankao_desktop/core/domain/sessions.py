"""Exam sessions as official lists write them: 2025年上半年, 2025上半年, 2025年5月, 2025H1, or the exam date.

There are two sittings a year (docs/domain.md "Sessions"): the first half around May, the second around
November, so a month or a date names its half-year. A session is known by its code (2025H1) and its
name (2025年上半年); its dates are data the centre enters, so a session made from a list only carries an
exam date when the list gave one, and otherwise a provisional first day of the month to be checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ruankao_desktop.core.domain.dates import parse_date
from ruankao_desktop.core.errors import InvalidInput

FIRST_EXAM_YEAR = 1985  # the national computer software examination began in the mid-1980s
# Where a list names only the half-year, the month the exam is usually held in.
_USUAL_MONTH = {1: 5, 2: 11}
_HALF_WORDS = {"上": 1, "下": 2}

_HALF_NAMED = re.compile(r"(\d{4})\s*年?度?\s*(?:第\s*)?([上下])\s*半\s*年(?:考试)?")
_HALF_CODE = re.compile(r"(\d{4})\s*[-_ ]?\s*H\s*([12])", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月(?:份)?(?:考试)?|[-/.]\s*(\d{1,2}))")


@dataclass(frozen=True)
class SessionRef:
    """Which sitting a cell names. `exam_date` is the date the list gave, or the usual month's first day
    when `exact` is False (then it is only a placeholder for a session created by an import)."""

    year: int
    half: int  # 1 = 上半年, 2 = 下半年
    exam_date: date
    exact: bool

    @property
    def code(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def name(self) -> str:
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年"


def half_of(month: int) -> int:
    return 1 if month <= 6 else 2


def parse_session(value: object, *, today: date) -> SessionRef:
    """The session a cell names; raises `InvalidInput` ("session.bad" / "session.year_out_of_range")."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        reference = _from_text(text)
        if reference is None:
            raise InvalidInput("session.bad", value=text)
    else:
        # An Excel date or serial in a 考试时间 column: the exam date itself.
        try:
            day = parse_date(value)
        except InvalidInput:
            raise InvalidInput("session.bad", value=str(value)) from None
        reference = SessionRef(day.year, half_of(day.month), day, exact=True)
    if not FIRST_EXAM_YEAR <= reference.year <= today.year + 1:
        raise InvalidInput(
            "session.year_out_of_range", value=str(value).strip(), first=FIRST_EXAM_YEAR, last=today.year + 1
        )
    return reference


def _from_text(text: str) -> SessionRef | None:
    if match := _HALF_NAMED.fullmatch(text):
        year, half = int(match[1]), _HALF_WORDS[match[2]]
        return SessionRef(year, half, date(year, _USUAL_MONTH[half], 1), exact=False)
    if match := _HALF_CODE.fullmatch(text):
        year, half = int(match[1]), int(match[2])
        return SessionRef(year, half, date(year, _USUAL_MONTH[half], 1), exact=False)
    if match := _MONTH.fullmatch(text):
        year, month = int(match[1]), int(match[2] or match[3])
        if not 1 <= month <= 12:
            return None
        return SessionRef(year, half_of(month), date(year, month, 1), exact=False)
    if text.isdigit() and len(text) <= 4:
        return None  # a year alone does not say which sitting; four digits are no useful Excel serial
    try:
        day = parse_date(text)
    except InvalidInput:
        return None
    return SessionRef(day.year, half_of(day.month), day, exact=True)
