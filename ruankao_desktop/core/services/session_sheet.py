"""One exam session as the desk works through it (docs/domain.md "Handing certificates over"): its dates
(exam, expected and actual arrival, pickup deadline), its certificates counted per state as the overview
counts them, and a page of its certificates in one state or matching what was typed — the list the clerk
marks arrived from and hands over from.

The page is read the way a lookup reads: by the advanced search's criteria (session and state) when
nothing is typed, else by the one-field search narrowed to the session and the state, so a name, a
certificate number or the last digits of an ID number find the person in the session. Numbers are masked
as on any staff screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from peewee import fn

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.overview import OverviewService
from ruankao_desktop.core.services.results import CertificateSummary
from ruankao_desktop.core.store.filters import Criteria
from ruankao_desktop.core.store.finder import Filters
from ruankao_desktop.core.store.models import Certificate, ExamSession
from ruankao_desktop.core.store.search import as_date

PAGE = 500  # certificates a sheet lists; the counts and the total say how many there are


@dataclass(frozen=True)
class SessionDates:
    session_id: int
    code: str
    name: str
    exam_date: date | None
    expected_arrival: date | None
    actual_arrival: date | None
    pickup_deadline: date | None


@dataclass(frozen=True)
class SessionSheet:
    dates: SessionDates
    counts: dict[CertificateState, int]  # every state, zero included
    state: CertificateState | None  # what the page is narrowed to
    rows: tuple[CertificateSummary, ...]
    total: int  # every certificate the page stands for (the rows are the first `PAGE`)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


class SessionSheetService:
    def __init__(self, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self._lookup = LookupService(settings, today=today)
        self._overview = OverviewService(settings, today=today)

    def sheet(
        self,
        session_id: int,
        *,
        state: CertificateState | None = None,
        query: str = "",
        actor: audit.Actor | None = None,
        limit: int = PAGE,
    ) -> SessionSheet:
        """The session's dates, counts and first `limit` certificates in `state` (any, when None) that
        match `query` (all, when empty); a query is audited as a lookup by `actor`, when given.
        `InvalidInput` for a session that no longer exists, or a query that breaks a rule (its message
        says which)."""
        found = ExamSession.get_or_none(ExamSession.id == session_id)
        if found is None:
            raise InvalidInput("arrival.no_session", session=session_id)
        counted = self._overview.counts_of(found)
        query = query.strip()
        if query:
            result = self._lookup.search(
                query,
                filters=Filters(session_ids=(session_id,), state=state),
                limit=limit,
                counts=False,
                actor=actor,
            )
            if result.problem is not None:
                raise result.problem
            rows = tuple(hit.summary for hit in result.hits)
            total = result.total
        else:
            outcome = self._lookup.search_ids(Criteria(session_id=session_id, state=state), limit=limit)
            rows = tuple(self._lookup.summaries(outcome.ids))
            total = counted.counts[state] if state is not None else counted.total
        return SessionSheet(_dates(found), counted.counts, state, rows, total)


def working_session() -> int | None:
    """The session the desk is working through: the newest with a certificate still to hand over (not
    handed over, not revoked, no reissue running), else the newest with certificates; None without any."""
    newest = ExamSession.select(ExamSession.id).order_by(ExamSession.exam_date.desc(), ExamSession.id.desc())
    has = Certificate.select(Certificate.id).where(Certificate.session == ExamSession.id)
    still = (
        Certificate.handover.is_null()
        & Certificate.revoked_at.is_null()
        & (Certificate.reissue_pending == False)  # noqa: E712 (a SQL expression)
    )
    for narrowed in (has.where(still), has):
        found = newest.where(fn.EXISTS(narrowed)).first()
        if found is not None:
            return int(found.id)
    return None


def _dates(session: ExamSession) -> SessionDates:
    return SessionDates(
        session.id,
        session.code,
        session.name,
        as_date(session.exam_date),
        as_date(session.expected_arrival),
        as_date(session.actual_arrival),
        as_date(session.pickup_deadline),
    )
