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
from ruankao_desktop.core.services import audit, audit_spool
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.filters import Criteria, criteria_ids
from ruankao_desktop.core.store.models import Qualification
from ruankao_desktop.core.store.search import MatchField, SummaryRow, as_date, find, find_ids, rows_for_ids

# `Criteria` is the advanced search's input: the faces build it from their forms and options.
__all__ = ["DEFAULT_LIMIT", "CertificateSummary", "Criteria", "IdsOutcome", "LookupOutcome", "LookupService"]

DEFAULT_LIMIT = 500
# A results table holds ids only, so it can take far more hits than a printed list.
DEFAULT_ID_LIMIT = 100_000
_PINYIN = re.compile(r"[a-zA-Z]+(?: [a-zA-Z]+)*")
_DOCUMENT = re.compile(r"[A-Z0-9-]{4,30}")


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


@dataclass(frozen=True)
class IdsOutcome:
    """What a results table needs: the kind of search that found something, and the ids in order."""

    kind: MatchField
    ids: tuple[int, ...]
    notices: tuple[Notice, ...] = ()
    truncated: bool = False


@dataclass(frozen=True)
class LookupPlan:
    """The exact look-ups a query stands for, in order. `problem` is raised when none finds anything: an
    ID number with a wrong check character may still be someone's 管理号."""

    kind: MatchField
    steps: tuple[tuple[MatchField, str], ...]
    notices: tuple[Notice, ...] = ()
    limited: bool = False
    problem: InvalidInput | None = None


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
        """Recognise what `query` is and find the certificates it names (the command line's lookup).

        Raises `UsageError` for an empty query and `InvalidInput` when it is clearly meant as an ID number
        but breaks a rule (the message says which).
        """
        plan = self.plan(query)
        today = self._today()
        for match, value in plan.steps:
            rows = find(db.obj, match, value, limit=limit + 1 if plan.limited else None)
            if rows:
                summaries = tuple(self._summary(row, today) for row in rows[:limit])
                return LookupOutcome(match, summaries, plan.notices, truncated=len(rows) > limit)
        if plan.problem is not None:
            raise plan.problem
        return LookupOutcome(plan.kind, (), plan.notices)

    def lookup_ids(self, query: str, *, limit: int = DEFAULT_ID_LIMIT) -> IdsOutcome:
        """Like `lookup`, but only the certificate ids: a results table fetches the rows it shows with
        `summaries`, page by page."""
        plan = self.plan(query)
        for match, value in plan.steps:
            ids = find_ids(db.obj, match, value, limit=limit + 1)
            if ids:
                return IdsOutcome(match, tuple(ids[:limit]), plan.notices, truncated=len(ids) > limit)
        if plan.problem is not None:
            raise plan.problem
        return IdsOutcome(plan.kind, (), plan.notices)

    def search_ids(self, criteria: Criteria, *, limit: int = DEFAULT_ID_LIMIT) -> IdsOutcome:
        """The advanced form: every filled-in field narrows the search."""
        today = self._today()
        cutoffs = {
            qualification.id: cutoff
            for qualification in Qualification.select().where(Qualification.validity_years.is_null(False))
            if (cutoff := ValidityPolicy(qualification.validity_years).expired_if_approved_by(today))
        }
        ids = criteria_ids(db.obj, criteria, today=today, cutoffs=cutoffs, limit=limit + 1)
        return IdsOutcome(MatchField.NAME, tuple(ids[:limit]), truncated=len(ids) > limit)

    def summaries(self, ids: Sequence[int]) -> list[CertificateSummary]:
        """The certificates with these ids, in that order (ids that no longer exist are left out)."""
        today = self._today()
        return [self._summary(row, today) for row in rows_for_ids(db.obj, ids)]

    def plan(self, query: str) -> LookupPlan:
        """Which exact look-ups a query stands for, tried in order until one finds something."""
        compact = normalise_id(query)
        if not compact:
            raise UsageError("lookup.empty")
        if is_scientific_notation(compact):
            raise InvalidInput("id.scientific", value=compact)
        identifiers = (
            (MatchField.MANAGEMENT_NO, self._settings.management_no_pattern),
            (MatchField.CERT_NO, self._settings.cert_no_pattern),
        )
        if looks_like_resident_number(compact):
            try:
                parsed = parse_id(compact, id_type=IdType.RESIDENT, today=self._today())
            except InvalidInput as problem:
                # Not a valid ID number: perhaps a 管理号, or another document (a Taiwan permit is digits).
                steps = tuple((m, compact) for m, pattern in identifiers if pattern.fullmatch(compact))
                return LookupPlan(
                    MatchField.ID_NUMBER, (*steps, (MatchField.ID_NUMBER, compact)), problem=problem
                )
            return LookupPlan(MatchField.ID_NUMBER, ((MatchField.ID_NUMBER, parsed.value),), parsed.notices)
        for match, pattern in identifiers:
            if pattern.fullmatch(compact):
                return LookupPlan(match, ((match, compact), (MatchField.ID_NUMBER, compact)))
        if contains_cjk(query):
            return LookupPlan(MatchField.NAME, ((MatchField.NAME, validate_name(query)),), limited=True)
        text = normalise_name(query)
        if _PINYIN.fullmatch(text):
            pinyin = text.lower().replace(" ", "")
            either = ((MatchField.ID_NUMBER, compact), (MatchField.PINYIN, pinyin))
            return LookupPlan(MatchField.PINYIN, either, limited=True)
        if _DOCUMENT.fullmatch(compact):
            return LookupPlan(MatchField.ID_NUMBER, ((MatchField.ID_NUMBER, compact),))
        shown = mask_id(compact, STAFF_POLICY) if any(c.isdigit() for c in compact) else query.strip()
        raise InvalidInput("lookup.unrecognised", value=shown)

    def queue_lookup(self, actor: audit.Actor, query: str, *, kind: MatchField, results: int) -> None:
        """Keep the audit event of a lookup a person made (the query masked, never a full ID number) in
        the audit spool, on disk: call it before the answer is shown, then `write_queued`. It never
        waits for the database, so the answer is not held up by another desk's import."""
        masked = mask_id(normalise_id(query), STAFF_POLICY)
        audit_spool.queue(actor, "lookup", kind.value, {"query": masked, "results": results})

    def write_queued(self, actor: audit.Actor) -> Changed:
        """Write this database's queued audit events, oldest first, unless another desk holds the write
        lock for more than a moment: then the rest stay queued for the next drain (at the next start, or
        the window's next round). A lookup changes nothing a list shows, whichever happened."""
        audit_spool.drain()
        return Changed.of(ChangeKind.LOOKUP, actor)

    def has_queued(self) -> bool:
        """Whether audit events wait in the spool (a look at the folder, no query)."""
        return bool(audit_spool.pending())

    def _find(self, match: MatchField, value: str, *, limit: int | None = None) -> list[CertificateSummary]:
        today = self._today()
        return [self._summary(row, today) for row in find(db.obj, match, value, limit=limit)]

    def _summary(self, row: SummaryRow, today: date) -> CertificateSummary:
        valid_until = ValidityPolicy(row.validity_years).valid_until(as_date(row.approved_on))
        facts = CertificateFacts(
            arrived=row.arrived_on is not None,
            handover=HandoverMethod(row.handover) if row.handover else None,
            pickup_deadline=as_date(row.pickup_deadline),
            revoked=row.revoked_at is not None,
            superseded=row.successor is not None,
            reissue_pending=bool(row.reissue_pending),
            valid_until=valid_until,
        )
        return CertificateSummary(
            certificate_id=row.certificate_id,
            cert_no=row.cert_no,
            management_no=row.management_no,
            name=mask_name(row.name, self._policy),
            id_masked=mask_id(row.id_number, self._policy),
            qualification=row.qualification,
            level=row.level,
            session=row.session,
            state=derive_state(facts, today),
            valid_until=valid_until,
            issuer=row.issuer,
            superseded_by=row.successor,
            revocation_reason=row.revocation_reason,
        )
