"""Exports from the desk: the current lookup results, a session's pickup list (待领取 / 逾期未领) or the
submitted reissue applications, to .xlsx or .csv (UTF-8 with BOM). ID numbers are masked; every export is
audited by the core."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.exporting import PICKUP_STATES, Exported
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.resources import show_outcome
from ruankao_desktop.ui.sessions import load_sessions


class ExportDialog(QDialog):
    exported = Signal(int)  # rows written

    def __init__(self, parent: QWidget | None, desk: DeskContext, result_ids: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self._desk = desk
        self._result_ids = tuple(result_ids)
        self.results_choice = QRadioButton()
        self.results_choice.setObjectName("exportResults")
        self.pickup_choice = QRadioButton()
        self.pickup_choice.setObjectName("exportPickup")
        self.reissues_choice = QRadioButton()
        self.reissues_choice.setObjectName("exportReissues")
        self.choices = QButtonGroup(self)
        for choice in (self.results_choice, self.pickup_choice, self.reissues_choice):
            self.choices.addButton(choice)
        self.session = QComboBox()
        self.session.setObjectName("exportSession")
        self.state = QComboBox()
        self.state.setObjectName("exportState")
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.format.addItem("Excel (.xlsx)", ".xlsx")
        self.format.addItem("CSV (.csv)", ".csv")
        self.note = QLabel()
        self.note.setObjectName("hintText")
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.start_button = QPushButton()
        self.start_button.setObjectName("exportStart")
        self.start_button.setProperty("primary", True)
        self.close_button = QPushButton()
        self._labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        for label, field in zip(self._labels, (self.session, self.state, self.format), strict=True):
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.results_choice)
        layout.addWidget(self.pickup_choice)
        layout.addWidget(self.reissues_choice)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.results_choice.setEnabled(bool(self._result_ids))
        (self.results_choice if self._result_ids else self.pickup_choice).setChecked(True)
        self.choices.buttonToggled.connect(lambda _button, _checked: self._update_fields())
        self.start_button.clicked.connect(self.choose_target)
        self.close_button.clicked.connect(self.close)
        self.retranslate_ui()
        fit_to_text(self)
        self._update_fields()
        load_sessions(desk, self.session, on_failure=self._failed)

    def _update_fields(self) -> None:
        pickup = self.pickup_choice.isChecked()
        self.session.setEnabled(pickup)
        self.state.setEnabled(pickup)

    def choose_target(self) -> None:
        suffix = self.format.currentData()
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出到"),
            str(Path.home() / f"导出{suffix}"),
            f"*{suffix}",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, target: Path) -> None:
        """Write the chosen export to `target` in the background."""
        from ruankao_desktop.core.services.exporting import ExportService

        desk = self._desk
        service = ExportService(desk.settings, today=desk.today)
        actor, lang = desk.actor, desk.i18n.lang
        if self.results_choice.isChecked():
            ids = self._result_ids

            def work() -> Exported:
                return service.lookup_results(ids, path=target, actor=actor, lang=lang)

        elif self.pickup_choice.isChecked():
            session = int(self.session.currentData() or 0)
            state = CertificateState(self.state.currentData())

            def work() -> Exported:
                return service.pickup_list(session, path=target, actor=actor, state=state, lang=lang)

        else:

            def work() -> Exported:
                return service.reissue_requests(path=target, actor=actor, lang=lang)

        self.start_button.setEnabled(False)
        self.status.setText(self.tr("正在导出……"))
        desk.runner.run(
            work, on_success=lambda exported: self._done(target, exported.rows), on_failure=self._failed
        )

    def _done(self, target: Path, rows: int) -> None:
        self.start_button.setEnabled(True)
        show_outcome(
            self.status,
            self.tr("已导出 %1 行：%2").replace("%1", str(rows)).replace("%2", str(target)),
            ok=True,
        )
        self.exported.emit(rows)

    def _failed(self, problem: KnownError) -> None:
        self.start_button.setEnabled(True)
        show_outcome(self.status, problem.message(self._desk.i18n.lang), ok=False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("导出"))
        self.results_choice.setText(self.tr("当前查询结果（%n 张证书）", "", len(self._result_ids)))
        self.pickup_choice.setText(self.tr("领取名单：一个批次待领取或逾期未领的证书，带签名栏"))
        self.reissues_choice.setText(self.tr("已提交的补办申请（报送上级用）"))
        for label, text in zip(
            self._labels, (self.tr("考试批次"), self.tr("状态"), self.tr("格式")), strict=True
        ):
            label.setText(text)
        current = self.state.currentData()
        self.state.clear()
        for state in PICKUP_STATES:
            self.state.addItem(state.text(self._desk.i18n.lang), state.value)
        self.state.setCurrentIndex(max(self.state.findData(current), 0))
        self.note.setText(
            self.tr(
                "证件号码一律脱敏导出；每次导出都记入审计日志。CSV 为带 BOM 的 UTF-8，可直接用 Excel 打开。"
            )
        )
        self.start_button.setText(self.tr("导出…"))
        self.close_button.setText(self.tr("关闭"))
