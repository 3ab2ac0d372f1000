"""What surrounds the one-field search's results: the filter row (session, qualification, level, state;
combinable with any query), the counts per state above the results, each a button that filters to that
state, and the guidance shown when nothing matched (the likely reasons, or the near misses of a mistyped
number as links to their certificates).

Both share one state filter: clicking a count sets the state combo, clicking it again (or 全部) clears
it. The counts are those of the query without its state filter, so the other states stay in view.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.guidance import Hint
from ruankao_desktop.core.services.lookup import Filters, Suggestion
from ruankao_desktop.core.services.sessions import Choice, qualification_choices, session_choices
from ruankao_desktop.ui.combos import refill
from ruankao_desktop.ui.context import DeskContext

LEVELS = ("junior", "intermediate", "senior")
CARET = "‸"  # where the typed number has a character too many


def _load_choices() -> tuple[list[Choice], list[Choice]]:
    return session_choices(), qualification_choices()


class FlowLayout(QLayout):
    """Lays its widgets out in rows that wrap at the available width (the counts of ten states do not
    fit one row of the lookup pane)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class StateCounts(QWidget):
    """全部 N · 待领取 312 · 已领取 1,204 …: flat buttons, the active one checked (a frame and bold words,
    not colour alone)."""

    state_chosen = Signal(object)  # CertificateState, or None for every state

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateCounts")
        self._desk = desk
        self._counts: dict[CertificateState, int] = {}
        self._active: CertificateState | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._flow = FlowLayout(self)
        self.all_button = self._button()
        self.all_button.setObjectName("stateCountAll")
        self.all_button.clicked.connect(lambda: self.state_chosen.emit(None))
        self._flow.addWidget(self.all_button)
        self.buttons: dict[CertificateState, QPushButton] = {}
        for state in CertificateState:
            button = self._button()
            button.setObjectName("stateCount")
            button.setProperty("state", state.value)
            button.clicked.connect(lambda _checked=False, chosen=state: self._clicked(chosen))
            self._flow.addWidget(button)
            self.buttons[state] = button
        self.hide()

    def _button(self) -> QPushButton:
        button = QPushButton()
        button.setFlat(True)
        button.setCheckable(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def _clicked(self, state: CertificateState) -> None:
        self.state_chosen.emit(None if state is self._active else state)

    def show_counts(self, counts: Mapping[CertificateState, int], active: CertificateState | None) -> None:
        self._counts = dict(counts)
        self._active = active
        self._update()
        self.show()

    def clear(self) -> None:
        self._counts = {}
        self.hide()

    def _update(self) -> None:
        lang = self._desk.i18n.lang
        every = self.tr("全部 {count}").format(count=f"{sum(self._counts.values()):,}")
        self._label(self.all_button, every, checked=self._active is None)
        for state, button in self.buttons.items():
            count = self._counts.get(state, 0)
            self._label(button, f"{state.text(lang)} {count:,}", checked=state is self._active)
            button.setToolTip(self.tr("只看“{state}”的结果（再点一次取消）").format(state=state.text(lang)))
            button.setVisible(count > 0 or state is self._active)

    @staticmethod
    def _label(button: QPushButton, text: str, *, checked: bool) -> None:
        """The checked count is framed and ticked: not told by its colour alone."""
        button.setChecked(checked)
        button.setText(f"✓ {text}" if checked else text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._update()
        super().changeEvent(event)


class SearchFilters(QFrame):
    """The filter row: session, qualification, level and state, each 全部 by default."""

    changed = Signal()  # a filter was changed by the clerk (or cleared)

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchFilters")
        self._desk = desk
        self.session = self._combo("filterSession")
        self.qualification = self._combo("filterQualification")
        self.level = self._combo("filterLevel")
        self.state = self._combo("filterState")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("filterClear")
        self.clear_button.clicked.connect(self.clear)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.session, 0, 0)
        grid.addWidget(self.qualification, 0, 1, 1, 2)
        grid.addWidget(self.level, 1, 0)
        grid.addWidget(self.state, 1, 1)
        grid.addWidget(self.clear_button, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._choices: tuple[list[Choice], list[Choice]] = ([], [])
        self._filling = False
        self.retranslate_ui()
        desk.runner.run(_load_choices, on_success=self._choices_loaded, on_failure=self._not_loaded)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(self._combo_changed)
        return combo

    def filters(self) -> Filters:
        session, qualification = self.session.currentData(), self.qualification.currentData()
        level, state = self.level.currentData(), self.state.currentData()
        return Filters(
            session_ids=(session,) if session is not None else (),
            qualification_ids=(qualification,) if qualification is not None else (),
            levels=(level,) if level is not None else (),
            state=CertificateState(state) if state is not None else None,
        )

    def without_state(self) -> Filters:
        return replace(self.filters(), state=None)

    def active(self) -> int:
        """How many filters are set (shown on the toggle that opens the row)."""
        return sum(combo.currentIndex() > 0 for combo in self._combos())

    def set_state(self, state: CertificateState | None) -> None:
        """Filter to this state (None: every state), as a click on a count asks."""
        self.state.setCurrentIndex(max(self.state.findData(state.value if state else None), 0))

    def clear(self) -> None:
        with_filters = self.active() > 0
        self._filling = True
        for combo in self._combos():
            combo.setCurrentIndex(0)
        self._filling = False
        if with_filters:
            self.changed.emit()

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.session, self.qualification, self.level, self.state)

    def _combo_changed(self) -> None:
        if not self._filling:
            self.changed.emit()

    def _choices_loaded(self, choices: tuple[list[Choice], list[Choice]]) -> None:
        self._choices = choices
        self._fill()

    def _not_loaded(self, problem: KnownError) -> None:
        for combo in (self.session, self.qualification):
            combo.setToolTip(problem.message(self._desk.i18n.lang))

    def _fill(self) -> None:
        lang = self._desk.i18n.lang
        sessions, qualifications = self._choices
        lists: list[tuple[QComboBox, str, Sequence[tuple[object, str]]]] = [
            (self.session, self.tr("考试批次：全部"), sessions),
            (self.qualification, self.tr("资格名称：全部"), qualifications),
            (
                self.level,
                self.tr("级别：全部"),
                [(level, render(f"level.{level}", lang)) for level in LEVELS],
            ),
            (
                self.state,
                self.tr("状态：全部"),
                [(state.value, state.text(lang)) for state in CertificateState],
            ),
        ]
        self._filling = True
        for combo, any_text, items in lists:
            refill(combo, any_text, items)
        self._filling = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.clear_button.setText(self.tr("清除筛选"))
        self.session.setToolTip(self.tr("考试批次"))
        self.qualification.setToolTip(self.tr("资格名称"))
        self.level.setToolTip(self.tr("级别"))
        self.state.setToolTip(self.tr("状态"))
        self._fill()


class FilterToggle(QPushButton):
    """Opens and closes the filter row; says how many filters are set, framed while any is."""

    def __init__(self, filters: SearchFilters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterToggle")
        self.setCheckable(True)
        self._filters = filters
        self.toggled.connect(filters.setVisible)
        filters.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        active = self._filters.active()
        text = self.tr("筛选")
        self.setText(f"{text} ({active})" if active else text)
        self.setToolTip(self.tr("按批次、资格、级别或状态缩小结果"))
        self.setProperty("active", bool(active))
        self.style().unpolish(self)
        self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._update()
        super().changeEvent(event)


class Guidance(QFrame):
    """Why nothing matched, or the certificates a mistyped number may have meant: links (mouse or
    keyboard) that open the certificate, never results."""

    certificate_opened = Signal(int)

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidance")
        self._desk = desk
        self.text = QLabel()
        self.text.setObjectName("guidanceText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.text.linkActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)

    def show_hints(self, hints: Sequence[Hint]) -> None:
        lang = self._desk.i18n.lang
        self._show(self.tr("可能的原因"), [html.escape(hint.message(lang)) for hint in hints])

    def show_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Each near miss as a link, the differing character bold and underlined (a caret where the
        typed number has one too many)."""
        lang = self._desk.i18n.lang
        edits = {
            "wrong": self.tr("有一个字符不同"),
            "missing": self.tr("输入少了一个字符"),
            "extra": self.tr("输入多了一个字符"),
            "swapped": self.tr("有两个相邻字符顺序颠倒"),
        }
        items = []
        for suggestion in suggestions:
            before, middle, after = (html.escape(part) for part in suggestion.marked)
            summary = suggestion.summary
            kind = html.escape(render(f"kind.{suggestion.field}", lang))
            link = (
                f"<a href='certificate:{summary.certificate_id}'>"
                f"{kind} {before}<b><u>{middle or CARET}</u></b>{after}</a>"
            )
            who = html.escape(f"{summary.name} · {summary.qualification} · {summary.session}")
            edit = html.escape(edits.get(suggestion.edit.value, ""))
            items.append(self.tr("{link}（{who}）{edit}").format(link=link, who=who, edit=edit))
        self._show(self.tr("您是不是要找："), items)

    def _show(self, title: str, items: Sequence[str]) -> None:
        listed = "".join(f"<li>{item}</li>" for item in items)
        self.text.setText(f"<b>{html.escape(title)}</b><ul style='margin-left:-20px'>{listed}</ul>")
        self.show()

    def _activated(self, link: str) -> None:
        scheme, _, certificate_id = link.partition(":")
        if scheme == "certificate" and certificate_id.isdigit():
            self.certificate_opened.emit(int(certificate_id))
