"""The import wizard's two tables as Qt item models: the rejected rows of a list (row as Excel shows it,
column, value masked, reason) and the holders whose name or ID number it would change (old → new)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ruankao_desktop.core.services.importing import IdentityChange, Rejection, row_list
from ruankao_desktop.ui.context import DeskContext

Index = QModelIndex | QPersistentModelIndex
Item = TypeVar("Item")


class _ListModel(QAbstractTableModel, Generic[Item]):
    """A read-only table of a few hundred items held in memory: one row per item, its cells and its
    column titles given by the subclass (in the current language)."""

    def __init__(self, desk: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._items: tuple[Item, ...] = ()

    def set_items(self, items: Sequence[Item]) -> None:
        self.beginResetModel()
        self._items = tuple(items)
        self.endResetModel()

    def cells(self, item: Item) -> tuple[str, ...]:
        raise NotImplementedError

    def titles(self) -> tuple[str, ...]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.cells(self._items[index.row()])[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None


class RejectionsModel(_ListModel[Rejection]):
    """The rejected cells of a preview: row (as Excel numbers it), column, value (masked), reason."""

    def cells(self, item: Rejection) -> tuple[str, ...]:
        return (str(item.row), item.column, item.value_masked, item.message(self._desk.i18n.lang))

    def titles(self) -> tuple[str, ...]:
        return (self.tr("行"), self.tr("列"), self.tr("内容"), self.tr("原因"))


class IdentityChangesModel(_ListModel[IdentityChange]):
    """The holders a list would change: rows (as Excel numbers them), the change in words, the value before
    and after (masked), the certificate number of the row."""

    def cells(self, item: IdentityChange) -> tuple[str, ...]:
        lang = self._desk.i18n.lang
        return (row_list(item.rows, lang), item.kind_text(lang), item.old, item.new, item.cert_no)

    def titles(self) -> tuple[str, ...]:
        return (self.tr("行"), self.tr("变更"), self.tr("原来"), self.tr("改为"), self.tr("证书编号"))
