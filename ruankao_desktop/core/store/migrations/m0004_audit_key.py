"""Migration 4: the keyed audit chain (docs/architecture.md "The audit trail").

Events already written keep their unkeyed SHA-256 hash and are marked `scheme` 1; every later event is
keyed (2). The database gets an id of its own, naming its anchor file in the data folder, and the table
where a restore keeps the events it took out of the live trail. A frozen copy of the tables as they
shipped.
"""

from __future__ import annotations

import uuid

from peewee import CharField, Database, DateTimeField, IntegerField, Model, TextField

VERSION = 4
NAME = "audit_key"


def apply(database: Database) -> None:
    class Frozen(Model):
        class Meta:
            legacy_table_names = False

    class AuditChain(Frozen):
        database_id = CharField()

    class AuditArchive(Frozen):
        restore_hash = CharField(index=True)
        original_id = IntegerField()
        at = DateTimeField()
        actor = CharField()
        terminal = CharField()
        action = CharField()
        target = CharField()
        details = TextField()
        prev_hash = CharField()
        hash = CharField()
        scheme = IntegerField()

    database.execute_sql("ALTER TABLE audit_event ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1")
    with database.bind_ctx([AuditChain, AuditArchive]):
        database.create_tables([AuditChain, AuditArchive])
        AuditChain.create(database_id=uuid.uuid4().hex)
