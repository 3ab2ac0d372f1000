"""Keeping the search keys right (docs/architecture.md "Search").

`search_key` holds, for every certificate, the keys of its holder's name and former names
(`core.domain.search_keys`) with the certificate's session date. The keys are worked out once per distinct
name in Python (pinyin), put in a temporary table, and joined to the certificates in SQL, so a million
certificates cost one set-based insert. `search_count` holds how many certificates of each session date a
short word finds (`counted_words`): what the keys of the certificates written add, less what the keys
they replace took. Every write that adds a certificate, moves it to another session or changes a holder's
names calls `refresh` (or `rebuild` for a whole load) inside its own transaction: a failed write leaves
the keys and their counts as they were with everything else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from peewee import Database, SqliteDatabase

from ruankao_desktop.core.domain.search_keys import counted_words, name_keys

# Names whose keys go into the temporary table per statement.
BATCH = 5_000
SECONDARY_INDEX = "search_key_certificate_id"

Progress = Callable[[int, int], None]

# Where a certificate's names come from: its holder's name, and the holder's former names.
_NAME_SOURCES = (
    "JOIN holder h ON h.id = c.holder_id",
    "JOIN holder_identity h ON h.holder_id = c.holder_id AND h.kind = 'name'",
)
_NAME_COLUMNS = ("h.name", "h.value")


def rebuild(database: Database, *, progress: Progress | None = None) -> int:
    """Every certificate's keys anew (a migration, `db reindex`, demo data, a load into a small
    database); returns how many keys there are. `progress(done, total)` counts names."""
    bulk = isinstance(database, SqliteDatabase)
    if bulk:  # one sort to build it after the load beats a million random inserts into it (and deletes)
        database.execute_sql(f"DROP INDEX IF EXISTS {SECONDARY_INDEX}")
    database.execute_sql("DELETE FROM search_key")
    database.execute_sql("DELETE FROM search_count")
    try:
        written = _write(database, targeted=False, progress=progress)
    finally:
        if bulk:
            database.execute_sql(secondary_index_sql(database))
    _add_counts(database, _all_counts(database))
    return written


def refresh(database: Database, certificates: str, params: Sequence[Any] = ()) -> int:
    """The keys of the certificates that the query `certificates` (a SELECT of certificate ids, with
    `params`) names, anew; returns how many keys they have now."""
    database.execute_sql("CREATE TEMP TABLE search_target (id INTEGER PRIMARY KEY)")
    try:
        database.execute_sql(f"INSERT INTO search_target (id) {certificates}", params)
        of_targets = (
            f"SELECT {_COUNTED} FROM search_key WHERE certificate_id IN (SELECT id FROM search_target)"
        )
        before = _counts(database, of_targets)
        database.execute_sql("DELETE FROM search_key WHERE certificate_id IN (SELECT id FROM search_target)")
        written = _write(database, targeted=True, progress=None)
        after = _counts(database, of_targets)
        after.subtract(before)
        _add_counts(database, after)
    finally:
        database.execute_sql("DROP TABLE search_target")
    return written


def refresh_holders(database: Database, holder_ids: Sequence[int]) -> int:
    """The keys of these holders' certificates anew (a name changed, a former name added)."""
    if not holder_ids:
        return 0
    marks = ", ".join([database.param] * len(holder_ids))
    return refresh(database, f"SELECT id FROM certificate WHERE holder_id IN ({marks})", holder_ids)


def secondary_index_sql(database: Database) -> str:
    """The index that finds a certificate's keys (to count and replace them, and to test a second word
    of a query). In SQLite a WITHOUT ROWID table's index holds the whole primary key, so it covers
    all three."""
    columns = "certificate_id" if isinstance(database, SqliteDatabase) else "certificate_id, key"
    return f"CREATE INDEX IF NOT EXISTS {SECONDARY_INDEX} ON search_key ({columns})"


def _write(database: Database, *, targeted: bool, progress: Progress | None) -> int:
    """Insert the keys of the certificates in `search_target` (every certificate unless `targeted`): the
    distinct names get their keys in Python, the rest is joins."""
    p = database.param
    target = "JOIN search_target t ON t.id = c.id" if targeted else ""
    database.execute_sql("CREATE TEMP TABLE search_name_key (name TEXT NOT NULL, key TEXT NOT NULL)")
    try:
        names: set[str] = set()
        for source, column in zip(_NAME_SOURCES, _NAME_COLUMNS, strict=True):
            rows = database.execute_sql(f"SELECT DISTINCT {column} FROM certificate c {target} {source}")
            names.update(row[0] for row in rows.fetchall())
        ordered = sorted(names)
        insert = f"INSERT INTO search_name_key (name, key) VALUES ({p}, {p})"
        for start in range(0, len(ordered), BATCH):
            batch = ordered[start : start + BATCH]
            database.cursor().executemany(insert, [(name, key) for name in batch for key in name_keys(name)])
            if progress is not None:
                progress(start + len(batch), len(ordered))
        database.execute_sql("CREATE INDEX search_name_key_name ON search_name_key (name)")
        written = 0
        for source, column in zip(_NAME_SOURCES, _NAME_COLUMNS, strict=True):
            cursor = database.execute_sql(
                "INSERT INTO search_key (key, session_day, certificate_id, qualification_id) "
                f"SELECT k.key, s.exam_date, c.id, c.qualification_id FROM certificate c {target} "
                f"JOIN exam_session s ON s.id = c.session_id {source} "
                f"JOIN search_name_key k ON k.name = {column} "
                # In the primary key's order it grows at its end; a key twice (a former name with the
                # keys of the current one) is kept once.
                "ORDER BY 2, 1, 3 ON CONFLICT DO NOTHING"
            )
            written += int(cursor.rowcount)
        return written
    finally:
        database.execute_sql("DROP TABLE search_name_key")


Counts = Counter[tuple[str, Any]]
_COUNTED = "session_day, key, certificate_id"


def _counts(database: Database, keys: str) -> Counts:
    """How many certificates each (counted word, session date) has among the keys `keys` selects
    (`_COUNTED`): from the keys themselves, so that the keys a write replaces are counted as they were
    written."""
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
    """The counts of every certificate: those of one name by name (most, many sharing it), the few with
    former names by their keys."""
    counts: Counts = Counter()
    rows = database.execute_sql(
        "SELECT h.name, s.exam_date, COUNT(*) FROM certificate c "
        "JOIN holder h ON h.id = c.holder_id JOIN exam_session s ON s.id = c.session_id "
        f"WHERE NOT EXISTS ({_FORMER_NAME}) GROUP BY h.name, s.exam_date"
    )
    for name, day, n in rows:
        for word in _words(name_keys(name)):
            counts[word, day] += n
    counts.update(
        _counts(
            database,
            f"SELECT {_COUNTED} FROM search_key WHERE certificate_id IN "
            f"(SELECT c.id FROM certificate c WHERE EXISTS ({_FORMER_NAME}))",
        )
    )
    return counts


_FORMER_NAME = "SELECT 1 FROM holder_identity i WHERE i.holder_id = c.holder_id AND i.kind = 'name'"


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
