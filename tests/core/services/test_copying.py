"""A copy that fails half-way leaves no half-copied file behind, so it can simply be tried again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.services import copying
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.models import ALL_MODELS
from tests.helpers import TEST_ACTOR


def test_a_copy_that_fails_half_way_leaves_no_file_and_can_be_tried_again(
    demo_centre: Centre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.db"
    copied = copying._copy_table
    tables: list[str] = []

    def fails_at_the_certificates(model: Any, database: Any) -> int:
        if model._meta.table_name == "certificate":
            raise StoreError("db.disk_full")
        tables.append(model._meta.table_name)
        return copied(model, database)

    monkeypatch.setattr(copying, "_copy_table", fails_at_the_certificates)
    with pytest.raises(StoreError) as caught:
        copying.copy_database(demo_centre.opened, str(target), TEST_ACTOR)
    assert caught.value.code == "db.disk_full"
    assert "holder" in tables  # it had begun
    assert not any(tmp_path.glob("copy.db*"))
    monkeypatch.setattr(copying, "_copy_table", copied)
    report = copying.copy_database(demo_centre.opened, str(target), TEST_ACTOR)
    assert report.ok and len(report.tables) == len(ALL_MODELS)
