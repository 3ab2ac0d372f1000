"""The lookup pane: one field for anything the candidate hands over (typed or scanned), the filters and
the advanced form, the results table with the counts per state above it, and, when nothing matches, why
that may be or which certificate a mistyped number may have meant.

A search shows its first page (with why each row matched) as soon as it is found; a second task then
adds every other hit's id to the table (rows inserted: the selection and the scroll position stay) and
the counts per state (search_filters.py).

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

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

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
from ruankao_desktop.core.errors import KnownError, StoreError
from ruankao_desktop.core.services.announcements import Audience, Shown
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.guidance import Hint
from ruankao_desktop.core.services.lookup import Criteria, Filters, IdsOutcome, SearchResult
from ruankao_desktop.core.services.search_plan import Detected
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.memory import release_read_memory
from ruankao_desktop.ui.models.results_model import Column, ResultsModel, fit_columns
from ruankao_desktop.ui.panes.advanced_search import AdvancedSearch
from ruankao_desktop.ui.panes.search_filters import FilterToggle, Guidance, SearchFilters, StateCounts
from ruankao_desktop.ui.resources import icon
from ruankao_desktop.ui.state_badge import MatchMarkDelegate, StateBadgeDelegate

REST_AFTER_MS = 400
DEBOUNCE_MS = 300
NOTICES_EVERY_MS = 5 * 60 * 1000
MIN_TYPED = 2
IDENTIFIERS = (Detected.ID_NUMBER, Detected.CERT_NO, Detected.MANAGEMENT_NO)


@dataclass(frozen=True)
class _Rest:
    """The rest of a search: every hit's id in rank order, and the counts per state of the query
    without its state filter."""

    ids: tuple[int, ...]
    counts: dict[CertificateState, int]
    truncated: bool


class LookupPane(QFrame):
    certificate_opened = Signal(int)
    search_started = Signal()
    search_finished = Signal(int)  # the first page is shown: how many results, for tests and the status bar
    search_completed = Signal(int)  # every result's id is in the table and the counts are shown

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookupPane")
        self.setProperty("pane", True)
        self._desk = desk
        self._generation = 0
        self._searching = False
        self._down_pending = False
        self._complete = True  # every id of the last search is in the table

        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        # The centre's announcements for the desks, one a line, read off the GUI thread (hidden when none).
        self.notices = QLabel()
        self.notices.setObjectName("noticeBanner")
        self.notices.setWordWrap(True)
        self.notices.hide()
        self.input = QLineEdit()
        self.input.setObjectName("lookupInput")
        self.input.setClearButtonEnabled(True)
        self.search_button = QPushButton(icon("search"), "")
        self.search_button.setObjectName("lookupButton")
        self.search_button.setProperty("primary", True)
        self.filters = SearchFilters(desk)
        self.filters.hide()
        self.filter_button = FilterToggle(self.filters)
        self.advanced_button = QPushButton(icon("advanced"), "")
        self.advanced_button.setObjectName("advancedToggle")
        self.advanced_button.setCheckable(True)

        self.counts = StateCounts(desk)
        self.advanced = AdvancedSearch(desk)
        self.advanced.hide()

        self.summary = QLabel()
        self.summary.setObjectName("hintText")
        self.summary.setWordWrap(True)
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
        marks = MatchMarkDelegate(self.results)
        for column in (Column.NAME, Column.ID, Column.CERT_NO):
            self.results.setItemDelegateForColumn(column, marks)

        self.guidance = Guidance(desk)
        self.guidance_text = self.guidance.text
        self.guidance.hide()

        search_row = QHBoxLayout()
        search_row.addWidget(self.input, 1)
        search_row.addWidget(self.search_button)
        search_row.addWidget(self.filter_button)
        search_row.addWidget(self.advanced_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.notices)
        layout.addLayout(search_row)
        layout.addWidget(self.filters)
        layout.addWidget(self.advanced)
        layout.addWidget(self.summary)
        layout.addWidget(self.counts)
        layout.addWidget(self.guidance)
        layout.addWidget(self.results, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_as_typed)
        # The rest of a search typed (every id, the counts) once the typing has paused: a key pressed
        # meanwhile supersedes it before it costs the next search its worker.
        self._rest_pending: tuple[int, str, Filters] | None = None
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(REST_AFTER_MS)
        self._rest_timer.timeout.connect(self._fetch_pending_rest)
        self.input.textEdited.connect(lambda _text: self._debounce.start())
        self.input.returnPressed.connect(self.search_now)
        self.search_button.clicked.connect(self.search_now)
        self.advanced_button.toggled.connect(self.advanced.setVisible)
        self.advanced.search_requested.connect(self.search_criteria)
        self.filters.changed.connect(self._filters_changed)
        self.counts.state_chosen.connect(self.filters.set_state)
        self.guidance.certificate_opened.connect(self.certificate_opened)
        self.results.activated.connect(self._open_index)
        self.results.doubleClicked.connect(self._open_index)
        self.input.installEventFilter(self)
        self.results.installEventFilter(self)
        desk.runner.changed.connect(self._changed)
        self.search_completed.connect(self._completed)
        # Another desk's announcement, or a new day's, shows within this interval.
        self._notice_timer = QTimer(self)
        self._notice_timer.setInterval(NOTICES_EVERY_MS)
        self._notice_timer.timeout.connect(self.load_notices)
        self._notice_timer.start()
        self.retranslate_ui()
        self.load_notices()

    # Searching ----------------------------------------------------------------------------------------

    def search_now(self) -> None:
        """Search what is in the field at once, as Enter or the button does."""
        self._debounce.stop()
        self._run_query(self.input.text(), explicit=True)

    def _search_as_typed(self) -> None:
        """After a pause: two characters of a number, or any Chinese (王 alone is a surname)."""
        typed = normalise_id(self.input.text())
        if len(typed) >= MIN_TYPED or (typed and not typed.isascii()):
            self._run_query(self.input.text(), explicit=False)

    def _filters_changed(self) -> None:
        """A filter changed: the query in the field is searched again with it (an empty field is not)."""
        if normalise_id(self.input.text()):
            self._debounce.stop()
            self._run_query(self.input.text(), explicit=False)

    def results_complete(self) -> bool:
        """Whether the table holds every id of the last search (the rest arrives after the first page)."""
        return self._complete

    def _completed(self, _total: int) -> None:
        self._complete = True

    def _start(self) -> int:
        """A new search begins: older ones are superseded and the window lets go of the open certificate."""
        self._generation += 1
        self._searching = True
        self._complete = False
        self.summary.setText(self.tr("正在查询……"))
        self.search_started.emit()
        return self._generation

    def _run_query(self, query: str, *, explicit: bool) -> None:
        generation = self._start()
        lookup, actor = self._desk.lookup, self._desk.actor
        filters = self.filters.filters()

        def work() -> SearchResult:
            # With `actor`, its audit event is on disk before the results are shown, written after.
            return lookup.search(query, filters=filters, counts=False, actor=actor if explicit else None)

        self._desk.runner.run(
            work,
            on_success=lambda result: self._query_done(generation, result, filters, explicit=explicit),
            on_failure=lambda problem: self._query_failed(generation, problem),
        )

    def _query_done(self, generation: int, result: SearchResult, filters: Filters, *, explicit: bool) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        self._searching = False
        if result.problem is not None:  # the query broke a rule: say which on Enter, stay quiet while typing
            self._show_nothing()
            if explicit:
                self.guidance.show_hints(list(result.hints))
                self.summary.setText(self.tr("无法查询"))
            else:
                self.summary.setText(self.tr("继续输入……（按回车查询）"))
            self.search_finished.emit(0)
            self.search_completed.emit(0)
            return
        fetch = partial(self._desk.lookup.hits, result.query, filters=filters)
        self.model.set_ids(result.ids, fetch=fetch, first=result.hits)
        if self._down_pending and result.hits:
            self._enter_results()
        self._down_pending = False
        self.summary.setText(self._summary_text(result))
        if result.hits:
            self.guidance.hide()
        elif result.suggestions:
            self.guidance.show_suggestions(result.suggestions)
        else:
            self.guidance.show_hints(list(result.hints))
        self.search_finished.emit(result.total)
        if explicit:
            self._write_audit()
            if result.total == 1:
                self.certificate_opened.emit(result.ids[0])
        self._after_first_page(generation, result, filters, explicit=explicit)

    def _after_first_page(
        self, generation: int, result: SearchResult, filters: Filters, *, explicit: bool
    ) -> None:
        """The rest of a search whose first page is shown: at once after Enter, once the typing has
        paused while typing; nothing when the page held every hit."""
        if not (result.truncated or filters.state is not None):
            self._show_counts(dict(result.counts_by_state or {}), filters.state)
            self.search_completed.emit(result.total)
        elif explicit:
            self._fetch_rest(generation, result.query, filters)
        else:
            self._rest_pending = (generation, result.query, filters)
            self._rest_timer.start()

    def _write_audit(self) -> None:
        actor, lookup = self._desk.actor, self._desk.lookup
        # Left queued while another desk holds the write lock; the window drains it later.
        self._desk.runner.run(
            lambda: lookup.write_queued(actor),
            on_success=lambda _changed: None,
            on_failure=lambda _problem: None,
            write=True,
        )

    def _fetch_pending_rest(self) -> None:
        pending, self._rest_pending = self._rest_pending, None
        if pending is not None and pending[0] == self._generation:
            self._fetch_rest(*pending)

    def _fetch_rest(self, generation: int, query: str, filters: Filters) -> None:
        """Every hit's id and the counts per state, after the first page is shown."""
        lookup = self._desk.lookup

        def work() -> _Rest:
            more = lookup.more(query, filters=filters)  # counts of every state, whichever is filtered
            release_read_memory()  # the pages and rows it read
            return _Rest(more.ids, dict(more.counts_by_state), more.truncated)

        self._desk.runner.run(
            work,
            on_success=lambda rest: self._rest_done(generation, rest, filters.state),
            on_failure=lambda problem: self._rest_failed(generation, problem),
        )

    def _rest_done(self, generation: int, rest: _Rest, state: CertificateState | None) -> None:
        if generation != self._generation:
            return
        self.model.extend_ids(rest.ids)
        if rest.truncated:
            more = self.tr("（结果过多，只显示前 %n 条，请缩小范围）", "", len(rest.ids))
            self.summary.setText(self.summary.text() + more)
        self._show_counts(rest.counts, state)
        self.search_completed.emit(self.model.rowCount())

    def _rest_failed(self, generation: int, problem: KnownError) -> None:
        if generation == self._generation:
            self.counts.clear()
            self.summary.setText(self.summary.text() + "  " + problem.message(self._desk.i18n.lang))
            self.search_completed.emit(self.model.rowCount())

    def _show_counts(self, counts: dict[CertificateState, int], state: CertificateState | None) -> None:
        if counts or state is not None:
            self.counts.show_counts(counts, state)
        else:
            self.counts.clear()

    def _summary_text(self, result: SearchResult) -> str:
        """共 80,123 条结果, and for a number the holder it found, so that the clerk sees at once whether
        a mistyped number found someone else."""
        lang = self._desk.i18n.lang
        if not result.total:
            text = self.tr("没有找到匹配的证书")
        elif result.total == 1:
            text = self.tr("共 1 条结果")
        else:
            text = self.tr("共 {count} 条结果").format(count=f"{result.total:,}")
        if result.hits and result.detected in IDENTIFIERS:
            names = "、".join(dict.fromkeys(hit.summary.name for hit in result.hits))
            found = self.tr("按{kind}找到：{name}").format(kind=result.detected_text(lang), name=names)
            text += " · " + found
        for notice in result.notices:
            text += "  " + notice.message(lang)
        return text

    def _show_nothing(self) -> None:
        self.model.set_ids(())
        self.counts.clear()
        self.guidance.hide()
        self._down_pending = False

    def _query_failed(self, generation: int, problem: KnownError) -> None:
        if generation != self._generation:
            return
        self._searching = False
        self._show_nothing()
        # What was typed is wrong, or the database cannot answer now (locked, its server away).
        code = "guide.database" if isinstance(problem, StoreError) else "guide.input"
        self.guidance.show_hints([Hint(code, problem=problem)])
        self.summary.setText(self.tr("无法查询"))
        self.search_finished.emit(0)
        self.search_completed.emit(0)

    def search_criteria(self, criteria: Criteria) -> None:
        """Search by the advanced form's criteria."""
        lookup = self._desk.lookup
        self.show_found(lambda: lookup.search_ids(criteria))

    def show_found(self, find: Callable[[], IdsOutcome]) -> None:
        """The certificates `find` lists (run in the background), as the results."""
        generation = self._start()
        self._desk.runner.run(
            find,
            on_success=lambda outcome: self._advanced_done(generation, outcome),
            on_failure=lambda problem: self._query_failed(generation, problem),
        )

    def _advanced_done(self, generation: int, outcome: IdsOutcome) -> None:
        if generation != self._generation:
            return
        self._searching = False
        self.counts.clear()
        self.model.set_ids(outcome.ids)
        if self._down_pending and outcome.ids:
            self._enter_results()
        self._down_pending = False
        if outcome.ids:
            self.guidance.hide()
            text = self.tr("共 {count} 条结果").format(count=f"{len(outcome.ids):,}")
            if outcome.truncated:
                text += self.tr("（结果过多，只显示前 %n 条，请缩小范围）", "", len(outcome.ids))
            self.summary.setText(text)
        else:
            self.summary.setText(self.tr("没有找到匹配的证书"))
            self.guidance.show_hints([Hint("guide.former_identity"), Hint("guide.contact")])
        self.search_finished.emit(len(outcome.ids))
        self.search_completed.emit(len(outcome.ids))

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
        if change.kind is ChangeKind.ANNOUNCEMENT:
            self.load_notices()

    # Announcements ----------------------------------------------------------------------------------

    def load_notices(self) -> None:
        """Read the desks' current announcements in a worker and show them above the search field."""
        announcements = self._desk.announcements
        self._desk.runner.run(
            lambda: announcements.current(Audience.DESK),
            on_success=self._show_notices,
            on_failure=lambda _problem: None,  # kept as shown: the next read tries again
        )

    def _show_notices(self, shown: list[Shown]) -> None:
        self.notices.setText("\n".join(notice.text for notice in shown))
        self.notices.setVisible(bool(shown))

    # Language -------------------------------------------------------------------------------------------

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
        fit_columns(self.results, self.model, self._desk.i18n.lang)
        if not self.summary.text():
            self.summary.setText(self.tr("请输入查询内容"))
