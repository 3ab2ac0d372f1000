"""The overview (概览, docs/domain.md "Overview"): how many certificates are in each state, per session;
today's handovers; the overdue ones; the reissue applications waiting at each step; the certificates
expiring soon; the open enquiries.

The states are counted without reading certificates one by one: every certificate grouped by session
and handover, and those not arrived, in the order of their indexes (migration 13); then the few whose
state a stronger fact decides (revoked, a reissue running, their term over, replaced by a reissue) are
grouped by those facts off their own indexes and moved to their state. Every group is given its state by
`derive_state` itself, so the overview cannot disagree with a lookup. Today's handovers are read off the
index on `distribution.at`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from peewee import SQL, fn

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.reissue import ReissueStatus
from ruankao_desktop.core.domain.status import (
    CertificateFacts,
    CertificateState,
    HandoverMethod,
    derive_state,
)
from ruankao_desktop.core.services.enquiries import EnquiryService
from ruankao_desktop.core.services.reissue_workflow import ReissueWorkflow
from ruankao_desktop.core.services.results import IdsOutcome
from ruankao_desktop.core.services.validity import ValidityService
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.filters import expired_condition, expiry_cutoffs
from ruankao_desktop.core.store.models import Certificate, Distribution, ExamSession
from ruankao_desktop.core.store.search import MatchField, Successor, as_date

EXPIRING_DAYS = 90


@dataclass(frozen=True)
class SessionCounts:
    session_id: int
    code: str
    name: str
    counts: dict[CertificateState, int]  # every state, zero included

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Overview:
    today: date
    states: dict[CertificateState, int]  # every state, zero included
    sessions: tuple[SessionCounts, ...]  # newest first
    handed_over_today: int
    overdue: int
    reissues: dict[ReissueStatus, int]  # submitted applications per step
    expiring: int  # valid today, ending within EXPIRING_DAYS
    open_enquiries: int
    due_enquiries: int

    @property
    def total(self) -> int:
        return sum(self.states.values())


class OverviewService:
    def __init__(self, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self._settings = settings
        self._today = today

    def overview(self) -> Overview:
        today = self._today()
        every_session = list(
            ExamSession.select().order_by(ExamSession.exam_date.desc(), ExamSession.id.desc())
        )
        per_session = self._states(today, {row.id: as_date(row.pickup_deadline) for row in every_session})
        sessions = tuple(
            SessionCounts(row.id, row.code, row.name, _every_state(per_session[row.id]))
            for row in every_session
            if row.id in per_session
        )
        states = _every_state(sum((per_session[s.session_id] for s in sessions), Counter()))
        enquiries = EnquiryService(today=self._today)
        return Overview(
            today=today,
            states=states,
            sessions=sessions,
            handed_over_today=self._handed_over_today(today),
            overdue=states[CertificateState.OVERDUE],
            reissues=ReissueWorkflow(self._settings, today=self._today).counts(),
            expiring=ValidityService(self._settings, today=self._today).expiring_count(EXPIRING_DAYS),
            open_enquiries=enquiries.open_count(),
            due_enquiries=enquiries.due_count(),
        )

    def counts_of(self, session: ExamSession) -> SessionCounts:
        """One session's certificates counted per state, as the overview counts them (off the same
        indexes, narrowed to the session)."""
        deadlines = {session.id: as_date(session.pickup_deadline)}
        counted = self._states(self._today(), deadlines, only=session.id).get(session.id, Counter())
        return SessionCounts(session.id, session.code, session.name, _every_state(counted))

    def _states(
        self, today: date, deadlines: dict[int, date | None], *, only: int | None = None
    ) -> dict[int, Counter[CertificateState]]:
        """The certificates of each session (or of session `only`) counted per state, without reading
        them one by one; the sessions' pickup deadlines are `deadlines` (a session missing from it has
        none)."""

        def certificates() -> Any:
            query = Certificate.select()
            return query if only is None else query.where(Certificate.session == only)

        def elsewhere(session_id: int) -> bool:
            return only is not None and session_id != only

        # 1. Every certificate by (session, handover, arrived), off the indexes of migration 13.
        buckets: Counter[tuple[int, str | None, bool]] = Counter()
        for session_id, handover, count in _grouped(
            certificates(), Certificate.session, Certificate.handover
        ):
            buckets[(session_id, handover, True)] += count
        waiting = certificates().where(Certificate.arrived_on.is_null())
        for session_id, handover, count in _grouped(waiting, Certificate.session, Certificate.handover):
            buckets[(session_id, handover, True)] -= count
            buckets[(session_id, handover, False)] += count
        # 2. The few whose state a stronger fact decides: revoked, a reissue running, their term over,
        # replaced by a reissue. Each is moved out of its bucket to the state derive_state gives it.
        per_session: dict[int, Counter[CertificateState]] = {}
        cutoffs = expiry_cutoffs(db.obj, today)
        expired = expired_condition(cutoffs)
        # The stronger facts first: grouped by (session, handover) first, SQLite would read every
        # certificate in that index's order to save a sort, rather than the few off their own index.
        facts = (
            Certificate.revoked_at.is_null(False),
            Certificate.reissue_pending,
            expired,
            Certificate.arrived_on.is_null(False),
            Certificate.session,
            Certificate.handover,
        )
        # Not narrowed to `only` in SQL: the planner would then read the session's certificates off the
        # session's index rather than the few off the fact's own; the other sessions' groups are skipped.
        for rank, stronger in enumerate(_stronger(cutoffs)):
            for row in _grouped(stronger, *facts):
                revoked, pending, is_expired, arrived, session_id, handover, count = row
                if (revoked and rank > 0) or (pending and rank > 1) or elsewhere(session_id):
                    continue  # counted by the query of its stronger fact, or another session's
                buckets[(session_id, handover, bool(arrived))] -= count
                state = _state_of(
                    session_id, handover, arrived, deadlines, today, revoked, pending, is_expired
                )
                per_session.setdefault(session_id, Counter())[state] += count
        # Driven from the successors (few, off the index on `supersedes`), not from every certificate.
        replaced_ids = Successor.select(Successor.supersedes).where(Successor.supersedes.is_null(False))
        replaced = Certificate.select().where(
            Certificate.id.in_(replaced_ids) & Certificate.revoked_at.is_null()
        )
        for revoked, pending, is_expired, arrived, session_id, handover, count in _grouped(replaced, *facts):
            if elsewhere(session_id):
                continue
            counts = per_session.setdefault(session_id, Counter())
            if revoked or pending or is_expired:  # moved above already: move it on from there
                counts[
                    _state_of(session_id, handover, arrived, deadlines, today, revoked, pending, is_expired)
                ] -= count
            else:
                buckets[(session_id, handover, bool(arrived))] -= count
            counts[CertificateState.SUPERSEDED] += count
        # 3. The rest: their state is where the paper is.
        for (session_id, handover, arrived), count in buckets.items():
            if count:
                state = _state_of(session_id, handover, arrived, deadlines, today)
                per_session.setdefault(session_id, Counter())[state] += count
        return per_session

    def handed_over_today(self, *, limit: int = 10_000) -> IdsOutcome:
        """The certificates handed over today, the latest first (the list behind that figure)."""
        query = _handovers_on(self._today()).order_by(Distribution.at.desc())
        ids = tuple(dict.fromkeys(row.certificate_id for row in query.limit(limit + 1)))
        return IdsOutcome(MatchField.NAME, ids[:limit], truncated=len(ids) > limit)

    @staticmethod
    def _handed_over_today(today: date) -> int:
        return int(_handovers_on(today).count())


def _handovers_on(day: date) -> Any:
    """The handovers recorded on `day` and not undone (read off the index on `distribution.at`)."""
    start = datetime.combine(day, datetime.min.time())
    return Distribution.select(Distribution.certificate).where(
        (Distribution.at >= start)
        & (Distribution.at < start + timedelta(days=1))
        & (Distribution.event == "handover")
        & Distribution.undone_at.is_null()
    )


def _stronger(cutoffs: dict[int, date]) -> list[Any]:
    """The certificates revoked, then those with a reissue running, then those past their term: each
    read off its own index (one OR of them would read every certificate, and a negation of the others
    sends the planner to the wrong index); a certificate in an earlier one is skipped in a later one."""
    past_term = [
        (Certificate.qualification == qualification_id) & (Certificate.approved_on <= cutoff.isoformat())
        for qualification_id, cutoff in cutoffs.items()
    ]
    return [
        Certificate.select().where(Certificate.revoked_at.is_null(False)),
        Certificate.select().where(Certificate.reissue_pending == True),  # noqa: E712 (a SQL expression)
        *(Certificate.select().where(term) for term in past_term),
    ]


def _grouped(query: Any, *columns: Any) -> Iterable[tuple[Any, ...]]:
    """`query`'s certificates counted per value of `columns`: rows of the values and the count."""
    # By position: an expression with parameters (past a term's cutoff) is not the same expression to
    # PostgreSQL in GROUP BY as in SELECT, its parameters numbered anew.
    positions = [SQL(str(index)) for index in range(1, len(columns) + 1)]
    grouped = query.select(*columns, fn.COUNT(SQL("*"))).group_by(*positions).tuples()
    return cast("Iterable[tuple[Any, ...]]", grouped)


def _state_of(  # noqa: PLR0917 (the facts of a state, positionally as the grouped rows give them)
    session_id: int,
    handover: str | None,
    arrived: object,
    deadlines: dict[int, date | None],
    today: date,
    revoked: object = False,
    pending: object = False,
    expired: object = False,
) -> CertificateState:
    facts = CertificateFacts(
        arrived=bool(arrived),
        handover=HandoverMethod(handover) if handover else None,
        pickup_deadline=deadlines.get(session_id),
        revoked=bool(revoked),
        reissue_pending=bool(pending),
        # Expired stands for "valid until some day before today": yesterday will do.
        valid_until=today - timedelta(days=1) if expired else None,
    )
    return derive_state(facts, today)


def _every_state(counts: Counter[CertificateState]) -> dict[CertificateState, int]:
    return {state: counts.get(state, 0) for state in CertificateState}
