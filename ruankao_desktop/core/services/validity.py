"""Certificates whose validity term ends soon (docs/domain.md "Validity"): where a qualification's policy
has a term, the certificates still valid today that will have expired within a number of days, soonest
first, with the days left — the list a centre works through to remind holders to renew (更新)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from operator import or_

from peewee import fn

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.domain.validity import ValidityPolicy
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.results import CertificateSummary
from ruankao_desktop.core.store.filters import Condition
from ruankao_desktop.core.store.models import Certificate, Qualification
from ruankao_desktop.core.store.search import Successor

MAX_DAYS = 3650
DEFAULT_LIMIT = 1000
# Still valid, but no longer the holder's to renew: revoked or replaced by a reissue.
_GONE = frozenset({CertificateState.REVOKED, CertificateState.SUPERSEDED})


@dataclass(frozen=True)
class Expiring:
    summary: CertificateSummary
    valid_until: date
    days_left: int  # 0: today is its last valid day


class ValidityService:
    def __init__(self, settings: Settings, *, today: Callable[[], date] = date.today) -> None:
        self._lookup = LookupService(settings, today=today)
        self._today = today

    def expiring(self, within_days: int, *, limit: int = DEFAULT_LIMIT) -> list[Expiring]:
        """The certificates valid today whose term ends within `within_days` days (1 to 3650), the soonest
        first, at most `limit`; revoked and superseded ones are left out."""
        if not 1 <= within_days <= MAX_DAYS:
            raise InvalidInput("validity.within", days=within_days, limit=MAX_DAYS)
        today = self._today()
        windows = _windows(today, today + timedelta(days=within_days))
        if windows is None:
            return []
        ids = [
            row.id
            for row in Certificate.select(Certificate.id)
            .where(windows & Certificate.revoked_at.is_null())
            .order_by(Certificate.approved_on, Certificate.id)
            .limit(limit)
        ]
        found = []
        for summary in self._lookup.summaries(ids):
            if summary.state in _GONE or summary.valid_until is None:
                continue
            found.append(Expiring(summary, summary.valid_until, (summary.valid_until - today).days))
        return found

    def expiring_count(self, within_days: int) -> int:
        """How many certificates valid today, not revoked and not replaced, end within `within_days`."""
        today = self._today()
        windows = _windows(today, today + timedelta(days=within_days))
        if windows is None:
            return 0
        replaced = fn.EXISTS(Successor.select(Successor.id).where(Successor.supersedes == Certificate.id))
        return int(Certificate.select().where(windows & Certificate.revoked_at.is_null() & ~replaced).count())


def _windows(today: date, horizon: date) -> Condition | None:
    """The certificates valid on `today` whose term ends by `horizon`; None when no qualification has
    a term."""
    windows = []
    for qualification in Qualification.select().where(Qualification.validity_years.is_null(False)):
        policy = ValidityPolicy(qualification.validity_years)
        valid_today, gone_by = policy.expired_if_approved_by(today), policy.expired_if_approved_by(horizon)
        if valid_today is None or gone_by is None:
            continue
        windows.append(
            (Certificate.qualification == qualification.id)
            & (Certificate.approved_on > valid_today.isoformat())
            & (Certificate.approved_on <= gone_by.isoformat())
        )
    return reduce(or_, windows) if windows else None
