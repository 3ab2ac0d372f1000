"""The qualification catalogue as loaded into a new database."""

from __future__ import annotations

from collections import Counter

from ruankao_desktop.core.services.catalogue import ensure_catalogue
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.models import Qualification, QualificationAlias


def test_the_27_current_qualifications_in_three_levels(empty_centre: Centre) -> None:
    current = Qualification.select().where(Qualification.successor.is_null())
    assert current.count() == 27
    assert Counter(q.level for q in current) == {"senior": 5, "intermediate": 15, "junior": 7}
    assert {q.category for q in current} == {
        "software",
        "network",
        "application",
        "information_systems",
        "information_services",
    }
    assert all(q.validity_years is None for q in current), 'long-term by default (docs/domain.md "Validity")'


def test_historical_names_keep_their_own_level_and_point_to_today_s(empty_centre: Centre) -> None:
    senior_programmer = Qualification.get(Qualification.name == "高级程序员")
    assert senior_programmer.level == "senior"
    assert senior_programmer.last_year == 2003
    assert senior_programmer.successor.name == "系统分析师"
    old_programmer = Qualification.get(
        (Qualification.name == "程序员") & Qualification.successor.is_null(False)
    )
    assert old_programmer.level == "intermediate"


def test_aliases_name_their_qualification(empty_centre: Centre) -> None:
    alias = QualificationAlias.get(QualificationAlias.name == "系统架构师")
    assert alias.qualification.name == "系统架构设计师"


def test_loading_again_changes_nothing(empty_centre: Centre) -> None:
    before = Qualification.select().count()
    assert ensure_catalogue() == 0
    assert Qualification.select().count() == before
