"""The enquiry log (咨询登记): the enquiries, newest first, searchable and filtered by follow-up state or
by those due; a new one logged below (opened from a certificate, it is about that certificate and lists
its enquiries); the selected one answered or closed. Contacts are shown masked. Everything is read and
written in the background; a refusal is said under the form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import attrgetter

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.enquiries import Channel, EnquiryRow, FollowUp, Logged
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.resources import show_outcome
from ruankao_desktop.ui.tables import fill_row, keys_selected, list_table, select_keys, selected_of

SEARCH_PAUSE_MS = 300
COLUMNS = 8


class EnquiriesDialog(QDialog):
    loaded = Signal(int)  # rows shown
    saved = Signal(str)  # what logging or answering said, once the list shows it

    def __init__(
        self,
        parent: QWidget | None,
        desk: DeskContext,
        *,
        cert_no: str = "",
        certificate_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enquiriesDialog")
        self._desk = desk
        self._certificate_id = certificate_id
        self._rows: list[EnquiryRow] = []
        self._said: str | None = None
        self.search = QLineEdit()
        self.search.setObjectName("enquirySearch")
        self.search.setClearButtonEnabled(True)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("enquiryState")
        self.state_filter.addItem("", None)
        for state in FollowUp:
            self.state_filter.addItem("", state.value)
        self.due_only = QCheckBox()
        self.due_only.setObjectName("enquiryDueOnly")
        self.table = list_table("enquiryTable", COLUMNS)
        self.channel = QComboBox()
        self.channel.setObjectName("enquiryChannel")
        for channel in Channel:
            self.channel.addItem("", channel.value)
        self.who = QLineEdit()
        self.who.setObjectName("enquiryWho")
        self.contact = QLineEdit()
        self.contact.setObjectName("enquiryContact")
        self.cert_no = QLineEdit(cert_no)
        self.cert_no.setObjectName("enquiryCertNo")
        self.question = QPlainTextEdit()
        self.question.setObjectName("enquiryQuestion")
        self.question.setFixedHeight(64)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("enquiryAnswer")
        self.answer.setFixedHeight(64)
        self.follow_up = QCheckBox()
        self.follow_up.setObjectName("enquiryFollowUp")
        self.due = QDateEdit()
        self.due.setObjectName("enquiryDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        today = desk.today()
        self.due.setDate(QDate(today.year, today.month, today.day).addDays(3))
        self.due.setEnabled(False)
        self.close_it = QCheckBox()
        self.close_it.setObjectName("enquiryClose")
        self.log_button = QPushButton()
        self.log_button.setObjectName("enquiryLog")
        self.log_button.setProperty("primary", True)
        self.answer_button = QPushButton()
        self.answer_button.setObjectName("enquiryAnswerButton")
        self.close_button = QPushButton()
        self.status = QLabel()
        self.status.setObjectName("enquiryStatusText")
        self.status.setWordWrap(True)
        self.status.hide()
        self._labels: dict[str, QLabel] = {}

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.due_only)
        form = QFormLayout()
        due_row = QHBoxLayout()
        due_row.addWidget(self.follow_up)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        for key, field in (
            ("channel", self.channel),
            ("who", self.who),
            ("contact", self.contact),
            ("cert_no", self.cert_no),
            ("question", self.question),
            ("answer", self.answer),
        ):
            self._labels[key] = QLabel()
            form.addRow(self._labels[key], field)
        self._labels["due"] = QLabel()
        form.addRow(self._labels["due"], due_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.close_it)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._pause.start())
        self.state_filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.due_only.toggled.connect(lambda _checked: self.reload())
        self.follow_up.toggled.connect(self.due.setEnabled)
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.log_button.clicked.connect(self.log)
        self.answer_button.clicked.connect(self.record_answer)
        self.close_button.clicked.connect(self.close)
        self.retranslate_ui()
        self.resize(900, 640)
        fit_to_text(self)
        self._update_actions()
        self.reload()

    # Reading -------------------------------------------------------------------------------------

    def reload(self) -> None:
        service = self._desk.enquiries
        text, due_only, certificate_id = self.search.text(), self.due_only.isChecked(), self._certificate_id
        state = self.state_filter.currentData()
        self._desk.runner.run(
            lambda: service.listed(
                text=text,
                state=FollowUp(state) if state else None,
                due_only=due_only,
                certificate_id=certificate_id,
            ),
            on_success=self._show,
            on_failure=self._failed,
        )

    def _show(self, rows: list[EnquiryRow]) -> None:
        lang = self._desk.i18n.lang
        kept = keys_selected(self.table, self._rows, attrgetter("id"))
        self._rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            state = row.state.text(lang)
            if row.due_on is not None and row.state is not FollowUp.CLOSED:
                state += f" · {row.due_on.isoformat()}"
            cells = (
                str(row.id),
                f"{row.at:%Y-%m-%d %H:%M}",
                row.channel.text(lang),
                row.who,
                row.contact_masked,
                row.cert_no or "",
                state,
                row.question if not row.answer else f"{row.question} → {row.answer}",
            )
            # Overdue in red; colour is not the only sign: the day shows.
            fill_row(self.table, index, cells, colour=QColor(Qt.GlobalColor.darkRed) if row.overdue else None)
        select_keys(self.table, rows, attrgetter("id"), kept)
        self._update_actions()
        self.loaded.emit(len(rows))
        if self._said is not None:
            said, self._said = self._said, None
            self.saved.emit(said)

    def selected(self) -> EnquiryRow | None:
        return selected_of(self.table, self._rows)

    def _update_actions(self) -> None:
        row = self.selected()
        self.answer_button.setEnabled(row is not None and row.state is not FollowUp.CLOSED)

    # Writing -------------------------------------------------------------------------------------

    def _due(self) -> date | None:
        if not self.follow_up.isChecked():
            return None
        chosen = self.due.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def log(self) -> None:
        """Log the enquiry the form holds."""
        service, actor = self._desk.enquiries, self._desk.actor
        channel = Channel(self.channel.currentData())
        who, contact, cert_no = self.who.text(), self.contact.text(), self.cert_no.text()
        question, answer, due = self.question.toPlainText(), self.answer.toPlainText(), self._due()
        self._run(
            lambda: service.log(
                channel=channel,
                who=who,
                contact=contact,
                question=question,
                cert_no=cert_no,
                answer=answer,
                due_on=due,
                actor=actor,
            ),
            logged=True,
        )

    def record_answer(self) -> None:
        """The answer in the form, for the selected enquiry (closed when ticked)."""
        row = self.selected()
        if row is None:
            return
        service, actor = self._desk.enquiries, self._desk.actor
        answer, close, due = self.answer.toPlainText(), self.close_it.isChecked(), self._due()
        self._run(lambda: service.answer(row.id, answer=answer, close=close, due_on=due, actor=actor))

    def _run(self, work: Callable[[], Logged], *, logged: bool = False) -> None:
        self.log_button.setEnabled(False)
        self.answer_button.setEnabled(False)
        self._desk.runner.run(
            work, on_success=lambda done: self._done(done, logged=logged), on_failure=self._failed, write=True
        )

    def _done(self, done: Logged, *, logged: bool) -> None:
        lang = self._desk.i18n.lang
        template = self.tr("已登记咨询 %1（%2）") if logged else self.tr("咨询 %1 现为“%2”")
        text = template.replace("%1", str(done.row.id)).replace("%2", done.row.state.text(lang))
        show_outcome(self.status, text, ok=True)
        self.log_button.setEnabled(True)
        if logged:
            for field in (self.who, self.contact):
                field.clear()
            self.question.clear()
        self.answer.clear()
        self._said = text
        self.reload()

    def _failed(self, problem: KnownError) -> None:
        message = problem.message(self._desk.i18n.lang)
        show_outcome(self.status, message, ok=False)
        self.log_button.setEnabled(True)
        self._update_actions()
        self.saved.emit(message)

    # Language ------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        lang = self._desk.i18n.lang
        self.setWindowTitle(self.tr("咨询登记"))
        self.search.setPlaceholderText(self.tr("按姓名、问题、证书编号或联系方式末几位查找"))
        self.state_filter.setItemText(0, self.tr("全部"))
        for index, state in enumerate(FollowUp, start=1):
            self.state_filter.setItemText(index, state.text(lang))
        for index, channel in enumerate(Channel):
            self.channel.setItemText(index, channel.text(lang))
        self.due_only.setText(self.tr("只看到期待跟进"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("编号"),
                self.tr("时间"),
                self.tr("方式"),
                self.tr("咨询人"),
                self.tr("联系方式"),
                self.tr("证书编号"),
                self.tr("状态"),
                self.tr("问题 → 答复"),
            ]
        )
        labels = {
            "channel": self.tr("方式"),
            "who": self.tr("咨询人"),
            "contact": self.tr("联系方式"),
            "cert_no": self.tr("证书编号"),
            "question": self.tr("问题"),
            "answer": self.tr("答复"),
            "due": self.tr("跟进"),
        }
        for key, text in labels.items():
            self._labels[key].setText(text)
        self.contact.setPlaceholderText(self.tr("手机、固定电话或电子邮箱"))
        self.cert_no.setPlaceholderText(self.tr("可不填"))
        self.follow_up.setText(self.tr("需在此日前跟进"))
        self.close_it.setText(self.tr("答复后办结"))
        self.log_button.setText(self.tr("登记新咨询"))
        self.answer_button.setText(self.tr("记录所选咨询的答复"))
        self.close_button.setText(self.tr("关闭"))
