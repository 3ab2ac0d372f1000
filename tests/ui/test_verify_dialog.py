"""The verify dialog takes Enter as 核验: a typed or scanned code followed by Enter is checked, and the PDF
file chooser opens only from its own button. A PDF's verdict comes with what was checked."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.printing import PrintingService
from ruankao_desktop.core.services.verification import Verdict
from ruankao_desktop.core.store.models import Certificate
from ruankao_desktop.ui.dialogs.verify_dialog import VERDICT_COLOURS, VerifyDialog
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.resources import BAD
from tests.helpers import TEST_ACTOR
from tests.ui.test_dialogs_fit import clipped_labels, settle

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


def revoked_copy(window: MainWindow, target: Path) -> str:
    """A saved copy of a revoked certificate of the demo; the revocation reason."""
    revoked = Certificate.get(Certificate.revoked_at.is_null(False))
    service = PrintingService(window.desk.settings)
    document = service.render_copy(revoked.id, TEST_ACTOR, expected_version=None)
    service.save(document, target, TEST_ACTOR)
    return str(revoked.revocation_reason)


def test_a_revoked_copy_shows_its_verdict_and_what_was_checked(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    reason = revoked_copy(window, tmp_path / "copy.pdf")
    dialog = open_verify(qtbot, window)
    with qtbot.waitSignal(dialog.verified, timeout=WAIT_MS) as blocker:
        dialog.verify_pdf(tmp_path / "copy.pdf")
    result = blocker.args[0]
    assert result.verdict is Verdict.REVOKED
    assert dialog.verdict.text() == render("verify.revoked", reason=reason)
    assert dialog.checks.isVisible()
    assert all(html.escape(line) in dialog.checks.text() for line in result.checks("zh"))
    assert "这正是本考点于 " in result.checks("zh")[1]
    assert VERDICT_COLOURS[Verdict.REVOKED] == BAD


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_longest_pdf_answer_fits_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, lang: str
) -> None:
    """A re-saved copy of a revoked certificate: the verdict, three lines of what was checked, the fields
    and the state now, none of them clipped."""
    revoked_copy(window, tmp_path / "copy.pdf")
    writer = PdfWriter(clone_from=tmp_path / "copy.pdf")
    writer.write(tmp_path / "resaved.pdf")
    if lang == "en":
        window.set_language("en")
    dialog = open_verify(qtbot, window)
    with qtbot.waitSignal(dialog.verified, timeout=WAIT_MS) as blocker:
        dialog.verify_pdf(tmp_path / "resaved.pdf")
    assert len(blocker.args[0].checks(lang)) == 3
    settle(dialog)
    dialog.grab().save(str(tmp_path / f"verify-pdf-{lang}.png"))
    assert clipped_labels(dialog) == []
