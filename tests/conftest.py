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
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from ruankao_desktop.core.config import data_dir
from ruankao_desktop.core.services.centre import Centre, open_centre
from ruankao_desktop.core.services.demo import DemoSeeder
from ruankao_desktop.ui.i18n import translations_dir
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


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database seeded once per run, with its own data folder beside it (the audit key and anchor
    its events are chained with); tests use copies of both (`demo_db`)."""
    path = tmp_path_factory.mktemp("seeded") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUANKAO_DATA_DIR", str(path.parent / "data"))
        centre = open_centre(str(path))
        try:
            DemoSeeder(count=DEMO_COUNT, seed=DEMO_SEED, today=TODAY).run(TEST_ACTOR)
        finally:
            centre.close()
    return path


@pytest.fixture
def demo_db(seeded_file: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded demo database, its audit key and anchor copied into this test's data
    folder as a clerk moving the database would copy them."""
    copy = tmp_path / "centre.db"
    shutil.copyfile(seeded_file, copy)
    shutil.copytree(seeded_file.parent / "data", data_dir(), dirs_exist_ok=True)
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
