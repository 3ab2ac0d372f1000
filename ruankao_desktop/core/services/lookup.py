"""Finding certificates (docs/architecture.md "Search"): one call takes what was typed into the one field
(`search`) and returns the first page of ranked hits with why each matched, the exact total and the
counts per state, near misses of a mistyped number, the hints when nothing matched, and queues the
lookup's audit event. An identifier is looked up by exact index seeks first; every other form goes to the
search keys. Each result carries its derived state in plain words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.ids import normalise_id, parse_id
from ruankao_desktop.core.domain.ids import warm_up as read_counties
from ruankao_desktop.core.domain.masking import STAFF_POLICY, Surface, mask_id, mask_name
from ruankao_desktop.core.domain.names import normalise_name
from ruankao_desktop.core.domain.query import Form, Word, clean, words_of
from ruankao_desktop.core.domain.search_keys import mixed_matches, name_keys, needs_alignment
from ruankao_desktop.core.domain.status import (
    CertificateFacts,
    CertificateState,
    HandoverMethod,
    derive_state,
)
from ruankao_desktop.core.domain.validity import ValidityPolicy
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.services import audit, audit_spool
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.exact_lookup import exact_plan
from ruankao_desktop.core.services.guidance import no_match_hints
from ruankao_desktop.core.services.results import (
    CertificateSummary,
    Hit,
    IdsOutcome,
    More,
    SearchResult,
    Suggestion,
)
from ruankao_desktop.core.services.search_plan import (
    Detected,
    Matched,
    Plan,
    Vocabulary,
    matched,
    plan_search,
)
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.filters import Criteria, criteria_ids, expiry_cutoffs
from ruankao_desktop.core.store.finder import Filters, Finder, Query, names_of
from ruankao_desktop.core.store.near_miss import Edit, near_identifiers
from ruankao_desktop.core.store.search import MatchField, SummaryRow, as_date, find, rows_for_ids
from ruankao_desktop.core.store.search_parts import Code, Part, names_part

# `Criteria` is the advanced search's input and `Filters` narrow a search: the faces build them.
__all__ = [
    "DEFAULT_LIMIT",
    "CertificateSummary",
    "Criteria",
    "Edit",
    "Filters",
    "Hit",
    "IdsOutcome",
    "LookupService",
    "More",
    "SearchResult",
    "Suggestion",
]

DEFAULT_LIMIT = 500
# A results table holds ids only, so it can take far more hits than a printed list.
DEFAULT_ID_LIMIT = 100_000
PAGE = 50
SUGGESTIONS = 10
# The most names a mixed word's spellings find that are checked syllable by syllable (at five million
# certificates wang明's are some two hundred), well under either engine's limit of parameters.
MIXED_NAMES = 10_000
# The parts of a mixed word that hold it as typed (`c:` keys, and `i:` keys with its characters tested at
# their places): their hits need no check.
_AS_TYPED = frozenset({Code.CHARACTERS, Code.INITIALS})
NO_FILTERS = Filters()


@lru_cache(maxsize=4096)
def _valid_until(term_years: int | None, approved_on: date | str | None) -> date | None:
    """A row's last valid day: few distinct (term, approval day) pairs, each certificate of a session
    sharing its own, so worked out once each."""
    return ValidityPolicy(term_years).valid_until(as_date(approved_on))


@lru_cache(maxsize=4096)
def _day(value: date | str | None) -> date | None:
    """A row's date, read once per distinct value: the pick-up deadlines of a session's certificates are a
    few days."""
    return as_date(value)


_HANDOVER_METHODS = {method.value: method for method in HandoverMethod}

_EXACT_CODES = {
    MatchField.CERT_NO: Code.CERT_NO,
    MatchField.MANAGEMENT_NO: Code.MANAGEMENT_NO,
    MatchField.ID_NUMBER: Code.ID_NUMBER,
}
_EXACT_DETECTED = {
    MatchField.CERT_NO: Detected.CERT_NO,
    MatchField.MANAGEMENT_NO: Detected.MANAGEMENT_NO,
    MatchField.ID_NUMBER: Detected.ID_NUMBER,
}


class LookupService:
    """Exact look-ups (`by_*`) and the forgiving one-field `lookup` that decides which to run."""

    def __init__(
        self,
        settings: Settings,
        *,
        surface: Surface = Surface.STAFF,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._settings = settings
        self._policy = settings.mask_policy(surface)
        self._today = today

    def by_id_number(self, value: str) -> list[CertificateSummary]:
        return self._find(MatchField.ID_NUMBER, value)

    def by_cert_no(self, value: str) -> list[CertificateSummary]:
        return self._find(MatchField.CERT_NO, value)

    def by_management_no(self, value: str) -> list[CertificateSummary]:
        return self._find(MatchField.MANAGEMENT_NO, value)

    def by_name(self, value: str, *, limit: int = DEFAULT_LIMIT) -> list[CertificateSummary]:
        return self._find(MatchField.NAME, value, limit=limit)

    def search(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        limit: int = PAGE,
        counts: bool = True,
        actor: audit.Actor | None = None,
    ) -> SearchResult:
        """Everything one search in the field finds (see the module's docstring): the first `limit` hits,
        the exact total, the counts per state (unless `counts` is false: `more` gives them), and, when
        `actor` is given, the lookup's audit event queued on disk before the answer is shown.

        Raises `UsageError` for a query with nothing to search for; a query that breaks a rule comes
        back with its `problem` and the hints.
        """
        filters = filters or NO_FILTERS
        query = clean(query)  # capped, invisible characters gone: what every step below reads
        try:
            result = self._search(query, filters, limit=limit, counts=counts)
        except InvalidInput as problem:
            hints = tuple(no_match_hints(query, by_name=False, problem=problem))
            result = SearchResult(query, Detected.IDENTIFIER, hints=hints, problem=problem)
        if actor is not None and result.problem is None:
            self.queue_lookup(actor, query, kind=result.detected.value, results=result.total)
        return result

    def more(self, query: str, *, filters: Filters | None = None, limit: int = DEFAULT_ID_LIMIT) -> More:
        """Every hit's id, in rank order (at most `limit`), and the counts per state: what a results table
        needs after the first page is shown."""
        filters = filters or NO_FILTERS
        query = clean(query)
        exact = self._exact(query, filters, limit=limit + 1)
        if exact is not None and exact.exact_ids is not None:
            ids = exact.exact_ids
            return More(ids[:limit], exact.counts_by_state or {}, truncated=len(ids) > limit)
        plan = self._plan(words_of(query), filters)
        if plan.query is None:
            return More((), {}, truncated=False)
        finder = Finder(db.obj)
        ids = tuple(finder.ids(plan.query, limit + 1))
        return More(ids[:limit], self._counts_of(finder, plan.query), truncated=len(ids) > limit)

    @staticmethod
    def _counts_of(finder: Finder, query: Query) -> dict[CertificateState, int]:
        """The counts per state of every hit, whatever state the results are filtered to: they are what
        a clerk picks a state from."""
        return finder.counts_by_state(replace(query, filters=replace(query.filters, state=None)))

    def strict_match(
        self, *, id_number: str, name: str | None = None, cert_no: str | None = None
    ) -> tuple[CertificateSummary, ...]:
        """For the kiosk: the certificates of the holder whose full ID number and full name both match
        exactly after normalisation — or the one certificate whose ID number and 证书编号 both do. Never a
        list of people, never a partial or fuzzy match: anything else finds nothing.

        Raises `InvalidInput` when the ID number breaks a rule or neither a name nor a 证书编号 is given.
        """
        if name is None and cert_no is None:
            raise InvalidInput("lookup.strict_needs_two")
        number = parse_id(id_number, today=self._today()).value
        rows = find(db.obj, MatchField.ID_NUMBER, number)
        rows = [row for row in rows if row.id_number == number]  # not by a former number
        if name is not None:
            wanted = normalise_name(name)
            rows = [row for row in rows if row.name == wanted]
        if cert_no is not None:
            wanted_no = normalise_id(cert_no)
            rows = [row for row in rows if row.cert_no == wanted_no]
        today = self._today()
        return tuple(self._summary(row, today) for row in rows)

    @staticmethod
    def warm_up() -> None:
        """Load what the first searches would: pypinyin's dictionaries take a while to read and hold the
        interpreter meanwhile, and each province's county codes are read at the first ID number of it,
        so a window does it at start, not while the clerk types."""
        name_keys("张伟")
        read_counties()

    def hits(self, query: str, ids: Sequence[int], *, filters: Filters | None = None) -> list[Hit]:
        """These certificates (a page of `more`'s ids) as hits of `query`, in that order, each with why it
        matched: what a results table fetches as it scrolls."""
        filters = filters or NO_FILTERS
        query = clean(query)
        exact = self._exact(query, filters, limit=DEFAULT_ID_LIMIT)
        if exact is not None and exact.exact_ids is not None:
            found = {hit.summary.certificate_id: hit for hit in exact.hits}
            return [found[i] for i in ids if i in found]
        rows = rows_for_ids(db.obj, ids)
        today = self._today()
        plan = self._plan(words_of(query), filters)
        if plan.query is None or plan.driver is None:
            return []
        codes = Finder(db.obj).codes(plan.query, list(ids))
        return [
            Hit(self._summary(row, today), matched(codes[row.certificate_id], plan.driver, row.name))
            for row in rows
            if row.certificate_id in codes
        ]

    def _search(self, query: str, filters: Filters, *, limit: int, counts: bool) -> SearchResult:
        exact = self._exact(query, filters, limit=limit)
        if exact is not None and exact.exact_ids is not None:
            return exact
        if exact is not None and exact.problem is not None:
            raise exact.problem
        words = words_of(query)
        plan = self._plan(words, filters)
        # A number that found nothing exactly is still reported as what it looked like (a 证书编号).
        alone = exact is not None and len(words) == 1
        result = SearchResult(query, exact.detected if exact is not None and alone else plan.detected)
        if plan.query is not None and plan.driver is not None:
            finder = Finder(db.obj)
            found = finder.page(plan.query, limit)
            page = found.rows
            total = found.total if found.total is not None else finder.total(plan.query)
            rows = {
                row.certificate_id: row for row in rows_for_ids(db.obj, [hit.certificate_id for hit in page])
            }
            today = self._today()
            hits = tuple(
                Hit(self._summary(row, today), matched(hit.code, plan.driver, row.name))
                for hit in page
                if (row := rows.get(hit.certificate_id)) is not None
            )
            whole = total == len(hits) and plan.query.filters.state is None  # every hit is on the page
            by_state = (
                self._counts(hits) if whole else self._counts_of(finder, plan.query) if counts else None
            )
            result = replace(result, hits=hits, total=total, counts_by_state=by_state)
        if result.total:
            return result
        suggestions = self._suggestions(words)
        if suggestions:
            return replace(result, suggestions=suggestions)
        by_name = any(word.form in (Form.NAME, Form.MIXED) for word in words)
        return replace(result, hints=tuple(no_match_hints(query, by_name=by_name, problem=None)))

    def _plan(self, words: Sequence[Word], filters: Filters) -> Plan:
        today = self._today()
        vocabulary = Vocabulary.load() if len(words) > 1 else None
        cutoffs = self._cutoffs(today)
        plan = plan_search(
            db.obj, words, filters=filters, vocabulary=vocabulary, today=today, cutoffs=cutoffs
        )
        driver = plan.driver
        if plan.query is None or driver is None or driver.form is not Form.MIXED:
            return plan
        spelled = tuple(part for part in plan.query.driver if part.code not in _AS_TYPED)
        if not spelled or not needs_alignment(driver.text):
            return plan
        typed = tuple(part for part in plan.query.driver if part.code in _AS_TYPED)
        aligned = self._aligned(replace(plan.query, driver=spelled), driver)
        if not typed and not aligned:
            return replace(plan, query=None)
        return replace(plan, query=replace(plan.query, driver=typed + aligned))

    @staticmethod
    def _aligned(query: Query, driver: Word) -> tuple[Part, ...]:
        """The names a mixed word's spellings find that fit it syllable by syllable (`mixed_matches`),
        as parts of the query's driver: its keys found them by prefix, and a prefix of pinyin is not a
        syllable (z华 is not 邹欢). Names are checked, not certificates: a few hundred at most."""
        typed = [char for char in driver.text if not char.isascii()]  # a name that fits has each of them
        kept: dict[Code, list[int]] = {}
        for name_id, (name, code) in names_of(db.obj, query.driver, MIXED_NAMES).items():
            if all(char in name for char in typed) and mixed_matches(driver.text, name):
                kept.setdefault(code, []).append(name_id)
        return tuple(names_part(db.obj, code, ids) for code, ids in kept.items())

    def _exact(self, query: str, filters: Filters, *, limit: int) -> SearchResult | None:
        """An ID number, 证书编号 or 管理号 found by exact index seeks, or None when the query is not one.
        A broken ID number comes back with its `problem` when nothing else has that number."""
        today = self._today()
        exact = exact_plan(query, self._settings, today=today)
        if exact is None:
            return None
        for match, value in exact.steps:
            rows = find(db.obj, match, value, limit=limit)
            if rows:
                if not filters.is_empty():
                    rows = self._passing(rows, replace(filters, state=None), today)
                code = _EXACT_CODES[match]
                every = [
                    Hit(self._summary(row, today), self._exact_matched(code, value, row)) for row in rows
                ]
                hits = tuple(
                    every if filters.state is None else (h for h in every if h.summary.state is filters.state)
                )
                return SearchResult(
                    query,
                    _EXACT_DETECTED[match],
                    hits=hits,
                    total=len(hits),
                    counts_by_state=self._counts(every),
                    notices=exact.notices,
                    exact_ids=tuple([hit.summary.certificate_id for hit in hits]),
                )
        problem = exact.problem(today)
        return SearchResult(query, _EXACT_DETECTED[exact.kind], notices=exact.notices, problem=problem)

    def _passing(self, rows: list[SummaryRow], filters: Filters, today: date) -> list[SummaryRow]:
        if filters.is_empty():
            return rows
        ids = [row.certificate_id for row in rows]
        passing = Finder(db.obj).passing(ids, filters, today=today, cutoffs=self._cutoffs(today))
        return [row for row in rows if row.certificate_id in passing]

    @staticmethod
    def _exact_matched(code: Code, value: str, row: SummaryRow) -> Matched:
        if code is Code.ID_NUMBER and row.id_number != value:
            return Matched("former_id_number", "exact", value)
        field_name = {Code.CERT_NO: "cert_no", Code.MANAGEMENT_NO: "management_no"}.get(code, "id_number")
        return Matched(field_name, "exact", value)

    @staticmethod
    def _counts(hits: Sequence[Hit]) -> dict[CertificateState, int]:
        counts: dict[CertificateState, int] = {}
        for hit in hits:
            counts[hit.summary.state] = counts.get(hit.summary.state, 0) + 1
        return counts

    def _suggestions(self, words: Sequence[Word]) -> tuple[Suggestion, ...]:
        """Certificates one character away from a number typed alone that found nothing."""
        if len(words) != 1 or words[0].form not in (Form.IDENTIFIER, Form.TAIL):
            return ()
        misses = near_identifiers(db.obj, words[0].text, limit=SUGGESTIONS)
        summaries = {s.certificate_id: s for s in self.summaries([miss.certificate_id for miss in misses])}
        return tuple(
            Suggestion(summaries[miss.certificate_id], miss.field, miss.edit, miss.marked())
            for miss in misses
            if miss.certificate_id in summaries
        )

    def _cutoffs(self, today: date) -> dict[int, date]:
        return expiry_cutoffs(db.obj, today)

    def search_ids(self, criteria: Criteria, *, limit: int = DEFAULT_ID_LIMIT) -> IdsOutcome:
        """The advanced form: every filled-in field narrows the search."""
        today = self._today()
        ids = criteria_ids(db.obj, criteria, today=today, cutoffs=self._cutoffs(today), limit=limit + 1)
        return IdsOutcome(MatchField.NAME, tuple(ids[:limit]), truncated=len(ids) > limit)

    def summaries(self, ids: Sequence[int]) -> list[CertificateSummary]:
        """The certificates with these ids, in that order (ids that no longer exist are left out)."""
        today = self._today()
        return [self._summary(row, today) for row in rows_for_ids(db.obj, ids)]

    def queue_lookup(self, actor: audit.Actor, query: str, *, kind: str, results: int) -> None:
        """Keep the audit event of a lookup a person made (the query masked, never a full ID number) in
        the audit spool, on disk: call it before the answer is shown, then `write_queued`. It never
        waits for the database, so the answer is not held up by another desk's import."""
        masked = mask_id(normalise_id(query), STAFF_POLICY)
        audit_spool.queue(actor, "lookup", kind, {"query": masked, "results": results})

    def write_queued(self, actor: audit.Actor) -> Changed:
        """Write this database's queued audit events, oldest first, unless another desk holds the write
        lock for more than a moment: then the rest stay queued for the next drain (at the next start, or
        the window's next round). A lookup changes nothing a list shows, whichever happened."""
        audit_spool.drain()
        return Changed.of(ChangeKind.LOOKUP, actor)

    def has_queued(self) -> bool:
        """Whether audit events wait in the spool (a look at the folder, no query)."""
        return bool(audit_spool.pending())

    def _find(self, match: MatchField, value: str, *, limit: int | None = None) -> list[CertificateSummary]:
        today = self._today()
        return [self._summary(row, today) for row in find(db.obj, match, value, limit=limit)]

    def _summary(self, row: SummaryRow, today: date) -> CertificateSummary:
        valid_until = _valid_until(row.validity_years, row.approved_on)
        facts = CertificateFacts(
            arrived=row.arrived_on is not None,
            handover=_HANDOVER_METHODS[row.handover] if row.handover else None,
            pickup_deadline=_day(row.pickup_deadline),
            revoked=row.revoked_at is not None,
            superseded=row.successor is not None,
            reissue_pending=bool(row.reissue_pending),
            valid_until=valid_until,
        )
        return CertificateSummary(
            certificate_id=row.certificate_id,
            cert_no=row.cert_no,
            management_no=row.management_no,
            name=mask_name(row.name, self._policy),
            id_masked=mask_id(row.id_number, self._policy),
            qualification=row.qualification,
            level=row.level,
            session=row.session,
            state=derive_state(facts, today),
            valid_until=valid_until,
            issuer=row.issuer,
            superseded_by=row.successor,
            revocation_reason=row.revocation_reason,
        )
