"""Printing copies for a selection (e.g. every certificate of a session awaiting pickup) into one PDF or a
ZIP, with a progress bar and a cancel button; cancelling writes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.core.services.printing import PrintedBatch
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.sessions import load_sessions


class _Progress(QObject):
    """Carries progress from the worker to the GUI thread (a queued signal)."""

    advanced = Signal(int, int)


class BatchDialog(QDialog):
    completed = Signal(int)

    def __init__(self, parent: QWidget | None, desk: DeskContext) -> None:
        super().__init__(parent)
        self.setObjectName("batchDialog")
        self._desk = desk
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._advanced)
        self.session = QComboBox()
        self.session.setObjectName("batchSession")
        self.state = QComboBox()
        self.state.setObjectName("batchState")
        self.format = QComboBox()
        self.format.setObjectName("batchFormat")
        self.format.addItem("PDF", ".pdf")
        self.format.addItem("ZIP", ".zip")
        self.bar = QProgressBar()
        self.bar.setObjectName("batchProgress")
        self.status = QLabel()
        self.status.setObjectName("batchStatus")
        self.status.setWordWrap(True)
        self.start_button = QPushButton()
        self.start_button.setObjectName("batchStart")
        self.start_button.setProperty("primary", True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("batchCancel")
        self.cancel_button.setEnabled(False)
        self.intro = QLabel()
        self.intro.setObjectName("hintText")
        self.intro.setWordWrap(True)
        self._labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        for label, field in zip(self._labels, (self.session, self.state, self.format), strict=True):
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.start_button.clicked.connect(self.choose_target)
        self.cancel_button.clicked.connect(self._cancel.set)
        self.retranslate_ui()
        fit_to_text(self)
        load_sessions(desk, self.session, on_failure=self._failed)

    def choose_target(self) -> None:
        suffix = self.format.currentData()
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("保存核验件"),
            str(Path.home() / f"核验件{suffix}"),
            f"*{suffix}",
            options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused, never replaced
        )
        if path:
            self.start(Path(path))

    def start(self, target: Path) -> None:
        """Render the selection into `target` in the background."""
        state_value = self.state.currentData()
        criteria = Criteria(
            session_id=self.session.currentData(),
            state=CertificateState(state_value) if state_value else None,
        )
        desk, cancel, progress = self._desk, self._cancel, self._progress
        lang = desk.i18n.lang
        as_zip = target.suffix.lower() == ".zip"
        cancel.clear()
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("正在生成……"))

        def work() -> PrintedBatch:
            ids = desk.lookup.search_ids(criteria).ids
            if not ids:
                raise KnownError("print.nothing_selected")
            return desk.printing.render_copies(
                ids,
                desk.actor,
                target,
                as_zip=as_zip,
                lang=lang,
                progress=progress.advanced.emit,
                cancelled=cancel.is_set,
            )

        # Rendering takes a while: it runs beside the database writer, and the copies are recorded in one
        # short transaction at the end (SQLite makes the other desks' writes wait their turn meanwhile).
        desk.runner.run(work, on_success=self._done, on_failure=self._failed)

    def _advanced(self, done: int, total: int) -> None:
        self.bar.setMaximum(total)
        self.bar.setValue(done)

    def _done(self, batch: PrintedBatch) -> None:
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("已生成 %n 份核验件。", "", batch.count))
        self.completed.emit(batch.count)

    def _failed(self, problem: KnownError) -> None:
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.bar.setValue(0)
        self.status.setText(problem.message(self._desk.i18n.lang))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("批量打印核验件"))
        self.intro.setText(
            self.tr(
                "为所选批次中处于所选状态的每张证书生成一份核验件，合成一个 PDF 或打包为 ZIP；每份都有自己的核验码并记入打印记录。"  # noqa: E501 (one literal for lupdate)
            )
        )
        for label, text in zip(
            self._labels, (self.tr("考试批次"), self.tr("状态"), self.tr("格式")), strict=True
        ):
            label.setText(text)
        current = self.state.currentData()
        self.state.clear()
        self.state.addItem(self.tr("（不限）"), None)
        for state in CertificateState:
            self.state.addItem(state.text(self._desk.i18n.lang), state.value)
        self.state.setCurrentIndex(
            max(self.state.findData(current or CertificateState.AWAITING_PICKUP.value), 0)
        )
        self.start_button.setText(self.tr("开始…"))
        self.cancel_button.setText(self.tr("取消"))
