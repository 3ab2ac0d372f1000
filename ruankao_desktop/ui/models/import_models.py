"""The import wizard's two tables as Qt item models: the rejected rows of a list (row as Excel shows it,
column, value masked, reason) and the holders whose name or ID number it would change (old → new)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ruankao_desktop.core.services.importing import IdentityChange, Rejection, row_list
from ruankao_desktop.ui.context import DeskContext

Index = QModelIndex | QPersistentModelIndex


class RejectionsModel(QAbstractTableModel):
    """The rejected cells of a preview: row (as Excel numbers it), column, value (masked), reason."""

    def __init__(self, desk: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._rows: tuple[Rejection, ...] = ()

    def set_rejections(self, rejections: tuple[Rejection, ...]) -> None:
        self.beginResetModel()
        self._rows = rejections
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        rejection = self._rows[index.row()]
        values = (
            str(rejection.row),
            rejection.column,
            rejection.value_masked,
            rejection.message(self._desk.i18n.lang),
        )
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (self.tr("行"), self.tr("列"), self.tr("内容"), self.tr("原因"))
        return titles[section] if 0 <= section < len(titles) else None


class IdentityChangesModel(QAbstractTableModel):
    """The holders a list would change: rows (as Excel numbers them), the change in words, the value before
    and after (masked), the certificate number of the row."""

    def __init__(self, desk: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._rows: tuple[IdentityChange, ...] = ()

    def set_changes(self, changes: tuple[IdentityChange, ...]) -> None:
        self.beginResetModel()
        self._rows = changes
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        change, lang = self._rows[index.row()], self._desk.i18n.lang
        values = (row_list(change.rows, lang), change.kind_text(lang), change.old, change.new, change.cert_no)
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (self.tr("行"), self.tr("变更"), self.tr("原来"), self.tr("改为"), self.tr("证书编号"))
        return titles[section] if 0 <= section < len(titles) else None
