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
    # Any shape may be stored (identifiers are data); the configured patterns only decide the order.
    patterns = {
        MatchField.CERT_NO: settings.cert_no_pattern,
        MatchField.MANAGEMENT_NO: settings.management_no_pattern,
    }
    ordered = sorted(patterns, key=lambda m: patterns[m].fullmatch(compact) is None)
    if looks_like_resident_number(compact):
        try:
            parsed = parse_id(compact, id_type=IdType.RESIDENT, today=today)
        except InvalidInput as problem:
            # Not a valid ID number: perhaps a 证书编号 or 管理号 of any format, or another document.
            steps = (*((m, compact) for m in ordered), (MatchField.ID_NUMBER, compact))
            return LookupPlan(MatchField.ID_NUMBER, steps, problem=problem)
        return LookupPlan(MatchField.ID_NUMBER, ((MatchField.ID_NUMBER, parsed.value),), parsed.notices)
    if not _IDENTIFIER.fullmatch(compact) or not any(char.isdigit() for char in compact):
        return None
    kind = next((m for m in ordered if patterns[m].fullmatch(compact)), MatchField.CERT_NO)
    steps = (*((m, compact) for m in ordered), (MatchField.ID_NUMBER, compact))
    return LookupPlan(kind, steps)
