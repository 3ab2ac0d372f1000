"""The import wizard (导入证书名单): choose a file → see what importing would do, with every rejected row,
its row number as Excel shows it, its column and the reason, and every holder whose name or ID number the
list would change (old → new, masked) → import with a progress bar and cancel → a report that can be saved.
Nothing is written until the operator presses Import; a refused or cancelled import leaves the database as
it was (the core's transaction). Identity changes are imported only when the operator ticks that they
checked them; otherwise their rows are held back and the report says how many. The runner broadcasts
what the import changed (`ImportReport.changed`), so the wizard announces nothing itself."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QObject,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.importing import (
    IdentityChange,
    ImportPreview,
    ImportRejected,
    ImportReport,
    ImportService,
    save_report_xlsx,
)
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.import_summary import describe
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.models.import_models import IdentityChangesModel, RejectionsModel

# Reasons are wrapped to their full text for up to this many rejected cells (a tooltip shows the rest).
WRAPPED_ROWS = 500


class _Progress(QObject):
    """Carries progress from the worker to the GUI thread."""

    advanced = Signal(int, int)


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.browse = QPushButton()
        self.hint = QLabel()
        self.hint.setObjectName("hintText")
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.browse.clicked.connect(self.choose)
        self.path.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.retranslate_ui()

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择证书名单"), str(Path.home()), self.tr("名单 (*.xlsx *.csv);;所有文件 (*)")
        )
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return Path(self.path.text().strip()).is_file()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("选择文件"))
        self.setSubTitle(self.tr("考试机构发来的证书名单：Excel 工作簿（.xlsx）或 CSV 文件。"))
        self.browse.setText(self.tr("浏览…"))
        self.hint.setText(
            self.tr(
                "标题行、合并单元格、多余的列和 GBK 编码都没有关系；下一步会先检查整个文件，再决定是否导入。"
            )
        )


class PreviewPage(QWizardPage):
    def __init__(self, desk: DeskContext, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._desk = desk
        self._wizard = wizard
        self.preview: ImportPreview | None = None
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.model = RejectionsModel(desk, self)
        self.table = QTableView()
        self.table.setObjectName("rejectionsView")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.skip_invalid = QCheckBox()
        self.skip_invalid.setObjectName("skipInvalid")
        self.skip_invalid.hide()
        self.changes_intro = QLabel()
        self.changes_intro.setObjectName("identityChangesIntro")
        self.changes_intro.setWordWrap(True)
        self.changes_model = IdentityChangesModel(desk, self)
        self.changes_table = QTableView()
        self.changes_table.setObjectName("identityChangesView")
        self.changes_table.setModel(self.changes_model)
        self.changes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_table.verticalHeader().hide()
        header = self.changes_table.horizontalHeader()
        for column in (2, 3):  # before and after share the room, side by side
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.accept_changes = QCheckBox()
        self.accept_changes.setObjectName("acceptIdentityChanges")
        self._changed_holders = 0
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skip_invalid)
        layout.addWidget(self.changes_intro)
        layout.addWidget(self.changes_table, 1)
        layout.addWidget(self.accept_changes)
        self.skip_invalid.toggled.connect(lambda _checked: self.completeChanged.emit())
        self._show_changes(())
        self.retranslate_ui()

    def initializePage(self) -> None:
        self.preview = None
        self.model.set_items(())
        self._show_changes(())
        self.skip_invalid.hide()
        self.skip_invalid.setChecked(False)
        self.summary.setText(self.tr("正在检查文件……"))
        path = Path(self._wizard.file_page.path.text().strip())
        service = ImportService(self._desk.settings, today=self._desk.today)
        self._desk.runner.run(
            lambda: service.preview(path), on_success=self._previewed, on_failure=self._failed
        )

    def _previewed(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.model.set_items(preview.rejected)
        self.table.resizeColumnsToContents()
        if len(preview.rejected) <= WRAPPED_ROWS:  # measuring every row of a long list would take a while
            self.table.resizeRowsToContents()
        self.table.setVisible(bool(preview.rejected))
        self._show_changes(preview.identity_changes)
        self.summary.setText(describe(preview, self._desk.i18n.lang))
        self.skip_invalid.setVisible(not preview.ok and preview.rows > preview.rejected_rows)
        self.completeChanged.emit()
        self._wizard.previewed.emit(preview)

    def _show_changes(self, changes: tuple[IdentityChange, ...]) -> None:
        """List the identity changes (unticked: confirming them is a decision of its own each time)."""
        self.changes_model.set_items(changes)
        self._changed_holders = len({change.holder_id for change in changes})
        self.accept_changes.setChecked(False)
        for widget in (self.changes_intro, self.changes_table, self.accept_changes):
            widget.setVisible(bool(changes))
        if changes:
            self.changes_table.resizeColumnsToContents()
        self._label_changes()

    def _failed(self, problem: KnownError) -> None:
        self.summary.setText(problem.message(self._desk.i18n.lang))
        self._wizard.previewed.emit(None)

    def isComplete(self) -> bool:
        preview = self.preview
        return preview is not None and preview.rows > 0 and (preview.ok or self.skip_invalid.isChecked())

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("检查结果"))
        self.setSubTitle(self.tr("导入前先看清楚：会新增、更新哪些证书，哪些行有问题以及原因。"))
        self.skip_invalid.setText(self.tr("只导入没有问题的行（有问题的行不导入，可保存报告后修改再导）"))
        self._label_changes()

    def _label_changes(self) -> None:
        self.changes_intro.setText(
            self.tr(
                "身份变更：名单会改变以下持证人的姓名或证件号码，请逐条核对。"
                "不勾选确认，这些行暂缓导入，其余的行照常导入。"
            )
        )
        self.accept_changes.setText(
            self.tr("我已核对以上身份变更，确认导入（%1 人）").replace("%1", str(self._changed_holders))
        )


class RunPage(QWizardPage):
    def __init__(self, desk: DeskContext, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._desk = desk
        self._wizard = wizard
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._advanced)
        self.report: ImportReport | None = None
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.cancel = QPushButton()
        self.cancel.setObjectName("importCancel")
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel)
        layout.addLayout(row)
        layout.addStretch(1)
        self.cancel.clicked.connect(self._cancel.set)
        self.retranslate_ui()

    def initializePage(self) -> None:
        self.report = None
        self._cancel.clear()
        self.bar.setRange(0, 0)
        self.cancel.setEnabled(True)
        self.status.setText(self.tr("正在导入……"))
        path = Path(self._wizard.file_page.path.text().strip())
        skip = self._wizard.preview_page.skip_invalid.isChecked()
        accept = self._wizard.preview_page.accept_changes.isChecked()
        desk, cancel, progress = self._desk, self._cancel, self._progress
        service = ImportService(desk.settings, today=desk.today)

        def report_progress(done: int, total: int | None) -> None:
            progress.advanced.emit(done, total or 0)

        desk.runner.run(
            lambda: service.run(
                path,
                actor=desk.actor,
                skip_invalid=skip,
                accept_identity_changes=accept,
                progress=report_progress,
                cancelled=cancel.is_set,
            ),
            on_success=self._done,
            on_failure=self._failed,
            write=True,
        )

    def _advanced(self, done: int, total: int) -> None:
        if not total:
            return
        if done < total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            return
        # Every row is read; checking them against the database and writing report no steps (a
        # million rows take some seconds), so the bar turns busy and says what is happening.
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("已读取 %1 行，正在核对并写入数据库……").replace("%1", f"{done:,}"))

    def _done(self, report: ImportReport) -> None:
        self.report = report
        self.cancel.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(describe(report, self._desk.i18n.lang))
        self.completeChanged.emit()
        self._wizard.imported.emit(report)

    def _failed(self, problem: KnownError) -> None:
        self.cancel.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        text = problem.message(self._desk.i18n.lang)
        if isinstance(problem, ImportRejected):
            text = self.tr("没有导入任何数据：文件中有被拒绝的行。请返回查看原因。")
        self.status.setText(text)
        self._wizard.imported.emit(None)

    def isComplete(self) -> bool:
        return self.report is not None

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("导入"))
        self.setSubTitle(self.tr("全部写入或全部不写：中途取消或出错，数据库保持原样。"))
        self.cancel.setText(self.tr("取消"))


class ReportPage(QWizardPage):
    def __init__(self, desk: DeskContext, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._desk = desk
        self._wizard = wizard
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.save = QPushButton()
        self.save.setObjectName("saveImportReport")
        self.saved = QLabel()
        self.saved.setObjectName("hintText")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.saved)
        layout.addStretch(1)
        self.save.clicked.connect(self.choose_target)
        self.retranslate_ui()

    def initializePage(self) -> None:
        report = self._wizard.run_page.report
        if report is not None:
            self.summary.setText(describe(report, self._desk.i18n.lang))

    def choose_target(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("保存导入报告"), str(Path.home() / "导入报告.xlsx"), "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, target: Path) -> None:
        report, lang = self._wizard.run_page.report, self._desk.i18n.lang
        if report is None:
            return
        self._desk.runner.run(
            lambda: save_report_xlsx(report, target, lang=lang),
            on_success=lambda _none: self._saved(target),
            on_failure=lambda problem: self.saved.setText(problem.message(lang)),
        )

    def _saved(self, target: Path) -> None:
        self.saved.setText(self.tr("报告已保存：%1").replace("%1", str(target)))
        self._wizard.report_saved.emit(str(target))

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("导入报告"))
        self.save.setText(self.tr("保存报告…"))


class ImportWizard(QWizard):
    previewed = Signal(object)  # ImportPreview, or None when the file was refused
    imported = Signal(object)  # ImportReport, or None when nothing was written
    report_saved = Signal(str)

    def __init__(self, parent: QWidget | None, desk: DeskContext) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self._desk = desk
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(desk, self)
        self.run_page = RunPage(desk, self)
        self.report_page = ReportPage(desk, self)
        for page in (self.file_page, self.preview_page, self.run_page, self.report_page):
            self.addPage(page)
        self.resize(860, 600)
        self.retranslate_ui()
        fit_to_text(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("导入证书名单"))
        for page in (self.file_page, self.preview_page, self.run_page, self.report_page):
            page.retranslate_ui()
