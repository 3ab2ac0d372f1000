"""What a lookup gives back: each certificate as a summary in plain words, the hits of a search with why
they matched, near misses of a mistyped number, and what a results table holds (ids)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.messages import Language, Notice, render
from ruankao_desktop.core.services.guidance import Hint
from ruankao_desktop.core.services.search_plan import Detected, Matched
from ruankao_desktop.core.store.near_miss import Edit
from ruankao_desktop.core.store.search import MatchField


class CertificateSummary(NamedTuple):
    """One certificate as a lookup shows it; ID number and name already masked for the surface. A named
    tuple, not a frozen dataclass, which took four times as long to make: one is made per row shown."""

    certificate_id: int
    cert_no: str
    management_no: str
    name: str
    id_masked: str
    qualification: str
    level: str
    session: str
    state: CertificateState
    valid_until: date | None
    issuer: str
    superseded_by: str | None
    revocation_reason: str | None

    def state_text(self, lang: Language = "zh") -> str:
        return self.state.text(lang)

    def level_text(self, lang: Language = "zh") -> str:
        return render(f"level.{self.level}", lang)

    def valid_until_text(self, lang: Language = "zh") -> str:
        return self.valid_until.isoformat() if self.valid_until else render("validity.long_term", lang)

    def as_json(self, lang: Language = "zh") -> dict[str, Any]:
        """The stable JSON shape of `lookup --json` (README "CLI")."""
        return {
            "cert_no": self.cert_no,
            "management_no": self.management_no,
            "name": self.name,
            "id_masked": self.id_masked,
            "qualification": self.qualification,
            "level": self.level_text(lang),
            "session": self.session,
            "state": self.state.value,
            "state_text": self.state_text(lang),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "issuer": self.issuer,
        }


@dataclass(frozen=True)
class Hit:
    """A certificate a search found, and why."""

    summary: CertificateSummary
    matched: Matched

    def as_json(self, lang: Language = "zh") -> dict[str, Any]:
        return {**self.summary.as_json(lang), "matched": self.matched.as_json()}


@dataclass(frozen=True)
class Suggestion:
    """A certificate whose number is one character away from what was typed: offered, never a hit."""

    summary: CertificateSummary
    field: str  # cert_no / management_no
    edit: Edit
    marked: tuple[str, str, str]  # the stored number before, at and after the differing character

    def reason(self, lang: Language = "zh") -> str:
        before, middle, after = self.marked
        number = f"{before}[{middle}]{after}" if middle else f"{before}[]{after}"
        return render(
            f"suggestion.{self.edit.value}",
            lang,
            field=render(f"kind.{self.field}", lang),
            number=number,
            name=self.summary.name,
        )

    def as_json(self, lang: Language = "zh") -> dict[str, Any]:
        return {
            **self.summary.as_json(lang),
            "reason": self.reason(lang),
            "field": self.field,
            "edit": self.edit.value,
        }


@dataclass(frozen=True)
class SearchResult:
    """What one search found: the first page of hits (`total` counts them all), the counts per state when
    asked for, near misses of a mistyped number, and when nothing was found the likely reasons. A query
    that broke a rule (an ID number with a wrong check digit) has its `problem` and no hits."""

    query: str
    detected: Detected
    hits: tuple[Hit, ...] = ()
    total: int = 0
    counts_by_state: Mapping[CertificateState, int] | None = None
    suggestions: tuple[Suggestion, ...] = ()
    notices: tuple[Notice, ...] = ()
    hints: tuple[Hint, ...] = ()
    problem: InvalidInput | None = None
    exact_ids: tuple[int, ...] | None = None  # every hit, when an identifier found them (no more to fetch)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.hits)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(hit.summary.certificate_id for hit in self.hits)

    def detected_text(self, lang: Language = "zh") -> str:
        return self.detected.text(lang)

    def as_ids(self, ids: Sequence[int] | None = None) -> IdsOutcome:
        """What a results table holds: the first page's ids, or `ids` (every hit's, from `more`)."""
        shown = tuple(ids) if ids is not None else self.ids
        return IdsOutcome(MatchField.NAME, shown, self.notices, truncated=len(shown) < self.total)


@dataclass(frozen=True)
class More:
    """The rest of a search: every hit's id in rank order (at most the limit) and the counts per state."""

    ids: tuple[int, ...]
    counts_by_state: Mapping[CertificateState, int]
    truncated: bool


@dataclass(frozen=True)
class IdsOutcome:
    """What a results table needs: the kind of search that found something, and the ids in order."""

    kind: MatchField
    ids: tuple[int, ...]
    notices: tuple[Notice, ...] = ()
    truncated: bool = False
