"""Holders whose identity a list changes: a new ID number of the same person (a 证书编号 the database gives
to a holder of the same name, listed with another number), and a new name for a known ID number.

Steps 2 and 4 of `staging`: the rows are streamed and every decision goes to the temporary table
`import_change`, so memory stays flat whatever the list holds. `writer.Writer` applies the changes; the
old values stay findable as HolderIdentity rows (former ID numbers and names).

No identity changes silently (step 5 of `staging`). Every kind of change needs the operator's
confirmation, and without it the rows of that person are held back — not written at all — while the rest of
the list imports:

- a new ID number, and a new current name, plainly change who the holder is on every screen, print and
  check;
- a name added as a *former* name changes less on screen, but it is identity data all the same: lookups,
  and the checks that match a name to an ID number, accept a former name as the holder's. A wrong name
  in a list (another person's row, a typo) would quietly become a name that finds and matches this
  holder, and the certificate of that row would be filed under them. So it is listed and confirmed too.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from ruankao_desktop.core.domain.masking import MaskPolicy, mask_id, mask_name
from ruankao_desktop.core.importing.cells import NAME_MASK
from ruankao_desktop.core.importing.columns import Field
from ruankao_desktop.core.importing.lookups import iso_day
from ruankao_desktop.core.importing.report import (
    MAX_LISTED,
    IdentityChange,
    IdentityChangeKind,
    ProblemLog,
    Rejection,
)

if TYPE_CHECKING:
    from ruankao_desktop.core.importing.staging import Staging

REJECT_BATCH = 5_000


class ChangeRow(NamedTuple):
    """One row of the temporary table `import_change`: a change of one holder, found at `line_no`."""

    kind: IdentityChangeKind
    holder_id: int
    id_number: str  # the list's ID number of the person (the new one, for an ID change)
    new_value: str
    old_value: str
    old_type: str | None  # the ID type of the old number, for an ID change
    line_no: int


class Listed(NamedTuple):
    """The identity changes of a list: the first `MAX_LISTED`, and how many there are."""

    changes: tuple[IdentityChange, ...]
    total: int


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
                self._add_change(
                    ChangeRow(
                        IdentityChangeKind.ID_NUMBER,
                        holder_id,
                        id_number,
                        id_number,
                        old_number,
                        old_type,
                        line,
                    )
                )
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

    def _add_change(self, change: ChangeRow) -> None:
        """Record a change of a holder; the same kind of change by the same ID number counts once."""
        p = self._sql.param
        marks = ", ".join([p] * len(ChangeRow._fields))
        self._db.execute_sql(
            f"INSERT INTO import_change ({', '.join(ChangeRow._fields)}) SELECT {marks} "
            f"WHERE NOT EXISTS (SELECT 1 FROM import_change x "
            f"WHERE x.kind = {p} AND x.holder_id = {p} AND x.id_number = {p})",
            (change.kind.value, *change[1:], change.kind.value, change.holder_id, change.id_number),
        )

    def resolve_names(self) -> None:
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
        for id_number, holder_id, current, listed, line, latest_held, latest_listed in self._staging.fetch(
            "SELECT k.id_number, k.holder_id, k.current_name, k.listed_name, k.first_line, k.latest_held, "
            "l.latest FROM import_candidate k JOIN import_latest l ON l.id_number = k.id_number "
            "ORDER BY k.first_line"
        ):
            newer = latest_held is None or iso_day(latest_listed) >= iso_day(latest_held)
            kind = (
                IdentityChangeKind.RENAME
                if newer and not self._renamed(holder_id)
                else IdentityChangeKind.FORMER_NAME
            )
            self._add_change(ChangeRow(kind, holder_id, id_number, listed, current, None, line))

    def _renamed(self, holder_id: int) -> bool:
        p = self._sql.param
        found = self._db.execute_sql(
            f"SELECT 1 FROM import_change WHERE kind = 'rename' AND holder_id = {p} LIMIT 1", (holder_id,)
        )
        return found.fetchone() is not None

    def listed(self, policy: MaskPolicy, *, held_back: bool) -> Listed:
        """The changes found, in row order, each with every row of the person it belongs to; the old and
        new values masked by `policy` (the staff screens' policy: the operator must be able to check
        a rename, which 张* → 张* would not let them do)."""
        total = int(self._db.execute_sql("SELECT COUNT(*) FROM import_change").fetchone()[0])
        if not total:
            return Listed((), 0)
        sql = (
            "SELECT x.line_no, x.kind, x.holder_id, x.old_value, x.new_value, f.cert_no, r.line_no "
            "FROM (SELECT * FROM import_change ORDER BY line_no, kind "
            f"LIMIT {MAX_LISTED}) x "
            "LEFT JOIN import_row f ON f.line_no = x.line_no "
            "JOIN import_person p ON p.id_number = x.id_number "
            f"JOIN import_row r ON {self._staging.row_person} "
            "ORDER BY x.line_no, x.kind, r.line_no"
        )
        changes = []
        for (line, kind, holder_id, old, new, cert_no), found in groupby(
            self._staging.fetch(sql), key=lambda found: found[:6]
        ):
            changes.append(
                IdentityChange(
                    row=line,
                    kind=IdentityChangeKind(kind),
                    holder_id=int(holder_id),
                    cert_no=cert_no or "",
                    old=_masked(IdentityChangeKind(kind), old, policy),
                    new=_masked(IdentityChangeKind(kind), new, policy),
                    rows=tuple(row[6] for row in found),
                    held_back=held_back,
                )
            )
        return Listed(tuple(changes), total)

    def hold_back(self) -> int:
        """Step 5 without the operator's confirmation: every row of a person whose holder the list
        would change leaves the staged rows, and the changes are dropped, so that none of it is
        written (and the phone number of such a row is not taken either). Rows giving that person's ID
        number with another name stay, to be rejected as before. Returns the rows held back."""
        self._db.execute_sql(
            "UPDATE import_person SET held = 1 WHERE id_number IN (SELECT id_number FROM import_change)"
        )
        cursor = self._db.execute_sql(
            "DELETE FROM import_row WHERE line_no IN (SELECT r.line_no FROM import_row r "
            f"JOIN import_person p ON {self._staging.row_person} WHERE p.held = 1)"
        )
        self._db.execute_sql("DELETE FROM import_change")
        return int(cursor.rowcount)


def _masked(kind: IdentityChangeKind, value: str, policy: MaskPolicy) -> str:
    return mask_id(value, policy) if kind is IdentityChangeKind.ID_NUMBER else mask_name(value, policy)
