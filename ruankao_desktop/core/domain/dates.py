"""Dates as official lists write them: Excel serial numbers, 2026/5/23, 2026-05-23, 2026年5月23日,
2026.5.23, 20260523, and cells Excel already turned into dates (docs/domain.md "Data that arrives at
the centre").

Day-month-year orders such as 5/23/2026 are refused rather than guessed: a wrong guess would be a silent
error in a certificate's approval date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from ruankao_desktop.core.errors import InvalidInput

# Excel counts days from 1899-12-30 (its serial 60 is the non-existent 1900-02-29, so earlier serials are
# one day off; no certificate date is that old). 2958465 is 9999-12-31, Excel's last date.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_FIRST_RELIABLE = 61
_EXCEL_LAST = 2958465
# Year, month and day joined by one kind of separator, optionally followed by a time of day (an export
# from a database often writes "2026-05-23 00:00:00").
_SEPARATED = re.compile(
    r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SERIAL = re.compile(r"\d{1,7}(?:\.0+)?")


def excel_serial_to_date(serial: float) -> date:
    """The date of an Excel serial number (the fraction, a time of day, is dropped)."""
    whole = int(serial)
    if not _EXCEL_FIRST_RELIABLE <= whole <= _EXCEL_LAST:
        raise InvalidInput("date.bad_serial", value=_number_text(serial))
    return _EXCEL_EPOCH + timedelta(days=whole)


def parse_date(value: object) -> date:
    """A date from a spreadsheet cell: a date or datetime, an Excel serial (number, or digits in a CSV), or
    text in one of the written forms above. Raises `InvalidInput` ("date.bad" / "date.impossible")."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise InvalidInput("date.bad", value=str(value))
    if isinstance(value, int | float):
        return excel_serial_to_date(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern, groups in ((_SEPARATED, (1, 3, 4)), (_CHINESE, (1, 2, 3)), (_COMPACT, (1, 2, 3))):
        match = pattern.fullmatch(text)
        if match is not None:
            year, month, day = (int(match[group]) for group in groups)
            try:
                return date(year, month, day)
            except ValueError:
                raise InvalidInput("date.impossible", value=text) from None
    if _SERIAL.fullmatch(text):
        return excel_serial_to_date(float(text))
    raise InvalidInput("date.bad", value=text)


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
