"""Keeping the search index right (docs/architecture.md "Search").

The index is kept per distinct name, not per certificate: a million certificates have some fifty
thousand names.

- `search_name` holds every name a certificate can be found by (its holder's, and the holder's former
  names), once each.
- `search_key` holds each name's keys (`core.domain.search_keys`), worked out once per name in Python
  (pinyin): a few hundred thousand rows whatever the number of certificates.
- `search_certificate` holds one row per certificate and name, with the certificate's session date and
  qualification: what a name's keys lead to, newest session first.
- `search_count` holds how many certificates of each session date a short word finds (`counted_words`):
  what the certificates written add, less what they took before.

Every write that adds a certificate, moves it to another session or changes a holder's names calls
`refresh` (or `rebuild` for a whole load) inside its own transaction: a failed write leaves the index and
its counts as they were with everything else. A name no certificate has any more keeps its keys; it finds
nothing, and the next `rebuild` drops it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import add
from typing import Any

from peewee import Database, SqliteDatabase

from ruankao_desktop.core.domain.search_keys import counted_words, name_keys
from ruankao_desktop.core.store.database import bulk_insert

# Names whose keys are inserted per statement.
BATCH = 5_000
LOGGED_EVERY = 100_000  # names between two lines of `log_progress`

Progress = Callable[[int, int], None]

log = logging.getLogger(__name__)

# Where a certificate's names come from: its holder's name, and the holder's former names.
_NAME_SOURCES = (
    ("JOIN holder h ON h.id = c.holder_id", "h.name"),
    ("JOIN holder_identity h ON h.holder_id = c.holder_id AND h.kind = 'name'", "h.value"),
)
# Indexes a load builds after inserting, in one sort each, rather than keeping them row by row.
_LOAD_INDEXES = (
    "CREATE INDEX IF NOT EXISTS search_certificate_certificate_id ON search_certificate (certificate_id)",
)


def log_progress(done: int, total: int) -> None:
    """A `Progress` for a rebuild nobody watches (a migration): a line in the log now and then."""
    if done == total or done % LOGGED_EVERY < BATCH:
        log.info("building search keys: %d of %d names", done, total)


def rebuild(database: Database, *, progress: Progress | None = None) -> int:
    """The whole index anew (a migration, `db reindex`, demo data, a load into a small database);
    returns how many keys the names have. `progress(done, total)` counts names."""
    bulk = isinstance(database, SqliteDatabase)
    if bulk:
        database.execute_sql("DROP INDEX IF EXISTS search_certificate_certificate_id")
    for table in ("search_certificate", "search_key", "search_name", "search_count"):
        database.execute_sql(f"DELETE FROM {table}")
    try:
        _add_names(database, targeted=False, progress=progress)
        _write(database, targeted=False)
    finally:
        if bulk:
            for statement in _LOAD_INDEXES:
                database.execute_sql(statement)
    _add_counts(database, _all_counts(database))
    return int(database.execute_sql("SELECT COUNT(*) FROM search_key").fetchone()[0])


def refresh(database: Database, certificates: str, params: Sequence[Any] = ()) -> int:
    """The index of the certificates that the query `certificates` (a SELECT of certificate ids, with
    `params`) names, anew; returns how many rows they have in it now."""
    database.execute_sql("CREATE TEMP TABLE search_target (id INTEGER PRIMARY KEY)")
    try:
        database.execute_sql(f"INSERT INTO search_target (id) {certificates}", params)
        of_targets = (
            f"SELECT {_COUNTED} FROM search_certificate c JOIN search_key k ON k.name_id = c.name_id "
            "WHERE c.certificate_id IN (SELECT id FROM search_target)"
        )
        before = _counts(database, of_targets)
        database.execute_sql(
            "DELETE FROM search_certificate WHERE certificate_id IN (SELECT id FROM search_target)"
        )
        _add_names(database, targeted=True, progress=None)
        written = _write(database, targeted=True)
        after = _counts(database, of_targets)
        after.subtract(before)
        _add_counts(database, after)
    finally:
        database.execute_sql("DROP TABLE search_target")
    return written


def _add_names(database: Database, *, targeted: bool, progress: Progress | None) -> None:
    """Add the names of the certificates in `search_target` (every certificate unless `targeted`) that
    `search_name` lacks, with their keys."""
    p = database.param
    target = "JOIN search_target t ON t.id = c.id" if targeted else ""
    names: set[str] = set()
    for source, column in _NAME_SOURCES:
        rows = database.execute_sql(
            f"SELECT DISTINCT {column} FROM certificate c {target} {source} "
            f"WHERE NOT EXISTS (SELECT 1 FROM search_name n WHERE n.name = {column})"
        )
        names.update(row[0] for row in rows.fetchall())
    ordered = sorted(names)
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        bulk_insert(database, "search_name", ("name",), [(n,) for n in batch])
        marks = ", ".join([p] * len(batch))
        ids = dict(
            database.execute_sql(
                f"SELECT name, id FROM search_name WHERE name IN ({marks})", batch
            ).fetchall()
        )
        keys = sorted((key, ids[name]) for name in batch for key in name_keys(name))
        bulk_insert(database, "search_key", ("key", "name_id"), keys)
        if progress is not None:
            progress(start + len(batch), len(ordered))


def _write(database: Database, *, targeted: bool) -> int:
    """Insert a row per name of each certificate in `search_target` (every certificate unless
    `targeted`), marked `several` when the certificate may have another name: joins only."""
    target = "JOIN search_target t ON t.id = c.id" if targeted else ""
    written = 0
    for source, column in _NAME_SOURCES:
        cursor = database.execute_sql(
            "INSERT INTO search_certificate "
            "(name_id, session_day, certificate_id, qualification_id, several) "
            f"SELECT n.id, s.exam_date, c.id, c.qualification_id, {_SEVERAL} FROM certificate c {target} "
            f"JOIN exam_session s ON s.id = c.session_id {source} JOIN search_name n ON n.name = {column} "
            # In the certificates' order, which reads them and their holders in turn: faster than
            # sorting the rows first (measured at a million: 6.3 s against 11.8). A former name equal
            # to the current one is kept once.
            "ORDER BY 3 ON CONFLICT DO NOTHING"
        )
        written += int(cursor.rowcount)
    return written


# Whether a certificate may have rows under other names too: its holder has a former name. Marking one
# that has not (a former name the same as the current one) costs a total a little sorting, never a
# wrong count.
_SEVERAL = (
    "CASE WHEN c.holder_id IN (SELECT f.holder_id FROM holder_identity f WHERE f.kind = 'name') "
    "THEN 1 ELSE 0 END"
)

Counts = Counter[tuple[str, Any]]
_COUNTED = "c.session_day, k.key, c.certificate_id"


def _counts(database: Database, keys: str) -> Counts:
    """How many certificates each (counted word, session date) has among the keys `keys` selects
    (`_COUNTED`): from the index itself, so that what a write replaces is counted as it was written."""
    counts: Counts = Counter()
    current: int | None = None
    day: Any = None
    held: list[str] = []
    for session_day, key, certificate_id in database.execute_sql(f"{keys} ORDER BY 3"):
        if certificate_id != current:
            if held:
                counts.update((word, day) for word in _words(frozenset(held)))
            current, day, held = certificate_id, session_day, []
        held.append(key)
    if held:
        counts.update((word, day) for word in _words(frozenset(held)))
    return counts


def _all_counts(database: Database) -> Counts:
    """The counts of every certificate: those of one name by name and session (most, many sharing it),
    counted in SQL off the index's order; the few marked `several` (a former name) by their keys."""
    names = dict(database.execute_sql("SELECT id, name FROM search_name").fetchall())
    days = [row[0] for row in database.execute_sql("SELECT DISTINCT exam_date FROM exam_session ORDER BY 1")]
    place = {day: index for index, day in enumerate(days)}
    per_name: dict[int, list[int]] = {}  # a name's certificates in each session: one list, added whole
    rows = database.execute_sql(
        "SELECT name_id, session_day, COUNT(*) FROM search_certificate WHERE several = 0 "
        "GROUP BY name_id, session_day"
    )
    for name_id, day, n in rows:
        per_name.setdefault(name_id, [0] * len(days))[place[day]] = n
    per_word: dict[str, list[int]] = {}
    for name_id, sessions in per_name.items():
        for word in _words(name_keys(names[name_id])):
            held = per_word.get(word)
            per_word[word] = sessions if held is None else list(map(add, held, sessions))
    counts: Counts = Counter(
        {
            (word, days[index]): n
            for word, sessions in per_word.items()
            for index, n in enumerate(sessions)
            if n
        }
    )
    counts.update(
        _counts(
            database,
            f"SELECT {_COUNTED} FROM search_certificate c JOIN search_key k ON k.name_id = c.name_id "
            "WHERE c.several = 1",
        )
    )
    return counts


@lru_cache(maxsize=65536)
def _words(keys: frozenset[str]) -> frozenset[str]:
    """Most certificates' keys are those of one name, shared with many others: worked out once."""
    return frozenset(counted_words(keys))


def _add_counts(database: Database, counts: Counts) -> None:
    """Add `counts` (negative where keys went) to `search_count`, dropping the rows that reach nought."""
    p = database.param
    changed = [(*where, n) for where, n in counts.items() if n]
    database.cursor().executemany(
        f"INSERT INTO search_count (word, session_day, n) VALUES ({p}, {p}, {p}) "
        "ON CONFLICT (word, session_day) DO UPDATE SET n = search_count.n + excluded.n",
        changed,
    )
    if any(row[-1] < 0 for row in changed):
        database.execute_sql("DELETE FROM search_count WHERE n <= 0")
