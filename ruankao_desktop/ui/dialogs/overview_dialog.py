"""The overview (概览): the certificates per state and session as a chart, and the day's figures —
today's handovers, the overdue ones, the reissues waiting at each step, those expiring soon, the open
enquiries. Every number opens the list behind it: a state (in all or of one session, clicked in the
chart's legend or on a bar) as the lookup's results, the reissues in the queue, the enquiries in their
log. Read in the background; drawn with QPainter (one light widget, no chart library)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.reissue import ReissueStatus
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.overview import EXPIRING_DAYS, Overview, SessionCounts
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.resources import show_outcome, state_colours

BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_GAP = 8
LEGEND_COLUMNS = 4
WAITING_STEPS = (
    ReissueStatus.SUBMITTED,
    ReissueStatus.APPROVED,
    ReissueStatus.REPORTED,
    ReissueStatus.NEW_ARRIVED,
)


class SessionChart(QWidget):
    """One stacked bar per session, each state in its badge colour, the number written where it fits; a
    click on a part asks for that session's certificates in that state."""

    picked = Signal(object, object)  # CertificateState, session id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewChart")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._sessions: tuple[SessionCounts, ...] = ()
        self._parts: list[tuple[QRectF, CertificateState, int]] = []

    def show_sessions(self, sessions: tuple[SessionCounts, ...]) -> None:
        self._sessions = sessions
        self.updateGeometry()
        self.update()

    def _label_width(self) -> int:
        """As wide as the longest session name in the widget's font (any language, any text size)."""
        names = [session.name for session in self._sessions] or ["2026年上半年"]
        return max(self.fontMetrics().horizontalAdvance(name) for name in names) + 2 * LABEL_GAP

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._sessions))
        return QSize(self._label_width() + 480, rows * (BAR_HEIGHT + BAR_GAP) + BAR_GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._label_width() + 200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._parts.clear()
        widest = max((session.total for session in self._sessions), default=0) or 1
        metrics = painter.fontMetrics()
        label_width = self._label_width()
        span = max(self.width() - label_width - metrics.horizontalAdvance(f"{widest:,}") - 2 * LABEL_GAP, 10)
        for row, session in enumerate(self._sessions):
            top = BAR_GAP + row * (BAR_HEIGHT + BAR_GAP)
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(0, top, label_width - LABEL_GAP, BAR_HEIGHT),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                session.name,
            )
            left = float(label_width)
            for state, count in session.counts.items():
                if not count:
                    continue
                width = span * count / widest
                part = QRectF(left, top, max(width, 1.0), BAR_HEIGHT)
                background, foreground = state_colours(state)
                painter.fillRect(part.adjusted(0, 0, -1, 0), background)  # a white line between parts
                text = f"{count:,}"
                if metrics.horizontalAdvance(text) + 6 < width:
                    painter.setPen(foreground)
                    painter.drawText(part, int(Qt.AlignmentFlag.AlignCenter), text)
                self._parts.append((part, state, session.session_id))
                left += width
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(left + 6, top + BAR_HEIGHT * 0.7), f"{session.total:,}")
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        self.setToolTip(f"{hit[0].text()} · {hit[2]:,}" if hit else "")
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        if hit is not None:
            self.picked.emit(hit[0], hit[1])
        super().mousePressEvent(event)

    def _hit(self, point: QPointF) -> tuple[CertificateState, int, int] | None:
        for part, state, session_id in self._parts:
            if part.contains(point):
                session = next(s for s in self._sessions if s.session_id == session_id)
                return state, session_id, session.counts[state]
        return None

    def part_of(self, state: CertificateState, session_id: int) -> QRectF | None:
        """Where the chart draws that session's certificates in that state (for tests and tooltips)."""
        return next((part for part, s, i in self._parts if s is state and i == session_id), None)


