"""The reissue queue (补办队列): every submitted application with its step and how long it has been there,
filtered by step, kind, session and age, the counts per step above it (each one a filter), and the
workflow's steps on the selected one — approve, return with a reason, send the approved ones upstream in
a batch, enter the new certificate's number or import a list of new certificates. The core refuses a step
the workflow does not allow; the buttons only offer the ones that apply. Everything is read and written in
the background."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.reissue import ReissueKind, ReissueStatus
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.reissue_workflow import (
    NewFromList,
    Queue,
    QueueRow,
    ReportedBatch,
    Stepped,
)
from ruankao_desktop.core.services.sessions import Choice, session_choices
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.files import open_list_file
from ruankao_desktop.ui.resources import show_outcome
from ruankao_desktop.ui.tables import (
    fill_row,
    keys_selected,
    list_table,
    named_button,
    select_keys,
    selected_of,
)

STEPS = tuple(status for status in ReissueStatus if status is not ReissueStatus.DRAFT)
COLUMNS = 8


class ReissueQueueDialog(QDialog):
    loaded = Signal(int)  # rows shown
    stepped = Signal(str)  # what a step said, once the queue shows what it did

    def __init__(self, parent: QWidget | None, desk: DeskContext) -> None:
        super().__init__(parent)
        self.setObjectName("reissueQueue")
        self._desk = desk
        self._rows: tuple[QueueRow, ...] = ()
        self._said: str | None = None  # a step's outcome, said once the queue is read again
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("queueStatus")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("queueKind")
        self.session_filter = QComboBox()
        self.session_filter.setObjectName("queueSession")
        self.age_filter = QSpinBox()
        self.age_filter.setObjectName("queueAge")
        self.age_filter.setRange(0, 3650)
        self.counts = {status: QPushButton() for status in STEPS}
        for status, button in self.counts.items():
            button.setObjectName(f"queueCount_{status.value}")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, chosen=status: self.show_status(chosen))
        self.summary = QLabel()
        self.summary.setObjectName("hintText")
        self.table = list_table("queueTable", COLUMNS)
        self.approve_button = named_button("queueApprove")
        self.return_button = named_button("queueReturn")
        self.report_button = named_button("queueReport")
        self.arrived_button = named_button("queueArrived")
        self.arrived_list_button = named_button("queueArrivedList")
        self.close_button = QPushButton()
        self.status = QLabel()
        self.status.setObjectName("queueStatusText")
        self.status.setWordWrap(True)
        self._filter_labels = [QLabel() for _ in range(4)]
        filters = QHBoxLayout()  # one line: the table gets the height
        for label, field in zip(
            self._filter_labels,
            (self.status_filter, self.kind_filter, self.session_filter, self.age_filter),
            strict=True,
        ):
            label.setBuddy(field)
            filters.addWidget(label)
            filters.addWidget(field, 1)
        count_row = QHBoxLayout()
        for button in self.counts.values():
            count_row.addWidget(button)
        count_row.addStretch(1)
        actions = QHBoxLayout()
        for button in (
            self.approve_button,
            self.return_button,
            self.arrived_button,
            self.arrived_list_button,
            self.report_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(count_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        self.status.hide()
        self._fill_choices()
        for combo in (self.status_filter, self.kind_filter, self.session_filter):
            combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.age_filter.valueChanged.connect(lambda _value: self.reload())
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.send_back)
        self.report_button.clicked.connect(self.report)
        self.arrived_button.clicked.connect(self.new_certificate)
        self.arrived_list_button.clicked.connect(self.new_certificates_from_list)
        self.close_button.clicked.connect(self.close)
        self.retranslate_ui()
        self.resize(960, 560)
        fit_to_text(self)
        self._update_actions()
        self.session_filter.addItem(self.tr("全部"), None)
        desk.runner.run(session_choices, on_success=self._fill_sessions, on_failure=self._failed)
        self.reload()

    # Reading -------------------------------------------------------------------------------------

    def reload(self) -> None:
        workflow = self._desk.reissues
        status = self.status_filter.currentData()
        kind = self.kind_filter.currentData()
        session = self.session_filter.currentData()
        age = self.age_filter.value() or None
        self._desk.runner.run(
            lambda: workflow.queue(
                status=ReissueStatus(status) if status else None,
                kind=ReissueKind(kind) if kind else None,
                session=session,
                older_than_days=age,
            ),
            on_success=self._show,
            on_failure=self._failed,
        )

    def _fill_sessions(self, choices: list[Choice]) -> None:
        self.session_filter.blockSignals(True)  # filling is no change of filter
        for _session_id, name in choices:
            self.session_filter.addItem(name, name)
        self.session_filter.blockSignals(False)

    def show_status(self, status: ReissueStatus) -> None:
        """The applications at `status` only (a count clicked)."""
        self.status_filter.setCurrentIndex(self.status_filter.findData(status.value))

    def _show(self, queue: Queue) -> None:
        lang = self._desk.i18n.lang
        kept = keys_selected(self.table, self._rows, attrgetter("tracking_no"))
        self._rows = queue.rows
        for status, button in self.counts.items():
            button.setText(f"{status.text(lang)} {queue.counts[status]:,}")
        self.summary.setText(
            self.tr("共 %1 份，显示 %2 份")
            .replace("%1", f"{queue.total:,}")
            .replace("%2", f"{len(queue.rows):,}")
        )
        self.table.setRowCount(len(queue.rows))
        for index, row in enumerate(queue.rows):
            more = row.new_cert_no or row.batch_no or row.return_reason or ""
            cells = (
                row.tracking_no,
                row.status.text(lang),
                row.kind.text(lang),
                row.cert_no,
                row.name,
                row.session,
                str(row.days),
                more,
            )
            fill_row(self.table, index, cells)
        select_keys(self.table, queue.rows, attrgetter("tracking_no"), kept)
        self._update_actions()
        self.loaded.emit(len(queue.rows))
        if self._said is not None:
            said, self._said = self._said, None
            self.stepped.emit(said)

    def selected(self) -> QueueRow | None:
        return selected_of(self.table, self._rows)

    def _update_actions(self) -> None:
        row = self.selected()
        status = row.status if row is not None else None
        self.approve_button.setEnabled(status is ReissueStatus.SUBMITTED)
        self.return_button.setEnabled(status in {ReissueStatus.SUBMITTED, ReissueStatus.APPROVED})
        self.arrived_button.setEnabled(status is ReissueStatus.REPORTED)

    # Steps ---------------------------------------------------------------------------------------

    @classmethod
    def ask_reason(cls, parent: QWidget, tracking_no: str) -> str | None:
        """The reason the applicant is told, or None when cancelled. Tests replace this classmethod."""
        text, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("ReissueQueueDialog", "退回申请"),
            QCoreApplication.translate("ReissueQueueDialog", "退回 %1 的原因（申请人会看到）：").replace(
                "%1", tracking_no
            ),
        )
        return text if ok else None

    @classmethod
    def ask_new_number(cls, parent: QWidget, tracking_no: str) -> str | None:
        """The new certificate's number, or None when cancelled. Tests replace this classmethod."""
        text, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("ReissueQueueDialog", "登记新证"),
            QCoreApplication.translate("ReissueQueueDialog", "%1 的新证书编号：").replace("%1", tracking_no),
        )
        return text if ok else None

    @classmethod
    def ask_folder(cls, parent: QWidget) -> Path | None:
        """Where the batch's workbook and photos go, or None when cancelled. Tests replace this."""
        folder = QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("ReissueQueueDialog", "上报文件保存到"), str(Path.home())
        )
        return Path(folder) if folder else None

    @classmethod
    def ask_list_file(cls, parent: QWidget) -> Path | None:
        """The list of new certificates (CSV or Excel), or None when cancelled. Tests replace this."""
        return open_list_file(parent, QCoreApplication.translate("ReissueQueueDialog", "选择新证清单"))

    def approve(self) -> None:
        row = self.selected()
        if row is not None:
            workflow, actor = self._desk.reissues, self._desk.actor
            self._run(lambda: workflow.approve(row.tracking_no, actor))

    def send_back(self) -> None:
        row = self.selected()
        reason = self.ask_reason(self, row.tracking_no) if row is not None else None
        if row is not None and reason is not None:
            workflow, actor = self._desk.reissues, self._desk.actor
            self._run(lambda: workflow.send_back(row.tracking_no, reason, actor))

    def new_certificate(self) -> None:
        row = self.selected()
        number = self.ask_new_number(self, row.tracking_no) if row is not None else None
        if row is not None and number is not None:
            workflow, actor = self._desk.reissues, self._desk.actor
            self._run(lambda: workflow.new_certificate(row.tracking_no, number, actor))

    def new_certificates_from_list(self) -> None:
        chosen = self.ask_list_file(self)
        if chosen is not None:
            workflow, actor = self._desk.reissues, self._desk.actor
            self._run(lambda: workflow.new_certificates_from_list(chosen, actor))

    def report(self) -> None:
        folder = self.ask_folder(self)
        if folder is not None:
            workflow, actor, lang = self._desk.reissues, self._desk.actor, self._desk.i18n.lang
            self._run(lambda: workflow.report(folder, actor, lang=lang))

    def _run(self, work: Callable[[], Stepped | ReportedBatch | NewFromList]) -> None:
        for button in (
            self.approve_button,
            self.return_button,
            self.report_button,
            self.arrived_button,
            self.arrived_list_button,
        ):
            button.setEnabled(False)
        self._desk.runner.run(work, on_success=self._done, on_failure=self._failed, write=True)

    def _done(self, result: Stepped | ReportedBatch | NewFromList) -> None:
        lang = self._desk.i18n.lang
        if isinstance(result, NewFromList):
            text = (
                self.tr("已按清单登记 %1 张新证（到达日期 %2），对应申请现为“新证已到”")
                .replace("%1", f"{len(result.tracking_nos):,}")
                .replace("%2", result.day.isoformat())
            )
        elif isinstance(result, ReportedBatch):
            text = (
                self.tr("已生成上报批次 %1（%2 份）：%3")
                .replace("%1", result.batch_no)
                .replace("%2", str(result.requests))
                .replace("%3", str(result.workbook.parent))
            )
        else:
            text = (
                self.tr("%1 现为“%2”")
                .replace("%1", result.tracking_no)
                .replace("%2", result.status.text(lang))
            )
        show_outcome(self.status, text, ok=True)
        self.report_button.setEnabled(True)
        self.arrived_list_button.setEnabled(True)
        self._said = text
        self.reload()

    def _failed(self, problem: KnownError) -> None:
        show_outcome(self.status, problem.message(self._desk.i18n.lang), ok=False)
        self.report_button.setEnabled(True)
        self.arrived_list_button.setEnabled(True)
        self._update_actions()
        self.stepped.emit(problem.message(self._desk.i18n.lang))

    # Language ------------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        self.status_filter.clear()
        self.status_filter.addItem("", None)
        for status in STEPS:
            self.status_filter.addItem("", status.value)
        self.kind_filter.clear()
        self.kind_filter.addItem("", None)
        for kind in ReissueKind:
            self.kind_filter.addItem("", kind.value)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        lang = self._desk.i18n.lang
        self.setWindowTitle(self.tr("补办队列"))
        everything = self.tr("全部")
        self.status_filter.setItemText(0, everything)
        for index, status in enumerate(STEPS, start=1):
            self.status_filter.setItemText(index, status.text(lang))
        self.kind_filter.setItemText(0, everything)
        for index, kind in enumerate(ReissueKind, start=1):
            self.kind_filter.setItemText(index, kind.text(lang))
        if self.session_filter.count():
            self.session_filter.setItemText(0, everything)
        self.age_filter.setSpecialValueText(self.tr("不限"))
        self.age_filter.setSuffix(self.tr(" 天以上"))
        labels = (self.tr("状态"), self.tr("类型"), self.tr("考试批次"), self.tr("停留"))
        for label, text in zip(self._filter_labels, labels, strict=True):
            label.setText(text)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("受理编号"),
                self.tr("状态"),
                self.tr("类型"),
                self.tr("证书编号"),
                self.tr("姓名"),
                self.tr("考试批次"),
                self.tr("天数"),
                self.tr("批次 / 新证 / 退回原因"),
            ]
        )
        self.approve_button.setText(self.tr("审核通过"))
        self.return_button.setText(self.tr("退回…"))
        self.arrived_button.setText(self.tr("登记新证…"))
        self.arrived_list_button.setText(self.tr("按清单登记新证…"))
        self.arrived_list_button.setToolTip(
            self.tr("考试机构的新证清单：CSV 或 Excel，“受理编号”（或“原证书编号”）和“新证书编号”两列")
        )
        self.report_button.setText(self.tr("生成上报批次…"))
        self.report_button.setToolTip(self.tr("把全部已审核的申请生成一个上报批次：Excel 表和照片 ZIP"))
        self.close_button.setText(self.tr("关闭"))
