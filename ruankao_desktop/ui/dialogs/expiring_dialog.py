"""The certificates whose validity term ends soon (即将到期, docs/domain.md "Validity"): those still valid
today that will have expired within a number of days, the soonest first, with the day and the days left —
and from the selected one an 更新 application (the window opens the certificate and its reissue form with
更新 chosen). Read in the background, as the overview and `expiring` count them."""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.overview import EXPIRING_DAYS
from ruankao_desktop.core.services.validity import DEFAULT_LIMIT, MAX_DAYS, Expiring
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.dialogs.sizing import fit_to_text
from ruankao_desktop.ui.resources import show_outcome
from ruankao_desktop.ui.tables import (
    fill_row,
    keys_selected,
    list_table,
    named_button,
    select_keys,
    selected_of,
)

COLUMNS = 7
SOON_DAYS = 30  # days left shown in red: a reminder is late already
TYPING_MS = 400  # the list is read again once the number of days stops changing


class ExpiringDialog(QDialog):
    loaded = Signal(int)  # rows shown
    certificate_picked = Signal(int)  # open it in the window
    renewal_requested = Signal(int)  # open it in the window with an 更新 application

    def __init__(self, parent: QWidget | None, desk: DeskContext) -> None:
        super().__init__(parent)
        self.setObjectName("expiringDialog")
        self._desk = desk
        self._rows: tuple[Expiring, ...] = ()
        self._generation = 0
        self.within = QSpinBox()
        self.within.setObjectName("expiringWithin")
        self.within.setRange(1, MAX_DAYS)
        self.within.setValue(EXPIRING_DAYS)
        self._within_label = QLabel()
        self._within_label.setBuddy(self.within)
        self.summary = QLabel()
        self.summary.setObjectName("hintText")
        self.table = list_table("expiringTable", COLUMNS)
        self.status = QLabel()
        self.status.setObjectName("expiringStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self.renew_button = named_button("expiringRenew")
        self.renew_button.setProperty("primary", True)
        self.open_button = named_button("expiringOpen")
        self.close_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self._within_label)
        top.addWidget(self.within)
        top.addWidget(self.summary, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.renew_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.reload)
        self.within.valueChanged.connect(lambda _value: self._typing.start())
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.table.activated.connect(lambda _index: self._emit(self.certificate_picked))
        self.renew_button.clicked.connect(lambda: self._emit(self.renewal_requested))
        self.open_button.clicked.connect(lambda: self._emit(self.certificate_picked))
        self.close_button.clicked.connect(self.close)
        self.retranslate_ui()
        self.resize(900, 520)
        fit_to_text(self)
        self._update_actions()
        self.reload()

    def reload(self) -> None:
        self._typing.stop()
        self._generation += 1
        generation = self._generation
        validity, days = self._desk.validity, self.within.value()

        def work() -> tuple[list[Expiring], int]:
            return validity.expiring(days, limit=DEFAULT_LIMIT), validity.expiring_count(days)

        self._desk.runner.run(
            work, on_success=lambda found: self._show(generation, days, *found), on_failure=self._failed
        )

    def _show(self, generation: int, days: int, rows: list[Expiring], total: int) -> None:
        if generation != self._generation:
            return
        lang = self._desk.i18n.lang
        kept = keys_selected(self.table, self._rows, attrgetter("summary.certificate_id"))
        self._rows = tuple(rows)
        text = self.tr("%1 天内到期 %2 张").replace("%1", f"{days:,}").replace("%2", f"{total:,}")
        if total > len(rows):
            text += self.tr("，显示最早到期的 %1 张").replace("%1", f"{len(rows):,}")
        self.summary.setText(text)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            summary = row.summary
            cells = (
                summary.cert_no,
                summary.name,
                summary.id_masked,
                summary.qualification,
                row.valid_until.isoformat(),
                str(row.days_left),
                summary.state_text(lang),
            )
            # Soon in red; colour is not the only sign: the days left show.
            soon = QColor(Qt.GlobalColor.darkRed) if row.days_left <= SOON_DAYS else None
            fill_row(self.table, index, cells, colour=soon)
        select_keys(self.table, self._rows, attrgetter("summary.certificate_id"), kept)
        self._update_actions()
        self.loaded.emit(len(rows))

    def selected(self) -> Expiring | None:
        return selected_of(self.table, self._rows)

    def _update_actions(self) -> None:
        chosen = self.selected() is not None
        self.renew_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def _emit(self, signal: SignalInstance) -> None:
        chosen = self.selected()
        if chosen is not None:
            signal.emit(chosen.summary.certificate_id)

    def _failed(self, problem: KnownError) -> None:
        show_outcome(self.status, problem.message(self._desk.i18n.lang), ok=False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("即将到期的证书"))
        self._within_label.setText(self.tr("到期时间在"))
        self.within.setSuffix(self.tr(" 天内"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("证书编号"),
                self.tr("姓名"),
                self.tr("证件号码"),
                self.tr("资格名称"),
                self.tr("有效期至"),
                self.tr("剩余天数"),
                self.tr("状态"),
            ]
        )
        self.renew_button.setText(self.tr("申请更新…"))
        self.renew_button.setToolTip(self.tr("在主窗口打开所选证书，填写更新申请"))
        self.open_button.setText(self.tr("打开证书"))
        self.close_button.setText(self.tr("关闭"))
