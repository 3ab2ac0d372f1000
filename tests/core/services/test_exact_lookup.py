"""Which exact look-ups a typed number stands for, and in which order they are tried."""

from __future__ import annotations

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.services.exact_lookup import exact_plan
from ruankao_desktop.core.store.search import MatchField
from tests.helpers import TODAY

SETTINGS = Settings()


def steps(query: str) -> list[MatchField]:
    plan = exact_plan(query, SETTINGS, today=TODAY)
    assert plan is not None
    return [match for match, _ in plan.steps]


def test_a_number_of_the_management_no_pattern_that_is_no_valid_id_number_is_tried_as_one_first() -> None:
    """16 digits look like an ID number typed short, and are the 管理号's pattern: one query, not two."""
    assert steps("2017211000000001") == [MatchField.MANAGEMENT_NO, MatchField.CERT_NO, MatchField.ID_NUMBER]


def test_a_broken_id_number_of_no_pattern_is_tried_as_a_cert_no_first() -> None:
    assert steps("11010119900307123") == [MatchField.CERT_NO, MatchField.MANAGEMENT_NO, MatchField.ID_NUMBER]


def test_a_valid_id_number_is_only_an_id_number() -> None:
    assert steps("110101199003071233") == [MatchField.ID_NUMBER]


def test_a_cert_no_is_tried_as_one_first() -> None:
    assert steps("C17210000001") == [MatchField.CERT_NO, MatchField.MANAGEMENT_NO, MatchField.ID_NUMBER]
