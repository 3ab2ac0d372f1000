"""What validating a list looks up in the database: the qualification catalogue and the sessions.

Both are small tables read once per import. A session the list names and the database lacks is created
by an import (inside its transaction) and only stood in for by a preview, which writes nothing.
"""

from __future__ import annotations

from datetime import date

from ruankao_desktop.core.domain.sessions import SessionRef
from ruankao_desktop.core.importing.qualifications import QualificationCatalogue, QualificationEntry
from ruankao_desktop.core.importing.report import NewSession
from ruankao_desktop.core.store.models import ExamSession, Qualification, QualificationAlias


def load_catalogue() -> QualificationCatalogue:
    """The catalogue with every qualification (current and historical) and its aliases."""
    aliases: dict[int, list[str]] = {}
    query = QualificationAlias.select(QualificationAlias.name, QualificationAlias.qualification)
    for name, qualification_id in query.tuples().iterator():
        aliases.setdefault(int(qualification_id), []).append(str(name))
    return QualificationCatalogue(
        QualificationEntry(q.id, q.name, q.level, q.first_year, q.last_year, tuple(aliases.get(q.id, ())))
        for q in Qualification.select()
    )


class SessionBook:
    """Sessions by code. A session the database lacks is created on first sight when `create` is set
    (an import, inside its transaction), or given a negative stand-in id (a preview writes nothing)."""

    def __init__(self, *, create: bool) -> None:
        self._create = create
        self._known: dict[str, tuple[int, str]] = {}
        self.new: list[tuple[NewSession, int]] = []  # with the session's id (negative in a preview)
        self.named: set[int] = set()  # the ids of every session a row named
        for session in ExamSession.select(
            ExamSession.id, ExamSession.code, ExamSession.name, ExamSession.exam_date
        ):
            entry = (session.id, iso_day(session.exam_date))
            self._known[session.code] = entry
            self._known.setdefault(session.name, entry)

    def lookup(self, reference: SessionRef) -> tuple[int, str]:
        known = self._known.get(reference.code) or self._known.get(reference.name)
        if known is not None:
            self.named.add(known[0])
            return known
        if self._create:
            session = ExamSession.create(
                code=reference.code, name=reference.name, exam_date=reference.exam_date, notes=""
            )
            entry = (int(session.id), reference.exam_date.isoformat())
        else:
            entry = (-1 - len(self.new), reference.exam_date.isoformat())
        self.new.append(
            (NewSession(reference.code, reference.name, reference.exam_date, reference.exact), entry[0])
        )
        self._known[reference.code] = entry
        self.named.add(entry[0])
        return entry


def iso_day(value: date | str) -> str:
    """A date as SQLite and PostgreSQL hand it back, as ISO text."""
    return value.isoformat() if isinstance(value, date) else str(value)[:10]
