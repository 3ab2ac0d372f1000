"""The exam sessions and qualifications that forms offer as choices, and a session named by a person."""

from __future__ import annotations

from typing import NamedTuple

from ruankao_desktop.core.store.models import ExamSession, Qualification


class Choice(NamedTuple):
    """One entry of a choice list: the record's id and the words shown for it."""

    id: int
    text: str


def session_choices() -> list[Choice]:
    """Every session, newest first."""
    query = ExamSession.select(ExamSession.id, ExamSession.name).order_by(ExamSession.exam_date.desc())
    return [Choice(row.id, row.name) for row in query]


def qualification_choices() -> list[Choice]:
    """The current qualifications (not the historical names), in the catalogue's order."""
    query = (
        Qualification.select(Qualification.id, Qualification.name)
        .where(Qualification.successor.is_null())
        .order_by(Qualification.sort_order)
    )
    return [Choice(row.id, row.name) for row in query]


def session_record(session: int | str) -> ExamSession | None:
    """A session by id, code (2026H1, in any case) or name (2026年上半年), for the services."""
    if isinstance(session, int):
        condition = ExamSession.id == session
    else:
        key = session.strip()
        condition = (ExamSession.code == key.upper()) | (ExamSession.name == key)
    found: ExamSession | None = ExamSession.get_or_none(condition)
    return found


def find_session(session: int | str) -> Choice | None:
    """The session a person named (as `session_record` finds it), as a choice."""
    found = session_record(session)
    return Choice(found.id, found.name) if found is not None else None
