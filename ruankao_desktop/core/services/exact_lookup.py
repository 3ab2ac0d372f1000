"""Which exact look-ups a typed number stands for (docs/architecture.md "Search", step 2): an ID number
(validated, the 15-digit card converted), or a 证书编号, 管理号 or document number of any format, the
configured patterns deciding only the order they are tried in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.ids import (
    IdNumber,
    IdType,
    is_scientific_notation,
    looks_like_resident_number,
    normalise_id,
    parse_id,
    parse_resident_number,
)
from ruankao_desktop.core.errors import InvalidInput, UsageError
from ruankao_desktop.core.messages import Notice
from ruankao_desktop.core.store.search import MatchField

_IDENTIFIER = re.compile(r"[A-Z0-9/-]{1,64}")
_SHORT_NUMBER = re.compile(r"\d{3,6}X?")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class LookupPlan:
    """The exact look-ups a query stands for, in order. `broken_id` is a number shaped like an ID number
    that is no valid one: what is wrong with it (`problem`) is said when no look-up finds anything, as an
    ID number with a wrong check character may still be someone's 管理号."""

    kind: MatchField
    steps: tuple[tuple[MatchField, str], ...]
    notices: tuple[Notice, ...] = ()
    broken_id: str | None = None

    def problem(self, today: date) -> InvalidInput | None:
        """Why `broken_id` is no ID number; worked out only when asked (it costs more than a seek)."""
        if self.broken_id is None:
            return None
        try:
            parse_id(self.broken_id, id_type=IdType.RESIDENT, today=today)
        except InvalidInput as problem:
            return problem
        return None


def exact_plan(query: str, settings: Settings, *, today: date) -> LookupPlan | None:
    """Which exact look-ups a query stands for, tried in order until one finds something; None when
    it is no identifier (a name, pinyin, several words)."""
    compact = normalise_id(query)
    if not compact:
        raise UsageError("lookup.empty")
    if "E" in compact and is_scientific_notation(compact):  # 1.10105E+17, as Excel shows a number
        raise InvalidInput("id.scientific", value=compact)
    if _SHORT_NUMBER.fullmatch(compact):
        return None  # the end of an ID number, or the start of a number: the search keys' forms
    if looks_like_resident_number(compact):
        # Only 15 or 18 characters can be a valid one; any other length is a 管理号, a 证书编号 or another
        # document's number, or an ID number typed short or long, which `problem` says if nothing is found.
        parsed = _valid_id(compact, today) if len(compact) in (15, 18) else None
        if parsed is not None:
            return LookupPlan(MatchField.ID_NUMBER, ((MatchField.ID_NUMBER, parsed.value),), parsed.notices)
        steps = (*_numbers_first(compact, settings), (MatchField.ID_NUMBER, compact))
        return LookupPlan(MatchField.ID_NUMBER, steps, broken_id=compact)
    if not _IDENTIFIER.fullmatch(compact) or not _DIGIT.search(compact):
        return None
    numbers = _numbers_first(compact, settings)
    return LookupPlan(numbers[0][0], (*numbers, (MatchField.ID_NUMBER, compact)))


def _valid_id(compact: str, today: date) -> IdNumber | None:
    try:
        return parse_resident_number(compact, today)
    except InvalidInput:
        return None


def _numbers_first(compact: str, settings: Settings) -> tuple[tuple[MatchField, str], ...]:
    """The 证书编号 and 管理号 look-ups, the one whose configured pattern the number fits first (any shape
    may be stored: identifiers are data, the patterns only decide the order); the 证书编号 first when
    both or neither fit."""
    fits_cert_no = settings.cert_no_pattern.fullmatch(compact) is not None
    if not fits_cert_no and settings.management_no_pattern.fullmatch(compact):
        return ((MatchField.MANAGEMENT_NO, compact), (MatchField.CERT_NO, compact))
    return ((MatchField.CERT_NO, compact), (MatchField.MANAGEMENT_NO, compact))
