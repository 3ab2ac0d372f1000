"""The verify dialog takes Enter as 核验: a typed or scanned code followed by Enter is checked, and the PDF
file chooser opens only from its own button."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.services.verification import Verdict
from ruankao_desktop.ui.dialogs.verify_dialog import VerifyDialog
from ruankao_desktop.ui.main_window import MainWindow

WAIT_MS = 15_000
UNKNOWN_CODE = "0000-0000-0000-0000"


def open_verify(qtbot: QtBot, window: MainWindow) -> VerifyDialog:
    dialog = VerifyDialog(window, window.desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_after_a_typed_code_verifies_it_and_opens_no_file_chooser(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_file_chooser(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        pytest.fail("Enter after a code opened the PDF file chooser")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_file_chooser)
    dialog = open_verify(qtbot, window)
    QTest.keyClicks(dialog.input, UNKNOWN_CODE)
    with qtbot.waitSignal(dialog.verified, timeout=WAIT_MS) as blocker:
        QTest.keyClick(dialog.input, Qt.Key.Key_Return)
    result = blocker.args[0]
    assert result.verdict is Verdict.UNKNOWN_CODE
    assert dialog.verdict.text() == result.message("zh")


def test_the_pdf_button_opens_the_file_chooser(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def cancelled_chooser(_parent: object, title: str, *_args: Any, **_kwargs: Any) -> tuple[str, str]:
        asked.append(title)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", cancelled_chooser)
    dialog = open_verify(qtbot, window)
    QTest.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert asked == ["选择核验件 PDF"]
    assert dialog.last_result is None
