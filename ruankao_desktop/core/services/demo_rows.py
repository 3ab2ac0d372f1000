"""The demo seeder's rows, one named tuple per table with its columns as fields, and the writer that
collects them and inserts them in batches with prepared statements."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from ruankao_desktop.core.store.database import bulk_insert, db


class SessionRow(NamedTuple):
    """A row of the `exam_session` table."""

    id: int
    code: str
    name: str
    exam_date: str
    results_date: str
    expected_arrival: str
    actual_arrival: str | None
    pickup_deadline: str | None
    notes: str


class HolderRow(NamedTuple):
    """A row of the `holder` table."""

    id: int
    name: str
    id_type: str
    id_number: str
    birth_date: str | None
    gender: str | None
    phone: str
    name_pinyin: str
    name_initials: str
    id_tail: str
    created_at: str


class IdentityRow(NamedTuple):
    """A row of the `holder_identity` table."""

    holder_id: int
    kind: str
    value: str
    id_type: str | None
    id_tail: str | None
    recorded_at: str
    note: str


class CertificateRow(NamedTuple):
    """A row of the `certificate` table."""

    id: int
    cert_no: str
    management_no: str
    qualification_id: int
    session_id: int
    holder_id: int
    approved_on: str
    issuer: str
    arrived_on: str | None
    handover: str | None
    reissue_pending: bool
    revoked_at: str | None
    revocation_reason: str | None
    supersedes_id: int | None
    version: int
    created_at: str
    updated_at: str


class DistributionRow(NamedTuple):
    """A row of the `distribution` table."""

    certificate_id: int
    event: str
    method: str | None
    recipient_name: str | None
    recipient_id_number: str | None
    address: str | None
    tracking_no: str | None
    operator: str
    terminal: str
    at: str
    courier: str | None = None
    phone: str | None = None


_Row = HolderRow | IdentityRow | CertificateRow | DistributionRow


class RowWriter:
    """Collects rows per table and writes them in batches."""

    # In foreign-key order: a flushed batch never refers to a row still waiting in a later table.
    TABLES: ClassVar[dict[type[_Row], str]] = {
        HolderRow: "holder",
        IdentityRow: "holder_identity",
        CertificateRow: "certificate",
        DistributionRow: "distribution",
    }

    def __init__(self) -> None:
        self.rows: dict[type[_Row], list[_Row]] = {row_type: [] for row_type in self.TABLES}
        self.counts: dict[type[_Row], int] = dict.fromkeys(self.TABLES, 0)

    def add(self, row: _Row) -> None:
        self.rows[type(row)].append(row)
        self.counts[type(row)] += 1

    def flush(self) -> None:
        for row_type, table in self.TABLES.items():
            if self.rows[row_type]:
                bulk_insert(db.obj, table, row_type._fields, self.rows[row_type])
                self.rows[row_type].clear()
