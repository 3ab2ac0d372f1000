"""The overview (概览, docs/domain.md "Overview"): how many certificates are in each state, per session;
today's handovers; the overdue ones; the reissue applications waiting at each step; the certificates
expiring soon; the open enquiries.

The states are counted in one pass over the certificates: one grouped query of the facts a state is
derived from (revoked, a reissue running, expired, the handover, arrived), per session, with a few
thousand groups, each given its state by `derive_state` itself — so the overview cannot disagree with a
lookup. Only the certificates replaced by a reissue (few) are read one by one, to move them to 已补发.
Today's handovers are read off the index on `distribution.at`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from peewee import fn

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
        per_session = self._states(today)
        sessions = tuple(
            SessionCounts(row.id, row.code, row.name, _every_state(per_session.get(row.id, Counter())))
            for row in ExamSession.select().order_by(ExamSession.exam_date.desc(), ExamSession.id.desc())
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
            due_enquiries=len(enquiries.listed(due_only=True)),
        )

    def _states(self, today: date) -> dict[int, Counter[CertificateState]]:
        deadlines = {row.id: as_date(row.pickup_deadline) for row in ExamSession.select()}
        expired = expired_condition(expiry_cutoffs(db.obj, today))
        facts = (
            Certificate.session,
            Certificate.revoked_at.is_null(False),
            Certificate.reissue_pending,
            expired,
            Certificate.handover,
            Certificate.arrived_on.is_null(False),
        )
        grouped = cast(
            "Iterable[tuple[Any, ...]]",
            Certificate.select(*facts, fn.COUNT(Certificate.id)).group_by(*facts).tuples(),
        )
        per_session: dict[int, Counter[CertificateState]] = {}
        for row in grouped:
            *fact_row, count = row
            session_id = int(fact_row[0])
            per_session.setdefault(session_id, Counter())[_state_of(fact_row, deadlines, today)] += count
        # The certificates a reissue replaced: counted above by their other facts, 已补发 in truth.
        replaced = cast(
            "Iterable[tuple[Any, ...]]",
            Certificate.select(*facts)
            .join(Successor, on=Successor.supersedes == Certificate.id)
            .where(Certificate.revoked_at.is_null())
            .tuples(),
        )
        for replaced_row in replaced:
            counts = per_session[int(replaced_row[0])]
            counts[_state_of(list(replaced_row), deadlines, today)] -= 1
            counts[CertificateState.SUPERSEDED] += 1
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


def _state_of(row: list[Any], deadlines: dict[int, date | None], today: date) -> CertificateState:
    """The state of the certificates with the facts `row` (session, revoked, reissue running, expired,
    handover, arrived) on `today`."""
    session_id, revoked, pending, expired, handover, arrived = row
    facts = CertificateFacts(
        arrived=bool(arrived),
        handover=HandoverMethod(handover) if handover else None,
        pickup_deadline=deadlines.get(int(session_id)),
        revoked=bool(revoked),
        reissue_pending=bool(pending),
        # Expired stands for "valid until some day before today": yesterday will do.
        valid_until=today - timedelta(days=1) if expired else None,
    )
    return derive_state(facts, today)


def _every_state(counts: Counter[CertificateState]) -> dict[CertificateState, int]:
    return {state: counts.get(state, 0) for state in CertificateState}
