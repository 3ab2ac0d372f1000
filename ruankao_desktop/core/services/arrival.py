"""Certificates arriving at the centre (docs/domain.md "Handing certificates over"): a session's
certificates marked as arrived on a day — every one not yet arrived, or those an arrival list names — and
a session's pickup deadline changed with a reason.

Marking is one transaction, set-based (a session has tens of thousands of certificates): the
certificates to mark go into a temporary table, then each certificate gets its day and its next version
(so that a desk holding it as 未到达 is refused and shown it afresh), an `arrival` row in `distribution`,
the session its first arrival day, and the trail one event naming the session and the counts. A list
naming a number this database does not hold, or a certificate of another session, is refused with the
numbers (the first few), and nothing is written. Certificates that had arrived already are left as they
were and counted: marking twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import Database

from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.records import stated_reason
from ruankao_desktop.core.services.sessions import session_record
from ruankao_desktop.core.store.database import bulk_insert, write_transaction
from ruankao_desktop.core.store.models import ExamSession
from ruankao_desktop.core.store.search import as_date

SHOWN_NUMBERS = 5  # numbers a refusal names; it counts the rest


@dataclass(frozen=True)
class ArrivalReport:
    session: str  # its name, 2026年上半年
    day: date
    arrived: int  # marked now
    already: int  # had arrived before: left as they were
    changed: Changed


class ArrivalService:
    def __init__(self, *, today: Callable[[], date] = date.today) -> None:
        self._today = today

    def mark_arrived(
        self,
        session: int | str,
        day: date,
        actor: audit.Actor,
        *,
        cert_nos: Sequence[str] | None = None,
        list_file: Path | None = None,
    ) -> ArrivalReport:
        """Mark the session's certificates (those of `cert_nos`, or of the arrival list in `list_file`,
        when given) as arrived on `day`.

        Refused (`InvalidInput`, nothing written) for an unknown session, a day after today or before
        the exam, an empty list, and numbers that are not this session's certificates; a list file that
        cannot be read is refused with the import's messages (`KnownError`)."""
        found = self._session(session)
        self._check_day(found, day)
        if list_file is not None:
            from ruankao_desktop.core.importing.number_list import read_numbers  # openpyxl when needed

            cert_nos = read_numbers(list_file)
        listed = None if cert_nos is None else _numbers(cert_nos)
        with write_transaction() as database:
            p = database.param
            database.execute_sql("CREATE TEMP TABLE arrival_target (certificate_id INTEGER PRIMARY KEY)")
            if listed is None:
                database.execute_sql(
                    "INSERT INTO arrival_target SELECT id FROM certificate "
                    f"WHERE session_id = {p} AND arrived_on IS NULL",
                    (found.id,),
                )
                already = _count(
                    database,
                    f"SELECT COUNT(*) FROM certificate WHERE session_id = {p} AND arrived_on IS NOT NULL",
                    (found.id,),
                )
            else:
                already = _target_listed(database, found, listed)
            arrived = _count(database, "SELECT COUNT(*) FROM arrival_target", ())
            now = datetime.now()
            database.execute_sql(
                f"UPDATE certificate SET arrived_on = {p}, version = version + 1, updated_at = {p} "
                "WHERE id IN (SELECT certificate_id FROM arrival_target)",
                (day.isoformat(), now),
            )
            database.execute_sql(
                "INSERT INTO distribution (certificate_id, event, operator, terminal, at) "
                f"SELECT certificate_id, 'arrival', {p}, {p}, {p} FROM arrival_target",
                (actor.user, actor.terminal, now),
            )
            if arrived:
                ExamSession.update(actual_arrival=day).where(
                    (ExamSession.id == found.id)
                    & (ExamSession.actual_arrival.is_null() | (ExamSession.actual_arrival > day))
                ).execute()
            database.execute_sql("DROP TABLE arrival_target")
            if listed is not None:
                database.execute_sql("DROP TABLE arrival_number")
            details = {"day": day.isoformat(), "arrived": arrived, "already": already}
            if listed is not None:
                details["listed"] = len(listed)
            audit.record(actor, "arrival", f"session:{found.code}", details)
        changed = Changed.of(ChangeKind.ARRIVAL, actor, sessions=[found.id], everything=bool(arrived))
        return ArrivalReport(found.name, day, arrived, already, changed)

    def set_pickup_deadline(
        self, session: int | str, deadline: date, reason: str, actor: audit.Actor
    ) -> Changed:
        """The session's pickup deadline, changed with a reason (both in the trail with the old one)."""
        found = self._session(session)
        reason = stated_reason(reason, needed="arrival.deadline_reason", minimum=1)
        exam_date = as_date(found.exam_date)
        if exam_date is not None and deadline < exam_date:
            raise InvalidInput("arrival.deadline_before_exam", deadline=deadline, exam_date=exam_date)
        old = as_date(found.pickup_deadline)
        with write_transaction():
            ExamSession.update(pickup_deadline=deadline).where(ExamSession.id == found.id).execute()
            audit.record(
                actor,
                "session.deadline",
                f"session:{found.code}",
                {"from": old.isoformat() if old else None, "to": deadline.isoformat(), "reason": reason},
            )
        return Changed.of(ChangeKind.SESSION, actor, sessions=[found.id], everything=True)

    def _session(self, session: int | str) -> ExamSession:
        found = session_record(session)
        if found is None:
            raise InvalidInput("arrival.no_session", session=session)
        return found

    def _check_day(self, session: ExamSession, day: date) -> None:
        if day > self._today():
            raise InvalidInput("arrival.future", day=day)
        exam_date = as_date(session.exam_date)
        if exam_date is not None and day < exam_date:
            raise InvalidInput("arrival.before_exam", day=day, exam_date=exam_date)


