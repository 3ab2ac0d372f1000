"""The ways a word of a query may match (docs/architecture.md "Search"): each a `Part` with the `Code`
that ranks it, as a source of rows (certificate, session date, code, sort key) and as a probe of one
certificate. All of it plain SQL with bound parameters, the same on SQLite and PostgreSQL: key ranges on
a B-tree (no full-text syntax to break), a `LIKE` test only within a range (a mixed word's characters at
their places, escaped) and on the few holders whose last four characters already matched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from peewee import Database, SqliteDatabase


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
    CHARACTERS = 43
    ID_TAIL = 50
    FORMER_ID_TAIL = 51

    @property
    def rank(self) -> int:
        return self.value // 10


@dataclass(frozen=True)
class Part:
    """One way a word may match: rows (certificate, session date, code, sort key) as a source, or a test
    of one certificate (`certificate` standing for its id) as a probe.

    A keyed part reads the names' keys (`search_key`) and each name's certificates of a session
    (`search_certificate`): it is read for some dates only (`on_days`), and a page of it session by
    session. Any other part is read whole, in `order`."""

    code: Code
    source: str
    probe: str
    params: tuple[Any, ...]
    certificate: str = "c.id"  # the source's certificate id, to restrict it to some certificates
    order: str = "session_day DESC, certificate_id"
    of_ids: bool = False  # restricted to some certificates: read by their ids, whatever the session
    by_certificate: str | None = None  # the source read from its certificates, to restrict it to a few
    names: str | None = None  # a part of names' keys: the ids of the names it finds (with `params`)

    @property
    def keyed(self) -> bool:
        return self.certificate == "certificate_id"

    def restricted(self, marks: str, ids: tuple[int, ...]) -> Part:
        """The part as a source of these certificates only."""
        read = replace(self, source=self.by_certificate or self.source, of_ids=True)
        return read._and(f"{self.certificate} IN ({marks})", ids)

    def on_days(self, param: str, days: Sequence[Any]) -> Part:
        """A keyed part as a source of the certificates of sessions on these dates."""
        return self._and(f"session_day IN ({', '.join([param] * len(days))})", tuple(days))

    def in_sessions(self, param: str, sessions: tuple[int, ...]) -> Part:
        """Any other part as a source of these sessions' certificates only."""
        return self._and(f"c.session_id IN ({', '.join([param] * len(sessions))})", sessions)

    def of_qualifications(self, param: str, qualifications: tuple[int, ...]) -> Part:
        """The part as a source of certificates of these qualifications only (a keyed part: its keys')."""
        column = "qualification_id" if self.keyed else "c.qualification_id"
        return self._and(f"{column} IN ({', '.join([param] * len(qualifications))})", qualifications)

    def _and(self, test: str, params: tuple[Any, ...]) -> Part:
        return replace(self, source=f"{self.source} AND {test}", params=(*self.params, *params))


def key_part(database: Database, code: Code, key: str, *, prefix: bool, like: str | None = None) -> Part:
    """The certificates of the names with a key equal to `key`, or (prefix) starting with it: the range
    [key, key with its last character one higher); with `like`, only the keys of the range that fit
    that `LIKE` pattern (escaped with a backslash), tested on the index as it is read."""
    p = database.param
    params: tuple[str, ...]
    if prefix:
        test, params = f"{{k}}.key >= {p} AND {{k}}.key < {p}", (key, after(key))
    else:
        test, params = f"{{k}}.key = {p}", (key,)
    if like is not None:
        test, params = f"{test} AND {{k}}.key LIKE {p} ESCAPE '\\'", (*params, like)
    # SQLite joins in the order written after CROSS JOIN: the names' keys first, then each name's
    # certificates (an index range per name and session); by certificate, the other way round.
    join = "CROSS JOIN" if isinstance(database, SqliteDatabase) else "JOIN"
    columns = f"SELECT c.certificate_id, c.session_day, {int(code)} AS code, k.key AS sort_key"
    on = "ON c.name_id = k.name_id WHERE " + test.format(k="k")
    return Part(
        code,
        f"{columns} FROM search_key k {join} search_certificate c {on}",
        "EXISTS (SELECT 1 FROM search_certificate pc JOIN search_key pk ON pk.name_id = pc.name_id "
        f"WHERE pc.certificate_id = {{certificate}} AND {test.format(k='pk')})",
        params,
        certificate="certificate_id",
        order="sort_key, certificate_id",
        by_certificate=f"{columns} FROM search_certificate c {join} search_key k {on}",
        names=f"SELECT k.name_id FROM search_key k WHERE {test.format(k='k')}",
    )


def names_part(database: Database, code: Code, name_ids: list[int]) -> Part:
    """The certificates of these names (a set already worked out), matched with `code`."""
    marks = ", ".join([database.param] * len(name_ids))
    return Part(
        code,
        f"SELECT c.certificate_id, c.session_day, {int(code)} AS code, '' AS sort_key "
        f"FROM search_certificate c WHERE c.name_id IN ({marks})",
        "EXISTS (SELECT 1 FROM search_certificate pc WHERE pc.certificate_id = {certificate} "
        f"AND pc.name_id IN ({marks}))",
        tuple(name_ids),
        certificate="certificate_id",
        order="sort_key, certificate_id",
        names=f"SELECT n.id FROM search_name n WHERE n.id IN ({marks})",
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
    number or a former one. Numbers found by their start are listed in the numbers' order (read off
    their index: a short start may have hundreds of thousands), all of them as if of one session."""
    p = database.param
    if code in _NUMBER_COLUMNS:
        column = _NUMBER_COLUMNS[code]
        if code in (Code.CERT_NO_PREFIX, Code.MANAGEMENT_NO_PREFIX):
            test = f"{column} >= {p} AND {column} < {p}"
            return Part(
                code,
                f"SELECT c.id AS certificate_id, {_LAST_DAY[_engine(database)]} AS session_day, "
                f"{int(code)} AS code, {column} AS sort_key FROM certificate c WHERE {test}",
                f"EXISTS (SELECT 1 FROM certificate c WHERE {test} AND c.id = {{certificate}})",
                (value, after(value)),
                order="sort_key",
            )
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
# A date after every session's, in each engine's SQL (SQLite keeps dates as text).
_LAST_DAY = {"sqlite": "'9999-12-31'", "postgresql": "DATE '9999-12-31'"}


def _engine(database: Database) -> str:
    return "sqlite" if isinstance(database, SqliteDatabase) else "postgresql"


def _joined_part(code: Code, tables: str, test: str, params: tuple[Any, ...]) -> Part:
    """A part over `tables` (a certificate `c` among them) where `test` holds."""
    return Part(
        code,
        f"SELECT c.id AS certificate_id, s.exam_date AS session_day, {int(code)} AS code, '' AS sort_key "
        f"FROM {tables} JOIN exam_session s ON s.id = c.session_id WHERE {test}",
        f"EXISTS (SELECT 1 FROM {tables} WHERE {test} AND c.id = {{certificate}})",
        params,
    )


def ids_part(database: Database, code: Code, ids: list[int]) -> Part:
    """These certificates, matched with `code` (a set already worked out, as a source of hits)."""
    marks = ", ".join([database.param] * len(ids))
    return _joined_part(code, "certificate c", f"c.id IN ({marks})", tuple(ids))


def after(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (its last character one
    higher; code point order is the byte order of UTF-8, SQLite's and PostgreSQL's "C" order)."""
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:
        last = 0xE000
    return prefix[:-1] + chr(last)
