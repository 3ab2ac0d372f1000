"""The staff main window: lookup, certificate detail and the reissue form side by side in splitters that
remember their sizes, with a menu bar, a toolbar of the main actions (each with a shortcut) and a status
bar showing the database, the user and the terminal. Usable without touching the mouse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QToolBar, QWidget

from ruankao_desktop import __version__
from ruankao_desktop.core.domain.reissue import ReissueKind, ReissueStatus
from ruankao_desktop.core.messages import Language
from ruankao_desktop.core.services.certificates import CertificateDetail
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.handover import HANDOVER_ALLOWED
from ruankao_desktop.core.services.lookup import Criteria
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.memory import set_aside_loaded
from ruankao_desktop.ui.panes.detail_pane import REISSUE_BLOCKED, DetailPane
from ruankao_desktop.ui.panes.lookup_pane import LookupPane
from ruankao_desktop.ui.panes.reissue_form import ReissueForm
from ruankao_desktop.ui.resources import app_icon, icon

if TYPE_CHECKING:
    from ruankao_desktop.ui.dialogs.expiring_dialog import ExpiringDialog
    from ruankao_desktop.ui.dialogs.session_dialog import SessionDialog

STATUS_MESSAGE_MS = 8000
# How often the audit events queued while another desk held the write lock are tried again.
AUDIT_DRAIN_MS = 10_000


class MainWindow(QMainWindow):
    def __init__(self, desk: DeskContext, *, database: str, settings: QSettings) -> None:
        super().__init__()
        self._built = False  # a language change during construction waits for the last line below
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.desk = desk
        self._database = database
        self._settings = settings

        self.lookup_pane = LookupPane(desk)
        self.detail_pane = DetailPane(desk)
        self.reissue_form = ReissueForm(desk)
        self.reissue_form.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("paneSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        for pane, stretch in ((self.lookup_pane, 5), (self.detail_pane, 4), (self.reissue_form, 4)):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(self.splitter.indexOf(pane), stretch)
        self.splitter.setContentsMargins(8, 8, 8, 8)
        self.setCentralWidget(self.splitter)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.database_label = QLabel()
        self.database_label.setObjectName("statusDatabase")
        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.statusBar().addPermanentWidget(self.database_label)
        self.statusBar().addPermanentWidget(self.user_label)

        self.lookup_pane.certificate_opened.connect(self.detail_pane.show_certificate)
        self.detail_pane.opening.connect(self._certificate_opening)
        self.lookup_pane.search_started.connect(self._search_started)
        self.detail_pane.actions_changed.connect(self._update_actions)
        self.detail_pane.reissue_requested.connect(self.start_reissue)
        self.detail_pane.enquiry_requested.connect(self._enquiry_about)
        self.detail_pane.detail_shown.connect(self._detail_shown)
        self.detail_pane.load_failed.connect(lambda _certificate_id: self._drop_pending())
        self.detail_pane.status_message.connect(self.show_status)
        self.reissue_form.closed.connect(self.close_reissue)
        self.reissue_form.status_message.connect(self.show_status)
        self.reissue_form.stale.connect(lambda _certificate_id: self.detail_pane.reload())

        self._then: tuple[int, Callable[[CertificateDetail], None]] | None = None  # see open_then
        self.session_dialog: SessionDialog | None = None
        self.expiring_dialog: ExpiringDialog | None = None
        self._draining = False
        self.audit_drain = QTimer(self)
        self.audit_drain.setInterval(AUDIT_DRAIN_MS)
        self.audit_drain.timeout.connect(self.drain_audit_spool)
        self.audit_drain.start()
        desk.runner.changed.connect(self._drain_after_write)

        self.resize(1366, 768)
        self._restore_state()
        self.retranslate_ui()
        QTimer.singleShot(0, self._warm_up)
        self._update_actions()
        self.lookup_pane.focus_input()
        self._built = True

    # Actions ----------------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(
            name: str,
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
            slot: object,
            *,
            icon_name: str = "",
        ) -> QAction:
            created = QAction(self)
            created.setObjectName(name)
            if icon_name:
                created.setIcon(icon(icon_name))
            if shortcut:
                created.setShortcut(QKeySequence(shortcut))
            created.triggered.connect(slot)
            self.addAction(created)
            return created

        self.find_action = action(
            "findAction", QKeySequence.StandardKey.Find, self.lookup_pane.focus_input, icon_name="search"
        )
        self.advanced_action = action(
            "advancedAction", "Ctrl+Shift+F", self._toggle_advanced, icon_name="advanced"
        )
        self.handover_action = action(
            "handoverAction", "Ctrl+L", self.detail_pane.record_handover, icon_name="handover"
        )
        self.overview_action = action("overviewAction", "Ctrl+Shift+O", self.show_overview, icon_name="batch")
        self.enquiries_action = action(
            "enquiriesAction", "Ctrl+Shift+E", self.show_enquiries, icon_name="search"
        )
        self.queue_action = action(
            "reissueQueueAction", "Ctrl+Shift+R", self.show_reissue_queue, icon_name="reissue"
        )
        self.sessions_action = action(
            "sessionsAction", "Ctrl+Shift+A", self.show_sessions, icon_name="handover"
        )
        self.expiring_action = action(
            "expiringAction", "Ctrl+Shift+U", self.show_expiring, icon_name="reissue"
        )
        self.slip_action = action("slipAction", None, self.detail_pane.print_slip, icon_name="print")
        self.reissue_action = action("reissueAction", "Ctrl+R", self._reissue_current, icon_name="reissue")
        self.print_action = action(
            "printAction", QKeySequence.StandardKey.Print, self.detail_pane.print_copy, icon_name="print"
        )
        self.verify_action = action("verifyAction", "Ctrl+Shift+V", self.show_verify, icon_name="verify")
        self.batch_action = action("batchAction", "Ctrl+Shift+P", self.show_batch, icon_name="batch")
        self.reveal_action = action(
            "revealAction", "Ctrl+Shift+I", self.detail_pane.reveal_id, icon_name="reveal"
        )
        self.refresh_action = action(
            "refreshAction", QKeySequence.StandardKey.Refresh, self.refresh, icon_name="refresh"
        )
        self.import_action = action("importAction", "Ctrl+I", self.show_import, icon_name="import")
        self.export_action = action("exportAction", "Ctrl+E", self.show_export, icon_name="export")
        self.quit_action = action("quitAction", QKeySequence.StandardKey.Quit, self.close, icon_name="quit")
        self.about_action = action("aboutAction", None, self.show_about, icon_name="about")
        self.language_group = QActionGroup(self)
        self.chinese_action = action("chineseAction", None, lambda: self.set_language("zh"))
        self.english_action = action("englishAction", None, lambda: self.set_language("en"))
        for language_action in (self.chinese_action, self.english_action):
            language_action.setCheckable(True)
            self.language_group.addAction(language_action)
        self.chinese_action.setChecked(True)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.import_action, self.export_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.search_menu = bar.addMenu("")
        self.search_menu.addActions([self.find_action, self.advanced_action, self.refresh_action])
        self.work_menu = bar.addMenu("")
        self.work_menu.addActions(
            [
                self.overview_action,
                self.sessions_action,
                self.queue_action,
                self.expiring_action,
                self.enquiries_action,
            ]
        )
        self.certificate_menu = bar.addMenu("")
        self.certificate_menu.addActions(
            [
                self.print_action,
                self.handover_action,
                self.slip_action,
                self.reissue_action,
                self.reveal_action,
            ]
        )
        self.certificate_menu.addSeparator()
        self.certificate_menu.addActions([self.verify_action, self.batch_action])
        self.language_menu = bar.addMenu("")
        self.language_menu.addActions([self.chinese_action, self.english_action])
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions([self.find_action, self.advanced_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.print_action, self.handover_action, self.reissue_action])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.verify_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.refresh_action)
        self.addToolBar(self.toolbar)

    def _update_actions(self) -> None:
        pane = self.detail_pane
        self.handover_action.setEnabled(pane.handover_button.isEnabled())
        self.reissue_action.setEnabled(pane.reissue_button.isEnabled())
        self.print_action.setEnabled(pane.print_button.isEnabled())
        self.slip_action.setEnabled(pane.slip_button.isEnabled())
        self.reveal_action.setEnabled(pane.reveal_button.isEnabled())

    def _toggle_advanced(self) -> None:
        self.lookup_pane.advanced_button.toggle()
        if self.lookup_pane.advanced_button.isChecked():
            self.lookup_pane.advanced.name_field.setFocus()

    def _reissue_current(self) -> None:
        detail = self.detail_pane.shown()
        if self.detail_pane.reissue_button.isEnabled() and detail is not None:
            self.start_reissue(detail)

    def _search_started(self) -> None:
        """A new search: the detail pane names nobody until a result is opened, and a reissue form,
        which belongs to the certificate that was named, closes keeping what was typed in it."""
        self._drop_pending()
        self.detail_pane.clear()
        self._close_foreign_form(None)

    def _certificate_opening(self, certificate_id: int) -> None:
        """A certificate is being opened, however it was asked for: a reissue form of another certificate
        closes, keeping what was typed in it."""
        self._close_foreign_form(certificate_id)

    def _close_foreign_form(self, certificate_id: int | None) -> None:
        form = self.reissue_form
        if form.isVisible() and form.certificate_id not in (None, certificate_id):
            heading = form.subtitle.text()
            kept = form.close_keeping_draft()
            form.hide()
            if kept:
                self.show_status(
                    self.tr("补办申请表已关闭（%1），填写的内容已保留，再次申请补办即可继续。").replace(
                        "%1", heading
                    )
                )

    def _detail_shown(self, detail: CertificateDetail) -> None:
        self.reissue_form.follow_version(detail.summary.certificate_id, detail.version)
        then, self._then = self._then, None
        if then is not None and then[0] == detail.summary.certificate_id:
            QTimer.singleShot(0, lambda: then[1](detail))  # after the pane has shown it

    def open_then(self, certificate_id: int, action: Callable[[CertificateDetail], None]) -> None:
        """Open `certificate_id` in the detail pane (the clerk sees the person and the photo) and, once it
        is shown as it is now, do `action` on it: a handover or an application started from a list. The
        action is dropped when another certificate is opened or searched for first, or this one cannot
        be read: it never comes later, unasked."""
        self._then = (certificate_id, action)
        self.detail_pane.show_certificate(certificate_id)
        self.activateWindow()

    def _drop_pending(self) -> None:
        self._then = None

    def _hand_over(self, detail: CertificateDetail) -> None:
        if detail.state in HANDOVER_ALLOWED:
            self.detail_pane.record_handover()
        else:
            self.show_status(
                self.tr("%1 现为“%2”，不能登记领取。")
                .replace("%1", detail.summary.cert_no)
                .replace("%2", detail.state.text(self.desk.i18n.lang))
            )

    def _renew(self, detail: CertificateDetail) -> None:
        if detail.state not in REISSUE_BLOCKED:
            self.start_reissue(detail, kind=ReissueKind.RENEWAL)
        else:
            self.show_status(
                self.tr("%1 现为“%2”，不能申请更新。")
                .replace("%1", detail.summary.cert_no)
                .replace("%2", detail.state.text(self.desk.i18n.lang))
            )

    def start_reissue(self, detail: CertificateDetail, *, kind: ReissueKind | None = None) -> None:
        """The reissue form for the certificate shown; `kind` chosen in a new application."""
        summary = detail.summary
        heading = f"{summary.name} · {summary.qualification} · {summary.cert_no}"
        self.reissue_form.show()
        self.reissue_form.open_for(summary.certificate_id, version=detail.version, heading=heading, kind=kind)

    def close_reissue(self) -> None:
        self.reissue_form.hide()
        self.detail_pane.setFocus()

    # The dialogs below are imported when first opened: what they need (openpyxl, pypdf, ReportLab, the
    # signing code) is not loaded while the window starts.

    def show_import(self) -> None:
        from ruankao_desktop.ui.dialogs.import_wizard import ImportWizard

        self.import_wizard = ImportWizard(self, self.desk)
        self.import_wizard.show()

    def show_export(self) -> None:
        from ruankao_desktop.ui.dialogs.export_dialog import ExportDialog

        if not self.lookup_pane.results_complete():  # only the first page is in: not what was found
            self.show_status(self.tr("查询结果仍在载入，请稍候再导出。"))
            return
        self.export_dialog = ExportDialog(self, self.desk, self.lookup_pane.model.ids())
        self.export_dialog.show()

    def show_reissue_queue(self) -> None:
        from ruankao_desktop.ui.dialogs.reissue_queue import ReissueQueueDialog

        self.reissue_queue = ReissueQueueDialog(self, self.desk)
        self.reissue_queue.show()

    def show_overview(self) -> None:
        from ruankao_desktop.ui.dialogs.overview_dialog import OverviewDialog

        self.overview_dialog = OverviewDialog(self, self.desk)
        dialog, desk = self.overview_dialog, self.desk
        dialog.state_picked.connect(
            lambda state, session: self.lookup_pane.search_criteria(Criteria(state=state, session_id=session))
        )
        dialog.today_picked.connect(lambda: self.lookup_pane.show_found(desk.overview.handed_over_today))
        dialog.expiring_picked.connect(self.show_expiring)  # the list with days left, to renew from
        dialog.reissues_picked.connect(self._queue_at)
        dialog.enquiries_picked.connect(self.show_enquiries)
        dialog.show()

    def show_sessions(self) -> None:
        from ruankao_desktop.ui.dialogs.session_dialog import SessionDialog

        if _raised(self.session_dialog):
            return
        dialog = SessionDialog(self, self.desk)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed, it no longer follows the writes
        dialog.certificate_picked.connect(self.detail_pane.show_certificate)
        dialog.handover_requested.connect(lambda found: self.open_then(found, self._hand_over))
        self.session_dialog = dialog
        dialog.show()

    def show_expiring(self) -> None:
        from ruankao_desktop.ui.dialogs.expiring_dialog import ExpiringDialog

        if _raised(self.expiring_dialog):
            return
        dialog = ExpiringDialog(self, self.desk)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.certificate_picked.connect(self.detail_pane.show_certificate)
        dialog.renewal_requested.connect(lambda found: self.open_then(found, self._renew))
        self.expiring_dialog = dialog
        dialog.show()

    def _queue_at(self, status: ReissueStatus) -> None:
        self.show_reissue_queue()
        self.reissue_queue.show_status(status)

    def show_enquiries(self, *, cert_no: str = "", certificate_id: int | None = None) -> None:
        """The enquiry log; opened from a certificate, its enquiries and a form about it."""
        from ruankao_desktop.ui.dialogs.enquiries_dialog import EnquiriesDialog

        self.enquiries_dialog = EnquiriesDialog(
            self, self.desk, cert_no=cert_no, certificate_id=certificate_id
        )
        self.enquiries_dialog.show()

    def _enquiry_about(self, detail: CertificateDetail) -> None:
        summary = detail.summary
        self.show_enquiries(cert_no=summary.cert_no, certificate_id=summary.certificate_id)

    def show_verify(self) -> None:
        from ruankao_desktop.ui.dialogs.verify_dialog import VerifyDialog

        self.verify_dialog = VerifyDialog(self, self.desk)
        self.verify_dialog.show()

    def show_batch(self) -> None:
        from ruankao_desktop.ui.dialogs.batch_dialog import BatchDialog

        self.batch_dialog = BatchDialog(self, self.desk)
        self.batch_dialog.show()

    def _warm_up(self) -> None:
        """What the first search would load, loaded now, before anything is typed: the fonts of Chinese
        glyphs (drawn once off screen in the search field's font) and, on a worker, the pinyin tables, then
        set aside from the collector (`ui/memory.py`)."""
        image = QImage(8, 8, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        painter.setFont(self.lookup_pane.input.font())
        painter.drawText(0, 8, "王张李刘陈杨赵黄周吴")
        painter.end()
        lookup = self.desk.lookup

        def work() -> None:
            lookup.warm_up()
            set_aside_loaded()  # the tables just loaded, out of the collector's way

        self.desk.runner.run(work, on_success=lambda _none: None, on_failure=lambda _p: None)

    def drain_audit_spool(self) -> None:
        """Write the audit events queued while another desk held the write lock, on the writer (one
        round at a time); the folder is looked at there too, never on the GUI thread."""
        if self._draining:
            return
        self._draining = True
        lookup, actor = self.desk.lookup, self.desk.actor

        def done(_result: object) -> None:
            self._draining = False

        self.desk.runner.run(
            lambda: lookup.write_queued(actor) if lookup.has_queued() else None,
            on_success=done,
            on_failure=done,
            write=True,
        )

    def _drain_after_write(self, change: Changed) -> None:
        if change.kind is not ChangeKind.LOOKUP:  # this desk could write: so may the queue
            self.drain_audit_spool()

    def refresh(self) -> None:
        self.lookup_pane.refresh()
        self.detail_pane.reload()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def set_language(self, lang: Language) -> None:
        if not self.desk.i18n.set_language(lang):
            QMessageBox.warning(
                self,
                self.tr("无法切换语言"),
                self.tr("找不到英文翻译文件。请运行 scripts/build-translations。"),
            )
            self.chinese_action.setChecked(True)
            return
        (self.chinese_action if lang == "zh" else self.english_action).setChecked(True)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于软考证书服务台"),
            self.tr("软考证书服务台 %1\n离线查询、领取、补办与核验。").replace("%1", __version__),
        )

    # State across starts ------------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self._settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([800, 560, 560])

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self._settings.setValue("window/language", self.desk.i18n.lang)
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.audit_drain.stop()
        self.desk.runner.shut_down()
        super().closeEvent(event)

    # Language ---------------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("软考证书服务台"))
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.search_menu.setTitle(self.tr("查询(&S)"))
        self.work_menu.setTitle(self.tr("办理(&W)"))
        self.certificate_menu.setTitle(self.tr("证书(&C)"))
        self.language_menu.setTitle(self.tr("语言(&L)"))
        self.help_menu.setTitle(self.tr("帮助(&H)"))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        texts = {
            self.find_action: (self.tr("查询"), self.tr("到查询框（Ctrl+F）")),
            self.advanced_action: (self.tr("高级查询"), self.tr("按多个条件查询（Ctrl+Shift+F）")),
            self.handover_action: (self.tr("登记领取"), self.tr("本人、代领、单位代领或邮寄（Ctrl+L）")),
            self.slip_action: (self.tr("打印领取单"), self.tr("打印当前证书的领取单，供领取人签字")),
            self.overview_action: (
                self.tr("概览"),
                self.tr("各状态、各批次的证书数量与今日待办（Ctrl+Shift+O）"),
            ),
            self.enquiries_action: (
                self.tr("咨询登记"),
                self.tr("电话、邮件和现场咨询的记录与跟进（Ctrl+Shift+E）"),
            ),
            self.sessions_action: (
                self.tr("到证与领取"),
                self.tr("一个批次的到证登记、领取截止日期和领取名单（Ctrl+Shift+A）"),
            ),
            self.expiring_action: (
                self.tr("即将到期"),
                self.tr("有效期即将届满的证书，从这里申请更新（Ctrl+Shift+U）"),
            ),
            self.queue_action: (self.tr("补办队列"), self.tr("审核、上报补办申请，登记新证（Ctrl+Shift+R）")),
            self.reissue_action: (self.tr("申请补办"), self.tr("为当前证书填写补办申请（Ctrl+R）")),
            self.print_action: (self.tr("打印核验件"), self.tr("预览并打印当前证书的核验件（Ctrl+P）")),
            self.verify_action: (
                self.tr("核验"),
                self.tr("扫描二维码或输入核验码，核验一份核验件（Ctrl+Shift+V）"),
            ),
            self.batch_action: (
                self.tr("批量打印…"),
                self.tr("为一个批次的证书批量生成核验件（Ctrl+Shift+P）"),
            ),
            self.reveal_action: (
                self.tr("查看完整证件号码"),
                self.tr("需填写原因并记入审计（Ctrl+Shift+I）"),
            ),
            self.refresh_action: (self.tr("刷新"), self.tr("重新读取当前结果和详情（F5）")),
            self.import_action: (
                self.tr("导入证书名单…"),
                self.tr("从考试机构的 Excel 或 CSV 名单导入证书（Ctrl+I）"),
            ),
            self.export_action: (
                self.tr("导出…"),
                self.tr("导出查询结果、领取名单或补办申请为 Excel / CSV（Ctrl+E）"),
            ),
            self.quit_action: (self.tr("退出"), self.tr("退出程序")),
            self.about_action: (self.tr("关于"), self.tr("关于本程序")),
            self.chinese_action: ("中文", "中文"),
            self.english_action: ("English", "English"),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.database_label.setText(self.tr("数据库：%1").replace("%1", self._database))
        self.user_label.setText(
            self.tr("用户：%1 · 终端：%2")
            .replace("%1", self.desk.actor.user)
            .replace("%2", self.desk.actor.terminal)
        )


def _raised(dialog: QWidget | None) -> bool:
    """Bring `dialog` to the front when it is still open (one closed with WA_DeleteOnClose is gone): a
    second one is not made beside it."""
    if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
        return False
    dialog.raise_()
    dialog.activateWindow()
    return True
