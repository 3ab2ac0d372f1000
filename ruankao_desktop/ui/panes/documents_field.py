"""The reissue form's documents checklist: one box per document the chosen kind of application asks for
(core.domain.reissue.offered_documents); ticks survive a change of kind."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from ruankao_desktop.core.domain.reissue import Document, ReissueKind, offered_documents
from ruankao_desktop.ui.context import DeskContext


class DocumentsChecklist(QWidget):
    def __init__(self, desk: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._kind: ReissueKind | None = None
        self.boxes: dict[Document, QCheckBox] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel()
        self.hint.setObjectName("hintText")
        self._layout.addWidget(self.hint)
        desk.i18n.language_changed.connect(lambda _lang: self._name_boxes())
        self.retranslate_ui()

    def checked(self) -> frozenset[Document]:
        return frozenset(document for document, box in self.boxes.items() if box.isChecked())

    def show_for(self, kind: ReissueKind | None, checked: frozenset[Document] | None = None) -> None:
        """The boxes of `kind`, ticked where `checked` says (by default: as they are ticked now)."""
        ticked = self.checked() if checked is None else checked
        for box in self.boxes.values():
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        self._kind = kind
        self.hint.setVisible(kind is None)
        if kind is None:
            return
        for document in offered_documents(kind):
            box = QCheckBox()
            box.setObjectName(f"document_{document.value}")
            box.setChecked(document in ticked)
            self._layout.addWidget(box)
            self.boxes[document] = box
        self._name_boxes()

    def _name_boxes(self) -> None:
        lang = self._desk.i18n.lang
        for document, box in self.boxes.items():
            box.setText(document.text(lang))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.hint.setText(self.tr("选择申请类型后显示需要的材料"))
