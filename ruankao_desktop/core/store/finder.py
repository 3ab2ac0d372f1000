"""Running the forgiving search (docs/architecture.md "Search"): the most selective word's parts
(`search_parts`) list the hits, every other word is tested on each of them through an index, and the
filters where the rows are read. The first page, the exact total, every id in rank order, the counts per
state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby, pairwise
from typing import Any

from peewee import SQL, Case, Database, PostgresqlDatabase, fn

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.store.filters import state_condition
from ruankao_desktop.core.store.models import Certificate, Qualification
from ruankao_desktop.core.store.search import summary_select
from ruankao_desktop.core.store.search_parts import Code, Part, ids_part

# How many sessions' keys a page reads at first, and then: most pages are full after the newest.
DAY_STEPS = (1, 4)
# The rows a page reads of a part read whole (an ID number's end has a few hundred at five million
# certificates): all of them, usually, so that the total is known without counting them again.
WHOLE = 2_000
# The hits of a query whose keyed parts have no session to be read in.
_NOTHING = (
    "SELECT CAST(NULL AS INTEGER) AS certificate_id, CAST(NULL AS DATE) AS session_day, "
    "CAST(NULL AS INTEGER) AS code, '' AS sort_key WHERE 1 = 0"
)


def _steps(days: Sequence[Any]) -> list[Sequence[Any]]:
    """The sessions' dates in the groups a page reads them: the newest, a few more, the rest."""
    bounds = [0, *(n for n in DAY_STEPS if n < len(days)), len(days)]
    return [days[start:end] for start, end in pairwise(bounds) if end > start]


def names_of(database: Database, parts: Sequence[Part], limit: int) -> dict[int, tuple[str, Code]]:
    """The names (by id) whose keys these keyed parts find, each with the best code it is found with,
    at most `limit` in all: no certificate is read."""
    found: dict[int, tuple[str, Code]] = {}
    for part in sorted(parts, key=lambda part: part.code):
        if len(found) >= limit:
            break
        if part.names is None:
            raise ValueError(f"not a part of names' keys: {part.code!r}")
        rows = database.execute_sql(
            f"SELECT n.id, n.name FROM search_name n WHERE n.id IN ({part.names}) "
            f"ORDER BY n.id LIMIT {int(limit)}",
            part.params,
        )
        for name_id, name in rows.fetchall():
            found.setdefault(name_id, (name, part.code))
    return found


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

    def narrows_qualifications(self) -> bool:
        return bool(self.qualification_ids or self.levels)


@dataclass(frozen=True)
class Query:
    """A search ready to run: the driver's parts list the hits, every other word's parts test them."""

    driver: tuple[Part, ...]
    others: tuple[tuple[Part, ...], ...]
    filters: Filters
    today: date
    cutoffs: Mapping[int, date]
    counted: str | None = None  # the `search_count` word whose hits are the driver's, when it has one

    def total_is_counted(self) -> bool:
        """Whether the total is the sum of the driver's counted hits: nothing but sessions narrows it."""
        filters = self.filters
        narrowed = filters.narrows_qualifications() or filters.state is not None
        return self.counted is not None and not self.others and not narrowed


@dataclass(frozen=True)
class PageRow:
    certificate_id: int
    code: Code


@dataclass(frozen=True)
class Page:
    """The first hits, and how many there are in all when reading them met every one."""

    rows: list[PageRow]
    total: int | None


