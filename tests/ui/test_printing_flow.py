"""Printing from the desk window: preview, save as PDF, print to a real CUPS queue; verifying a copy;
a batch with a progress bar and cancel."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.verification import Verdict, VerificationService, payload_in_pdf
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import PrintRecord
from ruankao_desktop.ui.dialogs.batch_dialog import BatchDialog
from ruankao_desktop.ui.dialogs.verify_dialog import VerifyDialog
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.models.results_model import PLACEHOLDER
from tests.helpers import TODAY

WAIT_MS = 15_000
SHOWCASE_ID = "110105199003071239"


def open_showcase(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.lookup_pane
    pane.input.setText(SHOWCASE_ID)
    with qtbot.waitSignal(pane.search_finished, timeout=WAIT_MS):
        pane.search_now()
    qtbot.waitUntil(lambda: pane.model.index(0, 0).data() != PLACEHOLDER, timeout=WAIT_MS)
    with qtbot.waitSignal(window.detail_pane.detail_shown, timeout=WAIT_MS):
        window.detail_pane.show_certificate(pane.model.certificate_id(0) or 0)


def records() -> int:
    count = int(PrintRecord.select().count())
    db.close()
    return count


def preview_copy(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.detail_pane.preview_shown, timeout=WAIT_MS):
        window.detail_pane.print_button.click()
    preview = window.detail_pane.preview
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.pages.count() == 1, timeout=WAIT_MS)


def test_print_from_the_detail_pane_to_a_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_showcase(qtbot, window)
    before = records()
    preview_copy(qtbot, window)
    preview = window.detail_pane.preview
    assert preview is not None
    assert records() == before + 1
    target = tmp_path / "copy.pdf"
    with qtbot.waitSignal(preview.finished_output, timeout=WAIT_MS):
        preview.save_to(target)
    assert "张伟" in (PdfReader(target).pages[0].extract_text() or "")
    record = PrintRecord.get(PrintRecord.serial == preview.document.serial)
    db.close()
    assert record.sha256 == preview.document.sha256
    qtbot.waitUntil(lambda: "打印核验件" in window.detail_pane.history.item(0).text(), timeout=WAIT_MS)


def _printer() -> str | None:
    name = os.environ.get("RUANKAO_TEST_PRINTER", "PDF")
    available = (
        shutil.which("lpstat")
        and subprocess.run(["lpstat", "-p", name], capture_output=True, check=False, timeout=20).returncode
        == 0
    )
    if available:
        return name
    if os.environ.get("RUANKAO_REQUIRE_PRINTER"):
        pytest.fail(f"the CUPS queue {name} is missing (.ci/run starts it)")
    pytest.skip(f"no CUPS queue named {name}: start cupsd with a cups-pdf printer (see .ci/run)")
    return None


def test_print_to_a_real_cups_queue(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    printer = _printer()
    assert printer is not None
    output = Path.home() / "PDF"
    before = set(output.glob("*.pdf")) if output.is_dir() else set()
    open_showcase(qtbot, window)
    preview_copy(qtbot, window)
    preview = window.detail_pane.preview
    assert preview is not None
    with qtbot.waitSignal(preview.finished_output, timeout=WAIT_MS) as blocker:
        preview.print_to(printer)
    assert blocker.args == ["printed"]
    deadline = time.monotonic() + 60
    new: set[Path] = set()
    while not new and time.monotonic() < deadline:
        time.sleep(0.5)
        new = (set(output.glob("*.pdf")) if output.is_dir() else set()) - before
    assert new, "cups-pdf wrote no file to ~/PDF"
    [printed] = new
    # CUPS sends the job through PostScript, which turns this system's text into outlines: the printed
    # page is read back through its QR code instead, whose signed content names the holder.
    payload = ""
    while not payload and time.monotonic() < deadline:  # cups-pdf may still be writing the file
        time.sleep(0.5)
        for png in tmp_path.glob("printed-*.png"):
            png.unlink()
        rendered = subprocess.run(
            ["pdftoppm", "-png", "-r", "150", str(printed), str(tmp_path / "printed")],
            capture_output=True,
            check=False,
        )
        if rendered.returncode == 0:
            found = [
                b for png in tmp_path.glob("printed-*.png") for b in zxingcpp.read_barcodes(Image.open(png))
            ]
            payload = str(found[0].text) if found else ""
    result = VerificationService(window.desk.settings, today=lambda: TODAY).verify(payload)
    assert result.verdict is Verdict.VALID
    assert result.fields["h"] == "张伟"
    assert result.fields["s"] == preview.document.serial


def test_verifying_a_scanned_copy_and_a_typed_code(qtbot: QtBot, window: MainWindow) -> None:
    open_showcase(qtbot, window)
    preview_copy(qtbot, window)
    preview = window.detail_pane.preview
    assert preview is not None
    document = preview.document
    payload = payload_in_pdf(document.pdf) or ""
    dialog = VerifyDialog(window, window.desk)
    qtbot.addWidget(dialog)
    dialog.input.setText(payload)
    with qtbot.waitSignal(dialog.verified, timeout=WAIT_MS) as blocker:
        dialog.verify_input()
    assert blocker.args[0].verdict is Verdict.VALID
    assert "真实有效" in dialog.verdict.text()
    assert "110105********1239" in dialog.details.text()
    dialog.input.setText("0000-0000-0000-0000")
    with qtbot.waitSignal(dialog.verified, timeout=WAIT_MS) as blocker:
        dialog.verify_input()
    assert blocker.args[0].verdict is Verdict.UNKNOWN_CODE


def test_a_batch_with_progress_and_a_cancel_that_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = BatchDialog(window, window.desk)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.session.count() > 0, timeout=WAIT_MS)
    dialog.state.setCurrentIndex(dialog.state.findData(CertificateState.REVOKED.value))
    dialog.session.setCurrentIndex(-1)
    target = tmp_path / "batch.pdf"
    with qtbot.waitSignal(dialog.completed, timeout=60_000) as blocker:
        dialog.start(target)
    assert blocker.args[0] >= 1
    assert dialog.bar.value() == dialog.bar.maximum() == blocker.args[0]
    before = records()
    cancelled = tmp_path / "cancelled.pdf"
    dialog.state.setCurrentIndex(dialog.state.findData(CertificateState.COLLECTED.value))
    dialog.start(cancelled)
    dialog.cancel_button.click()
    qtbot.waitUntil(dialog.start_button.isEnabled, timeout=60_000)
    assert dialog.status.text() == "已取消，未生成任何文件。"
    assert not cancelled.exists()
    assert records() == before
