"""Validity policies (`core.domain.validity`): long-term by default, or a term in years.

Covers docs/domain.md "Validity": a long-term qualification never expires; with a 3-year term the last valid
day is the approval date plus three years minus one day; approval on 29 February; the expiry boundary
(valid on its last day, expired the day after); hypothesis properties over arbitrary dates and terms.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruankao_desktop.core.domain.validity import ValidityPolicy

LONG_TERM = ValidityPolicy()
THREE_YEARS = ValidityPolicy(term_years=3)
APPROVALS = st.dates(min_value=date(1985, 1, 1), max_value=date(2090, 12, 31))


def test_default_policy_is_long_term() -> None:
    assert LONG_TERM.long_term
    assert LONG_TERM.term_years is None
    assert not THREE_YEARS.long_term


def test_long_term_has_no_last_day() -> None:
    assert LONG_TERM.valid_until(date(2005, 5, 21)) is None


@pytest.mark.parametrize(
    ("approved", "until"),
    [
        (date(2021, 5, 20), date(2024, 5, 19)),
        (date(2021, 1, 1), date(2023, 12, 31)),
        (date(2021, 3, 1), date(2024, 2, 29)),  # the day before 1 March in a leap year
        (date(2019, 12, 31), date(2022, 12, 30)),
    ],
)
def test_three_year_term_ends_the_day_before_the_third_anniversary(approved: date, until: date) -> None:
    assert THREE_YEARS.valid_until(approved) == until


def test_approval_on_29_february_ends_on_28_february_of_a_common_year() -> None:
    assert THREE_YEARS.valid_until(date(2020, 2, 29)) == date(2023, 2, 28)


def test_approval_on_29_february_with_a_leap_year_anniversary() -> None:
    assert ValidityPolicy(term_years=4).valid_until(date(2020, 2, 29)) == date(2024, 2, 28)


def test_unknown_approval_date_has_no_last_day() -> None:
    assert THREE_YEARS.valid_until(None) is None
    assert not THREE_YEARS.is_expired(None, date(2100, 1, 1))


def test_certificate_is_valid_on_its_last_day_and_expired_the_next() -> None:
    approved = date(2021, 5, 20)
    assert not THREE_YEARS.is_expired(approved, date(2024, 5, 19))
    assert THREE_YEARS.is_expired(approved, date(2024, 5, 20))
    assert not THREE_YEARS.is_expired(approved, approved)


@given(APPROVALS, st.dates())
def test_long_term_never_expires(approved: date, today: date) -> None:
    assert LONG_TERM.valid_until(approved) is None
    assert not LONG_TERM.is_expired(approved, today)


@given(APPROVALS)
def test_three_year_term_is_approval_plus_three_years_minus_one_day(approved: date) -> None:
    until = THREE_YEARS.valid_until(approved)
    assert until is not None
    day_after = until + timedelta(days=1)
    assert day_after.year == approved.year + 3
    if (approved.month, approved.day) == (2, 29):
        assert (day_after.month, day_after.day) in {(2, 29), (3, 1)}
    else:
        assert (day_after.month, day_after.day) == (approved.month, approved.day)


@given(APPROVALS, st.integers(min_value=1, max_value=10), st.integers(min_value=-400, max_value=400))
def test_expired_exactly_after_the_last_day(approved: date, years: int, offset: int) -> None:
    policy = ValidityPolicy(term_years=years)
    until = policy.valid_until(approved)
    assert until is not None
    assert until >= approved
    today = until + timedelta(days=offset)
    assert policy.is_expired(approved, today) == (offset > 0)
