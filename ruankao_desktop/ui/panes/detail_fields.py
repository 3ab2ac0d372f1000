"""What the detail pane displays of a certificate: its state in words with the candidate's next step, its
fields as labelled values, and its history (the pane itself loads the certificate and runs its
actions)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services.certificates import CertificateDetail, IdOwner, Receipt
from ruankao_desktop.ui.resources import icon, state_colours

Revealed = Mapping[IdOwner, str]  # the full numbers shown for now, by whose they are

FIELDS = (
    "name",
    "id",
    "phone",
    "qualification",
    "level",
    "category",
    "session",
    "cert_no",
    "management_no",
    "approved_on",
    "issuer",
    "valid_until",
    "arrival",
    "deadline",
    "receipt",
    "supersedes",
    "notes",
)
HISTORY_ROW = 28
HISTORY_MAX = 260


class StateBox(QFrame):
    """The state as a coloured badge and in words (colour is never the only signal), and the next step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nextStep")
        self.badge = QLabel()
        self.badge.setObjectName("stateBadge")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.next_step_title = QLabel()
        self.next_step_title.setObjectName("sectionTitle")
        self.next_step = QLabel()
        self.next_step.setObjectName("nextStepText")
        self.next_step.setWordWrap(True)
        layout = QVBoxLayout(self)
        state_row = QHBoxLayout()
        state_row.addWidget(self.badge)
        state_row.addWidget(self.explanation, 1)
        layout.addLayout(state_row)
        layout.addWidget(self.next_step_title)
        layout.addWidget(self.next_step)
        self.retranslate_ui()

    def show_detail(self, detail: CertificateDetail, lang: Language) -> None:
        background, foreground = state_colours(detail.state)
        self.badge.setText(detail.state.text(lang))
        self.badge.setStyleSheet(
            f"background:{background.name()};color:{foreground.name()};border-radius:9px;"
            "padding:3px 10px;font-weight:600;"
        )
        self.explanation.setText(detail.explanation(lang))
        self.next_step.setText(detail.next_step(lang))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.next_step_title.setText(self.tr("下一步"))


class DetailFields(QWidget):
    """Every field the candidate may ask about, then the history, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(7)
        self.reveal_button = _reveal_button("revealIdButton")
        self.collector_reveal_button = _reveal_button("revealCollectorIdButton")
        buttons = {"id": self.reveal_button, "receipt": self.collector_reveal_button}
        self._form = form
        for key in FIELDS:
            label = QLabel()
            label.setObjectName("fieldLabel")
            value = QLabel()
            value.setObjectName("fieldValue")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._labels[key], self.values[key] = label, value
            if key in buttons:
                # In a widget of its own, not a bare layout: the form then gives a wrapped value the
                # height it needs at its width (a second line is not cut off).
                field = QWidget()
                row = QHBoxLayout(field)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(value, 1)
                row.addWidget(buttons[key])
                form.addRow(label, field)
            else:
                form.addRow(label, value)
        self.history_title = QLabel()
        self.history_title.setObjectName("sectionTitle")
        self.history = QListWidget()
        self.history.setObjectName("historyList")
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history)
        self.retranslate_ui()

    def show_detail(self, detail: CertificateDetail, lang: Language, *, revealed: Revealed) -> None:
        """`revealed` holds the full numbers shown for now, by whose they are; the rest stay masked."""
        summary = detail.summary
        receipt = detail.receipt
        self._form.setRowVisible(FIELDS.index("receipt"), receipt is not None)
        self.collector_reveal_button.setVisible(receipt is not None and receipt.by_proxy)
        values = {
            "name": summary.name,
            "id": revealed.get(IdOwner.HOLDER) or summary.id_masked,
            "receipt": _receipt_text(receipt, lang, revealed.get(IdOwner.COLLECTOR)),
            "phone": detail.phone_masked,
            "qualification": summary.qualification,
            "level": summary.level_text(lang),
            "category": render(f"category.{detail.category}", lang),
            "session": summary.session,
            "cert_no": summary.cert_no,
            "management_no": summary.management_no,
            "approved_on": _date(detail.approved_on),
            "issuer": summary.issuer,
            "valid_until": summary.valid_until_text(lang),
            "arrival": _date(detail.arrived_on)
            if detail.arrived_on
            else self.tr("预计 %1").replace("%1", _date(detail.expected_arrival)),
            "deadline": _date(detail.pickup_deadline),
            "supersedes": detail.supersedes or summary.superseded_by or "—",
            "notes": detail.session_notes or "—",
        }
        for key, value in values.items():
            self.values[key].setText(value)
        self.history.clear()
        for entry in detail.history:
            item = QListWidgetItem(f"{entry.at:%Y-%m-%d %H:%M}   {entry.message(lang)}")
            item.setToolTip(html.escape(entry.message(lang)))
            self.history.addItem(item)
        if not detail.history:
            self.history.addItem(self.tr("暂无记录"))
        self.history.setMinimumHeight(min(HISTORY_ROW * max(self.history.count(), 1) + 8, HISTORY_MAX))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.history_title.setText(self.tr("历史记录"))
        names = {
            "name": self.tr("姓名"),
            "id": self.tr("证件号码"),
            "phone": self.tr("联系电话"),
            "qualification": self.tr("资格名称"),
            "level": self.tr("级别"),
            "category": self.tr("专业类别"),
            "session": self.tr("考试批次"),
            "cert_no": self.tr("证书编号"),
            "management_no": self.tr("管理号"),
            "approved_on": self.tr("批准日期"),
            "issuer": self.tr("颁发机构"),
            "valid_until": self.tr("有效期至"),
            "arrival": self.tr("到达本考点"),
            "deadline": self.tr("领取截止"),
            "receipt": self.tr("领取记录"),
            "supersedes": self.tr("关联证书"),
            "notes": self.tr("批次通知"),
        }
        for key, text in names.items():
            self._labels[key].setText(text)
        self.reveal_button.setToolTip(self.tr("查看完整证件号码（需填写原因，会被记录）"))
        self.collector_reveal_button.setToolTip(self.tr("查看代领人的完整证件号码（需填写原因，会被记录）"))


def _reveal_button(name: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setIcon(icon("reveal"))
    return button


def _receipt_text(receipt: Receipt | None, lang: Language, revealed: str | None) -> str:
    if receipt is None:
        return "—"
    return f"{receipt.described(lang, id_shown=revealed)} · {receipt.at:%Y-%m-%d}"


def _date(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"
