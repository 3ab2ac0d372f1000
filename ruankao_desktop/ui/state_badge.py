"""The results table's delegates: a certificate state as a rounded badge (a calm colour plus the state's
words), and a cell's text with the part that matched the query in bold."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ruankao_desktop.core.services.lookup import CertificateSummary
from ruankao_desktop.ui.models.results_model import MARK_ROLE, SUMMARY_ROLE
from ruankao_desktop.ui.resources import state_colours


class StateBadgeDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        summary = index.data(SUMMARY_ROLE)
        if not isinstance(summary, CertificateSummary):
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None and option.state & QStyle.StateFlag.State_Selected:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        background, foreground = state_colours(summary.state)
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 6
        rect = option.rect
        badge = QRectF(rect.left() + 6, rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(foreground)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class MatchMarkDelegate(QStyledItemDelegate):
    """Paints (before, marked, after) of MARK_ROLE with the marked part bold, elided at the right like
    any cell; a cell without a mark is painted as usual."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        mark = index.data(MARK_ROLE)
        if not isinstance(mark, tuple):
            super().paint(painter, option, index)
            return
        view = QStyleOptionViewItem(option)
        self.initStyleOption(view, index)
        view.text = ""
        widget = option.widget
        style = widget.style() if widget else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view, painter, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, view, widget)
        rect = rect.adjusted(margin, 0, -margin, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        bold = QFont(view.font)
        bold.setBold(True)
        painter.save()
        painter.setPen(view.palette.color(role))
        left, room = rect.left(), rect.width()
        for part, font in zip(mark, (view.font, bold, view.font), strict=True):
            if not part:
                continue
            metrics = QFontMetrics(font)
            width = metrics.horizontalAdvance(part)
            text = part if width <= room else metrics.elidedText(part, Qt.TextElideMode.ElideRight, room)
            width = min(width, room)
            painter.setFont(font)
            painter.drawText(
                QRectF(left, rect.top(), width, rect.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            left, room = left + width, room - width
            if room <= 0:
                break
        painter.restore()
