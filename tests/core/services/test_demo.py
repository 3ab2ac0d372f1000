"""Demo data: deterministic per seed, realistic (hard names, valid ID numbers), never mixed into real data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ruankao_desktop.core.domain.ids import IdType, parse_id
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre, open_centre
from ruankao_desktop.core.services.demo import DemoSeeder
from ruankao_desktop.core.store.models import AuditEvent, Certificate, Holder
from tests.helpers import DEMO_COUNT, TEST_ACTOR, TODAY


def _dump(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        rows = list(connection.execute("SELECT * FROM holder ORDER BY id"))
        rows += list(connection.execute("SELECT * FROM certificate ORDER BY id"))
        rows += list(connection.execute("SELECT * FROM distribution ORDER BY id"))
    return rows


def _seed(path: Path, seed: int) -> None:
    centre = open_centre(str(path))
    try:
        DemoSeeder(count=400, seed=seed, today=TODAY).run(TEST_ACTOR)
    finally:
        centre.close()


def test_the_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    _seed(tmp_path / "a.db", 5)
    _seed(tmp_path / "b.db", 5)
    _seed(tmp_path / "c.db", 6)
    assert _dump(tmp_path / "a.db") == _dump(tmp_path / "b.db")
    assert _dump(tmp_path / "a.db") != _dump(tmp_path / "c.db")


def test_the_requested_number_of_certificates_is_written(demo_centre: Centre) -> None:
    assert Certificate.select().count() == DEMO_COUNT


def test_names_include_the_hard_cases(demo_centre: Centre) -> None:
    names = [holder.name for holder in Holder.select(Holder.name)]
    assert any("·" in name for name in names), "minority names with a middle dot"
    assert any(
        name[:2]
        in {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "夏侯"}
        for name in names
    ), "复姓"
    assert any(any(0x3400 <= ord(c) <= 0x4DBF for c in name) for name in names), "CJK Extension A"
    assert any(any(ord(c) > 0xFFFF for c in name) for name in names), "CJK Extension B"


def test_every_id_number_is_valid(demo_centre: Centre) -> None:
    for holder in Holder.select(Holder.id_type, Holder.id_number):
        parsed = parse_id(holder.id_number, id_type=IdType(holder.id_type), today=TODAY)
        assert parsed.value == holder.id_number


def test_seeding_a_database_that_holds_data_is_refused_and_writes_nothing(demo_centre: Centre) -> None:
    certificates, events = Certificate.select().count(), AuditEvent.select().count()
    with pytest.raises(KnownError) as caught:
        DemoSeeder(count=10, seed=1, today=TODAY).run(TEST_ACTOR)
    assert caught.value.message() == render("demo.not_empty", count=certificates)
    assert "演示数据只写入空数据库" in caught.value.message()
    assert (Certificate.select().count(), AuditEvent.select().count()) == (certificates, events)


def test_seeding_is_audited_once(demo_centre: Centre) -> None:
    [event] = AuditEvent.select().where(AuditEvent.action == "demo.seed")
    assert f'"certificates": {DEMO_COUNT}' in event.details
