"""Shared fixtures: an isolated environment per test, real SQLite files, a seeded demo database.

Every test gets its own data, config and log folders, so nothing touches the user's real database; tests
that use `qtbot` or `qapp` are marked `gui` automatically.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ruankao_desktop.core.services.centre import Centre, open_centre
from ruankao_desktop.core.services.demo import DemoSeeder
from tests.helpers import DEMO_COUNT, DEMO_SEED, TEST_ACTOR, TODAY

# Set before pytest-qt creates the QApplication: the tests run without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"qtbot", "qapp", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "user"
    monkeypatch.setenv("RUANKAO_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("RUANKAO_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("RUANKAO_LOG_DIR", str(home / "logs"))
    monkeypatch.delenv("RUANKAO_DB", raising=False)
    monkeypatch.delenv("RUANKAO_LANG", raising=False)


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database seeded once per run; tests use copies of it (`demo_db`)."""
    path = tmp_path_factory.mktemp("seeded") / "demo.db"
    centre = open_centre(str(path))
    try:
        DemoSeeder(count=DEMO_COUNT, seed=DEMO_SEED, today=TODAY).run(TEST_ACTOR)
    finally:
        centre.close()
    return path


@pytest.fixture
def demo_db(seeded_file: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded demo database."""
    copy = tmp_path / "centre.db"
    shutil.copyfile(seeded_file, copy)
    return copy


@pytest.fixture
def demo_centre(demo_db: Path) -> Iterator[Centre]:
    centre = open_centre(str(demo_db))
    yield centre
    centre.close()


@pytest.fixture
def empty_centre(tmp_path: Path) -> Iterator[Centre]:
    centre = open_centre(str(tmp_path / "empty.db"))
    yield centre
    centre.close()
