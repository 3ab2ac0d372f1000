"""The exam sessions as a combo box offers them, newest first, loaded on a worker thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox

from ruankao_desktop.core.store.models import ExamSession
from ruankao_desktop.ui.context import DeskContext
from ruankao_desktop.ui.workers import Failure


@dataclass(frozen=True)
class SessionChoices:
    items: list[tuple[int, str]]  # (id, name)


def session_choices() -> SessionChoices:
    """Run on a worker: every session, newest first."""
    return SessionChoices(
        [(s.id, s.name) for s in ExamSession.select().order_by(ExamSession.exam_date.desc())]
    )


def load_sessions(desk: DeskContext, combo: QComboBox, *, on_failure: Failure) -> None:
    """Fill `combo` with the sessions (their ids as item data) once they are loaded."""

    def fill(choices: SessionChoices) -> None:
        combo.clear()
        for session_id, name in choices.items:
            combo.addItem(name, session_id)

    desk.runner.run(session_choices, on_success=fill, on_failure=on_failure)
