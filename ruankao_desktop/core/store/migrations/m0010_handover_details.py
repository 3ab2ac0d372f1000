"""Migration 10: the details of every kind of handover (docs/domain.md "Handing certificates over"): a
unit's name, the courier and phone of a mailing, whether the holder's ID copy was seen, the scanned
委托书 or unit letter (kept in the database with its SHA-256, so that every desk of a centre sees it), and
an undo with who did it and why; and an index on when, for the day's handovers. A frozen copy of what it
creates."""

from __future__ import annotations

from peewee import BlobField, CharField, Database, DateTimeField, IntegerField, Model, PostgresqlDatabase

VERSION = 10
NAME = "handover_details"

COLUMNS = (
    "unit_name VARCHAR(255)",
    "phone VARCHAR(255)",
    "courier VARCHAR(255)",
    "id_copy_checked {boolean}",
    "attachment_id INTEGER REFERENCES handover_attachment (id) ON DELETE RESTRICT",
    "undone_at {datetime}",
    "undone_by VARCHAR(255)",
    "undone_terminal VARCHAR(255)",
    "undo_reason TEXT",
)


def apply(database: Database) -> None:
    class Frozen(Model):
        class Meta:
            legacy_table_names = False

    class HandoverAttachment(Frozen):
        file_name = CharField()
        media_type = CharField()
        size = IntegerField()
        sha256 = CharField(index=True)
        data = BlobField()
        created_at = DateTimeField()

    with database.bind_ctx([HandoverAttachment]):
        database.create_tables([HandoverAttachment])
    # The types peewee gives a DateTimeField and a BooleanField on each engine.
    server = isinstance(database, PostgresqlDatabase)
    types = {"datetime": "TIMESTAMP" if server else "DATETIME", "boolean": "BOOLEAN" if server else "INTEGER"}
    for column in COLUMNS:
        database.execute_sql(f"ALTER TABLE distribution ADD COLUMN {column.format(**types)}")
    database.execute_sql("CREATE INDEX distribution_attachment_id ON distribution (attachment_id)")
    database.execute_sql("CREATE INDEX distribution_at ON distribution (at)")  # the day's handovers
