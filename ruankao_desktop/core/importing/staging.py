"""Staging a list in temporary tables and checking it with set-based SQL.

Rows that passed `rows.RowValidator` go into the TEMP table `import_row` in batches (the file is never held
in memory). Then, in SQL:

1. rows repeating a 证书编号 of an earlier row are rejected;
2. rows whose 证书编号 belongs in the database to someone else are rejected (both names masked) — unless
   the holder has the row's name, when the list records a new ID number of that holder;
3. each distinct person (`import_person`) is matched to a holder by ID number, by a former ID number
   (HolderIdentity), or by that ID change; the rest are new holders, with ids assigned in row order;
   rows giving the ID number of an earlier row with another name are rejected;
4. a holder whose name in the list differs gets the new name (the old one kept as a former name) when the
   list's session is at least as recent as the holder's certificates, else the list's name is kept as a
   former name;
5. the identity changes of steps 2 and 4 are listed; unless the operator confirmed them, every row of
   the persons they belong to is held back (`identities` says why each kind needs confirming);
6. every row is counted as created, updated or unchanged — the same SQL for a preview and an import.

`writer.Writer` then applies what was found. The temporary tables vanish when the transaction is rolled
back, else with the connection (each task closes its own) or when the next import creates them again —
not dropped after an import, which would walk every page of them once more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from peewee import Database, SqliteDatabase

from ruankao_desktop.core.domain.masking import MaskPolicy, mask_name
from ruankao_desktop.core.importing.cells import NAME_MASK
from ruankao_desktop.core.importing.columns import Field, HeaderMap
from ruankao_desktop.core.importing.identities import IdentityChanges
from ruankao_desktop.core.importing.report import IdentityChange, ProblemLog, Rejection
from ruankao_desktop.core.importing.rows import STAGE_COLUMNS, StagedRow
from ruankao_desktop.core.store.database import bulk_insert

FETCH = 5_000
# The staging tables' page cache (KiB); with the main database's 64 MiB cache and the sorter's memory
# this keeps an import of any size well under 300 MB.
TEMP_CACHE_KIB = 16 * 1024
# The main cache while SQLite sorts (KiB): sorting runs this size merged together beat one big sort.
SORTER_CACHE_KIB = 2 * 1024
_TEMP_TABLES = (
    "import_row",
    "import_person",
    "import_change",
    "import_reject",
    "import_pinyin",
    "import_candidate",
    "import_latest",
)


@dataclass(frozen=True)
class Dialect:
    """The few spellings that differ between SQLite and PostgreSQL."""

    param: str
    same: str  # NULL-safe "equals"
    tail4: str  # the last four characters of a column, "{}" standing for the column
    whole: str  # ends a subquery that the planner is to run as it is, not merge into the outer query

    @classmethod
    def of(cls, database: Database) -> Dialect:
        if isinstance(database, SqliteDatabase):
            return cls(database.param, "IS", "substr({}, -4)", "LIMIT -1")
        return cls(database.param, "IS NOT DISTINCT FROM", "right({}, 4)", "OFFSET 0")


@dataclass
class Outcome:
    """The counts of an analysis, and after `apply` what was written."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    holders_created: int = 0
    identities_added: int = 0
    mismatched: int = 0  # rows rejected because an earlier row gave their ID number another name
    held_back: int = 0  # rows not written: their identity changes were not confirmed
    identity_changes: tuple[IdentityChange, ...] = ()
    identity_changes_total: int = 0
    bulk: bool = False
    timings: dict[str, float] = field(default_factory=dict)


