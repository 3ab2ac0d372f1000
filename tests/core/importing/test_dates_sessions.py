"""Dates and sessions as official lists write them (core.domain.dates, core.domain.sessions)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ruankao_desktop.core.domain.dates import excel_serial_to_date, parse_date
from ruankao_desktop.core.domain.sessions import parse_session
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.messages import render
from tests.helpers import TODAY


@pytest.mark.parametrize(
    "written",
    [
        "2026/5/23",
        "2026-05-23",
        "2026年5月23日",
        "2026.5.23",
        "2026.05.23",
        "20260523",
        "2026-05-23 00:00:00",
        "２０２６年５月２３日",
        " 2026 年 5 月 23 日 ",
        "46165",  # the Excel serial of 2026-05-23, as a CSV exported from Excel holds it
        46165,
        46165.0,
        datetime(2026, 5, 23, 0, 0),
        date(2026, 5, 23),
    ],
)
def test_every_written_form_of_a_date(written: object) -> None:
    assert parse_date(written) == date(2026, 5, 23)


def test_excel_serials_follow_excel_calendar() -> None:
    assert excel_serial_to_date(61) == date(1900, 3, 1)
    assert excel_serial_to_date(45658) == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("written", "code", "params"),
    [
        ("2026/2/30", "date.impossible", {"value": "2026/2/30"}),
        ("5/23/2026", "date.bad", {"value": "5/23/2026"}),
        ("2026-05/23", "date.bad", {"value": "2026-05/23"}),
        ("下周一", "date.bad", {"value": "下周一"}),
        ("12", "date.bad_serial", {"value": "12"}),
        (True, "date.bad", {"value": "True"}),
    ],
)
def test_dates_that_are_refused_say_why(written: object, code: str, params: dict[str, object]) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(written)
    assert caught.value.code == code
    assert caught.value.message() == render(code, **params)


@pytest.mark.parametrize(
    ("written", "code", "name"),
    [
        ("2025年上半年", "2025H1", "2025年上半年"),
        ("2025上半年", "2025H1", "2025年上半年"),
        ("2025年度下半年", "2025H2", "2025年下半年"),
        ("2025年5月", "2025H1", "2025年上半年"),
        ("2025年11月", "2025H2", "2025年下半年"),
        ("2025.11", "2025H2", "2025年下半年"),
        ("2025-05", "2025H1", "2025年上半年"),
        ("2025H1", "2025H1", "2025年上半年"),
        ("2025h2", "2025H2", "2025年下半年"),
        ("2025 H2", "2025H2", "2025年下半年"),
        ("２０２５年上半年", "2025H1", "2025年上半年"),
    ],
)
def test_sessions_as_lists_write_them(written: str, code: str, name: str) -> None:
    session = parse_session(written, today=TODAY)
    assert (session.code, session.name) == (code, name)
    assert not session.exact


def test_an_exam_date_names_its_session_exactly() -> None:
    for written in ("2025年5月24日", "2025/5/24", datetime(2025, 5, 24)):
        session = parse_session(written, today=TODAY)
        assert (session.code, session.exam_date, session.exact) == ("2025H1", date(2025, 5, 24), True)


def test_a_month_gives_a_provisional_exam_date() -> None:
    assert parse_session("2025年11月", today=TODAY).exam_date == date(2025, 11, 1)
    assert parse_session("2025下半年", today=TODAY).exam_date == date(2025, 11, 1)


@pytest.mark.parametrize("written", ["2025", "2025年", "上半年", "2025年13月", "2025年第三次", "H1"])
def test_a_session_that_names_no_sitting_is_refused(written: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_session(written, today=TODAY)
    assert caught.value.message() == render("session.bad", value=written)


def test_a_session_far_in_the_future_or_past_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_session("2030年上半年", today=TODAY)
    assert caught.value.message() == render(
        "session.year_out_of_range", value="2030年上半年", first=1985, last=2027
    )
    with pytest.raises(InvalidInput):
        parse_session("1970H1", today=TODAY)