class Finder:
    """Runs a `Query`: its first page, its exact total, all its ids, its counts per state.

    Every hit is ranked by its best part's rank, then newest session first, then its sort key (a key
    in key order, a number in the numbers' order), then its id: the page and `ids` give the same order."""

    def __init__(self, database: Database) -> None:
        self._db = database
        # Ends a part's rows so that the server runs them as written, driving the search from them, and
        # tests every other word on each: PostgreSQL would otherwise merge the part into the tests and
        # often start from a word far less selective (a surname's thousands of names for a surname and
        # an ID number's end). SQLite keeps the order as it is.
        self._driven = " OFFSET 0" if isinstance(database, PostgresqlDatabase) else ""
        self._days: dict[tuple[int, ...], tuple[Any, ...]] = {}
        self._qualifications: dict[Filters, tuple[int, ...]] = {}

    def page(self, query: Query, size: int) -> Page:
        """The best `size` hits, ranked; a certificate matched several ways appears once, by its best.
        Rank by rank, each keyed part is read session by session (an index range each, `size` rows at
        most; the newest session first, then a few more, then the rest, until the page is full), every
        other part whole in its order (one sorted anyway: `WHOLE` rows at most, usually every one), so a
        surname's first page never sorts its hits."""
        seen: dict[int, Code] = {}
        days = self._days_of(query)
        every = True  # no part was cut short: `seen` holds every hit
        ranked = sorted(query.driver, key=lambda part: part.code.rank)
        for _, parts in groupby(ranked, key=lambda part: part.code.rank):
            group = list(parts)
            whole = not all(part.keyed for part in group)  # read at once: its rows are of any session
            # Rows sorted anyway (not read off an index in order) are all read, to know their number.
            sorted_anyway = whole and all(part.order.startswith("session_day") for part in group)
            fetch = max(size, WHOLE) if sorted_anyway else size
            for chunk in [days] if whole else _steps(days):
                seen, cut = self._fill(query, seen, group, chunk, fetch)
                every = every and not cut
                if len(seen) >= size and not (whole and every):
                    break
            if len(seen) >= size and not (whole and every):
                every = False
                break
        ids = list(seen)[:size]
        codes = self.codes(query, ids)  # a hit's best code may be in a row past what was read
        return Page([PageRow(i, codes.get(i, seen[i])) for i in ids], len(seen) if every else None)

    def _fill(
        self, query: Query, seen: dict[int, Code], parts: list[Part], days: Sequence[Any], size: int
    ) -> tuple[dict[int, Code], bool]:
        """`seen` with the hits of these parts (the keyed ones of these days) after it, in order, and
        whether some part had more rows than were read."""
        sources = [self._ready(part, query, (day,)) for part in parts if part.keyed for day in days]
        sources += [self._ready(part, query, ()) for part in parts if not part.keyed]
        fetch = size
        while True:
            rows, full = self._rows(query, sources, fetch)
            found = dict(seen)
            for certificate_id, code in rows:
                found.setdefault(certificate_id, code)
            if len(found) >= size or not full:
                return found, full
            fetch *= 4

    def _rows(self, query: Query, sources: list[Part], fetch: int) -> tuple[list[tuple[int, Code]], bool]:
        """The first `fetch` rows of each source, merged in rank order; and whether any was cut short
        (so that more might be needed)."""
        tests: list[Any] = []
        where = self._where(query, tests)
        branches: list[str] = []
        params: list[Any] = []
        for source in sources:
            order = ", ".join(f"h.{column.strip()}" for column in source.order.split(","))
            branches.append(
                f"SELECT b.*, {len(branches)} AS branch FROM (SELECT h.certificate_id, h.session_day, "
                f"h.code, h.sort_key FROM ({source.source}{self._driven}) h WHERE {where} "
                f"ORDER BY {order} LIMIT {int(fetch)}) b"
            )
            params.extend((*source.params, *tests))
        if not branches:
            return [], False
        rows = self._db.execute_sql(" UNION ALL ".join(branches), params).fetchall()
        per_branch = Counter(row[4] for row in rows)
        merged = sorted(rows, key=lambda row: (row[3], row[0]))
        merged.sort(key=lambda row: row[1], reverse=True)  # stable: newest session first, then the rest
        return [(row[0], Code(row[2])) for row in merged], any(n >= fetch for n in per_branch.values())

    def total(self, query: Query) -> int:
        """The exact number of hits: summed from `search_count` when the query is one counted word
        (with sessions at most), else counted."""
        if query.total_is_counted():
            p = self._db.param
            days = self._days_of(query)
            sql = f"SELECT COALESCE(SUM(n), 0) FROM search_count WHERE word = {p} "
            sql += f"AND session_day IN ({', '.join([p] * len(days))})"
            params = [query.counted, *days]
            return int(self._db.execute_sql(sql, params).fetchone()[0]) if days else 0
        by_names = self._by_names(query)
        if by_names is not None:
            sql, params = by_names
            where = self._where(query, params)
            row = self._db.execute_sql(
                "SELECT COALESCE(SUM(1 - h.several), 0) "
                f"+ COUNT(DISTINCT CASE WHEN h.several = 1 THEN h.certificate_id END) FROM ({sql}) h "
                f"WHERE {where}",
                params,
            ).fetchone()
            return int(row[0])
        sql, params = self._hits(query)
        row = self._db.execute_sql(
            f"SELECT COUNT(DISTINCT h.certificate_id) FROM ({sql}) h WHERE {self._where(query, params)}",
            params,
        ).fetchone()
        return int(row[0])

    def _by_names(self, query: Query) -> tuple[str, list[Any]] | None:
        """When every part of the driver finds names: each certificate of those names once per name
        (the names' set taken once, however many parts or keys find one), with whether it has `several`
        names — only those need sorting out to be counted once. None for any other driver, or a filter
        that leaves no session."""
        found = [part.names for part in query.driver if part.names is not None]
        days = self._days_of(query)
        sessions = query.filters.session_ids
        if len(found) < len(query.driver) or (sessions and not days):
            return None
        names = " UNION ".join(found)
        params = tuple(param for part in query.driver for param in part.params)
        every = Part(
            Code.NAME,
            f"SELECT c.certificate_id, c.several FROM search_certificate c WHERE c.name_id IN ({names})",
            "",
            params,
            certificate="certificate_id",
        )
        ready = self._ready(every, query, days if sessions else None)
        return ready.source, list(ready.params)

    def ids(self, query: Query, limit: int) -> list[int]:
        """Every hit's id in rank order, at most `limit` (what a results table scrolls through)."""
        sql, params = self._hits(query)
        rows = self._db.execute_sql(
            f"SELECT certificate_id FROM ({self._best(sql, self._where(query, params), 'h.sort_key')}) w "
            "WHERE w.n = 1 "
            f"ORDER BY w.code / 10, w.session_day DESC, w.sort_key, w.certificate_id LIMIT {int(limit)}",
            params,
        ).fetchall()
        return [row[0] for row in rows]

    @staticmethod
    def _best(sql: str, where: str, then: str) -> str:
        """Each hit's rows numbered from its best rank's, by `then` within it: the sort key places a hit,
        the lowest code says how it matched."""
        return (
            "SELECT h.certificate_id, h.code, h.session_day, h.sort_key, ROW_NUMBER() OVER "
            f"(PARTITION BY h.certificate_id ORDER BY h.code / 10, {then}) AS n "
            f"FROM ({sql}) h WHERE {where}"
        )

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
        """How each of these certificates matched `query` (its best way, as the page gives it); one not
        matching is left out."""
        if not ids:
            return {}
        marks = ", ".join([self._db.param] * len(ids))
        restricted = replace(query, driver=tuple(part.restricted(marks, tuple(ids)) for part in query.driver))
        sql, params = self._hits(restricted)
        best = self._best(sql, self._where(restricted, params), "h.code")
        rows = self._db.execute_sql(
            f"SELECT certificate_id, code FROM ({best}) w WHERE w.n = 1",
            params,
        ).fetchall()
        return {certificate_id: Code(code) for certificate_id, code in rows}

    def passing(
        self, ids: list[int], filters: Filters, *, today: date, cutoffs: Mapping[int, date]
    ) -> set[int]:
        """Which of these certificates pass `filters` (an identifier found them; the filters still hold)."""
        part = ids_part(self._db, Code.CERT_NO, ids)
        return set(self.ids(Query((part,), (), filters, today, cutoffs), len(ids)))

    def _days_of(self, query: Query) -> tuple[Any, ...]:
        """The dates of the sessions searched (the filter's, or all), newest first."""
        sessions = query.filters.session_ids
        if sessions not in self._days:
            test = f"WHERE id IN ({', '.join([self._db.param] * len(sessions))})" if sessions else ""
            found = self._db.execute_sql(
                f"SELECT DISTINCT exam_date FROM exam_session {test} ORDER BY exam_date DESC", sessions
            )
            self._days[sessions] = tuple(row[0] for row in found.fetchall())
        return self._days[sessions]

    def _qualifications_of(self, query: Query) -> tuple[int, ...] | None:
        """The qualifications the filter allows (with the successors of those it names, at its levels),
        or None when it allows every one."""
        filters = query.filters
        if not filters.narrows_qualifications():
            return None
        if filters not in self._qualifications:
            select = Qualification.select(Qualification.id)
            if filters.qualification_ids:
                select = select.where(
                    Qualification.id.in_(filters.qualification_ids)
                    | Qualification.successor.in_(filters.qualification_ids)
                )
            if filters.levels:
                select = select.where(Qualification.level.in_(filters.levels))
            found = tuple(row[0] for row in self._db.execute(select.order_by(Qualification.id)).fetchall())
            self._qualifications[filters] = found or (0,)  # none: an id no qualification has
        return self._qualifications[filters]

    def _ready(self, part: Part, query: Query, days: Sequence[Any] | None) -> Part:
        """The part as a source of the sessions (a keyed part: of these dates; None: of every one) and
        qualifications the filter allows: tested where the rows are read, not on each hit afterwards."""
        p = self._db.param
        sessions = query.filters.session_ids
        if not part.keyed:
            ready = part.in_sessions(p, sessions) if sessions else part
        elif not part.of_ids:
            ready = part if days is None else part.on_days(p, days)
        else:  # its ids lead to its keys: only a filter's sessions narrow them
            ready = part.on_days(p, self._days_of(query)) if sessions else part
        qualifications = self._qualifications_of(query)
        return ready if qualifications is None else ready.of_qualifications(p, qualifications)

    def _hits(self, query: Query) -> tuple[str, list[Any]]:
        """Every row of the driver's parts, as one source. A keyed part is read by session only for a
        filter's sessions: each name's certificates are one index range, however many sessions."""
        days = self._days_of(query)
        params: list[Any] = []
        sources = []
        for part in query.driver:
            if part.keyed and not days:
                continue  # no session: no keys
            ready = self._ready(part, query, days if query.filters.session_ids else None)
            sources.append(ready.source)
            params.extend(ready.params)
        if not sources:
            return _NOTHING, params
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
        state = query.filters.state
        if state is not None:  # worked out from several tables: tested on each hit
            condition = (Certificate.id == SQL("h.certificate_id")) & state_condition(
                state, today=query.today, cutoffs=query.cutoffs
            )
            select = summary_select(SQL("1")).where(condition).order_by()
            sql, filter_params = self._db.get_sql_context().sql(select).query()
            tests.append(f"EXISTS ({sql})")
            params.extend(filter_params)
        return " AND ".join(tests)
