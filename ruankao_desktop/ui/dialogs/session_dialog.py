"""A session's arrival and pickup (到证与领取): the session's dates, its certificates counted per state
(each count a filter), a search within the session, and the list to work from — mark every certificate
not yet arrived, the selected ones, or those of an arrival list file as arrived on a day; change the
pickup deadline with a reason; hand the selected certificate over (the window opens it beside its photo
and the handover dialog); export the pickup list with its signature column. Everything is read and
written in the background; the core refuses what is not allowed and says why."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.arrival import ArrivalReport
from ruankao_desktop.core.services.changes import Changed
from ruankao_desktop.core.services.exporting import PICKUP_STATES, ExportService
from ruankao_desktop.core.services.handover import HANDOVER_ALLOWED
from ruankao_desktop.core.services.results import CertificateSummary
from ruankao_desktop.core.services.session_sheet import SessionSheet, working_session
from ruankao_desktop.core.services.sessions import Choice, session_choices
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.files import open_list_file
from ruankao_desktop.ui.resources import show_outcome
from ruankao_desktop.ui.tables import (
    fill_row,
    list_table,
    named_button,
    rows_selected,
    select_keys,
)

COLUMNS = 6
T = TypeVar("T")
RELOAD_MS = 300  # writes come in bursts (a handover and its audit drain): read the sheet once after them


class SessionDialog(QDialog):
    loaded = Signal(int)  # rows shown
    acted = Signal(str)  # what an arrival, a deadline change or an export said
    certificate_picked = Signal(int)  # open it in the window
    handover_requested = Signal(int)  # open it in the window and record its handover

    def __init__(self, parent: QWidget | None, desk: DeskContext) -> None:
        super().__init__(parent)
        self.setObjectName("sessionDialog")
        self._desk = desk
        self._sheet: SessionSheet | None = None
        self._said: str | None = None  # an outcome, said once the sheet is read again
        self._generation = 0  # the newest read: an older answer arriving late is dropped
        self.session = QComboBox()
        self.session.setObjectName("sessionPicker")
        self.session.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.dates = QLabel()
        self.dates.setObjectName("sessionDates")
        self.dates.setWordWrap(True)
        self.deadline_button = named_button("sessionDeadline")
        self.all_button = named_button("sessionStateAll")
        self.counts = {state: named_button(f"sessionState_{state.value}") for state in CertificateState}
        self.filters = QButtonGroup(self)
        self.filters.setExclusive(True)
        for button in (self.all_button, *self.counts.values()):
            button.setCheckable(True)
            button.setProperty("chip", True)  # a count that is a filter, as above the lookup's results
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.filters.addButton(button)
            button.clicked.connect(lambda _checked=False: self.reload())
        self.search = QLineEdit()
        self.search.setObjectName("sessionSearch")
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setObjectName("hintText")
        self.table = list_table("sessionTable", COLUMNS)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.status = QLabel()
        self.status.setObjectName("sessionStatusText")
        self.status.setWordWrap(True)
        self.status.hide()
        self.arrive_all_button = named_button("arriveAll")
        self.arrive_selected_button = named_button("arriveSelected")
        self.arrive_list_button = named_button("arriveList")
        self.handover_button = named_button("sessionHandover")
        self.handover_button.setShortcut(QKeySequence("Ctrl+L"))
        self.handover_button.setProperty("primary", True)
        self.open_button = named_button("sessionOpen")
        self.export_button = named_button("sessionExport")
        self.close_button = QPushButton()
        self._session_label = QLabel()
        self._session_label.setBuddy(self.session)
        self._search_label = QLabel()
        self._search_label.setBuddy(self.search)

        top = QHBoxLayout()
        top.addWidget(self._session_label)
        top.addWidget(self.session)
        top.addWidget(self.dates, 1)
        top.addWidget(self.deadline_button)
        count_row = QHBoxLayout()
        count_row.addWidget(self.all_button)
        for button in self.counts.values():
            count_row.addWidget(button)
        count_row.addStretch(1)
        search_row = QHBoxLayout()
        search_row.addWidget(self._search_label)
        search_row.addWidget(self.search, 1)
        arrival = QHBoxLayout()
        for button in (self.arrive_all_button, self.arrive_selected_button, self.arrive_list_button):
            arrival.addWidget(button)
        arrival.addStretch(1)
        arrival.addWidget(self.export_button)
        actions = QHBoxLayout()
        actions.addWidget(self.handover_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(count_row)
        layout.addLayout(search_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(arrival)
        layout.addLayout(actions)

        self.session.currentIndexChanged.connect(lambda _index: self._session_changed())
        self.search.returnPressed.connect(self.reload)
        self.search.textChanged.connect(lambda text: None if text else self.reload())
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.deadline_button.clicked.connect(self.change_deadline)
        self.arrive_all_button.clicked.connect(self.arrive_all)
        self.arrive_selected_button.clicked.connect(self.arrive_selected)
        self.arrive_list_button.clicked.connect(self.arrive_from_list)
        self.handover_button.clicked.connect(self.hand_over)
        self.open_button.clicked.connect(self.open_selected)
        self.export_button.clicked.connect(self.export_list)
        self.close_button.clicked.connect(self.close)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_MS)
        self._reload_timer.timeout.connect(lambda: self.reload(asked=False))
        desk.runner.changed.connect(self._changed_elsewhere)
        self.all_button.setChecked(True)
        self.retranslate_ui()
        self.resize(1040, 620)
        fit_to_text(self)
        self._update_actions()
        desk.runner.run(
            lambda: (session_choices(), working_session()),
            on_success=self._fill_sessions,
            on_failure=self._failed,
        )

    def _fill_sessions(self, loaded: tuple[list[Choice], int | None]) -> None:
        """Every session, newest first, the one being worked through chosen (and so read)."""
        choices, working = loaded
        self.session.blockSignals(True)
        for session_id, name in choices:
            self.session.addItem(name, session_id)
        self.session.setCurrentIndex(max(self.session.findData(working), 0))
        self.session.blockSignals(False)
        self._session_changed()

    # Reading -------------------------------------------------------------------------------------

    def session_id(self) -> int | None:
        data = self.session.currentData()
        return int(data) if data is not None else None

    def state(self) -> CertificateState | None:
        """The state the list is narrowed to (None: every state)."""
        return next((state for state, button in self.counts.items() if button.isChecked()), None)

    def show_state(self, state: CertificateState | None) -> None:
        """The certificates in `state` only (None: all of them), as a count clicked does."""
        (self.counts[state] if state is not None else self.all_button).setChecked(True)
        self.reload()

    def _session_changed(self) -> None:
        self._sheet = None
        self.search.blockSignals(True)  # a new session starts with nothing typed, and one read
        self.search.clear()
        self.search.blockSignals(False)
        self.reload()

    def reload(self, *, asked: bool = True) -> None:
        """Read the sheet again: `asked` when the clerk did (Enter, a count, a session), whose typed search
        is then audited as a lookup; not when it follows a write."""
        session_id = self.session_id()
        if session_id is None:
            return
        self._reload_timer.stop()
        self._generation += 1
        generation = self._generation
        sheets, actor = self._desk.sessions, self._desk.actor if asked else None
        state, query = self.state(), self.search.text()
        self._desk.runner.run(
            lambda: sheets.sheet(session_id, state=state, query=query, actor=actor),
            on_success=lambda sheet: self._show(generation, sheet),
            on_failure=self._failed,
        )

    def _changed_elsewhere(self, change: Changed) -> None:
        if change.alters_certificates:  # not a lookup's, a print's or a reveal's audit event
            self._reload_timer.start()

    def _show(self, generation: int, sheet: SessionSheet) -> None:
        if generation != self._generation:
            return
        kept: set[Hashable] = {row.certificate_id for row in self.selected()}
        self._sheet = sheet
        self.dates.setText(self._dates_text(sheet))
        self.all_button.setText(self.tr("全部 %1").replace("%1", f"{sum(sheet.counts.values()):,}"))
        lang = self._desk.i18n.lang
        for state, button in self.counts.items():
            count = sheet.counts[state]
            button.setText(f"{state.text(lang)} {count:,}")
            button.setVisible(bool(count) or button.isChecked())  # the states this session has
        if sheet.truncated:
            summary = self.tr("共 %1 张，显示前 %2 张；请输入姓名、证书编号或证件号码后几位查找")
        else:
            summary = self.tr("共 %1 张")
        self.summary.setText(summary.replace("%1", f"{sheet.total:,}").replace("%2", f"{len(sheet.rows):,}"))
        self.table.setRowCount(len(sheet.rows))
        for index, row in enumerate(sheet.rows):
            cells = (row.cert_no, row.name, row.id_masked, row.qualification, row.level_text(lang))
            fill_row(self.table, index, (*cells, row.state_text(lang)))
        select_keys(self.table, sheet.rows, attrgetter("certificate_id"), kept)
        self._update_actions()
        self.loaded.emit(len(sheet.rows))
        if self._said is not None:
            said, self._said = self._said, None
            self.acted.emit(said)

    def _dates_text(self, sheet: SessionSheet) -> str:
        dates = sheet.dates

        def day(value: date | None) -> str:
            return value.isoformat() if value is not None else self.tr("未定")

        arrived = day(dates.actual_arrival) if dates.actual_arrival else self.tr("尚未到达")
        return (
            self.tr("考试 %1 · 预计到达 %2 · 实际到达 %3 · 领取截止 %4")
            .replace("%1", day(dates.exam_date))
            .replace("%2", day(dates.expected_arrival))
            .replace("%3", arrived)
            .replace("%4", day(dates.pickup_deadline))
        )

    def selected(self) -> list[CertificateSummary]:
        return rows_selected(self.table, self._sheet.rows if self._sheet is not None else ())

    def _update_actions(self) -> None:
        chosen = self.selected()
        ready = self._sheet is not None
        waiting = self._sheet.counts[CertificateState.NOT_ARRIVED] if self._sheet is not None else 0
        self.arrive_all_button.setEnabled(ready and waiting > 0)
        self.arrive_selected_button.setEnabled(
            any(row.state is CertificateState.NOT_ARRIVED for row in chosen)
        )
        self.arrive_list_button.setEnabled(ready)
        self.deadline_button.setEnabled(ready)
        self.handover_button.setEnabled(len(chosen) == 1 and chosen[0].state in HANDOVER_ALLOWED)
        self.open_button.setEnabled(len(chosen) == 1)
        self.export_button.setEnabled(ready and self.state() in PICKUP_STATES)

    # Asking ----------------------------------------------------------------------------------------

    @classmethod
    def ask_day(cls, parent: QWidget, prompt: str, today: date) -> date | None:
        """The arrival day (today or before), or None when cancelled. Tests replace this classmethod."""
        asked = _DayDialog(parent, prompt, initial=today, latest=today, reason=False)
        return asked.day() if asked.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def ask_deadline(cls, parent: QWidget, current: date | None, today: date) -> tuple[date, str] | None:
        """The new pickup deadline and the reason for it, or None when cancelled. Tests replace this."""
        prompt = QCoreApplication.translate("SessionDialog", "新的领取截止日期和修改原因：")
        asked = _DayDialog(parent, prompt, initial=current or today, latest=None, reason=True)
        return (asked.day(), asked.reason.text()) if asked.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def ask_list_file(cls, parent: QWidget) -> Path | None:
        """The arrival list (证书编号 in a CSV, text or Excel file), or None when cancelled."""
        return open_list_file(parent, QCoreApplication.translate("SessionDialog", "选择到达清单"))

    @classmethod
    def ask_target(cls, parent: QWidget, suggested: str) -> Path | None:
        """Where the pickup list goes (.xlsx or .csv), or None when cancelled. Tests replace this."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("SessionDialog", "导出领取名单到"),
            str(Path.home() / suggested),
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        return Path(path) if path else None

    # Acting ----------------------------------------------------------------------------------------

    def arrive_all(self) -> None:
        sheet = self._sheet
        if sheet is None:
            return
        prompt = (
            self.tr("将%1尚未到达的 %2 张证书全部登记为已到达。到达日期：")
            .replace("%1", sheet.dates.name)
            .replace("%2", f"{sheet.counts[CertificateState.NOT_ARRIVED]:,}")
        )
        self._arrive(prompt)

    def arrive_selected(self) -> None:
        numbers = [row.cert_no for row in self.selected() if row.state is CertificateState.NOT_ARRIVED]
        if numbers:
            prompt = self.tr("将所选的 %1 张证书登记为已到达。到达日期：").replace("%1", f"{len(numbers):,}")
            self._arrive(prompt, cert_nos=numbers)

    def arrive_from_list(self) -> None:
        chosen = self.ask_list_file(self)
        if chosen is not None:
            prompt = self.tr("将清单 %1 中的证书登记为已到达。到达日期：").replace("%1", chosen.name)
            self._arrive(prompt, list_file=chosen)

    def _arrive(
        self, prompt: str, *, cert_nos: list[str] | None = None, list_file: Path | None = None
    ) -> None:
        session_id = self.session_id()
        day = self.ask_day(self, prompt, self._desk.today()) if session_id is not None else None
        if session_id is None or day is None:
            return
        arrival, actor = self._desk.arrival, self._desk.actor
        self._run(
            lambda: arrival.mark_arrived(session_id, day, actor, cert_nos=cert_nos, list_file=list_file),
            self._arrived,
        )

    def _arrived(self, report: ArrivalReport) -> str:
        if report.already:
            text = self.tr("已登记%1的 %2 张证书于 %3 到达；另有 %4 张此前已到达，未改动。")
        else:
            text = self.tr("已登记%1的 %2 张证书于 %3 到达。")
        return (
            text.replace("%1", report.session)
            .replace("%2", f"{report.arrived:,}")
            .replace("%3", report.day.isoformat())
            .replace("%4", f"{report.already:,}")
        )

    def change_deadline(self) -> None:
        sheet = self._sheet
        asked = self.ask_deadline(self, sheet.dates.pickup_deadline, self._desk.today()) if sheet else None
        if sheet is None or asked is None:
            return
        deadline, reason = asked
        arrival, actor, session_id = self._desk.arrival, self._desk.actor, sheet.dates.session_id
        said = (
            self.tr("%1的领取截止日期已改为 %2。")
            .replace("%1", sheet.dates.name)
            .replace("%2", deadline.isoformat())
        )
        self._run(lambda: arrival.set_pickup_deadline(session_id, deadline, reason, actor), lambda _c: said)

    def export_list(self) -> None:
        sheet, state = self._sheet, self.state()
        if sheet is None or state not in PICKUP_STATES:
            return
        lang = self._desk.i18n.lang
        target = self.ask_target(self, f"{sheet.dates.code}-{state.text(lang)}.xlsx")
        if target is None:
            return
        desk = self._desk
        service = ExportService(desk.settings, today=desk.today)
        actor, session_id = desk.actor, sheet.dates.session_id
        self._run(
            lambda: service.pickup_list(session_id, path=target, actor=actor, state=state, lang=lang),
            lambda exported: (
                self.tr("已导出 %1 行：%2").replace("%1", f"{exported.rows:,}").replace("%2", str(target))
            ),
        )

    def hand_over(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and chosen[0].state in HANDOVER_ALLOWED:
            self.handover_requested.emit(chosen[0].certificate_id)

    def open_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.certificate_picked.emit(chosen[0].certificate_id)

    def _run(self, work: Callable[[], T], said: Callable[[T], str]) -> None:
        for button in (
            self.arrive_all_button,
            self.arrive_selected_button,
            self.arrive_list_button,
            self.deadline_button,
            self.export_button,
        ):
            button.setEnabled(False)
        self._desk.runner.run(
            work, on_success=lambda result: self._succeeded(said(result)), on_failure=self._failed, write=True
        )

    def _succeeded(self, text: str) -> None:
        show_outcome(self.status, text, ok=True)
        self._said = text
        self.reload(asked=False)

    def _failed(self, problem: KnownError) -> None:
        text = problem.message(self._desk.i18n.lang)
        show_outcome(self.status, text, ok=False)
        self._update_actions()
        self.acted.emit(text)

    # Language --------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("到证与领取"))
        self._session_label.setText(self.tr("考试批次"))
        self._search_label.setText(self.tr("查找"))
        self.search.setPlaceholderText(self.tr("姓名、拼音、证书编号或证件号码后4–6位，回车查找"))
        self.deadline_button.setText(self.tr("修改截止日期…"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("证书编号"),
                self.tr("姓名"),
                self.tr("证件号码"),
                self.tr("资格名称"),
                self.tr("级别"),
                self.tr("状态"),
            ]
        )
        self.arrive_all_button.setText(self.tr("全部到达…"))
        self.arrive_all_button.setToolTip(self.tr("把本批次尚未到达的证书全部登记为已到达"))
        self.arrive_selected_button.setText(self.tr("所选到达…"))
        self.arrive_list_button.setText(self.tr("按清单到达…"))
        self.arrive_list_button.setToolTip(self.tr("考试机构的到达清单：CSV、文本或 Excel，一列证书编号"))
        self.handover_button.setText(self.tr("登记领取…"))
        self.handover_button.setToolTip(self.tr("在主窗口打开所选证书并登记领取（Ctrl+L）"))
        self.open_button.setText(self.tr("打开证书"))
        self.export_button.setText(self.tr("导出领取名单…"))
        self.export_button.setToolTip(self.tr("待领取或逾期未领的名单，带签名栏"))
        self.close_button.setText(self.tr("关闭"))
        if self._sheet is not None:
            self._show(self._generation, self._sheet)


class _DayDialog(QDialog):
    """A day (with a calendar), and a reason when one is needed."""

    def __init__(
        self, parent: QWidget, prompt: str, *, initial: date, latest: date | None, reason: bool
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dayDialog")
        self.setWindowTitle(parent.windowTitle())
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.date = QDateEdit(QDate(initial.year, initial.month, initial.day))
        self.date.setObjectName("dayInput")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        if latest is not None:
            self.date.setMaximumDate(QDate(latest.year, latest.month, latest.day))
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonInput")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("SessionDialog", "日期"), self.date)
        if reason:
            form.addRow(QCoreApplication.translate("SessionDialog", "原因"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_to_text(self)

    def day(self) -> date:
        chosen = self.date.date()
        return date(chosen.year(), chosen.month(), chosen.day())
