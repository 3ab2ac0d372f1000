"""Migration 11: the reissue workflow after submission (docs/domain.md "Reissue"): who reviewed an
application and when, the reason it was returned for, the upstream batch it went in, and the new
certificate it led to; the batches themselves. A frozen copy of what it creates."""

from __future__ import annotations

from peewee import CharField, Database, DateTimeField, IntegerField, Model, PostgresqlDatabase

VERSION = 11
NAME = "reissue_workflow"

COLUMNS = (
    "step_at {datetime}",
    "reviewed_at {datetime}",
    "reviewed_by VARCHAR(255)",
    "return_reason TEXT",
    "batch_id INTEGER REFERENCES reissue_batch (id) ON DELETE RESTRICT",
    "new_certificate_id INTEGER REFERENCES certificate (id) ON DELETE RESTRICT",
)
INDEXES = (
    "CREATE INDEX reissue_request_batch_id ON reissue_request (batch_id)",
    "CREATE UNIQUE INDEX reissue_request_new_certificate_id ON reissue_request (new_certificate_id)",
)


def apply(database: Database) -> None:
    class Frozen(Model):
        class Meta:
            legacy_table_names = False

    class ReissueBatch(Frozen):
        batch_no = CharField(unique=True)
        requests = IntegerField()
        workbook_sha256 = CharField()
        photos_sha256 = CharField()
        created_by = CharField()
        terminal = CharField()
        created_at = DateTimeField()

    with database.bind_ctx([ReissueBatch]):
        database.create_tables([ReissueBatch])
    datetime_type = "TIMESTAMP" if isinstance(database, PostgresqlDatabase) else "DATETIME"
    for column in COLUMNS:
        database.execute_sql(
            f"ALTER TABLE reissue_request ADD COLUMN {column.format(datetime=datetime_type)}"
        )
    for statement in INDEXES:
        database.execute_sql(statement)
