"""The lookup results table: it holds certificate ids only and fetches the rows it shows, a page at a
time, on a worker thread (docs/architecture.md "Threads"). A row not fetched yet shows a placeholder; the
model never queries the database in `data()`.

A search's first page comes with its rows (`set_ids(..., first=hits)`), the rest of its ids later
(`extend_ids`, rows inserted, no reset). Each row of a search says why it matched (Column.MATCHED) and
which part of its name, ID number or 证书编号 that was (MARK_ROLE, painted bold by `MatchMarkDelegate`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services.lookup import CertificateSummary, Hit
from ruankao_desktop.core.services.search_plan import Matched
from ruankao_desktop.ui.i18n import I18n
from ruankao_desktop.ui.workers import TaskRunner

PAGE_SIZE = 100
PLACEHOLDER = "…"
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
# (before, marked, after) of a cell's text: the part that matched the query, or None.
MARK_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_FORMS = ("exact", "prefix", "surname")

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[Sequence[int]], Sequence[Hit | CertificateSummary]]
Mark = tuple[str, str, str]


class Column(IntEnum):
    """The state comes second: it is what the candidate asks about, and it must stay in view."""

    NAME = 0
    STATE = 1
    ID = 2
    QUALIFICATION = 3
    LEVEL = 4
    SESSION = 5
    CERT_NO = 6
    MATCHED = 7


def mark_of(summary: CertificateSummary, matched: Matched, column: Column) -> Mark | None:
    """The part of this cell's text that matched: the typed start of a name, the typed end of the
    ID number, the typed start of a 证书编号."""
    if column is Column.NAME and matched.field in ("name", "former_name") and matched.form in NAME_FORMS:
        name, part = summary.name, matched.part
        return ("", part, name[len(part) :]) if part and name.startswith(part) else None
    if column is Column.ID and matched.field == "id_number" and matched.form == "tail":
        size = min(len(matched.part), len(summary.id_masked))
        text = summary.id_masked
        return (text[: len(text) - size], text[len(text) - size :], "") if size else None
    if column is Column.CERT_NO and matched.field == "cert_no" and matched.form == "prefix":
        size = min(len(matched.part), len(summary.cert_no))
        return ("", summary.cert_no[:size], summary.cert_no[size:]) if size else None
    return None


class ResultsModel(QAbstractTableModel):
    def __init__(
        self,
        runner: TaskRunner,
        fetch: Fetch,
        i18n: I18n,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._fetch = fetch
        self._i18n = i18n
        self._ids: tuple[int, ...] = ()
        self._rows: dict[int, CertificateSummary] = {}
        self._matched: dict[int, Matched] = {}
        self._requested: set[int] = set()
        self._search_fetch: Fetch | None = None
        self._generation = 0
        i18n.language_changed.connect(self._language_changed)

    # Qt overrides -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        certificate_id = self._ids[index.row()]
        summary = self._rows.get(certificate_id)
        if summary is None:
            self._request_page(index.row() // PAGE_SIZE)
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(summary, column)
        if role == MARK_ROLE:
            matched = self._matched.get(certificate_id)
            return mark_of(summary, matched, column) if matched is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column != Column.STATE:
                return self._text(summary, column)  # the whole text of an elided cell
            return summary.state.explanation(
                self._i18n.lang,
                reason=summary.revocation_reason or "—",
                valid_until=summary.valid_until_text(self._i18n.lang),
            )
        if role == SUMMARY_ROLE:
            return summary
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self.column_titles()[section] if 0 <= section < len(Column) else None

    # Ours ---------------------------------------------------------------------------------------------

    def column_titles(self) -> list[str]:
        titles = {
            Column.NAME: self.tr("姓名"),
            Column.STATE: self.tr("状态"),
            Column.ID: self.tr("证件号码"),
            Column.QUALIFICATION: self.tr("资格名称"),
            Column.LEVEL: self.tr("级别"),
            Column.SESSION: self.tr("考试批次"),
            Column.CERT_NO: self.tr("证书编号"),
            Column.MATCHED: self.tr("匹配"),
        }
        return [titles[column] for column in Column]

    def set_ids(self, ids: Sequence[int], *, fetch: Fetch | None = None, first: Sequence[Hit] = ()) -> None:
        """Show these certificates (in this order); their rows are fetched as they are looked at, by
        `fetch` (the search's own, which says why each matched) or the model's. The rows of `first`
        (the first page, already found) are not fetched again."""
        self.beginResetModel()
        self._generation += 1
        self._ids = tuple(ids)
        self._rows = {}
        self._matched = {}
        self._requested = set()
        self._search_fetch = fetch
        self._store(first)
        self.endResetModel()
        if self._ids and self._ids[0] not in self._rows:
            self._request_page(0)

    def extend_ids(self, ids: Sequence[int]) -> None:
        """The rest of the search's ids (`ids` begins with those shown): rows are added at the end, so
        the selection, the current row and the scroll position stay."""
        if tuple(ids[: len(self._ids)]) != self._ids:
            self.set_ids(ids, fetch=self._search_fetch)  # the results changed meanwhile: start over
            return
        if len(ids) == len(self._ids):
            return
        self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
        self._ids = tuple(ids)
        self.endInsertRows()

    def ids(self) -> tuple[int, ...]:
        """Every certificate the table holds, in order (for exporting the results)."""
        return self._ids

    def certificate_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def refresh(self) -> None:
        """Fetch the rows again (after a change elsewhere), keeping the ids and the selection."""
        self._generation += 1
        pages = {
            index // PAGE_SIZE
            for index, certificate_id in enumerate(self._ids)
            if certificate_id in self._rows
        }
        self._requested = set()
        for page in sorted(pages) or [0]:
            if self._ids:
                self._request_page(page, again=True)

    def _request_page(self, page: int, *, again: bool = False) -> None:
        """Fetch the rows of this page not fetched yet (`again`: all of them)."""
        if page in self._requested:
            return
        self._requested.add(page)
        generation = self._generation
        ids = [
            certificate_id
            for certificate_id in self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            if again or certificate_id not in self._rows
        ]
        fetch = self._search_fetch or self._fetch
        self._runner.run(
            lambda: fetch(ids),
            on_success=lambda rows: self._page_arrived(generation, page, rows),
            on_failure=lambda problem: self._page_failed(generation, page, problem),
        )

    def _store(self, rows: Sequence[Hit | CertificateSummary]) -> None:
        for row in rows:
            summary = row.summary if isinstance(row, Hit) else row
            self._rows[summary.certificate_id] = summary
            if isinstance(row, Hit):
                self._matched[summary.certificate_id] = row.matched

    def _page_arrived(self, generation: int, page: int, rows: Sequence[Hit | CertificateSummary]) -> None:
        if generation != self._generation:
            return  # a newer search replaced these results
        self._store(rows)
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    def _page_failed(self, generation: int, page: int, problem: KnownError) -> None:
        if generation == self._generation:
            self._requested.discard(page)  # looked at again, it is asked for again

    def _text(self, summary: CertificateSummary, column: Column) -> str:
        lang = self._i18n.lang
        texts = {
            Column.NAME: summary.name,
            Column.ID: summary.id_masked,
            Column.QUALIFICATION: summary.qualification,
            Column.LEVEL: summary.level_text(lang),
            Column.SESSION: summary.session,
            Column.CERT_NO: summary.cert_no,
            Column.STATE: summary.state_text(lang),
        }
        if column is Column.MATCHED:
            matched = self._matched.get(summary.certificate_id)
            return matched.text(lang) if matched is not None else ""
        return texts[column]

    def _language_changed(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Column) - 1))


def fit_columns(view: QTableView, model: ResultsModel, lang: Language) -> None:
    """Widths from what the columns can hold, in the current language and font: measuring the rows
    themselves would make the lazy model fetch every page."""
    view.ensurePolished()  # the stylesheet's font, not the default one
    metrics = view.fontMetrics()

    def widest(*texts: str) -> int:
        return max(metrics.horizontalAdvance(text) for text in texts) + 18

    widths = {
        Column.NAME: widest("欧阳娜娜", model.column_titles()[Column.NAME]),
        Column.STATE: widest(*(state.text(lang) for state in CertificateState)) + 16,
        Column.ID: widest("110105********123X"),
        Column.QUALIFICATION: widest("信息系统项目管理师"),
        Column.LEVEL: widest(
            *(render(f"level.{level}", lang) for level in ("junior", "intermediate", "senior"))
        ),
        Column.SESSION: widest("2026年上半年"),
        Column.CERT_NO: widest("2026H1-0000000"),
        Column.MATCHED: widest(
            *(
                Matched(field, form, "").text(lang)
                for field, form in (("id_number", "tail"), ("name", "surname"))
            )
        ),
    }
    header = view.horizontalHeader()
    for column, width in widths.items():
        header.resizeSection(column, width)
