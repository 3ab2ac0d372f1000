"""Migration 3: printed documents and the verification codes on certificate copies.

A frozen copy of the tables as they shipped.
"""

from __future__ import annotations

from peewee import CharField, Database, DateTimeField, ForeignKeyField, IntegerField, Model

VERSION = 3
NAME = "printing"


def apply(database: Database) -> None:
    class Frozen(Model):
        class Meta:
            legacy_table_names = False

    class Certificate(Frozen):
        """Only what the foreign keys need: earlier tables are not touched."""

    class ReissueRequest(Frozen):
        """Only what the foreign keys need."""

    class PrintRecord(Frozen):
        serial = CharField(unique=True)
        kind = CharField(index=True)
        certificate = ForeignKeyField(Certificate, null=True, on_delete="RESTRICT")
        reissue_request = ForeignKeyField(ReissueRequest, null=True, on_delete="RESTRICT")
        sha256 = CharField()
        pages = IntegerField()
        operator = CharField()
        terminal = CharField()
        printed_at = DateTimeField()

    class VerificationCode(Frozen):
        code = CharField(unique=True)
        certificate = ForeignKeyField(Certificate, on_delete="RESTRICT")
        print_record = ForeignKeyField(PrintRecord, on_delete="RESTRICT")
        issued_at = DateTimeField()
        expires_at = DateTimeField()
        revoked_at = DateTimeField(null=True)

    with database.bind_ctx([Certificate, ReissueRequest, PrintRecord, VerificationCode]):
        database.create_tables([PrintRecord, VerificationCode])
