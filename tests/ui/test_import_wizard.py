"""The import wizard driven through its pages: a list with one bad row is previewed with the row's
number, column and reason, refused as a whole, then imported without the bad row; the report is saved.
A list renaming a holder shows the change, holds the row back unless the operator ticks the
confirmation, and imports it when they do."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from stdnum.cn import ric

from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.changes import ChangeKind
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import Certificate, ExamSession, Holder
from ruankao_desktop.ui.dialogs.import_wizard import ImportWizard
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


def write_renaming_list(path: Path) -> tuple[int, str, str]:
    """A list of the latest session: a holder of the demo data under the name 赵六 (row 3), and a new
    person (row 4). Returns the holder's id and name, and the renamed row's certificate number."""
    holder = Holder.select().where(Holder.id_type == "resident", Holder.name != "赵六").first()
    session = ExamSession.select().order_by(ExamSession.exam_date.desc()).first()
    found = (int(holder.id), str(holder.name), str(holder.id_number), str(session.name))
    db.close()
    holder_id, name, id_number, session_name = found
    rows = [
        ["2026年证书名单"],
        ["姓名", "身份证号", "证书编号", "管理号", "资格名称", "考试批次", "批准日期"],
        ["赵六", id_number, "T26200000001", "2026120000000001", "软件设计师", session_name, "2026/11/1"],
        [
            chinese_name(7),
            resident_id(7001),
            "T26200000002",
            "2026120000000002",
            "软件设计师",
            session_name,
            "2026/11/1",
        ],
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return holder_id, name, "T26200000001"


def holder_name(holder_id: int) -> str:
    name = str(Holder.get_by_id(holder_id).name)
    db.close()
    return name


def written(cert_no: str) -> bool:
    found = Certificate.select().where(Certificate.cert_no == cert_no).exists()
    db.close()
    return bool(found)


def preview_renaming_list(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, qtmodeltester: ModelTester
) -> tuple[ImportWizard, int, str, str]:
    holder_id, name, cert_no = write_renaming_list(tmp_path / "名单.csv")
    window.import_action.trigger()
    wizard = window.import_wizard
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(tmp_path / "名单.csv"))
    with qtbot.waitSignal(wizard.previewed, timeout=WAIT_MS):
        wizard.next()
    page = wizard.preview_page
    qtmodeltester.check(page.changes_model)  # type: ignore[no-untyped-call]
    assert page.changes_table.isVisibleTo(wizard) and page.accept_changes.isVisibleTo(wizard)
    shown = [page.changes_model.index(0, column).data() for column in range(5)]
    assert shown == ["3", "姓名变更", name, "赵六", cert_no]
    assert page.accept_changes.text() == "我已核对以上身份变更，确认导入（1 人）"
    assert not page.accept_changes.isChecked()
    assert "1 行会改变持证人的姓名或证件号码" in page.summary.text()
    assert page.isComplete()  # the rest of the list may be imported without confirming the change
    return wizard, holder_id, name, cert_no


def test_an_unconfirmed_rename_is_held_back_and_the_rest_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    wizard, holder_id, name, cert_no = preview_renaming_list(qtbot, window, tmp_path, qtmodeltester)
    with qtbot.waitSignal(window.desk.runner.changed, timeout=WAIT_MS) as broadcast:
        wizard.next()
    assert broadcast.args[0].kind is ChangeKind.IMPORT and broadcast.args[0].everything
    report = wizard.run_page.report
    assert report is not None and (report.created, report.held_back) == (1, 1)
    assert holder_name(holder_id) == name
    assert not written(cert_no) and written("T26200000002")
    wizard.next()
    assert (
        "1 行会改变持证人的姓名或证件号码，未经确认，暂缓导入，没有写入。"
        in wizard.report_page.summary.text()
    )


def test_a_confirmed_rename_is_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    wizard, holder_id, _, cert_no = preview_renaming_list(qtbot, window, tmp_path, qtmodeltester)
    wizard.preview_page.accept_changes.click()
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as blocker:
        wizard.next()
    report = blocker.args[0]
    assert report is not None and (report.created, report.held_back) == (2, 0)
    assert holder_name(holder_id) == "赵六"
    assert written(cert_no)
    wizard.next()
    assert "已按确认导入 1 处身份变更。" in wizard.report_page.summary.text()
