"""Holders whose identity a list changes: a new ID number of the same person (a 证书编号 the database gives
to a holder of the same name, listed with another number), and a new name for a known ID number.

Steps 2 and 4 of `staging`: the rows are streamed and every decision goes to the temporary table
`import_change`, so memory stays flat whatever the list holds. `writer.Writer` applies the changes; the
old values stay findable as HolderIdentity rows (former ID numbers and names).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id, mask_name
from ruankao_desktop.core.importing.cells import NAME_MASK
from ruankao_desktop.core.importing.columns import Field
from ruankao_desktop.core.importing.lookups import iso_day
from ruankao_desktop.core.importing.report import ProblemLog, Rejection, RowNote

if TYPE_CHECKING:
    from ruankao_desktop.core.importing.staging import Staging

REJECT_BATCH = 5_000


class IdentityChanges:
    """Finds the identity changes of one staged list (see the module docstring)."""

    def __init__(self, staging: Staging) -> None:
        self._staging = staging
        self._db = staging.db
        self._sql = staging.dialect

    def resolve_certificate_holders(self, log: ProblemLog) -> None:
        """Step 2: rows whose 证书编号 the database gives to a holder with another ID number — an ID
        change of the same person (same name, a number no other holder has) or a conflict. The rows are
        streamed; what is decided goes to temporary tables, so memory stays flat."""
        sql = (
            "SELECT r.line_no, r.cert_no, r.name, r.id_number, h.id, h.name, h.id_number, h.id_type "
            "FROM import_row r JOIN certificate c ON c.cert_no = r.cert_no "
            "JOIN holder h ON h.id = c.holder_id "
            "WHERE h.id_number <> r.id_number AND NOT EXISTS (SELECT 1 FROM holder_identity i "
            "WHERE i.holder_id = h.id AND i.kind = 'id_number' AND i.value = r.id_number) "
            "ORDER BY r.line_no"
        )
        rejected: list[int] = []
        for (
            line,
            cert_no,
            name,
            id_number,
            holder_id,
            holder_name,
            old_number,
            old_type,
        ) in self._staging.fetch(sql):
            same_person = self._owner_of(id_number) in {None, holder_id} and (
                name == holder_name or self._has_former_name(holder_id, name)
            )
            if same_person and self._fits_id_changes(holder_id, id_number):
                self._add_changes(
                    [("id_number", holder_id, id_number, id_number, old_number, old_type, line)]
                )
                masked = {"old": mask_id(old_number, STAFF_POLICY), "new": mask_id(id_number, STAFF_POLICY)}
                label = self._staging.label(Field.ID_NUMBER)
                log.note(RowNote(line, label, "import.id_changed", {"cert_no": cert_no, **masked}))
                continue
            params = {
                "cert_no": cert_no,
                "name": mask_name(name, NAME_MASK),
                "holder": mask_name(holder_name, NAME_MASK),
            }
            label = self._staging.label(Field.CERT_NO)
            log.reject_row([Rejection(line, Field.CERT_NO, label, cert_no, "import.conflict_holder", params)])
            rejected.append(line)
            if len(rejected) >= REJECT_BATCH:
                self._staging.reject_lines(rejected)
                rejected.clear()
        self._staging.reject_lines(rejected)
        self._staging.remove_rejected()

    def _fits_id_changes(self, holder_id: int, id_number: str) -> bool:
        """A holder gets at most one new ID number from a list, and a number goes to one holder only."""
        p = self._sql.param
        taken = self._db.execute_sql(
            "SELECT 1 FROM import_change WHERE kind = 'id_number' "
            f"AND ((id_number = {p} AND holder_id <> {p}) OR (holder_id = {p} AND id_number <> {p})) LIMIT 1",
            (id_number, holder_id, holder_id, id_number),
        ).fetchone()
        return taken is None

    def _owner_of(self, id_number: str) -> int | None:
        p = self._sql.param
        row = self._db.execute_sql(
            f"SELECT id FROM holder WHERE id_number = {p} UNION ALL SELECT holder_id FROM holder_identity "
            f"WHERE kind = 'id_number' AND value = {p} LIMIT 1",
            (id_number, id_number),
        ).fetchone()
        return int(row[0]) if row else None

    def _has_former_name(self, holder_id: int, name: str) -> bool:
        p = self._sql.param
        return (
            self._db.execute_sql(
                f"SELECT 1 FROM holder_identity WHERE holder_id = {p} AND kind = 'name' AND value = {p}",
                (holder_id, name),
            ).fetchone()
            is not None
        )

    def _add_changes(self, changes: Sequence[tuple[Any, ...]]) -> None:
        """Record changes of holders: (kind, holder id, the list's ID number, new value, old value, old
        ID type, row). The same ID number and row change a holder once only."""
        if changes:
            marks = ", ".join([self._sql.param] * 7)
            self._db.cursor().executemany(
                "INSERT INTO import_change (kind, holder_id, id_number, new_value, old_value, old_type, "
                f"line_no) SELECT {marks} WHERE NOT EXISTS (SELECT 1 FROM import_change x "
                f"WHERE x.kind = {self._sql.param} AND x.holder_id = {self._sql.param} "
                f"AND x.id_number = {self._sql.param})",
                [(*change, change[0], change[1], change[2]) for change in changes],
            )

    def resolve_names(self, log: ProblemLog) -> None:
        """Step 4: a different name for a known holder becomes the current name or a former one,
        depending on whether the list's session is as recent as the holder's certificates."""
        self._db.execute_sql(
            "CREATE TEMP TABLE import_candidate (id_number TEXT PRIMARY KEY, holder_id INTEGER, "
            "current_name TEXT, listed_name TEXT, first_line INTEGER, latest_held DATE)"
        )
        self._db.execute_sql(
            "INSERT INTO import_candidate SELECT p.id_number, p.holder_id, h.name, p.name, p.first_line, "
            "(SELECT MAX(e.exam_date) FROM certificate c JOIN exam_session e ON e.id = c.session_id "
            "WHERE c.holder_id = h.id) "
            "FROM import_person p JOIN holder h ON h.id = p.holder_id "
            "WHERE p.is_new = 0 AND h.name <> p.name AND NOT EXISTS (SELECT 1 FROM holder_identity i "
            "WHERE i.holder_id = h.id AND i.kind = 'name' AND i.value = p.name)"
        )
        if self._db.execute_sql("SELECT 1 FROM import_candidate LIMIT 1").fetchone() is None:
            return
        # The latest session of each candidate's rows, in one pass over the staged rows.
        self._db.execute_sql("CREATE TEMP TABLE import_latest (id_number TEXT PRIMARY KEY, latest DATE)")
        self._db.execute_sql(
            "INSERT INTO import_latest SELECT r.id_number, MAX(r.session_date) FROM import_row r "
            "JOIN import_candidate k ON k.id_number = r.id_number GROUP BY r.id_number"
        )
        label = self._staging.label(Field.NAME)
        for id_number, holder_id, current, listed, line, latest_held, latest_listed in self._staging.fetch(
            "SELECT k.id_number, k.holder_id, k.current_name, k.listed_name, k.first_line, k.latest_held, "
            "l.latest FROM import_candidate k JOIN import_latest l ON l.id_number = k.id_number "
            "ORDER BY k.first_line"
        ):
            newer = latest_held is None or iso_day(latest_listed) >= iso_day(latest_held)
            params = {"old": mask_name(current, NAME_MASK), "new": mask_name(listed, NAME_MASK)}
            if newer and not self._renamed(holder_id):
                self._add_changes([("rename", holder_id, id_number, listed, current, None, line)])
                log.note(RowNote(line, label, "import.name_changed", params))
            else:
                self._add_changes([("former_name", holder_id, id_number, listed, current, None, line)])
                log.note(RowNote(line, label, "import.former_name_added", params))

    def _renamed(self, holder_id: int) -> bool:
        p = self._sql.param
        found = self._db.execute_sql(
            f"SELECT 1 FROM import_change WHERE kind = 'rename' AND holder_id = {p} LIMIT 1", (holder_id,)
        )
        return found.fetchone() is not None
