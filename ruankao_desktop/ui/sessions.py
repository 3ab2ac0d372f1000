"""The exam sessions as a combo box offers them, newest first, loaded on a worker thread."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from ruankao_desktop.core.services.sessions import Choice, session_choices
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.workers import Failure


def load_sessions(desk: DeskContext, combo: QComboBox, *, on_failure: Failure) -> None:
    """Fill `combo` with the sessions (their ids as item data) once they are loaded."""

    def fill(choices: list[Choice]) -> None:
        combo.clear()
        for session_id, name in choices:
            combo.addItem(name, session_id)

    desk.runner.run(session_choices, on_success=fill, on_failure=on_failure)
