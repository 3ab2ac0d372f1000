"""What the search's shortcuts must agree with, worked out the long way: every counted total against the
hits counted one by one, every first page against the start of all the hits in order."""

from __future__ import annotations

from dataclasses import replace

from peewee import Database

from ruankao_desktop.core.domain.query import words_of
from ruankao_desktop.core.services.search_plan import plan_search
from ruankao_desktop.core.store.finder import Filters, Finder, Query
from tests.helpers import TODAY


def query_of(database: Database, typed: str, filters: Filters | None = None) -> Query:
    plan = plan_search(
        database, words_of(typed), filters=filters or Filters(), vocabulary=None, today=TODAY, cutoffs={}
    )
    assert plan.query is not None
    return plan.query


def wrong_counts(database: Database, filters: Filters | None = None) -> list[str]:
    """Each counted word whose total from `search_count` differs from its hits counted (empty when
    all agree), unfiltered or with `filters`."""
    finder = Finder(database)
    wrong = []
    words = [row[0] for row in database.execute_sql("SELECT DISTINCT word FROM search_count ORDER BY 1")]
    for word in words:
        query = query_of(database, word[2:], filters)
        if query.counted != word:
            continue  # a start no search asks for alone (the start of a Latin name's characters)
        counted, recounted = finder.total(query), finder.total(replace(query, counted=None))
        if counted != recounted:
            wrong.append(f"{word}: counted {counted}, hits {recounted}")
    return wrong


def page_differs(database: Database, typed: str, size: int) -> str | None:
    """How the first page of `typed` differs from the start of every hit in order (None when not)."""
    finder = Finder(database)
    query = query_of(database, typed)
    page = finder.page(query, size)
    ids = finder.ids(query, size)
    codes = finder.codes(query, ids)
    shown = [(row.certificate_id, row.code) for row in page.rows]
    expected = [(certificate_id, codes[certificate_id]) for certificate_id in ids]
    if shown != expected:
        return f"{typed!r} ({size}): page {shown} ≠ {expected}"
    if page.total is not None and page.total != finder.total(query):
        return f"{typed!r} ({size}): the page says {page.total} hits, counted {finder.total(query)}"
    every = len(finder.ids(query, 10**7))  # each hit once, found another way than the total
    if finder.total(query) != every:
        return f"{typed!r}: a total of {finder.total(query)}, but {every} hits"
    return None
