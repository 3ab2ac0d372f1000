"""The SQL of the forgiving search (docs/architecture.md "Search"): each word of a query becomes the ways
it may match (`Part`s), each with a code that ranks it; the most selective word lists the hits and every
other word, and every filter, is tested on each of them through an index.

All of it is plain SQL with bound parameters, the same on SQLite and PostgreSQL: key ranges on a B-tree
(no LIKE patterns to escape, no full-text syntax to break), a suffix test only on the few holders whose
last four characters already matched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import IntEnum
from typing import Any

from peewee import SQL, Case, Database, fn

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.store.filters import Condition, state_condition
from ruankao_desktop.core.store.models import Certificate, Qualification
from ruankao_desktop.core.store.search import summary_select

CHUNK = 5_000  # ids per statement, well under either engine's limit of parameters


class Code(IntEnum):
    """How a hit matched; the tens are its rank (lower first), ties going to the newest session."""

    CERT_NO = 10
    MANAGEMENT_NO = 11
    ID_NUMBER = 12
    FORMER_ID_NUMBER = 13
    NAME = 20
    NAME_PREFIX = 30
    PINYIN = 31
    CERT_NO_PREFIX = 32
    MANAGEMENT_NO_PREFIX = 33
    PINYIN_PREFIX = 40
    INITIALS = 41
    MIXED = 42
    ID_TAIL = 50
    FORMER_ID_TAIL = 51

    @property
    def rank(self) -> int:
        return self.value // 10


@dataclass(frozen=True)
class Part:
    """One way a word may match: rows (certificate, session date, code) as a source, or a test of one
    certificate (`certificate` standing for its id) as a probe."""

    code: Code
    source: str
    probe: str
    params: tuple[Any, ...]
    certificate: str = "c.id"  # the source's certificate id, to restrict it to some certificates

    def restricted(self, marks: str, ids: tuple[int, ...]) -> Part:
        """The part as a source of these certificates only."""
        return replace(
            self, source=f"{self.source} AND {self.certificate} IN ({marks})", params=(*self.params, *ids)
        )

    def in_sessions(self, sessions: tuple[int, ...], days: tuple[Any, ...], param: str) -> Part:
        """The part as a source of these sessions' certificates only, tested where the rows are read: a
        key's row carries its session's date, so the certificates of other sessions are never probed
        one by one. (The session filter itself still holds on every hit.)"""
        if self.certificate == "certificate_id":
            marks = ", ".join([param] * len(days))
            return replace(
                self, source=f"{self.source} AND session_day IN ({marks})", params=(*self.params, *days)
            )
        marks = ", ".join([param] * len(sessions))
        return replace(
            self, source=f"{self.source} AND c.session_id IN ({marks})", params=(*self.params, *sessions)
        )


def key_part(database: Database, code: Code, key: str, *, prefix: bool) -> Part:
    """Keys equal to `key`, or (prefix) starting with it: the range [key, key with its last character
    one higher)."""
    p = database.param
    test, params = (f"key >= {p} AND key < {p}", (key, after(key))) if prefix else (f"key = {p}", (key,))
    return Part(
        code,
        f"SELECT certificate_id, session_day, {int(code)} AS code FROM search_key WHERE {test}",
        f"EXISTS (SELECT 1 FROM search_key k WHERE k.certificate_id = {{certificate}} AND k.{test})",
        params,
        certificate="certificate_id",
    )


def tail_part(database: Database, tail: str, *, former: bool) -> Part:
    """ID numbers (or former ones) ending with `tail` (4–6 characters): an index on the last four, then
    the rest compared on those few rows."""
    p = database.param
    params = (tail[-4:], "%" + tail)
    if former:
        tables = "holder_identity i JOIN certificate c ON c.holder_id = i.holder_id"
        test = f"i.kind = 'id_number' AND i.id_tail = {p} AND i.value LIKE {p}"
        return _joined_part(Code.FORMER_ID_TAIL, tables, test, params)
    tables = "holder i JOIN certificate c ON c.holder_id = i.id"
    return _joined_part(Code.ID_TAIL, tables, f"i.id_tail = {p} AND i.id_number LIKE {p}", params)


def identifier_part(database: Database, code: Code, value: str) -> Part:
    """A certificate by its 证书编号 or 管理号 (whole, or starting with `value`), or its holder by an ID
    number or a former one."""
    p = database.param
    if code in _NUMBER_COLUMNS:
        column = _NUMBER_COLUMNS[code]
        if code in (Code.CERT_NO_PREFIX, Code.MANAGEMENT_NO_PREFIX):
            test = f"{column} >= {p} AND {column} < {p}"
            return _joined_part(code, "certificate c", test, (value, after(value)))
        return _joined_part(code, "certificate c", f"{column} = {p}", (value,))
    if code is Code.ID_NUMBER:
        return _joined_part(
            code, "certificate c JOIN holder i ON i.id = c.holder_id", f"i.id_number = {p}", (value,)
        )
    tables = "certificate c JOIN holder_identity i ON i.holder_id = c.holder_id"
    return _joined_part(code, tables, f"i.kind = 'id_number' AND i.value = {p}", (value,))


_NUMBER_COLUMNS = {
    Code.CERT_NO: "c.cert_no",
    Code.CERT_NO_PREFIX: "c.cert_no",
    Code.MANAGEMENT_NO: "c.management_no",
    Code.MANAGEMENT_NO_PREFIX: "c.management_no",
}


def _joined_part(code: Code, tables: str, test: str, params: tuple[Any, ...]) -> Part:
    """A part over `tables` (a certificate `c` among them) where `test` holds."""
    return Part(
        code,
        f"SELECT c.id AS certificate_id, s.exam_date AS session_day, {int(code)} AS code FROM {tables} "
        "JOIN exam_session s ON s.id = c.session_id "
        f"WHERE {test}",
        f"EXISTS (SELECT 1 FROM {tables} WHERE {test} AND c.id = {{certificate}})",
        params,
    )


def ids_part(database: Database, code: Code, ids: list[int]) -> Part:
    """These certificates, matched with `code` (a set already worked out, as a source of hits)."""
    marks = ", ".join([database.param] * len(ids))
    return _joined_part(code, "certificate c", f"c.id IN ({marks})", tuple(ids))


def names_of(database: Database, ids: list[int]) -> dict[int, list[str]]:
    """The names, current then former, of these certificates' holders."""
    names: dict[int, list[str]] = {certificate_id: [] for certificate_id in ids}
    sources = (
        "SELECT c.id, h.name FROM certificate c JOIN holder h ON h.id = c.holder_id",
        "SELECT c.id, i.value FROM certificate c "
        "JOIN holder_identity i ON i.holder_id = c.holder_id AND i.kind = 'name'",
    )
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join([database.param] * len(chunk))
        for source in sources:
            for certificate_id, name in database.execute_sql(f"{source} WHERE c.id IN ({marks})", chunk):
                names[certificate_id].append(name)
    return names


