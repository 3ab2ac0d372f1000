"""After a bulk load the server's planner knows the tables' sizes (docs/architecture.md "Storage engines"):
a table loaded and never analysed is planned as if nearly empty, and an exact look-up on a million rows
became a scan of every holder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ruankao_desktop.core.services.audit import Actor
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.copying import copy_database
from ruankao_desktop.core.services.demo import DemoSeeder
from ruankao_desktop.core.services.importing import STATISTICS_AFTER, ImportService
from tests.core.importing.builders import list_rows, write_csv
from tests.engines import ON_POSTGRES, Target, query

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="PostgreSQL only: SQLite's planner reads its indexes and keeps no statistics"
)

ACTOR = Actor("clerk", "desk-1")


def analysed_rows(target: Target, table: str) -> float:
    """The planner's idea of the table's rows: -1 (or 0 on older servers) until it was analysed."""
    return float(query(target, "SELECT reltuples FROM pg_class WHERE relname = ?", (table,))[0][0])


def test_a_seeded_database_is_analysed(new_db: Callable[[str], Target]) -> None:
    target = new_db("centre.db")
    centre = open_centre(str(target))
    try:
        DemoSeeder(count=300, seed=3, today=date(2026, 11, 1)).run(ACTOR)
    finally:
        centre.close()
    assert analysed_rows(target, "certificate") == 300
    assert analysed_rows(target, "holder") > 0


def test_a_large_import_is_analysed_a_small_one_left_to_autovacuum(
    new_db: Callable[[str], Target], tmp_path: Path
) -> None:
    target = new_db("centre.db")
    centre = open_centre(str(target))
    try:
        service = ImportService(centre.settings, today=lambda: date(2026, 11, 1))
        service.run(write_csv(tmp_path / "small.csv", list_rows(20, prefix="C2610")), actor=ACTOR)
        assert analysed_rows(target, "certificate") <= 0
        rows = list_rows(STATISTICS_AFTER, seed=2, prefix="C2611")
        service.run(write_csv(tmp_path / "large.csv", rows), actor=ACTOR)
    finally:
        centre.close()
    assert analysed_rows(target, "certificate") == 20 + STATISTICS_AFTER


def test_a_copy_onto_the_server_is_analysed(seeded_file: Path, new_db: Callable[[str], Target]) -> None:
    target = new_db("copy.db")
    centre = open_centre(str(seeded_file))
    try:
        report = copy_database(centre.opened, str(target), ACTOR)
    finally:
        centre.close()
    assert report.ok
    assert analysed_rows(target, "certificate") == 200


@pytest.fixture
def seeded_file(tmp_path: Path) -> Path:
    """A SQLite file of 200 demo certificates, to be copied onto the server."""
    path = tmp_path / "centre.db"
    centre = open_centre(str(path))
    try:
        DemoSeeder(count=200, seed=5, today=date(2026, 11, 1)).run(ACTOR)
    finally:
        centre.close()
    return path
