"""Advanced search: several fields at once, and the certificate state as a database condition.

A state is derived from facts (`core.domain.status.derive_state`); to filter a million certificates by
state without deriving each one, the same precedence is written here as SQL conditions. A test checks the
two agree on every certificate of the demo database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_
from typing import Any, TypeAlias

from peewee import Database, Value, fn

from ruankao_desktop.core.domain.status import CertificateState, HandoverMethod
from ruankao_desktop.core.domain.validity import ValidityPolicy
from ruankao_desktop.core.store.models import Certificate, ExamSession, Holder, Qualification
from ruankao_desktop.core.store.search import Successor, now_or_formerly, summary_select


@dataclass(frozen=True)
class Criteria:
    """What the advanced form asks for; empty fields do not narrow the search. Values are normalised."""

    name: str | None = None
    id_number: str | None = None
    cert_no: str | None = None
    management_no: str | None = None
    session_id: int | None = None
    qualification_id: int | None = None
    state: CertificateState | None = None

    def is_empty(self) -> bool:
        return all(value is None for value in self.__dict__.values())


# peewee's expression operators are untyped: a condition is whatever they build.
Condition: TypeAlias = Any
_FALSE = Value(1) == Value(0)


def expiry_cutoffs(database: Database, today: date) -> dict[int, date]:
    """The approval date on or before which each qualification with a term has expired on `today`
    (one plain query: it runs with every search)."""
    rows = database.execute_sql(
        "SELECT id, validity_years FROM qualification WHERE validity_years IS NOT NULL"
    )
    return {
        qualification_id: cutoff
        for qualification_id, years in rows.fetchall()
        if (cutoff := ValidityPolicy(years).expired_if_approved_by(today))
    }


def expired_condition(cutoffs: Mapping[int, date]) -> Condition:
    """Certificates whose qualification has a term and which were approved on or before its cutoff
    (`ValidityPolicy.expired_if_approved_by`), keyed by qualification id."""
    terms = [
        (Certificate.qualification == qualification_id) & (Certificate.approved_on <= cutoff.isoformat())
        for qualification_id, cutoff in cutoffs.items()
    ]
    if not terms:
        return _FALSE
    return Certificate.approved_on.is_null(False) & reduce(or_, terms)


def state_condition(state: CertificateState, *, today: date, cutoffs: Mapping[int, date]) -> Condition:
    """The SQL form of `derive_state(...) == state` (same precedence, same facts)."""
    revoked = Certificate.revoked_at.is_null(False)
    superseded = fn.EXISTS(Successor.select(Successor.id).where(Successor.supersedes == Certificate.id))
    pending = Certificate.reissue_pending == True  # noqa: E712 (a SQL expression, not a comparison)
    expired = expired_condition(cutoffs)
    if state is CertificateState.REVOKED:
        return revoked
    if state is CertificateState.SUPERSEDED:
        return ~revoked & superseded
    if state is CertificateState.REISSUE_IN_PROGRESS:
        return ~revoked & ~superseded & pending
    if state is CertificateState.EXPIRED:
        return ~revoked & ~superseded & ~pending & expired
    active = ~revoked & ~superseded & ~pending & ~expired
    handovers = {
        CertificateState.COLLECTED: (HandoverMethod.SELF,),
        CertificateState.COLLECTED_BY_PROXY: (HandoverMethod.PROXY, HandoverMethod.UNIT),
        CertificateState.MAILED: (HandoverMethod.MAIL,),
    }
    if state in handovers:
        return active & Certificate.handover.in_([method.value for method in handovers[state]])
    waiting = active & Certificate.handover.is_null()
    if state is CertificateState.NOT_ARRIVED:
        return waiting & Certificate.arrived_on.is_null()
    deadline = ExamSession.pickup_deadline
    past_deadline = deadline.is_null(False) & (deadline < today.isoformat())
    if state is CertificateState.OVERDUE:
        return waiting & Certificate.arrived_on.is_null(False) & past_deadline
    return waiting & Certificate.arrived_on.is_null(False) & ~past_deadline


def criteria_ids(
    database: Database, criteria: Criteria, *, today: date, cutoffs: Mapping[int, date], limit: int
) -> list[int]:
    """Ids of the certificates matching every filled-in field, newest session first, at most `limit`."""
    conditions: list[Condition] = []
    if criteria.name is not None:
        conditions.append(now_or_formerly(Holder.name, "name", criteria.name))
    if criteria.id_number is not None:
        conditions.append(now_or_formerly(Holder.id_number, "id_number", criteria.id_number))
    if criteria.cert_no is not None:
        conditions.append(Certificate.cert_no == criteria.cert_no)
    if criteria.management_no is not None:
        conditions.append(Certificate.management_no == criteria.management_no)
    if criteria.session_id is not None:
        conditions.append(Certificate.session == criteria.session_id)
    if criteria.qualification_id is not None:
        conditions.append(
            (Certificate.qualification == criteria.qualification_id)
            | (Qualification.successor == criteria.qualification_id)
        )
    if criteria.state is not None:
        conditions.append(state_condition(criteria.state, today=today, cutoffs=cutoffs))
    query = summary_select(Certificate.id).limit(limit)
    if conditions:
        query = query.where(reduce(lambda a, b: a & b, conditions))
    return [row[0] for row in database.execute(query).fetchall()]
