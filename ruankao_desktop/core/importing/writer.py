"""Applying a staged and checked list (inside the caller's one write transaction): holder changes, new
holders, changed certificates (version + 1), new certificates.

A large load into a small table drops the indexes whose keys it would insert in random order and rebuilds
them after — SQLite sorts once instead of inserting a million random keys. They are rebuilt inside the
same transaction, so a failure anywhere restores them with everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from peewee import SqliteDatabase

from ruankao_desktop.core.domain.names import pinyin_keys
from ruankao_desktop.core.importing.rows import DEFAULT_ISSUER
from ruankao_desktop.core.importing.staging import FETCH, Outcome, Staging
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.store import search_index
from ruankao_desktop.core.store.database import bulk_insert, reset_sequences

# Rebuild the secondary indexes when at least this many certificates are created and no fewer than the
# table already holds: then one sort per index beats inserting as many random keys.
BULK_MIN_ROWS = 50_000


class Writer:
    """Writes what `Staging.analyse` found."""

    def __init__(self, staging: Staging) -> None:
        self._staging = staging
        self._db = staging.db
        self._sql = staging.dialect

    def apply(self, outcome: Outcome, *, now: datetime) -> Outcome:
        """Write what `Staging.analyse` found (inside the caller's transaction); returns `outcome` with
        what was written added."""
        stamp = now.isoformat(sep=" ")
        outcome.identities_added = self._apply_holder_changes(stamp)
        self._update_phones()
        existing = self._db.execute_sql("SELECT COUNT(*) FROM certificate").fetchone()[0]
        outcome.bulk = isinstance(self._db, SqliteDatabase) and outcome.created >= max(
            BULK_MIN_ROWS, existing
        )
        rebuild = self._drop_secondary_indexes() if outcome.bulk else []
        outcome.holders_created = self._insert_holders(stamp)
        if outcome.updated:
            self._update_certificates(stamp)
        inserted = self._insert_certificates(stamp) if outcome.created else 0
        self._rebuild(rebuild)
        if inserted != outcome.created:
            raise RuntimeError(f"import wrote {inserted} certificates, expected {outcome.created}")
        self._index(outcome)
        reset_sequences(self._db, ("holder", "certificate", "holder_identity", "exam_session"))
        return outcome

    def _apply_holder_changes(self, stamp: str) -> int:
        p = self._sql.param
        note = render("import.identity_note", "zh", file=self._staging.file_name)
        identities: list[tuple[Any, ...]] = []
        sql = "SELECT kind, holder_id, new_value, old_value, old_type FROM import_change ORDER BY line_no"
        for kind, holder_id, new_value, old_value, old_type in list(self._staging.fetch(sql)):
            if kind == "id_number":
                person = self._db.execute_sql(
                    f"SELECT id_type, birth_date, gender FROM import_person WHERE id_number = {p}",
                    (new_value,),
                ).fetchone()
                self._db.execute_sql(
                    f"UPDATE holder SET id_number = {p}, id_type = {p}, birth_date = {p}, gender = {p}, "
                    f"id_tail = {p} WHERE id = {p}",
                    (new_value, person[0], person[1], person[2], new_value[-4:], holder_id),
                )
                identities.append((holder_id, "id_number", old_value, old_type, old_value[-4:], stamp, note))
            elif kind == "rename":
                full, initials = pinyin_keys(new_value)
                self._db.execute_sql(
                    f"UPDATE holder SET name = {p}, name_pinyin = {p}, name_initials = {p} WHERE id = {p}",
                    (new_value, full, initials, holder_id),
                )
                identities.append((holder_id, "name", old_value, None, None, stamp, note))
            else:
                identities.append((holder_id, "name", new_value, None, None, stamp, note))
        if identities:
            columns = ("holder_id", "kind", "value", "id_type", "id_tail", "recorded_at", "note")
            bulk_insert(self._db, "holder_identity", columns, identities)
        return len(identities)

    def _index(self, outcome: Outcome) -> None:
        """The search keys of what was written: every key anew after a bulk load, else those of the
        listed certificates and of the holders whose names changed."""
        if outcome.bulk:  # with the page cache as it is: its rows go in at random places
            search_index.rebuild(self._db)
            return
        if outcome.created or outcome.updated or outcome.identities_added:
            # Two joins, not one OR of two IN lists: PostgreSQL cannot make an OR of subqueries a join,
            # and tests each certificate against the whole list instead (minutes for a large list).
            search_index.refresh(
                self._db,
                "SELECT c.id FROM certificate c JOIN import_row r ON r.cert_no = c.cert_no "
                "UNION SELECT c.id FROM certificate c JOIN import_change x ON x.holder_id = c.holder_id",
            )

    def _update_phones(self) -> None:
        """A phone number in the list replaces the holder's (an empty cell keeps it; a held-back row's
        does not count)."""
        self._db.execute_sql(
            "UPDATE holder SET phone = p.phone FROM import_person p WHERE p.holder_id = holder.id "
            "AND p.is_new = 0 AND p.held = 0 AND p.phone IS NOT NULL "
            "AND p.phone <> COALESCE(holder.phone, '')"
        )

    def _drop_secondary_indexes(self) -> list[str]:
        """Drop the indexes whose keys a load inserts in random order — every secondary index of holder,
        and the certificate's 管理号 — and return the statements that recreate them. The certificate's
        other indexes get keys that grow with the row order (ids), so they stay, and the load needs
        the certificate number's."""
        found = self._db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND (tbl_name = 'holder' OR name = 'certificate_management_no')"
        ).fetchall()
        for name, _ in found:
            self._db.execute_sql(f'DROP INDEX "{name}"')
        return [sql for _, sql in found]

    def _rebuild(self, statements: Sequence[str]) -> None:
        """Recreate dropped indexes."""
        with self._staging.small_sorter():
            for statement in statements:
                self._db.execute_sql(statement)

    def _insert_holders(self, stamp: str) -> int:
        p = self._sql.param
        self._db.execute_sql(
            "CREATE TEMP TABLE import_pinyin "
            "(name TEXT PRIMARY KEY, pinyin TEXT NOT NULL, initials TEXT NOT NULL)"
        )
        names = self._db.execute_sql("SELECT DISTINCT name FROM import_person WHERE is_new = 1")
        # The names are read to the end, a batch at a time, while the keys go into another table: a
        # SQLite cursor keeps its place when the same connection writes to a different table.
        while batch := names.fetchmany(FETCH):
            rows = [(name, *pinyin_keys(name)) for (name,) in batch]
            bulk_insert(self._db, "import_pinyin", ("name", "pinyin", "initials"), rows)
        tail = self._sql.tail4.format("p.id_number")
        cursor = self._db.execute_sql(
            "INSERT INTO holder (id, name, id_type, id_number, birth_date, gender, phone, name_pinyin, "
            f"name_initials, id_tail, created_at) SELECT p.holder_id, p.name, p.id_type, p.id_number, "
            f"p.birth_date, p.gender, p.phone, y.pinyin, y.initials, {tail}, {p} "
            "FROM import_person p JOIN import_pinyin y ON y.name = p.name WHERE p.is_new = 1 "
            "ORDER BY p.first_line",
            (stamp,),
        )
        return int(cursor.rowcount)

    def _update_certificates(self, stamp: str) -> int:
        p = self._sql.param
        cursor = self._db.execute_sql(
            "UPDATE certificate SET management_no = COALESCE(s.management_no, certificate.management_no), "
            "qualification_id = s.qualification_id, session_id = s.session_id, holder_id = s.holder_id, "
            "approved_on = COALESCE(s.approved_on, certificate.approved_on), "
            "issuer = COALESCE(s.issuer, certificate.issuer), version = certificate.version + 1, "
            f"updated_at = {p} "
            "FROM (SELECT r.*, p.holder_id FROM import_row r "
            f"JOIN import_person p ON {self._staging.row_person}) s "
            f"WHERE certificate.cert_no = s.cert_no AND {self._staging.differs('certificate', 's', 's')}",
            (stamp,),
        )
        return int(cursor.rowcount)

    def _insert_certificates(self, stamp: str) -> int:
        p = self._sql.param
        cursor = self._db.execute_sql(
            "INSERT INTO certificate (cert_no, management_no, qualification_id, session_id, holder_id, "
            "approved_on, issuer, arrived_on, handover, reissue_pending, revoked_at, revocation_reason, "
            "supersedes_id, version, created_at, updated_at) "
            "SELECT r.cert_no, COALESCE(r.management_no, ''), r.qualification_id, r.session_id, "
            "p.holder_id, "
            f"r.approved_on, COALESCE(r.issuer, {p}), NULL, NULL, {p}, NULL, NULL, NULL, 1, {p}, {p} "
            f"FROM import_row r JOIN import_person p ON {self._staging.row_person} "
            "WHERE true ORDER BY r.line_no ON CONFLICT (cert_no) DO NOTHING",
            (DEFAULT_ISSUER, False, stamp, stamp),
        )
        return int(cursor.rowcount)
