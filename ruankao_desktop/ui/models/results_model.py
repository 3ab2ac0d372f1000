"""The lookup results table: it holds certificate ids only and fetches the rows it shows, a page at a
time, on a worker thread (docs/architecture.md "Threads"). A row not fetched yet shows a placeholder; the
model never queries the database in `data()`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.lookup import CertificateSummary
from ruankao_desktop.ui.i18n import I18n
from ruankao_desktop.ui.workers import TaskRunner

PAGE_SIZE = 100
PLACEHOLDER = "…"
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """The state comes second: it is what the candidate asks about, and it must stay in view."""

    NAME = 0
    STATE = 1
    ID = 2
    QUALIFICATION = 3
    LEVEL = 4
    SESSION = 5
    CERT_NO = 6


class ResultsModel(QAbstractTableModel):
    def __init__(
        self,
        runner: TaskRunner,
        fetch: Callable[[Sequence[int]], list[CertificateSummary]],
        i18n: I18n,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._fetch = fetch
        self._i18n = i18n
        self._ids: tuple[int, ...] = ()
        self._rows: dict[int, CertificateSummary] = {}
        self._requested: set[int] = set()
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
        summary = self._rows.get(self._ids[index.row()])
        if summary is None:
            self._request_page(index.row() // PAGE_SIZE)
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(summary, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() != Column.STATE:
                return self._text(summary, Column(index.column()))  # the whole text of an elided cell
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
        }
        return [titles[column] for column in Column]

    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these certificates (in this order); their rows are fetched as they are looked at."""
        self.beginResetModel()
        self._generation += 1
        self._ids = tuple(ids)
        self._rows = {}
        self._requested = set()
        self.endResetModel()
        if self._ids:
            self._request_page(0)

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
                self._request_page(page)

    def _request_page(self, page: int) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        generation = self._generation
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        self._runner.run(
            lambda: self._fetch(ids),
            on_success=lambda rows: self._page_arrived(generation, page, rows),
            on_failure=lambda problem: self._page_failed(generation, page, problem),
        )

    def _page_arrived(self, generation: int, page: int, rows: list[CertificateSummary]) -> None:
        if generation != self._generation:
            return  # a newer search replaced these results
        for summary in rows:
            self._rows[summary.certificate_id] = summary
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
        return texts[column]

    def _language_changed(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Column) - 1))
