"""The lookup pane: one field for anything the candidate hands over (typed or scanned), an advanced form,
the results table, and, when nothing matches, why that may be.

Typing searches after a short pause and stays quiet about half-typed numbers; Enter (which a barcode
scanner sends after its burst of keystrokes) searches at once, says exactly what is wrong with the input
and is recorded in the audit trail. A newer search always replaces an older one still running.

The keyboard contract (docs/architecture.md "The window"): Enter searches; exactly one hit opens at once;
with several, nothing is selected and the focus stays in the field, and ↓ moves into the results by
selecting the first row — pressed before the results arrived, it waits for them — so Enter, ↓, Enter
opens the row the clerk sees highlighted. Every new search announces `search_started`, on which the
window empties the detail pane.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from ruankao_desktop.core.domain.ids import normalise_id
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.changes import Changed
from ruankao_desktop.core.services.guidance import Hint, no_match_hints
from ruankao_desktop.core.services.lookup import Criteria, IdsOutcome
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.models.results_model import Column, ResultsModel
from ruankao_desktop.ui.panes.advanced_search import AdvancedSearch
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


class LookupPane(QFrame):
    certificate_opened = Signal(int)
    search_started = Signal()
    search_finished = Signal(int)  # number of results, for tests and the status bar

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookupPane")
        self.setProperty("pane", True)
        self._desk = desk
        self._generation = 0
        self._searching = False
        self._down_pending = False

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

        self.advanced = AdvancedSearch(desk)
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
        self.advanced.search_requested.connect(self.search_criteria)
        self.results.activated.connect(self._open_index)
        self.results.doubleClicked.connect(self._open_index)
        self.input.installEventFilter(self)
        self.results.installEventFilter(self)
        desk.runner.changed.connect(self._changed)
        self.retranslate_ui()

    # Searching ----------------------------------------------------------------------------------------

    def search_now(self) -> None:
        """Search what is in the field at once, as Enter or the button does."""
        self._debounce.stop()
        self._run_query(self.input.text(), explicit=True)

    def _search_as_typed(self) -> None:
        if len(normalise_id(self.input.text())) >= MIN_TYPED:
            self._run_query(self.input.text(), explicit=False)

    def _start(self) -> int:
        """A new search begins: older ones are superseded and the window lets go of the open certificate."""
        self._generation += 1
        self._searching = True
        self.summary.setText(self.tr("正在查询……"))
        self.search_started.emit()
        return self._generation

    def _run_query(self, query: str, *, explicit: bool) -> None:
        generation = self._start()
        lookup, actor = self._desk.lookup, self._desk.actor

        def work() -> _Searched:
            try:
                outcome = lookup.lookup_ids(query)
            except InvalidInput as problem:
                hints = no_match_hints(query, kind=None, problem=problem) if explicit else []
                return _Searched(query, explicit, None, hints)
            if explicit:  # its audit event is on disk before the results are shown, written after
                lookup.queue_lookup(actor, query, kind=outcome.kind, results=len(outcome.ids))
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
        self._searching = False
        outcome = searched.outcome
        if outcome is None:  # the query broke a rule: say which on Enter, stay quiet while typing
            self.model.set_ids(())
            if searched.explicit:
                self._show_guidance(searched.hints)
                self.summary.setText(self.tr("无法查询"))
            else:
                self.guidance.hide()
                self.summary.setText(self.tr("继续输入……（按回车查询）"))
            self._down_pending = False
            self.search_finished.emit(0)
            return
        self._show_results(outcome, searched.hints)
        if searched.explicit:
            actor, lookup = self._desk.actor, self._desk.lookup
            # Left queued while another desk holds the write lock; the window drains it later.
            self._desk.runner.run(
                lambda: lookup.write_queued(actor),
                on_success=lambda _changed: None,
                on_failure=lambda _problem: None,
                write=True,
            )
            if len(outcome.ids) == 1:
                self.certificate_opened.emit(outcome.ids[0])

    def _query_failed(self, generation: int, problem: KnownError) -> None:
        if generation != self._generation:
            return
        self._searching = False
        self._down_pending = False
        self.model.set_ids(())
        self._show_guidance([Hint("guide.input", problem=problem)])
        self.summary.setText(self.tr("无法查询"))
        self.search_finished.emit(0)

    def _show_results(self, outcome: IdsOutcome, hints: list[Hint]) -> None:
        self.model.set_ids(outcome.ids)
        if self._down_pending and outcome.ids:
            self._enter_results()
        self._down_pending = False
        if outcome.ids:
            self.guidance.hide()
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

    def search_criteria(self, criteria: Criteria) -> None:
        """Search by the advanced form's criteria."""
        generation = self._start()
        lookup = self._desk.lookup
        self._desk.runner.run(
            lambda: lookup.search_ids(criteria),
            on_success=lambda outcome: self._advanced_done(generation, outcome),
            on_failure=lambda problem: self._query_failed(generation, problem),
        )

    def _advanced_done(self, generation: int, outcome: IdsOutcome) -> None:
        if generation == self._generation:
            self._searching = False
            self._show_results(outcome, [Hint("guide.former_identity"), Hint("guide.contact")])

    def focus_input(self) -> None:
        self.input.setFocus()
        self.input.selectAll()

    def refresh(self) -> None:
        self.model.refresh()

    # Keyboard and opening -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if watched is self.input and event.key() == Qt.Key.Key_Down:
                if self._searching:
                    self._down_pending = True  # into the new results once they are there
                elif self.model.rowCount():
                    self._enter_results()
                return True
            if watched is self.results and event.key() == Qt.Key.Key_Escape:
                self.focus_input()
                return True
            if watched is self.results and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _enter_results(self) -> None:
        """From the field into the results: the first row becomes the highlighted one, or the row that
        was highlighted before stays so."""
        self.results.setFocus()
        if not self.results.selectionModel().hasSelection():
            self.results.selectRow(0)

    def _open_index(self, index: QModelIndex) -> None:
        certificate_id = self.model.certificate_id(index.row()) if index.isValid() else None
        if certificate_id is not None:
            self.certificate_opened.emit(certificate_id)

    def _changed(self, change: Changed) -> None:
        if change.alters_certificates:
            self.model.refresh()

    # Language -------------------------------------------------------------------------------------------

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
        self._fit_columns()
        if not self.summary.text():
            self.summary.setText(self.tr("请输入查询内容"))
