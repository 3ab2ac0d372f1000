"""The guard in tests/conftest.py bites: a gui test that opens a modal dialog it did not expect fails at
once, with the dialog's title and text, instead of hanging the run; a test marked `expects_dialog` runs
its own dialog undisturbed. Proved on a small test file run by a separate pytest with the same guard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import ruankao_desktop

ROOT = Path(ruankao_desktop.__file__).resolve().parent.parent
# Generous for a slow machine, far below "waits for a click forever".
RUN_SECONDS = 120

SMALL_TESTS = """
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox


def test_a_warning_nobody_expected(qtbot):
    QMessageBox.warning(None, "无法切换语言", "找不到英文翻译文件。")


@pytest.mark.expects_dialog
def test_a_question_the_test_answers_itself(qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "继续吗？")
    QTimer.singleShot(0, box.accept)
    assert box.exec() == QMessageBox.DialogCode.Accepted
"""


def test_an_unexpected_modal_dialog_fails_the_test_with_its_text(tmp_path: Path) -> None:
    tests = tmp_path / "test_small_dialogs.py"
    tests.write_text(SMALL_TESTS, encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(tests),
            "-p",
            "tests.conftest",  # the guard, as every test under tests/ has it
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(ROOT),
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        check=False,  # the run is meant to fail: its report is checked below
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 1, report
    assert "1 failed, 1 passed" in report, report
    assert "FAILED" in report and "test_a_warning_nobody_expected" in report, report
    assert "an unexpected modal dialog opened" in report, report
    assert "无法切换语言 | 找不到英文翻译文件。" in report, report
