"""Shared fixtures: an isolated environment per test, real SQLite files, a seeded demo database.

Every test gets its own data, config and log folders, so nothing touches the user's real database; tests
that use `qtbot` or `qapp` are marked `gui` automatically. The test run builds the English translation
it switches to, and a modal dialog that a gui test did not expect fails that test at once with its text
instead of waiting for a click that never comes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from ruankao_desktop.core.config import data_dir
from ruankao_desktop.core.services.centre import Centre, open_centre
from ruankao_desktop.core.services.demo import DemoSeeder
from ruankao_desktop.ui.i18n import translations_dir
from tests.engines import (
    ON_POSTGRES,
    Target,
    create_database,
    drop_database,
    name_of,
    new_database,
    unique_name,
)
from tests.helpers import DEMO_COUNT, DEMO_SEED, TEST_ACTOR, TODAY

# Set before pytest-qt creates the QApplication: the tests run without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EXPECTS_DIALOG = "expects_dialog"
GUARD_POLL_MS = 20


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshot-dir",
        type=Path,
        default=None,
        help="write the dialog screenshots of tests/ui/test_dialogs_fit.py here (the README's: "
        "docs/screenshots/dialogs) instead of a temporary folder",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{EXPECTS_DIALOG}: the test opens a modal dialog and closes it itself (no guard)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"qtbot", "qapp", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def english_translation_built() -> None:
    """The .qm files are built, not committed: compile the English one when it is missing or older than
    its .ts source, so that a plain `python -m pytest` on a fresh clone can switch language."""
    source = translations_dir() / "ruankao_en.ts"
    built = source.with_suffix(".qm")
    if built.is_file() and built.stat().st_mtime >= source.stat().st_mtime:
        return
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease, f"pyside6-lrelease is not installed beside {sys.executable}: pip install -e '.[dev]'"
    partial = built.with_name(f".{built.name}.{os.getpid()}")  # parallel runs never read half a file
    subprocess.run([lrelease, str(source), "-qm", str(partial)], check=True, capture_output=True, timeout=120)
    partial.replace(built)


class UnexpectedDialog(AssertionError):
    """A modal dialog opened that the test did not expect."""


def describe_dialog(window: QWidget) -> str:
    """The title and text of a dialog, as the operator would read them."""
    if isinstance(window, QMessageBox):
        texts = [window.text(), window.informativeText()]
    else:
        texts = [label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window)]
    return " | ".join(text for text in (window.windowTitle(), *texts) if text)


class ModalDialogGuard(QObject):
    """While a gui test runs, looks every few milliseconds of a running event loop (`exec()` runs one) for
    a modal window — a dialog, a `QMessageBox.warning`, a file chooser — closes it and raises with its
    text, which pytest-qt turns into the test's failure. Polling rather than an event filter: that would
    run Python for every event, and an error raised inside one leaves PySide unable to run the close."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setInterval(GUARD_POLL_MS)
        self._timer.timeout.connect(self._close_a_modal_dialog)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _close_a_modal_dialog(self) -> None:
        window = QApplication.activeModalWidget()
        if window is None:
            return
        description = describe_dialog(window)
        close_dialog(window)
        raise UnexpectedDialog(
            f"an unexpected modal dialog opened (closed by the test guard): {description}. "
            f"A test that expects it is marked @pytest.mark.{EXPECTS_DIALOG}."
        )


def close_dialog(window: QWidget) -> None:
    if isinstance(window, QDialog):
        window.done(QDialog.DialogCode.Rejected.value)  # a message box without a Cancel ignores close()
    else:
        window.close()


@pytest.fixture(autouse=True)
def unexpected_dialogs_fail(request: pytest.FixtureRequest) -> Iterator[None]:
    """Guards every gui test, except one marked `expects_dialog` (it answers its own dialogs)."""
    item = request.node
    if item.get_closest_marker("gui") is None or item.get_closest_marker(EXPECTS_DIALOG) is not None:
        yield
        return
    request.getfixturevalue("qapp")
    guard = ModalDialogGuard()
    yield
    guard.stop()


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "user"
    monkeypatch.setenv("RUANKAO_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("RUANKAO_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("RUANKAO_LOG_DIR", str(home / "logs"))
    monkeypatch.delenv("RUANKAO_DB", raising=False)
    monkeypatch.delenv("RUANKAO_LANG", raising=False)


@dataclass(frozen=True)
class Seeded:
    """The demo database seeded once per run, and the data folder beside it (the audit key and anchor
    its events are chained with)."""

    target: Target
    data: Path


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """A demo database seeded once per run (a file, or a template database on the test server); tests
    use copies of it and of its data folder (`demo_db`)."""
    folder = tmp_path_factory.mktemp("seeded")
    target = new_database(folder, "demo.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUANKAO_DATA_DIR", str(folder / "data"))
        centre = open_centre(str(target))
        try:
            DemoSeeder(count=DEMO_COUNT, seed=DEMO_SEED, today=TODAY).run(TEST_ACTOR)
        finally:
            centre.close()
    yield Seeded(target, folder / "data")
    if ON_POSTGRES:
        drop_database(name_of(target))


@pytest.fixture
def new_db(tmp_path: Path) -> Iterator[Callable[[str], Target]]:
    """Makes empty databases for this test: `new_db("centre.db")` is a file in the test's folder on
    SQLite, a new database on the test server on PostgreSQL (dropped after the test)."""
    made: list[Target] = []

    def make(file_name: str) -> Target:
        target = new_database(tmp_path, file_name)
        made.append(target)
        return target

    yield make
    if ON_POSTGRES:
        for target in made:
            drop_database(name_of(target))


@pytest.fixture
def demo_db(seeded: Seeded, tmp_path: Path) -> Iterator[Target]:
    """A private copy of the seeded demo database, its audit key and anchor copied into this test's data
    folder as a clerk moving the database would copy them."""
    shutil.copytree(seeded.data, data_dir(), dirs_exist_ok=True)
    if not ON_POSTGRES:
        copy = tmp_path / "centre.db"
        shutil.copyfile(seeded.target, copy)
        yield copy
        return
    name = unique_name("demo")
    yield create_database(name, template=name_of(seeded.target))
    drop_database(name)


@pytest.fixture
def demo_centre(demo_db: Target) -> Iterator[Centre]:
    centre = open_centre(str(demo_db))
    yield centre
    centre.close()


@pytest.fixture
def empty_centre(new_db: Callable[[str], Target]) -> Iterator[Centre]:
    centre = open_centre(str(new_db("empty.db")))
    yield centre
    centre.close()