class Staging:
    """The temporary tables of one import and the set-based steps over them."""

    def __init__(self, database: Database, header: HeaderMap, *, file_name: str) -> None:
        self.db = database
        self.dialect = Dialect.of(database)
        self._header = header
        self.file_name = file_name
        # How a staged row `r` finds its person `p`; see `_build_persons`.
        self.row_person = "p.id_number = r.id_number AND p.name = r.name"
        self.row_person_any_name = "p.id_number = r.id_number"

    # --------------------------------------------------------------------------------- staging

    def create(self) -> None:
        """The empty staging tables (any left by an earlier import on this connection go first)."""
        for table in _TEMP_TABLES:
            self.db.execute_sql(f"DROP TABLE IF EXISTS {table}")
        if isinstance(self.db, SqliteDatabase):
            # The staged rows live in the temporary database; give it a cache of its own.
            self.db.execute_sql(f"PRAGMA temp.cache_size = -{TEMP_CACHE_KIB}")
        self.db.execute_sql(
            "CREATE TEMP TABLE import_row (line_no INTEGER PRIMARY KEY, cert_no TEXT NOT NULL, "
            "management_no TEXT, qualification_id INTEGER NOT NULL, session_id INTEGER NOT NULL, "
            "session_date DATE NOT NULL, approved_on DATE, issuer TEXT, name TEXT NOT NULL, "
            "id_number TEXT NOT NULL, id_type TEXT NOT NULL, birth_date DATE, gender TEXT, phone TEXT)"
        )
        self.db.execute_sql(
            "CREATE TEMP TABLE import_change (kind TEXT NOT NULL, holder_id INTEGER NOT NULL, "
            "id_number TEXT NOT NULL, new_value TEXT, old_value TEXT, old_type TEXT, line_no INTEGER)"
        )
        self.db.execute_sql("CREATE INDEX import_change_person ON import_change (id_number)")
        self.db.execute_sql("CREATE INDEX import_change_holder ON import_change (holder_id)")
        # Rows found to be rejected by a set-based step, removed from import_row at its end.
        self.db.execute_sql(
            "CREATE TEMP TABLE import_reject (line_no INTEGER PRIMARY KEY, first_line INTEGER, same INTEGER)"
        )

    def add(self, rows: Sequence[StagedRow]) -> None:
        """Stage a batch of checked rows (`COPY` on PostgreSQL)."""
        if rows:
            bulk_insert(self.db, "import_row", STAGE_COLUMNS, rows)

    # -------------------------------------------------------------------------------- analysis

    def analyse(
        self,
        log: ProblemLog,
        *,
        step: Callable[[], None],
        accept_identity_changes: bool,
        policy: MaskPolicy,
    ) -> Outcome:
        """Steps 1–6 of the module docstring. Rejected rows enter `log` and leave `import_row` (or, for
        a second name of one ID number, are left out by every later join), and so do held-back rows;
        identity changes are listed with their values masked by `policy`. `step` runs between the
        steps (the service checks for a cancel there)."""
        with self.small_sorter():
            self.db.execute_sql("CREATE INDEX import_row_cert ON import_row (cert_no)")
        step()
        self._reject_repeated_certificates(log)
        step()
        identities = IdentityChanges(self)
        identities.resolve_certificate_holders(log)
        step()
        self._build_persons()
        step()
        identities.resolve_names()
        step()
        listed = identities.listed(policy, held_back=not accept_identity_changes)
        held_back = identities.hold_back() if listed.total and not accept_identity_changes else 0
        step()
        self._mark_changed_persons()
        step()
        outcome = self._count()
        if outcome.mismatched:
            self._reject_renamed_within_file(log)
        outcome.held_back = held_back
        outcome.identity_changes, outcome.identity_changes_total = listed
        return outcome

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of a query in batches, read to the end before the caller writes (SQLite cursors see
        their own connection's writes, so nothing is changed while a result is open)."""
        cursor = self.db.execute_sql(sql, params)
        while batch := cursor.fetchmany(FETCH):
            yield from batch

    def reject_lines(self, lines: Sequence[int]) -> None:
        """Mark rows as rejected (`remove_rejected` takes them out)."""
        bulk_insert(self.db, "import_reject", ("line_no",), [(n,) for n in lines])

    def remove_rejected(self) -> None:
        """Take the rows in import_reject out of import_row (memory stays flat however many there are)."""
        self.db.execute_sql("DELETE FROM import_row WHERE line_no IN (SELECT line_no FROM import_reject)")
        self.db.execute_sql("DELETE FROM import_reject")

    def label(self, f: Field) -> str:
        """A field's column as the file names it."""
        return self._header.label(f)

    def _reject_repeated_certificates(self, log: ProblemLog) -> None:
        """Step 1: a row repeating the 证书编号 of an earlier row (the same row again, or another one)."""
        same = self.dialect.same
        identical = " AND ".join(
            f"r.{c} {same} f.{c}" for c in STAGE_COLUMNS if c not in {"line_no", "session_date"}
        )
        self.db.execute_sql(
            "INSERT INTO import_reject (line_no, first_line, same) "
            f"SELECT r.line_no, d.first_line, CASE WHEN {identical} THEN 1 ELSE 0 END "
            "FROM (SELECT cert_no, MIN(line_no) AS first_line FROM import_row GROUP BY cert_no "
            "HAVING COUNT(*) > 1) d "
            "JOIN import_row r ON r.cert_no = d.cert_no AND r.line_no <> d.first_line "
            "JOIN import_row f ON f.line_no = d.first_line"
        )
        label = self.label(Field.CERT_NO)
        for line, cert_no, first, same_row in self.fetch(
            "SELECT j.line_no, r.cert_no, j.first_line, j.same FROM import_reject j "
            "JOIN import_row r ON r.line_no = j.line_no ORDER BY j.line_no"
        ):
            code = "import.duplicate_row" if same_row else "import.duplicate_cert_no"
            log.reject_row([Rejection(line, Field.CERT_NO, label, cert_no, code, {"first_row": first})])
        self.remove_rejected()

    def _reject_renamed_within_file(self, log: ProblemLog) -> None:
        """Rows giving the ID number of an earlier row with another name. Their person is the first
        row's, so every later statement joins a row to its person on the name too and leaves them out."""
        sql = (
            "SELECT r.line_no, r.name, p.name, p.first_line "
            f"FROM import_row r JOIN import_person p ON {self.row_person_any_name} "
            "WHERE r.name <> p.name ORDER BY r.line_no"
        )
        for line, name, first_name, first in self.fetch(sql):
            params = {
                "first_row": first,
                "name": mask_name(name, NAME_MASK),
                "first_name": mask_name(first_name, NAME_MASK),
            }
            masked = mask_name(name, NAME_MASK)
            log.reject_row(
                [
                    Rejection(
                        line, Field.NAME, self.label(Field.NAME), masked, "import.person_two_names", params
                    )
                ]
            )

    def _build_persons(self) -> None:
        """One row per distinct ID number, taken from its first row, with the holder it is, or the id
        it will get. Built in row order without a unique index, which is added afterwards by one sort:
        a million random keys inserted one by one cost several times that."""
        base = self.db.execute_sql("SELECT COALESCE(MAX(id), 0) FROM holder").fetchone()[0]
        p = self.dialect.param
        self.db.execute_sql(
            "CREATE TEMP TABLE import_person (first_line INTEGER PRIMARY KEY, id_number TEXT NOT NULL, "
            "holder_id INTEGER NOT NULL, is_new INTEGER NOT NULL, name TEXT NOT NULL, id_type TEXT NOT NULL, "
            "birth_date DATE, gender TEXT, phone TEXT, changed INTEGER NOT NULL, "
            "held INTEGER NOT NULL DEFAULT 0)"
        )
        # A new holder's id is the largest id so far plus the line of the person's first row: unique,
        # in row order, larger than every existing id, and known without a second pass. The subquery
        # is kept whole (not flattened), so that each probe runs once per row.
        probes = self._holder_probes()
        new_id = f"{p} + r.line_no"
        holder_id = f"COALESCE({', '.join(probes)}, {new_id})" if probes else new_id
        self.db.execute_sql(
            "INSERT INTO import_person (id_number, first_line, holder_id, is_new, name, id_type, birth_date, "
            "gender, phone, changed) "
            f"SELECT g.id_number, g.line_no, g.holder_id, CASE WHEN g.holder_id > {p} THEN 1 ELSE 0 END, "
            "g.name, g.id_type, g.birth_date, g.gender, g.phone, 0 "
            f"FROM (SELECT r.*, {holder_id} AS holder_id FROM import_row r "
            f"ORDER BY r.line_no {self.dialect.whole}) g",
            (base, base),
        )
        # Then the later rows of a person repeated in the file go (usually there are none), found by
        # one sort of the ID numbers, and the unique index is built by another.
        with self.small_sorter():
            self.db.execute_sql(
                "DELETE FROM import_person WHERE first_line IN (SELECT r.line_no FROM import_row r JOIN "
                "(SELECT id_number, MIN(line_no) AS first_line FROM import_row GROUP BY id_number "
                "HAVING COUNT(*) > 1) d ON d.id_number = r.id_number AND r.line_no > d.first_line)"
            )
            self.db.execute_sql("CREATE UNIQUE INDEX import_person_id ON import_person (id_number)")
        # Usually every row names another person (a session's list names each candidate once): then a
        # row's person is the one made from it, found by the row number, in order, instead of by a
        # lookup of its ID number for each of a million rows.
        staged = self.db.execute_sql("SELECT COUNT(*) FROM import_row").fetchone()[0]
        persons = self.db.execute_sql("SELECT COUNT(*) FROM import_person").fetchone()[0]
        if staged == persons:
            self.row_person = self.row_person_any_name = "p.first_line = r.line_no"

    def _holder_probes(self) -> list[str]:
        """SQL finding the holder of a staged row `r` by its ID number — as the new number of an ID
        change found in step 2, as a holder's number, as a former number — leaving out the tables that
        have nothing to find (each probe costs a search per person)."""
        probes = []
        if self.db.execute_sql("SELECT 1 FROM import_change WHERE kind = 'id_number' LIMIT 1").fetchone():
            probes.append(
                "(SELECT MIN(x.holder_id) FROM import_change x WHERE x.kind = 'id_number' "
                "AND x.id_number = r.id_number)"
            )
        if self.db.execute_sql("SELECT 1 FROM holder LIMIT 1").fetchone():
            probes.append("(SELECT MIN(h.id) FROM holder h WHERE h.id_number = r.id_number)")
        if self.db.execute_sql("SELECT 1 FROM holder_identity WHERE kind = 'id_number' LIMIT 1").fetchone():
            probes.append(
                "(SELECT MIN(i.holder_id) FROM holder_identity i WHERE i.kind = 'id_number' "
                "AND i.value = r.id_number)"
            )
        return probes

    def sessions_used(self, session_ids: Sequence[int]) -> set[int]:
        """Which of `session_ids` a row that will be written refers to."""
        p = self.dialect.param
        used = set()
        for session_id in session_ids:
            row = self.db.execute_sql(
                f"SELECT 1 FROM import_row r WHERE r.session_id = {p} "
                f"AND EXISTS (SELECT 1 FROM import_person p WHERE {self.row_person}) LIMIT 1",
                (session_id,),
            ).fetchone()
            if row is not None:
                used.add(session_id)
        return used

    def remove_sessions(self, session_ids: Sequence[int]) -> None:
        """Delete sessions this import created that no written row refers to."""
        p = self.dialect.param
        self.db.cursor().executemany(f"DELETE FROM exam_session WHERE id = {p}", [(i,) for i in session_ids])

    def _mark_changed_persons(self) -> None:
        """Persons whose holder the import changes: a new ID number or name, or a new phone number."""
        if self.db.execute_sql("SELECT 1 FROM import_change LIMIT 1").fetchone() is not None:
            self.db.execute_sql(
                "UPDATE import_person SET changed = 1 "
                "WHERE id_number IN (SELECT id_number FROM import_change)"
            )
        self.db.execute_sql(
            "UPDATE import_person SET changed = 1 WHERE is_new = 0 AND phone IS NOT NULL AND phone <> "
            "COALESCE((SELECT h.phone FROM holder h WHERE h.id = import_person.holder_id), '')"
        )

    def differs(self, c: str, r: str, p: str) -> str:
        """SQL: the staged row `r` (with its person `p`) would change the certificate `c`."""
        return (
            f"({c}.holder_id <> {p}.holder_id OR {c}.qualification_id <> {r}.qualification_id "
            f"OR {c}.session_id <> {r}.session_id "
            f"OR ({r}.management_no IS NOT NULL AND {c}.management_no <> {r}.management_no) "
            f"OR ({r}.approved_on IS NOT NULL "
            f"AND ({c}.approved_on IS NULL OR {c}.approved_on <> {r}.approved_on)) "
            f"OR ({r}.issuer IS NOT NULL AND {c}.issuer <> {r}.issuer))"
        )

    def _count(self) -> Outcome:
        ok = "r.name = p.name"
        row = self.db.execute_sql(
            "SELECT COUNT(*), "
            f"COALESCE(SUM(CASE WHEN {ok} THEN 0 ELSE 1 END), 0), "
            f"COALESCE(SUM(CASE WHEN {ok} AND c.id IS NULL THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN {ok} AND c.id IS NOT NULL AND (p.changed = 1 OR "
            f"{self.differs('c', 'r', 'p')}) THEN 1 ELSE 0 END), 0) "
            f"FROM import_row r JOIN import_person p ON {self.row_person_any_name} "
            "LEFT JOIN certificate c ON c.cert_no = r.cert_no"
        ).fetchone()
        staged, mismatched, created, updated = (int(value) for value in row)
        unchanged = staged - mismatched - created - updated
        return Outcome(created=created, updated=updated, unchanged=unchanged, mismatched=mismatched)

    @contextmanager
    def small_sorter(self) -> Iterator[None]:
        """SQLite's sorter keeps as much in memory as the main database's page cache may hold (64 MiB
        here) before it spills to temporary files. Around the big sorts of an import the cache is
        lowered: memory stays well under 300 MB whatever the file's size, and many small sorted runs
        merged (on two threads) are faster here than one big sort (measured: 11 index builds of a
        million rows 7.7 s with 64 MiB, 4.2 s with 2 MiB)."""
        if not isinstance(self.db, SqliteDatabase):
            yield
            return
        cache = self.db.execute_sql("PRAGMA main.cache_size").fetchone()[0]
        self.db.execute_sql(f"PRAGMA main.cache_size = -{SORTER_CACHE_KIB}")
        self.db.execute_sql("PRAGMA threads = 2")
        try:
            yield
        finally:
            self.db.execute_sql(f"PRAGMA main.cache_size = {int(cache)}")
            self.db.execute_sql("PRAGMA threads = 0")
