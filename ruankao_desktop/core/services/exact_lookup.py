"""Which exact look-ups a typed number stands for (docs/architecture.md "Search", step 2): an ID number
(validated, the 15-digit card converted), or a 证书编号, 管理号 or document number of any format, the
configured patterns deciding only the order they are tried in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.ids import (
    IdType,
    is_scientific_notation,
    looks_like_resident_number,
    normalise_id,
    parse_id,
)
from ruankao_desktop.core.errors import InvalidInput, UsageError
from ruankao_desktop.core.messages import Notice
from ruankao_desktop.core.store.search import MatchField

_IDENTIFIER = re.compile(r"[A-Z0-9/-]{1,64}")
_SHORT_NUMBER = re.compile(r"\d{3,6}X?")


@dataclass(frozen=True)
class LookupPlan:
    """The exact look-ups a query stands for, in order. `problem` is raised when none finds anything: an
    ID number with a wrong check character may still be someone's 管理号."""

    kind: MatchField
    steps: tuple[tuple[MatchField, str], ...]
    notices: tuple[Notice, ...] = ()
    problem: InvalidInput | None = None


def exact_plan(query: str, settings: Settings, *, today: date) -> LookupPlan | None:
    """Which exact look-ups a query stands for, tried in order until one finds something; None when
    it is no identifier (a name, pinyin, several words)."""
    compact = normalise_id(query)
    if not compact:
        raise UsageError("lookup.empty")
    if is_scientific_notation(compact):
        raise InvalidInput("id.scientific", value=compact)
    if _SHORT_NUMBER.fullmatch(compact):
        return None  # the end of an ID number, or the start of a number: the search keys' forms
    if looks_like_resident_number(compact):
        try:
            parsed = parse_id(compact, id_type=IdType.RESIDENT, today=today)
        except InvalidInput as problem:
            # Not a valid ID number: perhaps a 证书编号 or 管理号 of any format, or another document.
            steps = (*_numbers_first(compact, settings), (MatchField.ID_NUMBER, compact))
            return LookupPlan(MatchField.ID_NUMBER, steps, problem=problem)
        return LookupPlan(MatchField.ID_NUMBER, ((MatchField.ID_NUMBER, parsed.value),), parsed.notices)
    if not _IDENTIFIER.fullmatch(compact) or not any(char.isdigit() for char in compact):
        return None
    numbers = _numbers_first(compact, settings)
    return LookupPlan(numbers[0][0], (*numbers, (MatchField.ID_NUMBER, compact)))


def _numbers_first(compact: str, settings: Settings) -> tuple[tuple[MatchField, str], ...]:
    """The 证书编号 and 管理号 look-ups, the one whose configured pattern the number fits first (any shape
    may be stored: identifiers are data, the patterns only decide the order); the 证书编号 first when
    both or neither fit."""
    fits_cert_no = settings.cert_no_pattern.fullmatch(compact) is not None
    if not fits_cert_no and settings.management_no_pattern.fullmatch(compact):
        return ((MatchField.MANAGEMENT_NO, compact), (MatchField.CERT_NO, compact))
    return ((MatchField.CERT_NO, compact), (MatchField.MANAGEMENT_NO, compact))
