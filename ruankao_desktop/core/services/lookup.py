"""Finding certificates: what was typed is recognised (ID number, 证书编号, 管理号, name, pinyin) and
looked up by exact index seeks; each result carries its derived state in plain words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.ids import (
    IdType,
    is_scientific_notation,
    looks_like_resident_number,
    normalise_id,
    parse_id,
)
from ruankao_desktop.core.domain.masking import STAFF_POLICY, Surface, mask_id, mask_name
from ruankao_desktop.core.domain.names import contains_cjk, normalise_name, validate_name
from ruankao_desktop.core.domain.status import (
    CertificateFacts,
    CertificateState,
    HandoverMethod,
    derive_state,
)
from ruankao_desktop.core.domain.validity import ValidityPolicy
from ruankao_desktop.core.errors import InvalidInput, UsageError
from ruankao_desktop.core.messages import Language, Notice, render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.search import MatchField, as_date, find

DEFAULT_LIMIT = 500
_PINYIN = re.compile(r"[a-zA-Z]+(?: [a-zA-Z]+)*")


@dataclass(frozen=True)
class CertificateSummary:
    """One certificate as a lookup shows it; ID number and name already masked for the surface."""

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
class LookupOutcome:
    kind: MatchField
    results: tuple[CertificateSummary, ...]
    notices: tuple[Notice, ...] = ()
    truncated: bool = False

    def kind_text(self, lang: Language = "zh") -> str:
        return render(f"kind.{self.kind.value}", lang)


class LookupService:
    """Exact look-ups (`by_*`) and the forgiving one-field `lookup` that decides which to run."""

    def __init__(
        self,
        settings: Settings,
        *,
        surface: Surface = Surface.STAFF,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._settings = settings
        self._policy = settings.mask_policy(surface)
        self._today = today

    def by_id_number(self, value: str) -> list[CertificateSummary]:
        return self._find(MatchField.ID_NUMBER, value)

    def by_cert_no(self, value: str) -> list[CertificateSummary]:
        return self._find(MatchField.CERT_NO, value)

    def by_management_no(self, value: str) -> list[CertificateSummary]:
        return self._find(MatchField.MANAGEMENT_NO, value)

    def by_name(self, value: str, *, limit: int = DEFAULT_LIMIT) -> list[CertificateSummary]:
        return self._find(MatchField.NAME, value, limit=limit)

    def by_pinyin(self, value: str, *, limit: int = DEFAULT_LIMIT) -> list[CertificateSummary]:
        return self._find(MatchField.PINYIN, value.lower().replace(" ", ""), limit=limit)

    def lookup(self, query: str, *, limit: int = DEFAULT_LIMIT) -> LookupOutcome:
        """Recognise what `query` is and find the certificates it names.

        Raises `UsageError` for an empty query and `InvalidInput` when it is clearly meant as an ID number
        but breaks a rule (the message says which).
        """
        compact = normalise_id(query)
        if not compact:
            raise UsageError("lookup.empty")
        if is_scientific_notation(compact):
            raise InvalidInput("id.scientific", value=compact)
        if looks_like_resident_number(compact):
            return self._lookup_digits(compact)
        for match, pattern in (
            (MatchField.MANAGEMENT_NO, self._settings.management_no_pattern),
            (MatchField.CERT_NO, self._settings.cert_no_pattern),
        ):
            if pattern.fullmatch(compact):
                found = self._find(match, compact) or self._find(MatchField.ID_NUMBER, compact)
                return LookupOutcome(match, tuple(found))
        if contains_cjk(query):
            name = validate_name(query)
            return self._limited(MatchField.NAME, self.by_name(name, limit=limit + 1), limit)
        text = normalise_name(query)
        if _PINYIN.fullmatch(text):
            found = self._find(MatchField.ID_NUMBER, compact) or self.by_pinyin(text, limit=limit + 1)
            return self._limited(MatchField.PINYIN, found, limit)
        if re.fullmatch(r"[A-Z0-9-]{4,30}", compact):
            return LookupOutcome(MatchField.ID_NUMBER, tuple(self._find(MatchField.ID_NUMBER, compact)))
        shown = mask_id(compact, STAFF_POLICY) if any(c.isdigit() for c in compact) else query.strip()
        raise InvalidInput("lookup.unrecognised", value=shown)

    def _lookup_digits(self, digits: str) -> LookupOutcome:
        """Digits (and a final X): an ID number when valid; else maybe a 管理号 or another ID type."""
        try:
            parsed = parse_id(digits, id_type=IdType.RESIDENT, today=self._today())
        except InvalidInput as problem:
            for match, pattern in (
                (MatchField.MANAGEMENT_NO, self._settings.management_no_pattern),
                (MatchField.CERT_NO, self._settings.cert_no_pattern),
            ):
                if pattern.fullmatch(digits) and (found := self._find(match, digits)):
                    return LookupOutcome(match, tuple(found))
            if found := self._find(MatchField.ID_NUMBER, digits):  # a Taiwan permit is 8 digits
                return LookupOutcome(MatchField.ID_NUMBER, tuple(found))
            raise problem from None
        return LookupOutcome(MatchField.ID_NUMBER, tuple(self.by_id_number(parsed.value)), parsed.notices)

    def record_lookup(self, actor: audit.Actor, query: str, outcome: LookupOutcome) -> None:
        """Leave the audit event of a lookup a person made (the query masked, never a full ID number)."""
        audit.record(
            actor,
            "lookup",
            outcome.kind.value,
            {"query": mask_id(normalise_id(query), STAFF_POLICY), "results": len(outcome.results)},
        )

    def _limited(self, kind: MatchField, found: list[CertificateSummary], limit: int) -> LookupOutcome:
        return LookupOutcome(kind, tuple(found[:limit]), truncated=len(found) > limit)

    def _find(self, match: MatchField, value: str, *, limit: int | None = None) -> list[CertificateSummary]:
        today = self._today()
        return [self._summary(row, today) for row in find(db.obj, match, value, limit=limit)]

    def _summary(self, row: Sequence[Any], today: date) -> CertificateSummary:
        (
            certificate_id,
            cert_no,
            management_no,
            name,
            id_number,
            qualification,
            level,
            validity_years,
            session,
            pickup_deadline,
            approved_on,
            issuer,
            arrived_on,
            handover,
            reissue_pending,
            revoked_at,
            revocation_reason,
            successor,
        ) = row
        valid_until = ValidityPolicy(validity_years).valid_until(as_date(approved_on))
        facts = CertificateFacts(
            arrived=arrived_on is not None,
            handover=HandoverMethod(handover) if handover else None,
            pickup_deadline=as_date(pickup_deadline),
            revoked=revoked_at is not None,
            superseded=successor is not None,
            reissue_pending=bool(reissue_pending),
            valid_until=valid_until,
        )
        return CertificateSummary(
            certificate_id=certificate_id,
            cert_no=cert_no,
            management_no=management_no,
            name=mask_name(name, self._policy),
            id_masked=mask_id(id_number, self._policy),
            qualification=qualification,
            level=level,
            session=session,
            state=derive_state(facts, today),
            valid_until=valid_until,
            issuer=issuer,
            superseded_by=successor,
            revocation_reason=revocation_reason,
        )
