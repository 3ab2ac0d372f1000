"""The import wizard driven through its pages: a list with one bad row is previewed with the row's
number, column and reason, refused as a whole, then imported without the bad row; the report is saved."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from stdnum.cn import ric

from ruankao_desktop.core.messages import render
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate
from ruankao_desktop.ui.main_window import MainWindow

WAIT_MS = 20_000


def resident_id(serial: int) -> str:
    body = f"110108{19600101 + serial // 1000 * 10000:08d}{serial % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def chinese_name(index: int) -> str:
    return "测" + GIVEN[index % len(GIVEN)] + GIVEN[index // len(GIVEN) % len(GIVEN)]


def write_list(path: Path, *, bad_row: bool, count: int = 5) -> None:
    rows = [
        ["2026年上半年计算机技术与软件专业技术资格证书名单"],
        ["姓名", "身份证号", "证书编号", "管理号", "资格名称", "考试批次", "批准日期", "备注"],
    ]
    for index in range(1, count + 1):
        rows.append(
            [
                chinese_name(index),
                resident_id(index * 2),
                f"T261{index:08d}",
                f"2026110000{index:06d}",
                "软件设计师",
                "2026年上半年",
                "2026/7/29",
                "",
            ]
        )
    if bad_row:
        rows.append(
            [
                "坏行",
                "11010819900101123X",
                "T26100009999",
                "2026110000999999",
                "软件设计师",
                "2026年上半年",
                "2026/7/29",
                "",
            ]
        )
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def certificates() -> int:
    count = int(Certificate.select().count())
    db.close()
    return count


def test_a_list_with_a_bad_row_is_previewed_then_imported_without_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    source = tmp_path / "名单.csv"
    write_list(source, bad_row=True)
    before = certificates()
    window.import_action.trigger()
    wizard = window.import_wizard
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(source))
    assert wizard.file_page.isComplete()
    with qtbot.waitSignal(wizard.previewed, timeout=WAIT_MS) as blocker:
        wizard.next()
    preview = blocker.args[0]
    assert preview is not None and preview.rows == 6 and preview.rejected_rows == 1
    page = wizard.preview_page
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]
    assert page.model.rowCount() >= 1
    row, column = page.model.index(0, 0).data(), page.model.index(0, 1).data()
    assert (row, column) == (
        "8",
        "身份证号",
    )  # the row number as Excel shows it: title, header, 5 rows, then it
    assert "校验位" in page.model.index(0, 3).data()
    assert "忽略的列：备注" in page.summary.text()
    assert not page.isComplete()  # a list with rejected rows is refused unless they are skipped
    page.skip_invalid.setChecked(True)
    assert page.isComplete()
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as blocker:
        wizard.next()
    report = blocker.args[0]
    assert report is not None and report.created == 5
    assert certificates() == before + 5
    wizard.next()
    target = tmp_path / "报告.xlsx"
    with qtbot.waitSignal(wizard.report_saved, timeout=WAIT_MS):
        wizard.report_page.save_to(target)
    assert load_workbook(target, read_only=True).sheetnames


def test_cancelling_an_import_writes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "名单.csv"
    write_list(source, bad_row=False, count=5000)
    before = certificates()
    window.import_action.trigger()
    wizard = window.import_wizard
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(source))
    with qtbot.waitSignal(wizard.previewed, timeout=WAIT_MS):
        wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as blocker:
        wizard.next()
        wizard.run_page.cancel.click()  # long before 5,000 rows are through
    assert blocker.args[0] is None
    assert wizard.run_page.status.text() == render("import.cancelled")
    assert certificates() == before


def test_after_the_last_row_is_read_the_bar_says_the_rows_are_being_checked_and_written(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    # Checking a large list against the database and writing it reports no steps: a full bar standing
    # still would look like a hang, so it turns busy and says what is happening.
    source = tmp_path / "名单.csv"
    write_list(source, bad_row=False, count=12_000)
    window.import_action.trigger()
    wizard = window.import_wizard
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(source))
    with qtbot.waitSignal(wizard.previewed, timeout=WAIT_MS):
        wizard.next()
    page = wizard.run_page
    seen: list[tuple[int, int, str]] = []
    # Connected after the page's own slot, so this sees the page as that slot left it.
    page._progress.advanced.connect(
        lambda done, total: seen.append((done, page.bar.maximum(), page.status.text()))
    )
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as blocker:
        wizard.next()
    assert blocker.args[0] is not None and blocker.args[0].created == 12_000
    reading, checking = [s for s in seen if s[0] < 12_000], [s for s in seen if s[0] == 12_000]
    assert reading and all(maximum > done for done, maximum, _ in reading)
    assert checking[0][1:] == (0, "已读取 12,000 行，正在核对并写入数据库……")
    assert page.bar.maximum() == 1 and page.bar.value() == 1  # and done when the report is in
