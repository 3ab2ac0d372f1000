"""Validity of a qualification certificate: a policy per qualification, long-term by default.

docs/domain.md "Validity": the 3-year cycle of older rules was abolished in 2019, so the term is data, not a
constant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class ValidityPolicy:
    """`term_years` None means long-term (长期有效)."""

    term_years: int | None = None

    @property
    def long_term(self) -> bool:
        return self.term_years is None

    def valid_until(self, approved_on: date | None) -> date | None:
        """The last day the certificate is valid, or None when it never expires."""
        if self.term_years is None or approved_on is None:
            return None
        year = approved_on.year + self.term_years
        try:
            anniversary = approved_on.replace(year=year)
        except ValueError:  # 29 February: the anniversary in a common year is 1 March
            anniversary = date(year, 3, 1)
        return anniversary - timedelta(days=1)

    def expired_if_approved_by(self, today: date) -> date | None:
        """The latest approval date whose certificate has expired by `today` (None: nothing expires).

        The same rule as `is_expired`, turned around so that a database can filter on approval dates:
        expired ⇔ approved_on ≤ this date."""
        if self.term_years is None:
            return None
        year = today.year - self.term_years
        try:
            return today.replace(year=year)
        except ValueError:  # today is 29 February: the same day in a common year is 28 February
            return date(year, 2, 28)

    def is_expired(self, approved_on: date | None, today: date) -> bool:
        until = self.valid_until(approved_on)
        return until is not None and today > until
