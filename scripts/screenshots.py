"""Regenerate the README's screenshots from a fresh demo database, without a screen:

    .venv/bin/python scripts/screenshots.py [--dialogs-only]

Writes docs/screenshots/*.png: the lookup and detail panes at 1366×768, the three panes with a reissue
form at 1920×1080, the guidance when nothing matches, a copy in the print preview, its verification, and
the English interface. Then docs/screenshots/dialogs/*.png: every dialog in Chinese and English at 100 %
and 150 %, as tests/ui/test_dialogs_fit.py opens and checks them (that test takes the pictures, so a
picture is never of a dialog the test did not check). The demo data is synthetic and ID numbers on
screen are masked, so the pictures are safe to commit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The offscreen screen is 800×600 unless told otherwise; the windows below are larger.
os.environ.setdefault("QT_QPA_OFFSCREEN_SCREEN_SIZE", "1920x1080")

from PySide6.QtTest import QTest

from ruankao_desktop.app import create_main_window
from ruankao_desktop.core.domain.reissue import ReissueKind
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.services.audit import Actor
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.demo import DemoSeeder
from ruankao_desktop.core.services.verification import payload_in_pdf
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.models.results_model import PLACEHOLDER

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def wait_until(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        QTest.qWait(20)


def search(window: MainWindow, text: str) -> None:
    pane = window.lookup_pane
    pane.input.setText(text)
    pane.search_now()
    wait_until(lambda: pane.summary.text() not in {"", "正在查询……", "Searching…"})
    if pane.model.rowCount():
        wait_until(lambda: pane.model.index(0, 0).data() != PLACEHOLDER)


def open_row(window: MainWindow, row: int) -> None:
    certificate_id = window.lookup_pane.model.certificate_id(row)
    assert certificate_id is not None
    window.lookup_pane.results.selectRow(row)
    window.detail_pane.show_certificate(certificate_id)
    wait_until(lambda: window.detail_pane.detail is not None and window.detail_pane.stack.currentIndex() == 1)
    QTest.qWait(100)


def shoot(window: MainWindow, name: str) -> None:
    QTest.qWait(150)
    window.grab().save(str(OUT / name))


def shoot_panes(window: MainWindow) -> None:
    """Lookup and detail, the guidance, and the three panes with a reissue form showing its problems."""
    window.resize(1366, 768)
    window.show()
    search(window, "张伟")
    open_row(window, 1)
    shoot(window, "lookup-and-detail.png")
    search(window, "张玮")
    shoot(window, "no-match-guidance.png")
    shoot_search(window)
    search(window, "C22120000001")  # by 证书编号: a typed ID number would stay readable in the field
    open_row(window, 0)
    window.resize(1920, 1080)
    assert window.detail_pane.detail is not None
    window.start_reissue(window.detail_pane.detail)
    form = window.reissue_form
    wait_until(lambda: form.applicant_name.text() != "")
    form.kind.setCurrentIndex(form.kind.findData(ReissueKind.LOST))
    form.reason.setPlainText("丢")
    form.phone.setText("1380013")
    form.submit()
    wait_until(form.result.isVisible)
    shoot(window, "reissue-form.png")
    window.close_reissue()
    window.resize(1366, 768)


def shoot_search(window: MainWindow) -> None:
    """A surname with its counts per state, one of them chosen and the filters open; then a mistyped
    证书编号 and the near misses offered for it."""
    pane = window.lookup_pane
    search(window, "王")
    wait_until(pane.results_complete)
    pane.filter_button.setChecked(True)
    pane.counts.state_chosen.emit(CertificateState.AWAITING_PICKUP)
    wait_until(lambda: pane.results_complete() and pane.model.rowCount() > 0)
    shoot(window, "surname-counts-filters.png")
    pane.filters.clear()
    pane.filter_button.setChecked(False)
    search(window, "C22120000011")
    shoot(window, "near-misses.png")


def shoot_printing(window: MainWindow) -> None:
    """A copy in the print preview, then the same copy verified from its QR content."""
    window.detail_pane.print_copy()
    wait_until(lambda: window.detail_pane.preview is not None)
    preview = window.detail_pane.preview
    assert preview is not None
    preview.resize(820, 960)
    wait_until(lambda: preview.pages.count() == 1)
    QTest.qWait(200)
    preview.grab().save(str(OUT / "print-preview.png"))
    payload = payload_in_pdf(preview.document.pdf) or ""
    preview.close()
    window.show_verify()
    dialog = window.verify_dialog
    dialog.input.setText(payload)
    dialog.verify_input()
    wait_until(lambda: dialog.last_result is not None)
    QTest.qWait(150)
    dialog.grab().save(str(OUT / "verify.png"))
    dialog.close()


def shoot_dialogs() -> None:
    """Every dialog in both languages at both text sizes, taken by the test that checks each one fits."""
    test = ROOT / "tests" / "ui" / "test_dialogs_fit.py"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(test),
            "-q",
            "-p",
            "no:cacheprovider",
            f"--screenshot-dir={OUT / 'dialogs'}",
        ],
        cwd=ROOT,
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Regenerate the README's screenshots.")
    parser.add_argument("--dialogs-only", action="store_true", help="only docs/screenshots/dialogs/")
    if parser.parse_args().dialogs_only:
        shoot_dialogs()
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["RUANKAO_CONFIG"] = str(Path(folder) / "config.toml")  # no remembered window sizes
        database = Path(folder) / "demo.db"
        centre = open_centre(str(database))
        DemoSeeder(count=20_000, seed=2026, today=date.today()).run(Actor("demo", "desk-1"))
        centre.close()
        window = create_main_window(str(database), lang="zh")
        shoot_panes(window)
        shoot_printing(window)
        window.set_language("en")
        search(window, "zhangwei")
        open_row(window, 0)
        shoot(window, "english.png")
        window.close()
    shoot_dialogs()
    sys.stdout.write(f"screenshots written to {OUT}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
