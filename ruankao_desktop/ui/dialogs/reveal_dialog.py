"""Asking why the operator needs the full ID number; the reason goes into the audit trail."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ruankao_desktop.ui.dialogs.sizing import fit_to_text

MIN_REASON = 2


class RevealDialog(QDialog):
    def __init__(self, parent: QWidget | None, holder_name: str) -> None:
        super().__init__(parent)
        self.setObjectName("revealDialog")
        self._holder_name = holder_name
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("revealReason")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._enable_ok)
        self._enable_ok()
        self.retranslate_ui()
        fit_to_text(self)

    @classmethod
    def ask(cls, parent: QWidget | None, holder_name: str) -> str | None:
        """The reason given, or None when cancelled. Tests replace this classmethod."""
        dialog = cls(parent, holder_name)
        return dialog.reason.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _enable_ok(self) -> None:
        """A reason of at least two characters, as the service requires, before OK can be pressed."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(len("".join(self.reason.text().split())) >= MIN_REASON)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("查看完整证件号码"))
        self.intro.setText(
            self.tr("查看 %1 的完整证件号码会记入审计日志。请填写原因：").replace("%1", self._holder_name)
        )
        self.reason.setPlaceholderText(self.tr("例如：核对户籍迁移前的号码"))
