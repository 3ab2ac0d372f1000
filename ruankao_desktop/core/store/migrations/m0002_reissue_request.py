"""Migration 2: reissue applications (补发 / 换发 / 更新 / 未收到).

A frozen copy of the table as it shipped.
"""

from __future__ import annotations

from peewee import BlobField, CharField, Database, DateTimeField, ForeignKeyField, Model, TextField

VERSION = 2
NAME = "reissue_request"


def apply(database: Database) -> None:
    class Frozen(Model):
        class Meta:
            legacy_table_names = False

    class Certificate(Frozen):
        """Only what the foreign key needs: the table of migration 1 is not touched."""

    class ReissueRequest(Frozen):
        certificate = ForeignKeyField(Certificate, on_delete="RESTRICT")
        kind = CharField()
        status = CharField(index=True)
        applicant_name = CharField()
        phone = CharField(default="")
        email = CharField(default="")
        address = TextField(default="")
        reason = TextField(default="")
        documents = TextField(default="[]")
        photo = BlobField(null=True)
        photo_sha256 = CharField(null=True)
        tracking_no = CharField(unique=True, null=True)
        operator = CharField()
        terminal = CharField()
        created_at = DateTimeField()
        updated_at = DateTimeField()
        submitted_at = DateTimeField(null=True)

    with database.bind_ctx([Certificate, ReissueRequest]):
        database.create_tables([ReissueRequest])