class OverviewDialog(QDialog):
    loaded = Signal()
    state_picked = Signal(object, object)  # CertificateState, session id or None: its list is wanted
    expiring_picked = Signal()
    today_picked = Signal()
    reissues_picked = Signal(object)  # ReissueStatus
    enquiries_picked = Signal()

    def __init__(self, parent: QWidget | None, desk: DeskContext) -> None:
        super().__init__(parent)
        self.setObjectName("overviewDialog")
        self._desk = desk
        self.overview: Overview | None = None
        self.as_of = QLabel()
        self.as_of.setObjectName("hintText")
        self.today_button = _figure("overviewToday")
        self.overdue_button = _figure("overviewOverdue")
        self.expiring_button = _figure("overviewExpiring")
        self.enquiries_button = _figure("overviewEnquiries")
        self.reissue_buttons = {step: _figure(f"overviewReissue_{step.value}") for step in WAITING_STEPS}
        self.state_buttons = {state: _figure(f"overviewState_{state.value}") for state in CertificateState}
        self.chart = SessionChart()
        self.chart_title = QLabel()
        self.chart_title.setObjectName("sectionTitle")
        self.reissue_title = QLabel()
        self.reissue_title.setObjectName("sectionTitle")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        self.refresh_button = QPushButton()
        self.close_button = QPushButton()

        day = QHBoxLayout()
        for button in (self.today_button, self.overdue_button, self.expiring_button, self.enquiries_button):
            day.addWidget(button)
        day.addStretch(1)
        reissues = QHBoxLayout()
        for button in self.reissue_buttons.values():
            reissues.addWidget(button)
        reissues.addStretch(1)
        legend = QGridLayout()
        for index, button in enumerate(self.state_buttons.values()):
            legend.addWidget(button, index // LEGEND_COLUMNS, index % LEGEND_COLUMNS)
        buttons = QHBoxLayout()
        buttons.addWidget(self.as_of, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(day)
        layout.addWidget(self.reissue_title)
        layout.addLayout(reissues)
        layout.addWidget(self.chart_title)
        layout.addLayout(legend)
        scroll = QScrollArea()  # two sessions a year: years of them stay readable
        scroll.setObjectName("overviewChartScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.today_button.clicked.connect(self.today_picked.emit)
        self.overdue_button.clicked.connect(lambda: self.state_picked.emit(CertificateState.OVERDUE, None))
        self.expiring_button.clicked.connect(self.expiring_picked.emit)
        self.enquiries_button.clicked.connect(self.enquiries_picked.emit)
        for step, button in self.reissue_buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=step: self.reissues_picked.emit(chosen))
        for state, button in self.state_buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=state: self.state_picked.emit(chosen, None))
        self.chart.picked.connect(self.state_picked.emit)
        self.refresh_button.clicked.connect(self.reload)
        self.close_button.clicked.connect(self.close)
        self.retranslate_ui()
        self.resize(max(920, self.sizeHint().width()), 640)
        self.reload()

    def reload(self) -> None:
        service = self._desk.overview
        self._desk.runner.run(service.overview, on_success=self._show, on_failure=self._failed)

    def _show(self, overview: Overview) -> None:
        self.overview = overview
        self.status.hide()
        self.chart.show_sessions(overview.sessions)
        self.retranslate_ui()
        self.resize(max(self.width(), self.sizeHint().width()), self.height())  # the figures' widths
        self.loaded.emit()

    def _failed(self, problem: KnownError) -> None:
        show_outcome(self.status, problem.message(self._desk.i18n.lang), ok=False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        lang = self._desk.i18n.lang
        self.setWindowTitle(self.tr("概览"))
        self.chart_title.setText(self.tr("各批次证书状态（点击数字或色块查看名单）"))
        self.reissue_title.setText(self.tr("补办申请待处理"))
        self.refresh_button.setText(self.tr("刷新"))
        self.close_button.setText(self.tr("关闭"))
        overview = self.overview
        if overview is None:
            self.as_of.setText(self.tr("正在统计……"))
            return
        self.as_of.setText(
            self.tr("截至 %1，共 %2 张证书")
            .replace("%1", overview.today.isoformat())
            .replace("%2", f"{overview.total:,}")
        )
        figures = (
            (self.today_button, self.tr("今日领取"), overview.handed_over_today),
            (self.overdue_button, self.tr("逾期未领"), overview.overdue),
            (
                self.expiring_button,
                self.tr("%1 天内到期").replace("%1", str(EXPIRING_DAYS)),
                overview.expiring,
            ),
            (self.enquiries_button, self.tr("未办结咨询"), overview.open_enquiries),
        )
        for button, label, count in figures:
            button.setText(f"{label}\n{count:,}")
        if overview.due_enquiries:
            self.enquiries_button.setToolTip(
                self.tr("其中 %1 条已到跟进日期").replace("%1", str(overview.due_enquiries))
            )
        for step, button in self.reissue_buttons.items():
            button.setText(f"{step.text(lang)}\n{overview.reissues[step]:,}")
        for state, button in self.state_buttons.items():
            background, foreground = state_colours(state)
            button.setText(f"{state.text(lang)} {overview.states[state]:,}")
            colours = f"background:{background.name()};color:{foreground.name()};"
            button.setStyleSheet(colours + "border-radius:9px;padding:3px 10px;")


def _figure(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setMinimumWidth(110)
    return button
