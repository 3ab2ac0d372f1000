"""The staff main window. Until the lookup, detail and reissue panes land (issue 3) it shows where the
database is and how to use the command line meanwhile."""

from __future__ import annotations

import getpass
import socket

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QVBoxLayout, QWidget

from ruankao_desktop.core.store.database import parse_location


class MainWindow(QMainWindow):
    def __init__(self, db_url: str) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._location = parse_location(db_url).display()
        self._title = QLabel()
        self._title.setObjectName("welcomeTitle")
        self._body = QLabel()
        self._body.setObjectName("welcomeBody")
        self._body.setWordWrap(True)
        self._body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout()
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(16)
        layout.addWidget(self._title)
        layout.addWidget(self._body)
        layout.addStretch(1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self._database_label = QLabel()
        self._user_label = QLabel()
        status = QStatusBar()
        status.addWidget(self._database_label, 1)
        status.addPermanentWidget(self._user_label)
        self.setStatusBar(status)
        self.resize(1024, 640)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("软考证书服务台"))
        self._title.setText(self.tr("<h1>软考证书服务台</h1>"))
        self._body.setText(
            self.tr(
                "<p>数据库已打开。查询、证书详情和补办申请界面将在下一个版本中提供。</p>"
                "<p>现在可以在终端中查询证书，例如：</p>"
                "<pre>ruankao-desktop lookup 110105199003071239\nruankao-desktop lookup 张伟 --json</pre>"
            )
        )
        self._database_label.setText(self.tr("数据库：%1").replace("%1", self._location))
        self._user_label.setText(
            self.tr("用户：%1 · 终端：%2")
            .replace("%1", getpass.getuser())
            .replace("%2", socket.gethostname())
        )
