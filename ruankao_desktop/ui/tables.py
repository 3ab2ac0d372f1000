"""The read-only lists of the workflow dialogs (the reissue queue, the enquiry log, a session, the
expiring certificates): whole rows selected, columns as wide as their text, every cell's whole text in
its tooltip."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableWidget, QTableWidgetItem

T = TypeVar("T")


def list_table(name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_row(table: QTableWidget, row: int, cells: Sequence[str], *, colour: QColor | None = None) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setToolTip(text)  # the whole text of a cut cell
        if colour is not None:
            item.setForeground(colour)
        table.setItem(row, column, item)


def rows_selected(table: QTableWidget, rows: Sequence[T]) -> list[T]:
    """Those of `rows` (what the table shows, in its order) whose rows are selected, top first."""
    picked = sorted(index.row() for index in table.selectionModel().selectedRows())
    return [rows[index] for index in picked if index < len(rows)]


def selected_of(table: QTableWidget, rows: Sequence[T]) -> T | None:
    """The one of `rows` whose row is selected (a single-selection list), or None."""
    chosen = rows_selected(table, rows)
    return chosen[0] if chosen else None


def keys_selected(table: QTableWidget, rows: Sequence[T], key: Callable[[T], Hashable]) -> set[Hashable]:
    """The keys of the selected rows of `rows` (what the table shows now), before it is filled anew."""
    return {key(row) for row in rows_selected(table, rows)}


def select_keys(
    table: QTableWidget, rows: Sequence[T], key: Callable[[T], Hashable], keys: set[Hashable]
) -> None:
    """Select the rows of `rows` (just filled in) whose key was selected before: after a reload a place in
    the table may hold another person, so the selection follows the record, never the row number; a
    record no longer listed leaves nothing selected."""
    table.clearSelection()
    model, flags = table.selectionModel(), QItemSelectionModel.SelectionFlag
    for index, row in enumerate(rows):
        if key(row) in keys:
            model.select(table.model().index(index, 0), flags.Select | flags.Rows)


def named_button(name: str) -> QPushButton:
    """A button of a workflow dialog, with the object name tests and style sheets find it by."""
    button = QPushButton()
    button.setObjectName(name)
    return button
