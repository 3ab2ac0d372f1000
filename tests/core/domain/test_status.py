"""Certificate states (`core.domain.status`): derived from facts, with their plain words.

Covers that every state is reachable, the precedence when several facts hold (revoked > superseded >
reissue pending > expired > handed over > not arrived > overdue > awaiting pickup), the day boundaries of
the pickup deadline and of the validity, and the text, explanation and next step of each state.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruankao_desktop.core.domain.status import (
    CertificateFacts,
    CertificateState,
    HandoverMethod,
    derive_state,
)
from ruankao_desktop.core.messages import LANGUAGES, render

TODAY = date(2026, 5, 23)
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)

AWAITING = CertificateFacts(arrived=True, pickup_deadline=TOMORROW)
# Every fact that leads to a state at once.
EVERYTHING = CertificateFacts(
    arrived=False,
    handover=HandoverMethod.SELF,
    pickup_deadline=YESTERDAY,
    revoked=True,
    superseded=True,
    reissue_pending=True,
    valid_until=YESTERDAY,
)


@pytest.mark.parametrize(
    ("facts", "state"),
    [
        (CertificateFacts(arrived=False), CertificateState.NOT_ARRIVED),
        (AWAITING, CertificateState.AWAITING_PICKUP),
        (CertificateFacts(arrived=True), CertificateState.AWAITING_PICKUP),
        (AWAITING._replace(handover=HandoverMethod.SELF), CertificateState.COLLECTED),
        (AWAITING._replace(handover=HandoverMethod.PROXY), CertificateState.COLLECTED_BY_PROXY),
        (AWAITING._replace(handover=HandoverMethod.MAIL), CertificateState.MAILED),
        (AWAITING._replace(pickup_deadline=YESTERDAY), CertificateState.OVERDUE),
        (AWAITING._replace(reissue_pending=True), CertificateState.REISSUE_IN_PROGRESS),
        (AWAITING._replace(superseded=True), CertificateState.SUPERSEDED),
        (AWAITING._replace(revoked=True), CertificateState.REVOKED),
        (AWAITING._replace(valid_until=YESTERDAY), CertificateState.EXPIRED),
    ],
)
def test_each_state_is_reachable(facts: CertificateFacts, state: CertificateState) -> None:
    assert derive_state(facts, TODAY) is state


def test_every_state_is_covered_by_the_table_above() -> None:
    reached = {
        derive_state(facts, TODAY)
        for facts in (
            CertificateFacts(arrived=False),
            AWAITING,
            *(AWAITING._replace(handover=method) for method in HandoverMethod),
            AWAITING._replace(pickup_deadline=YESTERDAY),
            AWAITING._replace(reissue_pending=True),
            AWAITING._replace(superseded=True),
            AWAITING._replace(revoked=True),
            AWAITING._replace(valid_until=YESTERDAY),
        )
    }
    assert reached == set(CertificateState)


# Peeling the strongest fact off EVERYTHING, one at a time, walks down the precedence order.
PRECEDENCE = [
    (EVERYTHING, CertificateState.REVOKED),
    (EVERYTHING._replace(revoked=False), CertificateState.SUPERSEDED),
    (EVERYTHING._replace(revoked=False, superseded=False), CertificateState.REISSUE_IN_PROGRESS),
    (EVERYTHING._replace(revoked=False, superseded=False, reissue_pending=False), CertificateState.EXPIRED),
    (
        EVERYTHING._replace(revoked=False, superseded=False, reissue_pending=False, valid_until=None),
        CertificateState.COLLECTED,
    ),
    (
        EVERYTHING._replace(
            revoked=False,
            superseded=False,
            reissue_pending=False,
            valid_until=None,
            handover=None,
        ),
        CertificateState.NOT_ARRIVED,
    ),
    (
        EVERYTHING._replace(
            revoked=False,
            superseded=False,
            reissue_pending=False,
            valid_until=None,
            handover=None,
            arrived=True,
        ),
        CertificateState.OVERDUE,
    ),
    (
        CertificateFacts(arrived=True, pickup_deadline=TODAY, valid_until=TODAY),
        CertificateState.AWAITING_PICKUP,
    ),
]


@pytest.mark.parametrize(("facts", "state"), PRECEDENCE)
def test_precedence(facts: CertificateFacts, state: CertificateState) -> None:
    assert derive_state(facts, TODAY) is state


def test_expired_wins_over_holding_the_paper() -> None:
    facts = CertificateFacts(arrived=True, handover=HandoverMethod.MAIL, valid_until=YESTERDAY)
    assert derive_state(facts, TODAY) is CertificateState.EXPIRED


def test_handover_wins_over_a_missing_arrival_record() -> None:
    facts = CertificateFacts(arrived=False, handover=HandoverMethod.PROXY)
    assert derive_state(facts, TODAY) is CertificateState.COLLECTED_BY_PROXY


def test_not_arrived_is_never_overdue() -> None:
    facts = CertificateFacts(arrived=False, pickup_deadline=YESTERDAY)
    assert derive_state(facts, TODAY) is CertificateState.NOT_ARRIVED


def test_deadline_day_itself_is_not_overdue() -> None:
    assert derive_state(AWAITING._replace(pickup_deadline=TODAY), TODAY) is CertificateState.AWAITING_PICKUP
    assert derive_state(AWAITING._replace(pickup_deadline=TODAY), TOMORROW) is CertificateState.OVERDUE


def test_last_valid_day_itself_is_not_expired() -> None:
    assert derive_state(AWAITING._replace(valid_until=TODAY), TODAY) is CertificateState.AWAITING_PICKUP
    assert derive_state(AWAITING._replace(valid_until=TODAY), TOMORROW) is CertificateState.EXPIRED


FACTS = st.builds(
    CertificateFacts,
    arrived=st.booleans(),
    handover=st.one_of(st.none(), st.sampled_from(HandoverMethod)),
    pickup_deadline=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1))),
    revoked=st.booleans(),
    superseded=st.booleans(),
    reissue_pending=st.booleans(),
    valid_until=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1))),
)


@given(FACTS)
def test_the_strongest_fact_decides(facts: CertificateFacts) -> None:
    expired = facts.valid_until is not None and facts.valid_until < TODAY
    overdue = facts.pickup_deadline is not None and facts.pickup_deadline < TODAY
    handed_over = {
        HandoverMethod.SELF: CertificateState.COLLECTED,
        HandoverMethod.PROXY: CertificateState.COLLECTED_BY_PROXY,
        HandoverMethod.UNIT: CertificateState.COLLECTED_BY_PROXY,
        HandoverMethod.MAIL: CertificateState.MAILED,
    }
    # The order of docs/domain.md "Certificate states", strongest first.
    rules = [
        (facts.revoked, CertificateState.REVOKED),
        (facts.superseded, CertificateState.SUPERSEDED),
        (facts.reissue_pending, CertificateState.REISSUE_IN_PROGRESS),
        (expired, CertificateState.EXPIRED),
        (facts.handover is not None, handed_over[facts.handover] if facts.handover is not None else None),
        (not facts.arrived, CertificateState.NOT_ARRIVED),
        (overdue, CertificateState.OVERDUE),
        (True, CertificateState.AWAITING_PICKUP),
    ]
    expected = next(state for holds, state in rules if holds)
    assert derive_state(facts, TODAY) is expected


# ---------------------------------------------------------------------------------------------------------
# Words


@pytest.mark.parametrize(
    ("state", "zh", "en"),
    [
        (CertificateState.NOT_ARRIVED, "未到达", "not arrived"),
        (CertificateState.AWAITING_PICKUP, "待领取", "awaiting pickup"),
        (CertificateState.COLLECTED, "已领取", "collected"),
        (CertificateState.COLLECTED_BY_PROXY, "已代领", "proxy pickup"),
        (CertificateState.MAILED, "已邮寄", "mailed"),
        (CertificateState.OVERDUE, "逾期未领", "overdue"),
        (CertificateState.REISSUE_IN_PROGRESS, "补办中", "reissuing"),
        (CertificateState.SUPERSEDED, "已补发", "reissued"),
        (CertificateState.REVOKED, "已撤销", "revoked"),
        (CertificateState.EXPIRED, "已过期", "expired"),
    ],
)
def test_state_text(state: CertificateState, zh: str, en: str) -> None:
    assert state.text() == zh
    assert state.text("zh") == zh
    assert state.text("en") == en


# The parameters each state's explanation and next step need.
STATE_PARAMS: dict[CertificateState, dict[str, str]] = {
    CertificateState.SUPERSEDED: {"successor": "RK2026000123"},
    CertificateState.REVOKED: {"reason": "forged-record"},
    CertificateState.EXPIRED: {"valid_until": "2024-05-19"},
}


@pytest.mark.parametrize("state", list(CertificateState))
def test_every_state_explains_itself_and_says_what_to_do_next(state: CertificateState) -> None:
    params = STATE_PARAMS.get(state, {})
    for lang in LANGUAGES:
        explanation = state.explanation(lang, **params)
        next_step = state.next_step(lang, **params)
        assert explanation == render(f"state.{state.value}.explain", lang, **params)
        assert next_step == render(f"state.{state.value}.next", lang, **params)
        assert explanation != state.text(lang)
        assert "{" not in explanation + next_step
    for value in params.values():
        assert value in state.explanation("zh", **params) + state.next_step("zh", **params)


def test_expired_next_step_names_the_documents_to_bring() -> None:
    zh = CertificateState.EXPIRED.next_step("zh")
    assert "更新" in zh
    assert "身份证明" in zh
    assert "考试成绩证明" in zh


def test_superseded_next_step_names_the_new_certificate_number() -> None:
    assert CertificateState.SUPERSEDED.next_step("zh", successor="RK2026000123") == (
        "请使用新证书编号 RK2026000123 查询。"
    )
