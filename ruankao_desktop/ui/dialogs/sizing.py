"""Dialogs that fit their text, in either language and at any text size.

Qt lays out a top-level window from its children's size hints, and a word-wrapped label's hint is a guess
at a short, tall block: its height for the width it actually gets (`heightForWidth`) is not honoured, so a
fixed `resize(460, 0)` clips an instruction in English or at 150 % and hides most of a red error that
appears later. `fit_to_text(dialog)` sizes the dialog now and again whenever its layout changes (a new
language, an error shown, a larger font): at least a readable column wide, so that wrapped text is not one
word per line, and as tall as its text needs at that width. It only ever grows a dialog, so a size the
constructor or the operator chose is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QWidget

# The narrowest a dialog gets, in CJK characters of its own font (English fits about twice as many).
TEXT_COLUMN_CHARACTERS = 34
# A dialog never starts wider than this share of the screen.
SCREEN_SHARE = 0.9


def fit_to_text(dialog: QWidget) -> None:
    """Size `dialog` to its text now and whenever its layout changes. Call it once, after the first
    `retranslate_ui()`."""
    _KeepFitted(dialog)
    _fit(dialog)


class _KeepFitted(QObject):
    """Refits its dialog after each layout request, which Qt posts when a child's text, visibility or font
    changes; the dialog's layout has already handled the request when this filter sees it."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first: while the dialog is being destroyed (whenever Python collects it) this
        # filter still sees its child events, and then no longer has its Python attributes.
        if event.type() == QEvent.Type.LayoutRequest and watched is self._dialog:
            _fit(self._dialog)
        return False


def _fit(dialog: QWidget) -> None:
    dialog.ensurePolished()  # the stylesheet's fonts, which the measurements below depend on
    column = dialog.fontMetrics().horizontalAdvance("字") * TEXT_COLUMN_CHARACTERS
    minimum = min(column, int(dialog.screen().availableGeometry().width() * SCREEN_SHARE))
    if dialog.minimumWidth() != minimum:
        dialog.setMinimumWidth(minimum)
    hint = dialog.sizeHint()
    kept = dialog.size() if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized) else QSize(0, 0)
    width = max(kept.width(), minimum, hint.width())
    height = dialog.heightForWidth(width) if dialog.hasHeightForWidth() else hint.height()
    wanted = QSize(width, max(kept.height(), height))
    if wanted != dialog.size():
        dialog.resize(wanted)
