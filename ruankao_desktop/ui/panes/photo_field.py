"""The reissue form's photo: choose a file, check it in the background against the photo rules (white
background, colour JPG, at least 295×413 px), and show it with what is wrong with it, if anything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ruankao_desktop.core.domain.photo import check_photo
from ruankao_desktop.core.domain.reissue import FieldProblem
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.resources import icon

PHOTO_PREVIEW = (118, 165)


class PhotoField(QWidget):
    checked = Signal(list)  # list[FieldProblem] of the photo just chosen
    failed = Signal(object)  # KnownError: the file could not be read

    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.photo: bytes | None = None
        self._problems: list[FieldProblem] = []
        self.button = QPushButton(icon("photo"), "")
        self.button.setObjectName("choosePhotoButton")
        self.preview = QLabel()
        self.preview.setObjectName("photoPreview")
        self.preview.setFixedSize(*PHOTO_PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border:1px dashed #9fb3c8;border-radius:4px;color:#829ab1;")
        self.note = QLabel()
        self.note.setObjectName("hintText")
        self.note.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        side = QVBoxLayout()
        side.addWidget(self.button)
        side.addWidget(self.note)
        side.addStretch(1)
        row.addLayout(side, 1)
        self.button.clicked.connect(self.choose)
        self.retranslate_ui()

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择照片"),
            str(Path.home()),
            self.tr("照片 (*.jpg *.jpeg *.png *.bmp);;所有文件 (*)"),
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read and check the photo in the background; `checked` says what is wrong with it, if anything."""

        def work() -> tuple[bytes, list[FieldProblem]]:
            data = path.read_bytes()
            return data, check_photo(data)

        self._desk.runner.run(work, on_success=self._loaded, on_failure=self.failed.emit)

    def _loaded(self, result: tuple[bytes, list[FieldProblem]]) -> None:
        data, problems = result
        self.set_photo(data, problems)
        self.checked.emit(problems)

    def set_photo(self, data: bytes | None, problems: list[FieldProblem]) -> None:
        self.photo = data
        self._problems = list(problems)
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("未选择照片") if data is None else self.tr("无法显示"))
        else:
            scaled = image.scaled(*PHOTO_PREVIEW, Qt.AspectRatioMode.KeepAspectRatio)
            self.preview.setPixmap(QPixmap.fromImage(scaled))
        if data is not None and not problems:
            self.note.setText(
                self.tr("照片符合要求（%1×%2 像素）")
                .replace("%1", str(image.width()))
                .replace("%2", str(image.height()))
            )
        else:
            self.note.setText(self.tr("白底彩色 JPG，至少 295×413 像素"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.button.setText(self.tr("选择照片…"))
        self.set_photo(self.photo, self._problems)
