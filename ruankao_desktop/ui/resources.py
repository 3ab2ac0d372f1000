"""Look and feel: the stylesheet, the icon set (qtawesome's Material Design Icons), the application icon
and the colours of the state badges (each state also has its words: colour is never the only signal)."""

from __future__ import annotations

from functools import cache

import qtawesome
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QLabel

from ruankao_desktop.core.config import resources_dir
from ruankao_desktop.core.domain.status import CertificateState

ICON_COLOUR = "#2f4f6f"
OK_COLOUR = "#1d6b3a"
PROBLEM_COLOUR = "#a11d1a"
ICONS = {
    "search": "mdi6.magnify",
    "advanced": "mdi6.tune-variant",
    "clear": "mdi6.close-circle-outline",
    "print": "mdi6.printer-outline",
    "handover": "mdi6.account-check-outline",
    "reissue": "mdi6.file-document-edit-outline",
    "refresh": "mdi6.refresh",
    "language": "mdi6.translate",
    "reveal": "mdi6.eye-outline",
    "photo": "mdi6.image-outline",
    "save": "mdi6.content-save-outline",
    "submit": "mdi6.send-outline",
    "close": "mdi6.close",
    "quit": "mdi6.exit-to-app",
    "about": "mdi6.information-outline",
    "verify": "mdi6.qrcode-scan",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "batch": "mdi6.printer-pos-outline",
}

# (background, text) tints: calm, with dark text; colour-blind staff read the words beside them.
NEUTRAL = ("#eceff3", "#44505c")
GOOD = ("#ddf3e4", "#1d6b3a")
CAUTION = ("#fff1d6", "#8a5300")
BAD = ("#fde2e1", "#a11d1a")
STATE_COLOURS: dict[CertificateState, tuple[str, str]] = {
    CertificateState.NOT_ARRIVED: NEUTRAL,
    CertificateState.AWAITING_PICKUP: ("#dcefff", "#0b4f8a"),
    CertificateState.COLLECTED: GOOD,
    CertificateState.COLLECTED_BY_PROXY: GOOD,
    CertificateState.MAILED: ("#e3f1ef", "#1f5f57"),
    CertificateState.OVERDUE: CAUTION,
    CertificateState.REISSUE_IN_PROGRESS: ("#efe6ff", "#5b3a99"),
    CertificateState.SUPERSEDED: ("#eeeeee", "#555555"),
    CertificateState.REVOKED: BAD,
    CertificateState.EXPIRED: ("#fde9dc", "#9a3d07"),
}


def icon(name: str) -> QIcon:
    made: QIcon = qtawesome.icon(ICONS[name], color=ICON_COLOUR)
    return made


@cache
def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "app.svg"))


def show_outcome(label: QLabel, text: str, *, ok: bool) -> None:
    """An outcome line under a form or dialog: green when it worked, red when it did not."""
    label.setStyleSheet(f"color:{OK_COLOUR if ok else PROBLEM_COLOUR};font-weight:600;")
    label.setText(text)
    label.show()


def state_colours(state: CertificateState) -> tuple[QColor, QColor]:
    background, text = STATE_COLOURS[state]
    return QColor(background), QColor(text)


def stylesheet() -> str:
    return (resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8")