def after(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (its last character one
    higher; code point order is the byte order of UTF-8, SQLite's and PostgreSQL's "C" order)."""
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:
        last = 0xE000
    return prefix[:-1] + chr(last)


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words: a session, a qualification (with its successors), a
    level, a state."""

    session_ids: tuple[int, ...] = ()
    qualification_ids: tuple[int, ...] = ()
    levels: tuple[str, ...] = ()
    state: CertificateState | None = None

    def is_empty(self) -> bool:
        return not (self.session_ids or self.qualification_ids or self.levels or self.state)


@dataclass(frozen=True)
class Query:
    """A search ready to run: the driver's parts list the hits, every other word's parts test them."""

    driver: tuple[Part, ...]
    others: tuple[tuple[Part, ...], ...]
    filters: Filters
    today: date
    cutoffs: Mapping[int, date]


@dataclass(frozen=True)
class PageRow:
    certificate_id: int
    code: Code


class Finder:
    """Runs a `Query`: its first page, its exact total, all its ids, its counts per state."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def page(self, query: Query, size: int) -> list[PageRow]:
        """The best `size` hits, ranked; a certificate matched several ways appears once, by its best."""
        fetch = size * 4
        while True:
            sql, params = self._hits(query)
            rows = self._db.execute_sql(
                f"SELECT h.certificate_id, h.code FROM ({sql}) h WHERE {self._where(query, params)} "
                f"ORDER BY h.code / 10, h.session_day DESC, h.certificate_id LIMIT {fetch}",
                params,
            ).fetchall()
            seen: dict[int, Code] = {}
            for certificate_id, code in rows:
                seen.setdefault(certificate_id, Code(code))
            if len(seen) >= size or len(rows) < fetch:
                return [PageRow(i, code) for i, code in list(seen.items())[:size]]
            fetch *= 4

    def total(self, query: Query) -> int:
        sql, params = self._hits(query)
        row = self._db.execute_sql(
            f"SELECT COUNT(DISTINCT h.certificate_id) FROM ({sql}) h WHERE {self._where(query, params)}",
            params,
        ).fetchone()
        return int(row[0])

    def ids(self, query: Query, limit: int) -> list[int]:
        """Every hit's id in rank order, at most `limit` (what a results table scrolls through)."""
        sql, params = self._hits(query)
        rows = self._db.execute_sql(
            f"SELECT h.certificate_id FROM ({sql}) h WHERE {self._where(query, params)} "
            "GROUP BY h.certificate_id "
            f"ORDER BY MIN(h.code) / 10, MAX(h.session_day) DESC, h.certificate_id LIMIT {int(limit)}",
            params,
        ).fetchall()
        return [row[0] for row in rows]

    def counts_by_state(self, query: Query) -> dict[CertificateState, int]:
        """How many hits are in each state (the state worked out in SQL, as the state filter does)."""
        sql, params = self._hits(query)
        hits = f"SELECT h.certificate_id FROM ({sql}) h WHERE {self._where(query, params)}"
        state = Case(
            None,
            [
                (state_condition(s, today=query.today, cutoffs=query.cutoffs), s.value)
                for s in CertificateState
            ],
        )
        select = (
            summary_select(state.alias("state"), fn.COUNT(Certificate.id))
            .where(Certificate.id.in_(SQL(f"({hits})", params)))
            .group_by(SQL("1"))
            .order_by()
        )
        return {
            CertificateState(value): count for value, count in self._db.execute(select).fetchall() if value
        }

    def codes(self, query: Query, ids: list[int]) -> dict[int, Code]:
        """How each of these certificates matched `query` (its best way); one not matching is left out."""
        if not ids:
            return {}
        marks = ", ".join([self._db.param] * len(ids))
        restricted = replace(query, driver=tuple(part.restricted(marks, tuple(ids)) for part in query.driver))
        sql, params = self._hits(restricted)
        rows = self._db.execute_sql(
            f"SELECT h.certificate_id, MIN(h.code) FROM ({sql}) h WHERE {self._where(restricted, params)} "
            "GROUP BY h.certificate_id",
            params,
        ).fetchall()
        return {certificate_id: Code(code) for certificate_id, code in rows}

    def passing(
        self, ids: list[int], filters: Filters, *, today: date, cutoffs: Mapping[int, date]
    ) -> set[int]:
        """Which of these certificates pass `filters` (an identifier found them; the filters still hold)."""
        marks = ", ".join([self._db.param] * len(ids))
        part = Part(
            Code.CERT_NO,
            "SELECT c.id AS certificate_id, s.exam_date AS session_day, 10 AS code FROM certificate c "
            f"JOIN exam_session s ON s.id = c.session_id WHERE c.id IN ({marks})",
            "",
            tuple(ids),
        )
        return set(self.ids(Query((part,), (), filters, today, cutoffs), len(ids)))

    def _hits(self, query: Query) -> tuple[str, list[Any]]:
        params: list[Any] = []
        sources = []
        driver = query.driver
        sessions = query.filters.session_ids
        if sessions:
            marks = ", ".join([self._db.param] * len(sessions))
            found = self._db.execute_sql(
                f"SELECT exam_date FROM exam_session WHERE id IN ({marks})", sessions
            )
            days = tuple(row[0] for row in found.fetchall())
            if days:
                driver = tuple(part.in_sessions(sessions, days, self._db.param) for part in driver)
        for part in driver:
            sources.append(part.source)
            params.extend(part.params)
        return " UNION ALL ".join(sources), params

    def _where(self, query: Query, params: list[Any]) -> str:
        """The tests of the other words and of the filters on each hit `h`; adds their parameters."""
        tests = ["1 = 1"]
        for word in query.others:
            tests.append(
                "(" + " OR ".join(part.probe.format(certificate="h.certificate_id") for part in word) + ")"
            )
            for part in word:
                params.extend(part.params)
        if not query.filters.is_empty():
            sql, filter_params = self._db.get_sql_context().sql(self._filter_select(query)).query()
            tests.append(f"EXISTS ({sql})")
            params.extend(filter_params)
        return " AND ".join(tests)

    def _filter_select(self, query: Query) -> Any:
        filters = query.filters
        conditions: list[Condition] = [Certificate.id == SQL("h.certificate_id")]
        if filters.session_ids:
            conditions.append(Certificate.session.in_(filters.session_ids))
        if filters.qualification_ids:
            conditions.append(
                Qualification.id.in_(filters.qualification_ids)
                | Qualification.successor.in_(filters.qualification_ids)
            )
        if filters.levels:
            conditions.append(Qualification.level.in_(filters.levels))
        if filters.state is not None:
            conditions.append(state_condition(filters.state, today=query.today, cutoffs=query.cutoffs))
        condition = conditions[0]
        for more in conditions[1:]:
            condition = condition & more
        return summary_select(SQL("1")).where(condition).order_by()
