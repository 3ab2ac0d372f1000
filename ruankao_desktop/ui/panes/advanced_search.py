"""The lookup pane's advanced form: name, ID number, 证书编号, 管理号, session, qualification and state
together. It turns what is filled in into search criteria, or says what is wrong with it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ruankao_desktop.core.domain.ids import normalise_id, parse_id
from ruankao_desktop.core.domain.names import normalise_name
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.core.services.sessions import Choice, qualification_choices, session_choices
from ruankao_desktop.ui.combos import refill
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.resources import icon


def _load_choices() -> tuple[list[Choice], list[Choice]]:
    return session_choices(), qualification_choices()


class AdvancedSearch(QFrame):
    search_requested = Signal(object)  # Criteria, valid and not empty

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("advancedForm")
        self._desk = desk
        self.name_field = QLineEdit()
        self.name_field.setObjectName("advancedName")
        self.id_field = QLineEdit()
        self.id_field.setObjectName("advancedId")
        self.cert_field = QLineEdit()
        self.cert_field.setObjectName("advancedCertNo")
        self.management_field = QLineEdit()
        self.management_field.setObjectName("advancedManagementNo")
        self.session_field = QComboBox()
        self.session_field.setObjectName("advancedSession")
        self.qualification_field = QComboBox()
        self.qualification_field.setObjectName("advancedQualification")
        self.state_field = QComboBox()
        self.state_field.setObjectName("advancedState")
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.search_button = QPushButton(icon("search"), "")
        self.search_button.setObjectName("advancedSearch")
        self.clear_button = QPushButton(icon("clear"), "")
        form = QFormLayout(self)
        form.setContentsMargins(0, 4, 0, 4)
        self._labels = [QLabel() for _ in range(7)]
        fields = (
            self.name_field,
            self.id_field,
            self.cert_field,
            self.management_field,
            self.session_field,
            self.qualification_field,
            self.state_field,
        )
        for label, field in zip(self._labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.search_button)
        form.addRow(self.error)
        form.addRow(buttons)
        self.search_button.clicked.connect(self.search)
        self.clear_button.clicked.connect(self.clear)
        for line in (self.name_field, self.id_field, self.cert_field, self.management_field):
            line.returnPressed.connect(self.search)
        self._choices: tuple[list[Choice], list[Choice]] = ([], [])
        self.retranslate_ui()
        desk.runner.run(_load_choices, on_success=self._choices_loaded, on_failure=self._show_problem)

    def search(self) -> None:
        """Ask for a search with what is filled in, or say why it cannot be searched."""
        try:
            criteria = self.criteria()
        except InvalidInput as problem:
            self._show_problem(problem)
            return
        if criteria.is_empty():
            self.error.setText(self.tr("请至少填写一项查询条件。"))
            self.error.show()
            return
        self.error.hide()
        self.search_requested.emit(criteria)

    def criteria(self) -> Criteria:
        """The form as search criteria; a malformed ID number is reported as such."""
        id_text = normalise_id(self.id_field.text())
        name = normalise_name(self.name_field.text())
        cert_no = normalise_id(self.cert_field.text())
        management_no = normalise_id(self.management_field.text())
        return Criteria(
            name=name or None,
            id_number=parse_id(id_text, today=self._desk.today()).value if id_text else None,
            cert_no=cert_no or None,
            management_no=management_no or None,
            session_id=self.session_field.currentData(),
            qualification_id=self.qualification_field.currentData(),
            state=CertificateState(state) if (state := self.state_field.currentData()) else None,
        )

    def clear(self) -> None:
        for line in (self.name_field, self.id_field, self.cert_field, self.management_field):
            line.clear()
        for combo in (self.session_field, self.qualification_field, self.state_field):
            combo.setCurrentIndex(0)
        self.error.hide()

    def _show_problem(self, problem: KnownError) -> None:
        self.error.setText(problem.message(self._desk.i18n.lang))
        self.error.show()

    def _choices_loaded(self, choices: tuple[list[Choice], list[Choice]]) -> None:
        self._choices = choices
        self._fill_combos()

    def _fill_combos(self) -> None:
        any_text = self.tr("（不限）")
        lang = self._desk.i18n.lang
        sessions, qualifications = self._choices
        states = [(state.value, state.text(lang)) for state in CertificateState]
        lists: list[tuple[QComboBox, Sequence[tuple[object, str]]]] = [
            (self.session_field, sessions),
            (self.qualification_field, qualifications),
            (self.state_field, states),
        ]
        for combo, items in lists:
            refill(combo, any_text, items)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.search_button.setText(self.tr("按条件查询"))
        self.clear_button.setText(self.tr("清空"))
        labels = [
            self.tr("姓名"),
            self.tr("证件号码"),
            self.tr("证书编号"),
            self.tr("管理号"),
            self.tr("考试批次"),
            self.tr("资格名称"),
            self.tr("状态"),
        ]
        for label, text in zip(self._labels, labels, strict=True):
            label.setText(text)
        self._fill_combos()
