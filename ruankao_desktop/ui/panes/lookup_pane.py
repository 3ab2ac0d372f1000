"""The lookup pane: one field for anything the candidate hands over (typed or scanned), an advanced form,
the results table, and, when nothing matches, why that may be.

Typing searches after a short pause and stays quiet about half-typed numbers; Enter (which a barcode
scanner sends after its burst of keystrokes) searches at once, says exactly what is wrong with the input
and is recorded in the audit trail. A newer search always replaces an older one still running.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.ids import normalise_id, parse_id
from ruankao_desktop.core.domain.names import normalise_name
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.guidance import Hint, no_match_hints
from ruankao_desktop.core.services.lookup import IdsOutcome
from ruankao_desktop.core.store.filters import Criteria
from ruankao_desktop.core.store.models import ExamSession, Qualification
from ruankao_desktop.ui.context import Change, DeskContext
from ruankao_desktop.ui.models.results_model import Column, ResultsModel
from ruankao_desktop.ui.resources import icon
from ruankao_desktop.ui.state_badge import StateBadgeDelegate

DEBOUNCE_MS = 300
MIN_TYPED = 2


@dataclass(frozen=True)
class _Searched:
    """What a search found (`outcome` None: the query broke a rule, explained by `hints`)."""

    query: str
    explicit: bool
    outcome: IdsOutcome | None
    hints: list[Hint]


@dataclass(frozen=True)
class _Choices:
    sessions: list[tuple[int, str]]
    qualifications: list[tuple[int, str]]


def _load_choices() -> _Choices:
    sessions = [(s.id, s.name) for s in ExamSession.select().order_by(ExamSession.exam_date.desc())]
    qualifications = [
        (q.id, q.name)
        for q in Qualification.select()
        .where(Qualification.successor.is_null())
        .order_by(Qualification.sort_order)
    ]
    return _Choices(sessions, qualifications)


class LookupPane(QFrame):
    certificate_opened = Signal(int)
    search_finished = Signal(int)  # number of results, for tests and the status bar

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookupPane")
        self.setProperty("pane", True)
        self._desk = desk
        self._generation = 0

        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.input = QLineEdit()
        self.input.setObjectName("lookupInput")
        self.input.setClearButtonEnabled(True)
        self.search_button = QPushButton(icon("search"), "")
        self.search_button.setObjectName("lookupButton")
        self.search_button.setProperty("primary", True)
        self.advanced_button = QPushButton(icon("advanced"), "")
        self.advanced_button.setObjectName("advancedToggle")
        self.advanced_button.setCheckable(True)

        self.advanced = QFrame()
        self.advanced.setObjectName("advancedForm")
        self.name_field = QLineEdit()
        self.name_field.setObjectName("advancedName")
        self.id_field = QLineEdit()
        self.id_field.setObjectName("advancedId")
        self.cert_field = QLineEdit()
        self.cert_field.setObjectName("advancedCertNo")
        self.management_field = QLineEdit()
        self.management_field.setObjectName("advancedManagementNo")
        self.session_field = QComboBox()
        self.session_field.setObjectName("advancedSession")
        self.qualification_field = QComboBox()
        self.qualification_field.setObjectName("advancedQualification")
        self.state_field = QComboBox()
        self.state_field.setObjectName("advancedState")
        self.advanced_error = QLabel()
        self.advanced_error.setObjectName("errorText")
        self.advanced_error.setWordWrap(True)
        self.advanced_error.hide()
        self.advanced_search = QPushButton(icon("search"), "")
        self.advanced_search.setObjectName("advancedSearch")
        self.advanced_clear = QPushButton(icon("clear"), "")
        self._form = QFormLayout(self.advanced)
        self._form.setContentsMargins(0, 4, 0, 4)
        self._form_labels = [QLabel() for _ in range(7)]
        for label, field in zip(
            self._form_labels,
            (
                self.name_field,
                self.id_field,
                self.cert_field,
                self.management_field,
                self.session_field,
                self.qualification_field,
                self.state_field,
            ),
            strict=True,
        ):
            label.setBuddy(field)
            self._form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.advanced_clear)
        buttons.addWidget(self.advanced_search)
        self._form.addRow(self.advanced_error)
        self._form.addRow(buttons)
        self.advanced.hide()

        self.summary = QLabel()
        self.summary.setObjectName("hintText")
        self.model = ResultsModel(desk.runner, desk.lookup.summaries, desk.i18n, self)
        self.results = QTableView()
        self.results.setObjectName("resultsView")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setAlternatingRowColors(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setTabKeyNavigation(False)
        self.results.setWordWrap(False)
        self.results.verticalHeader().setDefaultSectionSize(30)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.results.setItemDelegateForColumn(Column.STATE, StateBadgeDelegate(self.results))

        self.guidance = QFrame()
        self.guidance.setObjectName("guidance")
        self.guidance_text = QLabel()
        self.guidance_text.setObjectName("guidanceText")
        self.guidance_text.setWordWrap(True)
        self.guidance_text.setTextFormat(Qt.TextFormat.RichText)
        guidance_layout = QVBoxLayout(self.guidance)
        guidance_layout.addWidget(self.guidance_text)
        self.guidance.hide()

        search_row = QHBoxLayout()
        search_row.addWidget(self.input, 1)
        search_row.addWidget(self.search_button)
        search_row.addWidget(self.advanced_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.title)
        layout.addLayout(search_row)
        layout.addWidget(self.advanced)
        layout.addWidget(self.summary)
        layout.addWidget(self.guidance)
        layout.addWidget(self.results, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_as_typed)
        self.input.textEdited.connect(lambda _text: self._debounce.start())
        self.input.returnPressed.connect(self.search_now)
        self.search_button.clicked.connect(self.search_now)
        self.advanced_button.toggled.connect(self.advanced.setVisible)
        self.advanced_search.clicked.connect(self.search_advanced)
        self.advanced_clear.clicked.connect(self.clear_advanced)
        for line in (self.name_field, self.id_field, self.cert_field, self.management_field):
            line.returnPressed.connect(self.search_advanced)
        self.results.activated.connect(self._open_index)
        self.results.doubleClicked.connect(self._open_index)
        self.input.installEventFilter(self)
        self.results.installEventFilter(self)
        desk.bus.certificate_changed.connect(self._certificate_changed)
        self._choices = _Choices([], [])
        self.retranslate_ui()
        desk.runner.run(_load_choices, on_success=self._choices_loaded, on_failure=lambda _problem: None)

    # Searching ----------------------------------------------------------------------------------------

    def search_now(self) -> None:
        """Search what is in the field at once, as Enter or the button does."""
        self._debounce.stop()
        self._run_query(self.input.text(), explicit=True)

    def _search_as_typed(self) -> None:
        if len(normalise_id(self.input.text())) >= MIN_TYPED:
            self._run_query(self.input.text(), explicit=False)

    def _run_query(self, query: str, *, explicit: bool) -> None:
        self._generation += 1
        generation = self._generation
        lookup = self._desk.lookup
        self.summary.setText(self.tr("正在查询……"))

        def work() -> _Searched:
            try:
                outcome = lookup.lookup_ids(query)
            except InvalidInput as problem:
                hints = no_match_hints(query, kind=None, problem=problem) if explicit else []
                return _Searched(query, explicit, None, hints)
            hints = [] if outcome.ids else no_match_hints(query, kind=outcome.kind, problem=None)
            return _Searched(query, explicit, outcome, hints)

        self._desk.runner.run(
            work,
            on_success=lambda searched: self._query_done(generation, searched),
            on_failure=lambda problem: self._query_failed(generation, problem),
        )

    def _query_done(self, generation: int, searched: _Searched) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        outcome = searched.outcome
        if outcome is None:  # the query broke a rule: say which on Enter, stay quiet while typing
            self.model.set_ids(())
            if searched.explicit:
                self._show_guidance(searched.hints)
                self.summary.setText(self.tr("无法查询"))
            else:
                self.guidance.hide()
                self.summary.setText(self.tr("继续输入……（按回车查询）"))
            self.search_finished.emit(0)
            return
        self._show_results(outcome, searched.hints)
        if searched.explicit:
            actor, lookup, query = self._desk.actor, self._desk.lookup, searched.query
            count = len(outcome.ids)
            self._desk.runner.run(
                lambda: lookup.record_lookup(actor, query, kind=outcome.kind, results=count),
                on_success=lambda _none: None,
                on_failure=lambda _problem: None,
                write=True,
            )
            if outcome.ids:
                self.results.setFocus()

    def _query_failed(self, generation: int, problem: KnownError) -> None:
        if generation != self._generation:
            return
        self.model.set_ids(())
        self._show_guidance([Hint("guide.input", problem=problem)])
        self.summary.setText(self.tr("无法查询"))
        self.search_finished.emit(0)

    def _show_results(self, outcome: IdsOutcome, hints: list[Hint]) -> None:
        self.model.set_ids(outcome.ids)
        if outcome.ids:
            self.guidance.hide()
            self.results.selectRow(0)
            text = self.tr("共 %n 条结果", "", len(outcome.ids))
            if outcome.truncated:
                text += self.tr("（结果过多，只显示前 %n 条，请缩小范围）", "", len(outcome.ids))
            for notice in outcome.notices:
                text += "  " + notice.message(self._desk.i18n.lang)
            self.summary.setText(text)
        else:
            self.summary.setText(self.tr("没有找到匹配的证书"))
            self._show_guidance(hints)
        self.search_finished.emit(len(outcome.ids))

    def _show_guidance(self, hints: list[Hint]) -> None:
        lang = self._desk.i18n.lang
        items = "".join(f"<li>{html.escape(hint.message(lang))}</li>" for hint in hints)
        title = self.tr("可能的原因")
        self.guidance_text.setText(f"<b>{html.escape(title)}</b><ul style='margin-left:-20px'>{items}</ul>")
        self.guidance.show()

    def search_advanced(self) -> None:
        try:
            criteria = self.criteria()
        except InvalidInput as problem:
            self.advanced_error.setText(problem.message(self._desk.i18n.lang))
            self.advanced_error.show()
            return
        self.advanced_error.hide()
        if criteria.is_empty():
            self.advanced_error.setText(self.tr("请至少填写一项查询条件。"))
            self.advanced_error.show()
            return
        self._generation += 1
        generation = self._generation
        lookup = self._desk.lookup
        self.summary.setText(self.tr("正在查询……"))
        self._desk.runner.run(
            lambda: lookup.search_ids(criteria),
            on_success=lambda outcome: self._advanced_done(generation, outcome),
            on_failure=lambda problem: self._query_failed(generation, problem),
        )

    def _advanced_done(self, generation: int, outcome: IdsOutcome) -> None:
        if generation == self._generation:
            self._show_results(outcome, [Hint("guide.former_identity"), Hint("guide.contact")])

    def criteria(self) -> Criteria:
        """The advanced form as search criteria; a malformed ID number is reported as such."""
        id_text = normalise_id(self.id_field.text())
        name = normalise_name(self.name_field.text())
        cert_no = normalise_id(self.cert_field.text())
        management_no = normalise_id(self.management_field.text())
        return Criteria(
            name=name or None,
            id_number=parse_id(id_text, today=self._desk.today()).value if id_text else None,
            cert_no=cert_no or None,
            management_no=management_no or None,
            session_id=self.session_field.currentData(),
            qualification_id=self.qualification_field.currentData(),
            state=CertificateState(state) if (state := self.state_field.currentData()) else None,
        )

    def clear_advanced(self) -> None:
        for line in (self.name_field, self.id_field, self.cert_field, self.management_field):
            line.clear()
        for combo in (self.session_field, self.qualification_field, self.state_field):
            combo.setCurrentIndex(0)
        self.advanced_error.hide()

    def focus_input(self) -> None:
        self.input.setFocus()
        self.input.selectAll()

    def refresh(self) -> None:
        self.model.refresh()

    # Keyboard and opening -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if watched is self.input and event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.results.setFocus()
                if not self.results.currentIndex().isValid():
                    self.results.selectRow(0)
                return True
            if watched is self.results and event.key() == Qt.Key.Key_Escape:
                self.focus_input()
                return True
            if watched is self.results and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        certificate_id = self.model.certificate_id(index.row()) if index.isValid() else None
        if certificate_id is not None:
            self.certificate_opened.emit(certificate_id)

    def _certificate_changed(self, change: Change) -> None:
        self.model.refresh()

    # Language -------------------------------------------------------------------------------------------

    def _choices_loaded(self, choices: _Choices) -> None:
        self._choices = choices
        self._fill_combos()

    def _fill_combos(self) -> None:
        any_text = self.tr("（不限）")
        lang = self._desk.i18n.lang
        for combo, items in (
            (self.session_field, self._choices.sessions),
            (self.qualification_field, self._choices.qualifications),
            (self.state_field, [(state, state.text(lang)) for state in CertificateState]),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(any_text, None)
            for value, text in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def _fit_columns(self) -> None:
        """Widths from what the columns can hold, in the current language and font: measuring the rows
        themselves would make the lazy model fetch every page."""
        lang = self._desk.i18n.lang
        self.results.ensurePolished()  # the stylesheet's font, not the default one
        metrics = self.results.fontMetrics()

        def widest(*texts: str) -> int:
            return max(metrics.horizontalAdvance(text) for text in texts) + 18

        header = self.results.horizontalHeader()
        widths = {
            Column.NAME: widest("欧阳娜娜", self.model.column_titles()[Column.NAME]),
            Column.STATE: widest(*(state.text(lang) for state in CertificateState)) + 16,
            Column.ID: widest("110105********123X"),
            Column.QUALIFICATION: widest("信息系统项目管理师"),
            Column.LEVEL: widest(
                *(render(f"level.{level}", lang) for level in ("junior", "intermediate", "senior"))
            ),
            Column.SESSION: widest("2026年上半年"),
        }
        for column, width in widths.items():
            header.resizeSection(column, width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("查询证书"))
        self.input.setPlaceholderText(self.tr("身份证号、证书编号、管理号或姓名（可扫码），回车查询"))
        self.search_button.setText(self.tr("查询"))
        self.search_button.setToolTip(self.tr("立即查询（回车）"))
        self.advanced_button.setText(self.tr("高级"))
        self.advanced_button.setToolTip(self.tr("按多个条件组合查询"))
        self.advanced_search.setText(self.tr("按条件查询"))
        self.advanced_clear.setText(self.tr("清空"))
        labels = [
            self.tr("姓名"),
            self.tr("证件号码"),
            self.tr("证书编号"),
            self.tr("管理号"),
            self.tr("考试批次"),
            self.tr("资格名称"),
            self.tr("状态"),
        ]
        for label, text in zip(self._form_labels, labels, strict=True):
            label.setText(text)
        self._fill_combos()
        self._fit_columns()
        if not self.summary.text():
            self.summary.setText(self.tr("请输入查询内容"))
