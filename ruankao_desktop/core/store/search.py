"""Certificate look-ups as prepared SQL: built once by peewee per engine, then executed with parameters.

An exact lookup is a handful of index seeks; building the query and its model objects on every call would
cost ten times more than the seeks (the lookup benchmark), so rows come back as `SummaryRow` tuples in
the order of `SUMMARY_COLUMNS` and only the query text is cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from peewee import SQL, ColumnBase, Database, Expression, Field, ModelSelect

from ruankao_desktop.core.store.models import Certificate, ExamSession, Holder, HolderIdentity, Qualification

Successor = Certificate.alias("successor")
# The certificate that replaced a row's (at most one: `supersedes` is unique), read by one probe of its
# index per row. (As a LEFT JOIN, PostgreSQL merged the page's rows with that whole index, in order.)
SUCCESSOR_NO = (
    Successor.select(Successor.cert_no).where(Successor.supersedes == Certificate.id).alias("successor_no")
)

SUMMARY_COLUMNS: tuple[ColumnBase | ModelSelect[Certificate], ...] = (
    Certificate.id,
    Certificate.cert_no,
    Certificate.management_no,
    Holder.name,
    Holder.id_number,
    Qualification.name,
    Qualification.level,
    Qualification.validity_years,
    ExamSession.name,
    ExamSession.pickup_deadline,
    Certificate.approved_on,
    Certificate.issuer,
    Certificate.arrived_on,
    Certificate.handover,
    Certificate.reissue_pending,
    Certificate.revoked_at,
    Certificate.revocation_reason,
    SUCCESSOR_NO,
)


class SummaryRow(NamedTuple):
    """One row of `SUMMARY_COLUMNS`, by name (the same order)."""

    certificate_id: int
    cert_no: str
    management_no: str
    name: str
    id_number: str
    qualification: str
    level: str
    validity_years: int | None
    session: str
    pickup_deadline: date | str | None
    approved_on: date | str | None
    issuer: str
    arrived_on: date | str | None
    handover: str | None
    reissue_pending: bool | int
    revoked_at: datetime | str | None
    revocation_reason: str | None
    successor: str | None


class MatchField(StrEnum):
    """What a look-up compares the query with."""

    ID_NUMBER = "id_number"
    CERT_NO = "cert_no"
    MANAGEMENT_NO = "management_no"
    NAME = "name"
    PINYIN = "pinyin"


# Stand for the parameters while the SQL is compiled; replaced by the real values on each call.
_VALUE_SLOT = "\x00value\x00"
_LIMIT_SLOT = 1_000_000_007


Known = Holder.alias("known")


def now_or_formerly(column: Field, kind: str, slot: str) -> Expression:
    """Holders whose `column` is the value now, or whose former `kind` it was: one list of ids from two
    index look-ups. (Written as `column = value OR id IN (former)`, PostgreSQL cannot use the column's
    index for the first half and scans every holder.)"""
    now = Known.select(Known.id).where(getattr(Known, column.name) == slot)
    formerly = HolderIdentity.select(HolderIdentity.holder).where(
        (HolderIdentity.value == slot) & (HolderIdentity.kind == kind)
    )
    return Holder.id.in_(now.union_all(formerly))


def _conditions(match: MatchField, slot: str) -> Expression:
    if match is MatchField.ID_NUMBER:
        return now_or_formerly(Holder.id_number, "id_number", slot)
    if match is MatchField.CERT_NO:
        return Certificate.cert_no == slot
    if match is MatchField.MANAGEMENT_NO:
        return Certificate.management_no == slot
    if match is MatchField.NAME:
        return now_or_formerly(Holder.name, "name", slot)
    return (Holder.name_pinyin == slot) | (Holder.name_initials == slot)


def summary_select(*columns: ColumnBase) -> ModelSelect[Certificate]:
    """Certificates with holder, qualification and session, newest session first; by default the columns
    of `SUMMARY_COLUMNS` (the successor's number among them)."""
    return (
        Certificate.select(*(columns or SUMMARY_COLUMNS))
        .join(Holder, on=Certificate.holder == Holder.id)
        .switch(Certificate)
        .join(Qualification, on=Certificate.qualification == Qualification.id)
        .switch(Certificate)
        .join(ExamSession, on=Certificate.session == ExamSession.id)
        .order_by(ExamSession.exam_date.desc(), Certificate.id)
    )


_compiled: dict[tuple[type[Database], MatchField, bool], tuple[str, list[Any]]] = {}


def compiled(database: Database, match: MatchField, *, limited: bool) -> tuple[str, list[Any]]:
    """The SQL text for `match` on this engine, and its parameter list with the slots in it."""
    key = (type(database), match, limited)
    if key not in _compiled:
        query = summary_select().where(_conditions(match, _VALUE_SLOT))
        if limited:
            query = query.limit(_LIMIT_SLOT)
        sql, params = database.get_sql_context().sql(query).query()
        _compiled[key] = (sql, params)
    return _compiled[key]


def find(database: Database, match: MatchField, value: str, *, limit: int | None = None) -> list[SummaryRow]:
    """The rows where `match` equals `value`, newest session first."""
    rows = database.execute_sql(*statement(database, match, value, limit=limit)).fetchall()
    return [SummaryRow._make(row) for row in rows]


def statement(
    database: Database, match: MatchField, value: str, *, limit: int | None = None
) -> tuple[str, list[Any]]:
    """The SQL text and parameters `find` runs (benchmarks run the same text on bare sqlite3)."""
    sql, template = compiled(database, match, limited=limit is not None)
    return sql, [value if p == _VALUE_SLOT else (limit if p == _LIMIT_SLOT else p) for p in template]


_IDS_SLOT = "(\x00ids\x00)"
_rows_sql: dict[type[Database], str] = {}


def rows_for_ids(database: Database, ids: Sequence[int]) -> list[SummaryRow]:
    """The rows of a page of certificate ids, in the order of `ids` (the query text compiled once)."""
    if not ids:
        return []
    key = type(database)
    if key not in _rows_sql:
        query = summary_select().where(Certificate.id.in_(SQL(_IDS_SLOT)))
        _rows_sql[key] = database.get_sql_context().sql(query).query()[0]
    marks = "(" + ", ".join([database.param] * len(ids)) + ")"
    rows = database.execute_sql(_rows_sql[key].replace(_IDS_SLOT, marks), list(ids)).fetchall()
    found = {row[0]: SummaryRow._make(row) for row in rows}
    return [found[i] for i in ids if i in found]


def as_date(value: date | str | None) -> date | None:
    """SQLite hands dates back as ISO text, PostgreSQL as dates."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def as_datetime(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