def _numbers(cert_nos: Sequence[str]) -> list[str]:
    """The listed numbers as stored (trimmed, upper case), each once, in the list's order."""
    numbers = list(dict.fromkeys(n.strip().upper() for n in cert_nos if n.strip()))
    if not numbers:
        raise InvalidInput("arrival.empty_list")
    return numbers


def _target_listed(database: Database, session: ExamSession, listed: list[str]) -> int:
    """Put the listed certificates that have not arrived into `arrival_target`, after refusing numbers
    that are not the session's; how many had arrived already."""
    p = database.param
    database.execute_sql("CREATE TEMP TABLE arrival_number (cert_no VARCHAR(255) PRIMARY KEY)")
    bulk_insert(database, "arrival_number", ["cert_no"], ([n] for n in listed))
    unknown = _column(
        database,
        "SELECT n.cert_no FROM arrival_number n LEFT JOIN certificate c ON c.cert_no = n.cert_no "
        "WHERE c.id IS NULL ORDER BY n.cert_no",
        (),
    )
    if unknown:
        raise InvalidInput("arrival.unknown_numbers", **_named(unknown))
    other = _column(
        database,
        "SELECT c.cert_no FROM arrival_number n JOIN certificate c ON c.cert_no = n.cert_no "
        f"WHERE c.session_id <> {p} ORDER BY c.cert_no",
        (session.id,),
    )
    if other:
        raise InvalidInput("arrival.other_session", session=session.name, **_named(other))
    database.execute_sql(
        "INSERT INTO arrival_target SELECT c.id FROM arrival_number n JOIN certificate c "
        "ON c.cert_no = n.cert_no WHERE c.arrived_on IS NULL",
    )
    return len(listed) - _count(database, "SELECT COUNT(*) FROM arrival_target", ())


def _named(numbers: list[str]) -> dict[str, object]:
    return {"numbers": "、".join(numbers[:SHOWN_NUMBERS]), "count": len(numbers)}


def _count(database: Database, sql: str, params: Sequence[object]) -> int:
    return int(database.execute_sql(sql, params).fetchone()[0])


def _column(database: Database, sql: str, params: Sequence[object]) -> list[str]:
    return [str(row[0]) for row in database.execute_sql(sql, params).fetchall()]
