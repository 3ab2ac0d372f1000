"""What a spreadsheet cell holds, as the row checks need it: plain values, identifiers that keep every
digit, and values as reports may show them (masked).

Excel stores a number in binary floating point and keeps 15 significant digits, so an ID number or 管理号
in a *number* cell of 16 digits or more has lost its last digits: it is refused, never rounded back.
An integer cell (software that writes integers exactly) keeps every digit and is read as text. A
formula is refused — its cached value may be stale — except the common `="…"` idiom, which only wraps a
literal text so that Excel keeps its digits.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

from ruankao_desktop.core.domain.masking import STAFF_POLICY, MaskPolicy, mask_id, mask_name, mask_phone
from ruankao_desktop.core.importing.columns import Field
from ruankao_desktop.core.importing.sources import CellError, Formula

# Excel keeps 15 significant digits; a float of 16 digits or more may have lost its last ones.
EXACT_FLOAT_LIMIT = 10**15
NAME_MASK = MaskPolicy(0, 0, mask_names=True)
SHOWN_VALUE_LENGTH = 60
ERROR_TEXTS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})
_TEXT_FORMULA = re.compile(r'=\s*"([^"]*)"')
_SPACES = re.compile(r"\s+")


class CellProblem(Exception):
    """A cell value that cannot be used as it is; `code` and `params` make the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def plain(value: object) -> object:
    """The value behind a cell; `CellProblem` for a formula or an error value."""
    if isinstance(value, Formula):
        literal = _TEXT_FORMULA.fullmatch(value.text)
        if literal is None:
            raise CellProblem("import.cell_formula")
        return literal[1]
    if isinstance(value, CellError):
        raise CellProblem("import.cell_error", value=value.text)
    if isinstance(value, str):
        if value in ERROR_TEXTS:
            raise CellProblem("import.cell_error", value=value)
        if value.startswith("="):
            literal = _TEXT_FORMULA.fullmatch(value)
            if literal is not None:
                return literal[1]
    return value


def is_plain_text(value: object) -> bool:
    """Text that `plain` returns unchanged: not a `="…"` idiom, not an error value."""
    return type(value) is str and not value.startswith("=") and value not in ERROR_TEXTS


def text(value: object) -> str:
    """A cell as trimmed text ("" for an empty cell); a whole number without ".0"."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def identifier_text(value: object) -> str:
    """An identifier cell (ID number, 证书编号, 管理号) as text with every digit, or `CellProblem`."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not value.is_integer():
            return repr(value)
        if abs(value) >= EXACT_FLOAT_LIMIT:
            raise CellProblem("import.digits_lost")
        return str(int(value))
    stripped = str(value).strip()
    # A leading apostrophe is how people force Excel to keep a number as text.
    return stripped[1:] if stripped.startswith("'") else stripped


def identifier(value: object) -> str:
    """证书编号 / 管理号 as stored: no spaces, full-width turned half-width, letters upper-case. Text that
    stays non-ASCII is left as it is (`str.upper` would turn ß into SS), for the row check to refuse it
    showing the very character."""
    found = identifier_text(value)
    if not found.isascii():
        found = unicodedata.normalize("NFKC", found)
    found = _SPACES.sub("", found)
    return found.upper() if found.isascii() else found


def cell_text(value: object) -> str:
    """A cell as a message shows it."""
    if value is None:
        return ""
    if isinstance(value, Formula | CellError):
        return value.text
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < EXACT_FLOAT_LIMIT else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    return str(value)


def mask_value(field: Field, shown: str) -> str:
    """A cell's value as reports show it: ID numbers 前6后4, names 张*, phones 138****8000; other values
    (not personal) as they are, shortened."""
    if field is Field.ID_NUMBER:
        return mask_id(_SPACES.sub("", unicodedata.normalize("NFKC", shown)).upper(), STAFF_POLICY)
    if field is Field.NAME:
        return mask_name(shown.strip(), NAME_MASK)
    if field is Field.PHONE:
        return mask_phone(shown)
    shown = " ".join(shown.split())
    return shown if len(shown) <= SHOWN_VALUE_LENGTH else shown[: SHOWN_VALUE_LENGTH - 1] + "…"
